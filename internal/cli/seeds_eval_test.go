package cli

import (
	"path/filepath"
	"testing"
)

const seedGold = "../../../shared/eval/seeds/gold.json"

// TestSeedsEndToEnd ingests the seed corpus with the real binary's code path
// and holds every seed figure of the brief at or above its floor.
func TestSeedsEndToEnd(t *testing.T) {
	needSeeds(t)
	db := filepath.Join(t.TempDir(), "seeds.db")
	if code, _, errs := run(t, db, "ingest", seedsDir); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	var rep struct {
		Documents    int `json:"documents"`
		Titles       int `json:"titles_right"`
		Languages    int `json:"languages_right"`
		DatesInRange int `json:"published_in_range"`
		Resolve      struct {
			F1           float64 `json:"f1"`
			Violations   []any   `json:"violations"`
			Places       []any   `json:"places"`
			PlacesLinked int     `json:"places_linked"`
		} `json:"resolve"`
		Claims struct {
			Quotes       int `json:"quotes"`
			Found        int `json:"quotes_found"`
			Speaker      int `json:"quotes_speaker_right"`
			Anonymous    int `json:"anonymous"`
			AnonMarked   int `json:"anonymous_marked"`
			Contradicts  int `json:"contradictions_found"`
			Reported     int `json:"contradictions_reported"`
			Stances      int `json:"stances"`
			StancesRight int `json:"stances_right"`
		} `json:"claims"`
		Events struct {
			Gold      int     `json:"gold"`
			Found     int     `json:"found"`
			DocRecall float64 `json:"doc_recall"`
		} `json:"events"`
	}
	runJSON(t, db, &rep, "eval", "seeds", seedGold)
	t.Logf("seeds: %+v", rep)
	c := rep.Claims
	checks := []struct {
		name string
		ok   bool
	}{
		{"5 documents matched", rep.Documents == 5},
		{"titles", rep.Titles == 5},
		{"languages", rep.Languages == 5},
		{"publication dates in range >= 4/5", rep.DatesInRange >= 4},
		{"entity B-cubed F1 >= 0.90", rep.Resolve.F1 >= 0.90},
		{"no look-alike merged", len(rep.Resolve.Violations) == 0},
		{"all gold places within 25 km", rep.Resolve.PlacesLinked == len(rep.Resolve.Places) && len(rep.Resolve.Places) > 0},
		{"quotes found >= 85%", c.Quotes > 0 && float64(c.Found) >= 0.85*float64(c.Quotes)},
		{"right speaker >= 75%", float64(c.Speaker) >= 0.75*float64(c.Quotes)},
		{"anonymous sources marked", c.AnonMarked == c.Anonymous},
		{"contradictions >= 3 of 5", c.Contradicts >= 3},
		{"fewer than 15 contradictions", c.Reported < 15},
		{"stance sign >= 90%", c.Stances > 0 && float64(c.StancesRight) >= 0.9*float64(c.Stances)},
		{"gold events on the timeline >= 6 of 10", rep.Events.Gold == 10 && rep.Events.Found >= 6},
		{"found events cite >= 70% of the gold (event, document) pairs", rep.Events.DocRecall >= 0.7},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("seed figure below its floor: %s", ch.name)
		}
	}
}

// TestStoriesDevEndToEnd ingests the ECB+ dev stories in file order and holds
// the clustering at the floor of the brief.
func TestStoriesDevEndToEnd(t *testing.T) {
	dev := "../../../shared/eval/stories/dev.jsonl"
	needFile(t, dev)
	db := filepath.Join(t.TempDir(), "stories.db")
	if code, _, errs := run(t, db, "ingest", dev); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	var sc struct {
		Items int     `json:"items"`
		F1    float64 `json:"bcubed_f1"`
	}
	runJSON(t, db, &sc, "eval", "stories", "../../../shared/eval/stories/gold.json")
	t.Logf("stories: %+v", sc)
	if sc.Items != 196 || sc.F1 < 0.90 {
		t.Errorf("story B-cubed F1 %.3f over %d articles, want >= 0.90 over 196", sc.F1, sc.Items)
	}
}
