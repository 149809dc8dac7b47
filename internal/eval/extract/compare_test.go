package extract_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/clean"
	"github.com/parallaxhq/parallax/internal/eval/extract"
)

var (
	update  = flag.Bool("update", false, "rewrite testdata/compare.json with this run's figures")
	compare = flag.Bool("compare", false, "score every candidate extractor (slow), not only parallax's")
)

const devSet = "../../../../shared/eval/extract"

// MinDevF1 is the acceptance floor of parallax's extractor on the dev pages.
const MinDevF1 = 0.96

func TestParallaxExtractorOnDevSet(t *testing.T) {
	if _, err := os.Stat(filepath.Join(devSet, "ground-truth.json")); err != nil {
		t.Skipf("dev set %s absent (shared/ is cloned beside the repo in CI): %v", devSet, err)
	}
	cands := clean.Candidates()
	if !*compare && !*update {
		cands = cands[:1]
	}
	ec := make([]extract.Candidate, len(cands))
	for i, c := range cands {
		ec[i] = extract.Candidate{Name: c.Name, Extract: c.Extract}
	}
	reports, err := extract.Compare(devSet, ec)
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| extractor | precision | recall | F1 | seconds |\n| --- | --- | --- | --- | --- |\n")
	for _, c := range cands {
		r := reports[c.Name]
		fmt.Fprintf(&table, "| %s | %.4f | %.4f | %.4f | %.1f |\n", c.Name, r.Overall.Precision, r.Overall.Recall, r.Overall.F1, r.Seconds)
	}
	t.Logf("%d pages\n%s", reports["parallax"].Pages, table.String())
	if f1 := reports["parallax"].Overall.F1; f1 < MinDevF1 {
		t.Errorf("parallax F1 = %.4f on the dev set, want >= %.2f", f1, MinDevF1)
	}
	if *update {
		b, _ := json.MarshalIndent(reports, "", "  ")
		if err := os.WriteFile("testdata/compare.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
