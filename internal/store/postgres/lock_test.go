package postgres

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/store"
)

// lockTestStore opens a store on a fresh schema of the test server, or
// skips the test.
func lockTestStore(t *testing.T) *Store {
	t.Helper()
	base := os.Getenv("PARALLAX_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Skipf("skipping PostgreSQL test: not reachable at %s (set PARALLAX_TEST_POSTGRES): %v", base, err)
	}
	conn.Close(ctx)
	u, err := url.Parse(base)
	if err != nil {
		t.Skipf("skipping: PARALLAX_TEST_POSTGRES is not a URL: %v", err)
	}
	var b [6]byte
	crand.Read(b[:])
	schema := "ptest_lock_" + hex.EncodeToString(b[:])
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		ctx := context.Background()
		if conn, err := pgx.Connect(ctx, base); err == nil {
			conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
			conn.Close(ctx)
		}
	})
	return s
}

// TestExclusiveLockLost ends the session holding a lock while fn runs (as a
// server restart would) and checks that fn's context is cancelled with
// ErrLockLost, and that the lock can be taken again afterwards.
func TestExclusiveLockLost(t *testing.T) {
	s := lockTestStore(t)
	ctx := context.Background()
	key := lockKey(s.schema, "corpus")
	err := s.Exclusive(ctx, "corpus", func(fctx context.Context) error {
		var killed bool
		// An int8 advisory key shows in pg_locks as classid (high half)
		// and objid (low half) with objsubid 1.
		err := s.pool.QueryRow(ctx, `SELECT pg_terminate_backend(pid) FROM pg_locks
			WHERE locktype = 'advisory' AND granted AND objsubid = 1
			AND classid::bigint = $1 AND objid::bigint = $2`,
			uint32(uint64(key)>>32), uint32(uint64(key))).Scan(&killed)
		if err != nil || !killed {
			t.Errorf("terminate the lock's session: %v %v", killed, err)
			return nil
		}
		select {
		case <-fctx.Done():
			return fctx.Err()
		case <-time.After(30 * time.Second):
			return errors.New("fn's context still alive 30s after its lock was lost")
		}
	})
	if !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("got %v, want ErrLockLost", err)
	}
	ran := false
	if err := s.Exclusive(ctx, "corpus", func(context.Context) error { ran = true; return nil }); err != nil || !ran {
		t.Fatalf("take the lock again: ran=%v err=%v", ran, err)
	}
}

// TestLockKeysDiffer checks that schemas and names give distinct keys.
func TestLockKeysDiffer(t *testing.T) {
	seen := map[int64]string{}
	for _, c := range []struct{ schema, name string }{
		{"public", "corpus"}, {"run1", "corpus"}, {"run1", "corpu"}, {"run1c", "orpus"}, {"", "corpus"},
	} {
		k := lockKey(c.schema, c.name)
		if k == migrationLockKey {
			t.Errorf("%s/%s: collides with the migration lock", c.schema, c.name)
		}
		if prev, ok := seen[k]; ok {
			t.Errorf("%s/%s: same key as %s", c.schema, c.name, prev)
		}
		seen[k] = c.schema + "/" + c.name
	}
}
