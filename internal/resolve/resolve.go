package resolve

import (
	"errors"
	"fmt"
	"sort"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/model"
)

// DocMentions is one document's mentions, as the recogniser found them.
type DocMentions struct {
	Doc string
	// Text is the document's clean text. Optional: with it the resolver also
	// reads acronym definitions ("Islamic Revolution Guards Corps (IRC)"),
	// bracketed translations ("Jaref al-Sakher [Rocky Cliff]"), naming cues
	// ("which Iraqis now call Jaref al-Nasr") and titles written next to a
	// name ("Leader of the Islamic Revolution Ayatollah Ali Khamenei").
	Text     string
	Mentions []model.Mention
	// Aside are mentions found outside the clean text: in lines cleaning
	// removed from it (the titles of related posts, image credits), which
	// still name things the document speaks of. They add to an entity's
	// aliases, mention count and documents, and are grouped with the
	// document's other mentions, but they have no place in Text: their Start
	// and End are byte offsets into Lines[Line].
	Aside []AsideMention
	// Lines are the texts Aside mentions point into (optional; with them
	// the resolver also reads cues between two mentions of one line).
	Lines []string
	// Groups are the document's local entities as LocalEntities found
	// them: Groups[i] for Mentions[i], then Groups[len(Mentions)+j] for
	// Aside[j]. When they are given (and fit the mentions), Text and Lines
	// are not read: the within-document step was done already, when the
	// document was analysed.
	Groups []int
}

// AsideMention is a mention in a line outside the clean text: Start and End
// are byte offsets into DocMentions.Lines[Line].
type AsideMention struct {
	Line int
	model.Mention
}

// Options tunes resolution. The zero value is not useful; start from
// DefaultOptions.
type Options struct {
	// KB is the knowledge base to link to; nil means kb.Load().
	KB *kb.KB
	// NoKB resolves by names and context alone (for tests and benchmarks of
	// the clustering itself).
	NoKB bool
	// TokenMin is the lowest similarity at which two words of person names
	// are read as one word spelt two ways (Qassem/Qasim 1.0, Soleimani/Solomon
	// 0.8, Qassem/Qaani 0.6).
	TokenMin float64
	// NameMin is the lowest whole-name similarity at which two different
	// spellings of unlinked names merge across documents on names alone.
	NameMin float64
	// ContextNameMin is the lowest similarity at which they merge when their
	// documents also name another entity in common.
	ContextNameMin float64
	// PlaceMinScore is the lowest score at which a place mention is linked
	// to a gazetteer entry (see placeScore).
	PlaceMinScore float64
	// MaxBlockNames caps the distinct names compared inside one blocking key,
	// so one very common skeleton cannot make the work quadratic.
	MaxBlockNames int
}

// DefaultOptions returns the tuned defaults.
func DefaultOptions() Options {
	return Options{
		TokenMin:       0.78,
		NameMin:        0.88,
		ContextNameMin: 0.78,
		PlaceMinScore:  1.2,
		MaxBlockNames:  400,
	}
}

// Result is the outcome of a resolution run.
type Result struct {
	// Entities are the resolved entities, ordered by id.
	Entities []model.Entity
	// MentionEntity[i][j] is the entity id of docs[i].Mentions[j], or "" when
	// the mention names nothing (empty after trimming punctuation).
	MentionEntity [][]string
	// AsideEntity[i][j] is the entity id of docs[i].Aside[j], or "".
	AsideEntity [][]string
	// Redirects maps ids that decisions merged away to the surviving id.
	Redirects map[string]string
	// Skipped lists decisions that referred to nothing in this run.
	Skipped []SkippedDecision
}

// SkippedDecision is a decision that could not be applied, and why.
type SkippedDecision struct {
	Decision Decision
	Reason   string
}

// ErrNoDocs is returned when Resolve is given no documents.
var ErrNoDocs = errors.New("resolve: no documents")

// Resolve groups the mentions of all documents into entities, links them to
// the knowledge base, and then applies the analyst's decisions in order.
// It is deterministic: the same input gives the same entities and ids.
func Resolve(docs []DocMentions, decisions []Decision, opts Options) (Result, error) {
	rs, err := NewResolver(opts)
	if err != nil {
		return Result{}, err
	}
	for i := range docs {
		rs.Add(&docs[i])
	}
	return rs.Resolve(decisions)
}

// Resolver is Resolve for a collection read one document at a time: Add
// keeps only what clustering needs of a document (one small record per
// mention, the analysis of each distinct name shared, its local entities)
// and none of its text, so memory grows with the number of mentions, not
// with the size of the texts. Add documents with Groups (from
// LocalEntities, computed when each document was analysed) to skip the
// within-document step.
type Resolver struct {
	r *run
}

// NewResolver starts a resolution with opts (see Options).
func NewResolver(opts Options) (*Resolver, error) {
	opts, k, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	return &Resolver{r: newRun(k, opts)}, nil
}

// Add reads one document. It keeps nothing of d itself.
func (rs *Resolver) Add(d *DocMentions) { rs.r.add(d) }

// Resolve clusters the documents added so far, links them to the
// knowledge base and applies decisions, as the package-level Resolve does.
// Call it once.
func (rs *Resolver) Resolve(decisions []Decision) (Result, error) {
	r := rs.r
	if len(r.docs) == 0 {
		return Result{}, ErrNoDocs
	}
	r.linkKB()
	r.linkPlaces()
	r.cluster()
	cs := r.clusters()
	res := Result{Redirects: map[string]string{}}
	cs = applyDecisions(r, cs, decisions, &res)
	r.output(cs, &res)
	return res, nil
}

// LocalEntities groups the mentions of one document into its local
// entities, the within-document step of resolution (step 2 of the package
// doc: one name, one entity; cues in the text; short forms, acronyms,
// roles and spellings). It returns the group of each mention, numbered
// from 0 in order of first mention: out[i] for d.Mentions[i], then
// out[len(d.Mentions)+j] for d.Aside[j]; -1 for a mention that names
// nothing. Give the result as DocMentions.Groups to Resolve or a
// Resolver, which then need not see the text.
func LocalEntities(d DocMentions, opts Options) ([]int, error) {
	opts, k, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	d.Groups = nil
	r := newRun(k, opts)
	r.add(&d)
	out := make([]int, len(d.Mentions)+len(d.Aside))
	for i := range out {
		out[i] = -1
	}
	for _, m := range r.ments {
		k := int(m.idx)
		if m.line > 0 {
			k += len(d.Mentions)
		}
		out[k] = int(m.local)
	}
	return out, nil
}

// prepare fills in default options and loads the knowledge base.
func prepare(opts Options) (Options, *kb.KB, error) {
	if opts.TokenMin == 0 {
		d := DefaultOptions()
		d.KB, d.NoKB = opts.KB, opts.NoKB
		opts = d
	}
	var k *kb.KB
	if !opts.NoKB {
		k = opts.KB
		if k == nil {
			var err error
			if k, err = kb.Load(); err != nil {
				return opts, nil, fmt.Errorf("resolve: %w", err)
			}
		}
	}
	return opts, k, nil
}

// typeOrder breaks ties between mention types in a vote.
var typeOrder = map[string]int{model.Person: 4, model.Org: 3, model.Place: 2, model.Misc: 1, "": 0}

func vote(counts map[string]int) string {
	best, bc := "", -1
	for t, c := range counts {
		if c > bc || (c == bc && typeOrder[t] > typeOrder[best]) {
			best, bc = t, c
		}
	}
	return best
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
