package claims

import (
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// Input is one document to analyse: its clean text and what internal/lang
// found in it. Tokens and Sentences may be nil, in which case they are
// recomputed with lang.Tokenize and lang.SplitSentences; Mentions may be
// nil (no named speakers are then found, only descriptions).
type Input struct {
	DocID     string
	Outlet    string
	Text      string
	Tokens    []model.Token
	Sentences []model.Sentence
	Mentions  []model.Mention
}

// Prepare runs internal/lang over text and returns an Input for it.
func Prepare(docID, outlet, text string) Input {
	r := lang.Analyze(text)
	return Input{DocID: docID, Outlet: outlet, Text: text, Tokens: r.Tokens, Sentences: r.Sentences, Mentions: r.Mentions}
}

// Options tunes extraction. The zero value is usable; DefaultOptions
// documents the defaults.
type Options struct {
	// IsOutlet reports whether a name is a news outlet's (from a curated
	// knowledge base). When nil only the built-in outlet words are used.
	IsOutlet func(name string) bool
	// MaxQuoteBytes bounds a quotation whose closing mark is missing
	// (default 1500).
	MaxQuoteBytes int
	// ShortQuoteWords is the length up to which a quotation inside a
	// reported clause is taken for a scare quote unless it ends the clause
	// or follows a verb of naming (hail, call, praise) (default 3).
	ShortQuoteWords int
	// UnattributedQuoteWords is the length from which a quotation with no
	// speaker is still reported (with an empty speaker) (default 8).
	UnattributedQuoteWords int
}

// DefaultOptions returns the defaults.
func DefaultOptions() Options {
	return Options{MaxQuoteBytes: 1500, ShortQuoteWords: 3, UnattributedQuoteWords: 8}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.MaxQuoteBytes <= 0 {
		o.MaxQuoteBytes = d.MaxQuoteBytes
	}
	if o.ShortQuoteWords <= 0 {
		o.ShortQuoteWords = d.ShortQuoteWords
	}
	if o.UnattributedQuoteWords <= 0 {
		o.UnattributedQuoteWords = d.UnattributedQuoteWords
	}
	return o
}

// Result is what Extract finds in one document.
type Result struct {
	Quotes []model.Quote
	Claims []model.Claim
}

// Extract finds the quotes and claims of one document. It is safe for
// concurrent use.
func Extract(in Input, opts Options) Result {
	x := newExtractor(&in, opts.withDefaults())
	x.quotes()
	x.claims()
	return Result{Quotes: x.out, Claims: x.claimsOut}
}

// ExtractQuotes finds only the quotes of one document.
func ExtractQuotes(in Input, opts Options) []model.Quote {
	x := newExtractor(&in, opts.withDefaults())
	x.quotes()
	return x.out
}
