package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() {
	register(timelineCmd)
	register(storiesCmd)
	register(quotesCmd)
	register(contradictionsCmd)
	register(framesCmd)
}

func timelineCmd(e *env) *cobra.Command {
	var entity, story, doc string
	c := &cobra.Command{
		Use:   "timeline",
		Short: "Events in time order, merged across documents, with place, participants and evidence",
		Example: `  parallax timeline
  parallax timeline --entity "Qassem Soleimani"
  parallax timeline --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			f := store.EventFilter{Story: story, Doc: doc}
			if f.Entity, err = query.ResolveEntityRef(cmd.Context(), st, entity); err != nil {
				return notFound(err)
			}
			evs, err := st.Events(cmd.Context(), f)
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, evs)
			}
			names := entityNames(cmd, st)
			for _, ev := range evs {
				when := ev.Time.Value
				if when == "" {
					when = "undated"
				}
				fmt.Fprintf(e.stdout, "%-12s %-14s %-22s %s\n", when, ev.Type, clip(orDash(names(ev.Place)), 22), clip(ev.Summary, 80))
				var ps []string
				for _, p := range ev.Participants {
					ps = append(ps, names(p))
				}
				if len(ps) > 0 {
					fmt.Fprintf(e.stdout, "%-12s with %s\n", "", clip(strings.Join(ps, ", "), 100))
				}
				fmt.Fprintf(e.stdout, "%-12s reported by %d document(s)\n", "", len(ev.Docs))
			}
			e.notef("%d event(s)", len(evs))
			return nil
		},
	}
	c.Flags().StringVar(&entity, "entity", "", "only events involving this entity (id or name)")
	c.Flags().StringVar(&story, "story", "", "only events of this story")
	c.Flags().StringVar(&doc, "doc", "", "only events reported by this document id")
	return c
}

// entityNames returns a lookup from entity id to display name.
func entityNames(cmd *cobra.Command, st store.Store) func(string) string {
	cache := map[string]string{}
	return func(id string) string {
		if id == "" {
			return ""
		}
		if n, ok := cache[id]; ok {
			return n
		}
		n := id
		if en, err := st.Entity(cmd.Context(), id); err == nil {
			n = en.Name
		}
		cache[id] = n
		return n
	}
}

func storiesCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:     "stories",
		Short:   "Documents grouped into stories, with their main entities and date span",
		Example: "  parallax stories\n  parallax stories --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			sts, err := st.Stories(cmd.Context())
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, sts)
			}
			names := entityNames(cmd, st)
			for _, s := range sts {
				fmt.Fprintf(e.stdout, "%s  %d doc(s)  %s … %s  %s\n", s.ID, len(s.Docs), orDash(s.First), orDash(s.Last), clip(s.Title, 70))
				var ns []string
				for i, id := range s.Entities {
					if i == 6 {
						break
					}
					ns = append(ns, names(id))
				}
				if len(ns) > 0 {
					fmt.Fprintf(e.stdout, "    %s\n", clip(strings.Join(ns, ", "), 110))
				}
			}
			e.notef("%d stor(ies)", len(sts))
			return nil
		},
	}
	return c
}

func quotesCmd(e *env) *cobra.Command {
	var f store.QuoteFilter
	var entity string
	var profile bool
	c := &cobra.Command{
		Use:   "quotes",
		Short: "Who says what: direct and indirect quotes and according-to attributions",
		Example: `  parallax quotes
  parallax quotes --speaker "Masoud Barzani" --json
  parallax quotes --profile          # sourcing profile per outlet: named, anonymous, outlet-as-source`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if f.Entity, err = query.ResolveEntityRef(cmd.Context(), st, entity); err != nil {
				return notFound(err)
			}
			if f.Limit == 0 {
				f.Limit = 1 << 30
			}
			qs, err := st.Quotes(cmd.Context(), f)
			if err != nil {
				return err
			}
			if profile {
				prof, err := query.SourcingProfiles(cmd.Context(), st, qs)
				if err != nil {
					return err
				}
				if e.json {
					return printJSON(e.stdout, prof)
				}
				t := newTable(e.stdout, "OUTLET", "QUOTES", "NAMED", "ANONYMOUS", "OUTLET-AS-SOURCE", "ANONYMOUS %")
				for _, p := range prof {
					t.row(clip(orDash(p.Outlet), 30), p.Total, p.Named, p.Anonymous, p.Media, fmt.Sprintf("%.0f", 100*p.AnonymousShare))
				}
				t.flush()
				return nil
			}
			if e.json {
				return printJSON(e.stdout, qs)
			}
			for _, q := range qs {
				sp := q.Speaker.Text
				if q.Speaker.Anonymous {
					sp += " (anonymous)"
				}
				fmt.Fprintf(e.stdout, "%s %-12s %s — %s: “%s”\n", q.Doc[:12], q.Kind, clip(sp, 40), q.Cue, clip(q.Text, 120))
			}
			e.notef("%d quote(s)", len(qs))
			return nil
		},
	}
	c.Flags().StringVar(&entity, "speaker", "", "only quotes by this entity (id or name)")
	c.Flags().StringVar(&f.Doc, "doc", "", "only quotes in this document id")
	c.Flags().StringVar(&f.Kind, "kind", "", "direct, indirect or according_to")
	c.Flags().IntVar(&f.Limit, "limit", 0, "at most this many (0: all)")
	c.Flags().BoolVar(&profile, "profile", false, "print the sourcing profile of each outlet instead")
	return c
}

func contradictionsCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:     "contradictions",
		Short:   "Where outlets (or one article) contradict each other, each side with its sentence",
		Example: "  parallax contradictions\n  parallax contradictions --json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			cs, err := st.Contradictions(cmd.Context())
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, cs)
			}
			for i, c := range cs {
				fmt.Fprintf(e.stdout, "%d. %s  [%s, confidence %.2f]\n", i+1, oneLine(c.Topic), c.Kind, c.Confidence)
				for _, s := range c.Sides {
					fmt.Fprintf(e.stdout, "   %s %-22s %s\n", s.Doc[:min(12, len(s.Doc))], clip(orDash(s.Outlet), 22), clip(s.Claim, 110))
				}
			}
			e.notef("%d contradiction(s)", len(cs))
			return nil
		},
	}
	return c
}

func framesCmd(e *env) *cobra.Command {
	var entity, outlet string
	c := &cobra.Command{
		Use:   "frames",
		Short: "How each outlet portrays each actor: stance from -1 to +1 with the loaded words",
		Example: `  parallax frames
  parallax frames --entity "Qassem Soleimani"     # outlets side by side for one actor
  parallax frames --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			f := store.FrameFilter{Outlet: outlet}
			if f.Entity, err = query.ResolveEntityRef(cmd.Context(), st, entity); err != nil {
				return notFound(err)
			}
			fs, err := st.Frames(cmd.Context(), f)
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, fs)
			}
			if entity != "" {
				return printOutletComparison(e, cmd, st, f.Entity, fs)
			}
			t := newTable(e.stdout, "ENTITY", "DOC", "OUTLET", "STANCE", "LABEL", "EVIDENCE")
			for _, fr := range fs {
				t.row(clip(orDash(fr.Name), 28), fr.Doc[:12], clip(orDash(fr.Outlet), 22), fmt.Sprintf("%+.2f", fr.Stance), fr.Label, clip(evidenceWords(fr), 60))
			}
			t.flush()
			e.notef("%d frame(s)", len(fs))
			return nil
		},
	}
	c.Flags().StringVar(&entity, "entity", "", "only this entity (id or name): prints outlets side by side")
	c.Flags().StringVar(&outlet, "outlet", "", "only this outlet")
	return c
}

// printOutletComparison prints, for one entity, each outlet's stance,
// loaded words and quotes side by side.
func printOutletComparison(e *env, cmd *cobra.Command, st store.Store, entity string, fs []model.Frame) error {
	en, err := st.Entity(cmd.Context(), entity)
	if err != nil {
		return err
	}
	byOutlet := map[string][]model.Frame{}
	for _, f := range fs {
		byOutlet[f.Outlet] = append(byOutlet[f.Outlet], f)
	}
	outlets := make([]string, 0, len(byOutlet))
	for o := range byOutlet {
		outlets = append(outlets, o)
	}
	sort.Strings(outlets)
	fmt.Fprintf(e.stdout, "How outlets portray %s [%s]\n\n", oneLine(en.Name), en.Type)
	t := newTable(e.stdout, "OUTLET", "DOCS", "MEAN STANCE", "LOADED WORDS")
	for _, o := range outlets {
		var sum float64
		words := map[string]bool{}
		var ws []string
		for _, f := range byOutlet[o] {
			sum += f.Stance
			for _, ev := range f.Evidence {
				k := strings.ToLower(ev.Text)
				if !words[k] {
					words[k] = true
					ws = append(ws, ev.Text)
				}
			}
		}
		mean := sum / float64(len(byOutlet[o]))
		t.row(clip(orDash(o), 30), len(byOutlet[o]), fmt.Sprintf("%+.2f %s", mean, stanceBar(mean)), clip(strings.Join(ws, ", "), 70))
	}
	t.flush()
	return nil
}

func stanceBar(s float64) string {
	n := int(s*5 + 0.5*sign(s))
	switch {
	case n > 0:
		return strings.Repeat("+", n)
	case n < 0:
		return strings.Repeat("-", -n)
	}
	return "0"
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
