package clean

import (
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// Language identification uses whatlanggo (trigram profiles of 84 languages,
// pure Go, a few hundred KB of tables). This fork is the one go-trafilatura
// already links, so it costs no second copy of the tables; lingua-go is more
// accurate on very short text but ships models of tens of megabytes and is an
// order of magnitude slower, which the 1 MB/s-per-core budget cannot afford.
// Short lines are judged by their script alone (scriptOf), which is cheap and
// certain: Persian in an English article needs no trigram model.

// Script is the writing system most letters of a text belong to.
type Script string

// Scripts told apart by scriptOf.
const (
	ScriptNone       Script = ""
	ScriptLatin      Script = "Latin"
	ScriptArabic     Script = "Arabic"
	ScriptCyrillic   Script = "Cyrillic"
	ScriptGreek      Script = "Greek"
	ScriptHebrew     Script = "Hebrew"
	ScriptHan        Script = "Han"
	ScriptKana       Script = "Kana"
	ScriptHangul     Script = "Hangul"
	ScriptDevanagari Script = "Devanagari"
	ScriptThai       Script = "Thai"
	ScriptOther      Script = "Other"
)

var scriptTables = []struct {
	s Script
	t *unicode.RangeTable
}{
	{ScriptLatin, unicode.Latin}, {ScriptArabic, unicode.Arabic}, {ScriptCyrillic, unicode.Cyrillic},
	{ScriptGreek, unicode.Greek}, {ScriptHebrew, unicode.Hebrew}, {ScriptHan, unicode.Han},
	{ScriptKana, unicode.Hiragana}, {ScriptKana, unicode.Katakana}, {ScriptHangul, unicode.Hangul},
	{ScriptDevanagari, unicode.Devanagari}, {ScriptThai, unicode.Thai},
}

func runeScript(r rune) Script {
	if r < 0x80 {
		if ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			return ScriptLatin
		}
		return ScriptNone
	}
	if !unicode.IsLetter(r) {
		return ScriptNone
	}
	for _, st := range scriptTables {
		if unicode.Is(st.t, r) {
			return st.s
		}
	}
	return ScriptOther
}

// scriptOrder lists the scripts in a fixed order for counting.
var scriptOrder = []Script{ScriptLatin, ScriptArabic, ScriptCyrillic, ScriptGreek, ScriptHebrew, ScriptHan,
	ScriptKana, ScriptHangul, ScriptDevanagari, ScriptThai, ScriptOther}

// scriptTally counts letters by script, indexed as scriptOrder.
type scriptTally [11]int

func scriptIndex(sc Script) int {
	for i, s := range scriptOrder {
		if s == sc {
			return i
		}
	}
	return len(scriptOrder) - 1
}

// add counts the letters of s.
func (t *scriptTally) add(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				t[0]++
			}
			continue
		}
		// A multi-byte rune: decode it and look its script up.
		r, size := utf8.DecodeRuneInString(s[i:])
		switch sc := runeScript(r); sc {
		case ScriptNone:
		case ScriptHan, ScriptKana, ScriptHangul:
			// One ideograph or syllable carries about as much as a short
			// word of letters; weigh it so mixed Japanese lines read as Japanese.
			t[scriptIndex(sc)] += 3
		default:
			t[scriptIndex(sc)]++
		}
		i += size - 1
	}
}

// scriptOf is the script of most of the letters of s (ideographs weigh
// three letters), and how many letters s has, so weighed.
// Japanese text mixing kana and kanji counts as kana.
func scriptOf(s string) (Script, int) {
	var t scriptTally
	t.add(s)
	return t.dominant()
}

func (t *scriptTally) dominant() (Script, int) {
	best, n, total := -1, 0, 0
	for i, c := range t {
		total += c
		if c > n {
			best, n = i, c
		}
	}
	if best < 0 {
		return ScriptNone, 0
	}
	sc := scriptOrder[best]
	if sc == ScriptHan && t[scriptIndex(ScriptKana)] > 0 {
		sc = ScriptKana
	}
	return sc, total
}

// scriptLanguage is the language a script alone implies, where it implies one.
var scriptLanguage = map[Script]string{
	ScriptGreek: "el", ScriptHebrew: "he", ScriptKana: "ja", ScriptHangul: "ko", ScriptThai: "th", ScriptHan: "zh",
}

// DetectLanguage returns the ISO 639-1 code of the language of text (or ""
// when it has no letters) and whatlanggo's confidence in it (0..1). Only the
// first maxBytes bytes are read; pass 0 for all.
func DetectLanguage(text string, maxBytes int) (string, float64) {
	if maxBytes > 0 && len(text) > maxBytes {
		cut := maxBytes
		for cut > 0 && !isRuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	sc, n := scriptOf(text)
	if n == 0 {
		return "", 0
	}
	if l, ok := scriptLanguage[sc]; ok {
		return l, 1
	}
	if sc == ScriptLatin && looksEnglish(text, len(text)) {
		return "en", 1
	}
	if sc == ScriptCyrillic {
		if l := cyrillicByLetters(text); l != "" {
			return l, 1
		}
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 {
		return "", 0
	}
	code := info.Lang.Iso6391()
	if code == "" {
		code = info.Lang.Iso6393()
	}
	return code, info.Confidence
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// cyrillicByLetters tells Cyrillic languages apart by the letters only one
// of them uses, where trigram profiles confuse Russian with Bulgarian.
func cyrillicByLetters(text string) string {
	var ru, uk, be, sr, mk int
	for _, r := range text {
		switch unicode.ToLower(r) {
		case 'ы', 'э':
			ru++
		case 'ї', 'є', 'ґ':
			uk++
		case 'ў':
			be++
		case 'ђ', 'ћ':
			sr++
		case 'ѓ', 'ќ', 'ѕ':
			mk++
		}
	}
	switch {
	case uk > 0 && uk >= ru:
		return "uk"
	case be > 0 && be >= ru:
		return "be"
	case sr > 0:
		return "sr"
	case mk > 0:
		return "mk"
	case ru > 0:
		return "ru"
	}
	return ""
}
