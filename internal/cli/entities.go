package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() {
	register(entitiesCmd)
	register(entityCmd)
}

func entitiesCmd(e *env) *cobra.Command {
	var f store.EntityFilter
	c := &cobra.Command{
		Use:   "entities",
		Short: "List entities (people, organisations, places, other), spellings merged, most mentioned first",
		Example: `  parallax entities
  parallax entities --type PERSON --limit 20
  parallax entities --match sulei --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if f.Limit == 0 {
				f.Limit = 1 << 30
			}
			ents, err := query.Entities(cmd.Context(), st, f)
			if err != nil {
				return usageError{err}
			}
			if e.json {
				return printJSON(e.stdout, ents)
			}
			t := newTable(e.stdout, "ID", "TYPE", "MENTIONS", "DOCS", "NAME", "ALIASES")
			for _, en := range ents {
				t.row(clip(en.ID, 32), en.Type, en.Mentions, len(en.Docs), clip(en.Name, 40), clip(aliasList(en, 6), 80))
			}
			t.flush()
			e.notef("%d entit(ies)", len(ents))
			return nil
		},
	}
	c.Flags().StringVar(&f.Type, "type", "", "PERSON, ORG, PLACE or MISC")
	c.Flags().StringVar(&f.Query, "match", "", "only entities whose name or an alias contains this text")
	c.Flags().StringVar(&f.Doc, "doc", "", "only entities mentioned in this document id")
	c.Flags().IntVar(&f.Limit, "limit", 0, "at most this many (0: all)")
	return c
}

func aliasList(en model.Entity, n int) string {
	var parts []string
	for i, a := range en.Aliases {
		if i == n {
			parts = append(parts, fmt.Sprintf("+%d", len(en.Aliases)-n))
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%d)", a.Text, a.Count))
	}
	return strings.Join(parts, ", ")
}

func entityCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "entity ID|NAME",
		Short: "Show one entity: aliases, documents, co-mentions, quotes, framing; or curate it",
		Example: `  parallax entity qassem-soleimani
  parallax entity "Qasem Soleimani" --json
  parallax entity merge hezbollah "Lebanese Hezbollah"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := query.Entity(cmd.Context(), st, args[0])
			if err != nil {
				return notFound(err)
			}
			if e.json {
				return printJSON(e.stdout, d)
			}
			w := e.stdout
			fmt.Fprintf(w, "%s  [%s]  id %s\n", oneLine(d.Name), d.Type, d.ID)
			if d.Lat != nil && d.Lon != nil {
				fmt.Fprintf(w, "location: %.4f, %.4f", *d.Lat, *d.Lon)
				if d.Country != "" {
					fmt.Fprintf(w, " (%s)", d.Country)
				}
				fmt.Fprintln(w)
			}
			if d.KB != nil {
				if d.KB.Wikidata != "" {
					fmt.Fprintf(w, "wikidata: %s\n", d.KB.Wikidata)
				}
				if d.KB.GeoNames != 0 {
					fmt.Fprintf(w, "geonames: %d\n", d.KB.GeoNames)
				}
			}
			fmt.Fprintf(w, "%d mention(s) in %d document(s)\n\nAliases:\n", d.Entity.Mentions, len(d.Docs))
			for _, a := range d.Aliases {
				fmt.Fprintf(w, "  %5d  %s\n", a.Count, oneLine(a.Text))
			}
			fmt.Fprintf(w, "\nDocuments:\n")
			for _, doc := range d.Documents {
				fmt.Fprintf(w, "  %s  %-24s %s\n", doc.ID[:12], clip(orDash(doc.Outlet), 24), clip(doc.Title, 70))
			}
			if len(d.CoMentioned) > 0 {
				fmt.Fprintf(w, "\nNamed alongside:\n")
				for _, c := range d.CoMentioned {
					fmt.Fprintf(w, "  %3d doc(s)  %s [%s]\n", c.Docs, oneLine(c.Name), c.Type)
				}
			}
			if len(d.Frames) > 0 {
				fmt.Fprintf(w, "\nHow outlets portray it:\n")
				for _, f := range d.Frames {
					fmt.Fprintf(w, "  %+.2f %-9s %-24s %s\n", f.Stance, f.Label, clip(orDash(f.Outlet), 24), clip(evidenceWords(f), 70))
				}
			}
			if len(d.Quotes) > 0 {
				fmt.Fprintf(w, "\nQuoted:\n")
				for _, q := range d.Quotes {
					fmt.Fprintf(w, "  %s %s: %s\n", q.Doc[:12], q.Cue, clip(q.Text, 100))
				}
			}
			return nil
		},
	}
	for _, sub := range curationCommands(e) {
		c.AddCommand(sub)
	}
	return c
}

func evidenceWords(f model.Frame) string {
	var parts []string
	for _, ev := range f.Evidence {
		parts = append(parts, ev.Text)
	}
	return strings.Join(parts, ", ")
}

// curationCommands is filled by curate.go.
var curationCommands = func(e *env) []*cobra.Command { return nil }
