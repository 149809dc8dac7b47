package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/postgres"
)

// TestExclusiveLockLost ends the session holding a lock while fn runs (as a
// server restart would) and checks that fn's context is cancelled with
// ErrLockLost, and that the lock can be taken again afterwards.
func TestExclusiveLockLost(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	err := s.Exclusive(ctx, "corpus", func(fctx context.Context) error {
		if killed, err := postgres.TerminateLockHolder(ctx, s, "corpus"); err != nil || !killed {
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
