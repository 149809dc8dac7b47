package claims

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// capitalisedMentions is a stand-in recogniser for fuzzing: runs of
// capitalised words, typed PERSON when two or more words long.
func capitalisedMentions(text string, toks []model.Token) []model.Mention {
	var out []model.Mention
	for i := 0; i < len(toks); {
		r, _ := utf8.DecodeRuneInString(toks[i].Text)
		if !unicode.IsUpper(r) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) {
			r2, _ := utf8.DecodeRuneInString(toks[j].Text)
			if !unicode.IsUpper(r2) {
				break
			}
			j++
		}
		typ := model.Org
		if j-i >= 2 {
			typ = model.Person
		}
		out = append(out, model.Mention{Start: toks[i].Start, End: toks[j-1].End, Text: text[toks[i].Start:toks[j-1].End], Type: typ})
		i = j
	}
	return out
}

var fuzzSeeds = []string{
	`"We will hold," Daniel Okafor said. “The bridge is ours,” he added.`,
	"According to the Daily Herald, ‘death is the beginning’, as his motto says; officials say so.",
	"While the Ministry insists the dam is safe, in reality it is not. Contrary to reports, it was not the work of Iran.",
	"Rebels killed 163 soldiers near Idlib. Aleppo wasn’t so much “liberated” as destroyed.",
	"\"unclosed quote\n\n\"another “nested ‘single’ mark” here",
	"'' \"\" “” ‘’ ' \" , . according to",
}

func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := lang.Tokenize(text)
		in := Input{DocID: "f", Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks)}
		in.Mentions = capitalisedMentions(text, toks)
		r := Extract(in, DefaultOptions())
		checkOffsets(t, text, r.Quotes)
		checkClaimOffsets(t, text, r.Claims)
		cs := Contradictions([]DocClaims{{Doc: "f", Text: text, Claims: r.Claims}, {Doc: "g", Text: text, Claims: r.Claims}}, ContradictionOptions{})
		for _, c := range cs {
			for _, s := range c.Sides {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End {
					t.Fatalf("side offsets [%d,%d) out of range", s.Start, s.End)
				}
			}
		}
	})
}

func FuzzFindQuoteSpans(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, q := range findQuoteSpans(text, 200) {
			if q.start < 0 || q.end > len(text) || q.start > q.end {
				t.Fatalf("span [%d,%d) out of range", q.start, q.end)
			}
			if q.start < q.open || q.closed() && q.end > q.close {
				t.Fatalf("content [%d,%d) outside its marks %d..%d", q.start, q.end, q.open, q.close)
			}
		}
	})
}

func FuzzFoldKey(f *testing.F) {
	for _, s := range []string{"The Long War Journal", "Jurf al-Sakher", "Iran’s", "ÀÉÎ", "al", "'s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := FoldKey(s)
		if FoldKey(k) != k {
			t.Fatalf("FoldKey not idempotent: %q -> %q -> %q", s, k, FoldKey(k))
		}
		_ = Skeleton(k)
	})
}
