package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

// maxLeadWords is how many words of a discourse marker ("In other words,")
// may stand before a sentence that repeats an earlier one.
const maxLeadWords = 4

// markRepeats marks kept lines that repeat an earlier kept line, and cuts
// sentences that repeat an earlier sentence out of the lines they sit in.
func markRepeats(lines []line, in cleanInput, out *cleanOutput) {
	first, last := -1, -1
	for i := range lines {
		if lines[i].contentLike {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	seenLines := make(map[uint64]bool, len(lines))
	seenSents := make(map[uint64]bool, 4*len(lines))
	for i := range lines {
		l := &lines[i]
		if l.reason != "" || len(l.words) == 0 {
			continue
		}
		key := wordsHash(l.words)
		zone := first >= 0 && (i < first || i > last)
		if seenLines[key] && (len(l.words) >= in.opts.MinRepeatWords || zone) {
			l.reason = ReasonRepeatedParagraph
			continue
		}
		seenLines[key] = true
		if !l.contentLike {
			continue
		}
		var keep []string
		cut := false
		for _, s := range splitSentences(l.text) {
			words := lineTokens(s)
			if len(words) >= in.opts.MinRepeatWords {
				dup := false
				for k := 0; k <= maxLeadWords && len(words)-k >= in.opts.MinRepeatWords; k++ {
					if seenSents[wordsHash(words[k:])] {
						dup = true
						break
					}
				}
				if dup {
					out.removed = append(out.removed, model.RemovedLine{Line: s, Reason: ReasonRepeatedSentence})
					cut = true
					continue
				}
				seenSents[wordsHash(words)] = true
			}
			keep = append(keep, s)
		}
		if cut {
			l.text = strings.Join(keep, " ")
			if l.text == "" {
				l.reason = ReasonRepeatedSentence
			}
		}
	}
}

// wordsHash is a 64-bit FNV-1a hash of a word sequence.
func wordsHash(words []string) uint64 {
	h := uint64(fnvOffset)
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= fnvPrime
		}
		h ^= ' '
		h *= fnvPrime
	}
	return h
}

// splitSentences cuts text after . ! ? or … (and closing quotes) where
// whitespace and a capital letter, digit or opening quote follow. The pieces
// are trimmed.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		j := i
		for j < len(text) {
			c, sz := utf8.DecodeRuneInString(text[j:])
			if c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == ']' {
				j += sz
				continue
			}
			break
		}
		k := j
		for k < len(text) {
			c, sz := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(c) {
				break
			}
			k += sz
		}
		if k == j || k >= len(text) {
			continue
		}
		c, _ := utf8.DecodeRuneInString(text[k:])
		if unicode.IsUpper(c) || unicode.IsDigit(c) || c == '"' || c == '“' || c == '‘' || c == '\'' || c == '(' || c == '[' {
			if s := strings.TrimSpace(text[start:j]); s != "" {
				out = append(out, s)
			}
			start = k
			i = k
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// assemble joins the kept lines: lines of one paragraph with "\n",
// paragraphs with "\n\n". Removed lines are listed in document order, those
// in another language also as LangSpans with Start = End = -1.
func assemble(lines []line, out *cleanOutput) (string, []paraSpan) {
	var b strings.Builder
	var paras []paraSpan
	var removed []model.RemovedLine
	breakPending := false
	for i := range lines {
		l := &lines[i]
		if l.paraStart {
			breakPending = true
		}
		if l.reason != "" {
			if l.reason != ReasonRepeatedSentence || l.text != "" {
				removed = append(removed, model.RemovedLine{Line: l.text, Reason: l.reason})
			}
			if l.otherLang != "" {
				out.removedOL = append(out.removedOL, model.LangSpan{Start: -1, End: -1, Lang: l.otherLang, Text: l.text})
			}
			continue
		}
		switch {
		case b.Len() == 0:
			paras = append(paras, paraSpan{start: 0})
		case breakPending:
			paras[len(paras)-1].end = b.Len()
			b.WriteString("\n\n")
			paras = append(paras, paraSpan{start: b.Len()})
		default:
			b.WriteByte('\n')
		}
		breakPending = false
		b.WriteString(l.text)
	}
	if len(paras) > 0 {
		paras[len(paras)-1].end = b.Len()
	}
	// Lines first, then the sentences cut from inside kept lines.
	out.removed = append(removed, out.removed...)
	return b.String(), paras
}
