// Package query owns the read side of parallax: the listings and detail views
// that the CLI prints and the web API serves, built once on store.Store so
// that a page and its JSON twin always say the same thing. It renders
// nothing; it never writes.
package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// ErrNotFound is store.ErrNotFound, re-exported for callers of this package.
var ErrNotFound = store.ErrNotFound

// DocumentView is a document in listings (BRIEF §4 document shape).
type DocumentView struct {
	ID              string  `json:"id"`
	Source          string  `json:"source"`
	URL             string  `json:"url,omitempty"`
	Title           string  `json:"title"`
	Outlet          string  `json:"outlet"`
	Author          string  `json:"author,omitempty"`
	Published       *string `json:"published"`
	PublishedBasis  *string `json:"published_basis"`
	Language        string  `json:"language"`
	Words           int     `json:"words"`
	NearDuplicateOf *string `json:"near_duplicate_of"`
	Format          string  `json:"format"`
	Seq             int64   `json:"seq"`
}

// DocumentDetail is one document with everything found in it.
type DocumentDetail struct {
	DocumentView
	PublishedRange *[2]string           `json:"published_range,omitempty"`
	PublishedNote  string               `json:"published_note,omitempty"`
	Text           string               `json:"text"`
	Removed        []model.RemovedLine  `json:"removed"`
	OtherLanguage  []model.LangSpan     `json:"other_language"`
	Sentences      []model.Sentence     `json:"sentences"`
	Mentions       []model.Mention      `json:"mentions"`
	Times          []model.TimeExpr     `json:"times"`
	Quantities     []model.Quantity     `json:"quantities"`
	Quotes         []model.Quote        `json:"quotes"`
	Events         []model.EventMention `json:"events"`
	Frames         []model.Frame        `json:"frames"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// View turns a stored document into its listing view.
func View(d model.Document) DocumentView {
	return DocumentView{ID: d.ID, Source: d.Source, URL: d.URL, Title: d.Title, Outlet: d.Outlet, Author: d.Author,
		Published: strPtr(d.Published), PublishedBasis: strPtr(d.PublishedBasis), Language: d.Language, Words: d.Words,
		NearDuplicateOf: strPtr(d.NearDuplicateOf), Format: d.Format, Seq: d.Seq}
}

// Documents lists documents in arrival order.
func Documents(ctx context.Context, st store.Store, f store.DocFilter) ([]DocumentView, error) {
	docs, err := st.Documents(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]DocumentView, 0, len(docs))
	for _, d := range docs {
		out = append(out, View(d))
	}
	return out, nil
}

// AllDocuments lists every document, paging through the store.
func AllDocuments(ctx context.Context, st store.Store, f store.DocFilter) ([]DocumentView, error) {
	var out []DocumentView
	f.Limit = 1000
	for {
		page, err := Documents(ctx, st, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) < f.Limit {
			if out == nil {
				out = []DocumentView{}
			}
			return out, nil
		}
		f.After = page[len(page)-1].Seq
	}
}

// Document returns one document, found by id, id prefix, source or URL.
func Document(ctx context.Context, st store.Store, ref string) (DocumentDetail, error) {
	d, err := st.FindDocument(ctx, ref)
	if err != nil {
		return DocumentDetail{}, err
	}
	a, err := st.Analysis(ctx, d.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return DocumentDetail{}, err
	}
	frames, err := st.Frames(ctx, store.FrameFilter{Doc: d.ID})
	if err != nil {
		return DocumentDetail{}, err
	}
	quotes, err := st.Quotes(ctx, store.QuoteFilter{Doc: d.ID, Limit: 10000})
	if err != nil {
		return DocumentDetail{}, err
	}
	det := DocumentDetail{DocumentView: View(d), PublishedNote: d.PublishedNote, Text: d.Text,
		Removed: nonNil(d.Removed), OtherLanguage: nonNil(d.LangSpans), Sentences: nonNil(a.Sentences),
		Mentions: nonNil(a.Mentions), Times: nonNil(a.Times), Quantities: nonNil(a.Quantities),
		Quotes: nonNil(quotes), Events: nonNil(a.Events), Frames: nonNil(frames)}
	if d.PublishedRange[0] != "" {
		r := d.PublishedRange
		det.PublishedRange = &r
	}
	return det, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Search runs a full-text search.
func Search(ctx context.Context, st store.Store, q string, limit int) ([]SearchHit, error) {
	hits, err := st.Search(ctx, q, limit)
	if err != nil {
		return nil, err
	}
	out := make([]SearchHit, 0, len(hits))
	for _, h := range hits {
		out = append(out, SearchHit{DocumentView: View(h.Doc), Snippet: h.Snippet, Rank: h.Rank})
	}
	return out, nil
}

// SearchHit is a search result.
type SearchHit struct {
	DocumentView
	Snippet string  `json:"snippet"`
	Rank    float64 `json:"rank"`
}

// EntityDetail is an entity with its documents, co-mentioned entities,
// quotes and frames.
type EntityDetail struct {
	model.Entity
	Documents   []DocumentView  `json:"documents"`
	CoMentioned []CoMention     `json:"co_mentioned"`
	Mentions    []model.Mention `json:"mention_list"`
	Quotes      []model.Quote   `json:"quotes"`
	Frames      []model.Frame   `json:"frames"`
	Events      []model.Event   `json:"events"`
}

// CoMention is an entity named in the same documents, with how many.
type CoMention struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	Docs int    `json:"docs"`
}

// Entity returns one entity with its context.
func Entity(ctx context.Context, st store.Store, ref string) (EntityDetail, error) {
	e, err := st.Entity(ctx, ref)
	if err != nil {
		return EntityDetail{}, err
	}
	det := EntityDetail{Entity: e}
	det.Documents = []DocumentView{}
	co := map[string]*CoMention{}
	for _, id := range e.Docs {
		d, err := st.Document(ctx, id)
		if err != nil {
			continue
		}
		d.Text = ""
		det.Documents = append(det.Documents, View(d))
		others, err := st.Entities(ctx, store.EntityFilter{Doc: id, Limit: 50})
		if err != nil {
			return det, err
		}
		for _, o := range others {
			if o.ID == e.ID {
				continue
			}
			c := co[o.ID]
			if c == nil {
				c = &CoMention{ID: o.ID, Name: o.Name, Type: o.Type}
				co[o.ID] = c
			}
			c.Docs++
		}
	}
	for _, c := range co {
		det.CoMentioned = append(det.CoMentioned, *c)
	}
	sort.Slice(det.CoMentioned, func(i, j int) bool {
		a, b := det.CoMentioned[i], det.CoMentioned[j]
		if a.Docs != b.Docs {
			return a.Docs > b.Docs
		}
		return a.Name < b.Name
	})
	if len(det.CoMentioned) > 25 {
		det.CoMentioned = det.CoMentioned[:25]
	}
	det.CoMentioned = nonNil(det.CoMentioned)
	if det.Mentions, err = st.Mentions(ctx, e.ID, 200); err != nil {
		return det, err
	}
	if det.Quotes, err = st.Quotes(ctx, store.QuoteFilter{Entity: e.ID, Limit: 200}); err != nil {
		return det, err
	}
	if det.Frames, err = st.Frames(ctx, store.FrameFilter{Entity: e.ID}); err != nil {
		return det, err
	}
	if det.Events, err = st.Events(ctx, store.EventFilter{Entity: e.ID}); err != nil {
		return det, err
	}
	det.Quotes, det.Frames, det.Events = nonNil(det.Quotes), nonNil(det.Frames), nonNil(det.Events)
	return det, nil
}

// Entities lists entities.
func Entities(ctx context.Context, st store.Store, f store.EntityFilter) ([]model.Entity, error) {
	if f.Type != "" {
		t := strings.ToUpper(f.Type)
		switch t {
		case model.Person, model.Org, model.Place, model.Misc:
		default:
			return nil, fmt.Errorf("unknown entity type %q (want PERSON, ORG, PLACE or MISC)", f.Type)
		}
		f.Type = t
	}
	return st.Entities(ctx, f)
}

// ResolveEntityRef turns an entity id or name into an id ("" when ref is "").
func ResolveEntityRef(ctx context.Context, st store.Store, ref string) (string, error) {
	if ref == "" {
		return "", nil
	}
	e, err := st.Entity(ctx, ref)
	if err != nil {
		return "", err
	}
	return e.ID, nil
}
