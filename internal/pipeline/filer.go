package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/parallaxhq/parallax/internal/store"
)

// storyFiler files committed batches under stories on a goroutine of its
// own, in the order they were committed, so that Run writes the next batch
// while the previous one is being filed (each is mostly store work, and
// they used to alternate on the committer). Batches written but not yet
// filed stay marked in the store (metaPendingStories), so a run killed in
// between leaves them for the next run's finishStories.
type storyFiler struct {
	st     store.Store
	corpus *Corpus
	cancel context.CancelFunc
	in     chan []store.DocumentRecord
	done   chan struct{}

	mu     sync.Mutex // guards marked and err
	marked []string   // ids written and not yet filed, in order
	err    error
}

func startFiler(ctx context.Context, st store.Store, corpus *Corpus, cancel context.CancelFunc) *storyFiler {
	f := &storyFiler{st: st, corpus: corpus, cancel: cancel, in: make(chan []store.DocumentRecord, 1), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		for batch := range f.in {
			if f.failed() != nil {
				continue // drain
			}
			err := st.Exclusive(ctx, CorpusLock, func(ctx context.Context) error {
				if err := corpus.AfterCommit(ctx, st, batch); err != nil {
					return err
				}
				return f.unmark(ctx, len(batch))
			})
			if err != nil {
				f.mu.Lock()
				f.err = err
				f.mu.Unlock()
				cancel()
			}
		}
	}()
	return f
}

// failed returns the first error filing met, if any.
func (f *storyFiler) failed() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// mark records, before a batch is written, that its documents wait for
// their stories.
func (f *storyFiler) mark(ctx context.Context, batch []store.DocumentRecord) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.marked = append(f.marked, idsOf(batch)...)
	return f.save(ctx)
}

// unmark drops the first n marked ids, those of the batch just filed.
func (f *storyFiler) unmark(ctx context.Context, n int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.marked = f.marked[min(n, len(f.marked)):]
	return f.save(ctx)
}

func (f *storyFiler) save(ctx context.Context) error {
	value := ""
	if len(f.marked) > 0 {
		b, err := json.Marshal(f.marked)
		if err != nil {
			return err
		}
		value = string(b)
	}
	if err := f.st.SetMeta(ctx, metaPendingStories, value); err != nil {
		return fmt.Errorf("mark batch: %w", err)
	}
	return nil
}

// file hands a written batch over (a copy: the caller reuses its slice).
func (f *storyFiler) file(ctx context.Context, batch []store.DocumentRecord) error {
	select {
	case f.in <- slices.Clone(batch):
		return f.failed()
	case <-ctx.Done():
		if err := f.failed(); err != nil {
			return err
		}
		return ctx.Err()
	}
}

// wait lets every handed batch be filed and returns the first error.
func (f *storyFiler) wait() error {
	close(f.in)
	<-f.done
	return f.failed()
}
