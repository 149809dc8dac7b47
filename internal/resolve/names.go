package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

// titleWords are words that precede a person's name without being part of
// it: ranks, religious honorifics, offices. Multi-word titles need no entry
// of their own: every word of "Lieutenant General" is here. A title word that
// is the last word of a mention is read as a surname instead (John Major,
// Martin Luther King).
var titleWords = toSet(`
general gen lieutenant lt major maj brigadier brig colonel col captain capt
sergeant sgt admiral adm commander cmdr marshal commodore corporal private
sardar commanding
ayatollah ayatullah hojatoleslam hojjatoleslam hojatolislam hujjat grand sheikh shaykh sheik
sayyid sayyed seyyed seyed sayed syed imam mullah mufti cleric rabbi pope cardinal bishop
reverend rev haj hajj haji hajji mawlawi maulana maulvi mawlana
president vice prime minister deputy foreign defence defense interior secretary senator sen
rep representative congressman congresswoman governor gov mayor speaker chancellor ambassador
envoy chairman chairwoman chief spokesman spokeswoman spokesperson director head
supreme leader king queen prince princess crown emir sultan sheikha caliph lord lady sir dame
mr mrs ms miss dr prof professor judge justice martyr shahid premier
field staff top senior former late then acting
`)

// personTitleHeads are the title words that can stand for the person when
// the name is left out ("the Leader", "the President", "the general").
var personTitleHeads = toSet(`leader president general minister king prince emir commander
chief premier ayatollah sheikh imam chancellor secretary spokesman governor mayor speaker
caliph sultan ambassador envoy director chairman`)

// demonyms and affiliation words that precede an organisation's name without
// being part of it ("Lebanese Hezbollah", "Iraqi Popular Mobilization units",
// "pro-Iranian militias").
var demonyms = toSet(`
iraqi iranian syrian lebanese kurdish turkish russian ukrainian american us british french
german israeli palestinian saudi yemeni afghan pakistani chinese egyptian jordanian qatari
emirati libyan shiite shia shi'ite shiite sunni arab western european persian
iraq's iran's syria's lebanon's russia's ukraine's america's israel's
backed led allied aligned based affiliated linked sponsored pro anti so called`)

// genericHeads are head nouns that turn a name into a description of its
// members or a part of it ("Islamic State militants", "Popular Mobilization
// group", "Lebanese branch of Hezbollah"). Unit words that tell organisations
// apart (forces, brigades, corps, army, force) are deliberately not here:
// Hezbollah Brigades is not Hezbollah.
var genericHeads = toSet(`group groups militia militias militants militant fighters fighter members
terrorists terrorist rebels rebel insurgents insurgent jihadists jihadist outfit faction factions
network cells cell branch wing supporters ranks remnants leadership leaders commanders
organization organisation movement party
news service agency newspaper daily tv channel website outlet network broadcaster`)

// placeSuffixes mark an administrative region ("Dayr al-Zawr Province");
// placeGeneric are words around a place name that are not part of it.
var placeSuffixes = toSet(`province governorate oblast region district county prefecture state
muhafazat wilayat`)
var placeGeneric = toSet(`city town village area suburb suburbs outskirts`)

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// surface is a mention's text prepared for resolution.
type surface struct {
	typ     string // the recogniser's type, on which the analysis depends
	text    string // trimmed, possessive removed: the alias shown to users
	full    string // key of text (titles kept)
	name    string // key of the name with titles and determiners removed
	display string // the name as written, titles and determiners removed
	title   string // key of the removed title words, "" if none
	role    bool   // a title with no name ("the Leader", "Leader of the Islamic Revolution")
	acronym bool   // written as an acronym ("ISIS", "U.S.")
	region  bool   // carries an administrative-region word ("province")
	// place is the name key without region and generic place words, for
	// gazetteer lookups of mentions not typed PLACE ("" when the same)
	place string
	upper bool // starts with a capital letter (proper name)
	// core is an organisation's name as written without the lower-case
	// generic head after it ("Tahrir al-Sham" in "Tahrir al-Sham
	// fighters"): a form of the name the document uses, listed as an alias
	// too ("" when there is no such head)
	core string
}

// cleanSurface trims quotes, brackets and punctuation around a mention and
// drops a possessive ending: "“Suleimani’s" → "Suleimani".
func cleanSurface(s string) string {
	// a recogniser that runs two names of a list together ("Hezbollah
	// Brigades, League") is taken at its first name
	if i := strings.Index(s, ", "); i >= 2 {
		s = s[:i]
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || (unicode.IsPunct(r) && r != '.' && r != '\'' && r != '’') || unicode.IsSymbol(r)
	})
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(s, suf) {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	s = strings.TrimRight(s, "'’ ,;:")
	// a trailing full stop is sentence punctuation, unless it closes an
	// initialism ("U.S.")
	if len(s) > 2 && s[len(s)-1] == '.' && s[len(s)-3] != '.' {
		s = s[:len(s)-1]
	}
	return strings.Join(strings.Fields(s), " ")
}

// analyse prepares a mention text of the given NER type.
func analyse(text, typ string) surface {
	s := surface{text: cleanSurface(text)}
	if s.text == "" {
		return s
	}
	s.acronym = translit.IsAcronym(strings.ReplaceAll(s.text, " ", ""))
	s.full = translit.Key(s.text)
	words := strings.Fields(s.text)
	lw := make([]string, len(words))
	for i, w := range words {
		lw[i] = strings.Trim(translit.Fold(w), ".,'’")
	}
	start := 0
	if len(lw) > 1 && (lw[0] == "the" || lw[0] == "a" || lw[0] == "an") {
		start = 1
	}
	r, _ := utf8.DecodeRuneInString(words[start])
	s.upper = unicode.IsUpper(r) || unicode.IsDigit(r)
	personish := typ == "" || typ == "PERSON" || typ == "MISC"
	isTitle := func(w string) bool { return titleWords[w] && (personish || rankWords[w]) }
	if personish || rankWords[lw[start]] {
		// the name follows the last title word whose preceding words can
		// all belong to a title; a title word ending the mention is a
		// surname (John Major)
		last := -1
		for i := start; i < len(lw)-1; i++ {
			if isTitle(lw[i]) && titlePrefix(lw[start:i], words[start:i]) {
				last = i
			}
		}
		if last >= 0 {
			rest := words[last+1:]
			if capitalised(rest[0]) {
				s.title = translit.Key(strings.Join(words[start:last+1], " "))
				s.display = strings.Join(rest, " ")
				s.name = translit.Key(s.display)
				return s
			}
			if personish && lw[last+1] == "of" {
				s.role = true // "Leader of the Islamic Revolution"
				s.display = strings.Join(words[start:], " ")
				s.title = translit.Key(s.display)
				s.name = s.title
				return s
			}
		}
		if personish && start == len(lw)-1 && personTitleHeads[lw[start]] {
			s.role = true // "the Leader", "the general"
			s.title = lw[start]
			s.name = lw[start]
			s.display = words[start]
			return s
		}
	}
	if typ != "PERSON" && typ != "ORG" {
		if p, region := placeName(lw[start:], words[start:]); p != "" {
			if typ == "PLACE" {
				s.display, s.region = p, region
				s.name = translit.Key(p)
				return s
			}
			s.place, s.region = translit.Key(p), region
		}
	}
	s.display = strings.Join(words[start:], " ")
	s.name = translit.Key(s.display)
	if typ == "ORG" {
		s.core = orgCore(words)
	}
	return s
}

// coreHeads are the lower-case words after an organisation's name that
// speak of its members or units rather than name it ("fighters",
// "forces"); "movement" or "party" are parts of names ("Sadrist movement").
var coreHeads = toSet(`units unit forces force group groups militia militias militants militant
fighters fighter rebels rebel insurgents terrorists jihadists members supporters loyalists cells
remnants ranks`)

// orgCore strips trailing lower-case generic heads from an organisation
// mention's words; "" when there are none or nothing capitalised is left.
func orgCore(words []string) string {
	j := len(words)
	for j > 1 && !capitalised(words[j-1]) && coreHeads[words[j-1]] {
		j--
	}
	if j == len(words) || !capitalised(words[0]) {
		return ""
	}
	return strings.Join(words[:j], " ")
}

// rankWords are the title words that still mark a person when the
// recogniser called the mention an organisation or place ("General
// Soleimani" tagged ORG).
var rankWords = toSet(`general gen lieutenant lt major maj brigadier brig colonel col captain capt
admiral commander ayatollah grand sheikh shaykh sayyid sayyed seyyed seyed imam mullah
president minister senator mr mrs ms dr haj hajj`)

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func indexOf(ws []string, w string) int {
	for i, x := range ws {
		if x == w {
			return i
		}
	}
	return -1
}

func allTitles(ws []string) bool {
	for _, w := range ws {
		if !titleWords[w] {
			return false
		}
	}
	return len(ws) > 0
}

// titlePrefix reports whether the words before a title word can all belong
// to a title: other title words, affiliations ("US President", "Iran's
// Foreign Minister") or an of-phrase ("Supreme Leader of the Islamic Republic
// of Iran Ayatollah").
func titlePrefix(lw, words []string) bool {
	if len(lw) == 0 {
		return true
	}
	if !titleWords[lw[0]] && !demonyms[lw[0]] {
		return false
	}
	for i, w := range lw {
		if titleWords[w] || demonyms[w] {
			continue
		}
		if w == "of" || w == "the" || w == "and" || w == "for" {
			continue
		}
		// words of an of-phrase: capitalised names after "of"
		if i > 0 && indexOf(lw[:i], "of") >= 0 && capitalised(words[i]) {
			continue
		}
		return false
	}
	return true
}

// placeName strips region and generic words from a place mention:
// "Dayr al-Zawr Province" → ("Dayr al-Zawr", true), "the city of Amerli" →
// ("Amerli", false). It returns "" when nothing was stripped.
func placeName(lw, words []string) (string, bool) {
	if len(lw) < 2 {
		return "", false
	}
	region := false
	i, j := 0, len(lw)
	// leading "city of", "province of"
	if len(lw) > 2 && lw[1] == "of" && (placeGeneric[lw[0]] || placeSuffixes[lw[0]]) {
		region = placeSuffixes[lw[0]]
		i = 2
	}
	for j-1 > i && (placeSuffixes[lw[j-1]] || placeGeneric[lw[j-1]]) {
		if placeSuffixes[lw[j-1]] {
			region = true
		}
		j--
	}
	if i == 0 && j == len(lw) {
		return "", false
	}
	return strings.Join(words[i:j], " "), region
}

// orgVariants returns lookup keys for an organisation mention, most specific
// first: the name itself, without a leading affiliation ("Lebanese
// Hezbollah" → "hezbollah"), without a generic head ("Islamic State
// militants" → "islamic state"), the head of an of-phrase ("Quds Force of the
// Iranian Revolutionary Guards" → "quds force") or, when that head is
// generic, its complement ("Lebanese branch of Hezbollah" → "hezbollah").
func orgVariants(key string) []string {
	toks := strings.Fields(key)
	out := []string{key}
	add := func(ts []string) {
		if len(ts) == 0 {
			return
		}
		k := strings.Join(ts, " ")
		for _, o := range out {
			if o == k {
				return
			}
		}
		out = append(out, k)
	}
	core := stripOrg(toks)
	add(core)
	if i := indexOf(toks, "of"); i > 0 && i < len(toks)-1 {
		head, tail := stripOrg(toks[:i]), toks[i+1:]
		if len(tail) > 0 && tail[0] == "the" {
			tail = tail[1:]
		}
		if len(head) == 0 {
			add(stripOrg(tail))
		} else {
			add(head)
		}
	}
	return out
}

// stripOrg drops leading affiliations and trailing generic heads; it
// returns nil when nothing but those is left.
func stripOrg(toks []string) []string {
	i, j := 0, len(toks)
	for i < j && (demonyms[toks[i]] || toks[i] == "the") {
		i++
	}
	for j > i && genericHeads[toks[j-1]] {
		j--
	}
	if i >= j {
		return nil
	}
	return toks[i:j]
}
