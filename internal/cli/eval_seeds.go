package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/eval/claimseval"
	"github.com/parallaxhq/parallax/internal/eval/resolveeval"
	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() { evalSubcommands = append(evalSubcommands, evalSeedsCmd) }

// seedGoldDocs is the part of the seed gold about each document.
type seedGoldDocs struct {
	Documents map[string]struct {
		Title           string    `json:"title"`
		Language        string    `json:"language"`
		Published       [2]string `json:"published"`
		BoilerplateLine []string  `json:"boilerplate_lines"`
	} `json:"documents"`
}

// SeedsReport gathers every figure the seed gold supports.
type SeedsReport struct {
	Documents      int                `json:"documents"`
	Titles         int                `json:"titles_right"`
	Languages      int                `json:"languages_right"`
	DatesInRange   int                `json:"published_in_range"`
	DatesWithBasis int                `json:"published_with_basis"`
	Resolve        resolveeval.Report `json:"resolve"`
	Claims         claimseval.Report  `json:"claims"`
	Events         any                `json:"events,omitempty"`
	Notes          []string           `json:"notes,omitempty"`
}

// seedEventsScore is set by the events wiring.
var seedEventsScore func(cmd *cobra.Command, e *env, st store.Store, goldPath string) (any, string, error)

func evalSeedsCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "seeds GOLD.json",
		Short: "Score everything the seed gold covers on the stored documents: dates, entities, quotes, contradictions, framing, events",
		Long: `Score the documents in the store (ingest the gold's corpus first) against a gold file shaped like
../shared/eval/seeds/gold.json. Documents are matched to the gold's keys by their source file name.`,
		Example: `  parallax --db seeds.db ingest ../shared/corpus/seeds
  parallax --db seeds.db eval seeds ../shared/eval/seeds/gold.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			raw, err := os.ReadFile(args[0])
			if err != nil {
				return usageError{err}
			}
			var gd seedGoldDocs
			if err := json.Unmarshal(raw, &gd); err != nil {
				return usagef("%s: %v", args[0], err)
			}
			rg, err := resolveeval.ReadGold(args[0])
			if err != nil {
				return usageError{err}
			}
			cg, err := claimseval.ReadGold(args[0])
			if err != nil {
				return usageError{err}
			}
			st, err := e.open(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			ents, err := st.Entities(ctx, store.EntityFilter{Limit: 1 << 30})
			if err != nil {
				return err
			}
			rep := SeedsReport{Resolve: resolveeval.Score(rg, ents, resolveeval.Options{})}
			docs, err := query.AllDocuments(ctx, st, store.DocFilter{})
			if err != nil {
				return err
			}
			pred := claimseval.Predictions{Docs: map[string]claimseval.DocPrediction{}, DocSource: map[string]string{}, EntityAliases: map[string][]string{}}
			for _, en := range ents {
				for _, a := range en.Aliases {
					pred.EntityAliases[en.ID] = append(pred.EntityAliases[en.ID], a.Text)
				}
				pred.EntityAliases[en.ID] = append(pred.EntityAliases[en.ID], en.Name)
			}
			for _, d := range docs {
				base := filepath.Base(d.Source)
				key := ""
				for k := range gd.Documents {
					if strings.HasPrefix(base, strings.TrimSuffix(k, ".txt")) {
						key = k
					}
				}
				if key == "" {
					continue
				}
				rep.Documents++
				g := gd.Documents[key]
				if d.Title == g.Title {
					rep.Titles++
				}
				if d.Language == g.Language {
					rep.Languages++
				}
				if d.Published != nil && *d.Published >= g.Published[0] && *d.Published <= g.Published[1] {
					rep.DatesInRange++
				}
				if d.Published != nil && d.PublishedBasis != nil {
					rep.DatesWithBasis++
				}
				full, err := st.Document(ctx, d.ID)
				if err != nil {
					return err
				}
				qs, err := st.Quotes(ctx, store.QuoteFilter{Doc: d.ID, Limit: 1 << 20})
				if err != nil {
					return err
				}
				fs, err := st.Frames(ctx, store.FrameFilter{Doc: d.ID})
				if err != nil {
					return err
				}
				pred.Docs[base] = claimseval.DocPrediction{Text: full.Text, Quotes: qs, Frames: fs}
				pred.DocSource[d.ID] = base
			}
			if pred.Contradictions, err = st.Contradictions(ctx); err != nil {
				return err
			}
			rep.Claims = claimseval.Score(cg, pred, claimseval.Options{})
			var eventsText string
			if seedEventsScore != nil {
				if rep.Events, eventsText, err = seedEventsScore(cmd, e, st, args[0]); err != nil {
					return err
				}
			}
			if e.json {
				return printJSON(e.stdout, rep)
			}
			w := e.stdout
			fmt.Fprintf(w, "documents matched to the gold: %d\n", rep.Documents)
			fmt.Fprintf(w, "titles right: %d/%d, languages right: %d/%d\n", rep.Titles, rep.Documents, rep.Languages, rep.Documents)
			fmt.Fprintf(w, "publication dates in the gold range: %d/%d (all with a basis: %d)\n", rep.DatesInRange, rep.Documents, rep.DatesWithBasis)
			r := rep.Resolve
			fmt.Fprintf(w, "entities: B-cubed P %.3f R %.3f F1 %.3f over %d gold aliases; must_not_merge merged: %d; places within 25 km: %d/%d\n",
				r.Precision, r.Recall, r.F1, r.Items, len(r.Violations), r.PlacesLinked, len(r.Places))
			cr := rep.Claims
			fmt.Fprintf(w, "quotes: %d/%d found, %d/%d with the right speaker, anonymous marked %d/%d\n",
				cr.QuotesFound, cr.Quotes, cr.QuotesSpeaker, cr.Quotes, cr.AnonymousMarked, cr.Anonymous)
			fmt.Fprintf(w, "contradictions: %d/%d gold surfaced with both sides; %d reported in all\n", cr.ContradictionsFound, cr.Contradictions, cr.Reported)
			fmt.Fprintf(w, "framing: stance sign right for %d/%d (document, actor) pairs\n", cr.StancesRight, cr.Stances)
			if eventsText != "" {
				fmt.Fprintln(w, eventsText)
			}
			return nil
		},
	}
	return c
}
