package pipeline

import (
	"context"

	"github.com/parallaxhq/parallax/internal/store"
)

// Corpus runs the stages that look across documents.
type Corpus struct{}

// NewCorpus returns the corpus stages parallax runs.
func NewCorpus() *Corpus { return &Corpus{} }

// AfterCommit runs incremental cross-document work on a committed batch, in
// arrival order.
func (c *Corpus) AfterCommit(ctx context.Context, st store.Store, batch []store.DocumentRecord) error {
	return nil
}

// Run recomputes the corpus-wide results from the stored analyses.
func (c *Corpus) Run(ctx context.Context, st store.Store) error {
	return nil
}
