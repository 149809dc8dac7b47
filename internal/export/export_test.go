package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// fixture is a small store: two documents, three entities, an event, a
// quote, a frame and a contradiction; one title is a spreadsheet formula.
func fixture(t *testing.T) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	text := "General Qassem Soleimani visited Amirli in August."
	recs := []store.DocumentRecord{
		{Doc: model.Document{ID: "d1", Source: "a.txt", Title: "=HYPERLINK(\"http://evil\")", Text: text, Outlet: "A", Published: "2014-09-01", PublishedBasis: "text", Language: "en"},
			Analysis: model.Analysis{Mentions: []model.Mention{{Start: 8, End: 24, Text: "Qassem Soleimani", Type: model.Person}, {Start: 33, End: 39, Text: "Amirli", Type: model.Place}}}},
		{Doc: model.Document{ID: "d2", Source: "b.txt", Title: "Second", Text: "Soleimani and ISIS in Amirli.", Outlet: "B", Language: "en"},
			Analysis: model.Analysis{Mentions: []model.Mention{{Start: 0, End: 9, Text: "Soleimani", Type: model.Person}, {Start: 14, End: 18, Text: "ISIS", Type: model.Org}, {Start: 22, End: 28, Text: "Amirli", Type: model.Place}}}},
	}
	if _, err := st.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	lat, lon := 34.72, 44.59
	ents := []model.Entity{
		{ID: "qassem-soleimani", Name: "Qassem Soleimani", Type: model.Person, Aliases: []model.Alias{{Text: "Qassem Soleimani", Count: 1}, {Text: "Soleimani", Count: 1}}, Docs: []string{"d1", "d2"}, Mentions: 2, KB: &model.KBLink{Wikidata: "Q708144"}},
		{ID: "amirli", Name: "Amirli", Type: model.Place, Docs: []string{"d1", "d2"}, Mentions: 2, Lat: &lat, Lon: &lon, Country: "IQ"},
		{ID: "isis", Name: "Islamic State", Type: model.Org, Aliases: []model.Alias{{Text: "ISIS", Count: 1}}, Docs: []string{"d2"}, Mentions: 1},
	}
	if err := st.ReplaceEntities(ctx, ents, map[string][]string{"d1": {"qassem-soleimani", "amirli"}, "d2": {"qassem-soleimani", "isis", "amirli"}}); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceEvents(ctx, []model.Event{{ID: "ev1", Type: "siege_broken", Summary: "Siege of Amirli broken (2014-08)",
		Time: model.TimeValue{Value: "2014-08", Start: "2014-08-01", End: "2014-08-31"}, Place: "amirli", Participants: []string{"qassem-soleimani"}, Docs: []string{"d1"}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceQuotes(ctx, []model.Quote{{Doc: "d1", Kind: model.QuoteDirect, Text: "+1 we won", Cue: "said", Speaker: model.Speaker{Entity: "qassem-soleimani", Text: "Soleimani"}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceFrames(ctx, []model.Frame{{Entity: "qassem-soleimani", Doc: "d1", Outlet: "A", Stance: 0.6, Label: "positive", Evidence: []model.FrameEvidence{{Text: "hero"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceContradictions(ctx, []model.Contradiction{{Topic: "who liberated Amirli", Kind: "credit", Sides: []model.ContradictionSide{{Doc: "d1", Claim: "Iran"}, {Doc: "d2", Claim: "the US"}}}}); err != nil {
		t.Fatal(err)
	}
	return st
}

func export(t *testing.T, st store.Store, format, table string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(context.Background(), st, &b, Options{Format: format, Table: table}); err != nil {
		t.Fatalf("export %s %s: %v", format, table, err)
	}
	return b.Bytes()
}

func TestJSONL(t *testing.T) {
	out := export(t, fixture(t), "jsonl", "")
	kinds := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			Kind string          `json:"kind"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line is not JSON: %v: %s", err, sc.Text())
		}
		kinds[rec.Kind]++
	}
	want := map[string]int{"document": 2, "entity": 3, "event": 1, "quote": 1, "frame": 1, "contradiction": 1}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s records, want %d (%v)", kinds[k], k, n, kinds)
		}
	}
}

func TestCSVTables(t *testing.T) {
	st := fixture(t)
	for _, c := range []struct {
		table string
		rows  int
	}{{"documents", 2}, {"entities", 3}, {"mentions", 5}, {"events", 1}, {"quotes", 1}, {"frames", 1}, {"contradictions", 2}} {
		recs, err := csv.NewReader(bytes.NewReader(export(t, st, "csv", c.table))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", c.table, err)
		}
		if len(recs)-1 != c.rows {
			t.Errorf("%s: %d rows, want %d", c.table, len(recs)-1, c.rows)
		}
		for _, r := range recs {
			for _, cell := range r {
				if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) {
					t.Errorf("%s: cell %q would run as a spreadsheet formula", c.table, cell)
				}
			}
		}
	}
	if err := Write(context.Background(), st, &bytes.Buffer{}, Options{Format: "csv", Table: "nope"}); err == nil {
		t.Errorf("unknown table accepted")
	}
}

func TestGeoJSON(t *testing.T) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			Geometry struct {
				Type        string     `json:"type"`
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(export(t, fixture(t), "geojson", ""), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("want an event and a place: %+v", fc)
	}
	for _, f := range fc.Features {
		if f.Geometry.Type != "Point" || f.Geometry.Coordinates != [2]float64{44.59, 34.72} {
			t.Errorf("feature at %v, want lon 44.59 lat 34.72", f.Geometry.Coordinates)
		}
	}
	if fc.Features[0].Properties["time_value"] != "2014-08" {
		t.Errorf("event feature: %v", fc.Features[0].Properties)
	}
}

func TestGEXF(t *testing.T) {
	out := export(t, fixture(t), "gexf", "")
	var g struct {
		Nodes []struct {
			ID    string `xml:"id,attr"`
			Label string `xml:"label,attr"`
		} `xml:"graph>nodes>node"`
		Edges []struct {
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Weight int    `xml:"weight,attr"`
		} `xml:"graph>edges>edge"`
	}
	if err := xml.Unmarshal(out, &g); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if len(g.Nodes) != 3 || len(g.Edges) != 3 {
		t.Fatalf("nodes %d edges %d, want 3 and 3", len(g.Nodes), len(g.Edges))
	}
	for _, e := range g.Edges {
		if e.Source == "amirli" && e.Target == "qassem-soleimani" && e.Weight != 2 {
			t.Errorf("Amirli–Soleimani co-mentioned in 2 documents, weight %d", e.Weight)
		}
	}
}

func TestFtM(t *testing.T) {
	out := export(t, fixture(t), "ftm", "")
	schemas := map[string]int{}
	ids := map[string]bool{}
	var refs []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var e struct {
			ID         string              `json:"id"`
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not an FtM entity: %s", line)
		}
		if e.ID == "" || ids[e.ID] {
			t.Errorf("missing or duplicate id: %s", line)
		}
		ids[e.ID] = true
		schemas[e.Schema]++
		refs = append(refs, e.Properties["document"]...)
		refs = append(refs, e.Properties["resolved"]...)
	}
	for s, n := range map[string]int{"Person": 1, "Organization": 1, "Address": 1, "Article": 2, "Mention": 5, "Event": 1} {
		if schemas[s] != n {
			t.Errorf("%d %s entities, want %d (%v)", schemas[s], s, n, schemas)
		}
	}
	for _, r := range refs {
		if !ids[r] {
			t.Errorf("reference %s points at no exported entity", r)
		}
	}
}
