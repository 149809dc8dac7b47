package stories

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"O'Brien's DUI", []string{"OBrien", "DUI"}},
		{"hit-and-run, 61-year-old", []string{"hit", "and", "run", "61", "year", "old"}},
		{"Chargers’ Jamal Williams", []string{"Chargers", "Jamal", "Williams"}},
		{"don't stop", []string{"don", "stop"}},
		{"", nil},
		{"...", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(tt.in, nil) {
			got = append(got, tok.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCapitalisedPhrases(t *testing.T) {
	tests := []struct {
		name, title, text string
		want              []string
	}{
		{
			name: "names mid-sentence",
			text: "Police said Jamal Williams was stopped in San Diego. Williams was released. The police did not comment.",
			want: []string{"Jamal Williams", "San Diego", "Williams"},
		},
		{
			name:  "title case headline needs body evidence",
			title: "Lineman Faces Charges After Arrest In San Diego",
			text:  "The lineman was arrested in San Diego on Sunday.",
			want:  []string{"San Diego", "San Diego"},
		},
		{
			name: "sentence start alone is not a name",
			text: "Twenty pirates were caught. Officials said the navy acted fast.",
			want: nil,
		},
		{
			name: "sentence start that continues a name",
			text: "Maurice Cheeks was fired. The team said Cheeks would be paid.",
			want: []string{"Maurice Cheeks", "Cheeks"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := tokenize(tt.title, nil)
			n := len(toks)
			toks = tokenize(tt.text, toks)
			got := capitalisedPhrases(toks, n)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLeadText(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"One sentence that is long enough to count. Two sentences here. Three.", 1, "One sentence that is long enough to count."},
		{"Short. Still the first sentence because it is too short to stop. Next one.", 1, "Short. Still the first sentence because it is too short to stop."},
		{"No end at all", 2, "No end at all"},
		{"Anything", 0, ""},
	}
	for _, tt := range tests {
		if got := leadText(tt.text, tt.n); got != tt.want {
			t.Errorf("leadText(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
	}
}

func TestEntityKeys(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"Jamal Williams", []string{"e:jamal williams", "e:jamal", "e:williams"}},
		{"Gulf of Aden", []string{"e:gulf of aden", "e:gulf", "e:aden"}},
		{"NATO", []string{"e:nato"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := entityKeys(tt.name); !slices.Equal(got, tt.want) {
			t.Errorf("entityKeys(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// event builds documents about one made-up event: its own names, place and
// numbers, in the words a reporter would use.
func event(id, person, place, vessel string, count int, docs int) []Input {
	var out []Input
	for i := range docs {
		out = append(out, Input{
			ID:    fmt.Sprintf("%s-%d", id, i),
			Title: fmt.Sprintf("%s seized with %d others near %s", person, count, place),
			Text: fmt.Sprintf("Coast guard officers said %s was detained on the %s near %s with %d crew members. "+
				"The %s was boarded at dawn after a chase, officers said. %s had been sought since the spring. "+
				"Officials in %s said the %d crew would be charged. %s denied wrongdoing through a lawyer.",
				person, vessel, place, count, vessel, person, place, count, person),
		})
	}
	return out
}

// TestLookAlikeEvents checks that two events of one kind (same vocabulary,
// different people, places, vessels and numbers) stay apart whatever the
// arrival order, and that an unrelated story stays alone.
func TestLookAlikeEvents(t *testing.T) {
	a := event("a", "Arvid Lindqvist", "Tromsø", "Nordkapp", 12, 5)
	b := event("b", "Tomasz Wierzbicki", "Gdańsk", "Baltica", 7, 5)
	other := []Input{{ID: "x-0", Title: "Orchestra opens season", Text: "The Vienna orchestra opened its season with Mahler on Friday evening before a full hall."}}
	orders := map[string][]Input{
		"grouped":     slices.Concat(a, b, other),
		"interleaved": {a[0], b[0], other[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4]},
		"reversed":    slices.Concat(b, other, a),
	}
	for name, docs := range orders {
		t.Run(name, func(t *testing.T) {
			idx := NewMemoryIndex()
			c := mustNew(t, idx, DefaultOptions())
			for _, d := range docs {
				if _, err := c.Add(context.Background(), d); err != nil {
					t.Fatal(err)
				}
			}
			got := idx.Assignments()
			for _, group := range [][]Input{a, b} {
				for _, d := range group[1:] {
					if got[d.ID] != got[group[0].ID] {
						t.Errorf("%s in %s, %s in %s: one event split", d.ID, got[d.ID], group[0].ID, got[group[0].ID])
					}
				}
			}
			if got[a[0].ID] == got[b[0].ID] {
				t.Errorf("look-alike events merged into %s", got[a[0].ID])
			}
			if got["x-0"] == got[a[0].ID] || got["x-0"] == got[b[0].ID] {
				t.Errorf("unrelated document joined a story")
			}
		})
	}
}

func TestAddErrors(t *testing.T) {
	c := mustNew(t, NewMemoryIndex(), DefaultOptions())
	if _, err := c.Add(context.Background(), Input{Title: "no id"}); !errors.Is(err, ErrNoDocID) {
		t.Errorf("Add without id: err %v, want ErrNoDocID", err)
	}
	// Empty documents are stories of their own, not errors.
	for _, id := range []string{"e1", "e2"} {
		a, err := c.Add(context.Background(), Input{ID: id})
		if err != nil || !a.New {
			t.Errorf("Add(%s) = %+v, %v; want a new story", id, a, err)
		}
	}
}

// TestStateBoundedAndSerialisable adds many documents with ever new words
// to one story and checks that its state stays within the option bounds and
// round-trips through JSON.
func TestStateBoundedAndSerialisable(t *testing.T) {
	opt := DefaultOptions()
	idx := NewMemoryIndex()
	c := mustNew(t, idx, opt)
	ctx := context.Background()
	base := "Arvid Lindqvist was detained on the Nordkapp near Tromsø with 12 crew members, coast guard officers said."
	var story string
	for i := range 300 {
		text := fmt.Sprintf("%s Reporter %d adds word%dx and word%dy.", base, i, i, i)
		a, err := c.Add(ctx, Input{ID: fmt.Sprintf("d%d", i), Title: "Lindqvist detained near Tromsø", Text: text, Published: "2024-05-01"})
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && a.Story != story {
			t.Fatalf("document %d went to %s, want %s", i, a.Story, story)
		}
		story = a.Story
	}
	sts, err := idx.Candidates(ctx, []string{"e:lindqvist"}, 1, 1)
	if err != nil || len(sts) != 1 {
		t.Fatalf("Candidates = %v, %v", sts, err)
	}
	st := sts[0]
	if len(st.Terms) > opt.TopTerms || len(st.Entities) > opt.TopEntities || len(st.Keys) > opt.BlockTerms+opt.BlockEntities {
		t.Errorf("state not bounded: %d terms, %d entities, %d keys", len(st.Terms), len(st.Entities), len(st.Keys))
	}
	if st.Docs != 300 || st.First != "2024-05-01" || st.Last != "2024-05-01" {
		t.Errorf("state = %d docs, %s..%s", st.Docs, st.First, st.Last)
	}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var back StoryState
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, st) {
		t.Errorf("JSON round trip changed the state")
	}
	if len(b) > 16<<10 {
		t.Errorf("state is %d bytes of JSON", len(b))
	}
	s := st.Story(make([]string, 300), opt.StoryEntities)
	if s.Title == "" || len(s.Entities) == 0 || len(s.Entities) > opt.StoryEntities || s.First != "2024-05-01" {
		t.Errorf("Story() = %+v", s)
	}
}

func TestMemoryIndex(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryIndex()
	m.MaxPostingsPerKey = 2
	put := func(id string, updated int64, keys []string, docs ...string) {
		t.Helper()
		if err := m.Put(ctx, StoryState{ID: id, Updated: updated, Keys: keys}, docs); err != nil {
			t.Fatal(err)
		}
	}
	put("s1", 1, []string{"a", "b"}, "d1")
	put("s2", 2, []string{"a"}, "d2")
	put("s3", 3, []string{"b", "c"}, "d3")
	ids := func(keys ...string) []string {
		sts, err := m.Candidates(ctx, keys, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range sts {
			out = append(out, s.ID)
		}
		return out
	}
	tests := []struct {
		keys []string
		want []string
	}{
		{[]string{"a", "b"}, []string{"s1", "s3", "s2"}}, // s1 shares two keys; then the most recent
		{[]string{"c"}, []string{"s3"}},
		{[]string{"zzz"}, nil},
	}
	for _, tt := range tests {
		if got := ids(tt.keys...); !slices.Equal(got, tt.want) {
			t.Errorf("Candidates(%v) = %v, want %v", tt.keys, got, tt.want)
		}
	}
	// A third story under "a" pushes the least recently updated one out.
	put("s4", 4, []string{"a"}, "d4")
	if got := ids("a"); !slices.Equal(got, []string{"s4", "s2"}) {
		t.Errorf("after overflow Candidates(a) = %v", got)
	}
	// Re-filing drops keys the story no longer has.
	put("s3", 5, []string{"c"})
	if got := ids("b"); !slices.Equal(got, []string{"s1"}) {
		t.Errorf("after re-filing Candidates(b) = %v", got)
	}
	if err := m.Absorb(ctx, "s2", "s1"); err != nil {
		t.Fatal(err)
	}
	if m.StoryOf("d2") != "s1" || m.Len() != 3 {
		t.Errorf("after absorb: d2 in %q, %d stories", m.StoryOf("d2"), m.Len())
	}
	if err := m.Absorb(ctx, "s2", "s1"); !errors.Is(err, ErrUnknownStory) {
		t.Errorf("absorbing a gone story: %v", err)
	}
	if err := m.Put(ctx, StoryState{}, nil); !errors.Is(err, ErrNoStoryID) {
		t.Errorf("put without id: %v", err)
	}
	if err := m.CountDocument(ctx, []string{"x", "y"}); err != nil {
		t.Fatal(err)
	}
	if err := m.CountDocument(ctx, []string{"x"}); err != nil {
		t.Fatal(err)
	}
	n, df, err := m.DocFreqs(ctx, []string{"x", "y", "z"})
	if err != nil || n != 2 || !slices.Equal(df, []int{2, 1, 0}) {
		t.Errorf("DocFreqs = %d, %v, %v", n, df, err)
	}
}

func TestBackgroundLoads(t *testing.T) {
	bg, err := background()
	if err != nil {
		t.Fatal(err)
	}
	if len(bg) < 10000 {
		t.Fatalf("background has %d stems", len(bg))
	}
	// Common words are in most documents, rare ones in few.
	if !(bg["said"] > bg["arrest"] && bg["arrest"] > bg["pirat"] && bg["pirat"] > 0) {
		t.Errorf("background shares out of order: said %g arrest %g pirat %g", bg["said"], bg["arrest"], bg["pirat"])
	}
}

func ExampleClusterer_Add() {
	idx := NewMemoryIndex()
	c, _ := New(idx, DefaultOptions())
	ctx := context.Background()
	docs := []Input{
		{ID: "1", Title: "Storm floods Valparaíso port", Text: "Storm Ignacia flooded the port of Valparaíso on Monday, closing the container terminal."},
		{ID: "2", Title: "Valparaíso port shut by Ignacia", Text: "The port of Valparaíso stayed shut after storm Ignacia flooded its container terminal."},
		{ID: "3", Title: "Chess final drawn", Text: "The chess final in Tbilisi ended in a draw after six hours."},
	}
	for _, d := range docs {
		a, _ := c.Add(ctx, d)
		fmt.Println(a.Doc, a.Story, a.New)
	}
	// Output:
	// 1 s-1 true
	// 2 s-1 false
	// 3 s-3 true
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"O'Brien's DUI", "hit-and-run", "ÉTÉ à Paris", "\xff\xfe", "a’b’c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tok := range tokenize(s, nil) {
			if tok.text == "" {
				t.Fatal("empty token")
			}
			for _, r := range tok.text {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					t.Fatalf("token %q has %q", tok.text, r)
				}
			}
		}
	})
}

// FuzzAdd feeds arbitrary documents (outside input) through the clusterer.
func FuzzAdd(f *testing.F) {
	f.Add("Storm floods port", "Storm Ignacia flooded the port. Officials said.", "2024-01-02")
	f.Add("", "", "")
	f.Add("ALL CAPS TITLE", "\xff bad utf8 \x00 text. Another One", "not a date")
	f.Fuzz(func(t *testing.T, title, text, published string) {
		idx := NewMemoryIndex()
		c := mustNew(t, idx, DefaultOptions())
		for i := range 2 {
			a, err := c.Add(context.Background(), Input{ID: fmt.Sprint(i), Title: title, Text: text, Published: published})
			if err != nil {
				t.Fatal(err)
			}
			if idx.StoryOf(a.Doc) != a.Story {
				t.Fatalf("document %s in %s, assignment says %s", a.Doc, idx.StoryOf(a.Doc), a.Story)
			}
		}
		for _, s := range idx.Stories(10) {
			if s.First != "" && s.First > s.Last || strings.ContainsRune(s.First, '\x00') {
				t.Fatalf("story %+v", s)
			}
		}
	})
}
