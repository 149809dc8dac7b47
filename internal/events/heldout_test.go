package events

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

// TestHeldoutArticles runs two articles about other wars than the seeds'
// (written for this test, names marked by hand) through Extract and Merge
// and checks the timeline an analyst would expect, and that nothing is
// dated more precisely than the text says.
func TestHeldoutArticles(t *testing.T) {
	cases := []struct {
		file, published string
		want            []string // summaries that must be on the timeline
		notWant         []string // summaries that must not
	}{
		{"kherson.txt", "2022-11-14", []string{
			"Fall of Kherson (2022-03)",
			"Attack on Kharkiv (2022-09)",
			"Liberation of Izium (2022-09)",
			"Liberation of Kherson (2022-11)",
			"Strike on Zaporizhzhia (2022-11-10)",
			"Visit by Volodymyr Zelensky to Kherson (2022-11-14)",
			"Battle of Bakhmut (before 2022-11-14)",
		}, []string{
			"Liberation of Kherson (2022-11-14)", // the visit's Monday is not the recapture's
			"Fall of Kherson (2022-02-24)",       // the invasion's day is not the fall's
		}},
		{"mosul.txt", "2017-07-10", []string{
			"Fall of Mosul (2014-06)",
			"Battle of Mosul (2016-10)",
			"Liberation of Mosul (2017-01)",
			"Liberation of Mosul (2017-07-09)",
			"Strike on al-Jadida (2017-03)",
		}, []string{
			"Fall of Mosul (2017-07-09)", // "nearly three years after it fell"
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "heldout", c.file))
			if err != nil {
				t.Fatal(err)
			}
			in := marked(t, c.file, string(raw), c.published)
			ms := ExtractMentions(in, DefaultOptions())
			checkSpans(t, in, ms)
			var evs []model.EventMention
			for _, m := range ms {
				evs = append(evs, m.EventMention)
			}
			var got []string
			for _, ev := range Merge([]DocEvents{{Doc: c.file, Text: in.Text, Events: evs}}, DefaultMergeOptions()) {
				got = append(got, ev.Summary)
			}
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
			for _, w := range c.notWant {
				if slices.Contains(got, w) {
					t.Errorf("unexpected %q", w)
				}
			}
			if t.Failed() {
				t.Logf("timeline: %q", got)
			}
		})
	}
}
