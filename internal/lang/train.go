package lang

import (
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// TrainOptions configures TrainNER. The zero value is not useful; start
// from DefaultTrainOptions.
type TrainOptions struct {
	// Seed fixes the order documents are visited in and the synthetic names
	// of the augmentation: the same seed and data give the same model bytes.
	Seed uint64
	// Epochs is the number of passes over the training data (default 12).
	Epochs int
	// HashBits sets the number of weight rows to 2^HashBits (default 20).
	HashBits int
	// Decoder is "greedy" (left to right with the two previous predicted
	// tags as features, the default) or "viterbi" (exact search over
	// first-order tag features).
	Decoder string
	// LexicalTransitions conjoins the previous tag with the word and its
	// shape in the Viterbi decoder (slower; off by default, see doc.go).
	LexicalTransitions bool
	// Gazetteer, Clusters and DocumentFeatures switch feature groups on:
	// gazetteer membership, word clusters learned from unlabelled text, and
	// document-level features (the word seen in lower case elsewhere, the
	// types already predicted for the word). All default to true.
	Gazetteer        bool
	Clusters         bool
	DocumentFeatures bool
	// AugmentFraction is the share of training documents copied once more
	// with their person and place names replaced by Arabic, Persian, Kurdish
	// and other non-Western names from the gazetteer (default 0.5), so the
	// model does not learn that names look like 1996 Reuters names.
	AugmentFraction float64
	// Log, when set, receives progress lines.
	Log io.Writer
	// Dev, when set, is tagged after every epoch and its F1 logged.
	Dev []CoNLLDocument
}

// DefaultTrainOptions returns the options the committed model was trained
// with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Seed:             1,
		Epochs:           12,
		HashBits:         18,
		Decoder:          "viterbi",
		Gazetteer:        true,
		Clusters:         true,
		DocumentFeatures: true,
		AugmentFraction:  0.5,
	}
}

// ErrNoTrainingData is returned when the training input holds no sentence.
var ErrNoTrainingData = errors.New("no training sentences")

// TrainNER trains a recogniser on CoNLL-format data read from r.
func TrainNER(r io.Reader, opts TrainOptions) (*NERModel, error) {
	docs, err := ReadCoNLL(r)
	if err != nil {
		return nil, fmt.Errorf("train ner: %w", err)
	}
	return TrainNERDocuments(docs, opts)
}

// trainDoc is a training document with its gold tags as indexes.
type trainDoc struct {
	in     []sentenceInput
	gold   [][]int
	static [][][]uint64
}

// TrainNERDocuments trains a recogniser on parsed CoNLL documents.
func TrainNERDocuments(docs []CoNLLDocument, opts TrainOptions) (*NERModel, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.HashBits < 10 || opts.HashBits > 26 {
		return nil, fmt.Errorf("train ner: HashBits %d outside 10..26", opts.HashBits)
	}
	viterbi := false
	switch opts.Decoder {
	case "", "greedy":
	case "viterbi":
		viterbi = true
	default:
		return nil, fmt.Errorf("train ner: unknown decoder %q (want greedy or viterbi)", opts.Decoder)
	}
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	if opts.AugmentFraction > 0 {
		docs = augmentDocuments(docs, opts.AugmentFraction, rng)
	}
	m := newNERModel(uint8(opts.HashBits), featureSet{Gazetteer: opts.Gazetteer, Clusters: opts.Clusters, Document: opts.DocumentFeatures}, viterbi, true)
	m.lexTrans = viterbi && opts.LexicalTransitions
	tagIndex := make(map[string]int, len(m.tags))
	for i, t := range m.tags {
		tagIndex[t] = i
	}
	var tds []trainDoc
	tokens := 0
	var sc tagScratch
	for di, d := range docs {
		sents := make([][]string, len(d.Sentences))
		gold := make([][]int, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Words
			gold[i] = make([]int, len(s.Tags))
			for j, t := range s.Tags {
				k, ok := tagIndex[t]
				if !ok {
					return nil, fmt.Errorf("train ner: document %d sentence %d: unknown tag %q: %w", di, i, t, ErrCoNLLFormat)
				}
				gold[i][j] = k
			}
			tokens += len(s.Words)
		}
		in, _ := m.prepareDocument(sents)
		td := trainDoc{in: in, gold: gold, static: make([][][]uint64, len(in))}
		for i := range in {
			st := m.staticFor(&sc, &in[i], nil)
			td.static[i] = make([][]uint64, len(st))
			for j := range st {
				td.static[i][j] = append([]uint64(nil), st[j]...)
			}
		}
		tds = append(tds, td)
	}
	if tokens == 0 {
		return nil, fmt.Errorf("train ner: %w", ErrNoTrainingData)
	}
	logf("train ner: %d documents, %d tokens, 2^%d buckets, %s decoder", len(tds), tokens, opts.HashBits, map[bool]string{false: "greedy", true: "viterbi"}[viterbi])

	n := len(m.tags)
	m.w32 = make([]float32, (1<<opts.HashBits)*n)
	tr := &trainer{m: m, u: make([]float64, len(m.w32)), c: 1}
	order := make([]int, len(tds))
	for i := range order {
		order[i] = i
	}
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, di := range order {
			errs += tr.trainDocument(&tds[di], &sc)
		}
		logf("epoch %d: %d token errors (%.2f%%) in %s", epoch, errs, 100*float64(errs)/float64(tokens), time.Since(start).Round(time.Millisecond))
		if len(opts.Dev) > 0 {
			avg := tr.averaged()
			p, r, f := avg.scoreDocuments(opts.Dev)
			logf("epoch %d dev: precision %.4f recall %.4f F1 %.4f", epoch, p, r, f)
		}
	}
	final := tr.averaged()
	final.quantize()
	final.fast = newFastTagger(final)
	return final, nil
}

type trainer struct {
	m *NERModel
	u []float64 // sum of step × update, for averaging
	c float64   // step counter
}

func (tr *trainer) update(feats []uint64, tag int, d float32) {
	n := len(tr.m.tags)
	for _, f := range feats {
		i := tr.m.bucket(f)*n + tag
		tr.m.w32[i] += d
		tr.u[i] += tr.c * float64(d)
	}
}

// trainDocument runs one perceptron pass over a document and returns the
// number of wrongly tagged tokens.
func (tr *trainer) trainDocument(td *trainDoc, sc *tagScratch) int {
	m := tr.m
	var dc *docContext
	if m.feats.Document {
		words := make([][]wordInfo, len(td.in))
		headline := make([]bool, len(td.in))
		for i := range td.in {
			words[i] = td.in[i].words
			headline[i] = td.in[i].allCaps || td.in[i].titleLine
		}
		dc = newDocContext(words, headline)
	}
	errs := 0
	var pred []int
	var emit [][]uint64
	for si := range td.in {
		s := &td.in[si]
		gold := td.gold[si]
		L := len(s.words)
		if cap(pred) < L {
			pred = make([]int, L)
		}
		pred = pred[:L]
		// Emission features: cached static ones plus the document history.
		for len(emit) < L {
			emit = append(emit, nil)
		}
		for i := 0; i < L; i++ {
			emit[i] = append(emit[i][:0], td.static[si][i]...)
			if m.feats.Document {
				emit[i] = historyFeatures(emit[i], dc, &s.words[i])
			}
		}
		if m.viterbi {
			m.decodeViterbi(sc, s, emit[:L], pred)
			same := true
			for i := range pred {
				if pred[i] != gold[i] {
					same = false
					errs++
				}
			}
			if !same {
				for i := 0; i < L; i++ {
					gp, pp := "<s>", "<s>"
					if i > 0 {
						gp, pp = m.tags[gold[i-1]], m.tags[pred[i-1]]
					}
					if gold[i] == pred[i] && gp == pp {
						continue
					}
					sc.feats = m.viterbiTransitionFeatures(sc.feats[:0], &s.words[i], gp)
					tr.update(emit[i], gold[i], 1)
					tr.update(sc.feats, gold[i], 1)
					sc.feats = m.viterbiTransitionFeatures(sc.feats[:0], &s.words[i], pp)
					tr.update(emit[i], pred[i], -1)
					tr.update(sc.feats, pred[i], -1)
				}
			}
			tr.c++
		} else {
			n := len(m.tags)
			if cap(sc.scores) < n {
				sc.scores = make([]float32, n)
			}
			scores := sc.scores[:n]
			p1, p2 := -1, -1
			for i := 0; i < L; i++ {
				for t := range scores {
					scores[t] = 0
				}
				m.addScores(scores, emit[i])
				sc.feats = dynamicFeatures(sc.feats[:0], &s.words[i], m.tagName(p1), m.tagName(p2), m.second)
				m.addScores(scores, sc.feats)
				best := -1
				for t := 0; t < n; t++ {
					if m.allowed(p1, t) && (best < 0 || scores[t] > scores[best]) {
						best = t
					}
				}
				if best != gold[i] {
					errs++
					tr.update(emit[i], gold[i], 1)
					tr.update(sc.feats, gold[i], 1)
					tr.update(emit[i], best, -1)
					tr.update(sc.feats, best, -1)
				}
				pred[i] = best
				tr.c++
				p2, p1 = p1, best
			}
		}
		m.recordHistory(dc, s, pred)
	}
	return errs
}

// averaged returns a copy of the model with averaged weights.
func (tr *trainer) averaged() *NERModel {
	m := *tr.m
	m.w32 = make([]float32, len(tr.m.w32))
	for i, w := range tr.m.w32 {
		m.w32[i] = float32(float64(w) - tr.u[i]/tr.c)
	}
	return &m
}

// quantize replaces float weights by 16-bit integers and a scale.
func (m *NERModel) quantize() {
	maxAbs := 0.0
	for _, w := range m.w32 {
		maxAbs = math.Max(maxAbs, math.Abs(float64(w)))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	m.scale = float32(maxAbs / 32767)
	m.w16 = make([]int16, len(m.w32))
	for i, w := range m.w32 {
		m.w16[i] = int16(math.Round(float64(w) / float64(m.scale)))
	}
	m.w32 = nil
}

// scoreDocuments tags docs and returns entity precision, recall and F1 by
// the conlleval rule (exact span and type).
func (m *NERModel) scoreDocuments(docs []CoNLLDocument) (p, r, f float64) {
	var tp, np, ng int
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Words
		}
		pred := m.TagDocument(sents)
		for i, s := range d.Sentences {
			g := SpansFromTags(s.Tags)
			ps := SpansFromTags(pred[i])
			ng += len(g)
			np += len(ps)
			set := make(map[EntitySpan]bool, len(g))
			for _, e := range g {
				set[e] = true
			}
			for _, e := range ps {
				if set[e] {
					tp++
				}
			}
		}
	}
	if np > 0 {
		p = float64(tp) / float64(np)
	}
	if ng > 0 {
		r = float64(tp) / float64(ng)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// viterbiTransitionFeatures are the features of a tag given the previous
// one in the Viterbi decoder.
func (m *NERModel) viterbiTransitionFeatures(out []uint64, w *wordInfo, prev string) []uint64 {
	out = append(out, feat(fTag1, prev))
	if m.lexTrans {
		out = lexicalTransitions(out, w, prev)
	}
	return out
}
