package lang

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

func TestAnalyzeMentions(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string // "Text/TYPE" that must be among the mentions
	}{
		{"western", "Peter Blackburn met the European Commission in Brussels on Thursday.",
			[]string{"Peter Blackburn/PERSON", "European Commission/ORG", "Brussels/PLACE"}},
		{"arabic names", "Iraqi Prime Minister Haider al-Abadi met Hadi al-Amiri, the head of the Badr Organization, in Baghdad.",
			[]string{"Haider al-Abadi/PERSON", "Hadi al-Amiri/PERSON", "Baghdad/PLACE"}},
		{"kunya", "One commander, who agreed to be identified only by his nickname, Abu Zeinab, said the operation began in June.",
			[]string{"Abu Zeinab/PERSON"}},
		{"place with particle", "Militants retreated from the town of Jurf al-Sakher last week.",
			[]string{"Jurf al-Sakher/PLACE"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Analyze(c.text)
			checkSpans(t, c.text, r)
			got := map[string]bool{}
			var all []string
			for _, m := range r.Mentions {
				got[m.Text+"/"+m.Type] = true
				all = append(all, m.Text+"/"+m.Type)
			}
			for _, w := range c.want {
				if !got[w] {
					t.Errorf("missing %s; mentions: %s", w, strings.Join(all, ", "))
				}
			}
		})
	}
}

func TestQuantities(t *testing.T) {
	cases := []struct {
		text string
		want model.Quantity // Text, Value, Unit, What, Approx
	}{
		{"Iraqi commanders said they killed 163 militants around the city.", model.Quantity{Text: "163", Value: 163, What: "militants"}},
		{"They disarmed 168 explosive devices, plus 22 car bombs.", model.Quantity{Text: "22", Value: 22, What: "car bombs"}},
		{"The town was under siege for more than 75 days.", model.Quantity{Text: "more than 75 days", Value: 75, Unit: "days", Approx: "more than"}},
		{"Amerli, a town of 26,000 inhabitants, held out.", model.Quantity{Text: "26,000", Value: 26000, What: "inhabitants"}},
		{"They trained some 7,000 Iraqi troops and militia fighters.", model.Quantity{Text: "some 7,000", Value: 7000, What: "Iraqi troops and militia fighters", Approx: "about"}},
		{"It was liberated in less than 48 hours.", model.Quantity{Text: "less than 48 hours", Value: 48, Unit: "hours", Approx: "less than"}},
		{"Iran sent us two airplanes full of weapons.", model.Quantity{Text: "two", Value: 2, What: "airplanes"}},
		{"The budget is $7.5 million this year.", model.Quantity{Text: "$7.5 million", Value: 7.5e6, Unit: "dollars"}},
		{"Turnout rose 12 percent.", model.Quantity{Text: "12 percent", Value: 12, Unit: "percent"}},
		{"A 48-hour truce began.", model.Quantity{Text: "48-hour", Value: 48, Unit: "hour", What: "truce"}},
		{"Twenty-five soldiers died.", model.Quantity{Text: "Twenty-five", Value: 25, What: "soldiers"}},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			r := Analyze(c.text)
			checkSpans(t, c.text, r)
			for _, q := range r.Quantities {
				if q.Text == c.want.Text {
					q.Start, q.End = 0, 0
					if q != c.want {
						t.Errorf("got %+v, want %+v", q, c.want)
					}
					return
				}
			}
			t.Errorf("no quantity %q in %+v", c.want.Text, r.Quantities)
		})
	}
	// Years, dates and clock times are not quantities.
	for _, text := range []string{"In 2014 the army returned.", "On January 3 he died.", "At 10:30 it began.", "on 1996-08-22"} {
		if qs := Analyze(text).Quantities; len(qs) != 0 {
			t.Errorf("%q: unexpected quantities %+v", text, qs)
		}
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	text := "Qasim Solomon visited Dayr al-Zawr Province with Isa al-Isawi and Qasm Araji. 22 car bombs were disarmed."
	want := Analyze(text)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := Analyze(text)
			if len(got.Mentions) != len(want.Mentions) {
				t.Errorf("concurrent Analyze differs: %v vs %v", got.Mentions, want.Mentions)
			}
		}()
	}
	wg.Wait()
}

func TestModelRoundTrip(t *testing.T) {
	m, err := DefaultNER()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), nerModelData) {
		t.Errorf("rewriting the embedded model changed its bytes (%d vs %d)", buf.Len(), len(nerModelData))
	}
	if _, err := ReadNERModel(bytes.NewReader(buf.Bytes()[:buf.Len()/2])); err == nil {
		t.Error("truncated model read without error")
	}
}

// TestTrainDeterministic trains twice on a small sample with the same seed
// and expects the same bytes.
func TestTrainDeterministic(t *testing.T) {
	sample := conllSample(t, 3000)
	opts := DefaultTrainOptions()
	opts.Epochs = 2
	opts.HashBits = 16
	var out [2][]byte
	for i := range out {
		m, err := TrainNER(strings.NewReader(sample), opts)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("same seed gave different model bytes")
	}
}

// conllSample returns the first lines of the CoNLL train split, or a tiny
// built-in sample when shared/ is absent.
func conllSample(t *testing.T, lines int) string {
	b, err := os.ReadFile(filepath.Join(sharedDir, "eval/ner/conll2003-train.txt"))
	if err != nil {
		return "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\nBRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n"
	}
	ls := strings.SplitAfterN(string(b), "\n", lines+1)
	if len(ls) > lines {
		ls = ls[:lines]
	}
	return strings.Join(ls, "")
}

func TestReadCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n"
	docs, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Sentences[0].Tags[0] != "B-ORG" || docs[1].Sentences[0].Words[1] != "Blackburn" {
		t.Errorf("ReadCoNLL = %+v", docs)
	}
	for _, bad := range []string{"word\n", "word POS X-ORG\n"} {
		if _, err := ReadCoNLL(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadCoNLL(%q) gave no error", bad)
		}
	}
}
