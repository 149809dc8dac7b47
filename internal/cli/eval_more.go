package cli

import (
	"fmt"
	"os"
	"sort"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/eval/ner"
	"github.com/parallaxhq/parallax/internal/eval/resolveeval"
	"github.com/parallaxhq/parallax/internal/eval/timeml"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() {
	evalSubcommands = append(evalSubcommands, evalNERCmd, evalResolveCmd)
	register(trainCmd)
}

func evalNERCmd(e *env) *cobra.Command {
	var conll, modelPath string
	var noPeers bool
	c := &cobra.Command{
		Use:   "ner --conll FILE",
		Short: "Score named-entity recognition on a CoNLL file (conlleval rule), with prose measured in the same run",
		Example: `  parallax eval ner --conll ../shared/eval/ner/conll2003-dev.txt
  parallax eval ner --conll dev.txt --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if conll == "" {
				return usagef("--conll FILE is required")
			}
			opts := ner.DefaultOptions()
			if noPeers {
				opts.Peers = nil
			}
			if modelPath != "" {
				f, err := os.Open(modelPath)
				if err != nil {
					return usageError{err}
				}
				m, err := lang.ReadNERModel(f)
				f.Close()
				if err != nil {
					return fmt.Errorf("model %s: %w", modelPath, err)
				}
				opts.Model = m
			}
			rep, err := ner.Evaluate(conll, opts)
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, rep)
			}
			t := newTable(e.stdout, "SYSTEM", "TYPE", "PRECISION", "RECALL", "F1")
			t.row("parallax", "overall", f4(rep.Overall.Precision), f4(rep.Overall.Recall), f4(rep.Overall.F1))
			for _, typ := range sortedKeys(rep.PerType) {
				s := rep.PerType[typ]
				t.row("parallax", typ, f4(s.Precision), f4(s.Recall), f4(s.F1))
			}
			for _, name := range sortedKeys(rep.Peers) {
				p := rep.Peers[name]
				t.row(name, "overall", f4(p.Overall.Precision), f4(p.Overall.Recall), f4(p.Overall.F1))
			}
			t.flush()
			e.notef("%d sentences, %d tokens, %.0f tokens/s", rep.Sentences, rep.Tokens, rep.TokensPerSecond)
			return nil
		},
	}
	c.Flags().StringVar(&conll, "conll", "", "CoNLL file (WORD POS CHUNK NER, IOB2) to score on")
	c.Flags().StringVar(&modelPath, "model", "", "score this model file instead of the embedded one")
	c.Flags().BoolVar(&noPeers, "no-peers", false, "do not run the other recognisers")
	return c
}

func f4(f float64) string { return fmt.Sprintf("%.4f", f) }

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func evalResolveCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "resolve GOLD.json",
		Short: "Score entity resolution of the stored documents against gold alias clusters (B-cubed), look-alikes and places",
		Long: `Score the entities in the store (ingest the gold's corpus first) against a gold file shaped like
../shared/eval/seeds/gold.json: B-cubed precision/recall/F1 over the gold alias strings, merges of
must_not_merge pairs, and gold places linked within 25 km.`,
		Example: `  parallax --db seeds.db ingest ../shared/corpus/seeds
  parallax --db seeds.db eval resolve ../shared/eval/seeds/gold.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			g, err := resolveeval.ReadGold(args[0])
			if err != nil {
				return usageError{err}
			}
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			ents, err := st.Entities(cmd.Context(), store.EntityFilter{Limit: 1 << 30})
			if err != nil {
				return err
			}
			rep := resolveeval.Score(g, ents, resolveeval.Options{})
			if e.json {
				return printJSON(e.stdout, rep)
			}
			rep.Format(e.stdout)
			return nil
		},
	}
	return c
}

func trainCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:     "train ner --conll FILE --out PATH",
		Short:   "Train the named-entity model from a CoNLL corpus (deterministic from --seed)",
		Example: `  parallax train ner --conll ../shared/eval/ner/conll2003-train.txt --out internal/lang/model/ner.bin`,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return usagef("train needs a subcommand: ner") },
	}
	var conll, out string
	opts := lang.DefaultTrainOptions()
	nerc := &cobra.Command{
		Use:     "ner --conll FILE --out PATH",
		Short:   "Train the NER model (averaged perceptron, Viterbi over BIO tags) and write it to PATH",
		Example: `  parallax train ner --conll ../shared/eval/ner/conll2003-train.txt --out /tmp/ner.bin`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if conll == "" || out == "" {
				return usagef("--conll and --out are required")
			}
			f, err := os.Open(conll)
			if err != nil {
				return usageError{err}
			}
			defer f.Close()
			m, err := lang.TrainNER(f, opts)
			if err != nil {
				return err
			}
			w, err := os.Create(out)
			if err != nil {
				return err
			}
			n, err := m.WriteTo(w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, map[string]any{"model": out, "bytes": n})
			}
			e.notef("wrote %s (%d bytes)", out, n)
			return nil
		},
	}
	nerc.Flags().StringVar(&conll, "conll", "", "training corpus in CoNLL format")
	nerc.Flags().StringVar(&out, "out", "", "where to write the model")
	nerc.Flags().Uint64Var(&opts.Seed, "seed", opts.Seed, "random seed (same seed, same model bytes)")
	c.AddCommand(nerc)
	return c
}

func init() { evalSubcommands = append(evalSubcommands, evalTimeCmd) }

func evalTimeCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "time DIR",
		Short: "Score temporal expressions on TimeML files (TempEval-3 task A: strict/relaxed extent F1, value F1)",
		Long: `Tag every .tml file of DIR anchored at its document creation time and score against its TIMEX3
annotations: extent F1 (strict: exact span; relaxed: overlap) and value F1 (a relaxed match whose
normalised value is also right).`,
		Example: `  parallax eval time ../shared/eval/time/TimeBank
  parallax eval time ../shared/eval/time/TimeBank --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			rep, err := timeml.Evaluate(args[0])
			if err != nil {
				return usageError{err}
			}
			if e.json {
				return printJSON(e.stdout, rep)
			}
			fmt.Fprintln(e.stdout, rep.Summary())
			return nil
		},
	}
}
