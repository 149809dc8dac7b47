package events

import "strings"

// Word classes used by the light syntax. They are closed-class English
// words, not a domain list.
var (
	determiners  = set("the a an its their his her our this these those that some several every all any other")
	prepositions = set("of for in at on from to into near around over across inside outside against toward towards within throughout upon onto along by")
	clauseWords  = set("that which who whom whose when where while as because but although though since until after before if whether so than")
	auxWords     = set("is are was were be been being has have had do does did will would could should can may might must shall 's 're 'll 've 'd said says say told according")
	negations    = set("not n't never no cannot without unable failed fail fails")
	modals       = set("will would could might may should shall must 'll going plan plans planned planning prepare prepares prepared preparing threaten threatens threatened threatening vow vows vowed vowing promise promised promises expect expects expected expecting intend intends intended predict predicts predicted predicting hope hopes hoped want wants wanted aim aims aimed seek seeks sought")
	// heads after a nominal trigger that make it a modifier ("defence
	// minister", "attack helicopters") or not an event ("assassination plot")
	modifierHeads = set("official officials minister ministers ministry secretary system systems line lines helicopter helicopters room rooms budget budgets spending industry contractor contractors department policy policies capability capabilities mentality plan plans plot plots attempt attempts threat threats zone zones tactic tactics aircraft jet jets plane planes weapon weapons position positions commander commanders headquarters center centre centers centres force analyst analysts expert experts correspondent correspondents dog dogs team teams unit")
	breakWords    = set("break breaks broke broken breaking lift lifts lifted lifting end ends ended ending raise raised raising")
	eventVerbs    = set("happen happens happened occur occurs occurred")
	preventVerbs  = set("prevent prevents prevented preventing stop stops stopped stopping block blocks blocked blocking cut keep keeps kept bar barred deter deterred")
	// realisedBefore: "managed to X" says X happened
	realisedBefore = set("managed manage manages able succeeded succeed helped help helps went")
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isClausePunct reports punctuation that ends a phrase.
func isClausePunct(w string) bool {
	switch w {
	case ",", ";", ":", "(", ")", ".", "!", "?", "\u2014", "\u2013", "--", "[", "]":
		return true
	}
	return false
}

func isWord(w string) bool {
	if w == "" {
		return false
	}
	c := w[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// findTriggers returns the triggers of a sentence in order. A trigger
// inside a multi-word name ("Battle of Britain", "Liberation Army") or in
// a title-cased run ("Defense Minister") is a name, not an event.
func (x *extraction) findTriggers(si int) []found {
	d := x.d
	s := d.sents[si]
	var out []found
	for i := s.TokenStart; i < s.TokenEnd; i++ {
		cands := triggers[d.low[i]]
		if len(cands) == 0 {
			continue
		}
		if k := d.mentIn[i]; k >= 0 && d.ments[k].te-d.ments[k].ts > 1 {
			continue
		}
		if i > s.TokenStart && i+1 < s.TokenEnd && isCapitalised(d.toks[i].Text) && isCapitalised(d.toks[i+1].Text) {
			continue
		}
		best, bestLen, bestEnd := -1, -1, 0
		for c, tr := range cands {
			end, ok := d.matchRest(i, s.TokenEnd, tr)
			if ok && len(tr.rest) > bestLen {
				best, bestLen, bestEnd = c, len(tr.rest), end
			}
		}
		if best < 0 {
			continue
		}
		tr := cands[best]
		if tr.form == formNoun && bestEnd < s.TokenEnd && modifierHeads[d.low[bestEnd]] {
			continue
		}
		f := found{ts: i, te: bestEnd, tr: tr, typ: tr.typ}
		if tr.flags&particle != 0 {
			f.te = i + 1 // the particle is not part of the trigger's text
		}
		out = append(out, f)
		if tr.flags&particle == 0 {
			i = bestEnd - 1
		}
	}
	return out
}

// matchRest checks the words after a trigger's first word.
func (d *document) matchRest(i, end int, tr trigger) (int, bool) {
	if len(tr.rest) == 0 {
		return i + 1, true
	}
	if tr.flags&particle != 0 {
		for j := i + 1; j < end && j <= i+5; j++ {
			if isClausePunct(d.low[j]) {
				return 0, false
			}
			if d.low[j] == tr.rest[0] {
				return j + 1, true
			}
		}
		return 0, false
	}
	j := i + 1
	for _, w := range tr.rest {
		if j >= end || d.low[j] != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// qualify reads negation, modality and a broken siege around a trigger.
func (x *extraction) qualify(si int, f *found) {
	d := x.d
	s := d.sents[si]
	for j := f.ts - 1; j >= s.TokenStart && j >= f.ts-6; j-- {
		w := d.low[j]
		if isClausePunct(w) || w == "but" {
			break
		}
		if negations[w] {
			f.negated = true
		}
		if modals[w] || w == "if" || w == "whether" {
			f.modal = true
		}
	}
	// "prevented them from entering", "cut off from falling back"
	if f.tr.form == formIng && f.ts > s.TokenStart && d.low[f.ts-1] == "from" {
		for j := f.ts - 2; j >= s.TokenStart && j >= f.ts-5; j-- {
			if preventVerbs[d.low[j]] {
				f.negated = true
			}
		}
	}
	if f.tr.form == formBase && f.ts > s.TokenStart && d.low[f.ts-1] == "to" {
		f.purpose = true
		if f.ts-2 >= s.TokenStart && realisedBefore[d.low[f.ts-2]] {
			f.purpose = false // "managed to liberate", "were able to break"
		}
	}
	if f.typ == Siege {
		for j := f.ts - 4; j <= f.te+3; j++ {
			if j >= s.TokenStart && j < s.TokenEnd && (j < f.ts || j >= f.te) && breakWords[d.low[j]] {
				f.typ = SiegeBroken
			}
		}
	}
}
