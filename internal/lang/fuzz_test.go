package lang

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"Lt. Gen. Qassem Soleimani met U.S. officials in Jurf al-Sakher.",
	"“Why?” he asked… Then 26,000 fled; 7.5 km — and more than 75 days.\n\nHeadline without stop\nNext line",
	"a\xffb\xc3", "", " ", "...", "U.S.", "don't", "Iraq’s", "1996-08-22", "$5", "https://x.y/z.", "'s", "a-",
	"نظری برای این مطلب", "1,2,3", "J.", "e.g.", "\u2028x", "Mr.\n\nSmith",
}

// FuzzAnalyze checks the offset invariant of every span Analyze emits, on
// any input.
func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		r := Analyze(text)
		checkSpans(t, text, r)
		// Tokens cover every non-space byte.
		covered := make([]bool, len(text))
		for _, tok := range r.Tokens {
			for k := tok.Start; k < tok.End; k++ {
				covered[k] = true
			}
		}
		for i, r := range text {
			if !covered[i] && !isSpace(r) {
				if r == utf8.RuneError || !isSpace(r) {
					t.Fatalf("byte %d (%q) not in any token", i, r)
				}
			}
		}
	})
}

// FuzzReadCoNLL checks that the CoNLL reader never panics and that what it
// returns is well formed.
func FuzzReadCoNLL(f *testing.F) {
	f.Add("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n")
	f.Add("-DOCSTART- -X- -X- O\n\nPeter NNP B-NP I-PER\n")
	f.Add("x O\n\n\n\nBRUSSELS NNP B-NP B-LOC\n1996-08-22 CD I-NP O\n")
	f.Add("a b\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, d := range docs {
			if len(d.Sentences) == 0 {
				t.Fatal("empty document")
			}
			for _, s := range d.Sentences {
				if len(s.Words) == 0 || len(s.Words) != len(s.Tags) {
					t.Fatalf("bad sentence %+v", s)
				}
				for _, sp := range SpansFromTags(s.Tags) {
					if sp.Start < 0 || sp.End > len(s.Tags) || sp.Start >= sp.End {
						t.Fatalf("bad span %+v", sp)
					}
				}
			}
		}
	})
}

// FuzzReadNERModel checks that a corrupt model file is an error, not a
// panic.
func FuzzReadNERModel(f *testing.F) {
	f.Add([]byte(modelMagic))
	f.Add(append([]byte(modelMagic), 0x01, 0x02))
	if len(nerModelData) > 64 {
		f.Add(nerModelData[:64])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = ReadNERModel(strings.NewReader(string(b)))
	})
}
