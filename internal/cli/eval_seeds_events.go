package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/eval/eventeval"
	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() {
	seedEventsScore = func(cmd *cobra.Command, e *env, st store.Store, goldPath string) (any, string, error) {
		evs, err := st.Events(cmd.Context(), store.EventFilter{})
		if err != nil {
			return nil, "", err
		}
		// The gold cites documents by file name; events cite document ids.
		docs, err := query.AllDocuments(cmd.Context(), st, store.DocFilter{})
		if err != nil {
			return nil, "", err
		}
		base := make(map[string]string, len(docs))
		for _, d := range docs {
			base[d.ID] = filepath.Base(d.Source)
		}
		for i := range evs {
			named := make([]string, len(evs[i].Docs))
			for j, id := range evs[i].Docs {
				if named[j] = base[id]; named[j] == "" {
					named[j] = id
				}
			}
			evs[i].Docs = named
		}
		rep, err := eventeval.Score(goldPath, evs, entityNames(cmd, st))
		if err != nil {
			return nil, "", err
		}
		text := fmt.Sprintf("events: %d/%d gold events on the timeline with the right place and an overlapping time (types agree %d, split %d, document recall %.2f; %d events in all)",
			rep.Found, rep.Gold, rep.TypeAgree, rep.Split, rep.DocRecall, rep.Predicted)
		return rep, text, nil
	}
}
