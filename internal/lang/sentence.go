package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

// SplitSentences groups toks (from Tokenize over the same text) into
// sentences. A sentence ends:
//   - at a blank line, always;
//   - at a line break, unless the next line starts with a lower-case letter
//     (hard-wrapped prose), so headlines and list lines without a full stop
//     are sentences of their own;
//   - after ".", "!", "?" or "..." (with any closing quotes and brackets
//     that follow) when the next token does not start with a lower-case
//     letter;
//   - after an abbreviation such as "U.S." or "Inc." only when the next word
//     is a common sentence opener ("The", "He", ...); never after a title
//     such as "Gen." or "Mr." or an initial such as "J.".
func SplitSentences(text string, toks []model.Token) []model.Sentence {
	var out []model.Sentence
	start := 0
	for i := 0; i < len(toks); i++ {
		end := sentenceEndAfter(text, toks, i)
		if end < 0 {
			continue
		}
		out = append(out, model.Sentence{
			Start: toks[start].Start, End: toks[end-1].End,
			TokenStart: start, TokenEnd: end,
		})
		start = end
		i = end - 1
	}
	if start < len(toks) {
		out = append(out, model.Sentence{
			Start: toks[start].Start, End: toks[len(toks)-1].End,
			TokenStart: start, TokenEnd: len(toks),
		})
	}
	return out
}

// sentenceEndAfter returns the token index that ends (exclusive) a sentence
// whose last content token is i, or -1 when no sentence ends at i.
func sentenceEndAfter(text string, toks []model.Token, i int) int {
	if i+1 >= len(toks) {
		return -1
	}
	if lineBreakEnds(text, toks, i) {
		return i + 1
	}
	t := toks[i].Text
	switch {
	case isTerminal(t):
		j := i + 1
		if isTerminal(toks[j].Text) && toks[j].Start == toks[i].End {
			return -1 // "?!": decide at the last mark
		}
		j = skipClosers(text, toks, j)
		if j >= len(toks) {
			return -1
		}
		if j > i+1 && lineBreakEnds(text, toks, j-1) {
			return j
		}
		if startsLower(toks[j].Text) || isMidPunct(toks[j].Text) {
			return -1
		}
		return j
	case len(t) > 1 && strings.HasSuffix(t, "."):
		w := strings.TrimSuffix(t, ".")
		if titleAbbreviations[strings.ToLower(w)] || isInitial(w) {
			return -1
		}
		j := skipClosers(text, toks, i+1)
		if j >= len(toks) {
			return -1
		}
		if j > i+1 && lineBreakEnds(text, toks, j-1) {
			return j
		}
		next := toks[j].Text
		if startsUpper(next) && sentenceStarters[strings.ToLower(next)] {
			return j
		}
		if j > i+1 && startsUpper(next) {
			return j // closing quote after the abbreviation: "... the U.S." He
		}
	}
	return -1
}

// lineBreakEnds reports whether the whitespace after token i ends the
// sentence: a blank line, or a line break before a line that does not start
// in lower case.
func lineBreakEnds(text string, toks []model.Token, i int) bool {
	gap := text[toks[i].End:toks[i+1].Start]
	nl := strings.Count(gap, "\n")
	if nl == 0 {
		nl = strings.Count(gap, "\r") + strings.Count(gap, "\u2028") + strings.Count(gap, "\u2029")
	}
	switch {
	case nl == 0:
		return false
	case nl >= 2:
		return true
	}
	return !startsLower(toks[i+1].Text)
}

// skipClosers returns the index of the first token at or after j that is
// not a closing quote or bracket attached to the text before it.
func skipClosers(text string, toks []model.Token, j int) int {
	for j < len(toks) && isCloser(toks[j].Text) && toks[j].Start == toks[j-1].End {
		j++
	}
	return j
}

func isTerminal(t string) bool {
	switch t {
	case ".", "!", "?", "\u2026", "\u061f", "\u3002":
		return true
	}
	return len(t) > 1 && strings.Trim(t, ".") == ""
}

func isCloser(t string) bool {
	switch t {
	case "\"", "'", "\u201d", "\u2019", ")", "]", "}", "\u00bb", "\u203a", "''":
		return true
	}
	return false
}

func isMidPunct(t string) bool {
	switch t {
	case ",", ";", ":", ")", "]":
		return true
	}
	return false
}

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}
