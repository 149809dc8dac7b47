package pipeline

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve"
	"github.com/parallaxhq/parallax/internal/store"
)

// Corpus runs the stages that look across documents: story assignment as
// documents are committed, and, once a run's inputs are all in, entity
// resolution (with the analysts' curation decisions re-applied), events,
// contradictions and frames.
type Corpus struct {
	Resolve resolve.Options
}

// NewCorpus returns the corpus stages parallax runs.
func NewCorpus() *Corpus { return &Corpus{Resolve: resolve.DefaultOptions()} }

// AfterCommit runs incremental cross-document work on a committed batch, in
// arrival order.
func (c *Corpus) AfterCommit(ctx context.Context, st store.Store, batch []store.DocumentRecord) error {
	return nil
}

// corpusDoc is what the corpus stage keeps of each document.
type corpusDoc struct {
	doc      model.Document
	analysis model.Analysis
}

// Run recomputes the corpus-wide results from the stored analyses.
func (c *Corpus) Run(ctx context.Context, st store.Store) error {
	var docs []corpusDoc
	var dms []resolve.DocMentions
	err := st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		dms = append(dms, resolve.DocMentions{Doc: d.ID, Text: d.Text, Mentions: a.Mentions})
		d.Text = "" // the resolver keeps its own reference; drop ours
		docs = append(docs, corpusDoc{doc: d, analysis: a})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read analyses: %w", err)
	}
	decisions, err := LoadDecisions(ctx, st)
	if err != nil {
		return err
	}
	res, err := resolve.Resolve(dms, decisions, c.Resolve)
	if err != nil {
		return fmt.Errorf("resolve entities: %w", err)
	}
	mentionEntity := make(map[string][]string, len(dms))
	for i, dm := range dms {
		if i < len(res.MentionEntity) {
			mentionEntity[dm.Doc] = res.MentionEntity[i]
			for j := range docs[i].analysis.Mentions {
				if j < len(res.MentionEntity[i]) {
					docs[i].analysis.Mentions[j].Entity = res.MentionEntity[i][j]
				}
			}
		}
	}
	if err := st.ReplaceEntities(ctx, res.Entities, mentionEntity); err != nil {
		return fmt.Errorf("store entities: %w", err)
	}
	return nil
}

// LoadDecisions reads the analysts' curation decisions in the order they were made.
func LoadDecisions(ctx context.Context, st store.Store) ([]resolve.Decision, error) {
	rows, err := st.Decisions(ctx)
	if err != nil {
		return nil, fmt.Errorf("read curation decisions: %w", err)
	}
	out := make([]resolve.Decision, 0, len(rows))
	for _, r := range rows {
		var d resolve.Decision
		if err := json.Unmarshal(r.Data, &d); err != nil {
			return nil, fmt.Errorf("curation decision %d: %w", r.Seq, err)
		}
		out = append(out, d)
	}
	return out, nil
}
