package cli

import (
	"context"
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/resolve"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() {
	curationCommands = func(e *env) []*cobra.Command {
		return []*cobra.Command{mergeCmd(e), splitCmd(e), renameCmd(e), aliasCmd(e)}
	}
	register(analyzeCmd)
}

// curate records a decision and re-runs the corpus analysis so that it takes
// effect at once; the decision is re-applied after every later analysis.
func curate(ctx context.Context, e *env, d resolve.Decision) error {
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	seq, err := applyDecision(ctx, st, d)
	if err != nil {
		return err
	}
	if e.json {
		return printJSON(e.stdout, map[string]any{"ok": true, "decision": d, "seq": seq})
	}
	e.notef("decision %d recorded (%s) and applied; it is re-applied after every analysis", seq, d.Kind)
	return nil
}

// applyDecision checks that the decision names stored entities, records it
// and re-runs the corpus stages under the corpus lock. The CLI's curation
// commands and the web server's /api/curate both come here.
func applyDecision(ctx context.Context, st store.Store, d resolve.Decision) (int64, error) {
	// Refuse decisions that name nothing, so typos are not stored for ever.
	for _, ref := range []string{d.Entity, d.Other} {
		if ref == "" {
			continue
		}
		if _, err := st.Entity(ctx, ref); err != nil {
			return 0, notFound(err)
		}
	}
	data, err := json.Marshal(d)
	if err != nil {
		return 0, err
	}
	rec, err := st.AddDecision(ctx, data)
	if err != nil {
		return 0, err
	}
	if _, err := pipeline.AnalyzeCorpus(ctx, st, pipeline.NewCorpus(), false); err != nil {
		return rec.Seq, err
	}
	return rec.Seq, nil
}

// curator is the web server's curation hook (web.Options.Curate) on st.
func curator(st store.Store) func(ctx context.Context, op string, args []string) error {
	return func(ctx context.Context, op string, args []string) error {
		d, err := decisionOf(op, args)
		if err != nil {
			return err
		}
		_, err = applyDecision(ctx, st, d)
		return err
	}
}

// decisionOf turns the web API's curation request (op and arguments in the
// order the CLI takes them) into a decision.
func decisionOf(op string, args []string) (resolve.Decision, error) {
	arg := func(i int) string {
		if i < len(args) {
			return args[i]
		}
		return ""
	}
	switch op {
	case "merge":
		if len(args) != 2 {
			break
		}
		return resolve.Decision{Kind: resolve.Merge, Entity: args[0], Other: args[1]}, nil
	case "split":
		if len(args) < 2 || len(args) > 4 {
			break
		}
		return resolve.Decision{Kind: resolve.Split, Entity: args[0], Alias: args[1], Name: arg(2), Type: arg(3)}, nil
	case "rename":
		if len(args) < 2 || len(args) > 3 {
			break
		}
		return resolve.Decision{Kind: resolve.Rename, Entity: args[0], Name: args[1], Type: arg(2)}, nil
	case "alias-add", "alias-remove":
		if len(args) != 2 {
			break
		}
		kind := resolve.AddAlias
		if op == "alias-remove" {
			kind = resolve.RemoveAlias
		}
		return resolve.Decision{Kind: kind, Entity: args[0], Alias: args[1]}, nil
	default:
		return resolve.Decision{}, usagef("unknown curation op %q (merge, split, rename, alias-add, alias-remove)", op)
	}
	return resolve.Decision{}, usagef("%s: wrong number of arguments (%d)", op, len(args))
}

func mergeCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "merge ENTITY OTHER",
		Short:   "Merge OTHER into ENTITY (both by id, name or alias)",
		Example: `  parallax entity merge qassem-soleimani "Qasim Solomon"`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return curate(cmd.Context(), e, resolve.Decision{Kind: resolve.Merge, Entity: args[0], Other: args[1]})
		},
	}
}

func splitCmd(e *env) *cobra.Command {
	var name, typ string
	c := &cobra.Command{
		Use:   "split ENTITY ALIAS",
		Short: "Make the mentions of ENTITY written as ALIAS an entity of their own",
		Example: `  parallax entity split hezbollah "Hezbollah Brigades" --name "Kata'ib Hezbollah"
  parallax entity split baghdad Baghdadi --type PERSON`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return curate(cmd.Context(), e, resolve.Decision{Kind: resolve.Split, Entity: args[0], Alias: args[1], Name: name, Type: typ})
		},
	}
	c.Flags().StringVar(&name, "name", "", "name of the new entity (default: the alias)")
	c.Flags().StringVar(&typ, "type", "", "type of the new entity (default: the original's)")
	return c
}

func renameCmd(e *env) *cobra.Command {
	var typ string
	c := &cobra.Command{
		Use:     "rename ENTITY NAME",
		Short:   "Give ENTITY a new display name (its id stays)",
		Example: `  parallax entity rename qassem-soleimani "Qasem Soleimani"`,
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return curate(cmd.Context(), e, resolve.Decision{Kind: resolve.Rename, Entity: args[0], Name: args[1], Type: typ})
		},
	}
	c.Flags().StringVar(&typ, "type", "", "also change the type (PERSON, ORG, PLACE, MISC)")
	return c
}

func aliasCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "alias add|remove ENTITY ALIAS",
		Short: "Add an alias to an entity (its mentions join it) or remove one (they leave it)",
		Example: `  parallax entity alias add isis "Daisch"
  parallax entity alias remove hezbollah "Hezbollah Brigades"`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			var kind resolve.DecisionKind
			switch args[0] {
			case "add":
				kind = resolve.AddAlias
			case "remove", "rm":
				kind = resolve.RemoveAlias
			default:
				return usagef("alias: want add or remove, not %q", args[0])
			}
			d := resolve.Decision{Kind: kind, Entity: args[1], Alias: args[2]}
			return curate(cmd.Context(), e, d)
		},
	}
	return c
}

func analyzeCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "analyze",
		Short: "Re-run the cross-document analysis (entities, events, contradictions, frames) on the stored documents",
		Long: `Re-run the corpus-wide stages over every stored document, re-applying the analysts' curation
decisions. ingest does this after each run; use analyze after ingest --no-corpus.`,
		Example: "  parallax analyze",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := pipeline.NewCorpus().Run(cmd.Context(), st); err != nil {
				return err
			}
			n, _ := st.CountDocuments(cmd.Context())
			ents, _ := st.Entities(cmd.Context(), store.EntityFilter{Limit: 1 << 30})
			if e.json {
				return printJSON(e.stdout, map[string]int{"documents": n, "entities": len(ents)})
			}
			e.notef("analysed %d document(s): %d entities", n, len(ents))
			return nil
		},
	}
}
