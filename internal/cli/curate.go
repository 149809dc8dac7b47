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
	// Refuse decisions that name nothing, so typos are not stored for ever.
	for _, ref := range []string{d.Entity, d.Other} {
		if ref == "" {
			continue
		}
		if _, err := st.Entity(ctx, ref); err != nil {
			return notFound(err)
		}
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	rec, err := st.AddDecision(ctx, data)
	if err != nil {
		return err
	}
	if err := pipeline.NewCorpus().Run(ctx, st); err != nil {
		return err
	}
	if e.json {
		return printJSON(e.stdout, map[string]any{"ok": true, "decision": d, "seq": rec.Seq})
	}
	e.notef("decision %d recorded (%s) and applied; it is re-applied after every analysis", rec.Seq, d.Kind)
	return nil
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
