package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// TestSameResultsAsSQLite runs one history of writes on both stores and
// compares what every read method returns, field by field: the parts of
// the contract storetest does not pin down (filters, ordering, paging,
// uint64s with the high bit set, re-analysis, replacing sets).
func TestSameResultsAsSQLite(t *testing.T) {
	pg, lite := parityStores(t)
	defer pg.Close()
	defer lite.Close()
	ctx := context.Background()
	lat, lon := 34.9, 44.6
	hi := uint64(1<<63 + 12345)
	extra := store.DocumentRecord{
		Doc: model.Document{ID: "p9", Source: "/c/p9.txt", Title: "Amirli again", Text: "Amirli, Tuz Khurmatu and Kirkuk.", Outlet: "other.org",
			Language: "en", Words: 5, SimHash: hi, Published: "2014-09-01", PublishedBasis: model.BasisInferred,
			PublishedRange: [2]string{"2014-08-30", "2014-09-02"}, PublishedNote: "from 'last Sunday'", IngestedAt: "2024-01-01T00:00:00Z",
			Removed:   []model.RemovedLine{{Line: "Share", Reason: "ui-widget"}},
			LangSpans: []model.LangSpan{{Start: 0, End: 6, Lang: "ar", Text: "Amirli"}}},
		Analysis: model.Analysis{
			Mentions: []model.Mention{{Start: 0, End: 6, Text: "Amirli", Type: model.Place}, {Start: 8, End: 21, Text: "Tuz Khurmatu", Type: model.Place}},
			Quotes:   []model.Quote{{Kind: model.QuoteIndirect, Text: "it fell", Speaker: model.Speaker{Text: "officials", Anonymous: true}}},
			Times:    []model.TimeExpr{{Start: 0, End: 1, Text: "x", Type: "DATE", Value: "2014-09"}},
		},
		Bands: []uint64{hi, 7},
	}
	for _, s := range []store.Store{pg, lite} {
		steps := []func() error{
			func() error { _, err := s.PutDocuments(ctx, []store.DocumentRecord{extra}); return err },
			func() error { return s.AddSource(ctx, "p9", "/mirror/p9.txt") },
			func() error {
				d, err := s.Document(ctx, "p2")
				if err != nil {
					return err
				}
				d.Published, d.PublishedBasis, d.NearDuplicateOf = "2014-08-31", model.BasisText, "p1"
				return s.UpdateAnalysis(ctx, []model.Document{d}, []model.Analysis{{
					Mentions: []model.Mention{{Start: 8, End: 23, Text: "Qassem Soleimani", Type: model.Person}},
					Quotes:   []model.Quote{{Kind: model.QuoteDirect, Text: "we came", Speaker: model.Speaker{Text: "Soleimani"}}},
				}})
			},
			func() error {
				return s.ReplaceEntities(ctx, []model.Entity{
					{ID: "amirli", Name: "Amirli", Type: model.Place, Aliases: []model.Alias{{Text: "Amírli", Count: 1}}, Docs: []string{"p9", "p1"}, Mentions: 4, Lat: &lat, Lon: &lon},
					{ID: "tuz", Name: "Tuz Khurmatu", Type: model.Place, Docs: []string{"p9"}, Mentions: 1},
					{ID: "soleimani", Name: "Qassem Soleimani", Type: model.Person, Aliases: []model.Alias{{Text: "Soleimani", Count: 2}}, Docs: []string{"p2"}, Mentions: 2},
				}, map[string][]string{"p9": {"amirli", "tuz"}, "p2": {"soleimani"}})
			},
			func() error {
				return s.ReplaceEvents(ctx, []model.Event{
					{ID: "e3", Type: "statement", Docs: []string{"p2"}, Participants: []string{"soleimani"}},
					{ID: "e2", Type: "siege", Time: model.TimeValue{Value: "2014-08", Start: "2014-08-01", End: "2014-08-31"}, Place: "amirli", Docs: []string{"p1", "p9"}},
					{ID: "e1", Type: "battle", Time: model.TimeValue{Value: "2014-08", Start: "2014-08-01", End: "2014-08-31"}, Place: "tuz", Docs: []string{"p9"}},
				})
			},
			func() error {
				return s.PutStory(ctx, store.StoryState{ID: "s1", Keys: []string{"amirli", "siege", "amirli"}, Data: []byte{0, 1, 2}}, []string{"p1", "p9", "p5"})
			},
			func() error {
				return s.PutStory(ctx, store.StoryState{ID: "s2", Keys: []string{"siege"}, Data: []byte("x")}, []string{"p5"})
			},
			func() error {
				return s.PutStory(ctx, store.StoryState{ID: "s3", Keys: []string{"fallujah"}, Data: []byte("{}")}, []string{"p4"})
			},
			func() error { return s.DeleteStory(ctx, "s3") },
			func() error {
				return s.ReplaceStories(ctx, []model.Story{{ID: "s2", Title: "B", First: "2014-09-01"}, {ID: "s1", Title: "A", First: "2014-08-01"}, {ID: "s0", Title: "none"}})
			},
			func() error {
				return s.ReplaceFrames(ctx, []model.Frame{
					{Entity: "soleimani", Doc: "p2", Outlet: "example.org", Stance: 0.5, Label: "positive"},
					{Entity: "amirli", Doc: "p9", Outlet: "other.org", Stance: -0.2},
					{Entity: "amirli", Doc: "p1", Outlet: "example.org", Stance: 0.1},
					{Entity: "amirli", Doc: "p9", Outlet: "other.org", Stance: -0.9, Label: "replaced"},
				})
			},
			func() error {
				return s.ReplaceContradictions(ctx, []model.Contradiction{{Topic: "b"}, {Topic: "a", Sides: []model.ContradictionSide{{Doc: "p1"}}}})
			},
			func() error { _, err := s.AddDecision(ctx, []byte(`{"op":"merge"}`)); return err },
			func() error { return s.SetMeta(ctx, "version", "3") },
		}
		for i, step := range steps {
			if err := step(); err != nil {
				t.Fatalf("%T step %d: %v", s, i, err)
			}
		}
	}
	type read struct {
		name string
		fn   func(store.Store) (any, error)
	}
	reads := []read{
		{"Documents", func(s store.Store) (any, error) { return s.Documents(ctx, store.DocFilter{}) }},
		{"Documents page", func(s store.Store) (any, error) { return s.Documents(ctx, store.DocFilter{After: 2, Limit: 3}) }},
		{"Documents outlet", func(s store.Store) (any, error) { return s.Documents(ctx, store.DocFilter{Outlet: "other.org"}) }},
		{"Documents story", func(s store.Store) (any, error) { return s.Documents(ctx, store.DocFilter{Story: "s1"}) }},
		{"Documents deleted story", func(s store.Store) (any, error) { return s.Documents(ctx, store.DocFilter{Story: "s3"}) }},
		{"Documents entity", func(s store.Store) (any, error) { return s.Documents(ctx, store.DocFilter{Entity: "amirli"}) }},
		{"Count", func(s store.Store) (any, error) { return s.CountDocuments(ctx) }},
		{"Has", func(s store.Store) (any, error) { return s.HasDocument(ctx, "p9") }},
		{"Has not", func(s store.Store) (any, error) { return s.HasDocument(ctx, "zz") }},
		{"Find extra source", func(s store.Store) (any, error) { return s.FindDocument(ctx, "/mirror/p9.txt") }},
		{"Near duplicates", func(s store.Store) (any, error) { return s.NearDuplicates(ctx, []uint64{hi, 99}) }},
		{"Entities", func(s store.Store) (any, error) { return s.Entities(ctx, store.EntityFilter{}) }},
		{"Entities place page", func(s store.Store) (any, error) {
			return s.Entities(ctx, store.EntityFilter{Type: "place", Offset: 1, Limit: 1})
		}},
		{"Entities query", func(s store.Store) (any, error) { return s.Entities(ctx, store.EntityFilter{Query: "LEIM"}) }},
		{"Entities query alias", func(s store.Store) (any, error) { return s.Entities(ctx, store.EntityFilter{Query: "mírl"}) }},
		{"Entities query wildcard", func(s store.Store) (any, error) { return s.Entities(ctx, store.EntityFilter{Query: "%"}) }},
		{"Entities doc", func(s store.Store) (any, error) { return s.Entities(ctx, store.EntityFilter{Doc: "p9"}) }},
		{"Entity alias", func(s store.Store) (any, error) { return s.Entity(ctx, " Amírli ") }},
		{"Mentions", func(s store.Store) (any, error) { return s.Mentions(ctx, "amirli", 0) }},
		{"Events", func(s store.Store) (any, error) { return s.Events(ctx, store.EventFilter{}) }},
		{"Events doc", func(s store.Store) (any, error) { return s.Events(ctx, store.EventFilter{Doc: "p9"}) }},
		{"Events story", func(s store.Store) (any, error) { return s.Events(ctx, store.EventFilter{Story: "s1"}) }},
		{"Events entity and doc", func(s store.Store) (any, error) {
			return s.Events(ctx, store.EventFilter{Entity: "amirli", Doc: "p1"})
		}},
		{"Story candidates", func(s store.Store) (any, error) { return s.StoryCandidates(ctx, []string{"siege", "amirli"}, 1, 0) }},
		{"Story candidates limit", func(s store.Store) (any, error) { return s.StoryCandidates(ctx, []string{"siege"}, 1, 1) }},
		{"Stories", func(s store.Store) (any, error) { return s.Stories(ctx) }},
		{"Quotes", func(s store.Store) (any, error) { return s.Quotes(ctx, store.QuoteFilter{}) }},
		{"Quotes kind page", func(s store.Store) (any, error) {
			return s.Quotes(ctx, store.QuoteFilter{Kind: model.QuoteIndirect, Limit: 1})
		}},
		{"Quotes doc", func(s store.Store) (any, error) { return s.Quotes(ctx, store.QuoteFilter{Doc: "p2"}) }},
		{"Frames", func(s store.Store) (any, error) { return s.Frames(ctx, store.FrameFilter{}) }},
		{"Frames outlet", func(s store.Store) (any, error) { return s.Frames(ctx, store.FrameFilter{Outlet: "other.org"}) }},
		{"Frames doc", func(s store.Store) (any, error) { return s.Frames(ctx, store.FrameFilter{Doc: "p1"}) }},
		{"Contradictions", func(s store.Store) (any, error) { return s.Contradictions(ctx) }},
		{"Meta", func(s store.Store) (any, error) { return s.Meta(ctx, "version") }},
	}
	for _, id := range []string{"p1", "p2", "p9"} {
		reads = append(reads,
			read{"Document " + id, func(s store.Store) (any, error) { return s.Document(ctx, id) }},
			read{"Analysis " + id, func(s store.Store) (any, error) { return s.Analysis(ctx, id) }})
	}
	reads = append(reads, read{"EachDocument", func(s store.Store) (any, error) {
		var out []any
		err := s.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
			out = append(out, d, a)
			return nil
		})
		return out, err
	}})
	for _, r := range reads {
		g, gerr := r.fn(pg)
		w, werr := r.fn(lite)
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || string(gj) != string(wj) {
			t.Errorf("%s:\npostgres %s (%v)\n  sqlite %s (%v)", r.name, gj, gerr, wj, werr)
		}
	}
	// SimHash is not in the JSON: compare it apart.
	g, _ := pg.Document(ctx, "p9")
	w, _ := lite.Document(ctx, "p9")
	if g.SimHash != hi || w.SimHash != hi {
		t.Errorf("simhash: postgres %x, sqlite %x, want %x", g.SimHash, w.SimHash, hi)
	}
}
