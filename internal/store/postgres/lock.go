package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parallaxhq/parallax/internal/store"
)

// lockCheckInterval is how often the session holding a named lock is
// checked while fn runs. A lost session (the server restarted, the network
// broke) releases the lock on the server, so fn's context is cancelled
// within about this long of another process being able to take it.
const lockCheckInterval = time.Second

// lockKey is the advisory-lock key of a named lock: the first 8 bytes of
// SHA-256 over schema and name, so that stores in different schemas of one
// database do not share locks.
func lockKey(schema, name string) int64 {
	h := sha256.Sum256([]byte("parallax lock\x00" + schema + "\x00" + name))
	return int64(binary.BigEndian.Uint64(h[:8]))
}

// Exclusive implements store.Store with a session-level
// pg_advisory_lock, held on a connection of its own for as long as fn runs
// (fn runs several transactions, so a transaction-level lock would not
// do). Goroutines of one process queue for the name in the process first,
// so that at most one pool connection per name waits on the server.
//
// Advisory locks belong to a server session: they need direct connections
// or session pooling (PgBouncer in transaction mode would hand the session
// to someone else).
func (s *Store) Exclusive(ctx context.Context, name string, fn func(ctx context.Context) error) error {
	local := s.localLock(name)
	select {
	case local <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("wait for lock %q: %w", name, ctx.Err())
	}
	defer func() { <-local }()

	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("lock %q: connect: %w", name, err)
	}
	schema := s.schema
	if schema == "" {
		if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
			destroy(conn)
			return fmt.Errorf("lock %q: current schema: %w", name, err)
		}
	}
	key := lockKey(schema, name)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		// The lock may have been granted just as the wait was cancelled:
		// ending the session releases it either way.
		destroy(conn)
		return fmt.Errorf("wait for lock %q: %w", name, err)
	}

	fnCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var lost bool
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(lockCheckInterval)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				pctx, pcancel := context.WithTimeout(context.WithoutCancel(ctx), lockCheckInterval)
				err := conn.Ping(pctx)
				pcancel()
				if err != nil {
					lost = true
					cancel(fmt.Errorf("%w: %v", store.ErrLockLost, err))
					return
				}
			}
		}
	}()
	ferr := fn(fnCtx)
	close(stop)
	wg.Wait()
	if lost {
		destroy(conn)
		return errors.Join(ferr, fmt.Errorf("lock %q: %w", name, context.Cause(fnCtx)))
	}

	uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer ucancel()
	var released bool
	if err := conn.QueryRow(uctx, "SELECT pg_advisory_unlock($1)", key).Scan(&released); err != nil || !released {
		destroy(conn) // ending the session releases whatever it held
		if err == nil {
			err = errors.New("it was not held")
		}
		return errors.Join(ferr, fmt.Errorf("lock %q: %w: release: %v", name, store.ErrLockLost, err))
	}
	conn.Release()
	return ferr
}

// localLocks holds the in-process queue of each (store, lock name); kept
// here rather than in Store so that the lock is a file of its own. An entry
// is one small channel and outlives a closed store, which is harmless.
var localLocks sync.Map // localLockKey -> chan struct{}

type localLockKey struct {
	s    *Store
	name string
}

// localLock returns the in-process queue for a lock name.
func (s *Store) localLock(name string) chan struct{} {
	ch, _ := localLocks.LoadOrStore(localLockKey{s, name}, make(chan struct{}, 1))
	return ch.(chan struct{})
}

// destroy closes a pool connection instead of returning it to the pool,
// ending its session and so any advisory lock it held.
func destroy(c *pgxpool.Conn) {
	raw := c.Hijack()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	raw.Close(ctx)
}
