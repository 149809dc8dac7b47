package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the coarse class of a token.
type tokKind uint8

const (
	tokWord  tokKind = iota // letters, maybe with an abbreviation period ("Sept.", "p.m.")
	tokNum                  // digits, maybe with ",", ".", ":" inside and a letter suffix ("40th", "1990s")
	tokPunct                // any other single character
)

// token is one word, number or punctuation mark with its byte offsets.
type token struct {
	start, end int
	text       string // text[start:end]
	low        string // lower case, curly apostrophes folded to '
	kind       tokKind
	space      bool // whitespace (or start of text) before the token
	newline    bool // a line break before the token
	para       bool // a blank line (or start of text) before the token
	sentStart  bool // the token starts a sentence
}

// abbreviations that keep their trailing period inside the token.
var abbrevPeriod = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"mon": true, "tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true, "st": true,
	"no": false, "vs": true, "jr": true, "sr": true, "gov": true, "sen": true, "rep": true, "inc": true,
	"corp": true, "co": true, "ltd": true, "yr": true, "yrs": true, "hr": true, "hrs": true, "min": true,
	"mins": true, "sec": true, "secs": true, "est": false,
}

// tokenize splits text into tokens and marks sentence starts. It never
// allocates per character and keeps byte offsets exact.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	// lower-case forms are written into one buffer and sliced out of one
	// string afterwards, so tokens cost no allocation each
	var lows strings.Builder
	lows.Grow(len(text))
	lowEnds := make([]int, 0, cap(toks))
	i := 0
	space, newline, para := true, true, true
	nl := 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\t' {
			space = true
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= 0x80 {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
			if r == '\n' {
				nl++
			}
			space, newline = true, true
			if nl >= 2 {
				para = true
			}
			i += size
			continue
		}
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = true
			i += size
			continue
		}
		start := i
		var kind tokKind
		switch {
		case isLetter(r):
			kind = tokWord
			i = scanWord(text, i)
		case r >= '0' && r <= '9':
			kind = tokNum
			i = scanNumber(text, i)
		case (r == '\'' || r == '\u2019') && i+size < len(text) && (text[i+size] == 's' || text[i+size] == 'S') &&
			(i+size+1 == len(text) || !isASCIILetter(text[i+size+1])) && i > 0 && !unicode.IsSpace(rune(text[i-1])):
			// possessive 's split from its word: "year's"
			kind = tokWord
			i += size + 1
		case (r == '\'' || r == '\u2019' || r == '\u2018') && i+size+1 < len(text) && isDigit(text[i+size]) && isDigit(text[i+size+1]) &&
			(i+size+2 >= len(text) || !isDigit(text[i+size+2])):
			// '80s, '90s
			kind = tokNum
			i = scanNumber(text, i+size)
		default:
			kind = tokPunct
			i += size
		}
		t := token{start: start, end: i, text: text[start:i], kind: kind, space: space, newline: newline, para: para}
		appendLowerFold(&lows, t.text)
		lowEnds = append(lowEnds, lows.Len())
		toks = append(toks, t)
		space, newline, para = false, false, false
		nl = 0
	}
	all := lows.String()
	prev := 0
	for k := range toks {
		toks[k].low = all[prev:lowEnds[k]]
		prev = lowEnds[k]
	}
	markSentences(toks)
	return toks
}

// appendLowerFold writes the lower-case, apostrophe- and dash-folded form of s.
func appendLowerFold(b *strings.Builder, s string) {
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= 0x80 {
			b.WriteString(lowerFold(s))
			return
		}
	}
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
}

func isLetter(r rune) bool {
	if r < 0x80 {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r)
}
func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// scanWord reads letters, inner apostrophes are split off ("year's" → "year", "'s"),
// and a trailing period is kept for known abbreviations and dotted forms (p.m., U.S.).
func scanWord(text string, i int) int {
	start := i
	for i < len(text) {
		if c := text[i]; c < 0x80 {
			if !isASCIILetter(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isLetter(r) && !unicode.IsMark(r) {
			break
		}
		i += size
	}
	// dotted letters: a.m. p.m. U.S. (single letters separated by periods)
	if i-start == 1 && i+2 <= len(text) && text[i] == '.' {
		j := i
		for j+2 <= len(text) && text[j] == '.' && j+1 < len(text) && isASCIILetter(text[j+1]) && (j+2 == len(text) || text[j+2] == '.') {
			j += 2
		}
		if j > i {
			if j < len(text) && text[j] == '.' {
				j++
			}
			return j
		}
	}
	if i < len(text) && text[i] == '.' {
		if abbrevPeriod[strings.ToLower(text[start:i])] {
			return i + 1
		}
	}
	return i
}

func isASCIILetter(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

// scanNumber reads digits with inner separators (1,000 3.5 5:30) and a short
// letter suffix (40th, 1990s, 3rd, 5pm).
func scanNumber(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if isDigit(c) {
			i++
			continue
		}
		if (c == ',' || c == '.' || c == ':') && i+1 < len(text) && isDigit(text[i+1]) {
			i++
			continue
		}
		break
	}
	// suffix: st nd rd th s am pm
	j := i
	for j < len(text) && j-i < 2 && isASCIILetter(text[j]) {
		j++
	}
	if j > i && (j == len(text) || !isASCIILetter(text[j])) {
		suf := strings.ToLower(text[i:j])
		switch suf {
		case "st", "nd", "rd", "th", "s", "am", "pm":
			return j
		}
	}
	return i
}

// lowerFold lowercases and folds typographic apostrophes and dashes.
func lowerFold(s string) string {
	ascii := true
	upper := false
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= 0x80 {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\u2019', '\u2018', '\u02bc':
			b.WriteByte('\'')
		case '\u2013', '\u2014', '\u2010', '\u2011', '\u2012':
			b.WriteByte('-')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// markSentences sets sentStart on tokens that open a sentence: the first
// token, tokens after a blank line, and tokens after . ! ? followed by a
// capital, a digit or a quote.
func markSentences(toks []token) {
	for k := range toks {
		if k == 0 || toks[k].para {
			toks[k].sentStart = true
			continue
		}
		p := toks[k-1]
		if p.kind == tokPunct && (p.low == "." || p.low == "!" || p.low == "?") && toks[k].space {
			toks[k].sentStart = true
			continue
		}
		// closing quote after a sentence end
		if k >= 2 && p.kind == tokPunct && (p.low == "\"" || p.text == "\u201d" || p.low == "'") && toks[k].space {
			pp := toks[k-2]
			if pp.kind == tokPunct && (pp.low == "." || pp.low == "!" || pp.low == "?") {
				toks[k].sentStart = true
				continue
			}
		}
		// a line break after a line that did not end in punctuation is a
		// sentence break too (titles, date lines, list items).
		if toks[k].newline && !(p.kind == tokPunct && (p.low == "," || p.low == "-")) {
			if c, _ := utf8.DecodeRuneInString(toks[k].text); unicode.IsUpper(c) || unicode.IsDigit(c) {
				toks[k].sentStart = true
			}
		}
	}
}

// isDash reports whether a token is a hyphen or dash.
func (t token) isDash() bool {
	return t.kind == tokPunct && (t.low == "-")
}

// capitalised reports whether the token begins with an upper-case letter.
func (t token) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}
