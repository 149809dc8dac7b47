package claimseval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/parallaxhq/parallax/internal/model"
)

// Gold is the part of a gold file the scorer reads.
type Gold struct {
	Documents      map[string]GoldDocument `json:"documents"`
	Entities       []GoldEntity            `json:"entities"`
	Quotes         []GoldQuote             `json:"quotes"`
	Contradictions []GoldContradiction     `json:"contradictions"`
}

// GoldDocument holds the stance of the actors an analyst marked in one document.
type GoldDocument struct {
	Stance map[string]string `json:"stance"` // entity id -> positive | negative | neutral
}

// GoldEntity is a real-world entity with the surface forms the corpus uses.
type GoldEntity struct {
	ID      string   `json:"id"`
	Aliases []string `json:"aliases"`
}

// GoldQuote is one attribution. Speaker is an entity id or "anonymous: description".
type GoldQuote struct {
	Doc     string `json:"doc"`
	Speaker string `json:"speaker"`
	Kind    string `json:"kind"`
	Text    string `json:"text"`
}

// GoldContradiction is a disagreement with the evidence text of each side.
type GoldContradiction struct {
	Topic string     `json:"topic"`
	Sides []GoldSide `json:"sides"`
}

// GoldSide is one position in a gold contradiction.
type GoldSide struct {
	Doc      string `json:"doc"`
	Claim    string `json:"claim"`
	Evidence string `json:"evidence"`
}

// ReadGold reads a gold file.
func ReadGold(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval claims: %w", err)
	}
	defer f.Close()
	g, err := ParseGold(f)
	if err != nil {
		return nil, fmt.Errorf("eval claims %s: %w", path, err)
	}
	return g, nil
}

// ParseGold decodes a gold file.
func ParseGold(r io.Reader) (*Gold, error) {
	var g Gold
	if err := json.NewDecoder(r).Decode(&g); err != nil {
		return nil, err
	}
	if len(g.Quotes) == 0 && len(g.Contradictions) == 0 && len(g.Documents) == 0 {
		return nil, fmt.Errorf("no quotes, contradictions or documents")
	}
	return &g, nil
}

// Predictions are what the pipeline found, keyed by source file name (the
// base name, e.g. "000_041c31fd1d543a30.txt"; a gold document key such as
// "000" matches the source whose base name starts with "000_").
type Predictions struct {
	Docs map[string]DocPrediction
	// Contradictions over the whole corpus. A side's Doc is a key of Docs,
	// or a document id that DocSource maps to one.
	Contradictions []model.Contradiction
	DocSource      map[string]string
	// EntityAliases lists the surface forms of each predicted entity id,
	// used to match frames to gold actors; when nil, a frame's Name and
	// Entity are matched against the gold aliases.
	EntityAliases map[string][]string
}

// DocPrediction is what was found in one document.
type DocPrediction struct {
	Text   string
	Quotes []model.Quote
	Frames []model.Frame
}

// Options tunes scoring.
type Options struct {
	// MinCoverage is the share of a gold text's words a prediction must
	// cover, in order, to match it (default 0.6).
	MinCoverage float64
}

// Report is the outcome of scoring.
type Report struct {
	Quotes              int      `json:"quotes"`
	QuotesFound         int      `json:"quotes_found"`
	QuotesSpeaker       int      `json:"quotes_speaker_right"`
	QuoteRecall         float64  `json:"quote_recall"`
	SpeakerAccuracy     float64  `json:"speaker_accuracy"` // right speaker / gold quotes
	Anonymous           int      `json:"anonymous"`
	AnonymousMarked     int      `json:"anonymous_marked"`
	Contradictions      int      `json:"contradictions"`
	ContradictionsFound int      `json:"contradictions_found"`
	Reported            int      `json:"contradictions_reported"`
	Stances             int      `json:"stances"`
	StancesRight        int      `json:"stances_right"`
	StanceAccuracy      float64  `json:"stance_accuracy"`
	Details             []string `json:"details,omitempty"`
}

// Score compares predictions with the gold.
func Score(g *Gold, p Predictions, opts Options) Report {
	if opts.MinCoverage <= 0 {
		opts.MinCoverage = 0.6
	}
	var r Report
	sourceOf := func(goldDoc string) (string, bool) {
		if _, ok := p.Docs[goldDoc]; ok {
			return goldDoc, true
		}
		var keys []string
		for k := range p.Docs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			b := filepath.Base(k)
			if strings.HasPrefix(b, goldDoc+"_") || strings.HasPrefix(b, goldDoc+".") || b == goldDoc {
				return k, true
			}
		}
		return "", false
	}
	aliases := map[string][]string{}
	for _, e := range g.Entities {
		aliases[e.ID] = e.Aliases
	}
	// Quotes.
	for _, gq := range g.Quotes {
		r.Quotes++
		anon := strings.HasPrefix(gq.Speaker, "anonymous")
		if anon {
			r.Anonymous++
		}
		src, ok := sourceOf(gq.Doc)
		if !ok {
			r.Details = append(r.Details, fmt.Sprintf("quote %s %q: document not predicted", gq.Doc, clip(gq.Text)))
			continue
		}
		gw := words(gq.Text)
		best, bestCov := -1, 0.0
		for i, q := range p.Docs[src].Quotes {
			if c := coverage(gw, words(q.Text)); c > bestCov {
				best, bestCov = i, c
			}
		}
		if best < 0 || bestCov < opts.MinCoverage {
			r.Details = append(r.Details, fmt.Sprintf("quote %s %q: not found", gq.Doc, clip(gq.Text)))
			continue
		}
		r.QuotesFound++
		q := p.Docs[src].Quotes[best]
		right := false
		if anon {
			right = q.Speaker.Anonymous
			if right {
				r.AnonymousMarked++
			}
		} else {
			right = speakerMatches(q.Speaker.Text, aliases[gq.Speaker])
		}
		if right {
			r.QuotesSpeaker++
		} else {
			r.Details = append(r.Details, fmt.Sprintf("quote %s %q: speaker %q (anonymous %v), gold %s", gq.Doc, clip(gq.Text), q.Speaker.Text, q.Speaker.Anonymous, gq.Speaker))
		}
	}
	if r.Quotes > 0 {
		r.QuoteRecall = float64(r.QuotesFound) / float64(r.Quotes)
		r.SpeakerAccuracy = float64(r.QuotesSpeaker) / float64(r.Quotes)
	}
	// Contradictions.
	r.Reported = len(p.Contradictions)
	sideText := func(s model.ContradictionSide) (string, string) {
		src := s.Doc
		if m, ok := p.DocSource[s.Doc]; ok {
			src = m
		}
		t := s.Text
		if t == "" {
			if d, ok := p.Docs[src]; ok && s.Start >= 0 && s.End <= len(d.Text) && s.Start < s.End {
				t = d.Text[s.Start:s.End]
			}
		}
		return src, t
	}
	for _, gc := range g.Contradictions {
		r.Contradictions++
		found := false
		for _, pc := range p.Contradictions {
			all := true
			for _, gs := range gc.Sides {
				src, ok := sourceOf(gs.Doc)
				if !ok {
					all = false
					break
				}
				ev := words(gs.Evidence)
				hit := false
				for _, s := range pc.Sides {
					if ss, t := sideText(s); ss == src && coverage(ev, words(t)) >= opts.MinCoverage {
						hit = true
						break
					}
				}
				if !hit {
					all = false
					break
				}
			}
			if all {
				found = true
				break
			}
		}
		if found {
			r.ContradictionsFound++
		} else {
			r.Details = append(r.Details, fmt.Sprintf("contradiction %q: not surfaced", gc.Topic))
		}
	}
	// Stances.
	var docs []string
	for d := range g.Documents {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	for _, d := range docs {
		var actors []string
		for a := range g.Documents[d].Stance {
			actors = append(actors, a)
		}
		sort.Strings(actors)
		key := strings.SplitN(filepath.Base(d), "_", 2)[0]
		src, ok := sourceOf(d)
		if !ok {
			src, ok = sourceOf(key)
		}
		for _, actor := range actors {
			want := g.Documents[d].Stance[actor]
			r.Stances++
			if !ok {
				r.Details = append(r.Details, fmt.Sprintf("stance %s %s: document not predicted", key, actor))
				continue
			}
			sum, n := 0.0, 0
			for _, f := range p.Docs[src].Frames {
				if frameMatches(f, aliases[actor], p.EntityAliases) {
					for _, e := range f.Evidence {
						sum += e.Weight
					}
					n += len(f.Evidence)
				}
			}
			got := "neutral"
			switch {
			case n > 0 && sum > 0:
				got = "positive"
			case n > 0 && sum < 0:
				got = "negative"
			}
			if got == want {
				r.StancesRight++
			} else {
				r.Details = append(r.Details, fmt.Sprintf("stance %s %s: got %s (%d evidence), gold %s", key, actor, got, n, want))
			}
		}
	}
	if r.Stances > 0 {
		r.StanceAccuracy = float64(r.StancesRight) / float64(r.Stances)
	}
	return r
}

func clip(s string) string {
	if len(s) > 50 {
		return s[:50] + "..."
	}
	return s
}

// words lower-cases text and splits it into letter-and-digit runs.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// coverage is the share of gold's words found, in order, in pred.
func coverage(gold, pred []string) float64 {
	if len(gold) == 0 {
		return 0
	}
	prev := make([]int, len(pred)+1)
	cur := make([]int, len(pred)+1)
	for i := 1; i <= len(gold); i++ {
		for j := 1; j <= len(pred); j++ {
			switch {
			case gold[i-1] == pred[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(pred)]) / float64(len(gold))
}

var titles = map[string]bool{"general": true, "lieutenant": true, "major": true, "ayatollah": true, "president": true,
	"seyyed": true, "sayyid": true, "the": true, "supreme": true, "leader": true, "prime": true, "minister": true, "mr": true, "dr": true}

// nameWords drops titles and articles from a name's words.
func nameWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		if !titles[w] {
			out = append(out, w)
		}
	}
	return out
}

// contains reports whether b occurs in a as a contiguous run of words.
func contains(a, b []string) bool {
	if len(b) == 0 || len(b) > len(a) {
		return false
	}
	for i := 0; i+len(b) <= len(a); i++ {
		ok := true
		for j := range b {
			if a[i+j] != b[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// speakerMatches reports whether a predicted speaker names the gold entity:
// the speaker's words (titles dropped) hold one of its aliases, or an alias
// holds them ("Barzani" for "Masoud Barzani").
func speakerMatches(speaker string, aliases []string) bool {
	sw := nameWords(speaker)
	if len(sw) == 0 {
		return false
	}
	for _, a := range aliases {
		aw := nameWords(a)
		if contains(sw, aw) || contains(aw, sw) {
			return true
		}
	}
	return false
}

// frameMatches reports whether a predicted frame is about the gold actor.
func frameMatches(f model.Frame, goldAliases []string, entityAliases map[string][]string) bool {
	names := entityAliases[f.Entity]
	if names == nil {
		names = []string{f.Name, strings.ReplaceAll(f.Entity, "-", " ")}
	}
	for _, n := range names {
		nw := nameWords(n)
		if len(nw) == 0 {
			continue
		}
		for _, a := range goldAliases {
			if equal(nw, nameWords(a)) {
				return true
			}
		}
	}
	return false
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
