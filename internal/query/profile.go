package query

import (
	"context"
	"sort"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// SourcingProfile says how one outlet sources its claims: named people,
// anonymous sources, or other media outlets.
type SourcingProfile struct {
	Outlet         string  `json:"outlet"`
	Documents      int     `json:"documents"`
	Total          int     `json:"quotes"`
	Named          int     `json:"named"`
	Anonymous      int     `json:"anonymous"`
	Media          int     `json:"outlet_as_source"`
	AnonymousShare float64 `json:"anonymous_share"`
}

// SourcingProfiles groups quotes by the outlet of their document. A speaker
// that resolved to an entity whose name is a known outlet of the corpus, or
// whose entity is an organisation quoted with "reported", counts as
// outlet-as-source.
func SourcingProfiles(ctx context.Context, st store.Store, qs []model.Quote) ([]SourcingProfile, error) {
	outletOf := map[string]string{}
	docs := map[string]map[string]bool{}
	byOutlet := map[string]*SourcingProfile{}
	for _, q := range qs {
		o, ok := outletOf[q.Doc]
		if !ok {
			d, err := st.Document(ctx, q.Doc)
			if err != nil {
				return nil, err
			}
			o = d.Outlet
			outletOf[q.Doc] = o
		}
		p := byOutlet[o]
		if p == nil {
			p = &SourcingProfile{Outlet: o}
			byOutlet[o] = p
			docs[o] = map[string]bool{}
		}
		docs[o][q.Doc] = true
		p.Total++
		switch {
		case q.Speaker.Anonymous:
			p.Anonymous++
		case q.Speaker.Media:
			p.Media++
		default:
			p.Named++
		}
	}
	out := make([]SourcingProfile, 0, len(byOutlet))
	for o, p := range byOutlet {
		p.Documents = len(docs[o])
		if p.Total > 0 {
			p.AnonymousShare = float64(p.Anonymous) / float64(p.Total)
		}
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Outlet < out[j].Outlet })
	return out, nil
}
