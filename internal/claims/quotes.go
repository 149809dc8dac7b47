package claims

import (
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
)

// extractor holds the state of one Extract call.
type extractor struct {
	in   *Input
	opts Options
	v    *view

	spans   []quoteSpan
	spanTok [][2]int // opening mark token, closing mark token (-1 when unclosed)
	inQuote []int32  // token -> index of the double-quoted span whose content holds it, or -1
	usedCue []bool   // token is a reporting verb already attributed
	// longMark marks the quotation-mark tokens of quotes longer than
	// ShortQuoteWords: clause and phrase scans stop there, but not at the
	// marks of a scare quote inside a phrase.
	longMark []bool

	out       []model.Quote
	refs      []attribution // one per quote in out, for pronoun resolution and claim sources
	claimsOut []model.Claim
	src       []int32       // token -> index into refs of the attribution holding it, or -1
	refsOf    map[int][]int // sentence -> indexes into refs
	lastEvent eventRef      // the last event with a named object, for "the work of X"
}

// attribution is a quote's speaker with where it was found.
type attribution struct {
	sp     speakerRef
	sent   int // sentence of the reporting verb (or the quote)
	tok    int // token of the reporting verb (or the opening mark)
	t0, t1 int // content tokens
	kind   string
}

func newExtractor(in *Input, opts Options) *extractor {
	x := &extractor{in: in, opts: opts, v: newView(in)}
	v := x.v
	x.usedCue = make([]bool, len(v.toks))
	x.inQuote = make([]int32, len(v.toks))
	x.longMark = make([]bool, len(v.toks))
	for i := range x.inQuote {
		x.inQuote[i] = -1
	}
	x.spans = findQuoteSpans(in.Text, opts.MaxQuoteBytes)
	sort.SliceStable(x.spans, func(a, b int) bool { return x.spans[a].open < x.spans[b].open })
	x.spanTok = make([][2]int, len(x.spans))
	for i, q := range x.spans {
		o := x.tokenAt(q.open)
		c := -1
		if q.closed() {
			c = x.tokenAt(q.close)
		}
		x.spanTok[i] = [2]int{o, c}
		if q.single && q.nested {
			continue
		}
		a, b := x.contentTokens(i)
		for t := a; t < b; t++ {
			if x.inQuote[t] < 0 || !q.single {
				x.inQuote[t] = int32(i)
			}
		}
		if x.wordCount(a, b) > opts.ShortQuoteWords {
			if o >= 0 {
				x.longMark[o] = true
			}
			if c >= 0 {
				x.longMark[c] = true
			}
		}
	}
	return x
}

// tokenAt returns the index of the token that starts at or covers byte off.
func (x *extractor) tokenAt(off int) int {
	toks := x.v.toks
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
	if i >= len(toks) {
		return len(toks) - 1
	}
	return i
}

// contentTokens returns the tokens of span i's content.
func (x *extractor) contentTokens(i int) (int, int) {
	q := x.spans[i]
	toks := x.v.toks
	a := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= q.start })
	b := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= q.end })
	return a, b
}

func (x *extractor) wordCount(a, b int) int {
	n := 0
	for t := a; t < b; t++ {
		if x.v.isWord(t) {
			n++
		}
	}
	return n
}

var mottoNouns = set(`motto slogan mantra catchphrase maxim creed credo watchword battle-cry war-cry`)

// quotes finds direct, indirect and according-to attributions, sentence
// by sentence so that a pronoun speaker can look back at earlier ones.
func (x *extractor) quotes() {
	v := x.v
	next := 0 // next span to attribute
	for si := range v.sents {
		_, sb := v.sentSpan(si)
		for next < len(x.spans) && (x.spanTok[next][0] < sb || si == len(v.sents)-1) {
			x.directQuote(next)
			next++
		}
		x.reportedSpeech(si)
	}
	for ; next < len(x.spans); next++ {
		x.directQuote(next)
	}
}

// directQuote attributes the quoted span i, or drops it as a scare quote.
func (x *extractor) directQuote(i int) {
	v := x.v
	q := x.spans[i]
	if q.nested {
		return
	}
	o, c := x.spanTok[i][0], x.spanTok[i][1]
	a, b := x.contentTokens(i)
	if a >= b || o < 0 {
		return
	}
	words := x.wordCount(a, b)
	if words == 0 {
		return
	}
	so := int(v.sent[o])
	sStart, _ := v.sentSpan(so)
	endTok := b
	if c >= 0 {
		endTok = c
	}
	se := int(v.sent[min(endTok, len(v.toks)-1)])
	_, seEnd := v.sentSpan(se)
	if se+1 < len(v.sents) && x.endsWithAbbreviation(seEnd) && x.shortAttribution(se+1) {
		// "... police Const. | Tim Fanning told": a sentence split after a title
		_, seEnd = v.sentSpan(se + 1)
	}

	var sp speakerRef
	cue, cueTok := "", -1

	// A motto or slogan: "with his motto 'death is the beginning of life'".
	if k := x.prevWord(o, sStart); k >= 0 && mottoNouns[v.low[k]] {
		if r := x.possessor(k, sStart); r.ok() {
			sp, cue, cueTok = r, v.toks[k].Text, k
		}
	}
	// The speaker after the quote: "...," Barzani said / said one officer / according to X.
	if !sp.ok() && c >= 0 && c+1 < seEnd {
		if r, ct := x.attributionAfter(c+1, seEnd); r.ok() {
			sp, cueTok = r, ct
			cue = x.cueText(ct)
		}
	}
	// The speaker before the quote: X said, "..." / X told Y: "..." / X said that ... "...".
	if !sp.ok() {
		if r, ct, ok := x.attributionBefore(o, sStart, words, c, seEnd); ok {
			sp, cueTok = r, ct
			cue = x.cueText(ct)
		}
	}
	// A quote that goes on from an unclosed one in the paragraph before.
	if !sp.ok() && q.parStart && len(x.refs) > 0 {
		for j := i - 1; j >= 0; j-- {
			if x.spans[j].nested || x.spans[j].single {
				continue
			}
			if !x.spans[j].closed() {
				last := x.refs[len(x.refs)-1]
				if last.kind == model.QuoteDirect && last.t1 >= 0 && x.inQuote[max(last.t0, 0)] == int32(j) {
					sp = last.sp
				}
			}
			break
		}
	}
	// "For officials, '...'": the holder of a view.
	if !sp.ok() && o-sStart >= 3 && v.low[sStart] == "for" && v.low[o-1] == "," {
		if r := x.describe(sStart+1, o-1, false); r.ok() && r.person {
			sp, cue = r, v.toks[sStart].Text
			cueTok = sStart
		}
	}
	// A quote with no verb of its own goes on from the attribution of the
	// sentence before.
	if !sp.ok() && words >= 4 && len(x.refs) > 0 && !x.sentenceHasCue(so) {
		last := x.refs[len(x.refs)-1]
		if last.sent == so-1 && last.sp.ok() {
			sp = last.sp
		}
	}
	if !sp.ok() {
		if words < x.opts.UnattributedQuoteWords || q.single {
			return
		}
	}
	if sp.ok() && sp.t1-sp.t0 == 1 && isPronounRef(v.low[sp.t0]) {
		sp = x.resolvePronoun(sp, sp.t0)
	} else {
		sp = x.resolved(sp)
	}
	if cueTok >= 0 {
		x.usedCue[cueTok] = true
	}
	x.emit(model.QuoteDirect, cue, sp, q.start, q.end, int(v.sent[max(cueTok, min(endTok, len(v.toks)-1))]), max(cueTok, o), a, b)
}

// endsWithAbbreviation reports whether the token before e is a short
// capitalised word with a full stop, such as "Const." or "Gen.".
func (x *extractor) endsWithAbbreviation(e int) bool {
	if e < 2 {
		return false
	}
	s := x.v.toks[e-1].Text
	if s == "." {
		w := x.v.toks[e-2]
		return w.End == x.v.toks[e-1].Start && len(w.Text) <= 5 && x.v.isCap(e-2)
	}
	return len(s) >= 3 && len(s) <= 6 && s[len(s)-1] == '.' && x.v.isCap(e-1) && !strings.Contains(s[:len(s)-1], ".")
}

// shortAttribution reports whether sentence si is a short clause with a
// reporting verb ("Tim Fanning told a news conference.").
func (x *extractor) shortAttribution(si int) bool {
	a, b := x.v.sentSpan(si)
	if b-a > 10 {
		return false
	}
	for t := a; t < b; t++ {
		if cv, ok := cueVerbs[x.v.low[t]]; ok && !cv.base {
			return true
		}
	}
	return false
}

func (x *extractor) cueText(t int) string {
	if t < 0 {
		return ""
	}
	v := x.v
	if v.low[t] == "to" && t > 0 && v.low[t-1] == "according" {
		return v.text[v.toks[t-1].Start:v.toks[t].End]
	}
	return v.toks[t].Text
}

// prevWord returns the token before t skipping commas, or -1.
func (x *extractor) prevWord(t, lo int) int {
	for k := t - 1; k >= lo; k-- {
		if x.v.low[k] == "," || x.v.low[k] == ":" {
			continue
		}
		return k
	}
	return -1
}

// possessor returns who owns the noun at token k: "his motto" -> the
// person "his" stands for; "Suleimani's motto" -> Suleimani.
func (x *extractor) possessor(k, lo int) speakerRef {
	v := x.v
	for j := k - 1; j >= lo && j >= k-3; j-- {
		switch v.low[j] {
		case "his", "her", "their":
			p := map[string]string{"his": "he", "her": "she", "their": "they"}[v.low[j]]
			r := speakerRef{t0: j, t1: j + 1, text: v.toks[j].Text, person: true, plural: p == "they"}
			low := v.low[j]
			v.low[j] = p
			res := x.resolvePronoun(r, j)
			v.low[j] = low
			return res
		case "'s", "'":
			e := j
			s := x.npLeft(e, lo)
			if s < e {
				return x.describe(s, e, false)
			}
			return speakerRef{}
		}
	}
	return speakerRef{}
}

// attributionAfter reads a speaker right after a closing quotation mark:
// `, Barzani said`, `said one Iraqi officer`, `according to the Long War
// Journal`, `he said`. It returns the speaker and the reporting verb token.
func (x *extractor) attributionAfter(t, hi int) (speakerRef, int) {
	v := x.v
	if t < hi && v.low[t] == "," {
		t++
	}
	if t >= hi {
		return speakerRef{}, -1
	}
	if t+1 < hi && v.low[t] == "according" && v.low[t+1] == "to" {
		e := x.npRight(t+2, hi, false)
		if r := x.describe(t+2, e, true); r.ok() {
			return r, t + 1
		}
		return speakerRef{}, -1
	}
	if cv, ok := cueVerbs[v.low[t]]; ok && (cv.class == cueSay || cv.class == cueTell) && !cv.base {
		e := x.npRight(t+1, hi, false)
		if r := x.describe(t+1, e, cv.media); r.ok() {
			return r, t
		}
		return speakerRef{}, -1
	}
	e := x.npRight(t, hi, false)
	if e == t && isPronounRef(v.low[t]) {
		e = t + 1 // "..., he said"
	}
	if e == t || e-t > 8 {
		return speakerRef{}, -1
	}
	if e+1 < hi && v.low[e] == "and" {
		// "..., producers Craig Zadan and Neil Meron said"
		if e2 := x.npRight(e+1, hi, false); e2 > e+1 && e2-t <= 10 {
			e = e2
		}
	}
	k := e
	for k < hi && (verbPrefix[v.low[k]] || isAdverb(v.low[k])) && k-e < 3 {
		k++
	}
	if k < hi {
		if cv, ok := cueVerbs[v.low[k]]; ok && (cv.class == cueSay || cv.class == cueTell) {
			r := x.describe(t, e, cv.media)
			if r.ok() {
				return r, k
			}
		}
	}
	return speakerRef{}, -1
}

// attributionBefore finds the reporting verb before the opening mark o in
// the same sentence and its subject. A short quotation inside a reported
// clause is taken for the speaker's words only when it ends the clause or
// follows a verb of naming ("hailed him as his 'dearest friend'").
func (x *extractor) attributionBefore(o, lo, words, c, sentEnd int) (speakerRef, int, bool) {
	v := x.v
	endsClause := true
	if c >= 0 && c+1 < sentEnd {
		n := v.low[c+1]
		endsClause = n == "." || n == "," || n == ";" || n == "!" || n == "?" || n == ")"
	}
	for t := o - 1; t >= lo && t >= o-maxScan; t-- {
		if x.longMark[t] {
			break
		}
		l := v.low[t]
		if l == ";" {
			break
		}
		if l == "to" && t > lo && v.low[t-1] == "according" {
			e := x.npRight(t+1, o, false)
			if r := x.describe(t+1, e, true); r.ok() {
				return r, t, true
			}
			continue
		}
		cv, ok := cueVerbs[l]
		if !ok || !x.verbReading(t, lo) {
			continue
		}
		gap := t + 1
		if cv.class == cueTell || l == "quoted" || l == "quotes" || l == "cited" {
			if e := x.npRight(gap, o, false); e > gap {
				gap = e
			}
		}
		for gap < o && (v.low[gap] == "," || v.low[gap] == ":" || v.low[gap] == "that" || isTimeWord(v.low[gap])) {
			gap++
		}
		adjacent := gap == o
		if !adjacent && words <= x.opts.ShortQuoteWords && cv.class != cueObject && !endsClause {
			return speakerRef{}, -1, false
		}
		sp := x.subjectOf(t, lo, cv.media)
		if !sp.ok() && (isParticiple(l)) {
			sp = x.sentenceSubject(x.sentStart(t), t, cv.media)
		}
		if !sp.ok() {
			return speakerRef{}, -1, false
		}
		return sp, t, true
	}
	return speakerRef{}, -1, false
}

var timeWords = set(`last this next month week year day days weeks months years ago earlier later back
	then now today yesterday tuesday monday wednesday thursday friday saturday sunday night morning evening`)

func isTimeWord(l string) bool { return timeWords[l] }

// verbReading reports whether the reporting-verb form at t is used as a
// verb: its bare form needs a plural or pronoun subject or an auxiliary
// ("sources say", "they claim", "will report"), its -s form must not
// follow a determiner ("several reports").
func (x *extractor) verbReading(t, lo int) bool {
	v := x.v
	l := v.low[t]
	cv := cueVerbs[l]
	prev := ""
	if t > lo {
		prev = v.low[t-1]
	}
	if t > lo && (prev == "was" || prev == "were" || prev == "been" || prev == "is" || prev == "are" || prev == "be") && l != "saying" {
		return false // passive: "it was reported that"
	}
	if cv.base {
		if prev == "" {
			return false
		}
		if auxiliaries[prev] || prev == "to" || prev == "not" || prev == "n't" || prev == "who" || prev == "that" || prev == "they" || prev == "we" || prev == "i" || prev == "you" {
			return true
		}
		if info, ok := speakerNouns[prev]; ok && info.plural {
			return true
		}
		if len(prev) > 3 && prev[len(prev)-1] == 's' && !v.isCap(t-1) && !isVerbLike(prev) {
			return true
		}
		return false
	}
	if len(l) > 1 && l[len(l)-1] == 's' && nounLikeCue[l[:len(l)-1]] || l == "reports" || l == "claims" || l == "notes" || l == "calls" || l == "states" {
		if prev == "" || determiners[prev] || isAdverb(prev) && false {
			return false
		}
	}
	if prev == "the" || prev == "a" || prev == "an" {
		return false
	}
	return true
}

// sentenceHasCue reports whether sentence si has a reporting verb outside quotes.
func (x *extractor) sentenceHasCue(si int) bool {
	a, b := x.v.sentSpan(si)
	b = min(b, a+3*maxScan)
	for t := a; t < b; t++ {
		if x.inQuote[t] >= 0 {
			continue
		}
		if cv, ok := cueVerbs[x.v.low[t]]; ok && cv.class != cueObject && x.verbReading(t, a) {
			return true
		}
		if x.v.low[t] == "according" && t+1 < b && x.v.low[t+1] == "to" {
			return true
		}
	}
	return false
}

// emit appends a quote.
func (x *extractor) emit(kind, cue string, sp speakerRef, start, end, sent, tok, a, b int) {
	v := x.v
	start, end = trimSpaces(v.text, start, end)
	if end <= start {
		return
	}
	q := model.Quote{Doc: x.in.DocID, Kind: kind, Text: v.text[start:end], Cue: cue, Speaker: x.speaker(sp), Start: start, End: end}
	if sp.ok() {
		q.SpeakerStart, q.SpeakerEnd = v.span(sp.t0, sp.t1)
	}
	x.out = append(x.out, q)
	x.refs = append(x.refs, attribution{sp: sp, sent: sent, tok: tok, t0: a, t1: b, kind: kind})
}
