package ner

import "github.com/jdkato/prose/v2"

// ProseAnalyze runs prose's full pipeline (tokenisation, sentence
// segmentation, tagging and named entities) over raw text, as a peer for
// throughput comparisons, and returns how many entities it found.
func ProseAnalyze(text string) (int, error) {
	doc, err := prose.NewDocument(text)
	if err != nil {
		return 0, err
	}
	return len(doc.Entities()), nil
}
