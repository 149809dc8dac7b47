package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// TestKeyFreqCacheAgrees checks that the per-batch key frequency cache
// answers what the store answers, through interleaved counts and lookups
// of cached, uncached and repeated keys.
func TestKeyFreqCacheAgrees(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "df.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.CountKeys(ctx, []string{"amirli", "siege"}); err != nil { // counted before the batch
		t.Fatal(err)
	}
	cached := storyIndex{st: st, df: &dfCache{df: map[string]int{}}}
	plain := storyIndex{st: st}
	steps := []struct {
		count []string
		ask   []string
	}{
		{nil, []string{"amirli", "tikrit"}},
		{[]string{"amirli", "tikrit", "baiji"}, []string{"amirli", "tikrit", "baiji", "siege", "amirli"}},
		{[]string{"siege"}, []string{"siege", "mosul"}},
		{[]string{"mosul", "amirli"}, []string{"mosul", "amirli", "baiji", "nothing"}},
		{[]string{"new"}, nil},
		{nil, []string{"new", "siege"}},
	}
	for i, s := range steps {
		if s.count != nil {
			if err := cached.CountDocument(ctx, s.count); err != nil {
				t.Fatal(err)
			}
		}
		n1, df1, err1 := cached.DocFreqs(ctx, s.ask)
		n2, df2, err2 := plain.DocFreqs(ctx, s.ask)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if n1 != n2 || fmt.Sprint(df1) != fmt.Sprint(df2) {
			t.Errorf("step %d: cached %d %v, store %d %v", i, n1, df1, n2, df2)
		}
	}
}

// TestEntityByName checks which entity a shared name is credited to in
// story summaries.
func TestEntityByName(t *testing.T) {
	ents := []model.Entity{
		{ID: "isis", Name: "Islamic State", Mentions: 70, Aliases: []model.Alias{{Text: "ISIS", Count: 44}, {Text: "Daesh", Count: 12}, {Text: "Islamic State", Count: 8}}},
		{ID: "isis-force", Name: "ISIS force", Mentions: 2, Aliases: []model.Alias{{Text: "ISIS", Count: 1}, {Text: "ISIS force", Count: 1}}},
		{ID: "a", Name: "Hadi al-Amiri", Mentions: 3, Aliases: []model.Alias{{Text: "Amiri", Count: 2}}},
		{ID: "b", Name: "Amiri", Mentions: 5, Aliases: []model.Alias{{Text: "Amiri", Count: 2}}},
	}
	byName := entityByName(ents)
	for _, c := range []struct{ name, want string }{
		{"isis", "isis"},             // 44 uses against 1
		{"daesh", "isis"},            // only one entity
		{"islamic state", "isis"},    // canonical name
		{"isis force", "isis-force"}, // its own name
		{"amiri", "b"},               // a tie in uses: the entity with more mentions
		{"hadi al-amiri", "a"},
		{"nobody", ""},
	} {
		if got := byName[c.name].id; got != c.want {
			t.Errorf("%q credited to %q, want %q", c.name, got, c.want)
		}
	}
}
