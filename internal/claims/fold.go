package claims

import (
	"strings"
	"unicode"
)

// FoldKey turns a name or noun phrase into the key used in claim topics:
// lower case, accents and typographic marks removed, leading articles,
// titles and Arabic article prefixes ("al-", "el-") dropped, words joined
// with "-". "The Long War Journal" -> "long-war-journal", "Jurf al-Sakher"
// -> "jurf-sakher", "General Soleimani" -> "soleimani". It is deterministic
// so the lead can build the same keys from resolved aliases.
func FoldKey(s string) string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		r = foldRune(unicode.ToLower(r))
		switch {
		case r == '\'':
			// "Iran's" -> "iran": a possessive ends the word.
			flush()
			words = append(words, "'")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	out := words[:0]
	for i, w := range words {
		if w == "'" || w == "s" && i > 0 && words[i-1] == "'" {
			continue
		}
		if len(out) == 0 && (w == "the" || w == "a" || w == "an" || titles[w]) {
			continue
		}
		if (w == "al" || w == "el" || w == "ul") && i+1 < len(words) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, "-")
}

// foldRune strips the accent from a Latin letter and folds typographic
// apostrophes.
func foldRune(r rune) rune {
	switch r {
	case '\u2019', '\u2018', '`', '\u02bc', '\u02bb':
		return '\''
	}
	if r < 0xC0 {
		return r
	}
	switch {
	case strings.ContainsRune("àáâãäåāăą", r):
		return 'a'
	case strings.ContainsRune("ÀÁÂÃÄÅĀĂĄ", r):
		return 'A'
	case strings.ContainsRune("çćĉċč", r):
		return 'c'
	case strings.ContainsRune("èéêëēĕėęě", r):
		return 'e'
	case strings.ContainsRune("ÈÉÊËĒĔĖĘĚ", r):
		return 'E'
	case strings.ContainsRune("ìíîïĩīĭįı", r):
		return 'i'
	case strings.ContainsRune("ÌÍÎÏĨĪĬĮİ", r):
		return 'I'
	case strings.ContainsRune("ñńņň", r):
		return 'n'
	case strings.ContainsRune("òóôõöøōŏő", r):
		return 'o'
	case strings.ContainsRune("ÒÓÔÕÖØŌŎŐ", r):
		return 'O'
	case strings.ContainsRune("ùúûüũūŭůűų", r):
		return 'u'
	case strings.ContainsRune("ÙÚÛÜŨŪŬŮŰŲ", r):
		return 'U'
	case strings.ContainsRune("śŝşšṣ", r):
		return 's'
	case strings.ContainsRune("ḥ", r):
		return 'h'
	case strings.ContainsRune("ṭ", r):
		return 't'
	case strings.ContainsRune("ḍ", r):
		return 'd'
	case strings.ContainsRune("ẓžźż", r):
		return 'z'
	case strings.ContainsRune("ýÿ", r):
		return 'y'
	}
	return r
}

// Skeleton reduces a folded key to a spelling-tolerant form for matching
// transliterations: per word, the first letter and then the consonants,
// with q and c read as k and doubled letters collapsed. "soleimani",
// "suleimani" and "sulaimani" all become "slmn"; "amerli", "amirli" and
// "amrili" become "amrl". Keys of different length classes rarely collide,
// but this is a fallback for when no resolved ids are given.
func Skeleton(key string) string {
	var b strings.Builder
	first := true
	var last byte
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c == '-' {
			b.WriteByte('-')
			first, last = true, 0
			continue
		}
		if c == 'q' || c == 'c' {
			c = 'k'
		}
		if !first && strings.IndexByte("aeiouyhw", c) >= 0 {
			continue
		}
		if c == last {
			continue
		}
		b.WriteByte(c)
		last, first = c, false
	}
	return b.String()
}
