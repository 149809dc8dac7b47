package query

import (
	"context"
	"sort"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// Overview is the front page: how much there is, the outlets and the most
// named entities of each type.
type Overview struct {
	Counts  map[string]int         `json:"counts"`
	Outlets []OutletCount          `json:"outlets"`
	Top     map[string][]TopEntity `json:"top_entities"`
	Stories []StoryRow             `json:"stories"`
}

// TopEntity is an entity in the overview's lists.
type TopEntity struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Mentions int    `json:"mentions"`
}

// TopEntities lists the most mentioned entities of a type ("" for any),
// without their aliases or documents.
func TopEntities(ctx context.Context, st store.Store, typ string, limit int) ([]TopEntity, error) {
	top := []TopEntity{}
	if er, ok := st.(EntityRanker); ok {
		err := er.TopEntities(ctx, typ, limit, func(id, name, typ string, mentions int) {
			top = append(top, TopEntity{ID: id, Name: name, Type: typ, Mentions: mentions})
		})
		return top, err
	}
	ents, err := st.Entities(ctx, store.EntityFilter{Type: typ, Limit: limit})
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		top = append(top, TopEntity{ID: e.ID, Name: e.Name, Type: e.Type, Mentions: e.Mentions})
	}
	return top, nil
}

// EntityRanker lists the most mentioned entities of a type ("" for any)
// without reading their aliases or documents.
type EntityRanker interface {
	TopEntities(ctx context.Context, typ string, limit int, fn func(id, name, typ string, mentions int)) error
}

// OutletCount is an outlet and its number of documents.
type OutletCount struct {
	Outlet string `json:"outlet"`
	Docs   int    `json:"docs"`
}

// Summary builds the overview.
func Summary(ctx context.Context, st store.Store) (Overview, error) {
	o := Overview{Counts: map[string]int{}, Outlets: []OutletCount{}, Top: map[string][]TopEntity{}, Stories: []StoryRow{}}
	if c, ok := st.(Counter); ok {
		counts, err := c.Counts(ctx)
		if err != nil {
			return o, err
		}
		o.Counts = counts
	} else {
		n, err := st.CountDocuments(ctx)
		if err != nil {
			return o, err
		}
		o.Counts["documents"] = n
	}
	if ol, ok := st.(OutletLister); ok {
		if err := ol.Outlets(ctx, 50, func(outlet string, docs int) { o.Outlets = append(o.Outlets, OutletCount{outlet, docs}) }); err != nil {
			return o, err
		}
	} else {
		counts := map[string]int{}
		f := store.DocFilter{Limit: 1000}
		for {
			docs, err := st.Documents(ctx, f)
			if err != nil {
				return o, err
			}
			for _, d := range docs {
				counts[d.Outlet]++
			}
			if len(docs) < f.Limit {
				break
			}
			f.After = docs[len(docs)-1].Seq
		}
		for k, v := range counts {
			o.Outlets = append(o.Outlets, OutletCount{k, v})
		}
		sort.Slice(o.Outlets, func(i, j int) bool {
			if o.Outlets[i].Docs != o.Outlets[j].Docs {
				return o.Outlets[i].Docs > o.Outlets[j].Docs
			}
			return o.Outlets[i].Outlet < o.Outlets[j].Outlet
		})
		if len(o.Outlets) > 50 {
			o.Outlets = o.Outlets[:50]
		}
	}
	for _, t := range []string{model.Person, model.Org, model.Place, model.Misc} {
		top, err := TopEntities(ctx, st, t, 10)
		if err != nil {
			return o, err
		}
		o.Top[t] = top
	}
	sp, err := ListStories(ctx, st, StoryQuery{Limit: 10})
	if err != nil {
		return o, err
	}
	o.Stories = sp.Items
	return o, nil
}
