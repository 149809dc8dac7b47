package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

// Tokenize splits text into words, numbers and punctuation marks, each with
// its byte offsets, so that text[t.Start:t.End] == t.Text for every token.
//
// The segmentation follows the conventions of the CoNLL-2003 news data the
// recogniser is trained on: hyphenated compounds (al-Sakher, Abdul-Karim,
// 1996-08-22, 48-hour) stay one token; possessive 's and the clitic n't are
// split off (also with the curly apostrophe); numbers keep their thousands
// separators and decimal points (26,000, 7.5); abbreviations keep their
// full stop (U.S., Lt., Gen., e.g.); runs such as "..." and "--" are one
// token; every other punctuation mark or symbol is a token of its own.
// Invalid UTF-8 bytes become one-byte symbol tokens, so offsets stay exact.
func Tokenize(text string) []model.Token {
	toks := make([]model.Token, 0, len(text)/5+1)
	return appendTokens(toks, text)
}

func appendTokens(toks []model.Token, text string) []model.Token {
	i := 0
	n := len(text)
	for i < n {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			i += size
			continue
		}
		start := i
		switch {
		case isURLStart(text, i):
			j := i
			for j < n {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isSpace(r2) || r2 == '"' || r2 == '<' || r2 == '>' || r2 == '\u201d' {
					break
				}
				j += s2
			}
			// Trailing sentence punctuation is not part of a URL.
			for j > i && strings.ContainsRune(".,;:!?)'", rune(text[j-1])) {
				j--
			}
			i = j
		case isWordRune(r):
			end := scanWord(text, i)
			toks = appendWord(toks, text, start, end)
			i = end
			continue
		case r == '.' || r == '-' || r == '\u2026':
			// Runs of dots and hyphens: "...", "--".
			j := i + size
			for j < n && text[j] == byte(r) && r != '\u2026' {
				j++
			}
			i = j
		default:
			i += size
		}
		toks = append(toks, model.Token{Start: start, End: i, Text: text[start:i]})
	}
	return toks
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' || r == '\u200b' || r == '\ufeff' || unicode.IsSpace(r)
}

// isWordRune reports whether r can start or continue a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if r == utf8.RuneError {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isHyphen(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011'
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019'
}

func isURLStart(text string, i int) bool {
	c := text[i]
	if c != 'h' && c != 'w' && c != 'H' && c != 'W' {
		return false
	}
	rest := text[i:]
	if len(rest) > 12 {
		rest = rest[:12]
	}
	rest = strings.ToLower(rest)
	return strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "www.")
}

// scanWord returns the end of the word starting at i: letters, digits and
// marks joined by single hyphens, apostrophes, or (between digits) commas,
// periods, colons and slashes; internal periods between letters (U.S, e.g)
// are kept, and a final period is attached when the word is an abbreviation.
func scanWord(text string, i int) int {
	n := len(text)
	j := i
	internalDot := false
	for j < n {
		r, size := utf8.DecodeRuneInString(text[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if j+size >= n {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[j+size:])
		prev, _ := utf8.DecodeLastRuneInString(text[i:j])
		switch {
		case isHyphen(r) && isWordRune(next):
			j += size
			continue
		case isApostrophe(r) && isLetter(prev) && isLetter(next):
			j += size
			continue
		case (r == ',' || r == '.' || r == ':' || r == '/') && isDigit(prev) && isDigit(next):
			if r == ',' && !thousandsGroup(text, j+size) {
				break
			}
			j += size
			continue
		case r == '.' && isLetter(prev) && isLetter(next) && shortSegment(lastSegment(text[i:j])) && shortSegment(text[j+size:]):
			internalDot = true
			j += size
			continue
		}
		break
	}
	// A final period belongs to abbreviations and initials.
	if j < n && text[j] == '.' && !(j+1 < n && text[j+1] == '.') {
		w := text[i:j]
		if internalDot || isAbbreviation(w) || isInitial(w) {
			j++
		}
	}
	return j
}

func lastSegment(s string) string {
	if k := strings.LastIndexByte(s, '.'); k >= 0 {
		return s[k+1:]
	}
	return s
}

// shortSegment reports whether the letters after the last dot of s (or
// before the first dot of the rest) form a segment of at most two letters,
// as in U.S, e.g, Ph.D; longer segments are words joined by a missing space.
func shortSegment(s string) bool {
	count := 0
	for _, r := range s {
		if !isLetter(r) {
			break
		}
		count++
		if count > 2 {
			return false
		}
	}
	return count > 0
}

// thousandsGroup reports whether exactly three digits follow at i (then a
// non-digit), as in 26,000; "1,2" stays three tokens.
func thousandsGroup(text string, i int) bool {
	if i+3 > len(text) {
		return false
	}
	for k := i; k < i+3; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return i+3 == len(text) || text[i+3] < '0' || text[i+3] > '9'
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsDigit(r)
}

// isInitial reports whether w is a single capital letter (J. in J. Smith).
func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

// appendWord appends the word text[start:end], splitting off the clitics
// 's and n't (straight or curly apostrophe) the way the training data does.
func appendWord(toks []model.Token, text string, start, end int) []model.Token {
	w := text[start:end]
	if cut := cliticStart(w); cut > 0 {
		toks = append(toks, model.Token{Start: start, End: start + cut, Text: w[:cut]})
		start += cut
	}
	return append(toks, model.Token{Start: start, End: end, Text: text[start:end]})
}

// cliticStart returns the byte index in w where a final 's, 'S or n't
// starts, or 0. The apostrophe is straight or curly (U+2019).
func cliticStart(w string) int {
	n := len(w)
	if n < 3 {
		return 0
	}
	// apostrophe ending at byte e: its start, or -1
	apostrophe := func(e int) int {
		switch {
		case e >= 1 && w[e-1] == '\'':
			return e - 1
		case e >= 3 && w[e-3:e] == "\u2019":
			return e - 3
		}
		return -1
	}
	switch w[n-1] {
	case 's', 'S':
		if a := apostrophe(n - 1); a > 0 {
			return a
		}
	case 't', 'T':
		upper := w[n-1] == 'T'
		if a := apostrophe(n - 1); a > 1 && ((!upper && w[a-1] == 'n') || (upper && w[a-1] == 'N')) {
			return a - 1
		}
	}
	return 0
}
