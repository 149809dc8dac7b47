package query

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// plain hides a store's optional interfaces, so the fallback paths run.
type plain struct{ store.Store }

// testStore builds a small corpus: eight documents from three outlets (one
// unknown), three entities of different frequency, frames, quotes, events,
// a story and a contradiction.
func testStore(t *testing.T) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	outlets := []string{"a.example", "b.example", "", "a.example", "c.example", "b.example", "", "a.example"}
	var recs []store.DocumentRecord
	mentionEntity := map[string][]string{}
	ents := map[string]*model.Entity{
		"soleimani": {ID: "soleimani", Name: "Qassem Soleimani", Type: model.Person},
		"amirli":    {ID: "amirli", Name: "Amirli", Type: model.Place, Lat: ptr(34.72), Lon: ptr(44.58)},
		"barzani":   {ID: "barzani", Name: "Masoud Barzani", Type: model.Person},
	}
	var frames []model.Frame
	var quotes []model.Quote
	for i, o := range outlets {
		text := fmt.Sprintf("Report %d. Qassem Soleimani was seen in Amirli with %d fighters.", i, 100+i)
		var ms []model.Mention
		var ids []string
		add := func(sub, typ, ent string) {
			at := strings.Index(text, sub)
			ms = append(ms, model.Mention{Start: at, End: at + len(sub), Text: sub, Type: typ})
			ids = append(ids, ent)
			e := ents[ent]
			e.Mentions++
			if len(e.Docs) == 0 || e.Docs[len(e.Docs)-1] != docID(i) {
				e.Docs = append(e.Docs, docID(i))
			}
		}
		add("Qassem Soleimani", model.Person, "soleimani")
		add("Amirli", model.Place, "amirli")
		if i%3 == 0 {
			text += " Masoud Barzani said \"we will hold Erbil\"."
			add("Masoud Barzani", model.Person, "barzani")
			q := strings.Index(text, "we will")
			quotes = append(quotes, model.Quote{Doc: docID(i), Kind: model.QuoteDirect, Text: "we will hold Erbil", Cue: "said", Start: q, End: q + len("we will hold Erbil"),
				Speaker: model.Speaker{Entity: "barzani", Text: "Masoud Barzani"}})
		}
		s := strings.Index(text, "Qassem")
		frames = append(frames, model.Frame{Entity: "soleimani", Doc: docID(i), Outlet: o, Stance: float64(i%5-2) / 2, Label: "x",
			Evidence: []model.FrameEvidence{{Text: "Qassem Soleimani", Start: s, End: s + 16}}})
		recs = append(recs, store.DocumentRecord{Doc: model.Document{ID: docID(i), Source: fmt.Sprintf("d%d.txt", i), Title: fmt.Sprintf("Report %d", i),
			Outlet: o, Text: text, Language: "en", Words: 12, Published: fmt.Sprintf("2014-0%d-01", 1+i)},
			Analysis: model.Analysis{Mentions: ms, Sentences: []model.Sentence{{Start: 0, End: len(text)}},
				Claims: []model.Claim{{Doc: docID(i), Kind: "presence", Subject: "Qassem Soleimani", Text: text, Start: 0, End: len(text), Polarity: 1}}}})
		mentionEntity[docID(i)] = ids
	}
	if _, err := st.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	var list []model.Entity
	for _, id := range []string{"soleimani", "amirli", "barzani"} {
		e := ents[id]
		e.Aliases = []model.Alias{{Text: e.Name, Count: e.Mentions}}
		list = append(list, *e)
	}
	must(t, st.ReplaceEntities(ctx, list, mentionEntity))
	must(t, st.ReplaceFrames(ctx, frames))
	must(t, st.ReplaceQuotes(ctx, quotes))
	must(t, st.ReplaceEvents(ctx, []model.Event{{ID: "ev1", Type: "siege", Summary: "siege of Amirli", Time: model.TimeValue{Value: "2014-08", Start: "2014-08-01", End: "2014-08-31"},
		Place: "amirli", Participants: []string{"soleimani"}, Docs: []string{docID(0), docID(1)},
		Evidence: []model.Evidence{{Doc: docID(0), Start: 0, End: 9, Text: "Report 0."}}}}))
	must(t, st.PutStory(ctx, store.StoryState{ID: "s1", Data: []byte("{}")}, []string{docID(0), docID(1), docID(2)}))
	must(t, st.ReplaceStories(ctx, []model.Story{{ID: "s1", Title: "Amirli", Docs: []string{docID(0), docID(1), docID(2)}, Entities: []string{"soleimani", "amirli"}, First: "2014-01-01", Last: "2014-03-01"},
		{ID: "s2", Title: "Erbil", Docs: []string{docID(3)}, Entities: []string{"barzani"}, First: "2013-06-01", Last: "2013-06-01"}}))
	must(t, st.ReplaceContradictions(ctx, []model.Contradiction{{Topic: "credit:liberation:amirli", Kind: "credit", Confidence: 0.9,
		Sides: []model.ContradictionSide{{Doc: docID(0), Claim: "Iraqi army freed Amirli", Start: 0, End: 9}, {Doc: docID(1), Claim: "militias freed Amirli", Start: 0, End: 9}}},
		{Topic: "characterisation:soleimani", Kind: "characterisation", Confidence: 0.7,
			Sides: []model.ContradictionSide{{Doc: docID(2), Claim: "Soleimani the hero", Start: 0, End: 9}, {Doc: docID(0), Claim: "Soleimani the terrorist", Start: 0, End: 9}}}}))
	return st
}

func docID(i int) string     { return fmt.Sprintf("%032x", i+1) }
func ptr(f float64) *float64 { return &f }
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func asJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The fast paths of the SQLite store and the plain Store fallbacks agree.
func TestFastPathsMatchFallbacks(t *testing.T) {
	fast := testStore(t)
	slow := plain{fast}
	ctx := context.Background()
	for _, c := range []struct {
		name string
		run  func(st store.Store) (any, error)
		// sortBy normalises views whose order differs by design.
		norm func(v any) any
	}{
		{"entity view", func(st store.Store) (any, error) { return EntityView(ctx, st, "soleimani", PageEntityOptions()) }, func(v any) any {
			d := v.(EntityDetail)
			sort.Slice(d.Mentions, func(i, j int) bool { return d.Mentions[i].Doc < d.Mentions[j].Doc })
			return d
		}},
		{"entity (CLI)", func(st store.Store) (any, error) { return Entity(ctx, st, "Masoud Barzani") }, nil},
		{"entity rows", func(st store.Store) (any, error) { return ListEntities(ctx, st, EntityQuery{Limit: 2}) }, nil},
		{"entity rows by type", func(st store.Store) (any, error) {
			return ListEntities(ctx, st, EntityQuery{Type: "person", Query: "qass"})
		}, nil},
		{"documents by entity", func(st store.Store) (any, error) {
			return ListDocuments(ctx, st, DocQuery{Entity: "barzani", Limit: 2})
		}, nil},
		{"search", func(st store.Store) (any, error) {
			return SearchPage(ctx, st, SearchQuery{Q: "amirli fighters", Limit: 3})
		}, func(v any) any {
			p := v.(Page[SearchHit])
			for i := range p.Items {
				p.Items[i].Rank = 0 // bm25 through rank vs. bm25(): equal order, float noise
			}
			return p
		}},
		{"frames", func(st store.Store) (any, error) {
			return ListFrames(ctx, st, FrameQuery{Entity: "soleimani", Limit: 100})
		}, func(v any) any {
			p := v.(Page[model.Frame])
			sort.Slice(p.Items, func(i, j int) bool { return p.Items[i].Doc < p.Items[j].Doc })
			return p
		}},
		{"timeline", func(st store.Store) (any, error) { return Timeline(ctx, st, EventQuery{}) }, nil},
		{"story", func(st store.Store) (any, error) { return Story(ctx, st, "s1", StoryOptions{}) }, nil},
		{"stories page", func(st store.Store) (any, error) { return ListStories(ctx, st, StoryQuery{Limit: 1}) }, nil},
		{"stories second page", func(st store.Store) (any, error) { return ListStories(ctx, st, StoryQuery{Limit: 1, Next: "1"}) }, nil},
		{"quotes", func(st store.Store) (any, error) { return ListQuotes(ctx, st, QuoteQuery{Speaker: "barzani"}) }, nil},
		{"compare entity", func(st store.Store) (any, error) {
			return Compare(ctx, st, CompareQuery{Entity: "soleimani"}, CompareOptions{})
		}, nil},
		{"compare event", func(st store.Store) (any, error) {
			return Compare(ctx, st, CompareQuery{Event: "ev1"}, CompareOptions{})
		}, nil},
		{"contradictions about", func(st store.Store) (any, error) {
			return ListContradictions(ctx, st, ContradictionQuery{Entity: "amirli"})
		}, nil},
		{"contradictions about another", func(st store.Store) (any, error) {
			return ListContradictions(ctx, st, ContradictionQuery{Entity: "soleimani"})
		}, nil},
		{"contradictions of a document", func(st store.Store) (any, error) {
			return ListContradictions(ctx, st, ContradictionQuery{Doc: docID(0)})
		}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := c.run(fast)
			if err != nil {
				t.Fatal(err)
			}
			b, err := c.run(slow)
			if err != nil {
				t.Fatal(err)
			}
			if c.norm != nil {
				a, b = c.norm(a), c.norm(b)
			}
			if ja, jb := asJSON(t, a), asJSON(t, b); ja != jb {
				t.Errorf("fast path and fallback differ:\nfast %s\nslow %s", ja, jb)
			}
		})
	}
}

func TestEntityView(t *testing.T) {
	st := testStore(t)
	ctx := context.Background()
	d, err := EntityView(ctx, st, "soleimani", EntityOptions{Documents: 3, CoMentionSample: 4})
	if err != nil {
		t.Fatal(err)
	}
	if d.DocCount != 8 || len(d.Documents) != 3 || d.DocumentsNext == nil {
		t.Errorf("documents: count %d, listed %d, next %v", d.DocCount, len(d.Documents), d.DocumentsNext)
	}
	if d.CoMentionedSample != 4 || len(d.CoMentioned) == 0 || d.CoMentioned[0].ID != "amirli" {
		t.Errorf("co-mentioned: %+v (sample %d)", d.CoMentioned, d.CoMentionedSample)
	}
	labels := map[string]bool{}
	total := 0
	for _, s := range d.Stance {
		labels[s.Label] = true
		total += s.Frames
	}
	if total != 8 || !labels["a.example"] || !labels["Report 2"] {
		t.Errorf("stance by outlet: %+v", d.Stance)
	}
	// Offsets of everything listed point at their text.
	for _, m := range d.Mentions {
		doc, _ := st.Document(ctx, m.Doc)
		if doc.Text[m.Start:m.End] != m.Text {
			t.Errorf("mention %q at [%d,%d) reads %q", m.Text, m.Start, m.End, doc.Text[m.Start:m.End])
		}
	}
	if _, err := EntityView(ctx, st, "nobody", EntityOptions{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown entity: %v", err)
	}
	// The CLI view lists every document.
	full, err := Entity(ctx, st, "soleimani")
	if err != nil || len(full.Documents) != 8 {
		t.Errorf("Entity: %d documents, %v", len(full.Documents), err)
	}
}

func TestCompareOffsets(t *testing.T) {
	st := testStore(t)
	ctx := context.Background()
	c, err := Compare(ctx, st, CompareQuery{Entity: "Qassem Soleimani"}, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Outlets) != 5 || len(c.Contradictions) != 1 || c.Contradictions[0].Kind != "characterisation" {
		t.Errorf("outlets %d (want a, b, c and two unknown), contradictions %+v (want the characterisation of Soleimani)", len(c.Outlets), c.Contradictions)
	}
	for _, o := range c.Outlets {
		if len(o.Statements) == 0 {
			t.Errorf("%s: no statements", o.Label)
		}
		for _, s := range o.Statements {
			doc, _ := st.Document(ctx, s.Doc)
			if doc.Text[s.Start:s.End] != s.Text {
				t.Errorf("statement [%d,%d) of %s is not its text", s.Start, s.End, s.Doc)
			}
		}
	}
	cc, err := Compare(ctx, st, CompareQuery{Entity: "amirli"}, CompareOptions{})
	if err != nil || len(cc.Contradictions) != 1 {
		t.Errorf("contradictions about Amirli: %d, %v", len(cc.Contradictions), err)
	}
	if _, err := Compare(ctx, st, CompareQuery{}, CompareOptions{}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("empty comparison: %v", err)
	}
}

func TestPaging(t *testing.T) {
	st := testStore(t)
	ctx := context.Background()
	var seen []string
	next := ""
	for pages := 0; ; pages++ {
		p, err := ListDocuments(ctx, st, DocQuery{Limit: 3, Next: next})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range p.Items {
			seen = append(seen, d.ID)
		}
		if p.Next == nil {
			break
		}
		next = *p.Next
		if pages > 10 {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != 8 {
		t.Errorf("paged through %d documents, want 8", len(seen))
	}
	for _, tok := range []string{"x", "-1", "1e3", strings.Repeat("9", 30)} {
		if _, err := ListDocuments(ctx, st, DocQuery{Next: tok}); !errors.Is(err, ErrBadRequest) {
			t.Errorf("token %q: %v, want a bad request", tok, err)
		}
	}
	if _, err := ListQuotes(ctx, st, QuoteQuery{Next: "20000"}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("offset beyond MaxOffset: %v", err)
	}
}

func TestSplitSnippet(t *testing.T) {
	cases := []struct {
		in   string
		want []SnippetPart
	}{
		{"", []SnippetPart{}},
		{"plain", []SnippetPart{{Text: "plain"}}},
		{"a " + SnippetOpen + "b" + SnippetClose + " c", []SnippetPart{{Text: "a "}, {Text: "b", Match: true}, {Text: " c"}}},
		{SnippetOpen + "open", []SnippetPart{{Text: "open", Match: true}}},
		{"x" + SnippetClose + "y", []SnippetPart{{Text: "xy"}}},
	}
	for _, c := range cases {
		if got := splitSnippet(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitSnippet(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestSlugAndAbout(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Qassem Soleimani", "qassem-soleimani"}, {"Jurf al-Sakhar", "jurf-al-sakhar"}, {"  ISIS ", "isis"}, {"Café Ünd", "café-ünd"},
	}
	for _, c := range cases {
		if got := Slug(c.in); got != c.want {
			t.Errorf("Slug(%q) = %q", c.in, got)
		}
	}
	c := model.Contradiction{Topic: "credit:liberation:amirli@2014", Sides: []model.ContradictionSide{{Claim: "militias took Tikrit"}}}
	for _, x := range []struct {
		e    model.Entity
		want bool
	}{
		{model.Entity{ID: "amirli", Name: "Amirli"}, true},
		{model.Entity{ID: "tikrit-iq", Name: "Tikrit"}, true},
		{model.Entity{ID: "amir", Name: "Amir"}, false},
	} {
		if got := ContradictionAbout(c, x.e); got != x.want {
			t.Errorf("ContradictionAbout(%s) = %v", x.e.ID, got)
		}
	}
}

// The SQLite store offers every fast path.
var (
	_ DocumentLookup       = (*sqlite.Store)(nil)
	_ CoMentionCounter     = (*sqlite.Store)(nil)
	_ EntityRowLister      = (*sqlite.Store)(nil)
	_ OutletStanceSummer   = (*sqlite.Store)(nil)
	_ EntityDocumentLister = (*sqlite.Store)(nil)
	_ FramePager           = (*sqlite.Store)(nil)
	_ SearchPager          = (*sqlite.Store)(nil)
	_ MentionPager         = (*sqlite.Store)(nil)
	_ Counter              = (*sqlite.Store)(nil)
	_ OutletLister         = (*sqlite.Store)(nil)
	_ EntityNamer          = (*sqlite.Store)(nil)
	_ EventByIDer          = (*sqlite.Store)(nil)
	_ EntityLoader         = (*sqlite.Store)(nil)
	_ EntityRanker         = (*sqlite.Store)(nil)
)
