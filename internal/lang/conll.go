package lang

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CoNLLSentence is one sentence of a CoNLL file: its words and their IOB2
// entity tags (O, B-PER, I-LOC, ...), one per word.
type CoNLLSentence struct {
	Words []string
	Tags  []string
}

// CoNLLDocument is one news story of a CoNLL file.
type CoNLLDocument struct {
	Sentences []CoNLLSentence
}

// ErrCoNLLFormat reports a malformed CoNLL line or tag.
var ErrCoNLLFormat = errors.New("malformed CoNLL input")

// ReadCoNLL reads CoNLL-2003 style data: one token a line ("WORD POS CHUNK
// NER", or any number of columns with the word first and the IOB tag last),
// a blank line between sentences, -DOCSTART- lines between documents. Only
// the first and last columns are used. IOB1 tags (I- opening an entity) are
// converted to IOB2.
//
// When the input has no -DOCSTART- lines (as in the mirrored copy of the
// shared task data), documents are recovered by starting a new one at the
// headline before each dateline sentence ("BRUSSELS 1996-08-22"); the split
// only matters to the document-level features, never to scores.
func ReadCoNLL(r io.Reader) ([]CoNLLDocument, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var (
		docs     []CoNLLDocument
		cur      CoNLLDocument
		sent     CoNLLSentence
		line     int
		docstart bool
	)
	flushSent := func() {
		if len(sent.Words) > 0 {
			toIOB2(sent.Tags)
			cur.Sentences = append(cur.Sentences, sent)
			sent = CoNLLSentence{}
		}
	}
	flushDoc := func() {
		flushSent()
		if len(cur.Sentences) > 0 {
			docs = append(docs, cur)
			cur = CoNLLDocument{}
		}
	}
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			flushSent()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			docstart = true
			flushDoc()
			continue
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("conll line %d: %q has no tag column: %w", line, sc.Text(), ErrCoNLLFormat)
		}
		tag := fields[len(fields)-1]
		if !validTag(tag) {
			return nil, fmt.Errorf("conll line %d: tag %q is not O, B-X or I-X: %w", line, tag, ErrCoNLLFormat)
		}
		sent.Words = append(sent.Words, fields[0])
		sent.Tags = append(sent.Tags, tag)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll line %d: %w", line, err)
	}
	flushDoc()
	if !docstart {
		docs = splitAtDatelines(docs)
	}
	return docs, nil
}

func validTag(t string) bool {
	if t == "O" {
		return true
	}
	return len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-'
}

// toIOB2 rewrites an I-X tag that opens an entity as B-X.
func toIOB2(tags []string) {
	prev := "O"
	for i, t := range tags {
		if t[0] == 'I' && (prev == "O" || prev[2:] != t[2:]) {
			tags[i] = "B" + t[1:]
		}
		prev = tags[i]
	}
}

// splitAtDatelines splits documents before the sentence that precedes each
// dateline sentence.
func splitAtDatelines(docs []CoNLLDocument) []CoNLLDocument {
	var out []CoNLLDocument
	for _, d := range docs {
		start := 0
		for i, s := range d.Sentences {
			if i >= 2 && isDateline(s.Words) && i-1 > start {
				out = append(out, CoNLLDocument{Sentences: d.Sentences[start : i-1]})
				start = i - 1
			}
		}
		out = append(out, CoNLLDocument{Sentences: d.Sentences[start:]})
	}
	return out
}

func isDateline(words []string) bool {
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	w := words[len(words)-1]
	if len(w) != 10 || w[4] != '-' || w[7] != '-' {
		return false
	}
	for i := 0; i < 10; i++ {
		if i != 4 && i != 7 && (w[i] < '0' || w[i] > '9') {
			return false
		}
	}
	return true
}
