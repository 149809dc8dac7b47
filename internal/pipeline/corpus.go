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

	states stateCache // decoded story states, reused across batches
}

// NewCorpus returns the corpus stages parallax runs.
func NewCorpus() *Corpus { return &Corpus{Resolve: resolve.DefaultOptions()} }

// AfterCommit runs incremental cross-document work on a committed batch, in
// arrival order.
func (c *Corpus) AfterCommit(ctx context.Context, st store.Store, batch []store.DocumentRecord) error {
	return c.assignStories(ctx, st, batch)
}

// Run recomputes the corpus-wide results from the stored analyses. It
// streams the documents and keeps none of their texts: resolution starts
// from each document's local entities (model.Analysis.LocalEntities, found
// when it was analysed).
func (c *Corpus) Run(ctx context.Context, st store.Store) error {
	rs, err := resolve.NewResolver(c.Resolve)
	if err != nil {
		return fmt.Errorf("resolve entities: %w", err)
	}
	var ids []string
	published := map[string]string{}
	err = st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		dm, err := docMentions(&d, &a)
		if err != nil {
			return err
		}
		rs.Add(&dm)
		ids = append(ids, d.ID)
		published[d.ID] = d.Published
		return nil
	})
	if err != nil {
		return fmt.Errorf("read analyses: %w", err)
	}
	if len(ids) == 0 {
		return fmt.Errorf("resolve entities: %w", resolve.ErrNoDocs)
	}
	decisions, err := LoadDecisions(ctx, st)
	if err != nil {
		return err
	}
	res, err := rs.Resolve(decisions)
	if err != nil {
		return fmt.Errorf("resolve entities: %w", err)
	}
	mentionEntity := make(map[string][]string, len(ids))
	for i, id := range ids {
		if i < len(res.MentionEntity) {
			mentionEntity[id] = res.MentionEntity[i]
		}
	}
	if err := st.ReplaceEntities(ctx, res.Entities, mentionEntity); err != nil {
		return fmt.Errorf("store entities: %w", err)
	}
	if err := c.mergeEvents(ctx, st, res.Entities, mentionEntity); err != nil {
		return err
	}
	if err := c.summariseStories(ctx, st, published, res.Entities); err != nil {
		return fmt.Errorf("stories: %w", err)
	}
	return c.claimsAndFrames(ctx, st, res.Entities, mentionEntity)
}

// docMentions is what resolution reads of one document: its mentions and
// local entities as analysed, or, for a document analysed before local
// entities were stored, its text, for the within-document step to run now.
func docMentions(d *model.Document, a *model.Analysis) (resolve.DocMentions, error) {
	dm := resolve.DocMentions{Doc: d.ID, Mentions: a.Mentions}
	if len(a.LocalEntities) == len(a.Mentions)+len(a.Aside) && len(a.AsideLines) == len(a.Aside) {
		dm.Groups = a.LocalEntities
		for i, m := range a.Aside {
			dm.Aside = append(dm.Aside, resolve.AsideMention{Line: a.AsideLines[i], Mention: m})
		}
		return dm, nil
	}
	names, err := kbNames()
	if err != nil {
		return dm, err
	}
	dm.Text = d.Text
	dm.Aside, dm.Lines = asideMentions(d.Removed, names)
	return dm, nil
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
