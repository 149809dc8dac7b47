package query

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// The optional interfaces below are fast paths a store may offer for views
// that the plain store.Store methods can only answer slowly on a large corpus.
// Each has a fallback through store.Store, so every store gives the same
// answers. Their methods use model, store and builtin types only, so that a
// store package can implement them without importing this one.

// DocumentLookup returns documents (without their text) by id, in any order;
// unknown ids are left out.
type DocumentLookup interface {
	DocumentsByID(ctx context.Context, ids []string) ([]model.Document, error)
}

// CoMentionCounter counts, over a sample of at most sampleDocs documents of
// entity, the other entities named in the same documents, calling fn with
// the limit most frequent, most frequent first, ties by id.
type CoMentionCounter interface {
	CoMentions(ctx context.Context, entity string, sampleDocs, limit int, fn func(id, name, typ string, docs int)) error
}

// EntityRowLister lists entities like store.Entities but with each entity's
// Docs cut to at most maxDocs ids, reporting the full count in docCounts.
type EntityRowLister interface {
	EntityRows(ctx context.Context, f store.EntityFilter, maxDocs int) (ents []model.Entity, docCounts []int, err error)
}

// OutletStanceSummer sums up at most sample frames of one entity per
// outlet (frames of documents without an outlet per document, keyed
// "doc:" + id).
type OutletStanceSummer interface {
	OutletStances(ctx context.Context, entity string, sample int, fn func(outlet string, frames int, mean, min, max float64)) error
}

// StoryPager lists limit stories from offset in the order of
// store.Stories, reading only those.
type StoryPager interface {
	StoryPage(ctx context.Context, offset, limit int) ([]model.Story, error)
}

// ContradictionFilter calls fn, in the order of store.Contradictions, with
// the contradictions whose stored form contains one of terms (ASCII letters
// without regard to case) until fn returns false: a superset that fn then
// checks exactly.
type ContradictionFilter interface {
	EachContradictionContaining(ctx context.Context, terms []string, fn func(model.Contradiction) bool) error
}

// maxFilterTerms bounds the terms of one ContradictionFilter call.
const maxFilterTerms = 200

// eachContradictionWith calls fn with every contradiction that may contain
// one of terms, in store order, until fn returns false (with all of them
// when the store cannot filter, or a term cannot be matched by a byte
// filter: non-ASCII letters change case beyond ASCII, and JSON escapes
// quotes, backslashes and <, >, &).
func eachContradictionWith(ctx context.Context, st store.Store, terms []string, fn func(model.Contradiction) bool) error {
	cf, ok := st.(ContradictionFilter)
	filterable := ok && len(terms) <= maxFilterTerms
	for _, t := range terms {
		if t == "" {
			filterable = false
		}
		for i := 0; i < len(t); i++ {
			if c := t[i]; c >= 0x80 || c < 0x20 || strings.IndexByte(`"\<>&`, c) >= 0 {
				filterable = false
			}
		}
	}
	if filterable {
		return cf.EachContradictionContaining(ctx, terms, fn)
	}
	cs, err := st.Contradictions(ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if !fn(c) {
			break
		}
	}
	return nil
}

// contradictionsWith returns every contradiction that may contain one of
// terms (see eachContradictionWith).
func contradictionsWith(ctx context.Context, st store.Store, terms []string) ([]model.Contradiction, error) {
	var out []model.Contradiction
	err := eachContradictionWith(ctx, st, terms, func(c model.Contradiction) bool {
		out = append(out, c)
		return true
	})
	return out, err
}

// contradictionTerms are the terms a contradiction about e contains one
// of (see ContradictionAbout): its id, and each name of three or more
// bytes as written and as a slug.
func contradictionTerms(e model.Entity) []string {
	terms := []string{e.ID}
	names := []string{e.Name}
	for _, a := range e.Aliases {
		names = append(names, a.Text)
	}
	seen := map[string]bool{}
	for _, n := range names {
		if len(n) < 3 {
			continue
		}
		for _, t := range []string{strings.ToLower(n), Slug(n)} {
			if t != "" && !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	return terms
}

// EntityLoader looks an entity up by id, name or alias like store.Entity,
// faster for an entity named in very many documents.
type EntityLoader interface {
	EntityByRef(ctx context.Context, ref string) (model.Entity, error)
}

// entityByRef looks an entity up.
func entityByRef(ctx context.Context, st store.Store, ref string) (model.Entity, error) {
	if el, ok := st.(EntityLoader); ok {
		return el.EntityByRef(ctx, ref)
	}
	return st.Entity(ctx, ref)
}

// EntityDocumentLister lists the documents naming an entity in arrival
// order after the arrival number after, like store.Documents with
// DocFilter.Entity but fast for frequent and rare entities alike. docCount
// is the number of documents naming the entity, or 0 when unknown.
type EntityDocumentLister interface {
	EntityDocuments(ctx context.Context, entity string, docCount int, after int64, limit int) ([]model.Document, error)
}

// entityDocuments lists a page of the documents naming an entity.
func entityDocuments(ctx context.Context, st store.Store, entity string, docCount int, after int64, limit int) ([]model.Document, error) {
	if el, ok := st.(EntityDocumentLister); ok {
		return el.EntityDocuments(ctx, entity, docCount, after, limit)
	}
	return st.Documents(ctx, store.DocFilter{Entity: entity, After: after, Limit: limit})
}

// FramePager lists frames like store.Frames, one page at a time.
type FramePager interface {
	FramesPage(ctx context.Context, f store.FrameFilter, offset, limit int) ([]model.Frame, error)
}

// SearchPager runs a ranked full-text search and returns one page of it.
// Snippets mark matched terms with SnippetOpen and SnippetClose. A store
// may rank a query that matches very many documents within its latest
// documents (see store/sqlite), so that a page costs the same at any size.
type SearchPager interface {
	SearchPage(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, error)
}

// MentionPager lists at most limit mentions of an entity, earliest
// document first, reading no more documents than it needs.
type MentionPager interface {
	EntityMentions(ctx context.Context, entity string, limit int) ([]model.Mention, error)
}

// Counter counts the rows of each kind of result (documents, entities,
// events, stories, quotes, contradictions, frames).
type Counter interface {
	Counts(ctx context.Context) (map[string]int, error)
}

// OutletLister lists outlets with their number of documents, most first.
type OutletLister interface {
	Outlets(ctx context.Context, limit int, fn func(outlet string, docs int)) error
}

// Snippet markers a SearchPager puts around matched terms (Unicode
// private-use characters, which article text does not use).
const (
	SnippetOpen  = "\ue000"
	SnippetClose = "\ue001"
)

// documentsByID returns documents by id without text, keyed by id.
func documentsByID(ctx context.Context, st store.Store, ids []string) (map[string]model.Document, error) {
	out := make(map[string]model.Document, len(ids))
	want := distinctIDs(ids)
	if len(want) == 0 {
		return out, nil
	}
	if dl, ok := st.(DocumentLookup); ok {
		docs, err := dl.DocumentsByID(ctx, want)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			out[d.ID] = d
		}
		return out, nil
	}
	for _, id := range want {
		d, err := st.Document(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		d.Text, d.Removed, d.LangSpans = "", nil, nil
		out[id] = d
	}
	return out, nil
}

// coMentions finds the entities most often named with e.
func coMentions(ctx context.Context, st store.Store, e model.Entity, sampleDocs, limit int) ([]CoMention, bool, error) {
	sampled := len(e.Docs) > sampleDocs
	out := []CoMention{}
	if cm, ok := st.(CoMentionCounter); ok {
		err := cm.CoMentions(ctx, e.ID, sampleDocs, limit, func(id, name, typ string, docs int) {
			out = append(out, CoMention{ID: id, Name: name, Type: typ, Docs: docs})
		})
		return out, sampled, err
	}
	docs := e.Docs
	if sampled {
		docs = docs[len(docs)-sampleDocs:]
	}
	co := map[string]*CoMention{}
	for _, id := range docs {
		others, err := st.Entities(ctx, store.EntityFilter{Doc: id, Limit: 1000})
		if err != nil {
			return nil, false, err
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
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Docs != b.Docs {
			return a.Docs > b.Docs
		}
		return a.ID < b.ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, sampled, nil
}

// entityRows lists entities with their document lists cut to maxDocs.
func entityRows(ctx context.Context, st store.Store, f store.EntityFilter, maxDocs int) ([]model.Entity, []int, error) {
	if el, ok := st.(EntityRowLister); ok {
		return el.EntityRows(ctx, f, maxDocs)
	}
	ents, err := st.Entities(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	counts := make([]int, len(ents))
	for i := range ents {
		counts[i] = len(ents[i].Docs)
		if len(ents[i].Docs) > maxDocs {
			ents[i].Docs = ents[i].Docs[:maxDocs]
		}
	}
	return ents, counts, nil
}

// framesPage lists one page of frames.
func framesPage(ctx context.Context, st store.Store, f store.FrameFilter, offset, limit int) ([]model.Frame, error) {
	if fp, ok := st.(FramePager); ok {
		return fp.FramesPage(ctx, f, offset, limit)
	}
	all, err := st.Frames(ctx, f)
	if err != nil {
		return nil, err
	}
	if offset >= len(all) {
		return []model.Frame{}, nil
	}
	return all[offset:min(len(all), offset+limit)], nil
}

// searchPage runs one page of a search; snippets carry SnippetOpen/Close.
func searchPage(ctx context.Context, st store.Store, q string, offset, limit int) ([]store.SearchHit, error) {
	if sp, ok := st.(SearchPager); ok {
		return sp.SearchPage(ctx, q, offset, limit)
	}
	hits, err := st.Search(ctx, q, offset+limit)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		hits[i].Snippet = markBrackets(hits[i].Snippet)
	}
	if offset >= len(hits) {
		return []store.SearchHit{}, nil
	}
	return hits[offset:], nil
}

// markBrackets turns the store's [matched] snippet markers into the
// private-use markers. Brackets in the article text itself are taken for
// markers too; that only over-highlights.
func markBrackets(s string) string {
	return strings.NewReplacer("[", SnippetOpen, "]", SnippetClose).Replace(s)
}

// entityMentions lists the first limit mentions of an entity.
func entityMentions(ctx context.Context, st store.Store, entity string, limit int) ([]model.Mention, error) {
	if mp, ok := st.(MentionPager); ok {
		return mp.EntityMentions(ctx, entity, limit)
	}
	return st.Mentions(ctx, entity, limit)
}

// EntityNamer returns entities by id without their document lists and
// aliases (fn sees Docs and Aliases nil); unknown ids are left out.
type EntityNamer interface {
	EntityNames(ctx context.Context, ids []string, fn func(e model.Entity)) error
}

// EntityNames looks up display names (and coordinates) for entity ids.
func EntityNames(ctx context.Context, st store.Store, ids []string) (map[string]EntityName, error) {
	out := map[string]EntityName{}
	want := distinctIDs(ids)
	if len(want) == 0 {
		return out, nil
	}
	if en, ok := st.(EntityNamer); ok {
		err := en.EntityNames(ctx, want, func(e model.Entity) { out[e.ID] = nameOf(e) })
		return out, err
	}
	for _, id := range want {
		e, err := st.Entity(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if e.ID == id {
			out[id] = nameOf(e)
		}
	}
	return out, nil
}

func nameOf(e model.Entity) EntityName {
	return EntityName{Name: e.Name, Type: e.Type, Lat: e.Lat, Lon: e.Lon}
}

// distinctIDs returns the non-empty ids without repeats, in first-seen order.
func distinctIDs(ids []string) []string {
	var out []string
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
