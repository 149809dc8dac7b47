package translit

import (
	"strings"
)

// articles are the Arabic definite article and its sun-letter assimilations as
// they are written in Latin script. A word that is one of these is dropped
// when another word follows it. English "an", "as", "at" are dropped too:
// keys are compared with keys, so a name only loses a word that every
// spelling of it loses.
var articles = map[string]bool{
	"al": true, "el": true, "ul": true, "il": true,
	"ad": true, "ar": true, "as": true, "at": true, "az": true, "an": true,
	"ash": true, "ath": true, "adh": true, "ed": true, "er": true, "es": true,
	"et": true, "ez": true, "en": true, "esh": true, "ech": true, "ag": true,
}

// abdForms are spellings of "abd" (servant of) that transliterations write
// joined, spaced or hyphenated with the next word: Abdul-Malik, Abd al-Malik,
// Abdulmalik, Abdel Malik all key to "abdmalik".
var abdForms = []string{"abdoul", "abdul", "abdel", "abdal", "abdol", "abdu", "abd"}

// Key returns the normalised lookup key of a name: folded to lowercase ASCII,
// possessive endings removed, apostrophes and ʿayn/hamza marks deleted,
// punctuation turned into spaces, the Arabic article dropped, "abd" compounds
// joined, "ibn/ben" unified to "bin", "abou" to "abu", and a leading "the"
// dropped. Keys are what the knowledge base is indexed by and what exact
// alias matching compares:
//
//	Key("Jurf al-Sakher")          = "jurf sakher"
//	Key("Kata’ib Hezbollah")       = "kataib hezbollah"
//	Key("Suleimani’s")             = "suleimani"
//	Key("Abd al-Malik al-Houthi")  = "abdmalik houthi"
//	Key("The Long War Journal")    = "long war journal"
func Key(s string) string {
	return strings.Join(KeyTokens(s), " ")
}

// KeyTokens is Key split into its words.
func KeyTokens(s string) []string {
	f := Fold(s)
	// Split into words on anything that is not a letter, digit or apostrophe.

	type word struct {
		text string
	}
	var words []word
	start := -1
	flush := func(end int) {
		if start >= 0 {
			words = append(words, word{text: f[start:end]})
			start = -1
		}
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '\'' || isWordByte(c):
			if start < 0 {
				start = i
			}
		default:
			flush(i)
		}
	}
	flush(len(f))

	toks := make([]string, 0, len(words))
	for _, w := range words {
		t := w.text
		// leading or trailing apostrophes are quotes, not hamza
		t = strings.Trim(t, "'")
		// possessive: "soleimani's", "forces'"
		if strings.HasSuffix(t, "'s") {
			t = t[:len(t)-2]
		}
		t = strings.ReplaceAll(t, "'", "")
		if t != "" {
			toks = append(toks, t)
		}
	}
	// Joining letters and dropping articles can each expose work for the
	// other ("a al b"), so repeat until nothing changes: Key is idempotent.
	for n := -1; n != len(toks); {
		n = len(toks)
		toks = joinLetters(toks)
		// an article before another word: "al-Sakher", "Al Qaeda",
		// "As Sulaymaniyah" (GeoNames' spelling), "Dayr az Zawr". One glued
		// to its word ("alsakher") is left alone: too risky ("albania").
		kept := toks[:0]
		for i, t := range toks {
			if i < len(toks)-1 && articles[t] {
				continue
			}
			kept = append(kept, t)
		}
		toks = kept
		for len(toks) > 1 && toks[0] == "the" {
			toks = toks[1:]
		}
	}
	// abd compounds, bin/ibn, abu
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t {
		case "ibn", "ben", "bin", "bint":
			if i > 0 {
				t = "bin"
			}
		case "abou", "abo":
			t = "abu"
		}
		if f := abdForm(t); f != "" {
			if t == f && i+1 < len(toks) {
				t = "abd" + abdRest(toks[i+1])
				i++
			} else if t != f {
				t = "abd" + abdRest(t[len(f):])
			}
		}
		out = append(out, t)
	}
	return out
}

// joinLetters joins runs of two or more one-letter words, so dotted
// initialisms key like their undotted form: "U.S." → "us", "J. D. Vance" →
// "jd vance".
func joinLetters(toks []string) []string {
	out := toks[:0]
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && len(toks[j]) == 1 {
			j++
		}
		if j-i >= 2 {
			out = append(out, strings.Join(toks[i:j], ""))
			i = j
			continue
		}
		out = append(out, toks[i])
		i++
	}
	return out
}

// abdForm returns the abd spelling t starts with, if t is an abd compound.
func abdForm(t string) string {
	for _, f := range abdForms {
		if strings.HasPrefix(t, f) {
			rest := t[len(f):]
			if rest == "" || len(rest) >= 3 {
				// "abdullah" = abd + allah; "abdi" is a name of its own.
				return f
			}
		}
	}
	return ""
}

// abdRest drops an article glued to the second half of an abd compound:
// "allah" → "lah", so Abd Allah, Abdallah and Abdullah agree.
func abdRest(r string) string {
	if len(r) >= 5 && (strings.HasPrefix(r, "al") || strings.HasPrefix(r, "ul") || strings.HasPrefix(r, "el") || strings.HasPrefix(r, "ol")) {
		return r[2:]
	}
	return r
}

func isWordByte(c byte) bool {
	return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || c >= 0x80
}
