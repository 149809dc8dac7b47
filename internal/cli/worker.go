package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/queue"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() { register(workerCmd) }

// WorkerOptions tune the handler `parallax worker` runs on every batch.
type WorkerOptions struct {
	// StoreOutage is how long a batch waits for an unreachable store to
	// come back before it is handed back to the queue as failed.
	StoreOutage time.Duration
	// Logf receives one line per problem (a document that failed, the
	// store down); nil discards them.
	Logf func(format string, args ...any)
}

// DefaultWorkerOptions returns the worker's defaults.
func DefaultWorkerOptions() WorkerOptions {
	return WorkerOptions{StoreOutage: 10 * time.Minute}
}

// WorkerStats count what a worker's handler did.
type WorkerStats struct {
	Batches    atomic.Int64
	Documents  atomic.Int64 // documents committed (new or already stored)
	Added      atomic.Int64
	Duplicates atomic.Int64
	Failed     atomic.Int64 // documents whose analysis failed (each delivery counted)
	// Time spent analysing, waiting for the corpus lock, and holding it
	// (writing, linking duplicates, filing stories), in nanoseconds summed
	// over the process's loops.
	AnalysisNanos atomic.Int64
	LockWaitNanos atomic.Int64
	LockedNanos   atomic.Int64
	// lastBatch is the Unix nanosecond time the last batch finished.
	lastBatch atomic.Int64
}

// WorkerHandler returns the queue handler of `parallax worker`: it
// analyses every article of a batch (proc), commits the batch
// (pipeline.CommitBatch: one transaction, stories filed under the corpus
// lock) and returns nil only once that is committed, so that the queue
// acknowledges after the commit.
//
// An article whose analysis fails is a permanent failure of that article:
// the rest of its batch is committed and the handler returns an error
// naming it. The queue then retries the batch's messages one by one (the
// committed ones are recognised and acknowledged without being analysed
// again) and, after its MaxDeliver-th failure, moves the article to the
// dead-letter stream with the reason, where `ingest --queue --wait` counts
// it as failed. Dead-lettering rather than logging and acknowledging keeps
// a durable, inspectable record of every article that did not make it.
//
// A store that is down does not use up deliveries: the handler waits for
// it (up to StoreOutage, while the queue keeps the batch reserved) and
// commits again.
func WorkerHandler(st store.Store, proc pipeline.Processor, corpus *pipeline.Corpus, opts WorkerOptions, stats *WorkerStats) queue.Handler {
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	if stats == nil {
		stats = &WorkerStats{}
	}
	done := newOutcomes(1 << 14)
	return func(ctx context.Context, batch []queue.Delivery) error {
		defer stats.lastBatch.Store(time.Now().UnixNano())
		recs := make([]store.DocumentRecord, 0, len(batch))
		var ids []string
		var failed []error
		t0 := time.Now()
		for _, d := range batch {
			if known, err := done.get(d.ID); known {
				if err != nil {
					failed = append(failed, err)
				}
				continue
			}
			rec, err := pipeline.ProcessItem(proc, itemOf(d.Message))
			if err != nil {
				err = fmt.Errorf("%s: %w", d.Message.Source, err)
				stats.Failed.Add(1)
				opts.Logf("%v (delivery %d)", err, d.Attempt)
				done.put(d.ID, err)
				failed = append(failed, err)
				continue
			}
			recs = append(recs, rec)
			ids = append(ids, d.ID)
		}
		stats.AnalysisNanos.Add(int64(time.Since(t0)))
		if len(recs) > 0 {
			rep, err := commitPatiently(ctx, st, corpus, recs, opts)
			stats.LockWaitNanos.Add(int64(rep.LockWait))
			stats.LockedNanos.Add(int64(rep.Locked))
			if err != nil {
				if errors.Is(err, errStoreDown) {
					// The queue retries the batch one article at a time at
					// once: each would wait out the outage again. Let those
					// retries fail at once, so that the batch goes back to
					// the queue for a worker that reaches the store.
					for _, id := range ids {
						done.putFor(id, err, handBackTTL)
					}
				}
				return err
			}
			for _, id := range ids {
				done.put(id, nil)
			}
			stats.Batches.Add(1)
			stats.Documents.Add(int64(len(recs)))
			stats.Added.Add(int64(rep.Added))
			stats.Duplicates.Add(int64(rep.Duplicates))
		}
		return errors.Join(failed...)
	}
}

// errStoreDown is a commit given up after WorkerOptions.StoreOutage of the
// store not answering.
var errStoreDown = errors.New("store unreachable")

// handBackTTL is how long a batch given up for a store outage is failed at
// once, without a new try: long enough for the queue's immediate
// one-by-one retry, shorter than its first redelivery delay (2s), so that
// a redelivery to this worker tries again.
const handBackTTL = time.Second

// commitPatiently commits a batch, retrying while the store is
// unreachable, for up to opts.StoreOutage: an outage does not use up the
// articles' deliveries, a worker cut off from the store for longer hands
// its batch back for others. A commit that fails twice while the store
// answers is the batch's fault (the first such failure may be a connection
// the store broke as it restarted), and goes back to the queue.
func commitPatiently(ctx context.Context, st store.Store, corpus *pipeline.Corpus, recs []store.DocumentRecord, opts WorkerOptions) (pipeline.BatchReport, error) {
	var down time.Time // when the store was first found unreachable
	failedWhileUp := 0
	backoff := 100 * time.Millisecond
	for {
		rep, err := pipeline.CommitBatch(ctx, st, corpus, recs)
		if err == nil || ctx.Err() != nil {
			return rep, err
		}
		if storeReachable(ctx, st) {
			down = time.Time{}
			if failedWhileUp++; failedWhileUp >= 2 {
				return rep, err
			}
		} else {
			if down.IsZero() {
				down = time.Now()
			}
			if time.Since(down) > opts.StoreOutage {
				return rep, fmt.Errorf("%w for %v: %w", errStoreDown, opts.StoreOutage, err)
			}
		}
		opts.Logf("commit of %d document(s) failed (%v): retrying in %v", len(recs), err, backoff)
		select {
		case <-ctx.Done():
			return rep, errors.Join(err, ctx.Err())
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 10*time.Second)
	}
}

// storeReachable asks the store a question that costs nothing.
func storeReachable(ctx context.Context, st store.Store) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := st.Meta(ctx, "pipeline.ping")
	return err == nil
}

// outcomes remembers, by message id, the articles this worker committed
// (nil) or failed to analyse (the error), so that the one-by-one retry the
// queue makes of a failed batch neither analyses the committed ones again
// nor the failed one. Bounded: when full it forgets everything, which
// costs only some repeated work.
type outcomes struct {
	mu  sync.Mutex
	max int
	m   map[string]outcome
}

type outcome struct {
	err   error
	until time.Time // zero: for good
}

func newOutcomes(max int) *outcomes { return &outcomes{max: max, m: map[string]outcome{}} }

func (o *outcomes) get(id string) (bool, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	oc, ok := o.m[id]
	if ok && !oc.until.IsZero() && time.Now().After(oc.until) {
		delete(o.m, id)
		return false, nil
	}
	return ok, oc.err
}

func (o *outcomes) put(id string, err error) { o.putFor(id, err, 0) }

// putFor remembers an outcome for ttl (0: for good).
func (o *outcomes) putFor(id string, err error, ttl time.Duration) {
	if id == "" {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.m) >= o.max {
		clear(o.m)
	}
	oc := outcome{err: err}
	if ttl > 0 {
		oc.until = time.Now().Add(ttl)
	}
	o.m[id] = oc
}

// workerReport is what `parallax --json worker` prints when it stops.
type workerReport struct {
	Batches    int64   `json:"batches"`
	Documents  int64   `json:"documents"`
	Added      int64   `json:"added"`
	Duplicates int64   `json:"duplicates"`
	Failed     int64   `json:"failed"`
	Dead       int64   `json:"dead"`
	Analyses   int64   `json:"analyses"`
	Seconds    float64 `json:"seconds"`
	// Summed over the process's loops: analysing, waiting for the corpus
	// lock, holding it.
	AnalysisSeconds float64 `json:"analysis_seconds"`
	LockWaitSeconds float64 `json:"lock_wait_seconds"`
	LockedSeconds   float64 `json:"locked_seconds"`
	DocsPerSec      float64 `json:"docs_per_second"`
	QueueStream     string  `json:"queue"`
}

func workerCmd(e *env) *cobra.Command {
	wo := DefaultWorkerOptions()
	var natsURL string
	var workers, batch int
	var analyzeEvery, statsEvery time.Duration
	c := &cobra.Command{
		Use:   "worker --db postgres://... --nats nats://...",
		Short: "Analyse articles queued by `ingest --queue` into a shared PostgreSQL store",
		Long: `Consume articles from the NATS JetStream queue that ` + "`parallax ingest --queue`" + ` fills, analyse them
and write them to --db. Run any number of workers on any number of machines against one PostgreSQL
database and one queue: each article goes to one worker at a time.

Nothing is lost and nothing is stored twice. A batch is acknowledged only after its transaction
committed; a worker that dies (kill -9, a lost machine) leaves its batch to another worker after
--ack-wait; an article delivered twice is stored once (document ids are content hashes). SIGTERM or
Ctrl-C stops consuming and hands the batches in hand back to the queue at once; a second signal
kills the worker. A store that is down stalls the worker instead of failing articles.

An article that cannot be analysed (no text, a failing stage) fails alone: the rest of its batch
is committed, and the queue retries it, then moves it to the dead-letter stream (NAME_DEAD) with
the reason after --max-deliver tries.

Cross-document stages. Each batch's articles are filed under stories as they are committed, one
worker at a time (under a PostgreSQL advisory lock). Entity resolution, quotes' speakers, events,
contradictions and framing look at the whole corpus and are recomputed whole, so they run once,
after the queue drained, in one coordinator rather than in every worker after every batch (which
would redo the whole corpus per batch, N workers times over). The coordinator is one of:
  parallax --db DB ingest --queue URL --wait PATHS    publish, wait for the workers, analyse
  parallax --db DB analyze                            whenever you like
  parallax worker --analyze-every 1m ...              a worker that analyses once the queue has
                                                      been idle that long and new documents came
Until the coordinator runs, documents are searchable and listed but entities, timeline, quotes,
contradictions and frames describe the corpus as it was at the last analysis.`,
		Example: `  parallax worker --db 'postgres://parallax@db/parallax' --nats nats://queue:4222
  parallax worker --db "$PARALLAX_DB" --workers 4 --batch 32 --analyze-every 2m`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if workers <= 0 || batch <= 0 {
				return usagef("--workers and --batch must be positive")
			}
			qo, err := queueFromFlags(cmd.Flags())
			if err != nil {
				return err
			}
			qo.Workers, qo.BatchSize = workers, batch
			return runWorker(cmd.Context(), e, natsURL, qo, wo, analyzeEvery, statsEvery)
		},
	}
	natsFlag(c, &natsURL)
	f := c.Flags()
	addQueueFlags(f)
	f.IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "batches analysed at once in this process")
	f.IntVar(&batch, "batch", queue.DefaultOptions().BatchSize, "articles per batch (one transaction)")
	f.DurationVar(&analyzeEvery, "analyze-every", 0, "also act as the coordinator: run the cross-document analysis when the queue has been idle this long and new documents arrived (0: never)")
	f.DurationVar(&wo.StoreOutage, "store-outage", wo.StoreOutage, "how long a batch waits for an unreachable store before it is handed back")
	f.DurationVar(&statsEvery, "stats-every", 30*time.Second, "print throughput on stderr this often (0: never)")
	c.AddCommand(workerStatusCmd(e), workerResetCmd(e))
	return c
}

// QueueStatus is what `parallax worker status` prints.
type QueueStatus struct {
	Queue    string `json:"queue"`
	Pending  int    `json:"pending"`
	InFlight int    `json:"in_flight"`
	Stranded int    `json:"stranded"`
	Dead     int    `json:"dead"`
	Drained  bool   `json:"drained"`
}

func workerStatusCmd(e *env) *cobra.Command {
	var natsURL string
	c := &cobra.Command{
		Use:   "status",
		Short: "Show how much work the workers' queue holds: pending, in flight, stranded, dead",
		Long: `Show the workers' queue: articles pending (waiting for a worker), in flight (with a worker, not
yet acknowledged), stranded (out of deliveries, waiting to be moved to the dead-letter stream) and
dead (given up on, kept with the reason in stream NAME_DEAD). Exit code 0 whatever the counts.`,
		Example: "  parallax --json worker status --nats nats://queue:4222",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			qo, err := queueFromFlags(cmd.Flags())
			if err != nil {
				return err
			}
			s, err := queue.Stat(cmd.Context(), natsURL, qo)
			if err != nil {
				return err
			}
			out := QueueStatus{Queue: qo.Stream, Pending: s.Pending, InFlight: s.InFlight, Stranded: s.Stranded, Dead: s.Dead, Drained: s.Drained()}
			if e.json {
				return printJSON(e.stdout, out)
			}
			t := newTable(e.stdout, "QUEUE", "PENDING", "IN FLIGHT", "STRANDED", "DEAD")
			t.row(out.Queue, out.Pending, out.InFlight, out.Stranded, out.Dead)
			t.flush()
			return nil
		},
	}
	natsFlag(c, &natsURL)
	addQueueFlags(c.Flags())
	return c
}

func workerResetCmd(e *env) *cobra.Command {
	var natsURL, queueName string
	var yes bool
	c := &cobra.Command{
		Use:   "reset --yes",
		Short: "Delete the workers' queue with every message in it, dead letters included",
		Long: `Delete the queue's streams and consumer: every article waiting for a worker and every dead
letter is gone. Documents already in the store stay. The next ingest --queue or worker creates
the queue again.`,
		Example: "  parallax worker reset --queue-name run42 --yes",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !yes {
				return usagef("reset deletes every queued article: add --yes to mean it")
			}
			qo, err := QueueOptions(queueName)
			if err != nil {
				return err
			}
			if err := queue.Delete(cmd.Context(), natsURL, qo); err != nil {
				return err
			}
			e.notef("deleted queue %s", qo.Stream)
			return nil
		},
	}
	natsFlag(c, &natsURL)
	c.Flags().StringVar(&queueName, queueNameFlag, os.Getenv("PARALLAX_QUEUE"), "queue (JetStream stream) instead of the default PARALLAX_DOCS (env PARALLAX_QUEUE)")
	c.Flags().BoolVar(&yes, "yes", false, "really delete")
	return c
}

// natsFlag adds --nats.
func natsFlag(c *cobra.Command, natsURL *string) {
	def := os.Getenv("PARALLAX_NATS")
	if def == "" {
		def = "nats://127.0.0.1:4222"
	}
	c.Flags().StringVar(natsURL, "nats", def, "NATS server URL (env PARALLAX_NATS)")
}

func runWorker(ctx context.Context, e *env, natsURL string, qo queue.Options, wo WorkerOptions, analyzeEvery, statsEvery time.Duration) error {
	// The first signal cancels ctx (root.go); from then on a second one
	// kills the process, as it would without a handler.
	stopSignals := context.AfterFunc(ctx, func() {
		signal.Reset(os.Interrupt, syscall.SIGTERM)
		fmt.Fprintln(e.stderr, "parallax worker: stopping: handing back the batches in hand (signal again to kill)")
	})
	defer stopSignals()
	logf := func(format string, a ...any) { fmt.Fprintf(e.stderr, "parallax worker: "+format+"\n", a...) }
	wo.Logf = logf
	qo.Logf = logf
	var dead atomic.Int64
	qo.OnDeadLetter = func(dl queue.DeadLetter) {
		dead.Add(1)
		logf("gave up on %s after %d deliveries, kept in stream %s: %v", dl.Source, dl.Deliveries, qo.DeadStream, dl.Err)
	}

	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	an := pipeline.NewAnalyzer()
	// Load the models now, so that the first batch is not the slow one and
	// "ready" means ready.
	if _, err := an.Process(ingest.Item{Source: "warm-up", Body: []byte("Warm-up.\n\nOfficials in Baghdad said on Monday that the road to Erbil was open again.\n")}); err != nil {
		return fmt.Errorf("load the analysers: %w", err)
	}
	stats := &WorkerStats{}
	corpus := pipeline.NewCorpus()
	handler := WorkerHandler(st, an, corpus, wo, stats)
	start := time.Now()
	e.notef("parallax worker: ready: consuming queue %s from %s into %s (%d at once, batches of %d)",
		qo.Stream, redactDSN(natsURL), redactDSN(e.db), qo.Workers, qo.BatchSize)

	var analyses atomic.Int64
	var wg sync.WaitGroup
	if analyzeEvery > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			analyzeWhenIdle(ctx, st, corpus, natsURL, qo, analyzeEvery, stats, &analyses, logf)
		}()
	}
	if statsEvery > 0 && !e.quiet {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(statsEvery)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					s := time.Since(start).Seconds()
					logf("%d document(s) committed (%d new), %d failed, %d dead-lettered, %.1f docs/s; analysing %.1fs, waiting for the corpus lock %.1fs, holding it %.1fs",
						stats.Documents.Load(), stats.Added.Load(), stats.Failed.Load(), dead.Load(), float64(stats.Documents.Load())/s,
						time.Duration(stats.AnalysisNanos.Load()).Seconds(), time.Duration(stats.LockWaitNanos.Load()).Seconds(),
						time.Duration(stats.LockedNanos.Load()).Seconds())
				}
			}
		}()
	}
	cerr := queue.Consume(ctx, natsURL, handler, qo)
	wg.Wait()
	secs := time.Since(start).Seconds()
	rep := workerReport{Batches: stats.Batches.Load(), Documents: stats.Documents.Load(), Added: stats.Added.Load(),
		Duplicates: stats.Duplicates.Load(), Failed: stats.Failed.Load(), Dead: dead.Load(), Analyses: analyses.Load(),
		Seconds: secs, DocsPerSec: float64(stats.Documents.Load()) / secs, QueueStream: qo.Stream,
		AnalysisSeconds: time.Duration(stats.AnalysisNanos.Load()).Seconds(), LockWaitSeconds: time.Duration(stats.LockWaitNanos.Load()).Seconds(),
		LockedSeconds: time.Duration(stats.LockedNanos.Load()).Seconds()}
	e.notef("parallax worker: stopped: %d document(s) committed (%d new) in %.1fs", rep.Documents, rep.Added, secs)
	if e.json {
		if err := printJSON(e.stdout, rep); err != nil {
			return err
		}
	}
	return cerr
}

// analyzeWhenIdle is the worker as coordinator (--analyze-every): once this
// worker has handled nothing for every, and the queue holds nothing
// pending or in flight, it runs the corpus stage if documents arrived
// since the last run (by any worker: the count is kept in the store).
func analyzeWhenIdle(ctx context.Context, st store.Store, corpus *pipeline.Corpus, natsURL string, qo queue.Options,
	every time.Duration, stats *WorkerStats, analyses *atomic.Int64, logf func(string, ...any)) {
	t := time.NewTicker(min(every, 5*time.Second))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if last := stats.lastBatch.Load(); last != 0 && time.Since(time.Unix(0, last)) < every {
			continue
		}
		qs, err := queue.Stat(ctx, natsURL, qo)
		if err != nil || qs.Pending > 0 || qs.InFlight > 0 {
			continue
		}
		t0 := time.Now()
		ran, err := pipeline.AnalyzeCorpus(ctx, st, corpus, true)
		switch {
		case err != nil && ctx.Err() == nil:
			logf("cross-document analysis: %v", err)
		case ran:
			analyses.Add(1)
			logf("cross-document analysis done in %.1fs", time.Since(t0).Seconds())
		}
	}
}

// redactDSN hides a password in a database or NATS URL for messages.
func redactDSN(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		rest := dsn[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				return dsn[:i+3] + rest[:c] + ":***" + rest[at:]
			}
		}
	}
	return dsn
}
