package claims

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

// contradictionCase is a small corpus of made-up articles and what must
// (or must not) be reported.
type contradictionCase struct {
	name  string
	docs  []string
	kind  string   // kind of the expected contradiction; "" = none expected
	sides []string // substrings the sides' texts must hold, all in one contradiction
}

var contradictionCases = []contradictionCase{
	{name: "different agents credited across documents", kind: KindCredit,
		docs:  []string{"Kurdish fighters liberated Sinjar on Friday after a long siege.", "It was the Yazidi militias that liberated Sinjar, not the army."},
		sides: []string{"Kurdish fighters liberated Sinjar", "Yazidi militias that liberated Sinjar"}},
	{name: "one agent credited and denied", kind: KindCredit,
		docs:  []string{"The Pentagon liberated Mosul in a bold operation.", "The liberation of Mosul was not the work of the Pentagon."},
		sides: []string{"The Pentagon liberated Mosul", "not the work of the Pentagon"}},
	{name: "conflicting counts for the same place", kind: KindNumber,
		docs:  []string{"The air strike killed 40 civilians in Rafah, officials said.", "The air strike killed 12 civilians in Rafah, according to the army."},
		sides: []string{"killed 40 civilians", "killed 12 civilians"}},
	{name: "opposite assertions from different sources", kind: KindOccurred,
		docs:  []string{"Hamas will not fight for Rafah, an official said.", "Hamas will fight for Rafah, the group's commander said."},
		sides: []string{"will not fight for Rafah", "will fight for Rafah"}},
	{name: "a place called liberated and destroyed", kind: KindEvaluation,
		docs:  []string{"Kherson was liberated by the army in November.", "Kherson was destroyed, residents told reporters."},
		sides: []string{"Kherson was liberated", "Kherson was destroyed"}},
	{name: "success portrayed, ruin asserted in one article", kind: KindEvaluation,
		docs:  []string{"Mosul was portrayed by the government as a great victory. In truth, Mosul wasn’t so much “liberated” as destroyed."},
		sides: []string{"portrayed by the government as a great victory", "so much “liberated” as destroyed"}},
	{name: "the text opposes a claim it reports", kind: KindDispute,
		docs:  []string{"While the ministry insists the dam is safe, in reality engineers found deep cracks in its walls."},
		sides: []string{"the ministry insists the dam is safe", "in reality engineers found deep cracks"}},
	{name: "a story told in order is no contradiction",
		docs: []string{"Boko Haram fighters defended the town for a week. Then Boko Haram fighters fled the town."}},
	{name: "agreeing documents are no contradiction",
		docs: []string{"The air strike killed 40 civilians in Rafah.", "The strike killed 40 civilians in Rafah, medics said."}},
	{name: "counts for different places are no contradiction",
		docs: []string{"The strike killed 40 civilians in Rafah.", "The strike killed 12 civilians in Jenin."}},
}

func TestContradictionTypes(t *testing.T) {
	for _, tc := range contradictionCases {
		t.Run(tc.name, func(t *testing.T) {
			var docs []DocClaims
			for i, text := range tc.docs {
				in := prepareTest(string(rune('a'+i)), text)
				r := Extract(in, DefaultOptions())
				checkClaimOffsets(t, text, r.Claims)
				docs = append(docs, DocClaims{Doc: in.DocID, Text: text, Sentences: in.Sentences, Claims: r.Claims})
			}
			cs := Contradictions(docs, ContradictionOptions{})
			if tc.kind == "" {
				if len(cs) > 0 {
					t.Fatalf("reported %+v", cs)
				}
				return
			}
			for _, c := range cs {
				if c.Kind != tc.kind {
					continue
				}
				if sidesHold(c, tc.sides) {
					return
				}
			}
			var claims []model.Claim
			for _, d := range docs {
				claims = append(claims, d.Claims...)
			}
			t.Fatalf("no %s contradiction with sides %q;\ncontradictions %+v\nclaims %+v", tc.kind, tc.sides, cs, claims)
		})
	}
}

func sidesHold(c model.Contradiction, want []string) bool {
	for _, w := range want {
		found := false
		for _, s := range c.Sides {
			if strings.Contains(s.Text, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestCharacterisation(t *testing.T) {
	a := "Omar Haddad was a national hero."
	b := "Omar Haddad and his terrorist henchmen raided the village."
	docs := []DocClaims{
		{Doc: "a", Text: a, Frames: []model.Frame{{Entity: "omar-haddad", Name: "Omar Haddad", Doc: "a", Stance: 0.5, Label: "positive",
			Evidence: []model.FrameEvidence{{Text: "national hero", Start: 19, End: 32, Weight: 1}, {Text: "hero", Start: 28, End: 32, Weight: 0.5}}}}},
		{Doc: "b", Text: b, Frames: []model.Frame{{Entity: "omar-haddad", Name: "Omar Haddad", Doc: "b", Stance: -0.6, Label: "negative",
			Evidence: []model.FrameEvidence{{Text: "terrorist", Start: 20, End: 29, Weight: -0.9}, {Text: "henchmen", Start: 30, End: 38, Weight: -0.9}}}}},
	}
	cs := Contradictions(docs, ContradictionOptions{})
	if len(cs) != 1 || cs[0].Kind != "characterisation" || !sidesHold(cs[0], []string{a, b}) {
		t.Fatalf("got %+v", cs)
	}
	// Resolved ids join spellings the skeleton would not.
	docs[1].Frames[0].Entity = "o-haddad-2"
	cs = Contradictions(docs, ContradictionOptions{Canonical: func(k string) string {
		if strings.Contains(k, "haddad") {
			return "Q1"
		}
		return ""
	}})
	if len(cs) != 1 {
		t.Fatalf("with canonical ids: got %+v", cs)
	}
}

func TestClaimKinds(t *testing.T) {
	cases := []struct {
		text, topic string
		polarity    int
		value       float64
	}{
		{"Iraqi forces retook Tikrit in March.", "credit:liberate:tikrit", 1, 0},
		{"Tikrit was recaptured by Iraqi forces.", "credit:liberate:tikrit", 1, 0},
		{"It was Iran that managed to liberate the city of Amerli.", "credit:liberate:amerli", 1, 0},
		{"The coalition could not liberate Raqqa.", "credit:liberate:raqqa", -1, 0},
		{"Rebels killed 163 soldiers near Idlib.", "number:killed:soldier@idlib", 1, 163},
		{"Some 7,000 fighters were trained in Jordan.", "number:trained:fighter@jordan", 1, 7000},
		{"ISIS will not fight for Mosul.", "occurred:isis:fight@mosul", -1, 0},
		{"Al-Shabaab militants fled Kismayo overnight.", "occurred:shabaab:fight@kismayo", -1, 0},
		{"Aleppo was destroyed.", "evaluation:aleppo", -1, 0},
	}
	for _, tc := range cases {
		in := prepareTest("d", tc.text)
		r := Extract(in, DefaultOptions())
		checkClaimOffsets(t, tc.text, r.Claims)
		ok := false
		for _, c := range r.Claims {
			if c.Topic == tc.topic && c.Polarity == tc.polarity && c.Value == tc.value {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: no claim %s (polarity %d, value %g) in %+v", tc.text, tc.topic, tc.polarity, tc.value, r.Claims)
		}
	}
}
