package events

import "github.com/parallaxhq/parallax/internal/model"

// roles reads who did it (agents) and to whom (targets): for an active
// verb the name before it in its clause and the name right after it; for a
// passive one the subject and the "by" phrase; for a noun the name before
// it ("Soleimani's assassination"), after "of", "against" or "on", and
// after "by". Killings keep only people as targets. Names that are the
// event's place, demonyms ("Iraqi") and places other than countries are
// not participants.
func (x *extraction) roles(si int, f *found) {
	d := x.d
	s := d.sents[si]
	isPlace := map[int]bool{}
	for _, p := range f.places {
		isPlace[p.m] = true
	}
	ok := func(m int) bool {
		mm := d.ments[m]
		if isPlace[m] || mm.demonym || mm.place && !mm.country {
			return false
		}
		// a one-word MISC name before a lower-case noun is a modifier
		// ("the Kurdish-populated town"), not a participant
		if mm.typ == model.Misc && mm.te-mm.ts == 1 && mm.te < s.TokenEnd {
			if w := d.low[mm.te]; isWord(w) && !isCapitalised(d.toks[mm.te].Text) && !prepositions[w] && !auxWords[w] && !clauseWords[w] && w != "and" && w != "or" {
				return false
			}
		}
		return true
	}
	addTarget := func(m int) {
		if f.typ == Killing && d.ments[m].typ != model.Person {
			return
		}
		f.targets = append(f.targets, m)
	}
	// the clause before the trigger
	lo := f.ts - x.d.opts.RoleWindowTokens
	if lo < s.TokenStart {
		lo = s.TokenStart
	}
	for j := f.ts - 1; j >= lo; j-- {
		if w := d.low[j]; w == ";" || w == ":" || clauseWords[w] && w != "that" {
			lo = j + 1
			break
		}
	}
	before := -1
	for j := f.ts - 1; j >= lo; j-- {
		if m := d.mentIn[j]; m >= 0 && ok(int(m)) {
			before = int(m)
			break
		}
	}
	// the names of a phrase starting at token k ("by US President Trump")
	phrase := func(k, max int) []int {
		var out []int
		for j := k; j < s.TokenEnd && j < k+max; j++ {
			w := d.low[j]
			if m := d.mentAt[j]; m >= 0 {
				if ok(int(m)) {
					out = append(out, int(m))
				}
				j = d.ments[m].te - 1
				continue
			}
			if isClausePunct(w) && w != "," || clauseWords[w] || auxWords[w] || triggers[w] != nil {
				break
			}
		}
		return out
	}
	after := func(prepSet map[string]bool) (int, []int) {
		for j := f.te; j < s.TokenEnd && j < f.te+6; j++ {
			w := d.low[j]
			if isClausePunct(w) || clauseWords[w] {
				break
			}
			if prepSet[w] {
				return j, phrase(j+1, 6)
			}
		}
		return -1, nil
	}
	byPrep := set("by")
	switch {
	case f.tr.form == formNoun:
		j := f.ts - 1
		if j > s.TokenStart && (d.low[j] == "'s" || d.low[j] == "'") {
			j--
		}
		if j >= s.TokenStart {
			if m := d.mentIn[j]; m >= 0 && d.ments[m].te == j+1 && ok(int(m)) {
				if f.typ == Killing {
					addTarget(int(m))
				} else {
					f.agents = append(f.agents, int(m))
				}
			}
		}
		if _, ms := after(set("of against on")); len(ms) > 0 {
			for _, m := range ms {
				if f.typ == Killing || f.typ == Attack || f.typ == Strike {
					addTarget(m)
				}
			}
		}
		if _, ms := after(byPrep); len(ms) > 0 {
			f.agents = append(f.agents, ms...)
		}
		if len(f.agents) == 0 && before >= 0 && (f.tr.flags&needsAgent != 0) {
			f.agents = append(f.agents, before)
		}
	case x.passive(si, f):
		if before >= 0 {
			addTarget(before)
		}
		if _, ms := after(byPrep); len(ms) > 0 {
			f.agents = append(f.agents, ms...)
		}
	default:
		if before >= 0 {
			f.agents = append(f.agents, before)
		}
		start := f.te
		if f.tr.flags&particle != 0 {
			start = f.ts + 1
		}
		for _, m := range phrase(start, 6) {
			addTarget(m)
			break
		}
	}
}
