package events

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/timex"
)

// BenchmarkExtract measures the extractor alone (tokens, names and times
// are computed once, outside the timer) on the seed articles, in bytes of
// text per second; the pipeline budget is 1 MB/s per core end to end.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if len(files) == 0 {
		b.Skipf("seed documents %s absent", seedsDir)
	}
	var ins []Input
	size := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := string(raw)
		r := lang.Analyze(text)
		a, _ := timex.ParseAnchor("2015-01-01")
		ins = append(ins, Input{DocID: f, Text: text, Tokens: r.Tokens, Sentences: r.Sentences, Mentions: r.Mentions, Times: timex.Find(text, a), Published: "2015-01-01"})
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, in := range ins {
			n += len(Extract(in))
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "mentions/s")
}

// syntheticReports makes n reports over places with a skewed popularity
// (a few towns get most of the news, as in a real story), times spread
// over ten years and mixed types, some undated, some killings.
func syntheticReports(n int) []DocEvents {
	r := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(r, 1.2, 1, uint64(n/10+10))
	kinds := []string{Battle, Liberation, Siege, Attack, Retreat, Defence, Fall, Strike}
	var docs []DocEvents
	for i := 0; i < n; i++ {
		place := fmt.Sprintf("Town%d", zipf.Uint64())
		m := model.EventMention{Doc: fmt.Sprintf("d%d", i/5), Type: kinds[r.IntN(len(kinds))], Trigger: "x", Place: place, Start: 0, End: 1}
		day := r.IntN(3650)
		switch r.IntN(10) {
		case 0:
			m.Time = model.TimeValue{Value: "PAST_REF", End: formatDay(16000 + day)}
		case 1:
		case 2:
			m.Type = Killing
			m.Targets = []string{fmt.Sprintf("Person%d", r.IntN(n/20+1))}
			fallthrough
		default:
			w := []int{0, 6, 29, 364}[r.IntN(4)]
			m.Time = model.TimeValue{Value: "v", Start: formatDay(16000 + day), End: formatDay(16000 + day + w)}
		}
		docs = append(docs, DocEvents{Doc: m.Doc, Events: []model.EventMention{m}})
	}
	return docs
}

// BenchmarkMerge shows that merging grows close to linearly: compare
// ns/mention at 10k and 100k reports.
func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs := syntheticReports(n)
		b.Run(fmt.Sprintf("mentions=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			events := 0
			var st mergeStats
			for b.Loop() {
				var evs []model.Event
				evs, st = merge(docs, DefaultMergeOptions())
				events = len(evs)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/mention")
			b.ReportMetric(float64(events), "events")
			b.ReportMetric(float64(st.candidates)/float64(st.reports), "candidates/mention")
		})
	}
}
