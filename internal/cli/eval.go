package cli

import (
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/clean"
	"github.com/parallaxhq/parallax/internal/eval/extract"
)

func init() { register(evalCmd) }

// evalSubcommands are added by the files that wire each scorer.
var evalSubcommands []func(*env) *cobra.Command

func evalCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "eval extract|ner|time|resolve|stories|seeds ...",
		Short: "Score parallax on a labelled set (and the peers that run here, in the same run)",
		Example: `  parallax eval extract ../shared/eval/extract --all
  parallax eval ner --conll ../shared/eval/ner/conll2003-dev.txt --json
  parallax eval time ../shared/eval/time/TimeBank
  parallax eval seeds ../shared/eval/seeds/gold.json --corpus ../shared/corpus/seeds`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usagef("eval needs a subcommand; see parallax eval --help")
		},
	}
	c.AddCommand(evalExtractCmd(e))
	for _, f := range evalSubcommands {
		c.AddCommand(f(e))
	}
	return c
}

func evalExtractCmd(e *env) *cobra.Command {
	var all bool
	c := &cobra.Command{
		Use:   "extract DIR",
		Short: "Score HTML main-text extraction on a benchmark directory (html/KEY.html.gz + ground-truth.json)",
		Long: `Score main-text extraction with the article-extraction benchmark's rule: 4-token shingles,
per-page precision and recall, averaged over pages. --all scores every extractor built into
parallax (go-trafilatura, readability, DOM distiller) on the same pages in the same run.`,
		Example: `  parallax eval extract ../shared/eval/extract
  parallax eval extract ../shared/eval/extract --all --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cands := clean.Candidates()
			if !all {
				cands = cands[:1]
			}
			var list []extract.Candidate
			for _, c := range cands {
				list = append(list, extract.Candidate{Name: c.Name, Extract: c.Extract})
			}
			reps, err := extract.Compare(args[0], list)
			if err != nil {
				return usageError{err}
			}
			main := reps[cands[0].Name]
			out := struct {
				Overall extract.Metrics            `json:"overall"`
				Pages   int                        `json:"pages"`
				Peers   map[string]extract.Metrics `json:"peers,omitempty"`
			}{Overall: main.Overall, Pages: main.Pages}
			if all {
				out.Peers = map[string]extract.Metrics{}
				for name, r := range reps {
					if name != cands[0].Name {
						out.Peers[name] = r.Overall
					}
				}
			}
			if e.json {
				return printJSON(e.stdout, out)
			}
			names := make([]string, 0, len(reps))
			for n := range reps {
				names = append(names, n)
			}
			sort.Slice(names, func(i, j int) bool { return reps[names[i]].Overall.F1 > reps[names[j]].Overall.F1 })
			t := newTable(e.stdout, "EXTRACTOR", "PRECISION", "RECALL", "F1", "PAGES")
			for _, n := range names {
				r := reps[n]
				t.row(n, fmt.Sprintf("%.4f", r.Overall.Precision), fmt.Sprintf("%.4f", r.Overall.Recall), fmt.Sprintf("%.4f", r.Overall.F1), r.Pages)
			}
			t.flush()
			return nil
		},
	}
	c.Flags().BoolVar(&all, "all", false, "also score every other extractor built in, in the same run")
	return c
}
