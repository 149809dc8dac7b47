package timex

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/parallaxhq/parallax/internal/model"
)

// Sentinel errors.
var (
	ErrBadDate    = errors.New("not a YYYY-MM-DD date")
	ErrBadMeaning = errors.New("unknown meaning field value")
)

// Options tune the tagger. The zero value is not the default: use DefaultOptions.
type Options struct {
	// EventPeriods keeps phrases that place something in time only through an
	// event ("during the occupation", "since the fall of Mosul") as DATE
	// expressions with an empty value. TimeML scoring turns this off, since
	// TIMEX3 does not annotate them. Default true.
	EventPeriods bool
}

// DefaultOptions returns the options the pipeline uses.
func DefaultOptions() Options { return Options{EventPeriods: true} }

// Expr is a temporal expression with what the tagger knows beyond the
// shared model: the TIMEX3 mod, the tense of its sentence and its
// anchor-independent meaning, so it can be resolved again later.
type Expr struct {
	model.TimeExpr
	Mod     string  `json:"mod,omitempty"`
	Tense   int     `json:"tense"` // -1 past, 0 present, 1 future, 2 unknown
	Meaning Meaning `json:"meaning"`
	// Sentence is the index of the sentence the expression is in.
	Sentence int `json:"sentence"`
}

// Find tags and normalises the temporal expressions of an English text
// against an anchor (usually the publication date; UnknownAnchor when there
// is none).
func Find(text string, anchor Anchor) []model.TimeExpr {
	exprs := FindExprs(text, anchor, DefaultOptions())
	out := make([]model.TimeExpr, len(exprs)) // never nil: renders as []
	for k, e := range exprs {
		out[k] = e.TimeExpr
	}
	return out
}

// FindExprs is Find with options, returning the full expressions.
func FindExprs(text string, anchor Anchor, opts Options) []Expr {
	return findInTokens(text, tokenize(text), anchor, opts)
}

// Text is a document tokenised once, for FindExprs and InferPublished on
// the same text (the pipeline calls both).
type Text struct {
	text string
	toks []token
}

// NewText tokenises text.
func NewText(text string) *Text { return &Text{text: text, toks: tokenize(text)} }

// FindExprs is the package-level FindExprs on t.
func (t *Text) FindExprs(anchor Anchor, opts Options) []Expr {
	return findInTokens(t.text, t.toks, anchor, opts)
}

// InferPublished is the package-level InferPublished on t.
func (t *Text) InferPublished(exprs []Expr, opts InferOptions) (Inference, bool) {
	return inferPublished(t.text, t.toks, exprs, opts)
}

// findInTokens is FindExprs over tokens already made from text.
func findInTokens(text string, toks []token, anchor Anchor, opts Options) []Expr {
	p := &parser{toks: toks, n: len(toks)}
	sent := make([]int, len(toks))
	s := -1
	for k := range toks {
		if toks[k].sentStart {
			s++
		}
		sent[k] = s
	}
	var exprs []Expr
	for i := 0; i < len(toks); {
		mt, ok := p.matchAt(i)
		if !ok {
			if opts.EventPeriods {
				if e, ok := p.eventPeriod(i); ok {
					exprs = append(exprs, Expr{
						TimeExpr: model.TimeExpr{Start: toks[e.i].start, End: toks[e.j-1].end, Text: text[toks[e.i].start:toks[e.j-1].end], Type: "DATE"},
						Meaning:  e.m, Tense: 2, Sentence: sent[e.i],
					})
					i = e.j
					continue
				}
			}
			i++
			continue
		}
		mt = p.trim(mt)
		if mt.j <= mt.i {
			i++
			continue
		}
		e := Expr{
			TimeExpr: model.TimeExpr{
				Start: toks[mt.i].start,
				End:   toks[mt.j-1].end,
				Type:  mt.m.Type,
			},
			Mod:      mt.m.Mod,
			Meaning:  mt.m,
			Tense:    p.tense(mt.i, mt.j, sent),
			Sentence: sent[mt.i],
		}
		e.Text = text[e.Start:e.End]
		exprs = append(exprs, e)
		i = mt.j
	}
	Resolve(exprs, anchor)
	return exprs
}

// trim drops trailing tokens that never belong to an expression.
func (p *parser) trim(mt match) match {
	for mt.j > mt.i {
		t := p.toks[mt.j-1]
		if t.kind == tokPunct && t.low != ")" {
			mt.j--
			continue
		}
		break
	}
	return mt
}

// Resolve (re)computes values, Begin and Until of expressions against an
// anchor, in text order, so references to earlier dates work.
func Resolve(exprs []Expr, anchor Anchor) {
	var ref refState
	for k := range exprs {
		e := &exprs[k]
		if e.Meaning.Form == FormLiteral && e.Meaning.Value == "" && e.Meaning.Type == "DATE" && e.Meaning.Gran == uNone {
			continue // event period: no value
		}
		e.Value = e.Meaning.resolve(anchor, e.Tense, &ref, e.Sentence)
		e.Begin, e.Until = "", ""
		if e.Type == "DATE" || e.Type == "TIME" {
			if b, u, ok := ValueRange(e.Value); ok {
				e.Begin, e.Until = b, u
			}
		}
	}
}

// tense guesses the tense around tokens [i, j) from the nearest tense cue in
// the same sentence: -1 past, 0 present, 1 future, 2 unknown.
func (p *parser) tense(i, j int, sent []int) int {
	const reach = 15
	s := sent[i]
	bestD, best := reach+1, 2
	for k := i - 1; k >= 0 && k >= i-reach && sent[k] == s; k-- {
		if t, ok := p.cue(k); ok {
			bestD, best = i-k, t
			break
		}
	}
	for k := j; k < p.n && k < j+reach && sent[k] == s; k++ {
		if t, ok := p.cue(k); ok {
			if k-j+1 < bestD {
				best = t
			}
			break
		}
	}
	return best
}

// cue classifies one token as a tense cue.
func (p *parser) cue(k int) (int, bool) {
	t := p.toks[k]
	if t.kind != tokWord {
		return 0, false
	}
	w := t.low
	if futureCues[w] {
		if w == "set" || w == "due" {
			if p.w(k+1) != "to" && p.w(k+1) != "for" {
				return 0, false
			}
		}
		if w == "going" && p.w(k+1) != "to" {
			return 0, false
		}
		if w == "may" && t.capitalised() {
			return 0, false
		}
		// "had been scheduled to", "was due to": a plan in the past
		switch p.w(k - 1) {
		case "was", "were", "had":
			return -1, true
		case "been":
			if p.w(k-2) == "had" {
				return -1, true
			}
		}
		return 1, true
	}
	if pastCues[w] {
		return -1, true
	}
	if presentCues[w] {
		return 0, true
	}
	if len(w) > 4 && strings.HasSuffix(w, "ed") && !notPastEd[w] && !t.capitalised() {
		// a participle after an auxiliary takes the auxiliary's tense:
		// "will be named", "is expected", "has been paid"
		switch p.w(k - 1) {
		case "be", "been", "being", "is", "are", "am", "was", "were", "has", "have", "had", "get", "gets":
			return 0, false
		// after a determiner or an adverb it is an adjective: "a still unspecified date"
		case "a", "an", "the", "its", "their", "his", "her", "this", "that", "these", "those", "still",
			"newly", "recently", "already", "fully", "so", "very", "well", "most", "more", "less", "not":
			return 0, false
		}
		return -1, true
	}
	return 0, false
}

// ValueRange returns the first and last calendar day (YYYY-MM-DD) a TIMEX3
// date value covers: 2014 → 2014-01-01..2014-12-31, 2014-W43, 2014-Q3,
// 2014-SU (June to August), 201 (the 2010s), 20 (the 21st century).
func ValueRange(v string) (string, string, bool) {
	if t := strings.IndexByte(v, 'T'); t > 0 {
		v = v[:t]
	}
	atoi := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	span := func(a, b time.Time) (string, string, bool) { return ymd(a), ymd(b), true }
	switch {
	case len(v) == 2: // century
		c, ok := atoi(v)
		if !ok {
			return "", "", false
		}
		return span(date(c*100, 1, 1), date(c*100+99, 12, 31))
	case len(v) == 3: // decade
		d, ok := atoi(v)
		if !ok {
			return "", "", false
		}
		return span(date(d*10, 1, 1), date(d*10+9, 12, 31))
	case len(v) < 4:
		return "", "", false
	}
	y, ok := atoi(v[:4])
	if !ok {
		return "", "", false
	}
	rest := v[4:]
	switch {
	case rest == "":
		return span(date(y, 1, 1), date(y, 12, 31))
	case len(rest) == 3 && rest[0] == '-' && rest[1] >= '0' && rest[1] <= '9':
		m, ok := atoi(rest[1:])
		if !ok || m < 1 || m > 12 {
			return "", "", false
		}
		return span(date(y, m, 1), date(y, m+1, 0))
	case len(rest) == 6 && rest[0] == '-' && rest[3] == '-':
		m, ok1 := atoi(rest[1:3])
		d, ok2 := atoi(rest[4:6])
		if !ok1 || !ok2 || !validYMD(y, m, d) {
			return "", "", false
		}
		return span(date(y, m, d), date(y, m, d))
	case strings.HasPrefix(rest, "-W") && len(rest) >= 4:
		w, ok := atoi(rest[2:4])
		if !ok || w < 1 || w > 53 {
			return "", "", false
		}
		// Monday of ISO week w: 4 January is always in week 1
		jan4 := date(y, 1, 4)
		wd := int(jan4.Weekday())
		if wd == 0 {
			wd = 7
		}
		mon := jan4.AddDate(0, 0, 1-wd+7*(w-1))
		if strings.HasSuffix(rest, "-WE") {
			return span(mon.AddDate(0, 0, 5), mon.AddDate(0, 0, 6))
		}
		if len(rest) == 6 && rest[4] == '-' { // 2014-W43-5
			d, ok := atoi(rest[5:])
			if ok && d >= 1 && d <= 7 {
				return span(mon.AddDate(0, 0, d-1), mon.AddDate(0, 0, d-1))
			}
		}
		return span(mon, mon.AddDate(0, 0, 6))
	case len(rest) == 3 && rest[1] == 'Q':
		q, ok := atoi(rest[2:])
		if !ok || q < 1 || q > 4 {
			return "", "", false
		}
		return span(date(y, 3*q-2, 1), date(y, 3*q+1, 0))
	case len(rest) == 3 && rest[1] == 'H':
		h, ok := atoi(rest[2:])
		if !ok || h < 1 || h > 2 {
			return "", "", false
		}
		return span(date(y, 6*h-5, 1), date(y, 6*h+1, 0))
	case rest == "-SP":
		return span(date(y, 3, 1), date(y, 5, 31))
	case rest == "-SU":
		return span(date(y, 6, 1), date(y, 8, 31))
	case rest == "-FA":
		return span(date(y, 9, 1), date(y, 11, 30))
	case rest == "-WI":
		return span(date(y-1, 12, 1), date(y, 3, 0))
	}
	return "", "", false
}
