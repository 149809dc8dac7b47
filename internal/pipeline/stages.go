package pipeline

import (
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// DefaultStages returns the per-document stages in the order they run.
func DefaultStages() []DocStage {
	return []DocStage{langStage{}, timeStage{}}
}

// langStage finds sentences, named entities and quantities.
type langStage struct{}

func (langStage) Name() string { return "lang" }

func (langStage) Analyze(d *model.Document, a *model.Analysis) error {
	r := lang.Analyze(d.Text)
	a.Sentences, a.Mentions, a.Quantities = r.Sentences, r.Mentions, r.Quantities
	for i := range a.Mentions {
		a.Mentions[i].Doc = ""
	}
	return nil
}
