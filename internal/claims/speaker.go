package claims

import (
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
)

// speakerRef is who a quote or claim is attributed to: a noun phrase in
// the text (a name, a description such as "one defense official", or a
// pronoun resolved to one of those).
type speakerRef struct {
	t0, t1    int // tokens of the noun phrase
	text      string
	named     bool // headed by a named mention
	person    bool
	plural    bool
	anonymous bool
	media     bool
}

func (s speakerRef) ok() bool { return s.t1 > s.t0 && s.text != "" }

func (x *extractor) speaker(s speakerRef) model.Speaker {
	return model.Speaker{Text: s.text, Anonymous: s.anonymous, Media: s.media}
}

// inNP reports whether token t can be part of a noun phrase. head is true
// for the rightmost token of the phrase.
func (x *extractor) inNP(t int, head bool) bool {
	v := x.v
	if v.ment[t] >= 0 {
		return true
	}
	low := v.low[t]
	switch low {
	case "of":
		return !head
	case "'s", "'":
		return !head && t > 0 && !isPunct(v.low[t-1])
	case "-", "&":
		return !head && t > 0 && v.isCap(t-1)
	case ".":
		// the full stop of a title split off its word: "police Const. Tim Fanning"
		return !head && t > 0 && t+1 < len(v.toks) && v.isCap(t-1) && v.isCap(t+1) &&
			v.toks[t-1].End == v.toks[t].Start && len(v.toks[t-1].Text) <= 5
	}
	if isPunct(low) {
		return false
	}
	if v.isNumber(t) || determiners[low] {
		return true
	}
	if prepositions[low] || clauseWords[low] || auxiliaries[low] || negators[low] || pronounObject[low] {
		return false
	}
	if _, ok := pronounSpeakers[low]; ok {
		return false
	}
	if cv, ok := cueVerbs[low]; ok {
		// "report", "statement" are nouns as often as verbs: the bare form
		// of a noun-like cue may sit inside a phrase, other forms may not.
		return cv.base && nounLikeCue[low]
	}
	if v.isCap(t) {
		return true
	}
	if commonVerbs[low] || verbPrefix[low] {
		return false
	}
	if isAdverb(low) {
		return false
	}
	if isParticiple(low) {
		// A participle is a modifier only right after a determiner:
		// "a retired general", "the leading commander".
		return !head && t > 0 && determiners[v.low[t-1]]
	}
	return true
}

var pronounObject = set(`him them us me her`)

var nounLikeCue = set(`report claim note statement estimate comment charge answer cry vow pledge promise
	remark reply repeat hint forecast state call label brand term credit broadcast tweet warn`)

func isAdverb(low string) bool {
	if len(low) > 4 && strings.HasSuffix(low, "ly") {
		switch low {
		case "daily", "family", "rally", "assembly", "supply", "italy", "weekly", "monthly", "ally":
			return false
		}
		return true
	}
	return false
}

// npLeft returns the start of the noun phrase that ends just before e,
// not before lo; e when there is none. Reduced relatives after the head
// ("one of the soldiers filmed by Rudaw", "civilians living on the
// outskirts") are taken in.
func (x *extractor) npLeft(e, lo int) int {
	v := x.v
	scan := func(end int) int {
		j := end
		for j-1 >= lo && x.inNP(j-1, j == end) {
			j--
		}
		// Do not start a phrase on "of" or a possessive mark.
		for j < end && (v.low[j] == "of" || v.low[j] == "'s" || v.low[j] == "'") {
			j++
		}
		return j
	}
	s := scan(e)
	if s == e {
		return e
	}
	for s-2 >= lo {
		p := v.low[s-1]
		var next int
		switch {
		case prepositions[p] && s-3 >= lo && isParticiple(v.low[s-2]) && !isCueForm(v.low[s-2]) && x.inNP(s-3, true):
			next = s - 2
		case strings.HasSuffix(p, "ing") && isParticiple(p) && !isCueForm(p) && x.inNP(s-2, true):
			next = s - 1
		default:
			return s
		}
		s2 := scan(next)
		if s2 == next {
			return s
		}
		s = s2
	}
	return s
}

func isCueForm(low string) bool {
	_, ok := cueVerbs[low]
	return ok
}

// npRight returns the end of the noun phrase starting at t, not past hi,
// with at most one prepositional phrase from ofPP ("a fighter from the
// Iraqi factions"); t when there is none.
func (x *extractor) npRight(t, hi int, allowPP bool) int {
	v := x.v
	j := t
	for j < hi && x.inNP(j, false) {
		if isParticiple(v.low[j]) && j > t && !determiners[v.low[j-1]] && v.ment[j] < 0 {
			break
		}
		if j > t && determiners[v.low[j]] && v.ment[j] < 0 && v.low[j-1] != "of" && !determiners[v.low[j-1]] && v.low[j-1] != "'s" {
			break // "told the Herald | the ceasefire had collapsed": a new phrase
		}
		j++
	}
	// Do not end on "of" or a determiner.
	for j > t && (v.low[j-1] == "of" || (determiners[v.low[j-1]] && v.ment[j-1] < 0 && j-1 > t)) {
		j--
	}
	if j > t && allowPP && j+1 < hi && (v.low[j] == "from" || v.low[j] == "in" || v.low[j] == "at" || v.low[j] == "with" || v.low[j] == "for") {
		k := x.npRight(j+1, hi, false)
		if k > j+1 {
			j = k
		}
	}
	return j
}

// describe classifies the noun phrase [t0, t1) as a speaker.
func (x *extractor) describe(t0, t1 int, mediaCue bool) speakerRef {
	v := x.v
	for t0 < t1 && (isPunct(v.low[t0]) || v.low[t0] == "of") {
		t0++
	}
	for t1 > t0 && isPunct(v.low[t1-1]) && v.low[t1-1] != "." {
		t1--
	}
	if t1 > t0 && v.low[t1-1] == "." && !strings.HasSuffix(v.toks[t1-1].Text, "..") && len(v.toks[t1-1].Text) == 1 {
		t1--
	}
	r := speakerRef{t0: t0, t1: t1}
	if t0 >= t1 {
		return speakerRef{}
	}
	if t1-t0 == 1 {
		if p, ok := pronounSpeakers[v.low[t0]]; ok {
			r.text = v.toks[t0].Text
			r.person, r.plural = p.person, p.plural
			return r
		}
	}
	// A name at the end of the phrase heads it, unless it only qualifies a
	// description ("the head of Iraq's Badr Organization").
	if m := v.mentionAt(t1 - 1); m != nil && m.t1 == t1 {
		qualified := m.t0 > t0 && (v.low[m.t0-1] == "of" || v.low[m.t0-1] == "'s" || prepositions[v.low[m.t0-1]])
		if !qualified {
			s := m.t0
			for s-1 >= t0 && v.isCap(s-1) && isTitle(v.low[s-1]) {
				s--
			}
			r.t0 = s
			r.text = v.textOf(s, t1)
			r.named = true
			r.person = m.Type == model.Person || s < m.t0
			r.media = x.isMedia(s, t1, mediaCue && m.Type != model.Person)
			return r
		}
	}
	// A description: find its head noun.
	core := t0
	if t1-core > 2 && (indefinite[v.low[core]] || v.low[core] == "all" || v.low[core] == "each" || v.low[core] == "none") && v.low[core+1] == "of" {
		core += 2
	} else if t1-core > 3 && v.low[core] == "a" && v.low[core+1] == "number" && v.low[core+2] == "of" {
		core += 3
	}
	head := -1
	for t := core; t < t1; t++ {
		if t > core && (v.low[t] == "of" || prepositions[v.low[t]] || isParticiple(v.low[t]) && v.ment[t] < 0 && !determiners[v.low[t-1]]) {
			break
		}
		if !isPunct(v.low[t]) || v.low[t] == "'s" {
			head = t
		}
	}
	if head < 0 {
		return speakerRef{}
	}
	hl := v.low[head]
	info, ok := speakerNouns[hl]
	if !ok {
		if m := v.mentionAt(head); m != nil {
			// A bare name with something after it: "ISIS militants" is not a
			// speaker, "Rudaw" is.
			r.text = v.textOf(t0, t1)
			r.named = true
			r.person = m.Type == model.Person
			r.media = x.isMedia(t0, t1, mediaCue && m.Type != model.Person)
			return r
		}
		return speakerRef{}
	}
	if (hl == "one" || hl == "another" || hl == "some" || hl == "many" || hl == "several" || hl == "others") && head != t0 {
		return speakerRef{}
	}
	r.text = v.textOf(t0, t1)
	r.person = info.person
	r.plural = info.plural
	r.media = info.media || x.isMedia(t0, t1, false)
	first := v.low[t0]
	if info.person && !r.media {
		if info.plural || indefinite[first] || hl == "source" || hl == "insider" || hl == "another" || hl == "one" || core > t0 {
			r.anonymous = true
		}
	}
	return r
}

// isMedia reports whether the phrase [t0, t1) names a news outlet.
func (x *extractor) isMedia(t0, t1 int, cueSaysMedia bool) bool {
	v := x.v
	if cueSaysMedia {
		return true
	}
	for t := t0; t < t1; t++ {
		if v.isCap(t) && outletWords[v.toks[t].Text] {
			return true
		}
		if info, ok := speakerNouns[v.low[t]]; ok && info.media && !v.isCap(t) && t == t1-1 {
			return true
		}
	}
	if x.opts.IsOutlet != nil {
		s, e := v.span(t0, t1)
		name := strings.TrimPrefix(strings.TrimPrefix(v.text[s:e], "the "), "The ")
		if x.opts.IsOutlet(name) {
			return true
		}
		if m := v.mentionAt(t1 - 1); m != nil && x.opts.IsOutlet(m.Text) {
			return true
		}
	}
	return false
}

// skipVerbPrefix moves left from e over auxiliaries and adverbs that sit
// between a subject and its verb.
func (x *extractor) skipVerbPrefix(e, lo int) int {
	for e-1 >= lo && (verbPrefix[x.v.low[e-1]] || isAdverb(x.v.low[e-1])) && x.v.ment[e-1] < 0 {
		e--
	}
	return e
}

// clauseStart returns the first token of the clause that holds token t,
// scanning left not past lo: after a semicolon, colon, quotation mark or a
// subordinating word.
func (x *extractor) clauseStart(t, lo int) int {
	v := x.v
	lo = max(lo, t-maxScan)
	for i := t - 1; i >= lo; i-- {
		l := v.low[i]
		if x.longMark[i] {
			return i + 1
		}
		switch l {
		case ";", ":", "(", ")":
			return i + 1
		case "while", "whereas", "because", "when", "although", "though", "if", "unless", "but", "what", "where", "yet", "whether":
			if v.ment[i] < 0 {
				return i + 1
			}
		}
	}
	return lo
}

// subjectOf finds the speaker left of the reporting verb at token cue, not
// before lo (the sentence start).
func (x *extractor) subjectOf(cue, lo int, mediaCue bool) speakerRef {
	v := x.v
	lo = max(lo, cue-maxScan)
	lo = x.clauseStart(cue, lo)
	e := x.skipVerbPrefix(cue, lo)
	if e <= lo {
		return x.sentenceSubject(lo, cue, mediaCue)
	}
	prev := v.low[e-1]
	if prev == "and" || prev == "but" || prev == "or" {
		return x.sentenceSubject(x.sentStart(cue), e-1, mediaCue)
	}
	if isPronounRef(prev) {
		return x.describe(e-1, e, mediaCue)
	}
	if prev == "who" || prev == "that" || prev == "which" {
		e2 := e - 1
		if e2-1 >= lo && v.low[e2-1] == "," {
			e2--
		}
		s := x.npLeft(e2, lo)
		if s < e2 {
			if r := x.describe(s, e2, mediaCue); r.ok() {
				return r
			}
		}
		return speakerRef{}
	}
	if isQuoteTok(prev) && e-2 >= lo && v.low[e-2] == "," {
		e-- // `in "Revolutionary Road," said`: the comma sits inside the quote
		prev = ","
	}
	if prev == "," {
		// "Qasm Araji, a member of the Iraqi parliament, said", "One
		// commander, who ..., Abu Zeinab, said": the phrase before the
		// comma is the subject or an apposition to it. "Sources that
		// followed the battle, quoting security officials, say", "Actor
		// X, who earned ..., said": it is an aside and the subject comes
		// before it.
		e2 := e - 1
		segStart := lo
		for k := e2 - 1; k >= lo; k-- {
			if v.low[k] == "," {
				segStart = k + 1
				break
			}
		}
		first := v.low[segStart]
		if segStart > lo && (first == "who" || first == "which" || first == "whose" || first == "whom" || first == "where" ||
			strings.HasSuffix(first, "ing") && v.ment[segStart] < 0) {
			s := x.npLeft(segStart-1, lo)
			if r := x.describe(s, segStart-1, mediaCue); s < segStart-1 && r.ok() {
				return r
			}
			return x.sentenceSubject(lo, e-1, mediaCue)
		}
		s := x.npLeft(e2, lo)
		q := s - 1
		for q > lo && isQuoteTok(v.low[q]) {
			q--
		}
		aside := s == e2 || s > lo && (strings.HasSuffix(v.low[q], "ing") || v.low[q] == "who" || v.low[q] == "which" || prepositions[v.low[q]])
		if !aside {
			if r := x.describe(s, e2, mediaCue); r.ok() {
				if r.named || s-1 <= lo || v.low[s-1] != "," {
					return r
				}
				s2 := x.npLeft(s-1, lo)
				if r2 := x.describe(s2, s-1, mediaCue); s2 < s-1 && r2.ok() && r2.named {
					return r2
				}
				return r
			}
		}
		return x.sentenceSubject(lo, e-1, mediaCue)
	}
	s := x.npLeft(e, lo)
	if s == e {
		return speakerRef{}
	}
	r := x.describe(s, e, mediaCue)
	if !r.ok() {
		return r
	}
	if r.named || (r.t1-r.t0 == 1 && isPronounRef(v.low[r.t0])) {
		return r
	}
	// "Qasm Araji, a member of the Iraqi parliament, said": a description
	// set off by commas after a name is an apposition to that name.
	if s-1 > lo && v.low[s-1] == "," {
		e2 := s - 1
		s2 := x.npLeft(e2, lo)
		if s2 < e2 {
			if r2 := x.describe(s2, e2, mediaCue); r2.ok() && r2.named {
				return r2
			}
		}
	}
	return r
}

func isPronounRef(low string) bool {
	_, ok := pronounSpeakers[low]
	return ok
}

// sentenceSubject returns the first speaker-like phrase in [lo, hi) that is
// not the object of a preposition nor a possessor: the subject of a
// sentence whose verb phrases are coordinated ("A third, Hadi al-Amiri,
// fought ... and has hailed ...").
func (x *extractor) sentenceSubject(lo, hi int, mediaCue bool) speakerRef {
	v := x.v
	hi = min(hi, lo+maxScan)
	for t := lo; t < hi; t++ {
		if t > lo && prepositions[v.low[t-1]] {
			continue
		}
		if m := v.mentionAt(t); m != nil {
			if m.t0 != t {
				continue
			}
			after := m.t1
			if after < hi && (v.low[after] == "'s" || v.low[after] == "'") {
				t = m.t1 - 1
				continue
			}
			end := after
			if after < hi && !isPunct(v.low[after]) && !isVerbLike(v.low[after]) && !clauseWords[v.low[after]] {
				end = x.npRight(t, hi, false)
				if end <= t {
					end = after
				}
			}
			if r := x.describe(t, end, mediaCue); r.ok() {
				if t > lo && (prepositions[v.low[t-1]] || v.low[t-1] == "of") {
					t = m.t1 - 1
					continue
				}
				return r
			}
			t = m.t1 - 1
			continue
		}
		info, ok := speakerNouns[v.low[t]]
		if !ok || v.isCap(t) && t != lo {
			continue
		}
		if v.low[t] == "one" || v.low[t] == "another" || v.low[t] == "some" || v.low[t] == "many" || v.low[t] == "several" {
			continue
		}
		_ = info
		s := x.npLeft(t+1, lo)
		if s > lo && (prepositions[v.low[s-1]] || v.low[s-1] == "of") {
			continue
		}
		if t+1 < len(v.low) && (v.low[t+1] == "'s" || v.low[t+1] == "'") {
			continue
		}
		end := t + 1
		// Keep a relative clause up to the next comma: "Sources that closely
		// followed the battle".
		if end < hi && (v.low[end] == "that" || v.low[end] == "who") {
			k := end
			for k < hi && v.low[k] != "," {
				k++
			}
			if k <= hi {
				end = k
			}
		} else if e2 := x.npRight(t, hi, true); e2 > t+1 {
			end = e2
		}
		if r := x.describe(s, end, mediaCue); r.ok() {
			return r
		}
	}
	return speakerRef{}
}

func (x *extractor) sentStart(t int) int {
	return x.v.sents[x.v.sent[t]].TokenStart
}

// resolvePronoun finds what a pronoun speaker at token t stands for: the
// speaker of a recent attribution, or the last person-like subject in the
// sentences before.
func (x *extractor) resolvePronoun(r speakerRef, t int) speakerRef {
	v := x.v
	low := v.low[r.t0]
	if low == "i" || low == "we" {
		return r
	}
	plural := low == "they"
	si := int(v.sent[t])
	// 1. The speaker of an attribution in this or the previous three
	// sentences, unless a person-like subject turns up after it.
	var ref speakerRef
	refSent := -1
	for i := len(x.refs) - 1; i >= 0 && i >= len(x.refs)-20; i-- {
		q := x.refs[i]
		if q.sent < si-3 {
			break
		}
		if q.tok >= t || !q.sp.ok() || q.sp.plural != plural {
			continue
		}
		if low == "it" && !(q.sp.media || !q.sp.person) {
			continue
		}
		if (low == "he" || low == "she") && !q.sp.person {
			continue
		}
		ref, refSent = q.sp, q.sent
		break
	}
	if low == "it" {
		return ref
	}
	// 2. The last person-like subject before t, up to three sentences back.
	for s := si; s >= 0 && s >= si-3 && s > refSent; s-- {
		a, b := v.sentSpan(s)
		if s == si {
			b = r.t0
		}
		a = max(a, b-maxScan)
		if c := x.lastSubject(a, b, plural); c.ok() {
			return c
		}
	}
	return ref
}

// lastSubject returns the rightmost person-like phrase in [a, b) that is
// neither a possessor nor the object of a preposition.
func (x *extractor) lastSubject(a, b int, plural bool) speakerRef {
	v := x.v
	for t := b - 1; t >= a; t-- {
		if m := v.mentionAt(t); m != nil {
			s := m.t0
			t = s
			if m.Type != model.Person || plural {
				continue
			}
			if m.t1 < len(v.low) && (v.low[m.t1] == "'s" || v.low[m.t1] == "'") {
				continue
			}
			if s > a && (prepositions[v.low[s-1]] || v.low[s-1] == "of") {
				continue
			}
			if r := x.describe(s, m.t1, false); r.ok() {
				return r
			}
			continue
		}
		info, ok := speakerNouns[v.low[t]]
		if !ok || !info.person || info.plural != plural || v.isCap(t) {
			continue
		}
		switch v.low[t] {
		case "one", "another", "some", "many", "several", "others", "friend":
			continue
		}
		s := x.npLeft(t+1, a)
		if s > t || s < a || !determiners[v.low[s]] {
			continue
		}
		if s > a && (prepositions[v.low[s-1]] || v.low[s-1] == "of") {
			continue
		}
		if t+1 < len(v.low) && (v.low[t+1] == "'s" || v.low[t+1] == "'") {
			continue
		}
		end := x.npRight(t, b, true)
		if end < t+1 {
			end = t + 1
		}
		if r := x.describe(s, end, false); r.ok() {
			return r
		}
	}
	return speakerRef{}
}
