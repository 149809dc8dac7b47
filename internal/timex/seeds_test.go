package timex

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

const seedsDir = "../../../shared/corpus/seeds"
const seedsGold = "../../../shared/eval/seeds/gold.json"

// TestSeedsPublished checks the acceptance bar: the stated or inferred
// publication date of at least 4 of the 5 seed articles lies within the
// gold range.
func TestSeedsPublished(t *testing.T) {
	raw, err := os.ReadFile(seedsGold)
	if err != nil {
		t.Skipf("shared seeds gold not found at %s: %v", seedsGold, err)
	}
	var gold struct {
		Documents map[string]struct {
			Published []string `json:"published"`
			Evidence  string   `json:"published_evidence"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	inRange := 0
	for name, g := range gold.Documents {
		text, err := os.ReadFile(filepath.Join(seedsDir, name))
		if err != nil {
			t.Fatalf("seed %s: %v", name, err)
		}
		inf, ok := PublicationDate(string(text), DefaultInferOptions())
		hit := ok && len(g.Published) == 2 && inf.Published >= g.Published[0] && inf.Published <= g.Published[1]
		if hit {
			inRange++
		}
		t.Logf("%s: %v %s [%s..%s] basis=%s gold=%v (%s)\n    %s", name, hit, inf.Published, inf.Earliest, inf.Latest, inf.Basis, g.Published, g.Evidence, inf.Note)
	}
	t.Logf("seeds publication dates in range: %d/%d", inRange, len(gold.Documents))
	if inRange < 4 {
		t.Errorf("%d/%d seeds in range, want at least 4", inRange, len(gold.Documents))
	}
}
