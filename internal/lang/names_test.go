package lang

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

// testLexicon is a lexicon of made-up names from several regions, with
// look-alikes, common words and gazetteer-style places.
func testLexicon() NameOptions {
	return NameOptions{
		Lexicon: NewLexicon([]Name{
			{Text: "Mayi Tembo", Type: model.Org},
			{Text: "Hizb al-Nour", Type: model.Org},
			{Text: "League of Free Herders", Type: model.Org},
			{Text: "Tomas Varga", Type: model.Person},
			{Text: "Varga", Type: model.Person, Flags: NameWeak},
			{Text: "Blue Sparrow", Type: model.Org},
			{Text: "Sendero Azul", Type: model.Org},
			{Text: "Ansar al-Din", Type: model.Org},
			{Text: "Ansar al-Din Front", Type: model.Org},
			{Text: "Dawn", Type: model.Org, Flags: NameCommon},
			{Text: "Kivanga", Type: model.Place, Flags: NameFill},
			{Text: "Reading", Type: model.Place, Flags: NameFill | NameCommon},
			{Text: "Jordan", Type: model.Place},
			{Text: "Jordan", Type: model.Person},
			{Text: "ANC", Type: model.Org},
			{Text: "Moldovan army", Type: model.Org},
			{Text: "popular defence units", Type: model.Org},
			{Text: "people's guard brigades", Type: model.Org, Flags: NameAnyCase},
			{Text: "the Kasbah Council", Type: model.Org},
			{Text: "Leader of the Dawn Revolution", Type: model.Person},
			{Text: "Nuno Kadri", Type: model.Person},
		}),
		IsCommon: func(w string) bool {
			return setOf("the", "of", "in", "say", "role", "spotted", "near", "rebels", "report", "front", "lines", "region")[w]
		},
	}
}

// ner builds the recogniser's spans of a test from "text/TYPE" items, each
// the first occurrence of text at or after the previous item.
func nerSpans(t *testing.T, text string, toks []model.Token, sents []model.Sentence, items []string) [][]nspan {
	t.Helper()
	out := make([][]nspan, len(sents))
	from := 0
	for _, it := range items {
		i := strings.LastIndex(it, "/")
		name, typ := it[:i], it[i+1:]
		at := strings.Index(text[from:], name)
		if at < 0 {
			t.Fatalf("%q not in text after %d", name, from)
		}
		a, b := from+at, from+at+len(name)
		from = b
		ta, tb := -1, -1
		for k, tok := range toks {
			if tok.Start == a {
				ta = k
			}
			if tok.End == b {
				tb = k + 1
			}
		}
		if ta < 0 || tb < 0 {
			t.Fatalf("%q is not a token span", name)
		}
		for si, s := range sents {
			if ta >= s.TokenStart && ta < s.TokenEnd {
				out[si] = append(out[si], nspan{a: ta, b: tb, typ: typ})
			}
		}
	}
	return out
}

// TestSettleNames checks the merge of the recogniser's spans with the
// lexicon and the writing rules on controlled recogniser output.
func TestSettleNames(t *testing.T) {
	cases := []struct {
		name string
		text string
		ner  []string // the recogniser's spans
		want []string // every mention, "text/TYPE", in order
	}{
		{"missed name added, generic head joined", "Fighters of the Mayi Tembo militia attacked.",
			nil, []string{"Mayi Tembo militia/ORG"}},
		{"type corrected", "Hizb al-Nour rejected the plan.",
			[]string{"Hizb al-Nour/PLACE"}, []string{"Hizb al-Nour/ORG"}},
		{"longer name replaces the spans it covers", "The League of Free Herders attacked.",
			[]string{"Free Herders/MISC"}, []string{"League of Free Herders/ORG"}},
		{"titles kept, type from the name", "Colonel Tomas Varga spoke.",
			[]string{"Colonel Tomas Varga/ORG"}, []string{"Colonel Tomas Varga/PERSON"}},
		{"title before a name joins it", "He met Colonel Tomas Varga.",
			[]string{"Tomas Varga/PERSON"}, []string{"Colonel Tomas Varga/PERSON"}},
		{"possessed noun dropped", "The Varga Administration denied it.",
			[]string{"Varga Administration/PLACE"}, []string{"Varga/PERSON"}},
		{"person run into common words", "We discussed the Role of Varga yesterday.",
			[]string{"Role of Varga/ORG"}, []string{"Varga/PERSON"}},
		{"nationality and head around a known outlet", "The Moldovan Blue Sparrow news service reported it.",
			[]string{"Moldovan Blue Sparrow/MISC"}, []string{"Moldovan Blue Sparrow news service/ORG"}},
		{"nationality mention joins the organisation", "The Moldovan Blue Sparrow reported it.",
			[]string{"Moldovan/MISC", "Blue Sparrow/ORG"}, []string{"Moldovan Blue Sparrow/ORG"}},
		{"unit of an organisation", "He led the Eagle Force of the Andean Guard.",
			[]string{"Eagle Force/ORG", "Andean Guard/ORG"}, []string{"Eagle Force of the Andean Guard/ORG"}},
		{"no unit join over a possessive", "He led the Eagle Force of Peru's Andean Guard.",
			[]string{"Eagle Force/ORG", "Peru/PLACE", "Andean Guard/ORG"}, []string{"Eagle Force/ORG", "Peru/PLACE", "Andean Guard/ORG"}},
		{"branch of an organisation", "Troops of the Chilean branch of Sendero Azul fought.",
			[]string{"Chilean/MISC", "Sendero Azul/ORG"}, []string{"Chilean branch of Sendero Azul/ORG"}},
		{"region word", "Rebels hold Kampot Province now.",
			[]string{"Kampot/PLACE"}, []string{"Kampot Province/PLACE"}},
		{"bracketed gloss", "They took Kar Dagh [Snow Mountain] at dawn.",
			[]string{"Kar Dagh/PLACE", "Mountain/PERSON"}, []string{"Kar Dagh/PLACE", "Snow Mountain/PLACE"}},
		{"role with an of-phrase, then the role alone", "The President of the Transitional Senate Nuno Kadri spoke. Later the President left.",
			nil, []string{"President of the Transitional Senate/PERSON", "Nuno Kadri/PERSON", "President/PERSON"}},
		{"known role", "A letter to Leader of the Dawn Revolution Nuno Kadri arrived.",
			[]string{"Nuno Kadri/PERSON"}, []string{"Leader of the Dawn Revolution/PERSON", "Nuno Kadri/PERSON"}},
		{"the title without a person named with it", "Later the President left.",
			nil, nil},
		{"look-alikes keep their own names", "Ansar al-Din Front and Ansar al-Din clashed.",
			[]string{"Ansar al-Din Front and Ansar al-Din/ORG"}, []string{"Ansar al-Din Front/ORG", "Ansar al-Din/ORG"}},
		{"comma splits two names", "They fought Ansar al-Din Front, League of Free Herders.",
			[]string{"Ansar al-Din Front, League/ORG"}, []string{"Ansar al-Din Front/ORG", "League of Free Herders/ORG"}},
		{"edge punctuation trimmed", "They took Kar Dagh [Snow Mountain].",
			[]string{"Kar Dagh [/ORG"}, []string{"Kar Dagh/ORG"}},
		{"common word not added at sentence start", "Dawn broke over the camp.",
			nil, nil},
		{"common word added mid-sentence", "It was reported by Dawn on Monday.",
			nil, []string{"Dawn/ORG"}},
		{"fill place added where nothing was found", "Troops entered Kivanga yesterday.",
			nil, []string{"Kivanga/PLACE"}},
		{"fill place never overrides the recogniser", "Troops entered Kivanga yesterday.",
			[]string{"Kivanga/ORG"}, []string{"Kivanga/ORG"}},
		{"fill place that is a common word", "Reading the report, he left.",
			nil, nil},
		{"ambiguous name adds nothing", "He saw Jordan yesterday.",
			nil, nil},
		{"ambiguous name keeps the recogniser's type", "He saw Jordan yesterday.",
			[]string{"Jordan/PERSON"}, []string{"Jordan/PERSON"}},
		{"acronym in capitals", "the ANC said no.", nil, []string{"ANC/ORG"}},
		{"acronym not in other case", "the Anc said no.", nil, nil},
		{"description over a nationality keeps the nationality", "the Moldovan army advanced.",
			[]string{"Moldovan/MISC"}, []string{"Moldovan/MISC"}},
		{"lower-case name needs the any-case mark", "the popular defence units and the people's guard brigades met.",
			nil, []string{"people's guard brigades/ORG"}},
		{"article dropped from a lexicon name", "Members of the Kasbah Council met.",
			nil, []string{"Kasbah Council/ORG"}},
		{"a people alone is MISC", "Shia pilgrims walked.",
			[]string{"Shia/PLACE"}, []string{"Shia/MISC"}},
		{"headline words that are no name", "Rebels Spotted Near Kivanga Front Lines",
			[]string{"Spotted/PERSON", "Kivanga Front Lines/ORG"}, []string{"Kivanga Front Lines/ORG"}},
	}
	o := testLexicon()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			toks := Tokenize(c.text)
			sents := SplitSentences(c.text, toks)
			ms := settleNames(c.text, toks, sents, nerSpans(t, c.text, toks, sents, c.ner), o)
			checkMentions(t, c.text, ms)
			var got []string
			for _, m := range ms {
				got = append(got, m.Text+"/"+m.Type)
			}
			if strings.Join(got, " | ") != strings.Join(c.want, " | ") {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestLexiconFind checks matching: leftmost-longest, letter case, and
// words folded the way the tokeniser writes them.
func TestLexiconFind(t *testing.T) {
	lx := NewLexicon([]Name{
		{Text: "Kata'ib Sayf", Type: model.Org},
		{Text: "Kata'ib Sayf al-Haqq", Type: model.Org},
		{Text: "U.S.", Type: model.Place},
		{Text: "Iran's Guard", Type: model.Org},
	})
	cases := []struct {
		text string
		want []string
	}{
		{"Fighters of Kata’ib Sayf al-Haqq and Kata'ib Sayf.", []string{"Kata’ib Sayf al-Haqq", "Kata'ib Sayf"}},
		{"KATA'IB SAYF", []string{"KATA'IB SAYF"}},
		{"kata'ib sayf", nil},
		{"the U.S. and the u.s.", []string{"U.S."}},
		{"Iran’s Guard", []string{"Iran’s Guard"}},
	}
	for _, c := range cases {
		toks := Tokenize(c.text)
		var got []string
		for _, m := range lx.Find(toks, SplitSentences(c.text, toks)) {
			got = append(got, c.text[toks[m.Start].Start:toks[m.End-1].End])
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
	if lx.Len() != 4 {
		t.Errorf("Len = %d, want 4", lx.Len())
	}
}

// FuzzAnalyzeNames checks the offset invariant, text order and
// non-overlap of the mentions AnalyzeNames emits, on any input.
func FuzzAnalyzeNames(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("The Moldovan Blue Sparrow news service of the Eagle Force of the Andean Guard [Snow Mountain], Ansar al-Din Front, League of Free Herders.")
	f.Add("Later the President left. The President of the Transitional Senate Nuno Kadri Varga Administration")
	f.Add("Rebels Spotted Near Kivanga Front Lines\n\nthe Chilean branch of Sendero Azul ( Kar Dagh [")
	o := testLexicon()
	f.Fuzz(func(t *testing.T, text string) {
		r := AnalyzeNames(text, o)
		checkSpans(t, text, r)
	})
}
