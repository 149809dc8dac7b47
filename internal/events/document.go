package events

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// ment is a named mention with its token range.
type ment struct {
	start, end int // bytes
	ts, te     int // tokens
	text, typ  string
	key        string // lower-cased text
	place      bool   // a place, by its tag, the document's vote or a "city of" pattern
	country    bool   // a country or larger region: a poor place for an event
	demonym    bool   // "Iraqi", "Kurdish": an adjective, never a participant
}

// timeRef is a temporal expression with its token range and day range.
type timeRef struct {
	model.TimeExpr
	ts, te int
	sent   int
	b, e   int  // day numbers of Begin and Until
	dated  bool // b and e are set
}

// document is one Input prepared for extraction: tokens lower-cased,
// mentions and times indexed by token.
type document struct {
	in    *Input
	opts  Options
	text  string
	toks  []model.Token
	low   []string
	cls   []uint16 // word classes of each token (see wordClass)
	sents []model.Sentence
	// para numbers the paragraphs; cont[i] is true when sentence i was cut
	// by a line break in mid-sentence and goes on in sentence i+1.
	para   []int
	cont   []bool
	ments  []ment
	mentAt []int32 // token → the mention starting there, or -1
	mentIn []int32 // token → the mention covering it, or -1
	times  []timeRef
	bySent [][]int // sentence → indexes into times
}

func prepare(in *Input, opts Options) *document {
	d := &document{in: in, opts: opts, text: in.Text, toks: in.Tokens, sents: in.Sentences}
	if d.toks == nil {
		d.toks = lang.Tokenize(in.Text)
	}
	if d.sents == nil {
		d.sents = lang.SplitSentences(in.Text, d.toks)
	}
	n := len(d.toks)
	d.low = make([]string, n)
	d.cls = make([]uint16, n)
	// one lower-casing of the whole text gives every token's lower case as
	// a substring, without an allocation per capitalised word
	lowText := strings.ToLower(d.text)
	sameLen := len(lowText) == len(d.text)
	for i, t := range d.toks {
		if sameLen && t.End <= len(lowText) && lowText[t.Start:t.End] != "" && !strings.Contains(t.Text, "\u2019") {
			d.low[i] = lowText[t.Start:t.End]
		} else {
			d.low[i] = lowerWord(t.Text)
		}
		d.cls[i] = wordClass[d.low[i]]
		if w := d.low[i]; w != "" && w[0] >= 'a' && w[0] <= 'z' {
			d.cls[i] |= cLower
		}
	}
	d.paragraphs()
	d.indexMentions()
	d.indexTimes()
	return d
}

// lowerWord lower-cases a token and folds curly apostrophes, without
// allocating for the common all-lower ASCII word.
func lowerWord(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ToLower(s)
	if strings.Contains(s, "\u2019") {
		s = strings.ReplaceAll(s, "\u2019", "'")
	}
	return s
}

func (d *document) paragraphs() {
	d.para = make([]int, len(d.sents))
	d.cont = make([]bool, len(d.sents))
	for i := 0; i+1 < len(d.sents); i++ {
		s := d.sents[i]
		if s.End <= s.Start {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(d.text[s.Start:s.End])
		next, _ := utf8.DecodeRuneInString(d.text[d.sents[i+1].Start:])
		d.cont[i] = !strings.ContainsRune(".!?\"'\u201d\u2019:", last) && (unicode.IsLower(next) || next == '(')
	}
	p := 0
	for i := 1; i < len(d.sents); i++ {
		if !d.cont[i-1] && strings.Contains(d.text[d.sents[i-1].End:d.sents[i].Start], "\n") {
			p++
		}
		d.para[i] = p
	}
}

// tokenAt returns the index of the token that starts at or covers byte b,
// or the next token after b.
func (d *document) tokenAt(b int) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].End > b })
}

// locativeNouns introduce or stand for a place: "the town of X", "X city",
// "the city" (an anaphor).
var locativeNouns = map[string]bool{
	"city": true, "town": true, "village": true, "villages": true, "area": true, "areas": true,
	"region": true, "province": true, "district": true, "capital": true, "outskirts": true,
	"suburbs": true, "suburb": true, "governorate": true, "border": true, "neighbourhood": true,
	"neighborhood": true, "stronghold": true, "countryside": true, "port": true, "enclave": true,
	"municipality": true, "county": true,
}

// Word class bits, one map lookup per token instead of one per test.
const (
	cDet uint16 = 1 << iota
	cPrep
	cLocPrep
	cClause
	cAux
	cLocNoun
	cTrigger
	cLower // starts with a lower-case ASCII letter
)

var wordClass = func() map[string]uint16 {
	m := map[string]uint16{}
	for _, c := range []struct {
		words map[string]bool
		bit   uint16
	}{{determiners, cDet}, {prepositions, cPrep}, {locativePreps, cLocPrep}, {clauseWords, cClause}, {auxWords, cAux}, {locativeNouns, cLocNoun}} {
		for w := range c.words {
			m[w] |= c.bit
		}
	}
	for w := range triggers {
		m[w] |= cTrigger
	}
	return m
}()

func (d *document) indexMentions() {
	n := len(d.toks)
	d.mentAt = make([]int32, n)
	d.mentIn = make([]int32, n)
	for i := range d.mentAt {
		d.mentAt[i], d.mentIn[i] = -1, -1
	}
	ms := make([]model.Mention, 0, len(d.in.Mentions))
	d.ments = make([]ment, 0, len(d.in.Mentions)+8)
	for _, m := range d.in.Mentions {
		if m.Start >= 0 && m.End <= len(d.text) && m.Start < m.End {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	// a name is a place in the whole document when the document tags it
	// as one at least as often as anything else, or when it stands where
	// places stand ("in X", "the region of X", "X province") often enough:
	// taggers confuse towns with organisations, and a town named in a
	// text about it is in such positions again and again
	type vote struct{ place, other, locative int }
	votes := map[string]*vote{}
	type span struct{ ts, te int }
	spans := make([]span, len(ms))
	for i, m := range ms {
		k := strings.ToLower(m.Text)
		v := votes[k]
		if v == nil {
			v = &vote{}
			votes[k] = v
		}
		if m.Type == model.Place {
			v.place++
		} else {
			v.other++
		}
		ts := d.tokenAt(m.Start)
		te := ts
		for te < n && d.toks[te].Start < m.End {
			te++
		}
		spans[i] = span{ts, te}
		if d.locativeContext(ts, te) {
			v.locative++
		}
	}
	isPlace := func(text string, v *vote) bool {
		total := v.place + v.other
		switch {
		case v.place > 0 && v.place >= v.other:
			return true
		case v.locative >= 2 && 4*v.locative >= total:
			return true
		case v.locative >= 1 && v.place > 0:
			return true
		case d.in.IsPlace != nil && d.in.IsPlace(text):
			return true
		}
		return false
	}
	last := -1
	for i, m := range ms {
		ts, te := spans[i].ts, spans[i].te
		if ts >= n || te == ts || ts <= last {
			continue // overlapping or between tokens
		}
		k := strings.ToLower(m.Text)
		mm := ment{start: m.Start, end: m.End, ts: ts, te: te, text: m.Text, typ: m.Type, key: k}
		mm.place = isPlace(m.Text, votes[k])
		d.addMention(mm)
		last = te - 1
	}
	// "the town of X" and "X city" make X a place whatever its tag; an
	// untagged capitalised run after "city of" becomes a place mention
	for i := 0; i+1 < n; i++ {
		if d.cls[i]&cLocNoun == 0 {
			continue
		}
		if d.low[i+1] == "of" && i+2 < n {
			j := i + 2
			if k := d.mentAt[j]; k >= 0 {
				d.ments[k].place = true
				continue
			}
			if d.mentIn[j] >= 0 || !isCapitalised(d.toks[j].Text) {
				continue
			}
			e := j
			for e < n && d.mentIn[e] < 0 && (isCapitalised(d.toks[e].Text) || isNameParticle(d.low[e])) {
				e++
			}
			for e > j && isNameParticle(d.low[e-1]) {
				e--
			}
			if e > j {
				s, en := d.toks[j].Start, d.toks[e-1].End
				d.addMention(ment{start: s, end: en, ts: j, te: e, text: d.text[s:en], typ: model.Place, key: strings.ToLower(d.text[s:en]), place: true})
			}
			continue
		}
		if i > 0 && d.mentIn[i-1] >= 0 && d.mentIn[i] < 0 {
			k := d.mentIn[i-1]
			if d.ments[k].typ != model.Person || d.low[i] == "city" || d.low[i] == "town" || d.low[i] == "province" {
				d.ments[k].place = true
			}
		}
	}
	// the first word of a place's name stands for it ("Jaref" for "Jaref
	// al-Sakher")
	heads := map[string]bool{}
	for k := range d.ments {
		m := &d.ments[k]
		c := classifyName(m.key)
		m.country = c.broad
		m.demonym = c.demonym
		if m.demonym {
			m.place = false // "Iraqi" is an adjective, whatever its tag
		}
		if m.place && m.te-m.ts > 1 {
			heads[d.low[m.ts]] = true
		}
	}
	for k := range d.ments {
		m := &d.ments[k]
		if !m.place && !m.demonym && m.te-m.ts == 1 && heads[m.key] && m.typ != model.Person {
			m.place = true
		}
	}
}

// locativePreps introduce a place, not an actor ("from" and "against"
// introduce organisations as often as places).
var locativePreps = set("in at near around outside inside across throughout into toward towards")

// locativeContext reports whether tokens [ts, te) stand where a place
// stands: after a locative preposition ("in X", "in northern X"), after "the
// town of", or before "city", "province" and the like.
func (d *document) locativeContext(ts, te int) bool {
	const notModifier = cPrep | cAux | cClause | cTrigger | cLocNoun
	j := ts - 1
	for j >= 0 && j >= ts-3 && (d.cls[j]&cDet != 0 || d.cls[j]&cLower != 0 && d.cls[j]&notModifier == 0) {
		j-- // "in the northern", "in central"
	}
	if j >= 0 && d.cls[j]&cLocPrep != 0 {
		return true
	}
	if j >= 1 && d.low[j] == "of" && d.cls[j-1]&cLocNoun != 0 {
		return true
	}
	return te < len(d.low) && d.cls[te]&cLocNoun != 0
}

func (d *document) addMention(m ment) {
	for t := m.ts; t < m.te; t++ {
		if d.mentIn[t] >= 0 {
			return
		}
	}
	k := int32(len(d.ments))
	d.ments = append(d.ments, m)
	d.mentAt[m.ts] = k
	for t := m.ts; t < m.te; t++ {
		d.mentIn[t] = k
	}
}

func isCapitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isNameParticle reports lower-case words inside place names ("al-", "ez").
func isNameParticle(w string) bool {
	return strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-") || strings.HasPrefix(w, "ad-") ||
		strings.HasPrefix(w, "as-") || strings.HasPrefix(w, "ash-") || strings.HasPrefix(w, "ar-") ||
		w == "al" || w == "el" || w == "ez" || w == "de" || w == "du" || w == "la" || w == "le"
}

// broadPlaces are regions larger than a country and country abbreviations
// the gazetteer leaves out because they are ambiguous in lower case.
var broadPlaces = map[string]bool{
	"us": true, "u.s.": true, "usa": true, "u.s.a.": true, "uk": true, "u.k.": true, "uae": true,
	"united states": true, "america": true, "middle east": true, "west asia": true, "north africa": true,
	"europe": true, "asia": true, "africa": true, "gulf": true, "persian gulf": true, "levant": true,
	"the west": true, "west": true, "east": true, "south": true, "north": true, "world": true,
	"kurdistan": true, "iraqi kurdistan": true, "latin america": true, "south america": true,
	"north america": true, "central asia": true, "southeast asia": true, "east asia": true,
	"south asia": true, "balkans": true, "caucasus": true, "sahel": true, "arab world": true,
}

// nameClass is what the gazetteer says about a name.
type nameClass struct{ broad, demonym bool }

// nameClasses memoises classifyName across documents: the same names
// recur in every article of a story. It stops growing at maxNameClasses.
var (
	nameClasses     sync.Map // lower-cased name → nameClass
	nameClassesSize atomic.Int64
)

const maxNameClasses = 1 << 17

// classifyName reports whether a lower-cased name is a country or larger
// region, and whether it is a demonym ("Iraqi").
func classifyName(key string) nameClass {
	if v, ok := nameClasses.Load(key); ok {
		return v.(nameClass)
	}
	c := nameClass{broad: broadPlaces[key]}
	for _, cat := range lang.DefaultGazetteer().Lookup(key) {
		switch cat {
		case "COUNTRY":
			c.broad = true
		case "DEMONYM":
			c.demonym = true
		}
	}
	if nameClassesSize.Load() < maxNameClasses {
		if _, loaded := nameClasses.LoadOrStore(key, c); !loaded {
			nameClassesSize.Add(1)
		}
	}
	return c
}

func (d *document) indexTimes() {
	d.bySent = make([][]int, len(d.sents))
	ts := make([]model.TimeExpr, 0, len(d.in.Times))
	for _, t := range d.in.Times {
		if t.Start >= 0 && t.End <= len(d.text) && t.Start < t.End {
			ts = append(ts, t)
		}
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Start < ts[j].Start })
	s := 0
	for _, t := range ts {
		for s < len(d.sents) && d.sents[s].End <= t.Start {
			s++
		}
		if s == len(d.sents) {
			break
		}
		a := d.tokenAt(t.Start)
		b := a
		for b < len(d.toks) && d.toks[b].Start < t.End {
			b++
		}
		if b == a {
			continue
		}
		r := timeRef{TimeExpr: t, ts: a, te: b, sent: s}
		d.times = append(d.times, r)
	}
	d.fixNarrativeYears()
	for k := range d.times {
		r := &d.times[k]
		if bd, ok := parseDay(r.Begin); ok {
			if ed, ok := parseDay(r.Until); ok && ed >= bd {
				r.b, r.e, r.dated = bd, ed, true
			}
		}
		d.bySent[r.sent] = append(d.bySent[r.sent], k)
	}
}
