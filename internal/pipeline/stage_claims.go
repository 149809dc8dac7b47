package pipeline

import (
	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/model"
)

// claimsStage finds quotes, attributions and claims in one document.
// Speakers are named entities of the document; the corpus stage fills in
// their resolved entity ids.
type claimsStage struct{}

func (claimsStage) Name() string { return "claims" }

func (claimsStage) Analyze(d *model.Document, a *model.Analysis) error {
	r := claims.Extract(claims.Input{DocID: d.ID, Outlet: d.Outlet, Text: d.Text, Sentences: a.Sentences, Mentions: a.Mentions}, claims.DefaultOptions())
	a.Quotes, a.Claims = r.Quotes, r.Claims
	for i := range a.Quotes {
		a.Quotes[i].Doc = ""
	}
	for i := range a.Claims {
		a.Claims[i].Doc = ""
	}
	return nil
}
