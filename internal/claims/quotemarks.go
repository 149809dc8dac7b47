package claims

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// quoteSpan is a stretch of text between quotation marks.
type quoteSpan struct {
	open, close int // byte offsets of the opening and closing marks; close == -1 when unclosed
	start, end  int // the content, trimmed of spaces
	single      bool
	nested      bool // a single-quoted span inside a double-quoted one
	parStart    bool // the opening mark starts its paragraph
}

// closed reports whether the span has its closing mark.
func (q quoteSpan) closed() bool { return q.close >= 0 }

// findQuoteSpans pairs quotation marks paragraph by paragraph. Curly marks
// pair by direction; straight double marks pair by the spaces around them;
// single marks are told from apostrophes by requiring an opening mark
// before a word and a closing mark after one, so "Iran's", "wasn't" and a
// plural possessive "ISIS' " without an opener stay apostrophes. A double
// quote left open runs to the end of its paragraph (multi-paragraph quotes
// restate the opening mark on each paragraph), at most maxBytes long.
func findQuoteSpans(text string, maxBytes int) []quoteSpan {
	var out []quoteSpan
	for p0 := 0; p0 < len(text); {
		p1 := paragraphEnd(text, p0)
		out = appendParagraphQuotes(out, text, p0, p1, maxBytes)
		p0 = p1
	}
	return out
}

// paragraphEnd returns the end of the paragraph starting at p0: just after
// the next blank line, or the end of the text.
func paragraphEnd(text string, p0 int) int {
	for i := p0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			for j < len(text) && (text[j] == '\n' || text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			return j
		}
	}
	return len(text)
}

func runeBefore(text string, i, lo int) rune {
	if i <= lo {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(text[lo:i])
	return r
}

func runeAfter(text string, i, hi int) rune {
	if i >= hi {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(text[i:hi])
	return r
}

func isSpaceRune(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' }

func isWordRuneQ(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func appendParagraphQuotes(out []quoteSpan, text string, p0, p1, maxBytes int) []quoteSpan {
	first := len(out)
	firstNonSpace := p0
	for firstNonSpace < p1 && isSpaceRune(rune(text[firstNonSpace])) {
		firstNonSpace++
	}
	// Double marks.
	openAt, openSize := -1, 0
	// emit ends the open quote at closeAt (its closing mark), or, when
	// closeAt < 0, leaves it unclosed and running to stop.
	emit := func(closeAt, stop int) {
		q := quoteSpan{open: openAt, close: closeAt, parStart: openAt == firstNonSpace}
		q.start = openAt + openSize
		if closeAt >= 0 {
			q.end = closeAt
		} else {
			q.end = stop
			if q.end-q.start > maxBytes {
				q.end = limitUnclosed(text, q.start, q.start+maxBytes)
			}
		}
		q.start, q.end = trimSpaces(text, q.start, q.end)
		if q.end > q.start {
			out = append(out, q)
		}
		openAt = -1
	}
	for i := p0; i < p1; {
		r, size := utf8.DecodeRuneInString(text[i:p1])
		switch r {
		case '"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
			prev, next := runeBefore(text, i, p0), runeAfter(text, i+size, p1)
			openerish := (isSpaceRune(prev) || prev == '(' || prev == '[' || prev == '-' || prev == '\u2014' || prev == '\u2013' || prev == ':' || prev == '\'' || prev == '\u2018') && !isSpaceRune(next)
			closerish := !isSpaceRune(prev) && (isSpaceRune(next) || !isWordRuneQ(next))
			if openAt < 0 {
				switch {
				case r == '\u201c' || r == '\u201e' || r == '\u00ab':
					openAt, openSize = i, size
				case r == '"' && (openerish || !closerish):
					openAt, openSize = i, size
				case r == '"' && isSpaceRune(prev) && isSpaceRune(next):
					openAt, openSize = i, size
				case r == '\u201d' && isSpaceRune(prev) && isWordRuneQ(next):
					openAt, openSize = i, size // a reversed mark used as an opener
				}
			} else {
				switch {
				case r == '\u201c' || r == '\u201e' || r == '\u00ab':
					// A new opener before a closer: the open quote was never closed.
					emit(-1, i)
					openAt, openSize = i, size
				default:
					if r == '"' && openerish && !closerish && i-openAt-openSize == 0 {
						break
					}
					emit(i, 0)
				}
			}
		}
		i += size
	}
	if openAt >= 0 {
		emit(-1, p1)
	}
	doubles := out[first:]
	// Single marks, outside or inside the double spans.
	singleOpen := -1
	for i := p0; i < p1; {
		r, size := utf8.DecodeRuneInString(text[i:p1])
		if r == '\'' || r == '\u2018' || r == '\u2019' {
			prev, next := runeBefore(text, i, p0), runeAfter(text, i+size, p1)
			opener := (r == '\u2018' || r == '\'') && !isWordRuneQ(prev) && (isWordRuneQ(next) || next == '"' || next == '\u201c')
			closer := (r == '\u2019' || r == '\'') && !isSpaceRune(prev) && !isWordRuneQ(next)
			switch {
			case singleOpen >= 0 && closer:
				if i-singleOpen <= 400 && sameDoubleRegion(doubles, singleOpen, i) {
					q := quoteSpan{open: singleOpen, close: i, single: true, parStart: singleOpen == firstNonSpace}
					q.start, q.end = trimSpaces(text, singleOpen+1+boolInt(text[singleOpen] != '\'')*2, i)
					q.nested = insideAny(doubles, singleOpen)
					if q.end > q.start {
						out = append(out, q)
					}
				}
				singleOpen = -1
			case opener && r == '\u2018':
				singleOpen = i
			case opener && singleOpen < 0:
				singleOpen = i
			}
		}
		i += size
	}
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// regionOf returns the index of the double span whose marks enclose byte
// a, or -1. The spans are in text order and do not overlap.
func regionOf(doubles []quoteSpan, a int) int {
	i := sort.Search(len(doubles), func(i int) bool { return doubles[i].open >= a }) - 1
	if i < 0 {
		return -1
	}
	d := doubles[i]
	end := d.close
	if end < 0 {
		end = d.end
	}
	if a > d.open && a < end {
		return i
	}
	return -1
}

// sameDoubleRegion reports whether a and b are both outside every double
// span or both inside the same one.
func sameDoubleRegion(doubles []quoteSpan, a, b int) bool {
	return regionOf(doubles, a) == regionOf(doubles, b)
}

func insideAny(doubles []quoteSpan, a int) bool { return regionOf(doubles, a) >= 0 }

func trimSpaces(text string, a, b int) (int, int) {
	for a < b {
		r, size := utf8.DecodeRuneInString(text[a:b])
		if !isSpaceRune(r) {
			break
		}
		a += size
	}
	return a, trimEnd(text, a, b)
}

func trimEnd(text string, a, b int) int {
	for b > a {
		r, size := utf8.DecodeLastRuneInString(text[a:b])
		if !isSpaceRune(r) {
			break
		}
		b -= size
	}
	return b
}

// limitUnclosed ends an over-long unclosed quote at the first line break
// after its start, or at a word boundary before limit.
func limitUnclosed(text string, start, limit int) int {
	if limit > len(text) {
		limit = len(text)
	}
	for i := start; i < limit; i++ {
		if text[i] == '\n' {
			return i
		}
	}
	for j := limit; j > start; j-- {
		if text[j-1] == ' ' {
			return j - 1
		}
	}
	for limit < len(text) && !utf8.RuneStart(text[limit]) {
		limit--
	}
	return limit
}
