package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/postgres"
)

// TestSendBatchAllOrNothing checks what CountKeys and PutStory rely on: a
// batch sent in one round trip is one implicit transaction, so a failing
// statement undoes the ones before it.
func TestSendBatchAllOrNothing(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	err := postgres.SendBatch(s, ctx, func(b *pgx.Batch) {
		b.Queue("INSERT INTO meta(key, value) VALUES ('batch-test', 'written')")
		b.Queue("SELECT 1 / 0")
	})
	if err == nil {
		t.Fatal("a batch with a failing statement reported success")
	}
	if v, err := s.Meta(ctx, "batch-test"); v != "" && !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the statement before the failure was kept: %q %v", v, err)
	}
	if err := postgres.SendBatch(s, ctx, func(b *pgx.Batch) {
		b.Queue("INSERT INTO meta(key, value) VALUES ('batch-test', 'written')")
	}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Meta(ctx, "batch-test"); v != "written" {
		t.Fatalf("a good batch was not written: %q", v)
	}
}
