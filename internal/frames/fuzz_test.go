package frames

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

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

func input(text string) Input {
	toks := lang.Tokenize(text)
	in := claims.Input{DocID: "f", Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks)}
	in.Mentions = capitalisedMentions(text, toks)
	return Input{Input: in}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"The ‘fearless’ Ahmed Karimi was a national hero. He was not a terrorist.",
		"Boko Haram, the world’s most notorious terror group — and its thugs — was exposed as a paper tiger.",
		"“Hassan Nouri is a thug,” said Omar Bakri, head of the Popular Front – the dirty-tricks unit.",
		"his her its the general , , - - as as was was not",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fs := Analyze(input(text), Options{})
		checkEvidenceOffsets(t, text, fs)
	})
}

// BenchmarkAdversarial runs Analyze over 100 KB documents made of one
// repeated fragment with no sentence end.
func BenchmarkAdversarial(b *testing.B) {
	for _, unit := range []string{"Ahmed Karimi was a hero and his ", "the fearless Boko Haram , ", "Hailed as a hero - as - ", "he his it its the general "} {
		text := strings.Repeat(unit, 100000/len(unit))
		in := input(text)
		b.Run(strings.TrimSpace(unit), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				Analyze(in, Options{})
			}
		})
	}
}
