package query

import (
	"fmt"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// The Norm functions give every list field of a result an empty list
// instead of null, so JSON clients always see the shape BRIEF §4 promises.

// NormEvents normalises events in place.
func NormEvents(evs []model.Event) []model.Event {
	for i := range evs {
		e := &evs[i]
		e.Participants, e.Docs, e.Evidence = nonNil(e.Participants), nonNil(e.Docs), nonNil(e.Evidence)
	}
	return nonNil(evs)
}

// NormFrames normalises frames in place.
func NormFrames(fs []model.Frame) []model.Frame {
	for i := range fs {
		fs[i].Evidence = nonNil(fs[i].Evidence)
	}
	return nonNil(fs)
}

// NormQuotes normalises quotes.
func NormQuotes(qs []model.Quote) []model.Quote { return nonNil(qs) }

// NormStory normalises a story.
func NormStory(s model.Story) model.Story {
	s.Docs, s.Entities = nonNil(s.Docs), nonNil(s.Entities)
	return s
}

// NormContradiction normalises a contradiction.
func NormContradiction(c model.Contradiction) model.Contradiction {
	c.Sides = nonNil(c.Sides)
	return c
}

func errNotFound(kind, id string) error {
	return fmt.Errorf("%s %q: %w", kind, id, store.ErrNotFound)
}

func badRequestf(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadRequest, fmt.Sprintf(format, a...))
}
