package stories

import "errors"

// Sentinel errors.
var (
	// ErrNoStoryID is returned when a story state without an id is stored.
	ErrNoStoryID = errors.New("story state has no id")
	// ErrUnknownStory is returned when an index is asked about a story it
	// does not hold.
	ErrUnknownStory = errors.New("unknown story")
	// ErrNoDocID is returned when a document without an id is added.
	ErrNoDocID = errors.New("document has no id")
)

// Options tunes the clusterer. DefaultOptions documents the defaults; the
// zero value of a field is not a usable setting.
type Options struct {
	// JoinThreshold is the similarity a document needs with a story's
	// centroid to join it; below it the document starts a story.
	JoinThreshold float64
	// PairThreshold is the similarity a document needs to join a story that
	// is a single document so far (doc-to-doc similarity is noisier).
	PairThreshold float64
	// MergeThreshold is the similarity a fragment (a story of at most
	// MergeSmallDocs documents) needs with another story for the
	// consolidation step to merge them. It is stricter than JoinThreshold:
	// the fragment failed to join once, and a merge cannot be undone.
	MergeThreshold float64
	// MergeLargeThreshold is the similarity two stories that both have more
	// than MergeSmallDocs documents need to merge.
	MergeLargeThreshold float64
	// MergeSmallDocs: the consolidation step merges two stories only when
	// one of them has at most this many documents (a fragment that arrived
	// before its story was recognisable). Two established stories that are
	// merely alike are look-alike events more often than one story.
	MergeSmallDocs int
	// EntityWeight is the share of the entity cosine in the similarity; the
	// content-term cosine has the rest. When either side has no entities the
	// term cosine counts alone.
	EntityWeight float64

	// LeadSentences is how many sentences at the top of the text count as
	// the lede. TermLeadWeight and EntityLeadWeight are the extra counts a
	// content term or an entity name gets for appearing in the headline or
	// the lede: news puts what happened first and background (often an
	// earlier, look-alike event) further down.
	LeadSentences    int
	TermLeadWeight   int
	EntityLeadWeight int
	// EntityBodyWeight is the count an entity name gets for each mention
	// anywhere (lede included).
	EntityBodyWeight int

	// BackgroundDocs is how many documents of ordinary English (the
	// embedded SUBTLEX-US background) IDF counts as seen before the corpus;
	// 0 uses corpus document frequencies alone.
	BackgroundDocs float64

	// TopTerms and TopEntities bound a story's centroid.
	TopTerms    int
	TopEntities int
	// BlockTerms and BlockEntities are how many of a document's (or story's)
	// heaviest terms and entity keys serve as blocking keys.
	BlockTerms    int
	BlockEntities int
	// Candidates is how many stories the index returns per lookup, and
	// MinSharedKeys how many blocking keys a story must share to be one.
	Candidates    int
	MinSharedKeys int

	// DateGraceDays is how far (in days) a document's publication date may
	// lie outside a story's first..last range before similarity is reduced;
	// DateDecayDays is the e-folding scale of the reduction beyond it, and
	// MinDateFactor its floor. Only used when both sides have dates.
	DateGraceDays float64
	DateDecayDays float64
	MinDateFactor float64

	// StoryEntities is how many entity names a rendered Story lists.
	StoryEntities int
}

// DefaultOptions returns the settings measured in RESULTS.md.
func DefaultOptions() Options {
	return Options{
		JoinThreshold:       0.30,
		PairThreshold:       0.40,
		MergeThreshold:      0.40,
		MergeSmallDocs:      1,
		MergeLargeThreshold: 0.70,
		EntityWeight:        0.5,
		LeadSentences:       3,
		TermLeadWeight:      1,
		EntityLeadWeight:    3,
		EntityBodyWeight:    1,
		BackgroundDocs:      1000,
		TopTerms:            128,
		TopEntities:         64,
		BlockTerms:          12,
		BlockEntities:       8,
		Candidates:          24,
		MinSharedKeys:       2,
		DateGraceDays:       7,
		DateDecayDays:       60,
		MinDateFactor:       0.5,
		StoryEntities:       10,
	}
}
