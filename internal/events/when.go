package events

import (
	"sort"

	"github.com/parallaxhq/parallax/internal/model"
)

// Preference order of times (timePick.ordinal).
const (
	ordSentence = iota
	ordNeighbour
	ordPublished
	ordBefore
)

// boundaryWords before a date make it a bound of a state, not the time of
// the event ("their hold for the first time since August").
var boundaryWords = set("since until till by before after")

// rangeOpen and rangeClose introduce "from June to August".
var (
	rangeOpen  = set("from between")
	rangeClose = set("to until till through and -")
)

// pick turns temporal expression k into a time, joining "from X to Y".
func (x *extraction) pick(k int, basis string, ord int) timePick {
	d := x.d
	t := d.times[k]
	first, last := k, k
	if t.ts > 0 && rangeOpen[d.low[t.ts-1]] && k+1 < len(d.times) {
		n := d.times[k+1]
		if n.dated && n.ts == t.te+1 && rangeClose[d.low[t.te]] && n.e >= t.b {
			last = k + 1
		}
	}
	if t.ts > 1 && rangeClose[d.low[t.ts-1]] && k > 0 {
		p := d.times[k-1]
		if p.dated && p.te == t.ts-1 && p.ts > 0 && rangeOpen[d.low[p.ts-1]] && t.e >= p.b {
			first = k - 1
		}
	}
	a, b := d.times[first], d.times[last]
	tp := timePick{
		span:    model.Span{Start: a.Start, End: b.End},
		basis:   basis,
		b:       a.b,
		e:       b.e,
		set:     true,
		ordinal: ord,
	}
	v := a.Value
	if first != last {
		v = a.Value + "/" + b.Value
	}
	tp.v = model.TimeValue{Value: v, Start: formatDay(a.b), End: formatDay(b.e)}
	return tp
}

// pairedTime finds the time written right after a place ("in Amirli in
// August"), for sentences that list several places with their times.
func (x *extraction) pairedTime(si, p int) (timePick, bool) {
	d := x.d
	m := d.ments[p]
	for _, k := range x.timesNear(si, m.te, m.te+3) {
		t := d.times[k]
		if !t.dated || t.ts < m.te || t.ts > m.te+2 {
			continue
		}
		ok := true
		for j := m.te; j < t.ts; j++ {
			if w := d.low[j]; w != "in" && w != "on" && w != "during" && w != "," {
				ok = false
			}
		}
		if ok {
			return x.pick(k, BasisSentence, ordSentence), true
		}
	}
	return timePick{}, false
}

// pairedWith reports a time written right after a place mention ("X in
// June", "the X region in June", "X, in June").
func (x *extraction) pairedWith(m int, t timeRef) bool {
	d := x.d
	k := d.ments[m].te
	if k < len(d.low) && d.cls[k]&cLocNoun != 0 {
		k++
	}
	if t.ts < k || t.ts > k+2 {
		return false
	}
	for j := k; j < t.ts; j++ {
		if w := d.low[j]; w != "in" && w != "on" && w != "during" && w != "," {
			return false
		}
	}
	return true
}

// timesNear lists the times starting in tokens [lo, hi) that belong to
// sentence si or to the sentence it runs on into (or from) across a line
// break.
func (x *extraction) timesNear(si, lo, hi int) []int {
	d := x.d
	k := sort.Search(len(d.times), func(i int) bool { return d.times[i].ts >= lo })
	var out []int
	for ; k < len(d.times) && d.times[k].ts < hi; k++ {
		ts := d.times[k].sent
		if ts == si || ts == si-1 && d.cont[si-1] || ts == si+1 && d.cont[si] {
			out = append(out, k)
		}
	}
	return out
}

// pickTime dates a report: the nearest dated expression of the sentence
// that no other report (at another place) or "happened" stands closer to;
// else, when the place came from the sentence before, that sentence's
// date; else the publication date as the tense allows.
func (x *extraction) pickTime(si int, fs []found, i int, p placePick) timePick {
	d := x.d
	f := &fs[i]
	if f.modal {
		return timePick{}
	}
	best, bestD := -1, 0
	w := d.opts.WindowTokens
	a, b := nearTriggers(fs, i, 2*w)
	for _, k := range x.timesNear(si, f.ts-w, f.te+w) {
		t := d.times[k]
		if !t.dated || t.ts > 0 && boundaryWords[d.low[t.ts-1]] {
			continue
		}
		dist := gap(f.ts, f.te, t.ts, t.te)
		if f.strongAt && p.via == 0 && p.m >= 0 && x.pairedWith(p.m, t) {
			dist = 0 // "the Kharkiv region in September": the date of the scene
		}
		rejected := false
		for j := a; j < b && dist > 0; j++ {
			o := &fs[j]
			if j == i || o.dropped || o.negated || samePlace(o, p) && compatible(o.typ, f.typ) {
				continue
			}
			if gap(o.ts, o.te, t.ts, t.te) < dist {
				rejected = true
				break
			}
		}
		// a "happened" closer to the date than the trigger owns it
		for j := max(0, t.ts-dist); j < t.te+dist && j < len(d.low) && !rejected; j++ {
			if eventVerbs[d.low[j]] && gap(j, j+1, t.ts, t.te) < dist {
				rejected = true
			}
		}
		if !rejected && (best < 0 || dist < bestD) {
			best, bestD = k, dist
		}
	}
	if best >= 0 {
		return x.pick(best, BasisSentence, ordSentence)
	}
	if p.via == 2 && p.inherited.set && p.inherited.ordinal <= ordNeighbour {
		tp := p.inherited
		tp.basis, tp.ordinal = BasisNeighbour, ordNeighbour
		return tp
	}
	// the sentence the place was carried over from ("the battle that took
	// place there"), or the sentence before when it names the place too
	ps := -1
	if p.via == 1 && p.m >= 0 {
		ps = x.sentOf(d.ments[p.m].ts, 0, si)
	} else if si > 0 && p.m >= 0 && x.namedIn(si-1, d.ments[p.m].key) {
		ps = si - 1
	}
	if ps >= 0 && ps < si && d.para[ps] == d.para[si] {
		prev, near := -1, 1<<30
		at := -1
		if p.m >= 0 {
			at = x.tokenOfKey(ps, d.ments[p.m].key)
		}
		for _, k := range d.bySent[ps] {
			t := d.times[k]
			if !t.dated || t.ts > 0 && boundaryWords[d.low[t.ts-1]] {
				continue
			}
			dist := 0
			if at >= 0 {
				dist = gap(at, at+1, t.ts, t.te)
			}
			if prev < 0 || dist <= near {
				prev, near = k, dist
			}
		}
		if prev >= 0 {
			return x.pick(prev, BasisNeighbour, ordNeighbour)
		}
	}
	return x.published(si, f)
}

func samePlace(o *found, p placePick) bool {
	for _, q := range o.places {
		if q.m == p.m {
			return true
		}
	}
	return false
}

// namedIn reports whether sentence si names the place key.
func (x *extraction) namedIn(si int, key string) bool { return x.tokenOfKey(si, key) >= 0 }

func (x *extraction) tokenOfKey(si int, key string) int {
	d := x.d
	s := d.sents[si]
	for j := max(s.TokenStart, s.TokenEnd-300); j < s.TokenEnd; j++ {
		if m := d.mentAt[j]; m >= 0 && d.ments[m].key == key {
			return j
		}
	}
	return -1
}

// published dates a report without a date from the publication date: an
// event reported as under way covers the publication month; one reported
// as past happened before publication (PAST_REF, bounded above); a future
// one after it. Nothing more precise is claimed.
func (x *extraction) published(si int, f *found) timePick {
	d := x.d
	lo, ok := parseDay(d.in.Published)
	if !ok {
		return timePick{}
	}
	hi := lo
	if a, ok1 := parseDay(d.in.PublishedRange[0]); ok1 {
		if b, ok2 := parseDay(d.in.PublishedRange[1]); ok2 && b >= a {
			lo, hi = a, b
		}
	}
	switch x.tense(si, f) {
	case 0:
		b, _ := parseDay(formatDay(lo)[:8] + "01")
		e, _ := parseDay(formatDay(hi)[:8] + "01")
		e, _ = parseDay(formatDay(e + 40)[:8] + "01")
		e--
		return timePick{
			v:     model.TimeValue{Value: coarseValue(b, e), Start: formatDay(b), End: formatDay(e)},
			basis: BasisPublished, b: b, e: e, set: true, ordinal: ordPublished,
		}
	case 1:
		return timePick{
			v:     model.TimeValue{Value: "FUTURE_REF", Start: formatDay(lo)},
			basis: BasisBeforePublished, b: lo, e: maxDay, set: true, ordinal: ordBefore + 1,
		}
	}
	return timePick{
		v:     model.TimeValue{Value: "PAST_REF", End: formatDay(hi)},
		basis: BasisBeforePublished, b: minDay, e: hi, set: true, ordinal: ordBefore,
	}
}

// Tense cues.
var (
	presentCues = set("is are am 're continues continue rages rage heats intensifies intensify escalates escalate goes drags remains remain looms loom underway ongoing now currently")
	pastCues    = set("was were had did began begun ended took lasted raged saw came started led")
	futureCues  = set("will 'll shall")
	nounPresent = set("ongoing continuing current raging")
	nounFuture  = set("upcoming coming planned expected looming impending future next")
)

// tense reads the tense of a report: 0 present, -1 past, 1 future, 2
// unknown.
func (x *extraction) tense(si int, f *found) int {
	d := x.d
	s := d.sents[si]
	if f.tr.form == formNoun {
		for j := f.ts - 1; j >= s.TokenStart && j >= f.ts-2; j-- {
			if nounPresent[d.low[j]] {
				return 0
			}
			if nounFuture[d.low[j]] {
				return 1
			}
		}
		for j := f.te; j < s.TokenEnd && j <= f.te+8; j++ {
			w := d.low[j]
			if w == ";" || w == ":" || w == "," {
				break
			}
			switch {
			case presentCues[w]:
				return 0
			case pastCues[w]:
				return -1
			case futureCues[w]:
				return 1
			}
		}
		return 2
	}
	for j := f.ts - 1; j >= s.TokenStart && j >= f.ts-4; j-- {
		w := d.low[j]
		switch {
		case futureCues[w] || w == "going":
			return 1
		case w == "would" || w == "could" || w == "might" || w == "may" || w == "should" || w == "must":
			return 2
		case w == "is" || w == "are" || w == "am" || w == "'re":
			return 0
		case w == "was" || w == "were" || w == "had" || w == "did" || w == "has" || w == "have" || w == "'ve":
			return -1
		case w == "to":
			return x.sentenceTense(si, f.ts)
		case w == "been" || w == "being" || w == "be" || w == "not" || w == "also" || len(w) > 3 && w[len(w)-2:] == "ly":
			continue
		}
		break
	}
	switch f.tr.form {
	case formPast:
		if f.ts > s.TokenStart && determiners[d.low[f.ts-1]] {
			return x.sentenceTense(si, f.ts) // "the besieged city"
		}
		return -1
	case form3sg, formBase:
		return 0
	}
	return x.sentenceTense(si, f.ts)
}

// sentenceTense is the tense of the finite verb nearest to token t.
func (x *extraction) sentenceTense(si, t int) int {
	d := x.d
	s := d.sents[si]
	best, bestD := 2, 1<<30
	w := d.opts.WindowTokens
	for j := max(s.TokenStart, t-w); j < s.TokenEnd && j <= t+w; j++ {
		w := d.low[j]
		tn := 3
		switch {
		case w == "is" || w == "are" || w == "am":
			tn = 0
		case w == "was" || w == "were" || w == "had":
			tn = -1
		case futureCues[w]:
			tn = 1
		case len(w) > 4 && w[len(w)-2:] == "ed" && d.mentIn[j] < 0 && !isCapitalised(d.toks[j].Text):
			tn = -1
		}
		if tn == 3 {
			continue
		}
		dist := j - t
		if dist < 0 {
			dist = -dist
		}
		if dist < bestD {
			best, bestD = tn, dist
		}
	}
	return best
}
