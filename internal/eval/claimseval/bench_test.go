package claimseval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/frames"
)

// BenchmarkClaimsAndFrames measures the whole claims + framing stage
// (quotes, claims, frames per document, then contradictions over the
// batch) on the seed articles, after internal/lang has run.
func BenchmarkClaimsAndFrames(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(files) == 0 {
		b.Skip("seed corpus not found")
	}
	var ins []claims.Input
	total := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		// Repeat each article so a document has a realistic length mix.
		text := strings.Repeat(string(t)+"\n\n", 2)
		ins = append(ins, claims.Prepare(filepath.Base(f), "", text))
		total += len(text)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var docs []claims.DocClaims
		for _, in := range ins {
			r := claims.Extract(in, claims.DefaultOptions())
			fr := frames.Analyze(frames.Input{Input: in, Quotes: r.Quotes}, frames.Options{})
			docs = append(docs, claims.DocClaims{Doc: in.DocID, Text: in.Text, Sentences: in.Sentences, Claims: r.Claims, Frames: fr})
		}
		claims.Contradictions(docs, claims.ContradictionOptions{})
	}
}
