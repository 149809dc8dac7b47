package query

import (
	"context"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// EntityDetail is an entity with its documents, co-mentioned entities,
// mentions, quotes, frames, events and stance by outlet.
type EntityDetail struct {
	model.Entity
	// DocCount is the number of documents naming the entity (len(Docs)).
	DocCount  int            `json:"doc_count"`
	Documents []DocumentView `json:"documents"`
	// DocumentsNext pages on through the documents (GET /api/documents?entity=ID&next=...).
	DocumentsNext *string     `json:"documents_next"`
	CoMentioned   []CoMention `json:"co_mentioned"`
	// CoMentionedSample is the number of documents (the latest) co-mentions
	// were counted over, when the entity is in more documents than that; 0
	// when every document was counted.
	CoMentionedSample int             `json:"co_mentioned_sample"`
	Mentions          []model.Mention `json:"mention_list"`
	Quotes            []model.Quote   `json:"quotes"`
	Frames            []model.Frame   `json:"frames"`
	Events            []model.Event   `json:"events"`
	// Stance sums up the entity's frames per outlet.
	Stance []OutletStance `json:"stance_by_outlet"`
	// StanceSample is the number of frames Stance was summed over when the
	// entity has more; 0 when every frame was counted.
	StanceSample int `json:"stance_sample"`
	// EntityNames names the entities the events refer to.
	EntityNames map[string]EntityName `json:"entity_names"`
}

// CoMention is an entity named in the same documents, with how many.
type CoMention struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	Docs int    `json:"docs"`
}

// OutletStance is how one outlet portrays an entity over its documents.
// Documents without a known outlet each stand alone (Doc is set and Label is
// the document's title).
type OutletStance struct {
	Outlet string  `json:"outlet"`
	Doc    string  `json:"doc,omitempty"`
	Label  string  `json:"label"`
	Frames int     `json:"frames"`
	Mean   float64 `json:"mean"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	// Words are loaded words from the outlet's first frames (not all of them).
	Words []model.FrameEvidence `json:"words"`
	// WordDocs gives the document of each of Words, for links.
	WordDocs []string `json:"word_docs"`
}

// EntityOptions bound the parts of an entity view; 0 means no bound for
// Documents, Frames and Events, and the default for the others.
type EntityOptions struct {
	Documents       int // documents listed (0: all)
	Mentions        int // mentions listed (default 200)
	Quotes          int // quotes by the entity (default 200)
	Frames          int // frames listed (0: all; the stance summary always covers all)
	Events          int // events listed (0: all)
	CoMentioned     int // co-mentioned entities (default 25)
	CoMentionSample int // documents co-mentions are counted over (default 5000)
	StanceSample    int // frames the stance by outlet is summed over (default 20000)
}

// PageEntityOptions are the bounds the web pages use, so that an entity in
// tens of thousands of documents still renders in milliseconds.
func PageEntityOptions() EntityOptions {
	return EntityOptions{Documents: 50, Mentions: 30, Quotes: 50, Frames: 50, Events: 100, CoMentioned: 25, CoMentionSample: 250, StanceSample: 2500}
}

func (o *EntityOptions) defaults() {
	if o.Mentions <= 0 {
		o.Mentions = 200
	}
	if o.Quotes <= 0 {
		o.Quotes = 200
	}
	if o.CoMentioned <= 0 {
		o.CoMentioned = 25
	}
	if o.CoMentionSample <= 0 {
		o.CoMentionSample = 5000
	}
	if o.StanceSample <= 0 {
		o.StanceSample = 20000
	}
}

// Entity returns one entity, found by id, name or alias, with its context
// (every document; see EntityView for bounded views).
func Entity(ctx context.Context, st store.Store, ref string) (EntityDetail, error) {
	return EntityView(ctx, st, ref, EntityOptions{})
}

// EntityView returns one entity with its context, bounded by opts.
func EntityView(ctx context.Context, st store.Store, ref string, opts EntityOptions) (EntityDetail, error) {
	opts.defaults()
	e, err := entityByRef(ctx, st, ref)
	if err != nil {
		return EntityDetail{}, err
	}
	e.Aliases, e.Docs = nonNil(e.Aliases), nonNil(e.Docs)
	det := EntityDetail{Entity: e, DocCount: len(e.Docs), Documents: []DocumentView{}}
	// Documents, in arrival order.
	f := store.DocFilter{Entity: e.ID, Limit: 1000}
	if opts.Documents > 0 {
		f.Limit = opts.Documents + 1
	}
	for {
		docs, err := entityDocuments(ctx, st, e.ID, len(e.Docs), f.After, f.Limit)
		if err != nil {
			return det, err
		}
		for _, d := range docs {
			det.Documents = append(det.Documents, View(d))
		}
		if opts.Documents > 0 {
			if len(det.Documents) > opts.Documents {
				det.Documents = det.Documents[:opts.Documents]
				det.DocumentsNext = token(det.Documents[len(det.Documents)-1].Seq)
			}
			break
		}
		if len(docs) < f.Limit {
			break
		}
		f.After = docs[len(docs)-1].Seq
	}
	co, sampled, err := coMentions(ctx, st, e, opts.CoMentionSample, opts.CoMentioned)
	if err != nil {
		return det, err
	}
	det.CoMentioned = co
	if sampled {
		det.CoMentionedSample = opts.CoMentionSample
	}
	if det.Mentions, err = entityMentions(ctx, st, e.ID, opts.Mentions); err != nil {
		return det, err
	}
	if det.Quotes, err = st.Quotes(ctx, store.QuoteFilter{Entity: e.ID, Limit: opts.Quotes}); err != nil {
		return det, err
	}
	if opts.Frames > 0 {
		det.Frames, err = framesPage(ctx, st, store.FrameFilter{Entity: e.ID}, 0, opts.Frames)
	} else {
		det.Frames, err = st.Frames(ctx, store.FrameFilter{Entity: e.ID})
	}
	if err != nil {
		return det, err
	}
	if det.Events, err = st.Events(ctx, store.EventFilter{Entity: e.ID, Limit: opts.Events}); err != nil {
		return det, err
	}
	if det.Stance, det.StanceSample, err = outletStances(ctx, st, e.ID, det.Frames, opts.StanceSample); err != nil {
		return det, err
	}
	det.Mentions, det.Quotes, det.Frames = nonNil(det.Mentions), NormQuotes(det.Quotes), NormFrames(det.Frames)
	det.Events = NormEvents(det.Events)
	var ids []string
	for _, ev := range det.Events {
		ids = append(ids, ev.Place)
		ids = append(ids, ev.Participants...)
	}
	if det.EntityNames, err = EntityNames(ctx, st, ids); err != nil {
		return det, err
	}
	return det, nil
}

// outletStances sums up an entity's frames per outlet. frames (a first page
// of them) supply the loaded words.
func outletStances(ctx context.Context, st store.Store, entity string, frames []model.Frame, sample int) ([]OutletStance, int, error) {
	byKey := map[string]*OutletStance{}
	var keys []string
	add := func(key string, n int, mean, lo, hi float64) {
		s := &OutletStance{Outlet: key, Frames: n, Mean: mean, Min: lo, Max: hi, Words: []model.FrameEvidence{}, WordDocs: []string{}}
		if d, ok := strings.CutPrefix(key, "doc:"); ok {
			s.Outlet, s.Doc = "", d
		}
		byKey[key] = s
		keys = append(keys, key)
	}
	counted := 0
	if os, ok := st.(OutletStanceSummer); ok {
		if err := os.OutletStances(ctx, entity, sample, func(outlet string, n int, mean, lo, hi float64) {
			add(outlet, n, mean, lo, hi)
			counted += n
		}); err != nil {
			return nil, 0, err
		}
	} else {
		all, err := st.Frames(ctx, store.FrameFilter{Entity: entity})
		if err != nil {
			return nil, 0, err
		}
		if len(all) > sample {
			all = all[:sample]
		}
		counted = len(all)
		type acc struct {
			n           int
			sum, lo, hi float64
		}
		accs := map[string]*acc{}
		var order []string
		for _, f := range all {
			k := frameKey(f)
			a := accs[k]
			if a == nil {
				a = &acc{lo: f.Stance, hi: f.Stance}
				accs[k] = a
				order = append(order, k)
			}
			a.n++
			a.sum += f.Stance
			a.lo, a.hi = min(a.lo, f.Stance), max(a.hi, f.Stance)
		}
		for _, k := range order {
			a := accs[k]
			add(k, a.n, a.sum/float64(a.n), a.lo, a.hi)
		}
	}
	for _, f := range frames {
		s := byKey[frameKey(f)]
		if s == nil {
			continue
		}
		for _, ev := range f.Evidence {
			if len(s.Words) < 12 {
				s.Words = append(s.Words, ev)
				s.WordDocs = append(s.WordDocs, f.Doc)
			}
		}
	}
	var docIDs []string
	for _, s := range byKey {
		if s.Doc != "" {
			docIDs = append(docIDs, s.Doc)
		}
	}
	docs, err := documentsByID(ctx, st, docIDs)
	if err != nil {
		return nil, 0, err
	}
	out := make([]OutletStance, 0, len(keys))
	for _, k := range keys {
		s := byKey[k]
		s.Label = s.Outlet
		if s.Doc != "" {
			s.Label = DocLabel(View(docs[s.Doc]))
		}
		out = append(out, *s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Frames != out[j].Frames {
			return out[i].Frames > out[j].Frames
		}
		return out[i].Label < out[j].Label
	})
	sampled := 0
	if counted >= sample {
		sampled = counted
	}
	return out, sampled, nil
}

// frameKey groups frames by outlet, or by document when the outlet is unknown.
func frameKey(f model.Frame) string {
	if f.Outlet == "" {
		return "doc:" + f.Doc
	}
	return f.Outlet
}

// DocLabel names a document for people: its outlet, else its title, else
// the file name it came from.
func DocLabel(d DocumentView) string {
	if d.Outlet != "" {
		return d.Outlet
	}
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	s := d.Source
	if i := strings.LastIndexAny(s, `/\`); i >= 0 && i < len(s)-1 {
		s = s[i+1:]
	}
	if s == "" {
		return d.ID
	}
	return s
}

// EntityRow is an entity in listings: its document list is cut to the
// first RowDocs ids; DocCount is the full number.
type EntityRow struct {
	model.Entity
	DocCount int `json:"doc_count"`
}

// RowDocs is how many document ids an EntityRow carries.
const RowDocs = 20

// EntityPageSize is the default page of an entity listing: smaller than
// other listings because each row carries aliases, read from a wide row.
const EntityPageSize = 25

// EntityQuery selects entities for a listing.
type EntityQuery struct {
	Type  string // PERSON, ORG, PLACE or MISC
	Query string // substring of a name or alias
	Doc   string // named in this document
	Limit int
	Next  string
}

// ListEntities lists entities, most mentioned first, one page at a time.
func ListEntities(ctx context.Context, st store.Store, q EntityQuery) (Page[EntityRow], error) {
	off, err := offsetOf(q.Next)
	if err != nil {
		return Page[EntityRow]{}, err
	}
	t, err := entityType(q.Type)
	if err != nil {
		return Page[EntityRow]{}, err
	}
	limit := pageSize(q.Limit)
	if q.Limit == 0 {
		limit = EntityPageSize
	}
	ents, counts, err := entityRows(ctx, st, store.EntityFilter{Type: t, Query: q.Query, Doc: q.Doc, Offset: off, Limit: limit + 1}, RowDocs)
	if err != nil {
		return Page[EntityRow]{}, err
	}
	p := Page[EntityRow]{Items: []EntityRow{}}
	if len(ents) > limit {
		ents = ents[:limit]
		p.Next = token(int64(off + limit))
	}
	for i, e := range ents {
		e.Aliases, e.Docs = nonNil(e.Aliases), nonNil(e.Docs)
		p.Items = append(p.Items, EntityRow{Entity: e, DocCount: counts[i]})
	}
	return p, nil
}
