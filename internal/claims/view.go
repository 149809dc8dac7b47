package claims

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// view is one document prepared for the extractors: tokens with folded
// lower-case forms, the sentence of every token and the mention (if any)
// every token belongs to. It is built once per Extract call and never
// shared between goroutines.
type view struct {
	text  string
	toks  []model.Token
	low   []string // lower-case token text, curly quotes folded to straight ones
	sents []model.Sentence
	sent  []int32 // token -> sentence index
	ments []mention
	ment  []int32 // token -> index into ments, or -1
}

// mention is a model.Mention with its token range.
type mention struct {
	model.Mention
	idx    int // index in Input.Mentions
	t0, t1 int // tokens [t0, t1)
}

func newView(in *Input) *view {
	v := &view{text: in.Text, toks: in.Tokens, sents: in.Sentences}
	if v.toks == nil {
		v.toks = lang.Tokenize(in.Text)
		if in.Sentences == nil {
			v.sents = lang.SplitSentences(in.Text, v.toks)
		}
	}
	if v.sents == nil {
		v.sents = lang.SplitSentences(in.Text, v.toks)
	}
	n := len(v.toks)
	v.low = make([]string, n)
	for i, t := range v.toks {
		v.low[i] = foldToken(t.Text)
	}
	v.sent = make([]int32, n)
	for si, s := range v.sents {
		for t := s.TokenStart; t < s.TokenEnd && t < n; t++ {
			v.sent[t] = int32(si)
		}
	}
	v.ment = make([]int32, n)
	for i := range v.ment {
		v.ment[i] = -1
	}
	order := make([]int, len(in.Mentions))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return in.Mentions[order[a]].Start < in.Mentions[order[b]].Start })
	for _, mi := range order {
		m := in.Mentions[mi]
		if m.Start < 0 || m.End > len(in.Text) || m.Start >= m.End {
			continue
		}
		t0 := sort.Search(n, func(i int) bool { return v.toks[i].End > m.Start })
		t1 := t0
		for t1 < n && v.toks[t1].Start < m.End {
			t1++
		}
		if t0 >= t1 {
			continue
		}
		clash := false
		for t := t0; t < t1; t++ {
			if v.ment[t] >= 0 {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		k := int32(len(v.ments))
		v.ments = append(v.ments, mention{Mention: m, idx: mi, t0: t0, t1: t1})
		for t := t0; t < t1; t++ {
			v.ment[t] = k
		}
	}
	return v
}

// foldToken lower-cases a token and folds typographic quotes and
// apostrophes to their ASCII forms.
func foldToken(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			if s[i] >= 'A' && s[i] <= 'Z' {
				return strings.ToLower(s)
			}
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
			b.WriteByte('\'')
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
			b.WriteByte('"')
		case '\u2013', '\u2014', '\u2015':
			b.WriteByte('-')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// sentSpan returns the token range of sentence si.
func (v *view) sentSpan(si int) (int, int) {
	s := v.sents[si]
	return s.TokenStart, s.TokenEnd
}

// span returns the byte span of tokens [a, b).
func (v *view) span(a, b int) (int, int) {
	if a >= b {
		if a < len(v.toks) {
			return v.toks[a].Start, v.toks[a].Start
		}
		return len(v.text), len(v.text)
	}
	return v.toks[a].Start, v.toks[b-1].End
}

// textOf returns the text of tokens [a, b).
func (v *view) textOf(a, b int) string {
	s, e := v.span(a, b)
	return v.text[s:e]
}

func (v *view) mentionAt(t int) *mention {
	if t < 0 || t >= len(v.ment) || v.ment[t] < 0 {
		return nil
	}
	return &v.ments[v.ment[t]]
}

// isCap reports whether token t starts with an upper-case letter.
func (v *view) isCap(t int) bool {
	r, _ := utf8.DecodeRuneInString(v.toks[t].Text)
	return unicode.IsUpper(r)
}

func (v *view) isWord(t int) bool {
	r, _ := utf8.DecodeRuneInString(v.toks[t].Text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (v *view) isNumber(t int) bool {
	s := v.toks[t].Text
	if s == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ',' || c == '.':
		default:
			return false
		}
	}
	return digits > 0
}

func isQuoteTok(low string) bool { return low == "\"" || low == "'" || low == "``" || low == "''" }

func isPunct(low string) bool {
	if low == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(low)
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isVerbLike reports whether the lower-case token looks like a finite verb.
func isVerbLike(low string) bool {
	if auxiliaries[low] || commonVerbs[low] {
		return true
	}
	if _, ok := cueVerbs[low]; ok {
		return true
	}
	return len(low) > 4 && strings.HasSuffix(low, "ed")
}

// isParticiple reports whether the lower-case token looks like a participle.
func isParticiple(low string) bool {
	return len(low) > 4 && (strings.HasSuffix(low, "ed") || strings.HasSuffix(low, "ing")) ||
		low == "written" || low == "taken" || low == "known" || low == "seen" || low == "held"
}
