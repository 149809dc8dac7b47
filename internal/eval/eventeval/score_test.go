package eventeval

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

const goldJSON = `{
 "entities": [
  {"id": "kobane", "type": "PLACE", "canonical": "Kobani", "aliases": ["Kobane", "Ayn al-Arab"]},
  {"id": "mosul", "type": "PLACE", "canonical": "Mosul", "aliases": ["Mosul"]}
 ],
 "events": [
  {"id": "kobane-2015", "type": "battle/liberation", "place": "kobane", "time": ["2015-01-20", "2015-01-27"], "docs": ["001", "002"]},
  {"id": "mosul-2014", "type": "overrun", "place": "mosul", "time": ["2014-06", "2014-06"], "docs": ["003"]}
 ]
}`

func ev(id, typ, place, start, end string, docs ...string) model.Event {
	return model.Event{ID: id, Type: typ, Place: place, Time: model.TimeValue{Start: start, End: end}, Docs: docs}
}

func TestScore(t *testing.T) {
	g, err := ParseGold(strings.NewReader(goldJSON))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{"Q1": "Ayn al-Arab", "Q2": "Mosul", "Q3": "Raqqa"}
	nameOf := func(id string) string { return names[id] }
	cases := []struct {
		name                string
		pred                []model.Event
		found, split, types int
		docRecall           float64
		reason0             string // reason for the first gold event when missed
	}{
		{"both found by alias, right times",
			[]model.Event{ev("a", "liberation", "Q1", "2015-01-01", "2015-01-31", "001_x.txt", "002_y.txt"), ev("b", "fall", "Q2", "2014-06-10", "2014-06-10", "003")},
			2, 0, 2, 1, ""},
		{"wrong time is not found, and says so",
			[]model.Event{ev("a", "battle", "Q1", "2014-10-01", "2014-10-31", "001")},
			0, 0, 0, 0, "events at the place only at other times"},
		{"undated is not on the timeline",
			[]model.Event{ev("a", "battle", "Q1", "", "2015-03-01", "001")},
			0, 0, 0, 0, "events at the place only at other times"},
		{"wrong place",
			[]model.Event{ev("a", "battle", "Q3", "2015-01-01", "2015-01-31", "001")},
			0, 0, 0, 0, "no event at the place"},
		{"one event told twice is a split",
			[]model.Event{ev("a", "battle", "Q1", "2015-01-20", "2015-01-20", "001"), ev("b", "retreat", "Q1", "2015-01-25", "2015-01-26", "002")},
			1, 1, 1, 2.0 / 3, ""},
		{"type disagreement still counts as found",
			[]model.Event{ev("a", "statement", "Q2", "2014-06-01", "2014-06-30", "003")},
			1, 0, 0, 1.0 / 3, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ScoreGold(g, c.pred, nameOf)
			if r.Found != c.found || r.Split != c.split || r.TypeAgree != c.types {
				t.Errorf("found %d split %d types %d, want %d %d %d", r.Found, r.Split, r.TypeAgree, c.found, c.split, c.types)
			}
			if diff := r.DocRecall - c.docRecall; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("doc recall %.3f, want %.3f", r.DocRecall, c.docRecall)
			}
			if c.reason0 != "" && !strings.HasPrefix(r.Events[0].Reason, c.reason0) {
				t.Errorf("reason %q, want %q", r.Events[0].Reason, c.reason0)
			}
			if r.Gold != 2 || r.Predicted != len(c.pred) {
				t.Errorf("counts %+v", r)
			}
		})
	}
}

func TestParseGoldErrors(t *testing.T) {
	if _, err := ParseGold(strings.NewReader(`{"entities": []}`)); !errors.Is(err, ErrNoEvents) {
		t.Errorf("no events: %v", err)
	}
	bad := `{"events": [{"id": "x", "place": "p", "time": ["2014-13", "2014"]}]}`
	if _, err := ParseGold(strings.NewReader(bad)); !errors.Is(err, ErrBadDate) {
		t.Errorf("bad date: %v", err)
	}
	if _, err := Score(filepath.Join(t.TempDir(), "missing.json"), nil, nil); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
}

func TestNormalise(t *testing.T) {
	for in, want := range map[string]string{
		"Jurf al-Sakher":    "jurf al sakher",
		"The Long War":      "long war",
		"  Amirli  ":        "amirli",
		"Dayr al‑Zawr!":     "dayr al zawr",
		"Kata'ib Hezbollah": "kata ib hezbollah",
	} {
		if got := Normalise(in); got != want {
			t.Errorf("Normalise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSeedsGoldParses checks the real gold file when the shared data is
// checked out beside the repository.
func TestSeedsGoldParses(t *testing.T) {
	path := "../../../../shared/eval/seeds/gold.json"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seeds gold %s absent", path)
	}
	g, err := ReadGold(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Events) != 10 {
		t.Errorf("%d gold events", len(g.Events))
	}
	if r := ScoreGold(g, nil, nil); r.Found != 0 || r.Gold != 10 {
		t.Errorf("empty timeline scored %+v", r)
	}
}
