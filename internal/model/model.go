// Package model holds the plain data types every parallax stage passes to the
// next: documents, sentences, mentions, entities, events, stories, quotes,
// contradictions and frames. It owns no logic and imports nothing of ours, so
// every other package can depend on it without cycles.
//
// Offsets (Start, End) are byte offsets into Document.Text, the clean text of
// the document, so that text[Start:End] is the span the fact was read from.
package model

// Entity and mention types.
const (
	Person = "PERSON"
	Org    = "ORG"
	Place  = "PLACE"
	Misc   = "MISC"
)

// Publication-date bases.
const (
	BasisMetadata = "metadata"
	BasisText     = "text"
	BasisInferred = "inferred"
)

// Quote kinds.
const (
	QuoteDirect      = "direct"
	QuoteIndirect    = "indirect"
	QuoteAccordingTo = "according_to"
)

// Document is one article after ingestion and cleaning.
type Document struct {
	ID              string        `json:"id"`
	Source          string        `json:"source"`
	URL             string        `json:"url,omitempty"`
	Format          string        `json:"format"`
	Title           string        `json:"title"`
	Outlet          string        `json:"outlet"`
	Author          string        `json:"author,omitempty"`
	Published       string        `json:"published"`                 // YYYY-MM-DD or "" (rendered as null)
	PublishedBasis  string        `json:"published_basis"`           // metadata | text | inferred | ""
	PublishedRange  [2]string     `json:"published_range,omitempty"` // earliest and latest possible date when inferred
	PublishedNote   string        `json:"published_note,omitempty"`  // human-readable evidence for the date
	Language        string        `json:"language"`
	Words           int           `json:"words"`
	NearDuplicateOf string        `json:"near_duplicate_of"`
	SimHash         uint64        `json:"-"`
	Text            string        `json:"text,omitempty"`
	Removed         []RemovedLine `json:"removed,omitempty"`
	LangSpans       []LangSpan    `json:"other_language,omitempty"`
	IngestedAt      string        `json:"ingested_at,omitempty"`
	// Seq is the arrival order in the store (a paging token).
	Seq int64 `json:"seq,omitempty"`
}

// RemovedLine is a line cleaning dropped from the text, with the reason.
type RemovedLine struct {
	Line   string `json:"line"`
	Reason string `json:"reason"`
}

// LangSpan marks a stretch of the clean text (or a removed line, Start=End=-1)
// whose language differs from the document's.
type LangSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Lang  string `json:"lang"`
	Text  string `json:"text"`
}

// Span is a half-open byte range into a document's clean text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Token is one word or punctuation mark.
type Token struct {
	Start int
	End   int
	Text  string
}

// Sentence is a run of tokens; Tokens index into the document's token slice.
type Sentence struct {
	Start      int `json:"start"`
	End        int `json:"end"`
	TokenStart int `json:"-"`
	TokenEnd   int `json:"-"`
}

// Mention is a named-entity mention found in a document.
type Mention struct {
	Doc    string `json:"doc,omitempty"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Type   string `json:"type"`
	Entity string `json:"entity,omitempty"` // resolved entity id, once resolution ran
}

// TimeExpr is a temporal expression normalised to a TIMEX3-style value.
type TimeExpr struct {
	Doc   string `json:"doc,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`  // DATE, TIME, DURATION, SET
	Value string `json:"value"` // e.g. 2014-08, 2020-01-03, P40D, PRESENT_REF, XXXX-08; "" when unresolvable
	// Begin and Until bound the calendar days the value covers (YYYY-MM-DD), when it is a date.
	Begin string `json:"begin,omitempty"`
	Until string `json:"until,omitempty"`
}

// Quantity is a number with what it counts.
type Quantity struct {
	Doc    string  `json:"doc,omitempty"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Text   string  `json:"text"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	What   string  `json:"what,omitempty"`
	Approx string  `json:"approx,omitempty"` // "more than", "about", "less than", ...
}

// Alias is one surface form of an entity and how often it occurs.
type Alias struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

// KBLink points an entity at external knowledge bases.
type KBLink struct {
	GeoNames int    `json:"geonames,omitempty"`
	Wikidata string `json:"wikidata,omitempty"`
}

// Entity is a real-world person, organisation, place or other thing, merged
// over all the mentions that name it.
type Entity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []Alias  `json:"aliases"`
	Docs     []string `json:"docs"`
	Mentions int      `json:"mentions"`
	Lat      *float64 `json:"lat,omitempty"`
	Lon      *float64 `json:"lon,omitempty"`
	Country  string   `json:"country,omitempty"`
	KB       *KBLink  `json:"kb,omitempty"`
}

// Evidence is a sentence (or part of one) a fact was read from.
type Evidence struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// TimeValue is a normalised time with the calendar range it covers.
type TimeValue struct {
	Value string `json:"value"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// Event is something that happened (battle, siege, strike, killing, statement),
// merged across the documents that report it.
type Event struct {
	ID           string     `json:"id"`
	Type         string     `json:"type"`
	Summary      string     `json:"summary"`
	Trigger      string     `json:"trigger,omitempty"`
	Time         TimeValue  `json:"time"`
	Place        string     `json:"place"`
	Participants []string   `json:"participants"`
	Docs         []string   `json:"docs"`
	Evidence     []Evidence `json:"evidence"`
}

// Story is a group of documents about one real-world news story.
type Story struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Docs     []string `json:"docs"`
	Entities []string `json:"entities"`
	First    string   `json:"first"`
	Last     string   `json:"last"`
}

// Speaker is who a quote is attributed to.
type Speaker struct {
	Entity    string `json:"entity,omitempty"`
	Text      string `json:"text"`
	Anonymous bool   `json:"anonymous"`
	// Media is true when the source is a news outlet or publication.
	Media bool `json:"media,omitempty"`
}

// Quote is a direct, indirect or according-to attribution.
type Quote struct {
	Doc          string  `json:"doc"`
	Kind         string  `json:"kind"`
	Text         string  `json:"text"`
	Cue          string  `json:"cue"`
	Speaker      Speaker `json:"speaker"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	SpeakerStart int     `json:"speaker_start,omitempty"`
	SpeakerEnd   int     `json:"speaker_end,omitempty"`
}

// Claim is an assertion normalised enough to compare across documents.
type Claim struct {
	Doc      string  `json:"doc"`
	Kind     string  `json:"kind"`    // credit, number, occurred, evaluation, ...
	Topic    string  `json:"topic"`   // normalised key: event or entity id plus predicate
	Subject  string  `json:"subject"` // entity id or text
	Object   string  `json:"object"`  // entity id, text or number
	Value    float64 `json:"value,omitempty"`
	Polarity int     `json:"polarity"` // +1 asserted, -1 denied
	Text     string  `json:"text"`     // the sentence
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Source   string  `json:"source,omitempty"` // speaker the claim is attributed to, if any
}

// ContradictionSide is one position in a contradiction.
type ContradictionSide struct {
	Doc    string `json:"doc"`
	Outlet string `json:"outlet"`
	Claim  string `json:"claim"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text,omitempty"`
}

// Contradiction is a topic on which documents (or one document) disagree.
type Contradiction struct {
	Topic      string              `json:"topic"`
	Kind       string              `json:"kind"`
	Confidence float64             `json:"confidence"`
	Sides      []ContradictionSide `json:"sides"`
}

// Frame is how one document portrays one entity.
type Frame struct {
	Entity   string          `json:"entity"`
	Name     string          `json:"name,omitempty"`
	Doc      string          `json:"doc"`
	Outlet   string          `json:"outlet"`
	Stance   float64         `json:"stance"`
	Label    string          `json:"label"`
	Evidence []FrameEvidence `json:"evidence"`
}

// FrameEvidence is a loaded word or epithet that carries a stance.
type FrameEvidence struct {
	Text   string  `json:"text"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Weight float64 `json:"weight"`
}

// EventMention is one report of an event inside one document, before events
// are merged across documents.
type EventMention struct {
	Doc     string    `json:"doc"`
	Type    string    `json:"type"`
	Trigger string    `json:"trigger"`
	Start   int       `json:"start"` // the sentence
	End     int       `json:"end"`
	Agents  []string  `json:"agents,omitempty"` // mention texts (or entity ids once resolved)
	Targets []string  `json:"targets,omitempty"`
	Place   string    `json:"place,omitempty"` // mention text (or entity id once resolved)
	Time    TimeValue `json:"time"`
}

// Analysis is everything the per-document stages found in one document.
// Cross-document results (entities, events, stories, contradictions) are
// computed from many Analyses.
type Analysis struct {
	Doc        string         `json:"doc"`
	Sentences  []Sentence     `json:"sentences"`
	Mentions   []Mention      `json:"mentions"`
	Times      []TimeExpr     `json:"times"`
	Quantities []Quantity     `json:"quantities"`
	Quotes     []Quote        `json:"quotes"`
	Claims     []Claim        `json:"claims"`
	Events     []EventMention `json:"events"`
	// Aside are the named-entity mentions of the lines cleaning removed
	// from the text that still name what the document speaks of (related
	// posts, image credits, bylines). Their Start and End are byte offsets
	// into Document.Removed[AsideLines[i]].Line, not into the text.
	Aside      []Mention `json:"aside,omitempty"`
	AsideLines []int     `json:"aside_lines,omitempty"`
	// LocalEntities groups the mentions that name one entity within the
	// document (resolve.LocalEntities): LocalEntities[i] is the group of
	// Mentions[i], then LocalEntities[len(Mentions)+j] that of Aside[j];
	// -1 for a mention that names nothing. Resolution across documents
	// starts from these groups and so needs no text.
	LocalEntities []int `json:"local_entities,omitempty"`
}
