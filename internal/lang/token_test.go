package lang

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

func tokenTexts(toks []model.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want string // tokens joined by |
	}{
		{"possessive curly", "Iraq’s military", "Iraq|’s|military"},
		{"possessive straight", "Iran's Quds Force", "Iran|'s|Quds|Force"},
		{"clitic", "They don't know.", "They|do|n't|know|."},
		{"arabic particle", "Jaref al-Sakher and Hadi al-Amiri", "Jaref|al-Sakher|and|Hadi|al-Amiri"},
		{"abbreviations", "Lt. Gen. Smith met U.S. officials", "Lt.|Gen.|Smith|met|U.S.|officials"},
		{"sentence end abbreviation", "in the U.S. The", "in|the|U.S.|The"},
		{"numbers", "26,000 inhabitants, 7.5 km and 1,2", "26,000|inhabitants|,|7.5|km|and|1|,|2"},
		{"date and time", "1996-08-22 at 10:30", "1996-08-22|at|10:30"},
		{"compound number", "a 48-hour siege", "a|48-hour|siege"},
		{"curly quotes", "the “fearless” general", "the|“|fearless|”|general"},
		{"dashes", "general – the man — and -- so...", "general|–|the|man|—|and|--|so|..."},
		{"initial", "J. Smith", "J.|Smith"},
		{"sentence final period", "He left.", "He|left|."},
		{"money percent", "$5 and 10%", "$|5|and|10|%"},
		{"url", "see https://example.com/a?b=1. Then", "see|https://example.com/a?b=1|.|Then"},
		{"o'neill", "O'Neill said", "O'Neill|said"},
		{"plural possessive", "Iraqis' army", "Iraqis|'|army"},
		{"invalid utf8", "a\xffb", "a|\xff|b"},
		{"persian", "نظری برای", "نظری|برای"},
		{"hyphen end", "pro- and anti-war", "pro|-|and|anti-war"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			toks := Tokenize(c.in)
			got := strings.Join(tokenTexts(toks), "|")
			if got != c.want {
				t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
			}
			checkTokenOffsets(t, c.in, toks)
		})
	}
}

func checkTokenOffsets(t *testing.T, text string, toks []model.Token) {
	t.Helper()
	prev := 0
	for i, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
			t.Fatalf("token %d %q has bad offsets [%d,%d) after %d", i, tok.Text, tok.Start, tok.End, prev)
		}
		if text[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token %d: text[%d:%d]=%q, Text=%q", i, tok.Start, tok.End, text[tok.Start:tok.End], tok.Text)
		}
		prev = tok.End
	}
}

func TestSplitSentences(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "He left. She stayed.", []string{"He left.", "She stayed."}},
		{"title abbreviation", "Lt. Gen. Qassem Soleimani arrived. He spoke.", []string{"Lt. Gen. Qassem Soleimani arrived.", "He spoke."}},
		{"us mid", "The U.S. Army said so.", []string{"The U.S. Army said so."}},
		{"us end", "He flew to the U.S. The trip was long.", []string{"He flew to the U.S.", "The trip was long."}},
		{"quote close", "He said: “We won.” Then he left.", []string{"He said: “We won.”", "Then he left."}},
		{"question in quote", "“Why?” he asked.", []string{"“Why?” he asked."}},
		{"headline", "Iraqis prove that ISIS is a paper tiger\nThe army advanced.", []string{"Iraqis prove that ISIS is a paper tiger", "The army advanced."}},
		{"blank line", "First part\n\nsecond part", []string{"First part", "second part"}},
		{"hard wrap", "The army advanced\ntowards the town.", []string{"The army advanced\ntowards the town."}},
		{"ellipsis lower", "He waited... and waited.", []string{"He waited... and waited."}},
		{"numbers", "It cost 7.5 million. Then 26,000 fled.", []string{"It cost 7.5 million.", "Then 26,000 fled."}},
		{"exclamation", "Stop! Now.", []string{"Stop!", "Now."}},
		{"initial", "J. Smith came.", []string{"J. Smith came."}},
		{"empty", "", nil},
		{"spaces", "  \n ", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			toks := Tokenize(c.in)
			sents := SplitSentences(c.in, toks)
			var got []string
			for _, s := range sents {
				got = append(got, c.in[s.Start:s.End])
			}
			if strings.Join(got, "‖") != strings.Join(c.want, "‖") {
				t.Errorf("SplitSentences(%q) = %q, want %q", c.in, got, c.want)
			}
			checkSentences(t, c.in, toks, sents)
		})
	}
}

func checkSentences(t *testing.T, text string, toks []model.Token, sents []model.Sentence) {
	t.Helper()
	next := 0
	for i, s := range sents {
		if s.TokenStart != next || s.TokenEnd <= s.TokenStart || s.TokenEnd > len(toks) {
			t.Fatalf("sentence %d token range [%d,%d) after %d", i, s.TokenStart, s.TokenEnd, next)
		}
		if s.Start != toks[s.TokenStart].Start || s.End != toks[s.TokenEnd-1].End {
			t.Fatalf("sentence %d byte range [%d,%d) does not match its tokens", i, s.Start, s.End)
		}
		next = s.TokenEnd
	}
	if next != len(toks) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
	}
	_ = utf8.ValidString(text)
}

// TestCliticStart checks the clitic finder against the rule it implements:
// a final 's or 'S, n't or N'T, with a straight or curly apostrophe, after
// at least one more byte.
func TestCliticStart(t *testing.T) {
	ref := func(w string) int {
		for _, ap := range []string{"'", "\u2019"} {
			for _, c := range []string{ap + "s", ap + "S"} {
				if len(w) > len(c) && strings.HasSuffix(w, c) {
					return len(w) - len(c)
				}
			}
			for _, c := range []string{"n" + ap + "t", "N" + ap + "T"} {
				if len(w) > len(c) && strings.HasSuffix(w, c) {
					return len(w) - len(c)
				}
			}
		}
		return 0
	}
	for _, w := range []string{"", "s", "'s", "x's", "Iran’s", "IRAN'S", "don't", "DON'T", "Don'T", "n't", "xn't", "x’t", "isn’t", "’s", "a’s", "ab’S", "can’t", "CAN’T", "cats", "it’", "o'", "n’t", "N'T", "xN’T", "xn'T", "’t"} {
		if got, want := cliticStart(w), ref(w); got != want {
			t.Errorf("cliticStart(%q) = %d, want %d", w, got, want)
		}
	}
}
