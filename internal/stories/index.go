package stories

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/parallaxhq/parallax/internal/model"
)

// Index is what the clusterer needs from storage: story states found through
// an inverted index on their blocking keys, the documents of each story, and
// corpus-wide document frequencies for IDF. The in-memory MemoryIndex is the
// reference implementation; a database implements the same five methods.
type Index interface {
	// Candidates returns up to limit stories filed under at least minShared
	// of keys, those sharing the most keys first (ties: most recently
	// updated first). Callers must not modify the returned states. An
	// implementation may keep only the most recently updated stories under a
	// key that very many stories share: blocking keys are for recall among
	// recent stories, not an archive search.
	Candidates(ctx context.Context, keys []string, minShared, limit int) ([]StoryState, error)
	// Put stores st (replacing any story with its id), files it under
	// st.Keys only, and records that docs (possibly none) belong to it.
	Put(ctx context.Context, st StoryState, docs []string) error
	// Absorb deletes story from and moves all its documents to story into.
	Absorb(ctx context.Context, from, into string) error
	// CountDocument records one more document containing each of keys (each
	// key once).
	CountDocument(ctx context.Context, keys []string) error
	// DocFreqs returns the number of documents counted and, for each key,
	// how many of them contain it.
	DocFreqs(ctx context.Context, keys []string) (docs int, df []int, err error)
}

// MemoryIndex is an Index held in memory, safe for concurrent use. Besides
// the Index methods it answers which story a document is in and lists all
// stories, which a database answers with its own queries.
type MemoryIndex struct {
	// MaxPostingsPerKey bounds each blocking key's list of stories; when it
	// overflows, the least recently updated story leaves that list.
	MaxPostingsPerKey int

	mu       sync.Mutex
	stories  map[string]*StoryState
	docs     map[string][]string         // story -> documents
	storyOf  map[string]string           // document -> story
	postings map[string]map[string]int64 // key -> story -> updated
	df       map[string]int
	n        int
}

// DefaultMaxPostingsPerKey is the MemoryIndex posting-list bound when
// MaxPostingsPerKey is zero.
const DefaultMaxPostingsPerKey = 512

// NewMemoryIndex returns an empty in-memory index.
func NewMemoryIndex() *MemoryIndex {
	return &MemoryIndex{
		stories:  make(map[string]*StoryState),
		docs:     make(map[string][]string),
		storyOf:  make(map[string]string),
		postings: make(map[string]map[string]int64),
		df:       make(map[string]int),
	}
}

// Candidates implements Index.
func (m *MemoryIndex) Candidates(_ context.Context, keys []string, minShared, limit int) ([]StoryState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	shared := make(map[string]int)
	for _, k := range keys {
		for id := range m.postings[k] {
			shared[id]++
		}
	}
	ids := make([]string, 0, len(shared))
	for id, n := range shared {
		if n >= minShared {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := ids[i], ids[j]
		if shared[a] != shared[b] {
			return shared[a] > shared[b]
		}
		ua, ub := m.stories[a].Updated, m.stories[b].Updated
		if ua != ub {
			return ua > ub
		}
		return a < b
	})
	if limit > 0 && len(ids) > limit {
		ids = ids[:limit]
	}
	out := make([]StoryState, 0, len(ids))
	for _, id := range ids {
		out = append(out, *m.stories[id]) // slices shared: states are replaced, never edited in place
	}
	return out, nil
}

// Put implements Index.
func (m *MemoryIndex) Put(_ context.Context, st StoryState, docs []string) error {
	if st.ID == "" {
		return fmt.Errorf("story index: put: %w", ErrNoStoryID)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.stories[st.ID]; ok {
		m.unfile(old.ID, old.Keys)
	}
	c := cloneState(st)
	m.stories[st.ID] = &c
	limit := m.MaxPostingsPerKey
	if limit <= 0 {
		limit = DefaultMaxPostingsPerKey
	}
	for _, k := range st.Keys {
		p := m.postings[k]
		if p == nil {
			p = make(map[string]int64)
			m.postings[k] = p
		}
		p[st.ID] = st.Updated
		if len(p) > limit {
			oldest, oldestAt := "", int64(0)
			for id, at := range p {
				if oldest == "" || at < oldestAt || (at == oldestAt && id < oldest) {
					oldest, oldestAt = id, at
				}
			}
			delete(p, oldest)
		}
	}
	for _, d := range docs {
		if prev, ok := m.storyOf[d]; ok && prev != st.ID {
			m.docs[prev] = remove(m.docs[prev], d)
		}
		if m.storyOf[d] != st.ID {
			m.docs[st.ID] = append(m.docs[st.ID], d)
		}
		m.storyOf[d] = st.ID
	}
	return nil
}

func (m *MemoryIndex) unfile(id string, keys []string) {
	for _, k := range keys {
		if p := m.postings[k]; p != nil {
			delete(p, id)
			if len(p) == 0 {
				delete(m.postings, k)
			}
		}
	}
}

func remove(xs []string, x string) []string {
	for i, v := range xs {
		if v == x {
			return append(xs[:i], xs[i+1:]...)
		}
	}
	return xs
}

// Absorb implements Index.
func (m *MemoryIndex) Absorb(_ context.Context, from, into string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	old, ok := m.stories[from]
	if !ok {
		return fmt.Errorf("story index: absorb %s into %s: %w", from, into, ErrUnknownStory)
	}
	m.unfile(from, old.Keys)
	delete(m.stories, from)
	for _, d := range m.docs[from] {
		m.storyOf[d] = into
	}
	m.docs[into] = append(m.docs[into], m.docs[from]...)
	delete(m.docs, from)
	return nil
}

// CountDocument implements Index.
func (m *MemoryIndex) CountDocument(_ context.Context, keys []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.n++
	for _, k := range keys {
		m.df[k]++
	}
	return nil
}

// DocFreqs implements Index.
func (m *MemoryIndex) DocFreqs(_ context.Context, keys []string) (int, []int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	df := make([]int, len(keys))
	for i, k := range keys {
		df[i] = m.df[k]
	}
	return m.n, df, nil
}

// StoryOf returns the story a document was assigned to, or "".
func (m *MemoryIndex) StoryOf(doc string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.storyOf[doc]
}

// Assignments returns the story of every document.
func (m *MemoryIndex) Assignments() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]string, len(m.storyOf))
	for d, s := range m.storyOf {
		out[d] = s
	}
	return out
}

// Stories renders every story, largest first (ties by id), with at most
// maxEntities entity names each.
func (m *MemoryIndex) Stories(maxEntities int) []model.Story {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]model.Story, 0, len(m.stories))
	for id, st := range m.stories {
		out = append(out, st.Story(m.docs[id], maxEntities))
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Docs) != len(out[j].Docs) {
			return len(out[i].Docs) > len(out[j].Docs)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Len returns how many stories the index holds.
func (m *MemoryIndex) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.stories)
}

func cloneState(s StoryState) StoryState {
	s.Terms = append([]Weight(nil), s.Terms...)
	s.Entities = append([]Weight(nil), s.Entities...)
	s.Keys = append([]string(nil), s.Keys...)
	return s
}
