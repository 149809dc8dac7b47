package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

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
