package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/parallaxhq/parallax/internal/events"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// mergeEvents merges the event mentions of every document into events,
// naming places and participants by their resolved entity ids.
func (c *Corpus) mergeEvents(ctx context.Context, st store.Store, ents []model.Entity, mentionEntity map[string][]string) error {
	byID := make(map[string]model.Entity, len(ents))
	for _, e := range ents {
		byID[e.ID] = e
	}
	// The entity of each mention text, per document.
	textEntity := map[string]map[string]string{}
	var docs []events.DocEvents
	err := st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		if len(a.Events) == 0 {
			return nil
		}
		ids := mentionEntity[d.ID]
		m := map[string]string{}
		for i, mn := range a.Mentions {
			if i < len(ids) && ids[i] != "" {
				m[strings.ToLower(mn.Text)] = ids[i]
			}
		}
		textEntity[d.ID] = m
		for i := range a.Events {
			a.Events[i].Doc = d.ID
		}
		docs = append(docs, events.DocEvents{Doc: d.ID, Text: d.Text, Events: a.Events})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read event mentions: %w", err)
	}
	opts := events.DefaultMergeOptions()
	opts.EntityOf = func(doc, text string) string { return textEntity[doc][strings.ToLower(text)] }
	opts.Coords = func(id string) (float64, float64, bool) {
		e, ok := byID[id]
		if !ok || e.Lat == nil || e.Lon == nil {
			return 0, 0, false
		}
		return *e.Lat, *e.Lon, true
	}
	opts.NameOf = func(id string) string { return byID[id].Name }
	evs := events.Merge(docs, opts)
	if err := st.ReplaceEvents(ctx, evs); err != nil {
		return fmt.Errorf("store events: %w", err)
	}
	return nil
}
