package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/parallaxhq/parallax/internal/clean"
	"github.com/parallaxhq/parallax/internal/lang"
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
	return c.assignStories(ctx, st, batch)
}

// Run recomputes the corpus-wide results from the stored analyses.
func (c *Corpus) Run(ctx context.Context, st store.Store) error {
	var dms []resolve.DocMentions
	published := map[string]string{}
	names, err := kbNames()
	if err != nil {
		return err
	}
	err = st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		dm := resolve.DocMentions{Doc: d.ID, Text: d.Text, Mentions: a.Mentions}
		dm.Aside, dm.Lines = asideMentions(d.Removed, names)
		dms = append(dms, dm)
		published[d.ID] = d.Published
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
		}
	}
	dms = nil // the texts are not needed any more
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

// asideReasons are the removal reasons of lines that are read for names:
// they were cut from the article's text but still name what it speaks of
// (related posts, image credits, bylines). Interface text, counters and
// dates name nothing; duplicates and other-language lines are left out.
var asideReasons = map[string]bool{
	clean.ReasonRelatedLinks: true,
	clean.ReasonImageCredit:  true,
	clean.ReasonByline:       true,
}

// minAsideWords is the fewest words a removed line needs to be read: a
// heading such as "Similar post" or "Related Articles" is no sentence.
const minAsideWords = 4

// asideMentions finds the mentions in a document's removed lines (see
// resolve.DocMentions.Aside). Lines is the removed lines' text, indexed as
// Removed. The lines are analysed one by one, each as a text of its own.
func asideMentions(removed []model.RemovedLine, names lang.NameOptions) ([]resolve.AsideMention, []string) {
	var out []resolve.AsideMention
	var lines []string
	for i, rl := range removed {
		if !asideReasons[rl.Reason] || len(strings.Fields(rl.Line)) < minAsideWords {
			continue
		}
		if lines == nil {
			lines = make([]string, len(removed))
			for j := range removed {
				lines[j] = removed[j].Line
			}
		}
		for _, m := range lang.AnalyzeNames(rl.Line, names).Mentions {
			out = append(out, resolve.AsideMention{Line: i, Mention: m})
		}
	}
	return out, lines
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
