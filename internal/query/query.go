package query

import (
	"context"
	"errors"
	"fmt"
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

// Entities lists entities.
func Entities(ctx context.Context, st store.Store, f store.EntityFilter) ([]model.Entity, error) {
	t, err := entityType(f.Type)
	if err != nil {
		return nil, err
	}
	f.Type = t
	return st.Entities(ctx, f)
}

// entityType checks and upper-cases an entity type filter.
func entityType(t string) (string, error) {
	if t == "" {
		return "", nil
	}
	u := strings.ToUpper(t)
	switch u {
	case model.Person, model.Org, model.Place, model.Misc:
		return u, nil
	}
	return "", fmt.Errorf("%w: unknown entity type %q (want PERSON, ORG, PLACE or MISC)", ErrBadRequest, t)
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
