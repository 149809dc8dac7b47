package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/pipeline/pipelinetest"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

const seedsDir = "../../../shared/corpus/seeds"

// ReplicateSeeds writes the seeds, replicated with variation, into dir up
// to size bytes (pipelinetest.ReplicateSeeds).
func ReplicateSeeds(tb testing.TB, dir string, size int64) int {
	return pipelinetest.ReplicateSeeds(tb, seedsDir, dir, size)
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

// BenchmarkProcessSeeds runs the per-document analysis (cleaning and every
// per-document stage, no store) over the seed articles with shifted
// numbers, on one goroutine locked to its thread, and reports the thread's
// CPU time per MB in each stage (clean is cleaning, hashing and the rest of
// Process): on a shared machine, CPU time is what wall time blurs.
//
//	go test ./internal/pipeline -run XXX -bench ProcessSeeds -benchtime 200x
func BenchmarkProcessSeeds(b *testing.B) {
	dir := b.TempDir()
	ReplicateSeeds(b, dir, 1<<20)
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var items []ingest.Item
	for _, e := range entries {
		body, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		items = append(items, ingest.Item{Source: e.Name(), Format: "text", Body: body})
	}
	an := NewAnalyzer()
	if _, err := an.Process(items[0]); err != nil { // load models outside the timer
		b.Fatal(err)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	stageTime := map[string]time.Duration{}
	timed := &Analyzer{Clean: an.Clean}
	for _, s := range an.Stages {
		timed.Stages = append(timed.Stages, timedStage{s, stageTime})
	}
	var bytes int64
	b.ResetTimer()
	cpu0 := threadCPU()
	for i := 0; i < b.N; i++ {
		it := items[i%len(items)]
		if _, err := timed.Process(it); err != nil {
			b.Fatal(err)
		}
		bytes += int64(len(it.Body))
	}
	total := threadCPU() - cpu0
	b.StopTimer()
	mb := float64(bytes) / 1e6
	b.ReportMetric(mb/total.Seconds(), "MB/cpu-s")
	rest := total
	for name, d := range stageTime {
		b.ReportMetric(d.Seconds()/mb, name+"-s/MB")
		rest -= d
	}
	b.ReportMetric(rest.Seconds()/mb, "clean-s/MB")
}

// threadCPU is the CPU time of the calling thread (the benchmark locks its
// goroutine to it).
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type timedStage struct {
	DocStage
	spent map[string]time.Duration
}

func (s timedStage) Analyze(d *model.Document, a *model.Analysis) error {
	t := threadCPU()
	err := s.DocStage.Analyze(d, a)
	s.spent[s.Name()] += threadCPU() - t
	return err
}
