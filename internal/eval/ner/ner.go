package ner

import (
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/parallaxhq/parallax/internal/lang"
)

// Scores are entity-level counts and rates.
type Scores struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Correct   int     `json:"correct"`
	Predicted int     `json:"predicted"`
	Gold      int     `json:"gold"`
}

// System is the score of one recogniser on the file.
type System struct {
	Overall Scores            `json:"overall"`
	PerType map[string]Scores `json:"per_type"`
	// OverallOwnTypes scores only the gold types the system can produce
	// (a peer without MISC is not charged for missing MISC entities).
	OverallOwnTypes *Scores `json:"overall_own_types,omitempty"`
	Seconds         float64 `json:"seconds"`
	TokensPerSecond float64 `json:"tokens_per_second"`
	Note            string  `json:"note,omitempty"`
}

// Report is the result of Evaluate: parallax's scores (Overall, PerType)
// and each peer's, measured on the same file in the same run.
type Report struct {
	File      string            `json:"file"`
	Sentences int               `json:"sentences"`
	Tokens    int               `json:"tokens"`
	Overall   Scores            `json:"overall"`
	PerType   map[string]Scores `json:"per_type"`
	Seconds   float64           `json:"seconds"`
	// TokensPerSecond is tagging speed over the pre-tokenised sentences.
	TokensPerSecond float64           `json:"tokens_per_second"`
	Peers           map[string]System `json:"peers,omitempty"`
}

// Options configures Evaluate.
type Options struct {
	// Model is the recogniser to score; nil means lang.DefaultNER().
	Model *lang.NERModel
	// Peers names the other recognisers to run on the same file; default
	// {"prose"}. Known: "prose" (github.com/jdkato/prose/v2 v2.0.0).
	Peers []string
}

// DefaultOptions scores the built-in model against prose.
func DefaultOptions() Options {
	return Options{Peers: []string{"prose"}}
}

// Evaluate reads a CoNLL file, tags it with the model and the peers, and
// scores each by the conlleval rule.
func Evaluate(path string, opts Options) (Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return Report{}, fmt.Errorf("eval ner: %w", err)
	}
	defer f.Close()
	docs, err := lang.ReadCoNLL(f)
	if err != nil {
		return Report{}, fmt.Errorf("eval ner %s: %w", path, err)
	}
	rep, err := EvaluateDocuments(docs, opts)
	rep.File = path
	return rep, err
}

// EvaluateDocuments is Evaluate on parsed documents.
func EvaluateDocuments(docs []lang.CoNLLDocument, opts Options) (Report, error) {
	m := opts.Model
	if m == nil {
		var err error
		if m, err = lang.DefaultNER(); err != nil {
			return Report{}, fmt.Errorf("eval ner: %w", err)
		}
	}
	var gold [][]string
	var rep Report
	for _, d := range docs {
		for _, s := range d.Sentences {
			gold = append(gold, s.Tags)
			rep.Tokens += len(s.Words)
		}
	}
	rep.Sentences = len(gold)
	start := time.Now()
	var pred [][]string
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Words
		}
		pred = append(pred, m.TagDocument(sents)...)
	}
	rep.Seconds = time.Since(start).Seconds()
	rep.TokensPerSecond = float64(rep.Tokens) / rep.Seconds
	rep.Overall, rep.PerType = Score(gold, pred)
	for _, name := range opts.Peers {
		p, ok := peers[name]
		if !ok {
			return rep, fmt.Errorf("eval ner: unknown peer %q (known: prose)", name)
		}
		start := time.Now()
		ppred, err := p.tag(docs)
		if err != nil {
			return rep, fmt.Errorf("eval ner: peer %s: %w", name, err)
		}
		sys := System{Seconds: time.Since(start).Seconds(), Note: p.note}
		sys.TokensPerSecond = float64(rep.Tokens) / sys.Seconds
		sys.Overall, sys.PerType = Score(gold, ppred)
		own := ScoreTypes(gold, ppred, p.types)
		sys.OverallOwnTypes = &own
		if rep.Peers == nil {
			rep.Peers = map[string]System{}
		}
		rep.Peers[name] = sys
	}
	return rep, nil
}

// Score compares predicted with gold IOB tags sentence by sentence by the
// conlleval rule: an entity is correct only when its span and type both
// match. Per-type keys are parallax types (PERSON, ORG, PLACE, MISC).
func Score(gold, pred [][]string) (Scores, map[string]Scores) {
	return scoreFiltered(gold, pred, nil)
}

// ScoreTypes is Score's overall figure restricted to gold and predicted
// entities of the given CoNLL types.
func ScoreTypes(gold, pred [][]string, types []string) Scores {
	keep := map[string]bool{}
	for _, t := range types {
		keep[t] = true
	}
	s, _ := scoreFiltered(gold, pred, keep)
	return s
}

func scoreFiltered(gold, pred [][]string, keep map[string]bool) (Scores, map[string]Scores) {
	per := map[string]*Scores{}
	get := func(t string) *Scores {
		k := lang.ModelType(t)
		if per[k] == nil {
			per[k] = &Scores{}
		}
		return per[k]
	}
	var all Scores
	for i := range gold {
		var p []string
		if i < len(pred) {
			p = pred[i]
		}
		g := lang.SpansFromTags(gold[i])
		ps := lang.SpansFromTags(p)
		gs := make(map[lang.EntitySpan]bool, len(g))
		for _, e := range g {
			if keep != nil && !keep[e.Type] {
				continue
			}
			gs[e] = true
			get(e.Type).Gold++
			all.Gold++
		}
		for _, e := range ps {
			if keep != nil && !keep[e.Type] {
				continue
			}
			get(e.Type).Predicted++
			all.Predicted++
			if gs[e] {
				get(e.Type).Correct++
				all.Correct++
			}
		}
	}
	out := map[string]Scores{}
	keys := make([]string, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := *per[k]
		s.rates()
		out[k] = s
	}
	all.rates()
	return all, out
}

func (s *Scores) rates() {
	if s.Predicted > 0 {
		s.Precision = float64(s.Correct) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Correct) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}
