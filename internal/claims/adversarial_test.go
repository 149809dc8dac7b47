package claims

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/lang"
)

// BenchmarkAdversarial runs Extract over 100 KB documents made of one
// repeated fragment with no sentence end, where a scan without bounds would
// go quadratic; each should run at the speed of ordinary prose.
func BenchmarkAdversarial(b *testing.B) {
	units := []string{`"a" said Bob Smith, `, `‘x’ he said that officials say `, "according to sources the ", "“", "' ",
		"He said he said ", "Iran liberated Amerli and ", `"a" ‘b’ `, "Ahmed Karimi was a hero and his "}
	for _, unit := range units {
		text := strings.Repeat(unit, 100000/len(unit))
		toks := lang.Tokenize(text)
		in := Input{DocID: "p", Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks)}
		in.Mentions = capitalisedMentions(text, toks)
		b.Run(strings.TrimSpace(unit), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				Extract(in, DefaultOptions())
			}
		})
	}
}
