package pipeline

import (
	"sync"

	"github.com/parallaxhq/parallax/internal/events"
	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/model"
)

// eventsStage finds event mentions (battles, sieges, liberations, strikes,
// killings, statements...) with their place, participants and time.
type eventsStage struct{}

func (eventsStage) Name() string { return "events" }

// isGazetteerPlace reports whether the knowledge base knows name as a place.
var isGazetteerPlace = sync.OnceValue(func() func(string) bool {
	k, err := kb.Load()
	if err != nil {
		return nil
	}
	return func(name string) bool { return len(k.Places(name)) > 0 }
})

func (eventsStage) Analyze(d *model.Document, a *model.Analysis) error {
	in := events.Input{DocID: d.ID, Text: d.Text, Sentences: a.Sentences, Mentions: a.Mentions, Times: a.Times,
		Published: d.Published, IsPlace: isGazetteerPlace()}
	if d.PublishedBasis == model.BasisInferred {
		in.PublishedRange = d.PublishedRange
	}
	a.Events = events.Extract(in)
	for i := range a.Events {
		a.Events[i].Doc = ""
	}
	return nil
}
