package pipeline

import (
	"context"
	"fmt"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/frames"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// claimsAndFrames runs, once entities are resolved, the stages that need
// entity ids: quote speakers named by entity, each document's framing of
// each entity, and contradictions across and within documents. It streams
// the documents once more and keeps only their claims and frames (with the
// sentences that show them), never their texts.
func (c *Corpus) claimsAndFrames(ctx context.Context, st store.Store, ents []model.Entity, mentionEntity map[string][]string) error {
	names := make(map[string]string, len(ents))
	canonical := map[string]string{}
	for _, e := range ents {
		names[e.ID] = e.Name
		canonical[claims.FoldKey(e.Name)] = e.ID
		for _, a := range e.Aliases {
			if k := claims.FoldKey(a.Text); k != "" {
				if _, taken := canonical[k]; !taken {
					canonical[k] = e.ID
				}
			}
		}
	}
	var quotes []model.Quote
	var allFrames []model.Frame
	var docClaims []claims.DocClaims
	copts := claims.ContradictionOptions{Canonical: func(folded string) string { return canonical[folded] }}
	err := st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		ids := mentionEntity[d.ID]
		entityAt := func(start, end int) string {
			for i, m := range a.Mentions {
				if i < len(ids) && ids[i] != "" && m.Start < end && start < m.End {
					return ids[i]
				}
			}
			return ""
		}
		for _, q := range a.Quotes {
			q.Doc = d.ID
			if q.Speaker.Entity == "" && q.SpeakerEnd > q.SpeakerStart {
				q.Speaker.Entity = entityAt(q.SpeakerStart, q.SpeakerEnd)
			}
			quotes = append(quotes, q)
		}
		in := frames.Input{Input: claims.Input{DocID: d.ID, Outlet: d.Outlet, Text: d.Text, Sentences: a.Sentences, Mentions: a.Mentions}, Quotes: a.Quotes}
		opts := frames.DefaultOptions()
		opts.EntityKey = func(i int) string {
			if i < len(ids) {
				return ids[i]
			}
			return ""
		}
		fs := frames.Analyze(in, opts)
		for i := range fs {
			fs[i].Doc, fs[i].Outlet = d.ID, d.Outlet
			if n, ok := names[fs[i].Entity]; ok {
				fs[i].Name = n
			}
		}
		allFrames = append(allFrames, fs...)
		for i := range a.Claims {
			a.Claims[i].Doc = d.ID
		}
		// compacted: the sentences that show each frame, not the text
		dc := claims.DocClaims{Doc: d.ID, Outlet: d.Outlet, Text: d.Text, Sentences: a.Sentences, Claims: a.Claims, Frames: fs}
		docClaims = append(docClaims, dc.Compact(copts))
		return nil
	})
	if err != nil {
		return fmt.Errorf("claims and frames: %w", err)
	}
	cs := claims.Contradictions(docClaims, copts)
	if err := st.ReplaceQuotes(ctx, quotes); err != nil {
		return fmt.Errorf("store quotes: %w", err)
	}
	if err := st.ReplaceFrames(ctx, allFrames); err != nil {
		return fmt.Errorf("store frames: %w", err)
	}
	if err := st.ReplaceContradictions(ctx, cs); err != nil {
		return fmt.Errorf("store contradictions: %w", err)
	}
	return nil
}
