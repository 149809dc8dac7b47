package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/eval/storyeval"
	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() { evalSubcommands = append(evalSubcommands, evalStoriesCmd) }

func evalStoriesCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "stories GOLD.json",
		Short: "Score the stored stories against gold document clusters (B-cubed and pairwise)",
		Long: `Score story clustering: documents are matched to the gold by the url they came with (falling back
to the title); a gold article in no story counts as a story of its own.`,
		Example: `  parallax --db st.db ingest ../shared/eval/stories/dev.jsonl
  parallax --db st.db eval stories ../shared/eval/stories/gold.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return usageError{err}
			}
			g, err := storyeval.ReadGold(f)
			f.Close()
			if err != nil {
				return usagef("%s: %v", args[0], err)
			}
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			docs, err := query.AllDocuments(cmd.Context(), st, store.DocFilter{})
			if err != nil {
				return err
			}
			byTitle := map[string]string{}
			for url, m := range g.Meta {
				byTitle[m.Title] = url
			}
			keyOf := map[string]string{}
			for _, d := range docs {
				k := d.URL
				if _, ok := g.Clusters[k]; !ok {
					k = byTitle[d.Title]
				}
				if k != "" {
					keyOf[d.ID] = k
				}
			}
			sts, err := st.Stories(cmd.Context())
			if err != nil {
				return err
			}
			pred := map[string]string{}
			for _, s := range sts {
				for _, d := range s.Docs {
					if k := keyOf[d]; k != "" {
						pred[k] = s.ID
					}
				}
			}
			sc := storyeval.Score(g.Clusters, pred)
			if e.json {
				return printJSON(e.stdout, sc)
			}
			fmt.Fprintf(e.stdout, "%d gold articles in %d stories; %d predicted stories over them\n", sc.Items, sc.GoldClusters, sc.Predicted)
			fmt.Fprintf(e.stdout, "B-cubed P %.3f R %.3f F1 %.3f; pairwise P %.3f R %.3f F1 %.3f\n", sc.BCubedP, sc.BCubedR, sc.BCubedF1, sc.PairP, sc.PairR, sc.PairF1)
			return nil
		},
	}
}
