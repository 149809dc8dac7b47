package query

import (
	"context"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// DocQuery selects documents for a listing.
type DocQuery struct {
	Outlet string
	Story  string
	Entity string // entity id
	Limit  int
	Next   string
}

// ListDocuments lists documents in arrival order, one page at a time; the
// next token is the arrival number of the last document listed.
func ListDocuments(ctx context.Context, st store.Store, q DocQuery) (Page[DocumentView], error) {
	after, err := ParseToken(q.Next)
	if err != nil {
		return Page[DocumentView]{}, err
	}
	limit := pageSize(q.Limit)
	var docs []model.Document
	if q.Entity != "" && q.Outlet == "" && q.Story == "" {
		docs, err = entityDocuments(ctx, st, q.Entity, 0, after, limit+1)
	} else {
		docs, err = st.Documents(ctx, store.DocFilter{Outlet: q.Outlet, Story: q.Story, Entity: q.Entity, After: after, Limit: limit + 1})
	}
	if err != nil {
		return Page[DocumentView]{}, err
	}
	p := Page[DocumentView]{Items: []DocumentView{}}
	if len(docs) > limit {
		docs = docs[:limit]
		p.Next = token(docs[len(docs)-1].Seq)
	}
	for _, d := range docs {
		p.Items = append(p.Items, View(d))
	}
	return p, nil
}

// DocNames names the documents of ids for display.
func DocNames(ctx context.Context, st store.Store, ids []string) (map[string]DocName, error) {
	docs, err := documentsByID(ctx, st, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]DocName, len(docs))
	for id, d := range docs {
		v := View(d)
		out[id] = DocName{Title: d.Title, Outlet: d.Outlet, Published: v.Published, Label: DocLabel(v)}
	}
	return out, nil
}

// EventQuery selects events of the timeline.
type EventQuery struct {
	Entity string // entity id
	Doc    string
	Story  string
	Type   string
	From   string // YYYY[-MM[-DD]]: events ending on or after
	To     string // events starting on or before
	Limit  int
	Next   string
}

// Timeline lists events, earliest first (undated last), one page at a time,
// with the names of their places and participants.
func Timeline(ctx context.Context, st store.Store, q EventQuery) (Page[model.Event], error) {
	evs, err := st.Events(ctx, store.EventFilter{Entity: q.Entity, Doc: q.Doc, Story: q.Story})
	if err != nil {
		return Page[model.Event]{}, err
	}
	if q.Type != "" || q.From != "" || q.To != "" {
		kept := evs[:0]
		for _, ev := range evs {
			if q.Type != "" && !strings.EqualFold(ev.Type, q.Type) {
				continue
			}
			if q.From != "" && (ev.Time.End == "" || ev.Time.End < q.From) {
				continue
			}
			if q.To != "" && (ev.Time.Start == "" || ev.Time.Start > q.To+"\xff") {
				continue
			}
			kept = append(kept, ev)
		}
		evs = kept
	}
	p, err := offsetPage(evs, q.Next, q.Limit)
	if err != nil {
		return p, err
	}
	p.Items = NormEvents(p.Items)
	var ids []string
	var docs []string
	for _, ev := range p.Items {
		ids = append(ids, ev.Place)
		ids = append(ids, ev.Participants...)
		for _, e := range ev.Evidence {
			docs = append(docs, e.Doc)
		}
	}
	if p.EntityNames, err = EntityNames(ctx, st, ids); err != nil {
		return p, err
	}
	p.DocumentNames, err = DocNames(ctx, st, docs)
	return p, err
}

// StoryRow is a story in listings: Docs is cut to the first RowDocs ids;
// DocCount is the full number.
type StoryRow struct {
	model.Story
	DocCount int `json:"doc_count"`
}

// StoryQuery selects stories.
type StoryQuery struct {
	Entity string // stories whose top entities include this id
	Limit  int
	Next   string
}

// ListStories lists stories, earliest first, one page at a time.
func ListStories(ctx context.Context, st store.Store, q StoryQuery) (Page[StoryRow], error) {
	row := func(s model.Story) StoryRow {
		s = NormStory(s)
		n := len(s.Docs)
		if n > RowDocs {
			s.Docs = s.Docs[:RowDocs]
		}
		return StoryRow{Story: s, DocCount: n}
	}
	var p Page[StoryRow]
	if sp, ok := st.(StoryPager); ok && q.Entity == "" {
		off, err := offsetOf(q.Next)
		if err != nil {
			return p, err
		}
		limit := pageSize(q.Limit)
		page, err := sp.StoryPage(ctx, off, limit+1)
		if err != nil {
			return p, err
		}
		p.Items = make([]StoryRow, 0, min(len(page), limit))
		for i, s := range page {
			if i == limit {
				p.Next = token(int64(off + limit))
				break
			}
			p.Items = append(p.Items, row(s))
		}
	} else {
		all, err := st.Stories(ctx)
		if err != nil {
			return Page[StoryRow]{}, err
		}
		rows := make([]StoryRow, 0, len(all))
		for _, s := range all {
			if q.Entity != "" && !contains(s.Entities, q.Entity) {
				continue
			}
			rows = append(rows, row(s))
		}
		if p, err = offsetPage(rows, q.Next, q.Limit); err != nil {
			return p, err
		}
	}
	var ids []string
	for _, s := range p.Items {
		ids = append(ids, s.Entities...)
	}
	var err error
	p.EntityNames, err = EntityNames(ctx, st, ids)
	return p, err
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// StoryDetail is a story with its documents, timeline and places.
type StoryDetail struct {
	model.Story
	DocCount      int            `json:"doc_count"`
	Documents     []DocumentView `json:"documents"`
	DocumentsNext *string        `json:"documents_next"`
	Events        []model.Event  `json:"events"`
	// Places are the story's places with coordinates: where its events
	// happened and the places its documents name.
	Places      []Place               `json:"places"`
	EntityNames map[string]EntityName `json:"entity_names"`
}

// Place is a point on a story's map.
type Place struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Events int     `json:"events"` // events of the story there
	Docs   int     `json:"docs"`   // documents of the story naming it (of those read)
}

// StoryOptions bound a story view.
type StoryOptions struct {
	Documents int // documents listed (default 100)
	Events    int // events listed (default 500)
	PlaceDocs int // documents whose places are read for the map (default 100)
}

// Story returns one story with its documents, events and places.
func Story(ctx context.Context, st store.Store, id string, opts StoryOptions) (StoryDetail, error) {
	if opts.Documents <= 0 {
		opts.Documents = 100
	}
	if opts.Events <= 0 {
		opts.Events = 500
	}
	if opts.PlaceDocs <= 0 {
		opts.PlaceDocs = 100
	}
	all, err := st.Stories(ctx)
	if err != nil {
		return StoryDetail{}, err
	}
	var s model.Story
	found := false
	for _, x := range all {
		if x.ID == id {
			s, found = x, true
			break
		}
	}
	if !found {
		return StoryDetail{}, errNotFound("story", id)
	}
	s = NormStory(s)
	det := StoryDetail{Story: s, DocCount: len(s.Docs), Documents: []DocumentView{}}
	docs, err := st.Documents(ctx, store.DocFilter{Story: s.ID, Limit: opts.Documents + 1})
	if err != nil {
		return det, err
	}
	if len(docs) > opts.Documents {
		docs = docs[:opts.Documents]
		det.DocumentsNext = token(docs[len(docs)-1].Seq)
	}
	for _, d := range docs {
		det.Documents = append(det.Documents, View(d))
	}
	if len(det.Documents) == 0 && len(s.Docs) > 0 {
		// The store may not index story membership; fall back to the ids.
		byID, err := documentsByID(ctx, st, s.Docs[:min(len(s.Docs), opts.Documents)])
		if err != nil {
			return det, err
		}
		for _, id := range s.Docs[:min(len(s.Docs), opts.Documents)] {
			if d, ok := byID[id]; ok {
				det.Documents = append(det.Documents, View(d))
			}
		}
	}
	evs, err := st.Events(ctx, store.EventFilter{Story: s.ID})
	if err != nil {
		return det, err
	}
	if len(evs) > opts.Events {
		evs = evs[:opts.Events]
	}
	det.Events = NormEvents(evs)
	var ids []string
	ids = append(ids, s.Entities...)
	for _, ev := range det.Events {
		ids = append(ids, ev.Place)
		ids = append(ids, ev.Participants...)
	}
	if det.EntityNames, err = EntityNames(ctx, st, ids); err != nil {
		return det, err
	}
	// Places: event places first, then the places the documents name.
	places := map[string]*Place{}
	var order []string
	addPlace := func(id, name string, lat, lon *float64) *Place {
		if p := places[id]; p != nil {
			return p
		}
		if lat == nil || lon == nil {
			return nil
		}
		p := &Place{ID: id, Name: name, Lat: *lat, Lon: *lon}
		places[id] = p
		order = append(order, id)
		return p
	}
	for _, ev := range det.Events {
		if n, ok := det.EntityNames[ev.Place]; ok {
			if p := addPlace(ev.Place, n.Name, n.Lat, n.Lon); p != nil {
				p.Events++
			}
		}
	}
	for i, d := range det.Documents {
		if i == opts.PlaceDocs {
			break
		}
		ents, _, err := entityRows(ctx, st, store.EntityFilter{Doc: d.ID, Type: model.Place, Limit: 200}, 0)
		if err != nil {
			return det, err
		}
		for _, e := range ents {
			if p := addPlace(e.ID, e.Name, e.Lat, e.Lon); p != nil {
				p.Docs++
			}
		}
	}
	det.Places = []Place{}
	for _, id := range order {
		det.Places = append(det.Places, *places[id])
	}
	return det, nil
}

// QuoteRow is a quote with the outlet and title of its document.
type QuoteRow struct {
	model.Quote
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
}

// QuoteQuery selects quotes.
type QuoteQuery struct {
	Doc     string
	Speaker string // entity id
	Kind    string // direct, indirect or according_to
	Limit   int
	Next    string
}

// ListQuotes lists quotes in document order, one page at a time.
func ListQuotes(ctx context.Context, st store.Store, q QuoteQuery) (Page[QuoteRow], error) {
	off, err := offsetOf(q.Next)
	if err != nil {
		return Page[QuoteRow]{}, err
	}
	switch q.Kind {
	case "", model.QuoteDirect, model.QuoteIndirect, model.QuoteAccordingTo:
	default:
		return Page[QuoteRow]{}, badRequestf("unknown quote kind %q (want direct, indirect or according_to)", q.Kind)
	}
	limit := pageSize(q.Limit)
	qs, err := st.Quotes(ctx, store.QuoteFilter{Doc: q.Doc, Entity: q.Speaker, Kind: q.Kind, Offset: off, Limit: limit + 1})
	if err != nil {
		return Page[QuoteRow]{}, err
	}
	p := Page[QuoteRow]{Items: []QuoteRow{}}
	if len(qs) > limit {
		qs = qs[:limit]
		p.Next = token(int64(off + limit))
	}
	var ids, ents []string
	for _, q := range qs {
		ids = append(ids, q.Doc)
		ents = append(ents, q.Speaker.Entity)
	}
	docs, err := documentsByID(ctx, st, ids)
	if err != nil {
		return p, err
	}
	for _, q := range qs {
		d := docs[q.Doc]
		p.Items = append(p.Items, QuoteRow{Quote: q, Outlet: d.Outlet, Title: d.Title})
	}
	p.EntityNames, err = EntityNames(ctx, st, ents)
	return p, err
}

// ContradictionQuery selects contradictions.
type ContradictionQuery struct {
	Entity string // entity id: contradictions about it
	Doc    string // contradictions with a side in this document
	Kind   string
	Limit  int
	Next   string
}

// ListContradictions lists contradictions, one page at a time, with the
// documents of their sides named.
func ListContradictions(ctx context.Context, st store.Store, q ContradictionQuery) (Page[model.Contradiction], error) {
	var about *model.Entity
	if q.Entity != "" {
		e, err := st.Entity(ctx, q.Entity)
		if err != nil {
			return Page[model.Contradiction]{}, err
		}
		about = &e
	}
	var cs []model.Contradiction
	var err error
	switch {
	case about != nil:
		cs, err = contradictionsWith(ctx, st, contradictionTerms(*about))
	case q.Doc != "":
		cs, err = contradictionsWith(ctx, st, []string{q.Doc})
	default:
		cs, err = st.Contradictions(ctx)
	}
	if err != nil {
		return Page[model.Contradiction]{}, err
	}
	kept := make([]model.Contradiction, 0, len(cs))
	for _, c := range cs {
		if q.Kind != "" && c.Kind != q.Kind {
			continue
		}
		if q.Doc != "" && !sideIn(c, q.Doc) {
			continue
		}
		if about != nil && !ContradictionAbout(c, *about) {
			continue
		}
		kept = append(kept, NormContradiction(c))
	}
	p, err := offsetPage(kept, q.Next, q.Limit)
	if err != nil {
		return p, err
	}
	var ids []string
	for _, c := range p.Items {
		for _, s := range c.Sides {
			ids = append(ids, s.Doc)
		}
	}
	p.DocumentNames, err = DocNames(ctx, st, ids)
	return p, err
}

func sideIn(c model.Contradiction, doc string) bool {
	for _, s := range c.Sides {
		if s.Doc == doc {
			return true
		}
	}
	return false
}

// ContradictionAbout reports whether a contradiction is about an entity:
// its topic names the entity's id or the slug of one of its names, or a
// side's claim names it.
func ContradictionAbout(c model.Contradiction, e model.Entity) bool {
	topic := strings.ToLower(c.Topic)
	names := []string{e.Name}
	for _, a := range e.Aliases {
		names = append(names, a.Text)
	}
	if e.ID != "" && containsWord(topic, e.ID) {
		return true
	}
	for _, n := range names {
		if len(n) < 3 {
			continue
		}
		if containsWord(topic, Slug(n)) {
			return true
		}
		for _, s := range c.Sides {
			if containsWord(strings.ToLower(s.Claim), strings.ToLower(n)) {
				return true
			}
		}
	}
	return false
}

// containsWord reports whether w occurs in s between non-letters.
func containsWord(s, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || !isAlnum(s[j-1])) && (end == len(s) || !isAlnum(s[end])) {
			return true
		}
		i = j + 1
	}
}

func isAlnum(b byte) bool { return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80 }

// Slug lower-cases a name and joins its words with hyphens, the shape of
// entity ids and claim topics.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '\u2019' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// FrameQuery selects frames.
type FrameQuery struct {
	Entity string // entity id
	Doc    string
	Outlet string
	Limit  int
	Next   string
}

// ListFrames lists frames (by entity, then document), one page at a time.
func ListFrames(ctx context.Context, st store.Store, q FrameQuery) (Page[model.Frame], error) {
	off, err := offsetOf(q.Next)
	if err != nil {
		return Page[model.Frame]{}, err
	}
	limit := pageSize(q.Limit)
	fs, err := framesPage(ctx, st, store.FrameFilter{Entity: q.Entity, Doc: q.Doc, Outlet: q.Outlet}, off, limit+1)
	if err != nil {
		return Page[model.Frame]{}, err
	}
	p := Page[model.Frame]{Items: []model.Frame{}}
	if len(fs) > limit {
		fs = fs[:limit]
		p.Next = token(int64(off + limit))
	}
	p.Items = NormFrames(fs)
	var ids, docs []string
	for _, f := range fs {
		ids = append(ids, f.Entity)
		docs = append(docs, f.Doc)
	}
	if p.EntityNames, err = EntityNames(ctx, st, ids); err != nil {
		return p, err
	}
	p.DocumentNames, err = DocNames(ctx, st, docs)
	return p, err
}
