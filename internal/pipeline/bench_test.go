package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

const seedsDir = "../../../shared/corpus/seeds"

var digits = regexp.MustCompile(`\d+`)

// ReplicateSeeds writes copies of the seed articles into dir until they
// reach size bytes. Every copy is a distinct document: its numbers are
// shifted and it carries its own dateline, so identity and near-duplicate
// detection do their real work instead of short-circuiting.
func ReplicateSeeds(tb testing.TB, dir string, size int64) int {
	tb.Helper()
	entries, err := os.ReadDir(seedsDir)
	if err != nil {
		tb.Skipf("seed corpus not found at %s: %v", seedsDir, err)
	}
	var seeds []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(seedsDir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, string(b))
	}
	var total int64
	n := 0
	for k := 0; total < size; k++ {
		for i, s := range seeds {
			shift := k*7 + i
			text := digits.ReplaceAllStringFunc(s, func(d string) string {
				var v int
				fmt.Sscan(d, &v)
				return fmt.Sprint(v + shift%97)
			})
			lines := strings.SplitN(text, "\n", 2)
			text = lines[0] + fmt.Sprintf(" (edition %d)\n", k) + lines[1] + fmt.Sprintf("\nFiled from desk %d of bureau %d.\n", k, i)
			name := filepath.Join(dir, fmt.Sprintf("c%05d_%d.txt", k, i))
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				tb.Fatal(err)
			}
			total += int64(len(text))
			n++
		}
	}
	return n
}

// BenchmarkIngestSeeds50MB ingests and analyses 50 MB of plain-text news
// (the seeds, replicated with variation) into a fresh SQLite file.
//
//	go test ./internal/pipeline -run XXX -bench IngestSeeds50MB -benchtime 1x
func BenchmarkIngestSeeds50MB(b *testing.B) {
	benchIngest(b, 50<<20)
}

// BenchmarkIngestSeeds5MB is the quick variant.
func BenchmarkIngestSeeds5MB(b *testing.B) {
	benchIngest(b, 5<<20)
}

func benchIngest(b *testing.B, size int64) {
	dir := b.TempDir()
	docs := ReplicateSeeds(b, dir, size)
	ctx := context.Background()
	b.ResetTimer()
	var bytes int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "bench.db")
		st, err := sqlite.Open(ctx, db)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := Run(ctx, st, NewAnalyzer(), NewCorpus(), []string{dir}, DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		if rep.Failed > 0 || rep.Seen != docs {
			b.Fatalf("report: %+v", rep)
		}
		bytes = rep.Bytes
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.SetBytes(bytes)
	b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
