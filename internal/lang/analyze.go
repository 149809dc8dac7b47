package lang

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/parallaxhq/parallax/internal/model"
)

//go:embed model/ner.bin
var nerModelData []byte

var defaultNER = sync.OnceValues(func() (*NERModel, error) {
	m, err := ReadNERModel(bytes.NewReader(nerModelData))
	if err != nil {
		return nil, fmt.Errorf("embedded model/ner.bin: %w", err)
	}
	return m, nil
})

// DefaultNER returns the recogniser built into the binary (trained on
// CoNLL-2003 train with DefaultTrainOptions), loaded once.
func DefaultNER() (*NERModel, error) { return defaultNER() }

// Result is what Analyze finds in a text. Every span is a byte range into
// the text that was analysed.
type Result struct {
	Tokens     []model.Token
	Sentences  []model.Sentence
	Mentions   []model.Mention
	Quantities []model.Quantity
}

// Analyze tokenises text, splits it into sentences, finds named entities
// with the built-in recogniser and reads quantities. It is safe for
// concurrent use. It panics only if the embedded model is corrupt, which
// the package tests rule out.
func Analyze(text string) Result {
	m, err := defaultNER()
	if err != nil {
		panic("lang: " + err.Error())
	}
	return m.Analyze(text)
}

// Analyze is the package-level Analyze with this model.
func (m *NERModel) Analyze(text string) Result {
	toks := Tokenize(text)
	sents := SplitSentences(text, toks)
	return Result{
		Tokens:     toks,
		Sentences:  sents,
		Mentions:   m.Mentions(text, toks, sents),
		Quantities: Quantities(text, toks, sents),
	}
}

// Mentions tags the sentences of one document (tokens and sentences from
// Tokenize and SplitSentences over text) and returns its entity mentions
// with parallax types (model.Person, model.Org, model.Place, model.Misc).
func (m *NERModel) Mentions(text string, toks []model.Token, sents []model.Sentence) []model.Mention {
	words := make([][]string, len(sents))
	for i, s := range sents {
		ws := make([]string, s.TokenEnd-s.TokenStart)
		for j := range ws {
			ws[j] = toks[s.TokenStart+j].Text
		}
		words[i] = ws
	}
	tags := m.TagDocument(words)
	var out []model.Mention
	for i, s := range sents {
		for _, sp := range SpansFromTags(tags[i]) {
			a, b := toks[s.TokenStart+sp.Start], toks[s.TokenStart+sp.End-1]
			out = append(out, model.Mention{
				Start: a.Start, End: b.End, Text: text[a.Start:b.End], Type: ModelType(sp.Type),
			})
		}
	}
	return out
}

// ModelType maps a CoNLL entity label (PER, ORG, LOC, MISC) to parallax's
// type (model.Person, model.Org, model.Place, model.Misc).
func ModelType(conll string) string {
	switch conll {
	case "PER", "PERSON", "B-PER", "I-PER":
		return model.Person
	case "ORG", "B-ORG", "I-ORG":
		return model.Org
	case "LOC", "PLACE", "GPE", "B-LOC", "I-LOC":
		return model.Place
	}
	return model.Misc
}
