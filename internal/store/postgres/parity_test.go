package postgres_test

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// parityCorpus exercises what tokenizers disagree on: accents, hyphens,
// apostrophes, numbers, underscores, case, URLs.
var parityCorpus = []struct{ id, source, url, title, text string }{
	{"p1", "/c/seeds/amirli.txt", "", "Amírli siege broken", "The siege of Amírli lasted more than 75 days before Iraqi forces and Kurdish Peshmerga broke it."},
	{"p2", "/c/seeds/soleimani.txt", "https://example.org/s", "Soleimani's visit", "General Qassem Soleimani's men were seen near Amirli; al-Maliki praised them."},
	{"p3", "/c/other/weather.txt", "", "Weather", "Rain is expected in Baghdad tomorrow, said the ministry_of_water at http://example.com/rain (3.5 mm, by e-mail)."},
	{"p4", "/c/other/fallujah.txt", "", "Fallujah", "The battle for Fallujah in 2016 displaced 85,000 people, according to the UN."},
	{"p5", "/c/deep/dir/amirli.txt", "", "Amirli aftermath", "Residents of AMIRLI returned; Peshmerga and militia commanders disputed who liberated the town."},
	{"p7", "/c/long.txt", "", "Long report", "Officials in the capital spent the morning in meetings that were described by aides as routine, with no statements issued to the press and no hint of what would follow later in the week. " +
		"By the afternoon, however, reports reached the city that the siege had been lifted and that residents were leaving their shelters for the first time in weeks, some of them carrying the wounded on doors. " +
		"Commanders from three different forces each claimed the credit, and the ministry said a full account would be given once the roads were cleared and the last of the mines removed from the approaches."},
	{"p6", "/c/x/kurdish.txt", "", "Kurdistan", "Kurdish leaders in Erbil met Baghdad officials. Kurd, Kurds, Kurdistan."},
}

var parityQueries = []string{
	"amirli", "Amírli", "AMIRLI", "siege", `"siege of amirli"`, `"siege of amírli"`, "soleimani", "soleimani's",
	"al-maliki", "maliki", "75", "85,000", "2016", "kurd*", "kurd", "peshmerga militia", "peshmerga OR fallujah",
	"baghdad rain OR fallujah", "rain OR fallujah baghdad", "ministry_of_water", "water", "example", "liberated town",
	`"broke it"`, "nothingmatches", "OR", "amirli OR", `-amirli`, `amirli -siege`, "3.5 rain", "http", "com", "e-mail",
	"siege lifted", "mines", "officials", "credit ministry", "shelters OR credit", "wound*", "the", "ministry",
}

// sqliteDiffers lists queries on which the SQLite store is wrong and this
// one deliberately differs, with the reason (reported to the lead).
var sqliteDiffers = map[string]string{
	"OR amirli":                "SQLite reads a leading OR as the word \"or\"",
	"peshmerga OR OR fallujah": "SQLite passes OR OR to FTS5, a syntax error",
}

func parityStores(t *testing.T) (pg, lite store.Store) {
	ctx := context.Background()
	pg = openFresh(t)
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []store.DocumentRecord
	for _, c := range parityCorpus {
		recs = append(recs, store.DocumentRecord{
			Doc:      model.Document{ID: c.id, Source: c.source, URL: c.url, Title: c.title, Text: c.text, Language: "en"},
			Analysis: model.Analysis{},
		})
	}
	for _, s := range []store.Store{pg, lite} {
		if _, err := s.PutDocuments(ctx, recs); err != nil {
			t.Fatal(err)
		}
	}
	return pg, lite
}

var marked = regexp.MustCompile(`\[([^\]]*)\]`)

// highlighted returns the distinct lower-cased words a snippet marks.
func highlighted(snippet string) []string {
	var out []string
	for _, m := range marked.FindAllStringSubmatch(snippet, -1) {
		out = append(out, strings.ToLower(m[1]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Search finds the same documents on both stores, and marks words in the
// snippet whenever SQLite does.
func TestSearchMatchesSQLite(t *testing.T) {
	pg, lite := parityStores(t)
	defer pg.Close()
	defer lite.Close()
	ctx := context.Background()
	queries := slices.Clone(parityQueries)
	for q := range sqliteDiffers {
		queries = append(queries, q)
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			if why, ok := sqliteDiffers[q]; ok {
				if _, err := pg.Search(ctx, q, 20); err != nil {
					t.Fatalf("search %q: %v", q, err)
				}
				t.Skipf("known SQLite difference: %s", why)
			}
			want, err := lite.Search(ctx, q, 20)
			if err != nil {
				t.Skipf("SQLite rejects %q: %v", q, err)
			}
			got, err := pg.Search(ctx, q, 20)
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			ids := func(hs []store.SearchHit) []string {
				var out []string
				for _, h := range hs {
					out = append(out, h.Doc.ID)
				}
				slices.Sort(out)
				return out
			}
			if g, w := ids(got), ids(want); !slices.Equal(g, w) {
				t.Fatalf("search %q: postgres %v, sqlite %v", q, g, w)
			}
			if len(got) > 0 && len(want) > 0 && got[0].Doc.ID != want[0].Doc.ID {
				t.Logf("search %q: best hit postgres %s, sqlite %s (ranking differs)", q, got[0].Doc.ID, want[0].Doc.ID)
			}
			byID := map[string]string{}
			for _, h := range want {
				byID[h.Doc.ID] = h.Snippet
			}
			for _, h := range got {
				if g, w := highlighted(h.Snippet), highlighted(byID[h.Doc.ID]); !slices.Equal(g, w) {
					t.Errorf("search %q, %s: snippet %q marks %q; sqlite %q marks %q", q, h.Doc.ID, h.Snippet, g, byID[h.Doc.ID], w)
				}
				if h.Snippet != byID[h.Doc.ID] {
					t.Logf("search %q, %s: snippet %q; sqlite %q", q, h.Doc.ID, h.Snippet, byID[h.Doc.ID])
				}
			}
		})
	}
}

// FindDocument resolves (or refuses) the same references on both stores.
func TestFindDocumentMatchesSQLite(t *testing.T) {
	pg, lite := parityStores(t)
	defer pg.Close()
	defer lite.Close()
	ctx := context.Background()
	for _, ref := range []string{"p1", "/c/seeds/amirli.txt", "seeds/amirli.txt", "amirli.txt", "dir/amirli.txt", "https://example.org/s",
		"weather.txt", "other/weather.txt", "c/other/weather.txt", "eather.txt", "%.txt", "_eather.txt", "p", "", "  p4  ", "./weather.txt"} {
		w, werr := lite.FindDocument(ctx, ref)
		g, gerr := pg.FindDocument(ctx, ref)
		if (werr == nil) != (gerr == nil) || w.ID != g.ID {
			t.Errorf("FindDocument(%q): postgres %q %v, sqlite %q %v", ref, g.ID, gerr, w.ID, werr)
		}
	}
}
