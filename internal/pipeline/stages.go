package pipeline

import (
	"fmt"
	"sync"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// DefaultStages returns the per-document stages in the order they run.
func DefaultStages() []DocStage {
	return []DocStage{langStage{}, entitiesStage{}, timeStage{}, claimsStage{}, eventsStage{}}
}

// kbNames is what the mention tagger knows from the knowledge base, loaded
// once per process.
var kbNames = sync.OnceValues(func() (lang.NameOptions, error) {
	k, err := kb.Load()
	if err != nil {
		return lang.NameOptions{}, fmt.Errorf("knowledge base: %w", err)
	}
	return k.Names(), nil
})

// langStage finds sentences, named entities (the recogniser merged with
// the knowledge base's names, lang.AnalyzeNames) and quantities.
type langStage struct{}

func (langStage) Name() string { return "lang" }

func (langStage) Analyze(d *model.Document, a *model.Analysis) error {
	names, err := kbNames()
	if err != nil {
		return err
	}
	r := lang.AnalyzeNames(d.Text, names)
	a.Sentences, a.Mentions, a.Quantities = r.Sentences, r.Mentions, r.Quantities
	for i := range a.Mentions {
		a.Mentions[i].Doc = ""
	}
	return nil
}
