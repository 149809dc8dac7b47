package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
)

// Named locks of SQLite stores live in the process. A SQLite database is
// written by one process (it is the embedded single-machine default;
// several workers share a PostgreSQL store instead), so a lock per database
// file and name within the process is enough, and two Store values opened
// on the same file in one process (the web server and an ingest, say) still
// exclude each other. Two parallax processes writing one SQLite file at
// once are not coordinated by Exclusive; SQLite still serialises their
// transactions, so nothing is half-written, but their corpus stages may
// interleave.
var (
	locksMu sync.Mutex
	locks   = map[lockKey]chan struct{}{}
)

type lockKey struct{ path, name string }

func (s *Store) lockOf(name string) chan struct{} {
	path := s.path
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	k := lockKey{path, name}
	locksMu.Lock()
	defer locksMu.Unlock()
	ch, ok := locks[k]
	if !ok {
		ch = make(chan struct{}, 1)
		locks[k] = ch
	}
	return ch
}

// Exclusive implements store.Store with an in-process lock per database
// file and name (see above). Waiting for it ends with ctx.
func (s *Store) Exclusive(ctx context.Context, name string, fn func(ctx context.Context) error) error {
	ch := s.lockOf(name)
	select {
	case ch <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("wait for lock %q: %w", name, ctx.Err())
	}
	defer func() { <-ch }()
	return fn(ctx)
}
