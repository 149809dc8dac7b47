// Package store owns the Store interface: everything the pipeline, the CLI and
// the web server need from a database, and nothing more. It holds no SQL;
// store/sqlite (the embedded default) and store/postgres implement it, and
// store/storetest is the conformance suite both must pass.
//
// Writes of one document and everything found in it happen in one
// transaction (PutDocuments), so a crash or kill never leaves half a document.
// Corpus-wide results (entities, events, stories, contradictions, frames) are
// replaced as a whole by the corpus stage in one transaction each.
package store

import (
	"context"
	"errors"

	"github.com/parallaxhq/parallax/internal/model"
)

// Sentinel errors.
var (
	// ErrNotFound is returned when a document, entity or other record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrLockLost is returned by Exclusive when the lock was lost while fn
	// ran (the database connection holding it broke): fn's context was
	// cancelled, and another process may have taken the lock since.
	ErrLockLost = errors.New("exclusive lock lost")
)

// StoryKeyPostings bounds how many stories one blocking key contributes to
// a StoryCandidates lookup: the most recently put ones. A key shared by more
// stories than this (a word every report of a long story uses) still finds
// the stories that used it lately; older ones are found through rarer keys.
const StoryKeyPostings = 256

// DocumentRecord is a document with everything the per-document stages found
// in it, written in one transaction.
type DocumentRecord struct {
	Doc      model.Document
	Analysis model.Analysis
	// Bands are the near-duplicate sketch keys of the document (see clean.Bands).
	Bands []uint64
}

// DocFilter selects and pages documents. The zero value lists all documents
// in arrival order, DefaultLimit at a time.
type DocFilter struct {
	Outlet string
	Story  string
	Entity string
	After  int64 // arrival sequence to start after (paging token)
	Limit  int
}

// EntityFilter selects and pages entities, most mentioned first.
type EntityFilter struct {
	Type   string
	Query  string // case-insensitive substring of name or alias
	Doc    string // entities mentioned in this document
	Offset int
	Limit  int
}

// SearchHit is one full-text search result.
type SearchHit struct {
	Doc     model.Document `json:"doc"`
	Snippet string         `json:"snippet"` // plain text; the matched terms are wrapped in [ and ]
	Rank    float64        `json:"rank"`
}

// QuoteFilter selects quotes.
type QuoteFilter struct {
	Doc    string
	Entity string // speaker entity
	Kind   string
	Offset int
	Limit  int
}

// FrameFilter selects frames.
type FrameFilter struct {
	Entity string
	Doc    string
	Outlet string
}

// EventFilter selects events of the timeline, earliest first.
type EventFilter struct {
	Entity string
	Doc    string
	Story  string
	// Limit bounds how many events are returned (the first in time
	// order); 0 returns all.
	Limit int
}

// Decision is an analyst's curation decision, stored as JSON and re-applied
// after every analysis.
type Decision struct {
	Seq     int64  `json:"seq"`
	Created string `json:"created"`
	Data    []byte `json:"data"`
}

// StoryState is the persisted state of an incremental story cluster.
type StoryState struct {
	ID   string
	Keys []string // blocking keys under which the story is found
	Data []byte   // opaque to the store
}

// DefaultLimit is the page size when a filter's Limit is zero.
const DefaultLimit = 100

// Store is what parallax needs from a database.
type Store interface {
	// PutDocuments writes documents and their analyses in one transaction.
	// A document whose id is already stored is left as it is (re-ingest is a
	// no-op) except that its extra source is remembered.
	PutDocuments(ctx context.Context, recs []DocumentRecord) (added int, err error)
	// HasDocument reports whether a document with this id is stored.
	HasDocument(ctx context.Context, id string) (bool, error)
	// AddSource records that a stored document was also found at source.
	AddSource(ctx context.Context, id, source string) error
	// Document returns one document with its text and removed lines.
	Document(ctx context.Context, id string) (model.Document, error)
	// FindDocument looks a document up by id, id prefix, source path or URL.
	FindDocument(ctx context.Context, ref string) (model.Document, error)
	// Documents lists documents (without text) in arrival order.
	Documents(ctx context.Context, f DocFilter) ([]model.Document, error)
	// CountDocuments returns how many documents are stored.
	CountDocuments(ctx context.Context) (int, error)
	// Analysis returns what the per-document stages found in one document.
	Analysis(ctx context.Context, id string) (model.Analysis, error)
	// UpdateAnalysis replaces the per-document analysis of stored documents
	// (used when re-analysing).
	UpdateAnalysis(ctx context.Context, docs []model.Document, as []model.Analysis) error
	// EachDocument calls fn for every document (with text) and its analysis
	// in arrival order, streaming.
	EachDocument(ctx context.Context, fn func(model.Document, model.Analysis) error) error
	// NearDuplicates returns ids of stored documents sharing any sketch band.
	NearDuplicates(ctx context.Context, bands []uint64) ([]model.Document, error)
	// Search runs a full-text query; the best matches come first.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)

	// ReplaceEntities replaces all entities and the entity of every mention.
	// mentionEntity maps document id -> mention index -> entity id.
	ReplaceEntities(ctx context.Context, ents []model.Entity, mentionEntity map[string][]string) error
	Entities(ctx context.Context, f EntityFilter) ([]model.Entity, error)
	// Entity looks an entity up by id, exact name or alias.
	Entity(ctx context.Context, ref string) (model.Entity, error)
	// Mentions lists the mentions of an entity across documents.
	Mentions(ctx context.Context, entity string, limit int) ([]model.Mention, error)

	ReplaceEvents(ctx context.Context, evs []model.Event) error
	Events(ctx context.Context, f EventFilter) ([]model.Event, error)

	// Story state for incremental clustering, and the story of each document.
	// StoryCandidates returns up to limit stories filed under at least
	// minShared of keys, those sharing the most first, then the most
	// recently put. Each key contributes at most its StoryKeyPostings most
	// recently put stories, so a lookup costs the same in a corpus of a
	// million documents about one story as in a small one.
	StoryCandidates(ctx context.Context, keys []string, minShared, limit int) ([]StoryState, error)
	// PutStory stores st (replacing any state with its id), files it under
	// st.Keys only, and assigns docs to it.
	PutStory(ctx context.Context, st StoryState, docs []string) error
	// AbsorbStory moves every document of story from to story into and
	// deletes from.
	AbsorbStory(ctx context.Context, from, into string) error
	DeleteStory(ctx context.Context, id string) error
	// StoryStates returns every story's state; StoryMembers maps every
	// story to its documents in arrival order.
	StoryStates(ctx context.Context) ([]StoryState, error)
	StoryMembers(ctx context.Context) (map[string][]string, error)
	// CountKeys records one more document containing each of keys (each
	// once); KeyFreqs returns how many documents were counted and, for each
	// key, how many contained it. Story clustering weighs terms with them.
	CountKeys(ctx context.Context, keys []string) error
	KeyFreqs(ctx context.Context, keys []string) (docs int, df []int, err error)
	ReplaceStories(ctx context.Context, stories []model.Story) error
	Stories(ctx context.Context) ([]model.Story, error)

	// ReplaceQuotes replaces all quotes (after resolution named their speakers).
	ReplaceQuotes(ctx context.Context, qs []model.Quote) error
	Quotes(ctx context.Context, f QuoteFilter) ([]model.Quote, error)

	ReplaceContradictions(ctx context.Context, cs []model.Contradiction) error
	Contradictions(ctx context.Context) ([]model.Contradiction, error)

	ReplaceFrames(ctx context.Context, fs []model.Frame) error
	Frames(ctx context.Context, f FrameFilter) ([]model.Frame, error)

	AddDecision(ctx context.Context, data []byte) (Decision, error)
	Decisions(ctx context.Context) ([]Decision, error)

	// SetMeta and Meta keep small corpus-wide values (analysis version, ...).
	SetMeta(ctx context.Context, key, value string) error
	Meta(ctx context.Context, key string) (string, error)

	// Exclusive runs fn while holding the lock called name, which every
	// process using this store shares: while fn runs, no other Exclusive
	// call with the same name, in this process or another, runs its fn.
	// Waiting ends with ctx. fn may run several transactions; the lock is
	// not a transaction and rolls nothing back. fn's context is cancelled if
	// the store can no longer guarantee the lock (PostgreSQL: the session
	// holding it was lost); the error then wraps ErrLockLost. The corpus
	// stages run under the lock "corpus" so that workers on several machines
	// take turns at them.
	Exclusive(ctx context.Context, name string, fn func(ctx context.Context) error) error

	Close() error
}
