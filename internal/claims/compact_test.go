package claims_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/frames"
)

// TestCompactKeepsContradictions checks that Contradictions finds the same
// over compacted documents (no text, no sentences, side-taking frames with
// their sentences) as over whole ones, on the seed articles and on copies
// of them that make each topic group larger than the pairwise bound.
func TestCompactKeepsContradictions(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/seeds/*.txt")
	if len(files) == 0 {
		t.Skip("seed corpus not found (clone shared/ beside the repo)")
	}
	var whole []claims.DocClaims
	for copyN := 0; copyN < 60; copyN++ {
		for _, f := range files {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src := filepath.Base(f)
			if copyN > 0 {
				src = strings.Repeat("c", copyN) + src
			}
			in := claims.Prepare(src, strings.SplitN(src, "_", 2)[0], string(text))
			res := claims.Extract(in, claims.DefaultOptions())
			fr := frames.Analyze(frames.Input{Input: in, Quotes: res.Quotes}, frames.Options{})
			for i := range res.Claims {
				res.Claims[i].Doc = src
			}
			whole = append(whole, claims.DocClaims{Doc: src, Outlet: in.Outlet, Text: in.Text, Sentences: in.Sentences, Claims: res.Claims, Frames: fr})
		}
		if copyN == 0 || copyN == 59 {
			opts := claims.ContradictionOptions{}
			var compact []claims.DocClaims
			for _, d := range whole {
				compact = append(compact, d.Compact(opts))
			}
			want, got := claims.Contradictions(whole, opts), claims.Contradictions(compact, opts)
			if len(want) == 0 {
				t.Fatal("no contradictions in the seeds")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%d documents: compacted documents give other contradictions", len(whole))
			}
		}
	}
}
