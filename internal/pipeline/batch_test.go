package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

func batchRecord(i int, text string) store.DocumentRecord {
	id := fmt.Sprintf("%032x", i+1)
	return store.DocumentRecord{
		Doc: model.Document{ID: id, Source: fmt.Sprintf("/in/%03d.txt", i), Title: fmt.Sprintf("Report %d", i),
			Text: text, Language: "en", Format: "text", Published: "2015-03-01"},
		Analysis: model.Analysis{Doc: id},
	}
}

func articles(n int) []store.DocumentRecord {
	topics := []string{
		"The siege of Amirli ended when Iraqi forces and volunteers broke through to the town.",
		"Ramadi was retaken by the Iraqi army after months of fighting with the Islamic State.",
		"Kurdish Peshmerga fighters held the line near Erbil as the coalition struck from the air.",
	}
	recs := make([]store.DocumentRecord, n)
	for i := range recs {
		recs[i] = batchRecord(i, fmt.Sprintf("%s Report number %d from the front. %s", topics[i%len(topics)], i, topics[i%len(topics)]))
	}
	return recs
}

func openSQLite(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// storyCount maps every stored document to how many stories hold it.
func storyCount(t *testing.T, st store.Store) map[string]int {
	t.Helper()
	members, err := st.StoryMembers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, docs := range members {
		for _, d := range docs {
			out[d]++
		}
	}
	return out
}

func TestCommitBatch(t *testing.T) {
	ctx := context.Background()
	recs := articles(9)
	mirror := recs[4]
	mirror.Doc.Source = "/mirror/004.txt"
	cases := []struct {
		name                   string
		batch                  []store.DocumentRecord
		added, dups, wantTotal int
	}{
		{"first batch", recs[:5], 5, 0, 5},
		{"redelivered batch", recs[:5], 0, 5, 5},
		{"overlap, a copy from elsewhere, a repeat within the batch", append(append([]store.DocumentRecord{mirror}, recs[3:9]...), recs[8]), 4, 4, 9},
	}
	st := openSQLite(t)
	c := NewCorpus()
	for _, tc := range cases {
		rep, err := CommitBatch(ctx, st, c, tc.batch)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if rep.Added != tc.added || rep.Duplicates != tc.dups || len(rep.Documents) != len(tc.batch) {
			t.Errorf("%s: report %+v, want %d added, %d duplicates", tc.name, rep, tc.added, tc.dups)
		}
		if n, _ := st.CountDocuments(ctx); n != tc.wantTotal {
			t.Errorf("%s: %d documents stored, want %d", tc.name, n, tc.wantTotal)
		}
	}
	if d, err := st.FindDocument(ctx, "/mirror/004.txt"); err != nil || d.ID != recs[4].Doc.ID {
		t.Errorf("the copy's source was not remembered: %q %v", d.ID, err)
	}
	for _, r := range recs {
		if k := storyCount(t, st)[r.Doc.ID]; k != 1 {
			t.Errorf("%s in %d stories, want 1", r.Doc.Source, k)
		}
	}
}

// TestCommitBatchFinishesInterruptedStories plays a worker killed between
// writing its batch and filing its stories: the next commit files them.
func TestCommitBatchFinishesInterruptedStories(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t)
	c := NewCorpus()
	recs := articles(6)
	if _, err := CommitBatch(ctx, st, c, recs[:2]); err != nil {
		t.Fatal(err)
	}
	// The killed worker's steps, up to the kill.
	ids, _ := json.Marshal(idsOf(recs[2:5]))
	if err := st.SetMeta(ctx, metaPendingStories, string(ids)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutDocuments(ctx, recs[2:5]); err != nil {
		t.Fatal(err)
	}
	// Its batch comes back: all stored, nothing added, yet every story filed.
	rep, err := CommitBatch(ctx, st, c, recs[2:5])
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Duplicates != 3 {
		t.Errorf("redelivered batch: %+v", rep)
	}
	if _, err := CommitBatch(ctx, st, c, recs[5:]); err != nil {
		t.Fatal(err)
	}
	counts := storyCount(t, st)
	for _, r := range recs {
		if counts[r.Doc.ID] != 1 {
			t.Errorf("%s in %d stories, want 1", r.Doc.Source, counts[r.Doc.ID])
		}
	}
	if v, _ := st.Meta(ctx, metaPendingStories); v != "" {
		t.Errorf("pending marker left behind: %q", v)
	}
}

func TestAnalyzeCorpusOnlyIfChanged(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t)
	c := NewCorpus()
	if ran, err := AnalyzeCorpus(ctx, st, c, false); err != nil || ran {
		t.Fatalf("empty store: ran=%v err=%v, want nothing done", ran, err)
	}
	if _, err := CommitBatch(ctx, st, c, articles(3)); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		only bool
		want bool
	}{{true, true}, {true, false}, {false, true}}
	for i, s := range steps {
		ran, err := AnalyzeCorpus(ctx, st, c, s.only)
		if err != nil || ran != s.want {
			t.Fatalf("step %d (onlyIfChanged=%v): ran=%v err=%v, want ran=%v", i, s.only, ran, err, s.want)
		}
	}
}

// TestRunFinishesInterruptedStories plays `parallax ingest` killed between
// writing a batch and filing its stories: the next run files them before
// its own documents, and leaves no marker behind.
func TestRunFinishesInterruptedStories(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t)
	recs := articles(3)
	ids, _ := json.Marshal(idsOf(recs))
	if err := st.SetMeta(ctx, metaPendingStories, string(ids)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "next.txt"), []byte("Mosul offensive\n\nThe offensive to retake Mosul began on Monday, officials in Baghdad said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := DefaultOptions()
	opts.SkipCorpus = true
	rep, err := Run(ctx, st, NewAnalyzer(), NewCorpus(), []string{dir}, opts)
	if err != nil || rep.Added != 1 {
		t.Fatalf("run: %+v %v", rep, err)
	}
	counts := storyCount(t, st)
	for _, id := range append(idsOf(recs), rep.Documents...) {
		if counts[id] != 1 {
			t.Errorf("%s in %d stories, want 1", id, counts[id])
		}
	}
	if v, _ := st.Meta(ctx, metaPendingStories); v != "" {
		t.Errorf("pending marker left behind: %q", v)
	}
}

// TestRunFilesEveryBatch ingests one document per batch, so that batches
// are written while earlier ones are still being filed: every document
// ends in exactly one story, in the same stories as a run with one batch,
// and no marker is left.
func TestRunFilesEveryBatch(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	texts := []string{
		"Amirli siege broken\n\nIraqi forces and volunteers broke the siege of Amirli on Sunday, officials said.",
		"Amirli relieved\n\nThe siege of Amirli was broken on Sunday by Iraqi forces and volunteer fighters, officials said.",
		"Ramadi retaken\n\nThe Iraqi army retook Ramadi from the Islamic State after months of fighting.",
		"Army in Ramadi\n\nIraqi army units entered central Ramadi after driving out Islamic State fighters.",
		"Erbil holds\n\nKurdish Peshmerga fighters held the line near Erbil as coalition aircraft struck.",
		"Amirli aid\n\nAid reached Amirli after Iraqi forces and volunteers broke the siege, officials said.",
	}
	for i, tx := range texts {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(tx+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	members := func(batchSize int) map[string]string {
		st := openSQLite(t)
		opts := DefaultOptions()
		opts.SkipCorpus = true
		opts.BatchSize = batchSize
		rep, err := Run(ctx, st, NewAnalyzer(), NewCorpus(), []string{dir}, opts)
		if err != nil || rep.Added != len(texts) {
			t.Fatalf("run with batches of %d: %+v %v", batchSize, rep, err)
		}
		if v, _ := st.Meta(ctx, metaPendingStories); v != "" {
			t.Errorf("batches of %d: pending marker left behind: %q", batchSize, v)
		}
		all, err := st.StoryMembers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		storyOf := map[string]string{}
		for story, docs := range all {
			for _, d := range docs {
				if storyOf[d] != "" {
					t.Errorf("batches of %d: %s in two stories", batchSize, d)
				}
				storyOf[d] = story
			}
		}
		if len(storyOf) != len(texts) {
			t.Errorf("batches of %d: %d documents filed, want %d", batchSize, len(storyOf), len(texts))
		}
		return storyOf
	}
	one, all := members(1), members(100)
	if fmt.Sprint(one) != fmt.Sprint(all) {
		t.Errorf("stories differ by batch size:\n1:   %v\n100: %v", one, all)
	}
}
