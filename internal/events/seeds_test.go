package events

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/eval/eventeval"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/timex"
)

const (
	seedsDir = "../../../shared/corpus/seeds"
	goldPath = "../../../shared/eval/seeds/gold.json"
)

var verboseSeeds = flag.Bool("seeds.v", false, "print the merged seed timeline")

// seedGold is what the seeds test reads from the gold file beyond what
// eventeval reads: entity coordinates and documents' publication ranges.
type seedGold struct {
	Entities []struct {
		ID        string   `json:"id"`
		Canonical string   `json:"canonical"`
		Aliases   []string `json:"aliases"`
		Lat       *float64 `json:"lat"`
		Lon       *float64 `json:"lon"`
	} `json:"entities"`
	Documents map[string]struct {
		Published [2]string `json:"published"`
	} `json:"documents"`
}

// seedRun is the seeds pushed through lang, timex, Extract and Merge, with
// gold aliases standing in for the resolver (test only: the product gets
// entity ids from internal/resolve).
type seedRun struct {
	events    []model.Event
	mentions  int
	anchors   map[string]string
	nameOf    func(string) string
	coords    func(string) (float64, float64, bool)
	gold      *eventeval.Gold
	inputs    []Input
	extractNs time.Duration
}

// Publication-date sources for runSeeds.
const (
	anchorInferred = iota // timex: a date line, else its inference (what the pipeline does)
	anchorGold            // the midpoint of the gold publication range
	anchorNone            // no publication date at all
)

func runSeeds(t testing.TB) *seedRun { return runSeedsWith(t, anchorInferred) }

func runSeedsWith(t testing.TB, anchors int) *seedRun {
	t.Helper()
	raw, err := os.ReadFile(goldPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("seeds gold %s absent (shared data not checked out beside the repo)", goldPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var sg seedGold
	if err := json.Unmarshal(raw, &sg); err != nil {
		t.Fatal(err)
	}
	gold, err := eventeval.ReadGold(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	alias := map[string]string{}
	canon := map[string]string{}
	type xy struct{ lat, lon float64 }
	where := map[string]xy{}
	titles := []string{"general ", "lieutenant general ", "major general ", "the "}
	for _, e := range sg.Entities {
		canon[e.ID] = e.Canonical
		for _, a := range append([]string{e.Canonical}, e.Aliases...) {
			alias[strings.ToLower(a)] = e.ID
		}
		if e.Lat != nil && e.Lon != nil {
			where[e.ID] = xy{*e.Lat, *e.Lon}
		}
	}
	entityOf := func(_, text string) string {
		k := strings.ToLower(strings.TrimSpace(text))
		for _, p := range titles {
			k = strings.TrimPrefix(k, p)
		}
		if id, ok := alias[k]; ok {
			return id
		}
		return "x:" + k
	}
	run := &seedRun{gold: gold, anchors: map[string]string{}}
	run.nameOf = func(id string) string {
		if n, ok := canon[id]; ok {
			return n
		}
		return strings.TrimPrefix(id, "x:")
	}
	run.coords = func(id string) (float64, float64, bool) {
		p, ok := where[id]
		return p.lat, p.lon, ok
	}
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("seed documents %s absent", seedsDir)
	}
	var docs []DocEvents
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		id := filepath.Base(f)[:3]
		// the publication date as the pipeline will have it: a date line or
		// timex's inference; the gold range's midpoint only when that fails
		pub := ""
		var pubRange [2]string
		inf, ok := timex.PublicationDate(text, timex.DefaultInferOptions())
		switch {
		case anchors == anchorNone:
			run.anchors[id] = "none"
		case anchors == anchorInferred && ok:
			pub = inf.Published
			if inf.Earliest != inf.Latest {
				pubRange = [2]string{inf.Earliest, inf.Latest}
			}
			run.anchors[id] = pub + " (" + inf.Basis + ")"
		default:
			if g, ok := sg.Documents[filepath.Base(f)]; ok {
				a, _ := parseDay(g.Published[0])
				z, _ := parseDay(g.Published[1])
				pub = formatDay((a + z) / 2)
				run.anchors[id] = pub + " (gold midpoint)"
			}
		}
		anchor := timex.UnknownAnchor
		if pub != "" {
			anchor, _ = timex.ParseAnchor(pub)
		}
		r := lang.Analyze(text)
		in := Input{DocID: id, Text: text, Tokens: r.Tokens, Sentences: r.Sentences, Mentions: r.Mentions,
			Times: timex.Find(text, anchor), Published: pub, PublishedRange: pubRange}
		run.inputs = append(run.inputs, in)
		start := time.Now()
		ms := Extract(in)
		run.extractNs += time.Since(start)
		run.mentions += len(ms)
		docs = append(docs, DocEvents{Doc: id, Text: text, Events: ms})
	}
	opts := DefaultMergeOptions()
	opts.EntityOf, opts.Coords, opts.NameOf = entityOf, run.coords, run.nameOf
	run.events = Merge(docs, opts)
	return run
}

// TestSeedsTimeline checks that the gold events of the seeds are on the
// merged timeline with the right place and an overlapping time (floor 6 of
// 10, goal 9), and that every evidence span is exact.
func TestSeedsTimeline(t *testing.T) {
	run := runSeeds(t)
	rep := eventeval.ScoreGold(run.gold, run.events, run.nameOf)
	for _, r := range rep.Events {
		t.Logf("%-24s found=%-5v %s docs=%v %s", r.ID, r.Found, r.Summary, r.Docs, r.Reason)
	}
	t.Logf("anchors: %v", run.anchors)
	t.Logf("found %d/%d (type agrees %d, split %d), doc recall %.2f; %d mentions -> %d events (%d dated, %d placed)",
		rep.Found, rep.Gold, rep.TypeAgree, rep.Split, rep.DocRecall, run.mentions, rep.Predicted, rep.Dated, rep.Placed)
	if *verboseSeeds {
		for _, ev := range run.events {
			fmt.Printf("%-16s %-14s %-22s %-45s docs=%v parts=%v\n", ev.ID, ev.Type, ev.Time.Value+" "+ev.Time.Start+".."+ev.Time.End, ev.Summary, ev.Docs, ev.Participants)
		}
	}
	if rep.Found < 6 {
		t.Errorf("gold events on the timeline: %d of %d, want at least 6", rep.Found, rep.Gold)
	}
	byDoc := map[string]string{}
	for _, in := range run.inputs {
		byDoc[in.DocID] = in.Text
	}
	for _, ev := range run.events {
		for _, e := range ev.Evidence {
			if byDoc[e.Doc][e.Start:e.End] != e.Text {
				t.Errorf("event %s: evidence %d-%d is not its text", ev.ID, e.Start, e.End)
			}
		}
	}
	ids := map[string]bool{}
	for _, ev := range run.events {
		if ids[ev.ID] {
			t.Errorf("duplicate event id %s", ev.ID)
		}
		ids[ev.ID] = true
	}
}

// TestSeedsAnchors shows how much the timeline owes to the publication
// dates: with the gold ranges' midpoints instead of timex's inference, and
// with no dates at all (relative expressions then stay unresolved).
func TestSeedsAnchors(t *testing.T) {
	for _, c := range []struct {
		name    string
		anchors int
		floor   int
	}{{"gold midpoints", anchorGold, 6}, {"no dates", anchorNone, 0}} {
		run := runSeedsWith(t, c.anchors)
		rep := eventeval.ScoreGold(run.gold, run.events, run.nameOf)
		var missed []string
		for _, r := range rep.Events {
			if !r.Found {
				missed = append(missed, r.ID)
			}
		}
		sort.Strings(missed)
		t.Logf("%s: found %d/%d, missed %v", c.name, rep.Found, rep.Gold, missed)
		if rep.Found < c.floor {
			t.Errorf("%s: %d of %d gold events, want at least %d", c.name, rep.Found, rep.Gold, c.floor)
		}
	}
}
