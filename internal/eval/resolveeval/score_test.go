package resolveeval

import (
	"math"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

const goldJSON = `{
 "entities": [
  {"id": "soleimani", "type": "PERSON", "aliases": ["Qassem Soleimani", "Soleimani", "General Soleimani"]},
  {"id": "qaani", "type": "PERSON", "aliases": ["Ismail Qaani", "Qaani"]},
  {"id": "baghdad", "type": "PLACE", "aliases": ["Baghdad"], "lat": 33.34, "lon": 44.4}
 ],
 "must_not_merge": [["soleimani", "qaani"]]
}`

func ent(id string, lat, lon float64, aliases ...string) model.Entity {
	e := model.Entity{ID: id, Name: aliases[0], Mentions: len(aliases)}
	for _, a := range aliases {
		e.Aliases = append(e.Aliases, model.Alias{Text: a, Count: 1})
	}
	if lat != 0 {
		e.Lat, e.Lon = &lat, &lon
	}
	return e
}

func TestScore(t *testing.T) {
	g, err := ParseGold(strings.NewReader(goldJSON))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		pred         []model.Entity
		p, r         float64
		violations   int
		placesLinked int
		missing      int
	}{
		{"perfect, titles and case ignored", []model.Entity{
			ent("s", 0, 0, "Qassem Soleimani", "soleimani’s", "Lieutenant General Soleimani"),
			ent("q", 0, 0, "Ismail Qaani", "Qaani"),
			ent("b", 33.3, 44.4, "Baghdad"),
		}, 1, 1, 0, 1, 0},
		{"everything merged", []model.Entity{
			ent("x", 36.3, 43.1, "Qassem Soleimani", "Soleimani", "General Soleimani", "Ismail Qaani", "Qaani", "Baghdad"),
		}, (3*3.0/6 + 2*2.0/6 + 1*1.0/6) / 6, 1, 1, 0, 0},
		{"everything split", []model.Entity{
			ent("a", 0, 0, "Qassem Soleimani"), ent("b", 0, 0, "Soleimani"), ent("c", 0, 0, "General Soleimani"),
			ent("d", 0, 0, "Ismail Qaani"), ent("e", 0, 0, "Qaani"), ent("f", 0, 0, "Baghdad"),
		}, 1, (3*1.0/3 + 2*1.0/2 + 1) / 6, 0, 0, 0},
		{"nothing found", nil, 1, (3*1.0/3 + 2*1.0/2 + 1) / 6, 0, 0, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Score(g, tt.pred, Options{})
			if math.Abs(rep.Precision-tt.p) > 1e-9 || math.Abs(rep.Recall-tt.r) > 1e-9 {
				t.Errorf("P/R = %.4f/%.4f, want %.4f/%.4f", rep.Precision, rep.Recall, tt.p, tt.r)
			}
			if len(rep.Violations) != tt.violations {
				t.Errorf("violations = %v, want %d", rep.Violations, tt.violations)
			}
			if rep.PlacesLinked != tt.placesLinked {
				t.Errorf("places linked = %d, want %d (%+v)", rep.PlacesLinked, tt.placesLinked, rep.Places)
			}
			if len(rep.Missing) != tt.missing {
				t.Errorf("missing = %v, want %d", rep.Missing, tt.missing)
			}
			var b strings.Builder
			rep.Format(&b)
			if !strings.Contains(b.String(), "B-cubed") {
				t.Errorf("Format wrote %q", b.String())
			}
		})
	}
}

func TestReadSeedGold(t *testing.T) {
	g, err := ReadGold("../../../../shared/eval/seeds/gold.json")
	if err != nil {
		t.Skipf("seed gold not available (needs ../shared beside the repo): %v", err)
	}
	if len(g.Entities) < 40 || len(g.MustNotMerge) == 0 {
		t.Errorf("gold has %d entities, %d pairs", len(g.Entities), len(g.MustNotMerge))
	}
}

func TestParseGoldErrors(t *testing.T) {
	for _, s := range []string{``, `{}`, `{"entities": [{"aliases": ["x"]}]}`, `{"entities": [{"id": "a"}], "must_not_merge": [["a"]]}`} {
		if _, err := ParseGold(strings.NewReader(s)); err == nil {
			t.Errorf("no error for %q", s)
		}
	}
}

func FuzzParseGold(f *testing.F) {
	f.Add(goldJSON)
	f.Add(`{"entities": [{"id": "a", "aliases": ["", "the"]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGold(strings.NewReader(s))
		if err != nil {
			return
		}
		rep := Score(g, []model.Entity{ent("x", 1, 2, "a", "b")}, Options{})
		if rep.F1 < 0 || rep.F1 > 1 || math.IsNaN(rep.F1) {
			t.Fatalf("F1 = %v", rep.F1)
		}
	})
}
