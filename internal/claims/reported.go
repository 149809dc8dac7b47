package claims

import (
	"github.com/parallaxhq/parallax/internal/model"
)

// reportedSpeech finds the attributions of sentence si that are not
// quotations: "X said (that) ...", "X told Y ...", "..., the sources say",
// "according to X, ...", "As X notes, ...".
func (x *extractor) reportedSpeech(si int) {
	v := x.v
	a, b := v.sentSpan(si)
	skipUntil := -1
	for t := a; t < b; t++ {
		if t < skipUntil || x.inQuote[t] >= 0 || x.usedCue[t] {
			continue
		}
		l := v.low[t]
		if l == "according" && t+1 < b && v.low[t+1] == "to" && !x.usedCue[t+1] {
			if e := x.accordingTo(t, a, b, si); e > t {
				skipUntil = e
			}
			continue
		}
		cv, ok := cueVerbs[l]
		if !ok || cv.class == cueObject || !x.verbReading(t, a) {
			continue
		}
		if e := x.indirect(t, cv, a, b, si); e > t {
			skipUntil = e
		}
	}
}

// contentEnd returns where the content of a reported clause starting at c
// ends: at the end of the sentence (before its final punctuation), at a
// semicolon, or before ", while" / ", but" that opens another clause.
func (x *extractor) contentEnd(c, b int) int {
	v := x.v
	b = min(b, c+3*maxScan)
	for k := c; k < b; k++ {
		if x.longMark[k] && x.inQuote[k] < 0 && k > c && x.spanOpenedAt(k) {
			// a quotation inside the content stays in it
			continue
		}
		switch v.low[k] {
		case ";":
			return k
		case ",":
			if k+1 < b {
				switch v.low[k+1] {
				case "while", "whereas", "but", "although", "though", "however", "instead", "meanwhile", "actually":
					return k
				case "in":
					if k+2 < b && (v.low[k+2] == "reality" || v.low[k+2] == "fact" || v.low[k+2] == "truth") {
						return k
					}
				}
			}
		}
	}
	e := b
	for e > c && isPunct(v.low[e-1]) && !isQuoteTok(v.low[e-1]) {
		e--
	}
	return e
}

func (x *extractor) spanOpenedAt(k int) bool {
	return k+1 < len(x.inQuote) && x.inQuote[k+1] >= 0
}

// looksLikeClause reports whether the tokens from c read as a clause (a
// subject and a finite verb) rather than a noun phrase object.
func (x *extractor) looksLikeClause(c, b int) bool {
	v := x.v
	for k := c; k < b && k < c+14; k++ {
		l := v.low[k]
		if v.ment[k] >= 0 || determiners[l] || v.isNumber(k) || l == "of" || l == "'s" || l == "and" || isQuoteTok(l) {
			continue
		}
		if k == c && (l == "he" || l == "she" || l == "they" || l == "it" || l == "we" || l == "i" || l == "there" || l == "this" || l == "you") {
			continue
		}
		if k > c && (isVerbLike(l) || l == "will" || l == "would") {
			return true
		}
		if prepositions[l] || isPunct(l) || clauseWords[l] || negators[l] {
			return false
		}
	}
	return false
}

// indirect reads the reported clause governed by the reporting verb at t.
// It returns the end of the content (0 when nothing was found).
func (x *extractor) indirect(t int, cv cueVerb, a, b, si int) int {
	v := x.v
	// "..., the sources say." / "..., said the minister."
	if r, cs, ok := x.trailingAttribution(t, cv, a, b); ok {
		x.usedCue[t] = true
		e := cs
		x.emit(model.QuoteIndirect, v.toks[t].Text, r, v.toks[a].Start, v.toks[max(e-1, a)].End, si, t, a, e)
		return t + 1
	}
	var sp speakerRef
	if isParticiple(v.low[t]) && len(v.low[t]) > 4 && v.low[t][len(v.low[t])-3:] == "ing" {
		// "cited Iraqi commanders saying ...": the phrase before is the speaker.
		e := t
		s := x.npLeft(e, a)
		if s < e {
			sp = x.describe(s, e, cv.media)
		}
	} else {
		sp = x.subjectOf(t, a, cv.media)
	}
	if !sp.ok() {
		return 0
	}
	// "As The Long War Journal notes, ..."
	k := sp.t0 - 1
	for k >= a && determiners[v.low[k]] {
		k--
	}
	if k >= a && v.low[k] == "as" && (k == a || v.low[k-1] == ",") && t+1 < b && v.low[t+1] == "," {
		if sp.t1-sp.t0 == 1 && isPronounRef(v.low[sp.t0]) {
			sp = x.resolvePronoun(sp, sp.t0)
		}
		c := t + 2
		e := x.contentEnd(c, b)
		if e > c {
			x.usedCue[t] = true
			x.emit(model.QuoteAccordingTo, v.toks[t].Text, sp, v.toks[c].Start, v.toks[e-1].End, si, t, c, e)
			return e
		}
		return 0
	}
	c := t + 1
	switch cv.class {
	case cueTell:
		if e := x.npRight(c, b, false); e > c {
			c = e
		}
	case cueCredit:
		e := x.contentEnd(c, b)
		if e-c < 3 {
			return 0
		}
		if sp.t1-sp.t0 == 1 && isPronounRef(v.low[sp.t0]) {
			sp = x.resolvePronoun(sp, sp.t0)
		}
		x.usedCue[t] = true
		x.emit(model.QuoteIndirect, v.toks[t].Text, sp, v.toks[c].Start, v.toks[e-1].End, si, t, c, e)
		return e
	}
	for c < b && isTimeWord(v.low[c]) {
		c++
	}
	if c < b && v.low[c] == "," {
		c++
	}
	clause := false
	if c < b && v.low[c] == "that" {
		c++
		clause = true
	} else {
		clause = x.looksLikeClause(c, b)
	}
	if !clause {
		return 0
	}
	e := x.contentEnd(c, b)
	if e-c < 2 {
		return 0
	}
	if sp.t1-sp.t0 == 1 && isPronounRef(v.low[sp.t0]) {
		sp = x.resolvePronoun(sp, sp.t0)
		if !sp.ok() {
			return 0
		}
	}
	sp = x.resolved(sp)
	x.usedCue[t] = true
	x.emit(model.QuoteIndirect, v.toks[t].Text, sp, v.toks[c].Start, v.toks[e-1].End, si, t, c, e)
	return e
}

// trailingAttribution matches a reporting verb that closes its sentence
// after a comma: "..., the sources say." or "..., said the minister.". It
// returns the speaker and the comma token that ends the content.
func (x *extractor) trailingAttribution(t int, cv cueVerb, a, b int) (speakerRef, int, bool) {
	v := x.v
	atEnd := func(k int) bool {
		for k < b && isTimeWord(v.low[k]) {
			k++
		}
		for ; k < b; k++ {
			if !isPunct(v.low[k]) || isQuoteTok(v.low[k]) {
				return false
			}
		}
		return true
	}
	// ", said the minister."
	if t-1 > a && v.low[t-1] == "," && !cv.base {
		e := x.npRight(t+1, b, false)
		if e > t+1 && atEnd(e) {
			if r := x.describe(t+1, e, cv.media); r.ok() {
				return x.resolved(r), t - 1, true
			}
		}
	}
	if !atEnd(t + 1) {
		return speakerRef{}, 0, false
	}
	e := x.skipVerbPrefix(t, a)
	s := x.npLeft(e, a)
	if s == e || s-1 <= a || v.low[s-1] != "," {
		return speakerRef{}, 0, false
	}
	r := x.describe(s, e, cv.media)
	if !r.ok() {
		return speakerRef{}, 0, false
	}
	return x.resolved(r), s - 1, true
}

// resolved replaces a pronoun ("he said") or a definite title ("the
// general said") by the person it stands for, when one is found.
func (x *extractor) resolved(r speakerRef) speakerRef {
	v := x.v
	if !r.ok() {
		return r
	}
	if r.t1-r.t0 == 1 && isPronounRef(v.low[r.t0]) {
		if p := x.resolvePronoun(r, r.t0); p.ok() {
			return p
		}
		return r
	}
	if !r.named && r.person && !r.plural && r.t1-r.t0 <= 3 && v.low[r.t0] == "the" && titleHeads[v.low[r.t1-1]] {
		si := int(v.sent[r.t0])
		for s := si; s >= 0 && s >= si-3; s-- {
			a, b := v.sentSpan(s)
			if s == si {
				b = r.t0
			}
			for t := b - 1; t >= a && t >= b-maxScan; t-- {
				if m := v.mentionAt(t); m != nil && m.Type == model.Person {
					if p := x.describe(m.t0, m.t1, false); p.ok() {
						return p
					}
				}
			}
		}
	}
	return r
}

// titleHeads are roles a definite description uses for a person named
// before: "the general said".
var titleHeads = set(`general commander minister president colonel captain major lieutenant chief leader
	premier chairman senator governor mayor ambassador envoy cleric sheikh imam`)

// accordingTo reads "according to X" in sentence [a, b). It returns the
// end of the attribution phrase.
func (x *extractor) accordingTo(t, a, b, si int) int {
	v := x.v
	np0 := t + 2
	pe := x.npRight(np0, b, false)
	sp := x.describe(np0, pe, false)
	if !sp.ok() || !sp.named && !sp.person && !sp.media {
		// "according to information obtained by Al-Akhbar from sources":
		// the first name or source up to the next comma.
		k := pe
		for ; k < b && v.low[k] != "," && v.low[k] != "."; k++ {
			if m := v.mentionAt(k); m != nil {
				if r := x.describe(m.t0, m.t1, false); r.ok() {
					sp = r
					break
				}
			}
			if info, ok := speakerNouns[v.low[k]]; ok && info.person {
				s := x.npLeft(k+1, pe)
				if r := x.describe(s, k+1, false); r.ok() {
					sp = r
					break
				}
			}
		}
		for k < b && v.low[k] != "," && v.low[k] != "." {
			k++
		}
		pe = k
	}
	if !sp.ok() {
		return 0
	}
	x.usedCue[t+1] = true
	trailEnd := pe
	for trailEnd < b && isPunct(v.low[trailEnd]) && !isQuoteTok(v.low[trailEnd]) {
		trailEnd++
	}
	var c0, c1 int
	a = max(a, t-3*maxScan)
	switch {
	case t == a || t == a+1 && !v.isWord(a):
		c0 = pe
		if c0 < b && v.low[c0] == "," {
			c0++
		}
		c1 = x.contentEnd(c0, b)
	case trailEnd >= b:
		c0, c1 = a, t
		if c1-1 > a && v.low[c1-1] == "," {
			c1--
		}
	default:
		before := t - a
		after0 := pe
		if after0 < b && v.low[after0] == "," {
			after0++
		}
		after1 := x.contentEnd(after0, b)
		if after1-after0 >= before {
			c0, c1 = after0, after1
		} else {
			c0, c1 = a, t
			if c1-1 > a && v.low[c1-1] == "," {
				c1--
			}
		}
	}
	if c1 <= c0 {
		return 0
	}
	x.emit(model.QuoteAccordingTo, v.text[v.toks[t].Start:v.toks[t+1].End], sp, v.toks[c0].Start, v.toks[c1-1].End, si, t, c0, c1)
	return pe
}
