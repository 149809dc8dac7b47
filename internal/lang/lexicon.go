package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

// NameFlags qualify a name of a Lexicon.
type NameFlags uint8

const (
	// NameWeak marks a short form that names the entry only when nothing
	// else in the document says otherwise (a bare surname: "Obama"). It is
	// tagged like any other name; resolution decides what it names.
	NameWeak NameFlags = 1 << iota
	// NameAnyCase lets a name be found written in lower case. Without it,
	// every word the lexicon writes with a capital must carry one in the
	// text, so "popular units" is not "Popular Units".
	NameAnyCase
	// NameFill marks a name that is only added where the recogniser found
	// nothing, and never changes a mention it found (places from the
	// gazetteer: numerous, uncurated, and many are ordinary words somewhere).
	NameFill
	// NameCommon marks a name made only of common English words ("Dawn",
	// "Foreign Policy", "Islamic State"): capitals are weak evidence for it,
	// so it is not added in a headline, nor, when it is one word, at the
	// start of a sentence or beside another capitalised word.
	NameCommon
)

// Name is one entry of a Lexicon: a name as it is written, with the
// mention type it gets (model.Person, model.Org, model.Place, model.Misc).
type Name struct {
	Text  string
	Type  string
	Flags NameFlags
}

// Lexicon finds known names in tokenised text: a trie over folded words
// (lower case, typographic punctuation made ASCII), matched leftmost-longest
// in one pass over the tokens, with the letter case each name is written in
// checked on the way. It is read-only after NewLexicon and safe for
// concurrent use.
type Lexicon struct {
	root  map[string]int32  // first word → node
	next  map[lexEdge]int32 // (node, next word) → node
	nodes []lexNode
	names int
}

type lexEdge struct {
	from int32
	word string
}

type lexNode struct {
	variants []lexVariant
}

// Letter-case requirements of a name's words.
const (
	caseAny   uint8 = iota // written in lower case in the lexicon: any case in text
	caseUpper              // has a capital in the lexicon: the text word needs one
	caseExact              // an acronym ("ISIS", "U.S."): the text word has no lower-case letter
)

type lexVariant struct {
	typ   string
	flags NameFlags
	cases []uint8
}

// maxNameWords bounds the words of a lexicon name.
const maxNameWords = 16

// NewLexicon builds a lexicon. A name that starts with a lower-case
// article ("the Pentagon") is stored without it; a name with no capital
// letter and without NameAnyCase is ignored, as is a one-word NameFill
// name that the built-in gazetteer lists as a first name or surname
// ("Jackson", "Florence"): such a word names a person as often as a place.
func NewLexicon(names []Name) *Lexicon {
	lx := &Lexicon{root: map[string]int32{}, next: map[lexEdge]int32{}, nodes: make([]lexNode, 1, len(names)+1)}
	gaz := defaultGazetteer()
	for _, n := range names {
		toks := Tokenize(n.Text)
		for len(toks) > 1 && (toks[0].Text == "the" || toks[0].Text == "a" || toks[0].Text == "an") {
			toks = toks[1:]
		}
		if len(toks) == 0 || len(toks) > maxNameWords {
			continue
		}
		if n.Flags&NameFill != 0 && len(toks) == 1 {
			cats := gaz.Lookup(toks[0].Text)
			if hasAny(cats, "FIRST", "LAST", "TITLE") {
				continue
			}
		}
		v := lexVariant{typ: n.Type, flags: n.Flags, cases: make([]uint8, len(toks))}
		upper := false
		for i, t := range toks {
			v.cases[i] = wordCase(t.Text)
			if v.cases[i] != caseAny {
				upper = true
			}
		}
		if n.Flags&NameAnyCase != 0 {
			clear(v.cases)
		} else if !upper {
			continue
		}
		node := int32(0)
		for i, t := range toks {
			w := foldWord(t.Text)
			var child int32
			var ok bool
			if i == 0 {
				child, ok = lx.root[w]
			} else {
				child, ok = lx.next[lexEdge{node, w}]
			}
			if !ok {
				child = int32(len(lx.nodes))
				lx.nodes = append(lx.nodes, lexNode{})
				if i == 0 {
					lx.root[w] = child
				} else {
					lx.next[lexEdge{node, w}] = child
				}
			}
			node = child
		}
		lx.nodes[node].variants = appendVariant(lx.nodes[node].variants, v)
		lx.names++
	}
	return lx
}

// appendVariant adds v unless an equal variant is there.
func appendVariant(vs []lexVariant, v lexVariant) []lexVariant {
	for _, o := range vs {
		if o.typ == v.typ && o.flags == v.flags && string(o.cases) == string(v.cases) {
			return vs
		}
	}
	return append(vs, v)
}

func hasAny(list []string, want ...string) bool {
	for _, c := range list {
		for _, w := range want {
			if c == w {
				return true
			}
		}
	}
	return false
}

// Len returns the number of names the lexicon was built with.
func (lx *Lexicon) Len() int {
	if lx == nil {
		return 0
	}
	return lx.names
}

// wordCase reads the case requirement of a lexicon word.
func wordCase(w string) uint8 {
	letters, uppers := 0, 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				uppers++
			}
		}
	}
	switch {
	case uppers == 0:
		return caseAny
	case letters >= 2 && uppers == letters:
		return caseExact
	}
	return caseUpper
}

// caseFits reports whether a text word meets a case requirement.
func caseFits(req uint8, w string) bool {
	switch req {
	case caseUpper:
		for _, r := range w {
			if unicode.IsUpper(r) {
				return true
			}
		}
		return false
	case caseExact:
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
		}
	}
	return true
}

// foldWord is the form under which the lexicon stores and finds a word.
func foldWord(w string) string { return lowerASCIIFast(normalizeToken(w)) }

// NameMatch is a lexicon name found in text: tokens [Start, End) of the
// token slice it was found in.
type NameMatch struct {
	Start, End int
	Type       string
	Flags      NameFlags
	// Ambiguous is set when names of different types are written this way
	// ("Jordan" the country and a person): the match then types nothing.
	Ambiguous bool
}

// Find returns the lexicon names in each sentence, leftmost-longest and
// not overlapping; toks and sents come from Tokenize and SplitSentences.
func (lx *Lexicon) Find(toks []model.Token, sents []model.Sentence) []NameMatch {
	if lx == nil || len(lx.root) == 0 {
		return nil
	}
	var out []NameMatch
	var buf [64]byte
	for _, s := range sents {
		for i := s.TokenStart; i < s.TokenEnd; {
			node, ok := lx.lookupFirst(buf[:0], toks[i].Text)
			if !ok {
				i++
				continue
			}
			best := NameMatch{}
			for j := i; ; {
				if m, ok := lx.accept(node, toks, i, j+1); ok {
					best = m
				}
				j++
				if j >= s.TokenEnd {
					break
				}
				node, ok = lx.next[lexEdge{node, foldWord(toks[j].Text)}]
				if !ok {
					break
				}
			}
			if best.End > 0 {
				out = append(out, best)
				i = best.End
				continue
			}
			i++
		}
	}
	return out
}

// lookupFirst finds the node of a first word without allocating for ASCII
// words.
func (lx *Lexicon) lookupFirst(buf []byte, w string) (int32, bool) {
	if len(w) > cap(buf) {
		n, ok := lx.root[foldWord(w)]
		return n, ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			n, ok := lx.root[foldWord(w)]
			return n, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	n, ok := lx.root[string(buf)]
	return n, ok
}

// accept returns the match for tokens [i, j) ending at node, if some
// variant's letter case fits the text.
func (lx *Lexicon) accept(node int32, toks []model.Token, i, j int) (NameMatch, bool) {
	m := NameMatch{Start: i, End: j}
	found := false
	for _, v := range lx.nodes[node].variants {
		fits := true
		for k, req := range v.cases {
			if !caseFits(req, toks[i+k].Text) {
				fits = false
				break
			}
		}
		if !fits {
			continue
		}
		switch {
		case !found:
			m.Type, m.Flags, found = v.typ, v.flags, true
		case v.flags&NameFill != 0:
			// a gazetteer place never outvotes a curated name
		case m.Flags&NameFill != 0:
			m.Type, m.Flags = v.typ, v.flags
		case v.typ != m.Type:
			m.Ambiguous = true
		default:
			// the same name written twice: strongest flags win
			m.Flags &= v.flags
		}
	}
	return m, found
}

// isCapWord reports whether a token is a word starting with a capital.
func isCapWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isTitleWord reports whether a word may precede a person's name without
// being part of it (General, Ayatollah, Sayyid, President, Lt.).
func isTitleWord(w string) bool {
	return titleSet[foldWord(strings.TrimSuffix(w, "."))]
}

var titleSet = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range titleWords {
		m[strings.TrimSuffix(w, ".")] = true
	}
	for _, w := range []string{"supreme", "grand", "hajj", "haj", "haji", "sayyed", "seyyed", "seyed", "syed", "lt", "gen", "maj", "brig", "field", "staff", "mullah", "hojatoleslam", "sardar"} {
		m[w] = true
	}
	return m
}()
