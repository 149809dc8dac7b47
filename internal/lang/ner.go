package lang

import "strings"

// NERModel is a trained named-entity recogniser: an averaged perceptron over
// hashed features that tags tokens O, B-X or I-X with X one of PER, ORG, LOC
// and MISC. It is read-only once built and safe for concurrent use.
type NERModel struct {
	hashBits uint8
	tags     []string // tag names; tags[0] is "O"
	tagType  []int8   // entity type index of each tag, -1 for O
	tagBegin []bool
	feats    featureSet
	viterbi  bool
	lexTrans bool // Viterbi: previous tag conjoined with word and shape
	second   bool // second-order tag feature (greedy decoder only)

	// Weights: rows of len(tags) per hash bucket. A trained model holds
	// quantised weights (w16 × scale); a model under training holds w32.
	w16   []int16
	scale float32
	w32   []float32

	// fast is the cached-sum tagging path of a trained model (fasttag.go);
	// nil while training.
	fast *fastTagger
}

// bioTags lists the tags in model order.
func bioTags() []string {
	tags := []string{"O"}
	for _, t := range entityTypes {
		tags = append(tags, "B-"+t, "I-"+t)
	}
	return tags
}

func newNERModel(hashBits uint8, feats featureSet, viterbi, second bool) *NERModel {
	m := &NERModel{hashBits: hashBits, tags: bioTags(), feats: feats, viterbi: viterbi, second: second && !viterbi}
	m.initTags()
	return m
}

func (m *NERModel) initTags() {
	m.tagType = make([]int8, len(m.tags))
	m.tagBegin = make([]bool, len(m.tags))
	for i, t := range m.tags {
		m.tagType[i] = -1
		if t == "O" {
			continue
		}
		m.tagBegin[i] = t[0] == 'B'
		for k, e := range entityTypes {
			if t[2:] == e {
				m.tagType[i] = int8(k)
			}
		}
	}
}

// bucket maps a feature hash to its weight row.
func (m *NERModel) bucket(h uint64) int {
	// Finalise the FNV hash (splitmix64) so its top bits are well mixed.
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return int(h >> (64 - uint(m.hashBits)))
}

// addScores adds the weights of feats to scores (one per tag).
func (m *NERModel) addScores(scores []float32, feats []uint64) {
	n := len(m.tags)
	if m.w32 != nil {
		for _, f := range feats {
			row := m.w32[m.bucket(f)*n:][:n]
			for t, v := range row {
				scores[t] += v
			}
		}
		return
	}
	var acc [16]int32
	for _, f := range feats {
		row := m.w16[m.bucket(f)*n:][:n]
		for t, v := range row {
			acc[t] += int32(v)
		}
	}
	for t := 0; t < n; t++ {
		scores[t] += float32(acc[t]) * m.scale
	}
}

// allowed reports whether tag t may follow tag prev under IOB2.
func (m *NERModel) allowed(prev, t int) bool {
	if m.tagType[t] < 0 || m.tagBegin[t] {
		return true
	}
	return prev >= 0 && m.tagType[prev] == m.tagType[t]
}

// sentenceInput is a sentence prepared for tagging.
type sentenceInput struct {
	words     []wordInfo
	allCaps   bool
	titleLine bool
	gaz       []gazMatch
}

// tagScratch holds per-call buffers so tagging allocates little.
type tagScratch struct {
	feats  []uint64
	static [][]uint64
	scores []float32
	lat    []float32 // Viterbi lattice
	trans  []float32
	back   []int16
}

// staticFor computes the static features of every token of s.
func (m *NERModel) staticFor(sc *tagScratch, s *sentenceInput, dc *docContext) [][]uint64 {
	for len(sc.static) < len(s.words) {
		sc.static = append(sc.static, nil)
	}
	st := sc.static[:len(s.words)]
	for i := range s.words {
		st[i] = m.feats.staticFeatures(st[i][:0], s.words, i, dc, s.allCaps, s.titleLine, s.gaz)
		if m.feats.Document {
			st[i] = historyFeatures(st[i], dc, &s.words[i])
		}
	}
	return st
}

// decode tags one sentence whose static features are st, writing tag
// indexes to out.
func (m *NERModel) decode(sc *tagScratch, s *sentenceInput, st [][]uint64, out []int) {
	if m.viterbi {
		m.decodeViterbi(sc, s, st, out)
		return
	}
	n := len(m.tags)
	if cap(sc.scores) < n {
		sc.scores = make([]float32, n)
	}
	scores := sc.scores[:n]
	p1, p2 := -1, -1
	for i := range s.words {
		for t := range scores {
			scores[t] = 0
		}
		m.addScores(scores, st[i])
		sc.feats = dynamicFeatures(sc.feats[:0], &s.words[i], m.tagName(p1), m.tagName(p2), m.second)
		m.addScores(scores, sc.feats)
		best := -1
		for t := 0; t < n; t++ {
			if !m.allowed(p1, t) {
				continue
			}
			if best < 0 || scores[t] > scores[best] {
				best = t
			}
		}
		out[i] = best
		p2, p1 = p1, best
	}
}

func (m *NERModel) tagName(t int) string {
	if t < 0 {
		return "<s>"
	}
	return m.tags[t]
}

// decodeViterbi finds the best tag sequence under first-order tag features.
func (m *NERModel) decodeViterbi(sc *tagScratch, s *sentenceInput, st [][]uint64, out []int) {
	n := len(m.tags)
	L := len(s.words)
	if L == 0 {
		return
	}
	need := L * n
	if cap(sc.lat) < need {
		sc.lat = make([]float32, need)
		sc.back = make([]int16, need)
	}
	lat, back := sc.lat[:need], sc.back[:need]
	if cap(sc.scores) < n {
		sc.scores = make([]float32, n)
	}
	// Transition scores: T[p+1][t] for previous tag p (-1 = start).
	if cap(sc.trans) < (n+1)*n {
		sc.trans = make([]float32, (n+1)*n)
	}
	T := sc.trans[:(n+1)*n]
	for i := range T {
		T[i] = 0
	}
	for p := -1; p < n; p++ {
		sc.feats = append(sc.feats[:0], feat(fTag1, m.tagName(p)))
		m.addScores(T[(p+1)*n:(p+2)*n], sc.feats)
	}
	emit := make([]float32, n)
	trans := sc.scores[:n]
	for i := 0; i < L; i++ {
		for t := range emit {
			emit[t] = 0
		}
		m.addScores(emit, st[i])
		if i == 0 {
			copy(trans, T[:n])
			if m.lexTrans {
				sc.feats = lexicalTransitions(sc.feats[:0], &s.words[i], "<s>")
				m.addScores(trans, sc.feats)
			}
			for t := 0; t < n; t++ {
				if !m.allowed(-1, t) {
					lat[t] = -1e30
				} else {
					lat[t] = emit[t] + trans[t]
				}
				back[t] = -1
			}
			continue
		}
		row := lat[i*n : (i+1)*n]
		for t := range row {
			row[t] = -1e30
		}
		prevRow := lat[(i-1)*n : i*n]
		for p := 0; p < n; p++ {
			if prevRow[p] <= -1e29 {
				continue
			}
			copy(trans, T[(p+1)*n:(p+2)*n])
			if m.lexTrans {
				sc.feats = lexicalTransitions(sc.feats[:0], &s.words[i], m.tags[p])
				m.addScores(trans, sc.feats)
			}
			for t := 0; t < n; t++ {
				if !m.allowed(p, t) {
					continue
				}
				v := prevRow[p] + trans[t] + emit[t]
				if v > row[t] {
					row[t] = v
					back[i*n+t] = int16(p)
				}
			}
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

// recordHistory adds a tagged sentence's entity types to the document's
// prediction history.
func (m *NERModel) recordHistory(dc *docContext, s *sentenceInput, tags []int) {
	if dc == nil || !m.feats.Document {
		return
	}
	for i, t := range tags {
		w := s.words[i]
		if m.tagType[t] < 0 || !(w.cap || w.caps) {
			continue
		}
		h := dc.history[w.lower]
		if h == nil {
			h = new([4]uint16)
			dc.history[w.lower] = h
		}
		if h[m.tagType[t]] < 1<<15 {
			h[m.tagType[t]]++
		}
	}
}

// prepareDocument turns tokenised sentences into tagger input and the
// document context.
func (m *NERModel) prepareDocument(sents [][]string) ([]sentenceInput, *docContext) {
	words := make([][]wordInfo, len(sents))
	for i, s := range sents {
		ws := make([]wordInfo, len(s))
		for j, w := range s {
			ws[j] = makeWordInfo(w)
		}
		words[i] = ws
	}
	return m.prepareWords(words)
}

// prepareWords is prepareDocument from the sentences' word infos.
func (m *NERModel) prepareWords(words [][]wordInfo) ([]sentenceInput, *docContext) {
	in := make([]sentenceInput, len(words))
	headline := make([]bool, len(words))
	for i, ws := range words {
		in[i].words = ws
		in[i].allCaps, in[i].titleLine = sentenceFlags(ws)
		headline[i] = in[i].allCaps || in[i].titleLine
		if m.feats.Gazetteer {
			in[i].gaz = defaultGazetteer().match(ws)
		}
	}
	var dc *docContext
	if m.feats.Document {
		dc = newDocContext(words, headline)
	}
	return in, dc
}

// TagDocument tags the sentences of one document (each a slice of token
// texts) with IOB2 tags: O, B-PER, I-PER, B-ORG, ..., B-LOC, ..., B-MISC.
// Sentences of one document are tagged together because the recogniser
// uses what the document says elsewhere (a word seen in lower case, the
// types already given to a word).
func (m *NERModel) TagDocument(sents [][]string) [][]string {
	if m.fast != nil {
		return m.fast.tagDocument(sents)
	}
	return m.tagDocumentSlow(sents)
}

// tagDocumentSlow is TagDocument without the word cache: the path of a
// model under training, and the reference the fast path is tested against.
func (m *NERModel) tagDocumentSlow(sents [][]string) [][]string {
	in, dc := m.prepareDocument(sents)
	var sc tagScratch
	out := make([][]string, len(sents))
	var idx []int
	for i := range in {
		s := &in[i]
		if cap(idx) < len(s.words) {
			idx = make([]int, len(s.words))
		}
		idx = idx[:len(s.words)]
		st := m.staticFor(&sc, s, dc)
		m.decode(&sc, s, st, idx)
		m.recordHistory(dc, s, idx)
		tags := make([]string, len(idx))
		for j, t := range idx {
			tags[j] = m.tags[t]
		}
		out[i] = tags
	}
	harmonizeTypes(sents, out)
	return out
}

// harmonizeTypes gives every mention of the same name in a document the
// type most of its mentions got (ties keep each mention's own type), so a
// name the model is unsure of is not a person in one sentence and an
// organisation in the next.
func harmonizeTypes(sents [][]string, tags [][]string) {
	type loc struct{ s, start, end int }
	byName := map[string][]loc{}
	votes := map[string]*[4]int{}
	var order []string
	for si, ts := range tags {
		for _, sp := range SpansFromTags(ts) {
			name := strings.ToLower(strings.Join(sents[si][sp.Start:sp.End], " "))
			if _, ok := byName[name]; !ok {
				order = append(order, name)
				votes[name] = new([4]int)
			}
			byName[name] = append(byName[name], loc{si, sp.Start, sp.End})
			for k, e := range entityTypes {
				if e == sp.Type {
					votes[name][k]++
				}
			}
		}
	}
	for _, name := range order {
		v := votes[name]
		best, second := 0, -1
		for k := 1; k < 4; k++ {
			if v[k] > v[best] {
				best = k
			}
		}
		for k := 0; k < 4; k++ {
			if k != best && (second < 0 || v[k] > v[second]) {
				second = k
			}
		}
		if v[best] == 0 || v[second] == 0 || v[best] == v[second] {
			continue
		}
		for _, l := range byName[name] {
			for j := l.start; j < l.end; j++ {
				prefix := "I-"
				if j == l.start {
					prefix = "B-"
				}
				tags[l.s][j] = prefix + entityTypes[best]
			}
		}
	}
}

// EntitySpan is an entity found in a tagged token sequence: tokens
// [Start, End) of type Type (PER, ORG, LOC or MISC).
type EntitySpan struct {
	Start, End int
	Type       string
}

// SpansFromTags reads entity spans from IOB2 (or IOB1) tags, the way
// conlleval does: an I-X that does not continue an X entity opens one.
func SpansFromTags(tags []string) []EntitySpan {
	var out []EntitySpan
	open := -1
	typ := ""
	for i, t := range tags {
		var ty string
		begin := false
		if t != "O" && len(t) > 2 {
			ty = t[2:]
			begin = t[0] == 'B'
		} else if t != "O" {
			ty = t
			begin = true
		}
		if open >= 0 && (ty == "" || begin || ty != typ) {
			out = append(out, EntitySpan{Start: open, End: i, Type: typ})
			open = -1
		}
		if ty != "" && open < 0 {
			open, typ = i, ty
		}
	}
	if open >= 0 {
		out = append(out, EntitySpan{Start: open, End: len(tags), Type: typ})
	}
	return out
}
