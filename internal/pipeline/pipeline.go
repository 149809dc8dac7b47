// Package pipeline runs the stages in order: it takes raw items from ingest,
// cleans and analyses each document on a pool of workers, writes documents to
// the store in batched transactions in arrival order, and then runs the
// corpus-wide stages (resolution, events, stories, contradictions, frames).
// It owns ordering, batching, failure isolation and progress; the analyses
// themselves live in the stage packages, which never see the store.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/parallaxhq/parallax/internal/clean"
	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/store"
)

// Options tune a pipeline run. Start from DefaultOptions.
type Options struct {
	Workers   int // per-document analysis goroutines
	BatchSize int // documents per store transaction
	Ingest    ingest.Options
	// SkipCorpus leaves the corpus-wide stages for a later Analyze call.
	SkipCorpus bool
	// Progress, when set, is called after every committed batch and failure.
	Progress func(Progress)
}

// DefaultOptions returns the options parallax uses unless told otherwise.
func DefaultOptions() Options {
	return Options{Workers: runtime.GOMAXPROCS(0), BatchSize: 200, Ingest: ingest.DefaultOptions()}
}

// Progress is a snapshot of a running ingest.
type Progress struct {
	Seen, Added, Duplicates, Failed int
	Bytes                           int64
	Stage                           string
}

// Failure is an input or document that could not be ingested.
type Failure struct {
	Source string `json:"source"`
	Reason string `json:"reason"`
}

// Report sums up an ingest run.
type Report struct {
	Seen           int           `json:"seen"`
	Added          int           `json:"added"`
	Duplicates     int           `json:"duplicates"`
	NearDuplicates int           `json:"near_duplicates"`
	Failed         int           `json:"failed"`
	Failures       []Failure     `json:"failures"`
	Bytes          int64         `json:"bytes"`
	Elapsed        time.Duration `json:"-"`
	Seconds        float64       `json:"seconds"`
	Documents      []string      `json:"documents"` // ids of the documents found (added or already stored)
}

type job struct {
	seq  int
	item ingest.Item
}

type done struct {
	seq  int
	rec  store.DocumentRecord
	err  error
	src  string
	size int
}

// Processor turns one raw item into a document record: cleaning plus every
// per-document stage. It must be safe for concurrent use.
type Processor interface {
	Process(it ingest.Item) (store.DocumentRecord, error)
}

// Run ingests inputs into st.
func Run(ctx context.Context, st store.Store, proc Processor, corpus *Corpus, inputs []string, opts Options) (Report, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = 1
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 200
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if corpus != nil {
		// A run killed between writing a batch and filing its stories left
		// the batch marked: file those documents first.
		if err := st.Exclusive(ctx, CorpusLock, func(ctx context.Context) error {
			return finishStories(ctx, st, corpus)
		}); err != nil {
			return Report{}, err
		}
	}

	rep := Report{Failures: []Failure{}, Documents: []string{}}
	var mu sync.Mutex // guards rep failures and progress from the walker
	progress := func(stage string) {
		if opts.Progress != nil {
			opts.Progress(Progress{Seen: rep.Seen, Added: rep.Added, Duplicates: rep.Duplicates, Failed: rep.Failed, Bytes: rep.Bytes, Stage: stage})
		}
	}
	fail := func(source, reason string) {
		mu.Lock()
		rep.Failed++
		rep.Failures = append(rep.Failures, Failure{Source: source, Reason: reason})
		progress("ingest")
		mu.Unlock()
	}

	jobs := make(chan job, opts.Workers*4)
	results := make(chan done, opts.Workers*4)
	walkErr := make(chan error, 1)
	go func() {
		seq := 0
		w := ingest.NewWalker(opts.Ingest, func(it ingest.Item) error {
			select {
			case jobs <- job{seq: seq, item: it}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(e *ingest.InputError) { fail(e.Source, e.Err.Error()) })
		walkErr <- w.Walk(ctx, inputs)
		close(jobs)
	}()
	var wg sync.WaitGroup
	for i := 0; i < opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				rec, err := safeProcess(proc, j.item)
				select {
				case results <- done{seq: j.seq, rec: rec, err: err, src: j.item.Source, size: len(j.item.Body)}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	// Commit in arrival order: stories and near-duplicate links depend on it.
	var filer *storyFiler
	if corpus != nil {
		filer = startFiler(ctx, st, corpus, cancel)
	}
	pending := map[int]done{}
	next := 0
	var batch []store.DocumentRecord
	inBatch := map[string]bool{}
	var commitErr error
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if filer != nil {
			if err := filer.mark(ctx, batch); err != nil {
				return err
			}
		}
		added, err := st.PutDocuments(ctx, batch)
		if err != nil {
			return fmt.Errorf("write batch ending at %s: %w", batch[len(batch)-1].Doc.Source, err)
		}
		if filer != nil {
			if err := filer.file(ctx, batch); err != nil {
				return err
			}
		}
		mu.Lock()
		rep.Added += added
		progress("ingest")
		mu.Unlock()
		batch = batch[:0]
		clear(inBatch)
		return nil
	}
	handle := func(d done) error {
		mu.Lock()
		rep.Seen++
		rep.Bytes += int64(d.size)
		mu.Unlock()
		if d.err != nil {
			fail(d.src, d.err.Error())
			return nil
		}
		id := d.rec.Doc.ID
		rep.Documents = append(rep.Documents, id)
		if inBatch[id] {
			rep.Duplicates++
			return nil
		}
		has, err := st.HasDocument(ctx, id)
		if err != nil {
			return err
		}
		if has {
			rep.Duplicates++
			return st.AddSource(ctx, id, d.rec.Doc.Source)
		}
		if d.rec.Doc.NearDuplicateOf == "" && len(d.rec.Bands) > 0 {
			if near, err := nearDuplicate(ctx, st, batch, d.rec); err != nil {
				return err
			} else if near != "" {
				d.rec.Doc.NearDuplicateOf = near
				rep.NearDuplicates++
			}
		}
		inBatch[id] = true
		batch = append(batch, d.rec)
		if len(batch) >= opts.BatchSize {
			return flush()
		}
		return nil
	}
	for d := range results {
		if commitErr != nil {
			continue // drain
		}
		pending[d.seq] = d
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := handle(p); err != nil {
				commitErr = err
				cancel()
				break
			}
		}
	}
	if commitErr == nil {
		commitErr = flush()
	}
	if filer != nil {
		if err := filer.wait(); err != nil && (commitErr == nil || errors.Is(commitErr, context.Canceled)) {
			commitErr = err
		}
	}
	werr := <-walkErr
	if commitErr != nil {
		return rep, commitErr
	}
	if werr != nil && !errors.Is(werr, context.Canceled) {
		return rep, werr
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if corpus != nil && !opts.SkipCorpus && rep.Added > 0 {
		progress("analyse corpus")
		if err := st.Exclusive(ctx, CorpusLock, func(ctx context.Context) error {
			return corpus.Run(ctx, st)
		}); err != nil {
			return rep, err
		}
	}
	rep.Elapsed = time.Since(start)
	rep.Seconds = rep.Elapsed.Seconds()
	return rep, nil
}

// safeProcess runs the processor, turning a panic in any stage into an error
// that names the input, so one hostile document cannot stop the others.
func safeProcess(p Processor, it ingest.Item) (rec store.DocumentRecord, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while analysing (please report): %v\n%s", r, firstLines(string(debug.Stack()), 12))
		}
	}()
	return p.Process(it)
}

func firstLines(s string, n int) string {
	lines := 0
	for i, c := range s {
		if c == '\n' {
			lines++
			if lines == n {
				return s[:i]
			}
		}
	}
	return s
}

// nearDuplicate finds an earlier document (stored or in the pending batch)
// whose sketch is within the near-duplicate distance of rec's.
func nearDuplicate(ctx context.Context, st store.Store, batch []store.DocumentRecord, rec store.DocumentRecord) (string, error) {
	for _, b := range batch {
		if NearSketch(b.Doc.SimHash, rec.Doc.SimHash) {
			return b.Doc.ID, nil
		}
	}
	cands, err := st.NearDuplicates(ctx, rec.Bands)
	if err != nil {
		return "", err
	}
	for _, c := range cands {
		if c.ID != rec.Doc.ID && NearSketch(c.SimHash, rec.Doc.SimHash) {
			if c.NearDuplicateOf != "" {
				return c.NearDuplicateOf, nil
			}
			return c.ID, nil
		}
	}
	return "", nil
}

// NearSketch reports whether two SimHash sketches are near duplicates.
func NearSketch(a, b uint64) bool { return clean.Distance(a, b) <= clean.MaxNearDistance }
