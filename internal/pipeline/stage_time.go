package pipeline

import (
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/timex"
)

// timeStage finds temporal expressions and, when the document states no
// publication date, infers one (a range, with its evidence) from relative
// expressions and dated events; then it resolves the expressions against
// the publication date.
type timeStage struct{}

func (timeStage) Name() string { return "timex" }

func (timeStage) Analyze(d *model.Document, a *model.Analysis) error {
	text := timex.NewText(d.Text)
	exprs := text.FindExprs(timex.UnknownAnchor, timex.DefaultOptions())
	if d.Published == "" {
		if inf, ok := text.InferPublished(exprs, timex.DefaultInferOptions()); ok && inf.Published != "" {
			d.Published, d.PublishedBasis = inf.Published, inf.Basis
			if d.PublishedBasis == "" {
				d.PublishedBasis = model.BasisInferred
			}
			d.PublishedRange = [2]string{inf.Earliest, inf.Latest}
			d.PublishedNote = inf.Note
		}
	}
	if d.Published != "" {
		if anchor, err := timex.ParseAnchor(d.Published); err == nil {
			timex.Resolve(exprs, anchor)
		}
	}
	a.Times = make([]model.TimeExpr, len(exprs))
	for i, e := range exprs {
		a.Times[i] = e.TimeExpr
	}
	return nil
}
