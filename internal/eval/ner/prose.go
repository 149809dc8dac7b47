package ner

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"

	"github.com/parallaxhq/parallax/internal/lang"
)

type peer struct {
	tag   func(docs []lang.CoNLLDocument) ([][]string, error)
	types []string // CoNLL types the peer can produce
	note  string
}

var peers = map[string]peer{
	"prose": {
		tag:   proseTag,
		types: []string{"PER", "LOC", "ORG"},
		note: "github.com/jdkato/prose/v2 v2.0.0, default model, one sentence at a time (words joined by spaces, " +
			"segmentation off), its Entities() mapped back to the CoNLL words: PERSON→PER, GPE→LOC, " +
			"ORGANIZATION→ORG, anything else→MISC; it has no MISC class",
	},
}

// proseLabel maps prose's entity labels to CoNLL types.
func proseLabel(l string) string {
	switch l {
	case "PERSON":
		return "PER"
	case "GPE", "LOCATION", "LOC":
		return "LOC"
	case "ORGANIZATION", "ORG":
		return "ORG"
	}
	return "MISC"
}

func proseTag(docs []lang.CoNLLDocument) ([][]string, error) {
	var out [][]string
	for _, d := range docs {
		for _, s := range d.Sentences {
			tags, err := proseSentence(s.Words)
			if err != nil {
				return nil, err
			}
			out = append(out, tags)
		}
	}
	return out, nil
}

// proseSentence runs prose on one sentence and maps its entities back to
// the sentence's words: prose's tokens are aligned to the words character
// by character, and each entity (a run of prose tokens, found in order) is
// given the words its first and last tokens fall in.
func proseSentence(words []string) ([]string, error) {
	tags := make([]string, len(words))
	for i := range tags {
		tags[i] = "O"
	}
	doc, err := prose.NewDocument(strings.Join(words, " "), prose.WithSegmentation(false), prose.UsingModel(proseModel()))
	if err != nil {
		return nil, err
	}
	toks := doc.Tokens()
	// Word index of every non-space character of the joined sentence.
	var charWord []int
	var chars []byte
	for wi, w := range words {
		for k := 0; k < len(w); k++ {
			charWord = append(charWord, wi)
			chars = append(chars, w[k])
		}
	}
	// Word span of each prose token, or -1 when it cannot be aligned.
	tokStart := make([]int, len(toks))
	tokEnd := make([]int, len(toks))
	pos := 0
	for i, t := range toks {
		tt := strings.ReplaceAll(t.Text, " ", "")
		k := indexFrom(chars, tt, pos)
		if k < 0 || tt == "" {
			tokStart[i], tokEnd[i] = -1, -1
			continue
		}
		tokStart[i] = charWord[k]
		tokEnd[i] = charWord[k+len(tt)-1] + 1
		pos = k + len(tt)
	}
	next := 0
	for _, e := range doc.Entities() {
		parts := strings.Split(e.Text, " ")
		for i := next; i+len(parts) <= len(toks); i++ {
			match := true
			for j, p := range parts {
				if toks[i+j].Text != p {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			a, b := tokStart[i], tokEnd[i+len(parts)-1]
			next = i + len(parts)
			if a < 0 || b < 0 || a >= b {
				break
			}
			typ := proseLabel(e.Label)
			tags[a] = "B-" + typ
			for k := a + 1; k < b; k++ {
				tags[k] = "I-" + typ
			}
			break
		}
	}
	return tags, nil
}

func indexFrom(hay []byte, needle string, from int) int {
	if from > len(hay) {
		return -1
	}
	k := strings.Index(string(hay[from:]), needle)
	if k < 0 {
		return -1
	}
	return from + k
}

// proseModel loads prose's built-in model once; prose.NewDocument would
// otherwise decode it again for every call.
var proseModel = sync.OnceValue(func() *prose.Model {
	doc, err := prose.NewDocument("x", prose.WithSegmentation(false))
	if err != nil {
		panic("prose: " + err.Error())
	}
	return doc.Model
})
