package lang

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// The tagger's speed is bound by memory: each token reads some thirty
// weight rows at random from a 4.7 MB table. Half of those features depend
// on one word form only (the word itself, its shape, affixes and clusters;
// the word seen as the previous or next token), so a trained model sums
// them once per word form and keeps the sums in a per-goroutine cache of
// word forms, reused across documents. The sums are exact (integer weights
// summed in int32 before scaling), so tags are the same as without the
// cache; TestFastTaggerAgrees checks it.

// maxCachedWords bounds a word cache; past it the cache starts afresh.
const maxCachedWords = 1 << 16

// rowSum is a sum of weight rows, one int32 per tag.
type rowSum [16]int32

func (s *rowSum) add(o *rowSum) {
	for t := range s {
		s[t] += o[t]
	}
}

// wordEntry is what tagging needs of one word form: its wordInfo and the
// summed weights of the features that depend on it alone.
type wordEntry struct {
	wi wordInfo
	// self: features of the word as the current token; prev1, next1,
	// prev2, next2: as the token one or two before or after it.
	self, prev1, next1, prev2, next2 rowSum
	particle                         string // particleKind(lower)
	particleHash                     uint64
}

// fastTagger is the cached-sum tagging path of a trained (int16) model with
// a first-order Viterbi decoder.
type fastTagger struct {
	m *NERModel
	// sums of the sentence-edge features: the start seen as the previous
	// token (one and two back) and the end as the next (one and two ahead)
	prev1Start, prev2Start, next1End, next2End rowSum
	trans                                      []float32 // trans[(p+1)*n+t]: p = -1 is the start
	preds                                      [][]int   // tags that may precede each tag
	caches                                     sync.Pool // of *wordCache
}

type wordCache struct {
	words map[string]*wordEntry
	feats []uint64
	emit  []float32
}

// newFastTagger returns the fast path for m, or nil when m cannot use it
// (float weights under training, lexical transitions, a greedy decoder).
func newFastTagger(m *NERModel) *fastTagger {
	if m.w16 == nil || !m.viterbi || m.lexTrans || len(m.tags) > len(rowSum{}) {
		return nil
	}
	ft := &fastTagger{m: m}
	ft.sum(&ft.prev1Start, comb(fPrev1, hStart))
	ft.sum(&ft.prev2Start, comb(fPrev2, hStart))
	ft.sum(&ft.next1End, comb(fNext1, hEnd))
	ft.sum(&ft.next2End, comb(fNext2, hEnd))
	n := len(m.tags)
	ft.trans = make([]float32, (n+1)*n)
	for p := -1; p < n; p++ {
		m.addScores(ft.trans[(p+1)*n:(p+2)*n], []uint64{feat(fTag1, m.tagName(p))})
	}
	ft.preds = make([][]int, n)
	for t := 0; t < n; t++ {
		for p := 0; p < n; p++ {
			if m.allowed(p, t) {
				ft.preds[t] = append(ft.preds[t], p)
			}
		}
	}
	ft.caches.New = func() any { return &wordCache{words: make(map[string]*wordEntry, 1024)} }
	return ft
}

// sum adds the weight rows of feats to s.
func (ft *fastTagger) sum(s *rowSum, feats ...uint64) {
	m := ft.m
	n := len(m.tags)
	for _, f := range feats {
		row := m.w16[m.bucket(f)*n:][:n]
		for t, v := range row {
			s[t] += int32(v)
		}
	}
}

// entry returns the cached entry of a token text.
func (ft *fastTagger) entry(c *wordCache, tok string) *wordEntry {
	if e, ok := c.words[tok]; ok {
		return e
	}
	if len(c.words) >= maxCachedWords {
		clear(c.words)
	}
	tok = strings.Clone(tok) // the text of one document must not stay pinned
	e := &wordEntry{wi: makeWordInfo(tok)}
	w := &e.wi
	fs := ft.m.feats
	f := c.feats[:0]
	f = append(f, comb(fBias, 0), comb(fWord, w.hLower), comb(fWordExact, w.hNorm), comb(fShape, w.hShape), comb(fShapeLong, w.hLong))
	lw := w.lower
	for k, n := 0, 0; k < len(lw) && n < 4; n++ {
		_, size := utf8.DecodeRuneInString(lw[k:])
		k += size
		f = append(f, feat2(fPrefix, string(rune('0'+n)), lw[:k]))
	}
	for k, n := len(lw), 0; k > 0 && n < 4; n++ {
		_, size := utf8.DecodeLastRuneInString(lw[:k])
		k -= size
		f = append(f, feat2(fSuffix, string(rune('0'+n)), lw[k:]))
	}
	if fs.Clusters {
		f = append(f, comb(fCluster, w.hCoarse), comb(fCluster, w.hFine))
	}
	ft.sum(&e.self, f...)
	ft.sum(&e.prev1, comb(fPrev1, w.hLower))
	ft.sum(&e.next1, comb(fNext1, w.hLower))
	if fs.Clusters {
		ft.sum(&e.prev1, comb(fClusterPrev, w.hCoarse), comb(fClusterPrev, w.hFine))
		ft.sum(&e.next1, comb(fClusterNext, w.hCoarse), comb(fClusterNext, w.hFine))
	}
	ft.sum(&e.prev2, comb(fPrev2, w.hLower))
	ft.sum(&e.next2, comb(fNext2, w.hLower))
	if p := particleKind(w.lower); p != "" {
		e.particle, e.particleHash = p, hashString(fnvOffset, p)
	}
	c.feats = f[:0]
	c.words[tok] = e
	return e
}

// contextFeatures appends the features of token i of s that depend on its
// neighbours, the sentence or the document: staticFeatures (and
// historyFeatures) minus what the word entries hold.
func (ft *fastTagger) contextFeatures(out []uint64, s *sentenceInput, es []*wordEntry, i int, dc *docContext) []uint64 {
	words := s.words
	w := &words[i]
	word := func(j int) uint64 {
		if j < 0 {
			return hStart
		}
		if j >= len(words) {
			return hEnd
		}
		return words[j].hLower
	}
	shape := func(j int) uint64 {
		if j < 0 {
			return hStart
		}
		if j >= len(words) {
			return hEnd
		}
		return words[j].hShape
	}
	out = append(out,
		comb2(fPrevWord, word(i-1), w.hLower),
		comb2(fWordNext, w.hLower, word(i+1)),
		comb2(fShapePrev, shape(i-1), w.hShape),
		comb2(fShapeNext, w.hShape, shape(i+1)),
		comb2(fShapeTri, comb2(fShapeTri, shape(i-1), w.hShape), shape(i+1)),
		comb2(fPrevWordShape, word(i-1), w.hShape),
		comb2(fNextWordShape, w.hShape, word(i+1)),
	)
	if i == 0 {
		out = append(out, comb(fFirst, w.hShape))
	}
	if s.allCaps {
		out = append(out, comb(fCapsSentence, w.hShape))
	}
	if s.titleLine {
		out = append(out, comb(fTitleSentence, w.hShape))
	}
	if e := es[i]; e.particle != "" {
		out = append(out, comb2(fParticle, e.particleHash, shape(i+1)))
	}
	fs := ft.m.feats
	if fs.Document && dc != nil && (w.cap || w.caps) {
		if dc.lowerSeen[w.lower] {
			out = append(out, comb2(fLowerElsewhere, hashString(fnvOffset, boolStr(i == 0 || s.allCaps || s.titleLine)), w.hShape))
		}
		if (i == 0 || s.allCaps || s.titleLine) && dc.capSeen[w.lower] {
			out = append(out, comb(fCapElsewhere, w.hShape))
		}
	}
	if fs.Gazetteer && s.gaz != nil {
		out = appendGazFeatures(out, fGaz, s.gaz[i], w.cap)
		if i > 0 {
			out = appendGazFeatures(out, fGazPrev, s.gaz[i-1], words[i-1].cap)
		}
		if i+1 < len(words) {
			out = appendGazFeatures(out, fGazNext, s.gaz[i+1], words[i+1].cap)
		}
	}
	if fs.Document {
		out = historyFeatures(out, dc, w)
	}
	return out
}

// tagDocument is TagDocument on the fast path.
func (ft *fastTagger) tagDocument(sents [][]string) [][]string {
	m := ft.m
	c := ft.caches.Get().(*wordCache)
	defer ft.caches.Put(c)
	entries := make([][]*wordEntry, len(sents))
	words := make([][]wordInfo, len(sents))
	for i, s := range sents {
		es := make([]*wordEntry, len(s))
		ws := make([]wordInfo, len(s))
		for j, w := range s {
			es[j] = ft.entry(c, w)
			ws[j] = es[j].wi
		}
		entries[i], words[i] = es, ws
	}
	in, dc := m.prepareWords(words)
	out := make([][]string, len(sents))
	var idx []int
	var lat []float32
	var back []int16
	n := len(m.tags)
	for si := range in {
		s := &in[si]
		L := len(s.words)
		if cap(idx) < L {
			idx = make([]int, L)
		}
		idx = idx[:L]
		if L > 0 {
			if cap(lat) < L*n {
				lat = make([]float32, L*n)
				back = make([]int16, L*n)
			}
			ft.viterbi(c, s, entries[si], dc, lat[:L*n], back[:L*n], idx)
		}
		m.recordHistory(dc, s, idx)
		tags := make([]string, L)
		for j, t := range idx {
			tags[j] = m.tags[t]
		}
		out[si] = tags
	}
	harmonizeTypes(sents, out)
	return out
}

// viterbi decodes one sentence; it computes the same scores, in the same
// order of float operations, as decodeViterbi.
func (ft *fastTagger) viterbi(c *wordCache, s *sentenceInput, es []*wordEntry, dc *docContext, lat []float32, back []int16, out []int) {
	m := ft.m
	n := len(m.tags)
	L := len(s.words)
	if cap(c.emit) < n {
		c.emit = make([]float32, n)
	}
	emit := c.emit[:n]
	T := ft.trans
	for i := 0; i < L; i++ {
		acc := es[i].self
		if i > 0 {
			acc.add(&es[i-1].prev1)
		} else {
			acc.add(&ft.prev1Start)
		}
		if i > 1 {
			acc.add(&es[i-2].prev2)
		} else {
			acc.add(&ft.prev2Start)
		}
		if i+1 < L {
			acc.add(&es[i+1].next1)
		} else {
			acc.add(&ft.next1End)
		}
		if i+2 < L {
			acc.add(&es[i+2].next2)
		} else {
			acc.add(&ft.next2End)
		}
		c.feats = ft.contextFeatures(c.feats[:0], s, es, i, dc)
		ft.sum(&acc, c.feats...)
		for t := range emit {
			emit[t] = float32(acc[t]) * m.scale
		}
		row := lat[i*n : (i+1)*n]
		if i == 0 {
			for t := 0; t < n; t++ {
				if !m.allowed(-1, t) {
					row[t] = -1e30
				} else {
					row[t] = emit[t] + T[t]
				}
				back[t] = -1
			}
			continue
		}
		prevRow := lat[(i-1)*n : i*n]
		for t := 0; t < n; t++ {
			best := float32(-1e30)
			bp := int16(0)
			for _, p := range ft.preds[t] {
				if prevRow[p] <= -1e29 {
					continue
				}
				if v := prevRow[p] + T[(p+1)*n+t] + emit[t]; v > best {
					best, bp = v, int16(p)
				}
			}
			row[t] = best
			back[i*n+t] = bp
		}
	}
	best := 0
	last := lat[(L-1)*n:]
	for t := 1; t < n; t++ {
		if last[t] > last[best] {
			best = t
		}
	}
	for i := L - 1; i >= 0; i-- {
		out[i] = best
		best = int(back[i*n+best])
	}
}
