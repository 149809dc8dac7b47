package web

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// The test store: the seed corpus ingested by the real pipeline, plus two
// hostile documents. Analyses other helpers are still building (events,
// stories, quotes, contradictions, frames) may leave tables empty; those
// are then filled with fixtures cut from the real documents at real
// offsets, so that every page has content to show, and each test says so
// in its log.

const seedsDir = "../../../shared/corpus/seeds"

// hostileText is a plain-text article carrying script, event-handler and
// javascript: payloads; none may ever run or become markup.
const hostileText = `Hostile report: <script>window.__pwned=1</script> Soleimani in Amirli <img src=x onerror="window.__pwned=2">

General Qassem Soleimani arrived in Amirli with <b onmouseover="window.__pwned=3">militias</b>, according to <a href="javascript:window.__pwned=4">sources</a>.

"<script>window.__pwned=5</script> We will liberate Amirli", Soleimani said on Monday.

The siege of Amirli ended <svg onload="window.__pwned=6"></svg> in August 2014, and ISIS fled Amirli.
`

// hostileJSONL is a record whose metadata is hostile too.
const hostileJSONL = `{"url": "javascript:window.__pwned=7", "title": "<img src=x onerror=window.__pwned=8> Amirli siege", "outlet": "\"><script>window.__pwned=9</script>", "published": "2014-09-01", "text": "Siege report from Amirli. Qassem Soleimani and ISIS fought near Amirli ' onfocus='window.__pwned=10' autofocus x='. The Islamic State lost Amirli <iframe src=\"javascript:window.__pwned=11\"></iframe> after weeks."}
`

var fixture struct {
	once    sync.Once
	path    string
	err     error
	notes   []string
	hostile []string // ids of the hostile documents
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.path != "" {
		os.RemoveAll(filepath.Dir(fixture.path))
	}
	os.Exit(code)
}

// seedStorePath builds the fixture store once and returns its file.
func seedStorePath(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("seed corpus not found at %s (clone the shared repository beside this one): %v", seedsDir, err)
	}
	fixture.once.Do(func() {
		dir, err := os.MkdirTemp("", "parallax-web-test-*")
		if err != nil {
			fixture.err = err
			return
		}
		fixture.path = filepath.Join(dir, "seeds.db")
		fixture.err = buildFixture(context.Background(), dir, fixture.path)
	})
	if fixture.err != nil {
		t.Fatalf("build test store: %v", fixture.err)
	}
	for _, n := range fixture.notes {
		t.Log("fixture: " + n)
	}
	return fixture.path
}

// openSeedStore opens a private copy of the fixture store.
func openSeedStore(t testing.TB) store.Store {
	t.Helper()
	src := seedStorePath(t)
	dst := filepath.Join(t.TempDir(), "seeds.db")
	copyFile(t, src, dst)
	st, err := sqlite.Open(context.Background(), dst)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func copyFile(t testing.TB, src, dst string) {
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func buildFixture(ctx context.Context, dir, path string) error {
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(in, "hostile.txt"), []byte(hostileText), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(in, "hostile.jsonl"), []byte(hostileJSONL), 0o644); err != nil {
		return err
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	opts := pipeline.DefaultOptions()
	rep, err := pipeline.Run(ctx, st, pipeline.NewAnalyzer(), pipeline.NewCorpus(), []string{seedsDir, in}, opts)
	if err != nil {
		return err
	}
	if rep.Failed > 0 {
		return fmt.Errorf("ingest failures: %+v", rep.Failures)
	}
	docs, err := st.Documents(ctx, store.DocFilter{Limit: 100})
	if err != nil {
		return err
	}
	for _, d := range docs {
		if strings.Contains(d.Source, "hostile") {
			fixture.hostile = append(fixture.hostile, d.ID)
		}
	}
	if len(fixture.hostile) != 2 {
		return fmt.Errorf("want 2 hostile documents stored, have %d", len(fixture.hostile))
	}
	return fillEmpty(ctx, st)
}

// fixtureDoc is a document with its analysis, for building fixtures.
type fixtureDoc struct {
	d model.Document
	a model.Analysis
}

func sentenceOf(a model.Analysis, start int) (model.Sentence, bool) {
	for _, s := range a.Sentences {
		if s.Start <= start && start < s.End {
			return s, true
		}
	}
	return model.Sentence{}, false
}

var quoteRe = regexp.MustCompile(`["“]([^"”\n]{12,300})["”]`)

// fillEmpty writes fixtures into the tables the pipeline left empty.
func fillEmpty(ctx context.Context, st store.Store) error {
	var docs []fixtureDoc
	err := st.EachDocument(ctx, func(d model.Document, _ model.Analysis) error {
		a, err := st.Analysis(ctx, d.ID) // with resolved entities
		if err != nil {
			return err
		}
		docs = append(docs, fixtureDoc{d, a})
		return nil
	})
	if err != nil {
		return err
	}
	ents, err := st.Entities(ctx, store.EntityFilter{Limit: 1000})
	if err != nil {
		return err
	}
	topOf := func(typ string) *model.Entity {
		for i := range ents {
			if ents[i].Type == typ {
				return &ents[i]
			}
		}
		return nil
	}
	person, org := topOf(model.Person), topOf(model.Org)
	if person == nil || org == nil {
		return fmt.Errorf("the seeds gave no PERSON or ORG entity")
	}
	note := func(format string, a ...any) { fixture.notes = append(fixture.notes, fmt.Sprintf(format, a...)) }

	// Quotes: quoted passages, spoken by a person named in their sentence.
	if qs, _ := st.Quotes(ctx, store.QuoteFilter{Limit: 1}); len(qs) == 0 {
		var all []model.Quote
		for _, fd := range docs {
			for _, m := range quoteRe.FindAllStringSubmatchIndex(fd.d.Text, -1) {
				q := model.Quote{Doc: fd.d.ID, Kind: model.QuoteDirect, Text: fd.d.Text[m[2]:m[3]], Cue: "said", Start: m[2], End: m[3],
					Speaker: model.Speaker{Text: "sources", Anonymous: true}}
				if s, ok := sentenceOf(fd.a, m[0]); ok {
					for _, mm := range fd.a.Mentions {
						if mm.Type == model.Person && mm.Start >= s.Start && mm.End <= s.End {
							q.Speaker = model.Speaker{Entity: mm.Entity, Text: mm.Text}
							break
						}
					}
				}
				all = append(all, q)
			}
		}
		if err := st.ReplaceQuotes(ctx, all); err != nil {
			return err
		}
		note("quotes table was empty: %d quotes cut from quoted passages", len(all))
	}

	// Events: one per place with coordinates, dated across 2014-2016.
	var places []model.Entity
	for _, e := range ents {
		if e.Type == model.Place && e.Lat != nil && e.Lon != nil && len(places) < 8 {
			places = append(places, e)
		}
	}
	if evs, _ := st.Events(ctx, store.EventFilter{}); len(evs) == 0 {
		dates := []string{"2014-06-10", "2014-08-31", "2014-10-25", "2015-03-31", "2015-05-17", "2015-12-28", "2016-06-26", "2016-10-17"}
		var evs []model.Event
		for i, p := range places {
			ev := model.Event{ID: fmt.Sprintf("ev-%d-%s", i, p.ID), Type: "battle", Summary: "fighting at " + p.Name, Trigger: "fighting",
				Time: model.TimeValue{Value: dates[i], Start: dates[i], End: dates[i]}, Place: p.ID,
				Participants: []string{person.ID, org.ID}, Docs: []string{}, Evidence: []model.Evidence{}}
			for _, fd := range docs {
				for _, m := range fd.a.Mentions {
					if m.Entity != p.ID {
						continue
					}
					if s, ok := sentenceOf(fd.a, m.Start); ok && len(ev.Evidence) < 6 {
						ev.Evidence = append(ev.Evidence, model.Evidence{Doc: fd.d.ID, Start: s.Start, End: s.End, Text: fd.d.Text[s.Start:s.End]})
						if len(ev.Docs) == 0 || ev.Docs[len(ev.Docs)-1] != fd.d.ID {
							ev.Docs = append(ev.Docs, fd.d.ID)
						}
					}
					break
				}
			}
			evs = append(evs, ev)
		}
		if err := st.ReplaceEvents(ctx, evs); err != nil {
			return err
		}
		note("events table was empty: %d battles at the places with coordinates", len(evs))
	}

	// Stories: the whole corpus is one story.
	if sts, _ := st.Stories(ctx); len(sts) == 0 {
		s := model.Story{ID: "story-1", Title: "Qassem Soleimani and the war against ISIS", First: "2014-06-10", Last: "2021-01-06"}
		for _, fd := range docs {
			s.Docs = append(s.Docs, fd.d.ID)
		}
		for i := 0; i < len(ents) && i < 10; i++ {
			s.Entities = append(s.Entities, ents[i].ID)
		}
		if err := st.PutStory(ctx, store.StoryState{ID: s.ID, Data: []byte("{}")}, s.Docs); err != nil {
			return err
		}
		if err := st.ReplaceStories(ctx, []model.Story{s}); err != nil {
			return err
		}
		note("stories table was empty: one story of every document")
	}

	// Frames: the top person in every document that names him, alternating
	// stances, with the sentence words around the name as evidence.
	if fs, _ := st.Frames(ctx, store.FrameFilter{}); len(fs) == 0 {
		var frames []model.Frame
		stances := []float64{0.7, -0.6, 0.4, -0.8, 0.2, -0.3, 0.5}
		for i, fd := range docs {
			f := model.Frame{Entity: person.ID, Name: person.Name, Doc: fd.d.ID, Outlet: fd.d.Outlet, Stance: stances[i%len(stances)], Evidence: []model.FrameEvidence{}}
			if f.Stance > 0 {
				f.Label = "positive"
			} else {
				f.Label = "negative"
			}
			for _, m := range fd.a.Mentions {
				if m.Entity == person.ID && len(f.Evidence) < 3 {
					f.Evidence = append(f.Evidence, model.FrameEvidence{Text: m.Text, Start: m.Start, End: m.End, Weight: f.Stance})
				}
			}
			if len(f.Evidence) > 0 {
				frames = append(frames, f)
			}
		}
		if err := st.ReplaceFrames(ctx, frames); err != nil {
			return err
		}
		note("frames table was empty: %d frames of %s", len(frames), person.Name)
	}

	// Contradictions: who took the place named in the most documents.
	if cs, _ := st.Contradictions(ctx); len(cs) == 0 && len(places) > 0 {
		sort.SliceStable(places, func(i, j int) bool { return len(places[i].Docs) > len(places[j].Docs) })
		p := places[0]
		c := model.Contradiction{Topic: "credit:liberation:" + p.ID, Kind: "credit", Confidence: 0.8}
		for _, fd := range docs {
			for _, m := range fd.a.Mentions {
				if m.Entity == p.ID {
					if s, ok := sentenceOf(fd.a, m.Start); ok && len(c.Sides) < 4 {
						c.Sides = append(c.Sides, model.ContradictionSide{Doc: fd.d.ID, Outlet: fd.d.Outlet, Claim: "liberated " + p.Name,
							Start: s.Start, End: s.End, Text: fd.d.Text[s.Start:s.End]})
					}
					break
				}
			}
		}
		if err := st.ReplaceContradictions(ctx, []model.Contradiction{c}); err != nil {
			return err
		}
		note("contradictions table was empty: one on who liberated %s", p.Name)
	}
	return nil
}

// emptyStore is a fresh, empty SQLite store.
func emptyStore(t testing.TB) store.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
