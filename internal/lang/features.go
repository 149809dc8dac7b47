package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is a 64-bit FNV-1a hash of its template
// id and its string parts; the model maps hashes to weight rows by their
// top bits (feature hashing), so no feature dictionary is stored.
const (
	fBias byte = iota + 1
	fWord
	fWordExact
	fPrev1
	fNext1
	fPrev2
	fNext2
	fPrevWord
	fWordNext
	fShape
	fShapeLong
	fShapePrev
	fShapeNext
	fShapeTri
	fPrefix
	fSuffix
	fFirst
	fCapsSentence
	fTitleSentence
	fLowerElsewhere
	fCapElsewhere
	fGaz
	fGazPrev
	fGazNext
	fCluster
	fClusterPrev
	fClusterNext
	fHistory
	fPrevWordShape
	fNextWordShape
	fParticle
	// Dynamic features, conjoined with previous tags.
	fTag1
	fTag2
	fTag1Word
	fTag1Shape
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * fnvPrime }

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func feat(t byte, s string) uint64 { return hashString(hashByte(fnvOffset, t), s) }

func feat2(t byte, a, b string) uint64 {
	return hashString(hashByte(hashString(hashByte(fnvOffset, t), a), 0x1f), b)
}

func feat3(t byte, a, b, c string) uint64 {
	return hashString(hashByte(feat2(t, a, b), 0x1f), c)
}

// wordInfo is what the features need to know of one token.
type wordInfo struct {
	norm         string // punctuation normalised to the training data's ASCII forms
	lower        string
	shape        string // Xxxx → Xx, al-Sakher → x-Xx
	long         string // Xxxxx (up to 8 classes)
	cap          bool   // starts with an upper-case letter
	caps         bool   // all letters upper case, at least two letters
	lowerInitial bool

	// Hashes of the strings above and of the word's clusters, computed once
	// per token and combined with template ids by comb.
	hLower, hNorm, hShape, hLong uint64
	hCoarse, hFine               uint64
}

var (
	hStart = hashString(fnvOffset, "<s>")
	hEnd   = hashString(fnvOffset, "</s>")
)

// comb and comb2 make a feature hash from a template id and one or two
// string hashes (order matters).
func comb(t byte, a uint64) uint64 {
	return (a + uint64(t)*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
}

func comb2(t byte, a, b uint64) uint64 {
	h := comb(t, a)
	h ^= h >> 31
	return (h ^ (b<<23 | b>>41)) * 0x94d049bb133111eb
}

var punctNorm = strings.NewReplacer(
	"\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"", "\u201e", "\"", "\u00ab", "\"", "\u00bb", "\"",
	"\u2013", "-", "\u2014", "--", "\u2015", "--", "\u2026", "...", "\u2010", "-", "\u2011", "-", "\u00a0", " ",
)

func normalizeToken(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return punctNorm.Replace(s)
		}
	}
	return s
}

func makeWordInfo(tok string) wordInfo {
	n := normalizeToken(tok)
	wi := wordInfo{norm: n, lower: lowerASCIIFast(n)}
	var sb, lb [32]byte
	short, long := sb[:0], lb[:0]
	letters, uppers := 0, 0
	var last byte
	for i, r := range n {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			letters++
			uppers++
		case unicode.IsLetter(r):
			c = 'x'
			letters++
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if i == 0 {
			wi.cap = c == 'X'
			wi.lowerInitial = c == 'x'
		}
		if c != last && len(short) < cap(short) {
			short = append(short, c)
		}
		if len(long) < 8 {
			long = append(long, c)
		}
		last = c
	}
	wi.caps = letters >= 2 && uppers == letters
	wi.shape = string(short)
	wi.long = string(long)
	wi.hLower = hashString(fnvOffset, wi.lower)
	wi.hNorm = hashString(fnvOffset, wi.norm)
	wi.hShape = hashString(fnvOffset, wi.shape)
	wi.hLong = hashString(fnvOffset, wi.long)
	if c, ok := defaultClusters().paths[wi.lower]; ok {
		wi.hCoarse = hashString(fnvOffset, c[0])
		wi.hFine = hashString(fnvOffset, c[1])
	} else {
		wi.hCoarse, wi.hFine = hStart, hStart
	}
	return wi
}

// lowerASCIIFast lower-cases s, avoiding an allocation when it is already
// lower case.
func lowerASCIIFast(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// titleCase returns a word with only its first letter upper case.
func titleCase(lower string) string {
	r, size := utf8.DecodeRuneInString(lower)
	if r == utf8.RuneError {
		return lower
	}
	return string(unicode.ToUpper(r)) + lower[size:]
}

// docContext holds document-wide facts used as features: the words seen in
// lower case, the words seen capitalised away from the start of a sentence,
// and the entity types predicted so far for each word.
type docContext struct {
	lowerSeen map[string]bool
	capSeen   map[string]bool
	history   map[string]*[4]uint16
}

func newDocContext(sents [][]wordInfo, headline []bool) *docContext {
	dc := &docContext{
		lowerSeen: make(map[string]bool),
		capSeen:   make(map[string]bool),
		history:   make(map[string]*[4]uint16),
	}
	for si, s := range sents {
		for i, w := range s {
			switch {
			case w.lowerInitial:
				dc.lowerSeen[w.lower] = true
			case w.cap && !w.caps && i > 0 && !headline[si]:
				dc.capSeen[w.lower] = true
			}
		}
	}
	return dc
}

// sentenceFlags reports whether a sentence looks like an all-capitals or a
// title-case headline, where capitals say little about names.
func sentenceFlags(s []wordInfo) (allCaps, titleCaseLine bool) {
	letters, caps, capsAll := 0, 0, 0
	for _, w := range s {
		if w.cap || w.lowerInitial {
			letters++
			if w.cap {
				caps++
			}
			if w.caps {
				capsAll++
			}
		}
	}
	if letters < 3 {
		return false, false
	}
	allCaps = capsAll*10 >= letters*8
	titleCaseLine = !allCaps && caps*10 >= letters*7 && letters >= 4
	return allCaps, titleCaseLine
}

// featureSet says which optional feature groups a model uses.
type featureSet struct {
	Gazetteer bool
	Clusters  bool
	Document  bool
}

// staticFeatures appends the hashes of the features of token i that do not
// depend on predicted tags.
func (fs featureSet) staticFeatures(out []uint64, s []wordInfo, i int, dc *docContext, allCaps, titleLine bool, gaz []gazMatch) []uint64 {
	w := s[i]
	word := func(j int) uint64 {
		if j < 0 {
			return hStart
		}
		if j >= len(s) {
			return hEnd
		}
		return s[j].hLower
	}
	shape := func(j int) uint64 {
		if j < 0 {
			return hStart
		}
		if j >= len(s) {
			return hEnd
		}
		return s[j].hShape
	}
	out = append(out,
		comb(fBias, 0),
		comb(fWord, w.hLower),
		comb(fWordExact, w.hNorm),
		comb(fPrev1, word(i-1)),
		comb(fNext1, word(i+1)),
		comb(fPrev2, word(i-2)),
		comb(fNext2, word(i+2)),
		comb2(fPrevWord, word(i-1), w.hLower),
		comb2(fWordNext, w.hLower, word(i+1)),
		comb(fShape, w.hShape),
		comb(fShapeLong, w.hLong),
		comb2(fShapePrev, shape(i-1), w.hShape),
		comb2(fShapeNext, w.hShape, shape(i+1)),
		comb2(fShapeTri, comb2(fShapeTri, shape(i-1), w.hShape), shape(i+1)),
		comb2(fPrevWordShape, word(i-1), w.hShape),
		comb2(fNextWordShape, w.hShape, word(i+1)),
	)
	// Prefixes and suffixes of up to four runes.
	lw := w.lower
	for k, n := 0, 0; k < len(lw) && n < 4; n++ {
		_, size := utf8.DecodeRuneInString(lw[k:])
		k += size
		out = append(out, feat2(fPrefix, string(rune('0'+n)), lw[:k]))
	}
	for k, n := len(lw), 0; k > 0 && n < 4; n++ {
		_, size := utf8.DecodeLastRuneInString(lw[:k])
		k -= size
		out = append(out, feat2(fSuffix, string(rune('0'+n)), lw[k:]))
	}
	if i == 0 {
		out = append(out, comb(fFirst, w.hShape))
	}
	if allCaps {
		out = append(out, comb(fCapsSentence, w.hShape))
	}
	if titleLine {
		out = append(out, comb(fTitleSentence, w.hShape))
	}
	if p := particleKind(w.lower); p != "" {
		out = append(out, comb2(fParticle, hashString(fnvOffset, p), shape(i+1)))
	}
	if fs.Document && dc != nil && (w.cap || w.caps) {
		if dc.lowerSeen[w.lower] {
			out = append(out, comb2(fLowerElsewhere, hashString(fnvOffset, boolStr(i == 0 || allCaps || titleLine)), w.hShape))
		}
		if (i == 0 || allCaps || titleLine) && dc.capSeen[w.lower] {
			out = append(out, comb(fCapElsewhere, w.hShape))
		}
	}
	if fs.Gazetteer && gaz != nil {
		out = appendGazFeatures(out, fGaz, gaz[i], w.cap)
		if i > 0 {
			out = appendGazFeatures(out, fGazPrev, gaz[i-1], s[i-1].cap)
		}
		if i+1 < len(s) {
			out = appendGazFeatures(out, fGazNext, gaz[i+1], s[i+1].cap)
		}
	}
	if fs.Clusters {
		out = append(out, comb(fCluster, w.hCoarse), comb(fCluster, w.hFine))
		if i > 0 {
			out = append(out, comb(fClusterPrev, s[i-1].hCoarse), comb(fClusterPrev, s[i-1].hFine))
		}
		if i+1 < len(s) {
			out = append(out, comb(fClusterNext, s[i+1].hCoarse), comb(fClusterNext, s[i+1].hFine))
		}
	}
	return out
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// particleKind names the name particles of Arabic, Persian and Kurdish names
// (al-, el-, bin, ibn, abu, ...), which CoNLL's 1996 Reuters text seldom has.
func particleKind(lower string) string {
	switch lower {
	case "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "bin", "ibn", "bint", "ben", "abu", "abou", "umm", "um", "abd", "abdul", "abdel", "bani", "beni", "bou", "ould":
		return lower
	}
	for _, p := range [...]string{"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "abu-", "abd-", "bin-", "ibn-"} {
		if strings.HasPrefix(lower, p) && len(lower) > len(p) {
			return p
		}
	}
	return ""
}

// historyFeatures appends the entity types already predicted for this word
// earlier in the document (Ratinov and Roth's prediction history).
func historyFeatures(out []uint64, dc *docContext, w *wordInfo) []uint64 {
	if dc == nil || !(w.cap || w.caps) {
		return out
	}
	h := dc.history[w.lower]
	if h == nil {
		return out
	}
	total := 0
	for _, c := range h {
		total += int(c)
	}
	for t, c := range h {
		if c == 0 {
			continue
		}
		frac := int(c) * 4 / total // 0..4
		out = append(out, feat2(fHistory, entityTypes[t], string(rune('0'+frac))))
	}
	return out
}

// entityTypes are the CoNLL type labels in model order.
var entityTypes = [4]string{"PER", "ORG", "LOC", "MISC"}

// dynamicFeatures appends the features that depend on the two previous
// predicted tags.
func dynamicFeatures(out []uint64, w *wordInfo, prev1, prev2 string, second bool) []uint64 {
	out = append(out, feat(fTag1, prev1))
	out = lexicalTransitions(out, w, prev1)
	if second {
		out = append(out, feat2(fTag2, prev2, prev1))
	}
	return out
}

// lexicalTransitions appends the previous tag conjoined with the word and
// its shape.
func lexicalTransitions(out []uint64, w *wordInfo, prev1 string) []uint64 {
	hp := hashString(fnvOffset, prev1)
	return append(out,
		comb2(fTag1Word, hp, w.hLower),
		comb2(fTag1Shape, hp, w.hShape),
	)
}
