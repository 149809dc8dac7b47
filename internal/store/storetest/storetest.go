// Package storetest is the conformance suite every store.Store must pass.
// Each back end's test calls Run with a function that opens a fresh, empty
// store; the same cases then hold for SQLite and PostgreSQL alike.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// Opener returns a fresh, empty store; the suite closes it.
type Opener func(t *testing.T) store.Store

func doc(id, source, title, text string) store.DocumentRecord {
	return store.DocumentRecord{
		Doc: model.Document{ID: id, Source: source, Title: title, Text: text, Outlet: "example.org", Language: "en",
			Words: len(strings.Fields(text)), Format: "text", Removed: []model.RemovedLine{{Line: "Share this", Reason: "ui-widget"}}},
		Analysis: model.Analysis{
			Mentions: []model.Mention{{Start: 0, End: 5, Text: text[:5], Type: model.Person}},
			Quotes:   []model.Quote{{Kind: model.QuoteDirect, Text: "hello", Cue: "said", Speaker: model.Speaker{Text: "Someone"}}},
		},
		Bands: []uint64{uint64(len(id)), 42},
	}
}

// Run runs every conformance case.
func Run(t *testing.T, open Opener) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutIsIdempotent", testPutIdempotent},
		{"FindDocument", testFindDocument},
		{"DocumentsPaging", testDocumentsPaging},
		{"Search", testSearch},
		{"SearchHostileQuery", testSearchHostile},
		{"EntitiesReplace", testEntities},
		{"EventsAndStories", testEventsStories},
		{"StoryPostingsBounded", testStoryPostings},
		{"QuotesFramesContradictions", testQuotesFrames},
		{"DecisionsAndMeta", testDecisions},
		{"EachDocumentStreams", testEach},
		{"ExclusiveLock", testExclusive},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			c.fn(t, s)
		})
	}
}

func testPutIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	r := doc("aaaa0001", "dir/a.txt", "Alpha", "Alpha Bravo went to Baghdad.")
	n, err := s.PutDocuments(ctx, []store.DocumentRecord{r})
	if err != nil || n != 1 {
		t.Fatalf("first put: n=%d err=%v", n, err)
	}
	r2 := r
	r2.Doc.Source = "dir/copy.txt"
	n, err = s.PutDocuments(ctx, []store.DocumentRecord{r, r2})
	if err != nil || n != 0 {
		t.Fatalf("second put: n=%d err=%v, want 0 added", n, err)
	}
	c, err := s.CountDocuments(ctx)
	if err != nil || c != 1 {
		t.Fatalf("count=%d err=%v, want 1", c, err)
	}
	d, err := s.FindDocument(ctx, "dir/copy.txt")
	if err != nil || d.ID != "aaaa0001" {
		t.Fatalf("extra source lookup: %v %v", d.ID, err)
	}
	if len(d.Removed) != 1 || d.Removed[0].Reason != "ui-widget" {
		t.Fatalf("removed lines not kept: %+v", d.Removed)
	}
	a, err := s.Analysis(ctx, d.ID)
	if err != nil || len(a.Mentions) != 1 || a.Mentions[0].Text != "Alpha" {
		t.Fatalf("analysis: %+v %v", a, err)
	}
	near, err := s.NearDuplicates(ctx, []uint64{42})
	if err != nil || len(near) != 1 {
		t.Fatalf("near duplicates by band: %v %v", near, err)
	}
}

func testFindDocument(t *testing.T, s store.Store) {
	ctx := context.Background()
	recs := []store.DocumentRecord{
		doc("abcdef0123", "/data/seeds/000_x.txt", "One", "Alpha one two three."),
		doc("abcdff9999", "/data/seeds/001_y.txt", "Two", "Bravo one two three."),
	}
	recs[1].Doc.URL = "https://example.org/b"
	if _, err := s.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ ref, want string }{
		{"abcdef0123", "abcdef0123"},
		{"abcdef", "abcdef0123"},
		{"/data/seeds/000_x.txt", "abcdef0123"},
		{"000_x.txt", "abcdef0123"},
		{"seeds/001_y.txt", "abcdff9999"},
		{"https://example.org/b", "abcdff9999"},
	} {
		d, err := s.FindDocument(ctx, c.ref)
		if err != nil || d.ID != c.want {
			t.Errorf("FindDocument(%q) = %q, %v; want %q", c.ref, d.ID, err, c.want)
		}
	}
	if _, err := s.FindDocument(ctx, "abcd"); err == nil {
		t.Errorf("a short ambiguous prefix should fail")
	}
	if _, err := s.FindDocument(ctx, "nope.txt"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing document: err=%v, want ErrNotFound", err)
	}
}

func testDocumentsPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	var recs []store.DocumentRecord
	for i := 0; i < 7; i++ {
		recs = append(recs, doc(fmt.Sprintf("id%04d", i), fmt.Sprintf("f%d.txt", i), fmt.Sprintf("T%d", i), fmt.Sprintf("Words here number %d.", i)))
	}
	if _, err := s.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	var got []string
	var after int64
	for {
		page, err := s.Documents(ctx, store.DocFilter{After: after, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, d := range page {
			got = append(got, d.ID)
			if d.Text != "" {
				t.Errorf("listing should not carry text")
			}
		}
		after = page[len(page)-1].Seq
	}
	if strings.Join(got, ",") != "id0000,id0001,id0002,id0003,id0004,id0005,id0006" {
		t.Fatalf("paging order: %v", got)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	recs := []store.DocumentRecord{
		doc("s1", "a.txt", "Soleimani in Iraq", "General Qassem Soleimani visited the front near Amirli."),
		doc("s2", "b.txt", "Weather", "Rain is expected in Baghdad tomorrow."),
		doc("s3", "c.txt", "Amirli siege", "The siege of Amirli lasted more than 75 days."),
	}
	if _, err := s.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want []string
	}{
		{"amirli", []string{"s3", "s1"}},
		{"soleimani", []string{"s1"}},
		{`"siege of amirli"`, []string{"s3"}},
		{"baghdad OR soleimani", nil},
		{"nothingmatches", []string{}},
	} {
		hits, err := s.Search(ctx, c.q, 10)
		if err != nil {
			t.Errorf("search %q: %v", c.q, err)
			continue
		}
		if c.want == nil {
			if len(hits) != 2 {
				t.Errorf("search %q: %d hits, want 2", c.q, len(hits))
			}
			continue
		}
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Doc.ID)
			if !strings.Contains(h.Snippet, "[") {
				t.Errorf("search %q: snippet without highlight: %q", c.q, h.Snippet)
			}
		}
		if strings.Join(ids, ",") != strings.Join(c.want, ",") {
			t.Errorf("search %q = %v, want %v", c.q, ids, c.want)
		}
	}
}

func testSearchHostile(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.PutDocuments(ctx, []store.DocumentRecord{doc("h1", "h.txt", "T", "Alpha beta gamma.")}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"`, `NEAR(`, `alpha AND`, `*`, `title:alpha`, `OR alpha`, `alpha OR OR beta`, `alpha OR`, `'; DROP TABLE documents; --`, `a"b"c`, "\x00", `(((`, `-alpha`} {
		if _, err := s.Search(ctx, q, 10); err != nil {
			t.Errorf("search %q should not fail: %v", q, err)
		}
	}
	if n, _ := s.CountDocuments(ctx); n != 1 {
		t.Fatalf("documents changed by a query")
	}
}

func testEntities(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.PutDocuments(ctx, []store.DocumentRecord{doc("e1", "e.txt", "T", "Qasem Soleimani and Iraq.")}); err != nil {
		t.Fatal(err)
	}
	lat, lon := 33.3, 44.4
	ents := []model.Entity{
		{ID: "qassem-soleimani", Name: "Qassem Soleimani", Type: model.Person, Aliases: []model.Alias{{Text: "Qasem Soleimani", Count: 1}}, Docs: []string{"e1"}, Mentions: 1},
		{ID: "baghdad", Name: "Baghdad", Type: model.Place, Docs: []string{"e1"}, Mentions: 3, Lat: &lat, Lon: &lon, KB: &model.KBLink{GeoNames: 98182}},
	}
	if err := s.ReplaceEntities(ctx, ents, map[string][]string{"e1": {"qassem-soleimani"}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Entities(ctx, store.EntityFilter{})
	if err != nil || len(got) != 2 || got[0].ID != "baghdad" {
		t.Fatalf("entities by mentions: %+v %v", got, err)
	}
	got, _ = s.Entities(ctx, store.EntityFilter{Type: "person"})
	if len(got) != 1 || got[0].ID != "qassem-soleimani" {
		t.Fatalf("type filter: %+v", got)
	}
	for _, ref := range []string{"qassem-soleimani", "Qasem Soleimani", "qassem soleimani"} {
		e, err := s.Entity(ctx, ref)
		if err != nil || e.ID != "qassem-soleimani" {
			t.Errorf("Entity(%q) = %v %v", ref, e.ID, err)
		}
	}
	b, _ := s.Entity(ctx, "baghdad")
	if b.Lat == nil || *b.Lat != lat || b.KB == nil || b.KB.GeoNames != 98182 {
		t.Errorf("place fields lost: %+v", b)
	}
	ms, err := s.Mentions(ctx, "qassem-soleimani", 10)
	if err != nil || len(ms) != 1 || ms[0].Doc != "e1" {
		t.Fatalf("mentions: %+v %v", ms, err)
	}
	a, _ := s.Analysis(ctx, "e1")
	if a.Mentions[0].Entity != "qassem-soleimani" {
		t.Errorf("analysis mention entity: %q", a.Mentions[0].Entity)
	}
	// Replacing again drops the old set.
	if err := s.ReplaceEntities(ctx, ents[:1], nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Entity(ctx, "baghdad"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old entity survived replace: %v", err)
	}
}

func testEventsStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.PutDocuments(ctx, []store.DocumentRecord{doc("d1", "1.txt", "T", "One two three four."), doc("d2", "2.txt", "U", "Five six seven eight.")}); err != nil {
		t.Fatal(err)
	}
	evs := []model.Event{
		{ID: "ev2", Type: "battle", Time: model.TimeValue{Value: "2016-05", Start: "2016-05-01", End: "2016-05-31"}, Place: "fallujah", Docs: []string{"d2"}},
		{ID: "ev1", Type: "siege", Time: model.TimeValue{Value: "2014-08", Start: "2014-08-01", End: "2014-08-31"}, Place: "amirli", Participants: []string{"isis"}, Docs: []string{"d1"}},
	}
	if err := s.ReplaceEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	got, err := s.Events(ctx, store.EventFilter{})
	if err != nil || len(got) != 2 || got[0].ID != "ev1" {
		t.Fatalf("timeline order: %+v %v", got, err)
	}
	got, _ = s.Events(ctx, store.EventFilter{Entity: "isis"})
	if len(got) != 1 || got[0].ID != "ev1" {
		t.Fatalf("entity filter: %+v", got)
	}
	got, _ = s.Events(ctx, store.EventFilter{Limit: 1})
	if len(got) != 1 || got[0].ID != "ev1" {
		t.Fatalf("limit keeps the earliest: %+v", got)
	}
	if err := s.PutStory(ctx, store.StoryState{ID: "st1", Keys: []string{"amirli", "siege"}, Data: []byte(`{"x":1}`)}, []string{"d1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutStory(ctx, store.StoryState{ID: "st2", Keys: []string{"fallujah"}}, []string{"d2"}); err != nil {
		t.Fatal(err)
	}
	cands, err := s.StoryCandidates(ctx, []string{"amirli", "siege", "fallujah"}, 1, 5)
	if err != nil || len(cands) != 2 || cands[0].ID != "st1" || string(cands[0].Data) != `{"x":1}` {
		t.Fatalf("candidates: %+v %v", cands, err)
	}
	if cands, _ := s.StoryCandidates(ctx, []string{"amirli", "siege", "fallujah"}, 2, 5); len(cands) != 1 || cands[0].ID != "st1" {
		t.Fatalf("candidates sharing 2 keys: %+v", cands)
	}
	docs, _ := s.Documents(ctx, store.DocFilter{Story: "st2"})
	if len(docs) != 1 || docs[0].ID != "d2" {
		t.Fatalf("documents of story: %+v", docs)
	}
	if err := s.DeleteStory(ctx, "st2"); err != nil {
		t.Fatal(err)
	}
	cands, _ = s.StoryCandidates(ctx, []string{"fallujah"}, 1, 5)
	if len(cands) != 0 {
		t.Fatalf("deleted story still a candidate")
	}
	// Absorbing moves documents and removes the absorbed story.
	if err := s.PutStory(ctx, store.StoryState{ID: "st3", Keys: []string{"tikrit"}}, []string{"d2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AbsorbStory(ctx, "st3", "st1"); err != nil {
		t.Fatal(err)
	}
	if docs, _ := s.Documents(ctx, store.DocFilter{Story: "st1"}); len(docs) != 2 {
		t.Fatalf("absorbed documents: %+v", docs)
	}
	if cands, _ := s.StoryCandidates(ctx, []string{"tikrit"}, 1, 5); len(cands) != 0 {
		t.Fatalf("absorbed story still a candidate: %+v", cands)
	}
	// Recency breaks ties between equally sharing stories.
	s.PutStory(ctx, store.StoryState{ID: "old", Keys: []string{"k"}}, nil)
	s.PutStory(ctx, store.StoryState{ID: "new", Keys: []string{"k"}}, nil)
	if cands, _ := s.StoryCandidates(ctx, []string{"k"}, 1, 1); len(cands) != 1 || cands[0].ID != "new" {
		t.Fatalf("most recent first: %+v", cands)
	}
	members, err := s.StoryMembers(ctx)
	if err != nil || fmt.Sprint(members["st1"]) != "[d1 d2]" {
		t.Fatalf("story members: %v %v", members, err)
	}
	states, err := s.StoryStates(ctx)
	if err != nil || len(states) != 3 {
		t.Fatalf("story states: %+v %v", states, err)
	}
	// Key document frequencies.
	for _, keys := range [][]string{{"a", "b", "a"}, {"b"}, {"c"}} {
		if err := s.CountKeys(ctx, keys); err != nil {
			t.Fatal(err)
		}
	}
	n, df, err := s.KeyFreqs(ctx, []string{"a", "b", "z", "b"})
	if err != nil || n != 3 || fmt.Sprint(df) != "[1 2 0 2]" {
		t.Fatalf("key freqs: %d %v %v", n, df, err)
	}
	if err := s.ReplaceStories(ctx, []model.Story{{ID: "st1", Title: "Amirli", Docs: []string{"d1"}, First: "2014-08-01", Last: "2014-09-01"}}); err != nil {
		t.Fatal(err)
	}
	sts, err := s.Stories(ctx)
	if err != nil || len(sts) != 1 || sts[0].Title != "Amirli" {
		t.Fatalf("stories: %+v %v", sts, err)
	}
}

// testStoryPostings files more stories under one key than a lookup reads
// of it: the lookup returns the most recent ones, a story beyond the bound
// is still found through a rarer key, and re-putting an old story makes it
// recent again.
func testStoryPostings(t *testing.T, s store.Store) {
	ctx := context.Background()
	n := store.StoryKeyPostings + 20
	for i := 0; i < n; i++ {
		keys := []string{"common"}
		if i == 0 {
			keys = append(keys, "rare")
		}
		if err := s.PutStory(ctx, store.StoryState{ID: fmt.Sprintf("s%04d", i), Keys: keys, Data: []byte("{}")}, nil); err != nil {
			t.Fatal(err)
		}
	}
	cands, err := s.StoryCandidates(ctx, []string{"common"}, 1, 3)
	if err != nil || len(cands) != 3 || cands[0].ID != fmt.Sprintf("s%04d", n-1) || cands[2].ID != fmt.Sprintf("s%04d", n-3) {
		t.Fatalf("most recent of a frequent key: %+v %v", cands, err)
	}
	// s0000 is beyond the bound for "common": it shares one key, not two.
	if cands, _ := s.StoryCandidates(ctx, []string{"common", "rare"}, 2, 5); len(cands) != 0 {
		t.Fatalf("story beyond the postings bound counted twice: %+v", cands)
	}
	if cands, _ := s.StoryCandidates(ctx, []string{"rare", "common", "rare"}, 1, 1000); len(cands) != store.StoryKeyPostings+1 {
		t.Fatalf("rare key plus bounded frequent key: %d candidates, want %d", len(cands), store.StoryKeyPostings+1)
	}
	if err := s.PutStory(ctx, store.StoryState{ID: "s0000", Keys: []string{"common", "rare"}, Data: []byte("{}")}, nil); err != nil {
		t.Fatal(err)
	}
	if cands, _ := s.StoryCandidates(ctx, []string{"common", "rare"}, 2, 5); len(cands) != 1 || cands[0].ID != "s0000" {
		t.Fatalf("re-put story not recent again: %+v", cands)
	}
}

func testQuotesFrames(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.PutDocuments(ctx, []store.DocumentRecord{doc("q1", "1.txt", "T", "One two three four.")}); err != nil {
		t.Fatal(err)
	}
	qs, err := s.Quotes(ctx, store.QuoteFilter{})
	if err != nil || len(qs) != 1 || qs[0].Doc != "q1" {
		t.Fatalf("quotes from analysis: %+v %v", qs, err)
	}
	if err := s.ReplaceQuotes(ctx, []model.Quote{{Doc: "q1", Kind: model.QuoteIndirect, Text: "x", Speaker: model.Speaker{Entity: "barzani", Text: "Barzani"}}}); err != nil {
		t.Fatal(err)
	}
	qs, _ = s.Quotes(ctx, store.QuoteFilter{Entity: "barzani"})
	if len(qs) != 1 || qs[0].Kind != model.QuoteIndirect {
		t.Fatalf("quotes by speaker: %+v", qs)
	}
	fs := []model.Frame{{Entity: "e", Doc: "q1", Outlet: "o", Stance: -0.5, Label: "negative", Evidence: []model.FrameEvidence{{Text: "terrorist", Start: 1, End: 9}}}}
	if err := s.ReplaceFrames(ctx, fs); err != nil {
		t.Fatal(err)
	}
	gf, err := s.Frames(ctx, store.FrameFilter{Entity: "e"})
	if err != nil || len(gf) != 1 || gf[0].Stance != -0.5 || gf[0].Evidence[0].Text != "terrorist" {
		t.Fatalf("frames: %+v %v", gf, err)
	}
	cs := []model.Contradiction{{Topic: "who liberated Amirli", Sides: []model.ContradictionSide{{Doc: "q1", Claim: "a"}, {Doc: "q1", Claim: "b"}}}}
	if err := s.ReplaceContradictions(ctx, cs); err != nil {
		t.Fatal(err)
	}
	gc, err := s.Contradictions(ctx)
	if err != nil || len(gc) != 1 || len(gc[0].Sides) != 2 {
		t.Fatalf("contradictions: %+v %v", gc, err)
	}
}

func testDecisions(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, d := range []string{`{"op":"merge"}`, `{"op":"rename"}`} {
		if _, err := s.AddDecision(ctx, []byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := s.Decisions(ctx)
	if err != nil || len(ds) != 2 || string(ds[1].Data) != `{"op":"rename"}` || ds[0].Seq >= ds[1].Seq {
		t.Fatalf("decisions: %+v %v", ds, err)
	}
	if err := s.SetMeta(ctx, "k", "v1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeta(ctx, "k", "v2"); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Meta(ctx, "k"); err != nil || v != "v2" {
		t.Fatalf("meta: %q %v", v, err)
	}
	if v, err := s.Meta(ctx, "missing"); err != nil || v != "" {
		t.Fatalf("missing meta: %q %v", v, err)
	}
}

func testEach(t *testing.T, s store.Store) {
	ctx := context.Background()
	var recs []store.DocumentRecord
	for i := 0; i < 1203; i++ {
		recs = append(recs, doc(fmt.Sprintf("x%05d", i), fmt.Sprintf("x%d", i), "t", fmt.Sprintf("Text number %d here.", i)))
	}
	if _, err := s.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := s.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		if d.ID != fmt.Sprintf("x%05d", n) || d.Text == "" || len(a.Mentions) != 1 {
			return fmt.Errorf("document %d: %s", n, d.ID)
		}
		n++
		return nil
	})
	if err != nil || n != 1203 {
		t.Fatalf("each: n=%d err=%v", n, err)
	}
}

// testExclusive checks the named lock: one holder per name at a time, fn's
// error returned, other names free, waiting bounded by ctx.
func testExclusive(t *testing.T, s store.Store) {
	ctx := context.Background()

	var inside, most atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				errs <- s.Exclusive(ctx, "corpus", func(ctx context.Context) error {
					n := inside.Add(1)
					defer inside.Add(-1)
					if n > most.Load() {
						most.Store(n)
					}
					time.Sleep(time.Millisecond) // give an overlap the chance to show
					return s.SetMeta(ctx, "exclusive.last", fmt.Sprintf("%d/%d", g, i))
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("exclusive: %v", err)
		}
	}
	if most.Load() != 1 {
		t.Fatalf("%d holders of one lock at once, want 1", most.Load())
	}

	errFn := errors.New("fn failed")
	if err := s.Exclusive(ctx, "corpus", func(context.Context) error { return errFn }); !errors.Is(err, errFn) {
		t.Fatalf("fn's error: got %v", err)
	}

	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- s.Exclusive(ctx, "a", func(context.Context) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	bctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	err := s.Exclusive(bctx, "b", func(ctx context.Context) error {
		// A lock may be taken inside another of a different name.
		return s.Exclusive(ctx, "c", func(context.Context) error { return nil })
	})
	cancel()
	if err != nil {
		t.Fatalf("lock b while a is held: %v", err)
	}
	wctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	ran := false
	err = s.Exclusive(wctx, "a", func(context.Context) error { ran = true; return nil })
	cancel()
	if ran || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("lock a while held elsewhere, with a deadline: ran=%v err=%v, want the deadline's error", ran, err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("holder of a: %v", err)
	}
	if err := s.Exclusive(ctx, "a", func(context.Context) error { ran = true; return nil }); err != nil || !ran {
		t.Fatalf("lock a after release: ran=%v err=%v", ran, err)
	}
}
