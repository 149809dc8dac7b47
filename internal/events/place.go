package events

import "sort"

// placeAnaphors are words that stand for a place named earlier.
var placeAnaphors = set("there city town village area region province district")

// place finds where the trigger fs[i] happened:
//
//  1. in the trigger's own phrase: its object or prepositional phrase
//     ("retreated from the town of X", "the liberation of X", "the battle
//     for X"), a name before a nominal trigger ("the X operation", "X's
//     release") or the subject of a passive or of "fell" ("X was
//     liberated", "X fell");
//  2. for strong triggers only, the sentence: the nearest place that is not
//     a country and not another trigger's own place; with several places
//     each followed by its time ("in X in August and in Y in June"), one
//     report per place;
//  3. "the city", "the area" or "there" resolved to a place of the two
//     sentences before; a definite report ("the siege") takes the place of
//     the last compatible report a few sentences before.
//
// Weak triggers (fight, operation, fall, free) are dropped without 1.
func (x *extraction) place(si int, fs []found, i int) {
	d := x.d
	f := &fs[i]
	weakT := f.tr.flags&weak != 0
	if ps, anaphor, ok := x.strongPlace(si, f, weakT); ok {
		f.strongAt = true
		if anaphor >= 0 {
			if m := x.resolveAnaphor(si, anaphor); m >= 0 {
				f.places = []placePick{{m: m, via: 1}}
				return
			}
			if e, tp := x.definite(si, f); e >= 0 {
				f.places = []placePick{{m: e, via: 2, inherited: tp}}
				return
			}
			if weakT {
				f.dropped = true
			}
			return
		}
		for _, p := range ps {
			if weakT && d.ments[p].country {
				continue // "operations in Iraq" is no event
			}
			f.places = append(f.places, placePick{m: p})
		}
		if weakT && len(f.places) == 0 {
			f.dropped = true
		}
		return
	}
	if weakT {
		f.dropped = true
		return
	}
	s := d.sents[si]
	w := d.opts.WindowTokens
	lo, hi := d.segment(si, f.ts)
	lo, hi = max(lo, f.ts-w), min(hi, f.te+w)
	// places of the sentence, minus those another trigger claims
	claimed := map[int]bool{}
	a, b := nearTriggers(fs, i, 2*w)
	for j := a; j < b; j++ {
		if j == i || compatible(fs[j].typ, f.typ) {
			continue
		}
		for _, p := range fs[j].own {
			claimed[p] = true
		}
	}
	var local, broad []int
	for t := lo; t < hi; t++ {
		k := d.mentAt[t]
		if k < 0 || !d.ments[k].place || claimed[int(k)] || !d.locativeContext(d.ments[k].ts, d.ments[k].te) {
			continue // a place named as an actor ("the US killed") is not the scene
		}
		if d.ments[k].country {
			broad = append(broad, int(k))
		} else {
			local = append(local, int(k))
		}
	}
	if len(local) >= 2 {
		var pairs []placePick
		for _, p := range local {
			if tp, ok := x.pairedTime(si, p); ok {
				pairs = append(pairs, placePick{m: p, time: tp})
			}
		}
		if len(pairs) >= 2 {
			f.places = pairs
			return
		}
	}
	if len(local) > 0 {
		best, bestD := -1, 0
		for _, p := range local {
			if dist := gap(f.ts, f.te, d.ments[p].ts, d.ments[p].te); best < 0 || dist < bestD {
				best, bestD = p, dist
			}
		}
		f.places = []placePick{{m: best}}
		return
	}
	// an anaphor in the sentence beats a country
	for t := lo; t < hi; t++ {
		if placeAnaphors[d.low[t]] && (d.low[t] == "there" || t > s.TokenStart && determiners[d.low[t-1]]) && d.mentIn[t] < 0 {
			if t+1 < hi && d.low[t+1] == "of" {
				continue
			}
			if m := x.resolveAnaphor(si, t); m >= 0 {
				f.places = []placePick{{m: m, via: 1}}
				return
			}
		}
	}
	if len(broad) > 0 {
		best, bestD := -1, 0
		for _, p := range broad {
			if dist := gap(f.ts, f.te, d.ments[p].ts, d.ments[p].te); best < 0 || dist < bestD {
				best, bestD = p, dist
			}
		}
		f.places = []placePick{{m: best}}
		return
	}
	if e, tp := x.definite(si, f); e >= 0 {
		f.places = []placePick{{m: e, via: 2, inherited: tp}}
	}
}

// segment returns the token range of the part of sentence si, between
// semicolons and colons, that holds token t.
func (d *document) segment(si, t int) (int, int) {
	s := d.sents[si]
	w := d.opts.WindowTokens
	lo, hi := s.TokenStart, s.TokenEnd
	for j := t - 1; j >= s.TokenStart && j >= t-w; j-- {
		if d.low[j] == ";" {
			lo = j + 1
			break
		}
	}
	for j := t + 1; j < s.TokenEnd && j <= t+w; j++ {
		if d.low[j] == ";" {
			hi = j
			break
		}
	}
	if d.cont[si] && hi == s.TokenEnd && si+1 < len(d.sents) {
		n := d.sents[si+1]
		hi = n.TokenEnd
		for j := n.TokenStart; j < n.TokenEnd && j <= t+w; j++ {
			if d.low[j] == ";" {
				hi = j
				break
			}
		}
	}
	return lo, hi
}

// gap is the number of tokens between two token ranges.
func gap(a0, a1, b0, b1 int) int {
	if b0 >= a1 {
		return b0 - a1
	}
	if a0 >= b1 {
		return a0 - b1
	}
	return 0
}

// strongPlace reads the place in the trigger's own phrase. direct limits
// the phrase after the trigger to its object or first prepositional
// phrase ("fall of X", "fight for X"), without other names in between.
// It returns the places (coordinated ones too: "the liberation of X and
// Y"), or the token of an anaphor ("the city", "there") standing in the
// place's position, or ok false.
func (x *extraction) strongPlace(si int, f *found, direct bool) ([]int, int, bool) {
	d := x.d
	s := d.sents[si]
	end := s.TokenEnd
	if d.cont[si] && si+1 < len(d.sents) {
		end = d.sents[si+1].TokenEnd
	}
	isNoun := f.tr.form == formNoun
	// after the trigger
	preps := 0
	k := f.te
	if f.tr.flags&particle != 0 {
		// "drive the militants back from X": the phrase goes on after the particle
		for j := f.te; j < end && j <= f.te+5; j++ {
			if d.low[j] == f.tr.rest[0] {
				k = j + 1
				break
			}
		}
	}
	limit := k + x.d.opts.MaxPlaceGapTokens
	for ; k < end && k < limit; k++ {
		w := d.low[k]
		if m := d.mentAt[k]; m >= 0 {
			mm := d.ments[m]
			if mm.place && (k == 0 || d.low[k-1] != "against") {
				return x.coordinated(int(m), end), -1, true
			}
			if direct && !mm.demonym && mm.typ != "MISC" {
				break
			}
			k = mm.te - 1
			continue
		}
		if d.mentIn[k] >= 0 {
			continue
		}
		if isNoun && (w == "that" || w == "which") && k+1 < end && (d.low[k+1] == "took" || eventVerbs[d.low[k+1]] || d.low[k+1] == "raged") {
			k++ // "the battle that took place there"
			if d.low[k] == "took" && k+1 < end && d.low[k+1] == "place" {
				k++
			}
			continue
		}
		c := d.cls[k]
		if isClausePunct(w) || c&(cClause|cAux) != 0 || w == "and" || w == "or" {
			break
		}
		if k > f.te && c&cTrigger != 0 && c&cLocNoun == 0 {
			break // another trigger's phrase
		}
		if w == "there" {
			return nil, k, true
		}
		if c&cLocNoun != 0 {
			if k+1 < end && d.low[k+1] == "of" {
				k++
				continue
			}
			if k+1 < end && (d.mentAt[k+1] >= 0 && d.ments[d.mentAt[k+1]].place || locativeNouns[d.low[k+1]]) {
				continue // "their capital city Irbil"
			}
			if k > f.te && determiners[d.low[k-1]] {
				return nil, k, true // "the city"
			}
			continue
		}
		if c&cPrep != 0 {
			preps++
			if direct && preps > 1 {
				break
			}
			continue
		}
		if c&cDet != 0 || !isWord(w) {
			continue
		}
		// an adjective or noun of the object phrase ("strategic oil-rich
		// city"); a capitalised unknown word is a name we do not know
		if direct && isCapitalised(d.toks[k].Text) && k > s.TokenStart {
			break
		}
	}
	// before a nominal trigger: "the X operation", "X's release"
	if isNoun && f.ts > s.TokenStart {
		j := f.ts - 1
		if (d.low[j] == "'s" || d.low[j] == "'") && j > s.TokenStart {
			j--
		}
		if m := d.mentIn[j]; m >= 0 && d.ments[m].place && d.ments[m].te == j+1 {
			return []int{int(m)}, -1, true
		}
		// "X city ... was under siege"
		if d.low[f.ts-1] == "under" {
			if p, a, ok := x.subject(si, f.ts-1); ok {
				return p, a, true
			}
		}
	}
	if !isNoun && x.passive(si, f) {
		if p, a, ok := x.subject(si, f.ts); ok {
			return p, a, true
		}
	}
	if !isNoun && f.typ == Fall && (f.tr.lemma == "fall" || f.tr.lemma == "fall to") {
		// "Mosul fell", "the city has finally fallen"
		j := f.ts - 1
		for j > s.TokenStart && (auxWords[d.low[j]] || d.low[j] == "finally" || d.low[j] == "also" || len(d.low[j]) > 3 && d.low[j][len(d.low[j])-2:] == "ly") {
			j--
		}
		if j >= s.TokenStart && j < f.ts-0 {
			if m := d.mentIn[j]; m >= 0 && d.ments[m].place && d.ments[m].te == j+1 {
				return []int{int(m)}, -1, true
			}
			if placeAnaphors[d.low[j]] && d.low[j] != "there" && j > s.TokenStart && determiners[d.low[j-1]] {
				return nil, j, true
			}
		}
	}
	return nil, -1, false
}

// coordinated extends a place with the places coordinated after it ("X
// and Y", "X, Y and Z").
func (x *extraction) coordinated(m, end int) []int {
	d := x.d
	out := []int{m}
	k := d.ments[m].te
	for k+1 < end && len(out) < 20 && (d.low[k] == "and" || d.low[k] == ",") {
		j := k + 1
		if d.low[k] == "," && d.low[j] == "and" && j+1 < end {
			j++
		}
		n := d.mentAt[j]
		if n < 0 || !d.ments[n].place {
			break
		}
		out = append(out, int(n))
		k = d.ments[n].te
	}
	return out
}

// passive reports a participle after a form of "be" ("was liberated",
// "were besieged", "has been overrun").
func (x *extraction) passive(si int, f *found) bool {
	d := x.d
	if f.tr.form != formPast {
		return false
	}
	s := d.sents[si]
	for j := f.ts - 1; j >= s.TokenStart && j >= f.ts-3; j-- {
		switch w := d.low[j]; {
		case w == "was" || w == "were" || w == "is" || w == "are" || w == "be" || w == "been" || w == "being" || w == "got" || w == "get":
			return true
		case len(w) > 3 && w[len(w)-2:] == "ly", w == "also", w == "then", w == "not", w == "never", w == "finally", w == "later", w == "soon":
			continue
		default:
			return false
		}
	}
	return false
}

// subject finds the place a clause is about, left of token t: the first
// place (or "the city") of the clause, skipping its modifiers ("X city
// with the Shiite population ... was under siege").
func (x *extraction) subject(si, t int) ([]int, int, bool) {
	d := x.d
	s := d.sents[si]
	lo := t - 14
	if lo < s.TokenStart {
		lo = s.TokenStart
	}
	for j := t - 1; j >= lo; j-- {
		w := d.low[j]
		if w == ";" || w == ":" || w == "," && j < t-1 && clauseWords[d.low[j+1]] || clauseWords[w] && w != "that" {
			lo = j + 1
			break
		}
	}
	for j := lo; j < t; j++ {
		if m := d.mentAt[j]; m >= 0 && d.ments[m].place {
			if j > s.TokenStart && locativePreps[d.low[j-1]] {
				continue // "In X in April, the rebels were driven back": a scene, not the subject
			}
			return []int{int(m)}, -1, true
		}
		if placeAnaphors[d.low[j]] && d.low[j] != "there" && j > s.TokenStart && determiners[d.low[j-1]] && d.mentIn[j] < 0 {
			if j+1 < t && d.low[j+1] == "of" {
				continue
			}
			return nil, j, true
		}
	}
	return nil, -1, false
}

// resolveAnaphor finds the place "the city" or "there" at token t of
// sentence si stands for: a place, not a country, of the sentences before
// (or earlier in the same sentence), preferring places already reported as
// the scene of events and places the document names often.
func (x *extraction) resolveAnaphor(si, t int) int {
	d := x.d
	there := d.low[t] == "there"
	first := si - d.opts.AnaphoraSentences
	if first < 0 {
		first = 0
	}
	lo := max(d.sents[first].TokenStart, t-300)
	best, bestScore := -1, 0
	seenSent := -1
	for j := lo; j < t; j++ {
		m := d.mentAt[j]
		if m < 0 || !d.ments[m].place || d.ments[m].country {
			continue
		}
		mm := d.ments[m]
		if there && x.eventPlaces[mm.key] == 0 && x.placeFreq[mm.key] < 3 && !d.locativeContext(mm.ts, mm.te) {
			continue // "there" after a name that is rarely where places are: a newspaper, a group
		}
		sent := x.sentOf(j, first, si)
		score := 10 * (sent - si) // recency: -10 per sentence back
		if f := x.placeFreq[mm.key]; f < 5 {
			score += 2 * f
		} else {
			score += 10
		}
		if x.eventPlaces[mm.key] > 0 {
			score += 6
		}
		if sent != seenSent {
			score += 3 // the first place of a sentence is often its subject
			seenSent = sent
		}
		if best < 0 || score >= bestScore {
			best, bestScore = int(m), score
		}
	}
	return best
}

func (x *extraction) sentOf(tok, from, to int) int {
	ss := x.d.sents[from : to+1]
	k := sort.Search(len(ss), func(i int) bool { return tok < ss[i].TokenEnd })
	if k == len(ss) {
		return to
	}
	return from + k
}

// definite finds the place of an earlier compatible report for a definite
// nominal trigger ("break the siege", "the battle began").
// It returns the place and that report's time.
func (x *extraction) definite(si int, f *found) (int, timePick) {
	d := x.d
	if f.tr.form != formNoun || f.ts == d.sents[si].TokenStart || d.low[f.ts-1] != "the" && d.low[f.ts-1] != "this" || d.low[f.ts] != f.tr.lemma {
		return -1, timePick{} // only "the siege", not "these battles" or "a battle"
	}
	for k := len(x.emitted) - 1; k >= 0 && k >= len(x.emitted)-50; k-- {
		e := x.emitted[k]
		if e.sent < si-d.opts.DefiniteSentences {
			break
		}
		if e.place >= 0 && compatible(e.typ, f.typ) {
			return e.place, e.time
		}
	}
	return -1, timePick{}
}
