package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/stories"
)

// storyIndex is the stories package's Index on a store.Store: story states
// are stored as JSON, filed under their blocking keys.
type storyIndex struct {
	st    store.Store
	cache *stateCache
	df    *dfCache // nil: every DocFreqs asks the store
}

// dfCache holds key document frequencies read from the store during one
// hold of the corpus lock, kept current by the counts this index writes:
// only story filing writes them, always under the lock, so what the
// store would answer is what was read plus what was counted since. A
// batch's documents share most of their keys, so this saves most reads
// (against PostgreSQL, they were half the time spent filing stories).
type dfCache struct {
	loaded bool
	docs   int
	df     map[string]int
}

var _ stories.Index = storyIndex{}

func (x storyIndex) Candidates(ctx context.Context, keys []string, minShared, limit int) ([]stories.StoryState, error) {
	rows, err := x.st.StoryCandidates(ctx, keys, minShared, limit)
	if err != nil {
		return nil, err
	}
	out := make([]stories.StoryState, 0, len(rows))
	for _, r := range rows {
		s, err := x.cache.decode(r)
		if err != nil {
			return nil, fmt.Errorf("story %s: %w", r.ID, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// stateCache keeps decoded story states by id with the bytes they were
// decoded from: a lookup whose stored bytes are unchanged reuses the
// decoded state (decoding JSON was most of the cost of filing a document
// under its story). Comparing bytes keeps it right when other processes
// update the store. The clusterer replaces a state's slices rather than
// writing into them, so sharing a decoded state is safe.
type stateCache struct {
	mu sync.Mutex
	m  map[string]cachedState
}

type cachedState struct {
	data []byte
	st   stories.StoryState
}

// maxCachedStates bounds the cache; past it, it starts afresh.
const maxCachedStates = 1 << 13

func (c *stateCache) decode(r store.StoryState) (stories.StoryState, error) {
	if c != nil {
		c.mu.Lock()
		e, ok := c.m[r.ID]
		c.mu.Unlock()
		if ok && bytes.Equal(e.data, r.Data) {
			return e.st, nil
		}
	}
	var s stories.StoryState
	if err := json.Unmarshal(r.Data, &s); err != nil {
		return s, err
	}
	if c != nil {
		c.mu.Lock()
		if c.m == nil || len(c.m) >= maxCachedStates {
			c.m = make(map[string]cachedState, 256)
		}
		c.m[r.ID] = cachedState{data: r.Data, st: s}
		c.mu.Unlock()
	}
	return s, nil
}

func (x storyIndex) Put(ctx context.Context, s stories.StoryState, docs []string) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return x.st.PutStory(ctx, store.StoryState{ID: s.ID, Keys: s.Keys, Data: data}, docs)
}

func (x storyIndex) Absorb(ctx context.Context, from, into string) error {
	return x.st.AbsorbStory(ctx, from, into)
}

func (x storyIndex) CountDocument(ctx context.Context, keys []string) error {
	if x.df != nil && !x.df.loaded {
		// Read the document count before it moves, so the cache starts
		// from the store's state.
		if _, _, err := x.DocFreqs(ctx, nil); err != nil {
			return err
		}
	}
	if err := x.st.CountKeys(ctx, keys); err != nil {
		return err
	}
	if x.df != nil {
		x.df.docs++
		seen := make(map[string]bool, len(keys))
		for _, k := range keys {
			if seen[k] {
				continue
			}
			seen[k] = true
			if n, ok := x.df.df[k]; ok {
				x.df.df[k] = n + 1
			}
			// a key not cached is read from the store when asked for, and
			// the store has the count
		}
	}
	return nil
}

func (x storyIndex) DocFreqs(ctx context.Context, keys []string) (int, []int, error) {
	c := x.df
	if c == nil {
		return x.st.KeyFreqs(ctx, keys)
	}
	var missing []string
	for _, k := range keys {
		if _, ok := c.df[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 || !c.loaded {
		n, df, err := x.st.KeyFreqs(ctx, missing)
		if err != nil {
			return 0, nil, err
		}
		c.docs, c.loaded = n, true
		for i, k := range missing {
			c.df[k] = df[i]
		}
	}
	out := make([]int, len(keys))
	for i, k := range keys {
		out[i] = c.df[k]
	}
	return c.docs, out, nil
}

// assignStories files each newly committed document under a story, in
// arrival order. Documents already stored were skipped before the batch,
// so none is counted twice.
func (c *Corpus) assignStories(ctx context.Context, st store.Store, batch []store.DocumentRecord) error {
	// The key frequencies are cached for this batch only: the caller holds
	// the corpus lock, which another process may take before the next one.
	idx := storyIndex{st: st, cache: &c.states, df: &dfCache{df: map[string]int{}}}
	cl, err := stories.New(idx, stories.DefaultOptions())
	if err != nil {
		return err
	}
	for _, r := range batch {
		// Entities stay nil: the clusterer's own capitalised phrases scored
		// better on the ECB+ dev stories (B-cubed F1 0.926) than the
		// recogniser's names (0.832), which split stories on type noise.
		in := stories.Input{ID: r.Doc.ID, Title: r.Doc.Title, Text: r.Doc.Text, Published: r.Doc.Published}
		if _, err := cl.Add(ctx, in); err != nil {
			return fmt.Errorf("story of %s: %w", r.Doc.Source, err)
		}
	}
	return nil
}

// summariseStories renders every story for listing: its documents, its
// main entities as resolved entity ids, and the span of its documents'
// publication dates.
func (c *Corpus) summariseStories(ctx context.Context, st store.Store, published map[string]string, ents []model.Entity) error {
	states, err := st.StoryStates(ctx)
	if err != nil {
		return err
	}
	members, err := st.StoryMembers(ctx)
	if err != nil {
		return err
	}
	byName := entityByName(ents)
	out := make([]model.Story, 0, len(states))
	for _, row := range states {
		var s stories.StoryState
		if err := json.Unmarshal(row.Data, &s); err != nil {
			return fmt.Errorf("story %s: %w", row.ID, err)
		}
		docs := members[row.ID]
		if len(docs) == 0 {
			continue
		}
		story := s.Story(docs, 20)
		var ids []string
		seen := map[string]bool{}
		for _, name := range story.Entities {
			if id := byName[strings.ToLower(name)].id; id != "" && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
			if len(ids) == 10 {
				break
			}
		}
		story.Entities = ids
		if story.Entities == nil {
			story.Entities = []string{}
		}
		story.First, story.Last = "", ""
		for _, d := range docs {
			p := published[d]
			if p == "" {
				continue
			}
			if story.First == "" || p < story.First {
				story.First = p
			}
			if p > story.Last {
				story.Last = p
			}
		}
		out = append(out, story)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return st.ReplaceStories(ctx, out)
}

// nameOwner is the entity a name most likely refers to, and how often.
type nameOwner struct {
	id string
	n  int
}

// entityByName maps each lower-cased name and alias to the entity that
// uses it most: a name shared by two entities ("ISIS" written once inside
// "ISIS force", seventy times for the Islamic State) goes to the one it
// names most often (ties: the entity with more mentions, then the first).
func entityByName(ents []model.Entity) map[string]nameOwner {
	byName := map[string]nameOwner{}
	claim := func(name, id string, n, total int, totals map[string]int) {
		k := strings.ToLower(name)
		cur, ok := byName[k]
		if !ok || n > cur.n || (n == cur.n && total > totals[cur.id]) {
			byName[k] = nameOwner{id: id, n: n}
		}
	}
	totals := make(map[string]int, len(ents))
	for _, e := range ents {
		totals[e.ID] = e.Mentions
	}
	for _, e := range ents {
		best := 0
		for _, a := range e.Aliases {
			claim(a.Text, e.ID, a.Count, e.Mentions, totals)
			best = max(best, a.Count)
		}
		// the canonical name counts as the entity's most used spelling
		claim(e.Name, e.ID, max(best, 1), e.Mentions, totals)
	}
	return byName
}
