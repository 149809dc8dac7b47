package lang

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

// NameOptions adds what a knowledge base knows about names to the
// recogniser (see AnalyzeNames). The zero value adds nothing but the
// pattern rules.
type NameOptions struct {
	// Lexicon lists known names (a knowledge base's aliases); nil for none.
	Lexicon *Lexicon
	// TypeOf, when set, returns the type a knowledge base gives a name the
	// recogniser found and the lexicon does not list as written (a spelling
	// variant: "Jaref al-Sakher" for Jurf al-Sakhar), or "" when it knows
	// none or several.
	TypeOf func(name string) string
	// IsCommon, when set, reports whether a word is an everyday English
	// word ("say", "role", "front"): a known person's name inside a longer
	// mention of common words is the recogniser running the name into
	// them ("Role of Soleimani", "Qaani Say").
	IsCommon func(word string) bool
}

// AnalyzeNames is Analyze with known names: the recogniser's mentions are
// merged with the lexicon's, corrected and completed by general rules of
// English news writing (see (*NERModel).NameMentions). It is safe for
// concurrent use.
func AnalyzeNames(text string, o NameOptions) Result {
	m, err := defaultNER()
	if err != nil {
		panic("lang: " + err.Error())
	}
	return m.AnalyzeNames(text, o)
}

// AnalyzeNames is the package-level AnalyzeNames with this model.
func (m *NERModel) AnalyzeNames(text string, o NameOptions) Result {
	toks := Tokenize(text)
	sents := SplitSentences(text, toks)
	return Result{
		Tokens:     toks,
		Sentences:  sents,
		Mentions:   m.NameMentions(text, toks, sents, o),
		Quantities: Quantities(text, toks, sents),
	}
}

// nspan is a mention while it is being settled: tokens [a, b).
type nspan struct {
	a, b  int
	typ   string
	fixed bool // type given by the lexicon or a rule: TypeOf leaves it
}

// NameMentions finds the entity mentions of one document (tokens and
// sentences from Tokenize and SplitSentences over text), in text order and
// never overlapping. On top of the recogniser's spans it:
//
//  1. trims punctuation from their edges ("Jaref al-Nasr [") and splits a
//     span at a comma between two capitalised names ("Hezbollah Brigades,
//     League");
//  2. merges the lexicon's names: a name the recogniser missed is added; a
//     name equal to a mention gives it the lexicon's type ("Hezbollah"
//     typed a place); a name that covers mentions replaces them ("League of
//     the Righteous" over "Righteous"); a name inside a longer mention
//     types it when the rest is titles ("General Qassem Soleimani") or
//     affiliations and generic heads ("Kurdish Rudaw"), replaces it when the
//     rest is a possessed noun ("Obama Administration" → "Obama"), and
//     otherwise leaves the recogniser's longer name alone;
//  3. applies rules for how English news writes names: a bracketed gloss is
//     one name ("[Victory Cliff]"); a region word after a place belongs to
//     it ("Dayr al-Zawr Province"); a nationality before an organisation
//     belongs to it ("Iranian Revolutionary Guard"); so does a generic head
//     after it ("Popular Mobilization group", "Islamic State militants",
//     "Rudaw news service"); a unit of an organisation is one name ("Quds
//     Force of the Iranian Revolutionary Guards", "Lebanese branch of
//     Hezbollah"); a title with an of-phrase is a person's role ("Leader of
//     the Islamic Revolution"), and "the Leader" is that person again when
//     the document has named someone with the title; capitalised titles
//     before a person's name are part of the mention ("Ayatollah Ali
//     Khamenei"), as resolution expects;
//
// Between steps 2 and 3, TypeOf gives the recogniser's mentions the lexicon
// did not type their knowledge-base type.
func (m *NERModel) NameMentions(text string, toks []model.Token, sents []model.Sentence, o NameOptions) []model.Mention {
	words := make([][]string, len(sents))
	for i, s := range sents {
		ws := make([]string, s.TokenEnd-s.TokenStart)
		for j := range ws {
			ws[j] = toks[s.TokenStart+j].Text
		}
		words[i] = ws
	}
	tags := m.TagDocument(words)
	ner := make([][]nspan, len(sents))
	for si, s := range sents {
		for _, sp := range SpansFromTags(tags[si]) {
			ner[si] = append(ner[si], nspan{a: s.TokenStart + sp.Start, b: s.TokenStart + sp.End, typ: ModelType(sp.Type)})
		}
	}
	return settleNames(text, toks, sents, ner, o)
}

// settleNames runs steps 1 to 3 of NameMentions on the recogniser's spans
// of each sentence (token indices into toks).
func settleNames(text string, toks []model.Token, sents []model.Sentence, ner [][]nspan, o NameOptions) []model.Mention {
	matches := o.Lexicon.Find(toks, sents)
	nm := &nameMerger{toks: toks, titlesSeen: map[string]bool{}, isCommon: o.IsCommon}
	var out []model.Mention
	typeOf := map[string]string{} // TypeOf's answers in this document
	mi := 0
	for si, s := range sents {
		spans := nm.clean(ner[si])
		k := mi
		for k < len(matches) && matches[k].Start < s.TokenEnd {
			k++
		}
		nm.s = s
		nm.headline = -1
		spans = nm.merge(spans, matches[mi:k])
		mi = k
		if nm.isCommon != nil && nm.isHeadline() {
			// in a headline every word is capitalised: a "name" made only of
			// everyday words is none ("Spotted", "Region")
			kept := spans[:0]
			for _, sp := range spans {
				common := !sp.fixed
				for j := sp.a; j < sp.b && common; j++ {
					common = nm.isCommon(foldWord(toks[j].Text))
				}
				if !common {
					kept = append(kept, sp)
				}
			}
			spans = kept
		}
		for j := range spans {
			// a people or faith alone is MISC, as in CoNLL ("Shia", "Arabs")
			if sp := &spans[j]; !sp.fixed && sp.b-sp.a == 1 && isPeople(toks[sp.a].Text) {
				sp.typ, sp.fixed = model.Misc, true
			}
		}
		if o.TypeOf != nil {
			for j := range spans {
				if sp := &spans[j]; !sp.fixed {
					name := text[toks[sp.a].Start:toks[sp.b-1].End]
					t, ok := typeOf[name]
					if !ok {
						t = o.TypeOf(name)
						typeOf[name] = t
					}
					if t != "" {
						sp.typ = t
					}
				}
			}
		}
		spans = nm.rules(spans)
		for _, sp := range spans {
			a, b := toks[sp.a], toks[sp.b-1]
			typ := sp.typ
			if typ == model.Person {
				for j := sp.a; j < sp.b; j++ {
					if isTitleWord(toks[j].Text) {
						nm.titlesSeen[foldWord(strings.TrimSuffix(toks[j].Text, "."))] = true
					}
				}
			}
			out = append(out, model.Mention{Start: a.Start, End: b.End, Text: text[a.Start:b.End], Type: typ})
		}
	}
	return out
}

// nameMerger holds what the merge of one document needs.
type nameMerger struct {
	toks []model.Token
	s    model.Sentence
	// headline caches whether the current sentence is a headline (-1: not
	// computed yet)
	headline int
	// titlesSeen are the title words of the persons named so far
	titlesSeen map[string]bool
	isCommon   func(string) bool
}

func isWordTok(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return isWordRune(r)
}

func isClitic(w string) bool {
	switch w {
	case "'s", "’s", "'S", "’S", "'", "’":
		return true
	}
	return false
}

// clean trims punctuation and possessives from the edges of the
// recogniser's spans and splits them at commas between names.
func (nm *nameMerger) clean(spans []nspan) []nspan {
	out := spans[:0:0]
	for _, sp := range spans {
		for sp.a < sp.b && !isWordTok(nm.toks[sp.a].Text) {
			sp.a++
		}
		for sp.b > sp.a && (!isWordTok(nm.toks[sp.b-1].Text) && nm.toks[sp.b-1].Text != "." || isClitic(nm.toks[sp.b-1].Text)) {
			sp.b--
		}
		if sp.a >= sp.b {
			continue
		}
		start := sp.a
		for j := sp.a + 1; j < sp.b-1; j++ {
			if nm.toks[j].Text != "," || !isCapWord(nm.toks[j-1].Text) && !isCapWord(nm.toks[start].Text) || !isCapWord(nm.toks[j+1].Text) || isAbbreviation(strings.TrimSuffix(nm.toks[j+1].Text, ".")) || strings.HasSuffix(nm.toks[j+1].Text, ".") {
				continue
			}
			out = append(out, nspan{a: start, b: j, typ: sp.typ})
			start = j + 1
		}
		out = append(out, nspan{a: start, b: sp.b, typ: sp.typ})
	}
	return out
}

// isHeadline reports whether the current sentence is an all-capitals or
// title-case line, where capitals say little.
func (nm *nameMerger) isHeadline() bool {
	if nm.headline < 0 {
		letters, caps, allCaps := 0, 0, 0
		for j := nm.s.TokenStart; j < nm.s.TokenEnd; j++ {
			w := nm.toks[j].Text
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsLetter(r) {
				continue
			}
			letters++
			if unicode.IsUpper(r) {
				caps++
				if wordCase(w) == caseExact {
					allCaps++
				}
			}
		}
		nm.headline = 0
		if letters >= 3 && (allCaps*10 >= letters*8 || letters >= 4 && caps*10 >= letters*7) {
			nm.headline = 1
		}
	}
	return nm.headline == 1
}

// sentenceInitial reports whether token i opens its sentence (after any
// quotes or brackets).
func (nm *nameMerger) sentenceInitial(i int) bool {
	for j := nm.s.TokenStart; j < i; j++ {
		if isWordTok(nm.toks[j].Text) {
			return false
		}
	}
	return true
}

// capNeighbour reports whether the word before or after [a, b) is
// capitalised (not counting the sentence's first word before it).
func (nm *nameMerger) capNeighbour(a, b int) bool {
	if a-1 >= nm.s.TokenStart && isCapWord(nm.toks[a-1].Text) && !nm.sentenceInitial(a-1) {
		return true
	}
	return b < nm.s.TokenEnd && isCapWord(nm.toks[b].Text)
}

// canAdd reports whether a lexicon match may become a mention where the
// recogniser found none.
func (nm *nameMerger) canAdd(m NameMatch) bool {
	if m.Ambiguous {
		return false
	}
	guarded := m.Flags&(NameCommon|NameFill) != 0
	if !guarded {
		return true
	}
	if nm.isHeadline() {
		return false
	}
	one := m.End-m.Start == 1
	if m.Flags&NameFill != 0 || one {
		if nm.sentenceInitial(m.Start) || nm.capNeighbour(m.Start, m.End) {
			return false
		}
	}
	return true
}

// merge folds the lexicon matches of one sentence into the recogniser's
// spans (see NameMentions, step 2).
func (nm *nameMerger) merge(spans []nspan, matches []NameMatch) []nspan {
	// a span that runs known names together with "and" or commas is those
	// names ("Hezbollah Brigades and Badr")
	for k := 0; k < len(spans); k++ {
		sp := spans[k]
		var in []NameMatch
		rest := 0
		j := sp.a
		for _, m := range matches {
			if m.Start >= sp.a && m.End <= sp.b && !m.Ambiguous && m.Flags&NameFill == 0 {
				for ; j < m.Start; j++ {
					if !connector[foldWord(nm.toks[j].Text)] {
						rest++
					}
				}
				in = append(in, m)
				j = m.End
			}
		}
		for ; j < sp.b; j++ {
			if !connector[foldWord(nm.toks[j].Text)] {
				rest++
			}
		}
		if len(in) < 2 || rest > 0 {
			continue
		}
		spans = append(spans[:k], spans[k+1:]...)
		for _, m := range in {
			spans = append(spans, nspan{a: m.Start, b: m.End, typ: m.Type, fixed: true})
		}
		k--
	}
	for _, m := range matches {
		var over []int
		for k, sp := range spans {
			if sp.a < m.End && m.Start < sp.b {
				over = append(over, k)
			}
		}
		ms := nspan{a: m.Start, b: m.End, typ: m.Type, fixed: true}
		if len(over) == 0 {
			if nm.canAdd(m) {
				spans = append(spans, ms)
			}
			continue
		}
		if m.Ambiguous || m.Flags&NameFill != 0 {
			continue // the recogniser's reading stands
		}
		if len(over) == 1 {
			sp := &spans[over[0]]
			if sp.a == m.Start && sp.b == m.End {
				sp.typ, sp.fixed = m.Type, true
				continue
			}
			if sp.a <= m.Start && m.End <= sp.b {
				nm.inside(spans, over[0], m)
				continue
			}
		}
		if m.Flags&NameCommon != 0 && nm.isHeadline() {
			continue
		}
		if nm.descriptive(m, spans, over) {
			continue
		}
		// the name covers or crosses the recogniser's spans: it wins, and
		// what is left of a crossed span stays if it still names something
		var kept []nspan
		for k, sp := range spans {
			if indexInt(over, k) < 0 {
				kept = append(kept, sp)
				continue
			}
			if sp.a < m.Start {
				if r := (nspan{a: sp.a, b: m.Start, typ: sp.typ}); nm.namesSomething(r) {
					kept = append(kept, r)
				}
			}
			if sp.b > m.End {
				if r := (nspan{a: m.End, b: sp.b, typ: sp.typ}); nm.namesSomething(r) {
					kept = append(kept, r)
				}
			}
		}
		spans = append(kept, ms)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a < spans[j].a })
	return spans
}

func indexInt(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// descriptive reports whether a lexicon name that covers the recogniser's
// spans is a description built on them: it ends in a lower-case word and
// covers only places and nationalities ("U.S. military", "Iraqi security
// forces"). The recogniser's place then stands.
func (nm *nameMerger) descriptive(m NameMatch, spans []nspan, over []int) bool {
	if isCapWord(nm.toks[m.End-1].Text) || !isWordTok(nm.toks[m.End-1].Text) {
		return false
	}
	for _, k := range over {
		if t := spans[k].typ; t != model.Place && t != model.Misc {
			return false
		}
	}
	return true
}

// namesSomething reports whether a leftover span still reads as a name: it
// has a capitalised word and no edge punctuation.
func (nm *nameMerger) namesSomething(sp nspan) bool {
	if !isWordTok(nm.toks[sp.a].Text) || !isWordTok(nm.toks[sp.b-1].Text) {
		return false
	}
	for j := sp.a; j < sp.b; j++ {
		if isCapWord(nm.toks[j].Text) && !isTitleWord(nm.toks[j].Text) {
			return true
		}
	}
	return false
}

// connector are the words and marks between names of a list.
var connector = setOf("and", "or", "&", ",", "/", ";")

// possessedHeads are nouns a person's name modifies without the whole
// being a name of its own ("Obama Administration", "the Trump era").
var possessedHeads = setOf("administration", "administrations", "government", "cabinet", "era", "presidency",
	"regime", "campaign", "doctrine", "camp", "team", "family", "clan", "years", "loyalists", "supporters")

// inside handles a lexicon match inside the longer span spans[k].
func (nm *nameMerger) inside(spans []nspan, k int, m NameMatch) {
	sp := &spans[k]
	before, after := nm.toks[sp.a:m.Start], nm.toks[m.End:sp.b]
	all := func(ts []model.Token, f func(string) bool) bool {
		for _, t := range ts {
			if !f(t.Text) {
				return false
			}
		}
		return true
	}
	switch {
	case m.Type == model.Person && all(before, isTitleWord) && len(after) == 0:
		sp.typ, sp.fixed = model.Person, true // "General Qassem Soleimani"
	case m.Type == model.Person && all(before, isTitleWord) && len(after) == 1 && possessedHeads[foldWord(after[0].Text)]:
		*sp = nspan{a: m.Start, b: m.End, typ: model.Person, fixed: true} // "Obama Administration"
	case m.Type == model.Org && all(before, isDemonym) && all(after, func(w string) bool { return orgHeadNouns[foldWord(w)] }):
		sp.typ, sp.fixed = model.Org, true // "Kurdish Rudaw"
	case m.Type == model.Person && sp.typ != model.Person && nm.isCommon != nil &&
		all(before, nm.plainWord) && all(after, nm.plainWord):
		// a person run into common words: "Role of Soleimani"
		*sp = nspan{a: m.Start, b: m.End, typ: m.Type, fixed: true}
	case !all(before, isWordTok) || !all(after, isWordTok) || nm.isHeadline():
		// punctuation inside the span, or a headline, where capitals run
		// a name into the words around it ("Qaani Say"): the known name
		*sp = nspan{a: m.Start, b: m.End, typ: m.Type, fixed: true}
	}
}

// plainWord reports whether a word is an everyday word that is no title
// and does not make an organisation's name ("Foundation", "Brigade").
func (nm *nameMerger) plainWord(w string) bool {
	f := foldWord(w)
	return nm.isCommon(f) && !isTitleWord(w) && !defaultGazetteer().has(f, catOrgKey)
}

// isDemonym reports whether a word names a nationality or people
// ("Iranian", "Kurdish", "Lebanese"), by the built-in gazetteer.
func isDemonym(w string) bool {
	if !isCapWord(w) {
		return false
	}
	f := foldWord(w)
	return peoples[f] || defaultGazetteer().has(f, catDemonym)
}

// isPeople reports whether a word names a nationality, people or faith, or
// its members ("Shia", "Kurds", "Iraqis").
func isPeople(w string) bool {
	if isDemonym(w) {
		return true
	}
	if t := strings.TrimSuffix(w, "s"); t != w && isDemonym(t) {
		return true
	}
	return false
}

// peoples are the adjectives of peoples and faiths that the gazetteer's
// nationalities (from country names) lack.
var peoples = setOf("kurdish", "kurd", "arab", "arabian", "persian", "shiite", "shia", "shi'ite", "sunni",
	"alawite", "druze", "yazidi", "yezidi", "turkmen", "assyrian", "chaldean", "pashtun", "baloch", "baluch",
	"hazara", "tajik", "uzbek", "tamil", "sikh", "muslim", "christian", "jewish", "chechen", "tatar",
	"uyghur", "uighur", "rohingya", "sahrawi", "berber", "amazigh", "tuareg", "western", "european",
	"african", "asian", "latin", "palestinian", "islamist", "jihadist", "catholic", "orthodox", "shiites",
	"sunnis", "kurds", "shias", "alawites", "yazidis", "arabs", "christians", "muslims", "jews", "hindus")

// orgHeadNouns are generic head nouns written after an organisation's name to
// mean the organisation, a part of it or its members ("Popular
// Mobilization group", "Islamic State militants"); two-word heads are
// listed by their first word in orgHeadPairs.
var orgHeadNouns = setOf("units", "unit", "forces", "force", "group", "militants", "fighters", "militia", "militias",
	"movement", "network", "organization", "organisation", "rebels", "insurgents", "agency", "newspaper",
	"daily", "channel", "website", "broadcaster", "party", "coalition", "alliance", "brigades")

var orgHeadPairs = map[string][]string{
	"news":       {"service", "agency", "network", "channel", "website", "outlet"},
	"media":      {"network", "outlet", "group"},
	"television": {"channel", "network", "station"},
	"tv":         {"channel", "network", "station"},
	"state":      {"media", "television", "tv"},
}

// unitWords end the name of an organisation that can be a unit of another
// ("Quds Force of the Iranian Revolutionary Guards", "Ministry of ...").
var unitWords = setOf("force", "forces", "brigade", "brigades", "corps", "army", "command", "division",
	"unit", "units", "branch", "wing", "office", "department", "directorate", "council", "committee",
	"ministry", "regiment", "battalion", "service", "agency", "bureau", "guard", "guards", "front")

// branchWords are parts of an organisation written "Lebanese branch of
// Hezbollah".
var branchWords = setOf("branch", "wing", "arm", "affiliate", "faction", "offshoot", "chapter", "franchise")

// regionWords after a place name make it a region ("Dayr al-Zawr Province").
var regionWords = setOf("province", "governorate", "district", "region", "oblast", "county", "prefecture",
	"municipality", "subdistrict", "state", "territory", "canton")

// roleHeads are the titles that, with an of-phrase, describe one person
// ("Leader of the Islamic Revolution", "Secretary of State").
var roleHeads = setOf("leader", "president", "minister", "secretary", "commander", "king", "queen", "emir",
	"prince", "chairman", "governor", "mayor", "chief", "speaker", "director", "ambassador", "envoy", "guide",
	"custodian", "patriarch", "grand mufti", "mufti", "sultan", "caliph", "head", "premier", "chancellor")

// anaphoricHeads are the titles "the X" can stand for a person with
// ("the Leader", "the President").
var anaphoricHeads = setOf("leader", "president", "general", "emir", "king", "ayatollah", "sheikh", "imam",
	"premier", "chancellor", "caliph", "sultan", "prince", "commander")

// rules applies the writing rules of step 3 to one sentence's spans.
func (nm *nameMerger) rules(spans []nspan) []nspan {
	toks := nm.toks
	s := nm.s
	fw := func(j int) string {
		if j < s.TokenStart || j >= s.TokenEnd {
			return ""
		}
		return foldWord(toks[j].Text)
	}
	spanAt := func(j int) int { // index of the span starting at token j
		for k, sp := range spans {
			if sp.a == j {
				return k
			}
		}
		return -1
	}
	covered := func(j int) int { // index of the span covering token j
		for k, sp := range spans {
			if sp.a <= j && j < sp.b {
				return k
			}
		}
		return -1
	}
	remove := func(k int) { spans = append(spans[:k], spans[k+1:]...) }

	// a bracketed gloss of capitalised words is one name: "[Victory Cliff]"
	for k := 0; k < len(spans); k++ {
		sp := spans[k]
		o, c := sp.a-1, sp.b
		for o >= s.TokenStart && o > sp.a-5 && isCapWord(toks[o].Text) && covered(o) < 0 {
			o--
		}
		for c < s.TokenEnd && c < sp.b+4 && isCapWord(toks[c].Text) && covered(c) < 0 {
			c++
		}
		if o < s.TokenStart || c >= s.TokenEnd || (o == sp.a-1 && c == sp.b) {
			continue
		}
		if (toks[o].Text == "[" && toks[c].Text == "]") || (toks[o].Text == "(" && toks[c].Text == ")") {
			spans[k].a, spans[k].b = o+1, c
		}
	}
	// a square-bracketed gloss names what it follows, so it has its type:
	// "Jaref al-Sakher [Rocky Cliff]"
	for k := 1; k < len(spans); k++ {
		sp, prev := &spans[k], spans[k-1]
		if sp.a-1 == prev.b && toks[prev.b].Text == "[" && sp.b < s.TokenEnd && toks[sp.b].Text == "]" && !sp.fixed {
			sp.typ = prev.typ
		}
	}
	// region words after a place: "Dayr al-Zawr Province"
	for k := range spans {
		sp := &spans[k]
		if sp.typ == model.Place && sp.b < s.TokenEnd && isCapWord(toks[sp.b].Text) && regionWords[fw(sp.b)] && covered(sp.b) < 0 {
			sp.b++
		}
	}
	// a nationality before an organisation: "Iranian Revolutionary Guard"
	for k := 0; k < len(spans); k++ {
		sp := spans[k]
		j := sp.a - 1
		if sp.typ != model.Org || j < s.TokenStart || !isDemonym(toks[j].Text) {
			continue
		}
		if c := covered(j); c >= 0 {
			if spans[c].a != j || spans[c].b != j+1 || spans[c].typ != model.Misc {
				continue
			}
			remove(c)
			if c < k {
				k--
			}
		}
		spans[k].a = j
	}
	// a generic head after an organisation: "Popular Mobilization group"
	for k := range spans {
		sp := &spans[k]
		j := sp.b
		if sp.typ != model.Org || j >= s.TokenEnd || covered(j) >= 0 || isCapWord(toks[j].Text) {
			continue
		}
		last := fw(sp.b - 1)
		w := fw(j)
		switch {
		case orgHeadPairs[w] != nil && indexStr(orgHeadPairs[w], fw(j+1)) >= 0 && covered(j+1) < 0 && !isCapWord(toks[j+1].Text):
			sp.b = j + 2
		case orgHeadNouns[w] && w != last && strings.TrimSuffix(w, "s") != strings.TrimSuffix(last, "s") && fw(j+1) != "of":
			sp.b = j + 1
		}
	}
	// of-phrases
	for k := 0; k < len(spans); k++ {
		sp := spans[k]
		j := sp.b
		if fw(j) != "of" {
			continue
		}
		c := j + 1
		if fw(c) == "the" {
			c++
		}
		n := spanAt(c)
		if n >= 0 && spans[n].b < s.TokenEnd && isClitic(toks[spans[n].b].Text) {
			continue // "the Quds Force of Iran's Revolutionary Guards"
		}
		if sp.typ == model.Org && unitWords[fw(sp.b-1)] && n >= 0 && (spans[n].typ == model.Org || spans[n].typ == model.Place) {
			spans[k].b = spans[n].b // "Quds Force of the Iranian Revolutionary Guards"
			remove(n)
			continue
		}
	}
	for j := s.TokenStart; j+2 < s.TokenEnd; j++ {
		// "Lebanese branch of Hezbollah"
		if !isDemonym(toks[j].Text) || !branchWords[fw(j+1)] || fw(j+2) != "of" || covered(j+1) >= 0 {
			continue
		}
		if c := covered(j); c >= 0 && (spans[c].b != j+1 || spans[c].typ != model.Misc) {
			continue
		}
		c := j + 3
		if fw(c) == "the" {
			c++
		}
		n := spanAt(c)
		if n < 0 || spans[n].typ != model.Org {
			continue
		}
		b := spans[n].b
		if d := covered(j); d >= 0 {
			remove(d)
		}
		n = spanAt(c)
		spans[n] = nspan{a: j, b: b, typ: model.Org, fixed: true}
	}
	// a title with an of-phrase is a role: "Leader of the Islamic Revolution"
	for j := s.TokenStart; j < s.TokenEnd; j++ {
		if !isCapWord(toks[j].Text) || !isTitleWord(toks[j].Text) || covered(j) >= 0 {
			continue
		}
		h := j
		for h+1 < s.TokenEnd && isCapWord(toks[h+1].Text) && isTitleWord(toks[h+1].Text) && covered(h+1) < 0 {
			h++
		}
		if !roleHeads[fw(h)] || fw(h+1) != "of" {
			j = h
			continue
		}
		c := h + 2
		if fw(c) == "the" {
			c++
		}
		e := c
		for e < s.TokenEnd && (isCapWord(toks[e].Text) || (fw(e) == "of" || fw(e) == "and") && e+1 < s.TokenEnd && isCapWord(toks[e+1].Text)) {
			if k := covered(e); k >= 0 && spans[k].typ == model.Person && e > c {
				break // the name of the person the role describes
			} else if k >= 0 && spans[k].typ != model.Misc {
				e = -1
				break
			}
			e++
		}
		if e <= c {
			j = h
			continue
		}
		var kept []nspan
		for _, sp := range spans {
			if sp.b <= j || sp.a >= e {
				kept = append(kept, sp)
			}
		}
		spans = append(kept, nspan{a: j, b: e, typ: model.Person, fixed: true})
		sort.Slice(spans, func(x, y int) bool { return spans[x].a < spans[y].a })
		j = e - 1
	}
	// titles written before a person's name belong to the mention, as
	// resolution reads them ("Ayatollah Seyyed Ali Khamenei", "General
	// Qaani"): they tell roles and namesakes apart
	for k := range spans {
		sp := &spans[k]
		if sp.typ != model.Person {
			continue
		}
		for sp.a-1 >= s.TokenStart && isCapWord(toks[sp.a-1].Text) && isTitleWord(toks[sp.a-1].Text) && covered(sp.a-1) < 0 {
			sp.a--
		}
	}
	// "the Leader": a title standing for the person named with it
	for j := s.TokenStart + 1; j < s.TokenEnd; j++ {
		if toks[j-1].Text != "the" || !isCapWord(toks[j].Text) || !anaphoricHeads[fw(j)] || !nm.titlesSeen[fw(j)] || covered(j) >= 0 {
			continue
		}
		if j+1 < s.TokenEnd && (isCapWord(toks[j+1].Text) || fw(j+1) == "of") {
			continue
		}
		spans = append(spans, nspan{a: j, b: j + 1, typ: model.Person, fixed: true})
	}
	sort.Slice(spans, func(x, y int) bool { return spans[x].a < spans[y].a })
	return spans
}

func indexStr(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
