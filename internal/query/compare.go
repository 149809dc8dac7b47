package query

import (
	"context"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// CompareQuery names what outlets are compared on: one entity (id, name or
// alias) or one event id.
type CompareQuery struct {
	Entity string
	Event  string
}

// CompareOptions bound a comparison.
type CompareOptions struct {
	Documents  int // documents of the subject read (default 200)
	Analyses   int // of those, documents whose claims are read (default 60)
	Statements int // statements shown per outlet (default 8)
	// Contradictions bounds the contradictions shown (default 50); the
	// contradictions listing has them all.
	Contradictions int
}

// Comparison sets outlets side by side on one entity or event: what each
// claims, how it frames it, and where they contradict each other.
type Comparison struct {
	Kind   string       `json:"kind"` // "entity" or "event"
	Entity *EntityRow   `json:"entity"`
	Event  *model.Event `json:"event"`
	// Outlets are the sides, the outlet with the most documents first.
	// Documents without a known outlet each stand alone.
	Outlets        []OutletSide          `json:"outlets"`
	Contradictions []model.Contradiction `json:"contradictions"`
	// ContradictionsMore is set when there are more contradictions than
	// were shown (CompareOptions.Contradictions).
	ContradictionsMore bool `json:"contradictions_more"`
	// Sampled is the number of documents read when the subject is in more.
	Sampled       int                   `json:"sampled"`
	DocumentNames map[string]DocName    `json:"document_names"`
	EntityNames   map[string]EntityName `json:"entity_names"`
}

// OutletSide is what one outlet says about the subject.
type OutletSide struct {
	Outlet string   `json:"outlet"`
	Doc    string   `json:"doc,omitempty"`
	Label  string   `json:"label"`
	Docs   []string `json:"docs"`
	// Stance is the outlet's stance on the entity (entity comparisons).
	Stance *OutletStance `json:"stance"`
	// Frames are the outlet's frames of the event's participants (event
	// comparisons).
	Frames     []model.Frame `json:"frames"`
	Statements []Statement   `json:"statements"`
	Quotes     []model.Quote `json:"quotes"`
}

// Statement is a sentence an outlet printed about the subject: a claim, the
// evidence of an event, or a sentence naming the entity.
type Statement struct {
	Doc      string `json:"doc"`
	Kind     string `json:"kind"` // a claim kind (credit, number, ...), "evidence" or "mention"
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Polarity int    `json:"polarity,omitempty"`
	Source   string `json:"source,omitempty"`
}

func (o *CompareOptions) defaults() {
	if o.Documents <= 0 {
		o.Documents = 200
	}
	if o.Analyses <= 0 {
		o.Analyses = 40
	}
	if o.Statements <= 0 {
		o.Statements = 8
	}
	if o.Contradictions <= 0 {
		o.Contradictions = 50
	}
}

// Compare builds the outlet comparison for one entity or one event.
func Compare(ctx context.Context, st store.Store, q CompareQuery, opts CompareOptions) (Comparison, error) {
	opts.defaults()
	switch {
	case q.Entity != "" && q.Event != "":
		return Comparison{}, badRequestf("compare one entity or one event, not both")
	case q.Entity != "":
		return compareEntity(ctx, st, q.Entity, opts)
	case q.Event != "":
		return compareEvent(ctx, st, q.Event, opts)
	}
	return Comparison{}, badRequestf("compare needs entity=ID or event=ID")
}

// sides groups documents into outlet sides, most documents first.
type sides struct {
	byKey map[string]*OutletSide
	keys  []string
	docs  map[string]DocumentView
}

func newSides(docs []DocumentView) *sides {
	s := &sides{byKey: map[string]*OutletSide{}, docs: map[string]DocumentView{}}
	for _, d := range docs {
		s.docs[d.ID] = d
		k := d.Outlet
		if k == "" {
			k = "doc:" + d.ID
		}
		o := s.byKey[k]
		if o == nil {
			o = &OutletSide{Outlet: d.Outlet, Label: DocLabel(d), Docs: []string{}, Frames: []model.Frame{}, Statements: []Statement{}, Quotes: []model.Quote{}}
			if d.Outlet == "" {
				o.Doc = d.ID
			}
			s.byKey[k] = o
			s.keys = append(s.keys, k)
		}
		o.Docs = append(o.Docs, d.ID)
	}
	return s
}

func (s *sides) of(doc string) *OutletSide {
	d, ok := s.docs[doc]
	if !ok {
		return nil
	}
	if d.Outlet == "" {
		return s.byKey["doc:"+doc]
	}
	return s.byKey[d.Outlet]
}

func (s *sides) list() []OutletSide {
	out := make([]OutletSide, 0, len(s.keys))
	for _, k := range s.keys {
		out = append(out, *s.byKey[k])
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Docs) > len(out[j].Docs) })
	return out
}

func compareEntity(ctx context.Context, st store.Store, ref string, opts CompareOptions) (Comparison, error) {
	e, err := entityByRef(ctx, st, ref)
	if err != nil {
		return Comparison{}, err
	}
	row := EntityRow{Entity: e, DocCount: len(e.Docs)}
	row.Aliases = nonNil(row.Aliases)
	if len(row.Docs) > RowDocs {
		row.Docs = row.Docs[:RowDocs]
	}
	row.Docs = nonNil(row.Docs)
	c := Comparison{Kind: "entity", Entity: &row, Contradictions: []model.Contradiction{}}
	docs, err := entityDocuments(ctx, st, e.ID, len(e.Docs), 0, opts.Documents)
	if err != nil {
		return c, err
	}
	if len(e.Docs) > len(docs) {
		c.Sampled = len(docs)
	}
	views := make([]DocumentView, 0, len(docs))
	for _, d := range docs {
		views = append(views, View(d))
	}
	sd := newSides(views)
	// Claims about the entity, or else the sentences naming it.
	for i, d := range views {
		if i == opts.Analyses {
			break
		}
		side := sd.of(d.ID)
		if len(side.Statements) >= opts.Statements {
			continue
		}
		doc, err := st.Document(ctx, d.ID)
		if err != nil {
			return c, err
		}
		a, err := st.Analysis(ctx, d.ID)
		if err != nil {
			continue
		}
		var spans []model.Span
		for _, m := range a.Mentions {
			if m.Entity == e.ID {
				spans = append(spans, model.Span{Start: m.Start, End: m.End})
			}
		}
		n := 0
		for _, cl := range a.Claims {
			if !overlapsAny(cl.Start, cl.End, spans) && !namesEntity(cl.Subject, e) && !namesEntity(cl.Object, e) {
				continue
			}
			side.Statements = append(side.Statements, Statement{Doc: d.ID, Kind: cl.Kind, Text: spanText(doc.Text, cl.Start, cl.End, cl.Text),
				Start: cl.Start, End: cl.End, Polarity: cl.Polarity, Source: cl.Source})
			n++
			if len(side.Statements) >= opts.Statements {
				break
			}
		}
		if n == 0 {
			for _, s := range a.Sentences {
				if len(side.Statements) >= opts.Statements || n == 2 {
					break
				}
				if overlapsAny(s.Start, s.End, spans) {
					side.Statements = append(side.Statements, Statement{Doc: d.ID, Kind: "mention", Text: spanText(doc.Text, s.Start, s.End, ""), Start: s.Start, End: s.End})
					n++
				}
			}
		}
	}
	// Stance per outlet.
	frames, err := framesPage(ctx, st, store.FrameFilter{Entity: e.ID}, 0, 200)
	if err != nil {
		return c, err
	}
	stances, _, err := outletStances(ctx, st, e.ID, frames, 5000)
	if err != nil {
		return c, err
	}
	for i := range stances {
		s := stances[i]
		k := s.Outlet
		if s.Doc != "" {
			k = "doc:" + s.Doc
		}
		if side := sd.byKey[k]; side != nil {
			side.Stance = &s
		}
	}
	// What the entity says, per outlet.
	qs, err := st.Quotes(ctx, store.QuoteFilter{Entity: e.ID, Limit: 200})
	if err != nil {
		return c, err
	}
	for _, q := range qs {
		if side := sd.of(q.Doc); side != nil && len(side.Quotes) < opts.Statements {
			side.Quotes = append(side.Quotes, q)
		}
	}
	c.Outlets = sd.list()
	err = eachContradictionWith(ctx, st, contradictionTerms(e), func(x model.Contradiction) bool {
		if !ContradictionAbout(x, e) {
			return true
		}
		if len(c.Contradictions) == opts.Contradictions {
			c.ContradictionsMore = true
			return false
		}
		c.Contradictions = append(c.Contradictions, NormContradiction(x))
		return true
	})
	if err != nil {
		return c, err
	}
	return c, c.name(ctx, st, nil)
}

func compareEvent(ctx context.Context, st store.Store, id string, opts CompareOptions) (Comparison, error) {
	ev, err := eventByID(ctx, st, id)
	if err != nil {
		return Comparison{}, err
	}
	ev = NormEvents([]model.Event{ev})[0]
	c := Comparison{Kind: "event", Event: &ev, Contradictions: []model.Contradiction{}}
	ids := ev.Docs
	if len(ids) > opts.Documents {
		ids = ids[:opts.Documents]
		c.Sampled = len(ids)
	}
	byID, err := documentsByID(ctx, st, ids)
	if err != nil {
		return c, err
	}
	views := make([]DocumentView, 0, len(ids))
	for _, id := range ids {
		if d, ok := byID[id]; ok {
			views = append(views, View(d))
		}
	}
	sd := newSides(views)
	for _, e := range ev.Evidence {
		if side := sd.of(e.Doc); side != nil && len(side.Statements) < opts.Statements {
			side.Statements = append(side.Statements, Statement{Doc: e.Doc, Kind: "evidence", Text: e.Text, Start: e.Start, End: e.End})
		}
	}
	participants := map[string]bool{}
	for _, p := range ev.Participants {
		participants[p] = true
	}
	for i, d := range views {
		if i == opts.Analyses {
			break
		}
		fs, err := st.Frames(ctx, store.FrameFilter{Doc: d.ID})
		if err != nil {
			return c, err
		}
		side := sd.of(d.ID)
		for _, f := range fs {
			if participants[f.Entity] {
				f.Evidence = nonNil(f.Evidence)
				side.Frames = append(side.Frames, f)
			}
		}
	}
	c.Outlets = sd.list()
	names, err := EntityNames(ctx, st, append([]string{ev.Place}, ev.Participants...))
	if err != nil {
		return c, err
	}
	cs, err := contradictionsWith(ctx, st, ev.Docs)
	if err != nil {
		return c, err
	}
	inEvent := map[string]bool{}
	for _, d := range ev.Docs {
		inEvent[d] = true
	}
	for _, x := range cs {
		shared := false
		for _, s := range x.Sides {
			shared = shared || inEvent[s.Doc]
		}
		if !shared {
			continue
		}
		about := containsWord(strings.ToLower(x.Topic), strings.ToLower(ev.Type)) || strings.Contains(x.Topic, ev.ID)
		for id, n := range names {
			about = about || ContradictionAbout(x, model.Entity{ID: id, Name: n.Name})
		}
		if about {
			if len(c.Contradictions) == opts.Contradictions {
				c.ContradictionsMore = true
				break
			}
			c.Contradictions = append(c.Contradictions, NormContradiction(x))
		}
	}
	return c, c.name(ctx, st, names)
}

// name fills the document and entity names a comparison refers to.
func (c *Comparison) name(ctx context.Context, st store.Store, known map[string]EntityName) error {
	var docs, ents []string
	for _, o := range c.Outlets {
		docs = append(docs, o.Docs...)
		for _, q := range o.Quotes {
			ents = append(ents, q.Speaker.Entity)
		}
		for _, f := range o.Frames {
			ents = append(ents, f.Entity)
		}
	}
	for _, x := range c.Contradictions {
		for _, s := range x.Sides {
			docs = append(docs, s.Doc)
		}
	}
	var err error
	if c.DocumentNames, err = DocNames(ctx, st, docs); err != nil {
		return err
	}
	if c.EntityNames, err = EntityNames(ctx, st, ents); err != nil {
		return err
	}
	for id, n := range known {
		c.EntityNames[id] = n
	}
	return nil
}

// EventByIDer finds one event by id without reading them all.
type EventByIDer interface {
	EventByID(ctx context.Context, id string) (model.Event, error)
}

func eventByID(ctx context.Context, st store.Store, id string) (model.Event, error) {
	if eg, ok := st.(EventByIDer); ok {
		return eg.EventByID(ctx, id)
	}
	evs, err := st.Events(ctx, store.EventFilter{})
	if err != nil {
		return model.Event{}, err
	}
	for _, ev := range evs {
		if ev.ID == id {
			return ev, nil
		}
	}
	return model.Event{}, errNotFound("event", id)
}

// Event returns one event with the names of its place and participants.
func Event(ctx context.Context, st store.Store, id string) (model.Event, map[string]EntityName, error) {
	ev, err := eventByID(ctx, st, id)
	if err != nil {
		return ev, nil, err
	}
	ev = NormEvents([]model.Event{ev})[0]
	names, err := EntityNames(ctx, st, append([]string{ev.Place}, ev.Participants...))
	return ev, names, err
}

func overlapsAny(start, end int, spans []model.Span) bool {
	for _, s := range spans {
		if s.Start < end && start < s.End {
			return true
		}
	}
	return false
}

func namesEntity(ref string, e model.Entity) bool {
	if ref == "" {
		return false
	}
	if ref == e.ID || strings.EqualFold(ref, e.Name) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.EqualFold(ref, a.Text) {
			return true
		}
	}
	return false
}

// spanText returns text[start:end] when the offsets are valid, else fallback.
func spanText(text string, start, end int, fallback string) string {
	if start >= 0 && end <= len(text) && start < end {
		return text[start:end]
	}
	return fallback
}
