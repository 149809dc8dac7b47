package nercheck

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/eval/resolveeval"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/resolve"
)

// TestSeedsWithRecogniser reports the resolution figures on the seed corpus
// with the recogniser's mentions. It asserts no floor on F1 (that depends on
// the recogniser) but does require no look-alike merge.
func TestSeedsWithRecogniser(t *testing.T) {
	gold, err := resolveeval.ReadGold("../../../../shared/eval/seeds/gold.json")
	if err != nil {
		t.Skipf("seed gold not available (needs ../shared beside the repo): %v", err)
	}
	files, _ := filepath.Glob("../../../../shared/corpus/seeds/*.txt")
	sort.Strings(files)
	var docs []resolve.DocMentions
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		res := lang.Analyze(text)
		docs = append(docs, resolve.DocMentions{Doc: filepath.Base(f), Text: text, Mentions: res.Mentions})
	}
	res, err := resolve.Resolve(docs, nil, resolve.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	rep := resolveeval.Score(gold, res.Entities, resolveeval.Options{})
	var b strings.Builder
	rep.Format(&b)
	t.Log("\n" + b.String())
	if len(rep.Violations) > 0 {
		t.Errorf("%d must_not_merge pairs merged", len(rep.Violations))
	}
}
