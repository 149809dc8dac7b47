package claimseval

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

const tinyGold = `{
 "documents": {"001_x.txt": {"stance": {"acme": "negative", "bob": "positive"}}},
 "entities": [{"id": "bob", "aliases": ["Bob Jones", "Jones"]}, {"id": "acme", "aliases": ["Acme Corp", "Acme"]}],
 "quotes": [
  {"doc": "001", "speaker": "bob", "kind": "direct", "text": "We will win the vote"},
  {"doc": "001", "speaker": "anonymous: an aide", "kind": "indirect", "text": "the vote was rigged"},
  {"doc": "001", "speaker": "bob", "kind": "direct", "text": "nobody said this"}
 ],
 "contradictions": [{"topic": "vote", "sides": [{"doc": "001", "evidence": "the vote was fair"}, {"doc": "001", "evidence": "the vote was rigged"}]}]
}`

func TestScore(t *testing.T) {
	g, err := ParseGold(strings.NewReader(tinyGold))
	if err != nil {
		t.Fatal(err)
	}
	p := Predictions{Docs: map[string]DocPrediction{"corpus/001_x.txt": {
		Quotes: []model.Quote{
			{Text: "We will win the vote,", Speaker: model.Speaker{Text: "Mr Jones"}},
			{Text: "the vote was rigged", Speaker: model.Speaker{Text: "an aide", Anonymous: true}},
		},
		Frames: []model.Frame{
			{Entity: "acme", Name: "Acme", Evidence: []model.FrameEvidence{{Weight: -0.5}}},
			{Entity: "e2", Name: "Bob Jones", Evidence: []model.FrameEvidence{{Weight: 0.2}}},
		},
	}},
		Contradictions: []model.Contradiction{{Sides: []model.ContradictionSide{
			{Doc: "d1", Text: "Officials said the vote was fair."}, {Doc: "d1", Text: "In truth the vote was rigged."}}}},
		DocSource: map[string]string{"d1": "corpus/001_x.txt"},
	}
	r := Score(g, p, Options{})
	if r.Quotes != 3 || r.QuotesFound != 2 || r.QuotesSpeaker != 2 || r.AnonymousMarked != 1 {
		t.Errorf("quotes: %+v", r)
	}
	if r.ContradictionsFound != 1 || r.Reported != 1 {
		t.Errorf("contradictions: %+v", r)
	}
	if r.Stances != 2 || r.StancesRight != 2 {
		t.Errorf("stances: %+v", r)
	}
}

func TestCoverage(t *testing.T) {
	if c := coverage(words("a b c d"), words("x a b y c")); c != 0.75 {
		t.Fatalf("coverage %v", c)
	}
}
