package scale

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// benchBytes is the size of the benchmark corpus: the seeds replicated with
// variation (PARALLAX_SCALE_MB, default 6 MB, about 1,200 articles).
func benchBytes(tb testing.TB) int64 {
	mb := 6.0
	if v := os.Getenv("PARALLAX_SCALE_MB"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			tb.Fatalf("PARALLAX_SCALE_MB=%q: want a positive number", v)
		}
		mb = f
	}
	return int64(mb * (1 << 20))
}

// workerReport is the part of `parallax --json worker`'s report read here.
type workerReport struct {
	Documents       int64   `json:"documents"`
	AnalysisSeconds float64 `json:"analysis_seconds"`
	LockWaitSeconds float64 `json:"lock_wait_seconds"`
	LockedSeconds   float64 `json:"locked_seconds"`
}

// BenchmarkWorkers measures documents per second through 1, 2 and 4
// `parallax worker` processes (one analysis loop each) consuming NATS
// JetStream into PostgreSQL, from the first article published to the queue
// drained; workers have loaded their models before the clock starts. The
// coordinator's corpus stage is timed apart (corpus-s). Baselines: the
// single-process `parallax ingest --no-corpus` of the same corpus into
// SQLite and into PostgreSQL (their clocks include loading the models).
//
//	go test ./internal/scale -run XXX -bench Workers -benchtime 1x
//
// Besides docs/s it reports, summed over the workers, the seconds spent
// analysing, waiting for the corpus lock and holding it: the lock is held
// while a batch is written and its articles filed under stories, one
// worker at a time, so held-seconds per document bound the throughput.
func BenchmarkWorkers(b *testing.B) {
	if err := servicesReachable(); err != nil {
		b.Skipf("skipping: %v", err)
	}
	dir := b.TempDir()
	docs := replicateSeeds(b, dir, benchBytes(b))
	var size int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if fi, err := e.Info(); err == nil {
			size += fi.Size()
		}
	}

	for _, procs := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			var analysis, wait, held float64
			for range b.N {
				b.StopTimer()
				c := newCluster(b)
				var ws []*worker
				for range procs {
					ws = append(ws, c.spawnWorkerArgs([]string{"--json"}, "--workers", "1", "--batch", "32"))
				}
				for _, w := range ws {
					if !w.waitLog("ready:", 2*time.Minute) {
						b.Fatalf("worker not ready:\n%s", w.tail())
					}
				}
				b.StartTimer()
				if _, err := c.run("-q", "ingest", "--queue", c.nats, "--queue-name", c.queue, dir); err != nil {
					b.Fatal(err)
				}
				c.waitDrained(30 * time.Minute)
				b.StopTimer()
				for _, w := range ws {
					w.signal(syscall.SIGTERM)
					var r workerReport
					if err := json.Unmarshal(w.stdout(), &r); err != nil {
						b.Fatalf("worker report: %v\n%s", err, w.stdout())
					}
					analysis += r.AnalysisSeconds
					wait += r.LockWaitSeconds
					held += r.LockedSeconds
				}
				t0 := time.Now()
				if _, err := c.run("-q", "analyze"); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(time.Since(t0).Seconds(), "corpus-s")
				b.StartTimer()
			}
			n := float64(b.N)
			b.SetBytes(size)
			b.ReportMetric(float64(docs)*n/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(analysis/n, "analysis-s")
			b.ReportMetric(wait/n, "lockwait-s")
			b.ReportMetric(held/n, "locked-s")
		})
	}

	for _, base := range []string{"sqlite", "postgres"} {
		b.Run("single-process-"+base, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				c := newCluster(b)
				db := c.dsn
				if base == "sqlite" {
					db = filepath.Join(b.TempDir(), "bench.db")
				}
				b.StartTimer()
				if _, err := c.runDB(db, "-q", "ingest", "--no-corpus", dir); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(size)
			b.ReportMetric(float64(docs)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
