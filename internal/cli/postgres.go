package cli

import (
	"context"

	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/postgres"
)

// The scale-out wiring: a postgres:// --db opens store/postgres, and
// `ingest --queue` publishes to NATS JetStream (queue_ingest.go). root.go
// and ingest.go only declare these hooks, so that the commands read the
// same whichever back end serves them.
func init() {
	openPostgres = func(ctx context.Context, dsn string) (store.Store, error) {
		return postgres.Open(ctx, dsn)
	}
	ingestToQueue = ingestQueue
}
