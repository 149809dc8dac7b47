package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

func init() {
	register(docsCmd)
	register(docCmd)
	register(searchCmd)
}

func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return usageError{err}
	}
	return err
}

func docsCmd(e *env) *cobra.Command {
	var f store.DocFilter
	var all bool
	c := &cobra.Command{
		Use:   "docs",
		Short: "List documents in arrival order",
		Example: `  parallax docs
  parallax docs --outlet presstv.ir --json
  parallax docs --limit 50 --after 200     # the page after document #200`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			var docs []query.DocumentView
			if all || f.Limit == 0 {
				docs, err = query.AllDocuments(cmd.Context(), st, f)
			} else {
				docs, err = query.Documents(cmd.Context(), st, f)
			}
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, docs)
			}
			t := newTable(e.stdout, "#", "ID", "PUBLISHED", "LANG", "WORDS", "OUTLET", "TITLE")
			for _, d := range docs {
				pub := "-"
				if d.Published != nil {
					pub = *d.Published
					if d.PublishedBasis != nil && *d.PublishedBasis == "inferred" {
						pub += "~"
					}
				}
				title := clip(d.Title, 70)
				if d.NearDuplicateOf != nil {
					title += " (near-duplicate of " + (*d.NearDuplicateOf)[:12] + ")"
				}
				t.row(d.Seq, d.ID[:12], pub, d.Language, d.Words, clip(orDash(d.Outlet), 24), title)
			}
			t.flush()
			e.notef("%d document(s)", len(docs))
			return nil
		},
	}
	c.Flags().StringVar(&f.Outlet, "outlet", "", "only documents from this outlet")
	c.Flags().StringVar(&f.Story, "story", "", "only documents of this story id")
	c.Flags().IntVar(&f.Limit, "limit", 0, "page size (0: all documents)")
	c.Flags().Int64Var(&f.After, "after", 0, "list documents after this arrival number (paging)")
	c.Flags().BoolVar(&all, "all", false, "list every document (the default when --limit is 0)")
	return c
}

func docCmd(e *env) *cobra.Command {
	var showRemoved bool
	c := &cobra.Command{
		Use:   "doc ID|SOURCE",
		Short: "Show one document: clean text, removed boilerplate, mentions, dates, quotes",
		Long: `Show one document. ID may be the full id, a unique prefix of it (6+ characters), the source
path or URL it was ingested from, or a file name (matched at a path separator).`,
		Example: `  parallax doc 002_e539637223b80aad.txt
  parallax doc 3fa2c1 --json
  parallax doc https://example.org/article --removed`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := query.Document(cmd.Context(), st, args[0])
			if err != nil {
				return notFound(err)
			}
			if e.json {
				return printJSON(e.stdout, d)
			}
			w := e.stdout
			fmt.Fprintf(w, "%s\n", oneLine(d.Title))
			fmt.Fprintf(w, "id:        %s\nsource:    %s\n", d.ID, oneLine(d.Source))
			if d.URL != "" {
				fmt.Fprintf(w, "url:       %s\n", oneLine(d.URL))
			}
			fmt.Fprintf(w, "outlet:    %s\n", orDash(oneLine(d.Outlet)))
			if d.Author != "" {
				fmt.Fprintf(w, "author:    %s\n", oneLine(d.Author))
			}
			pub := "unknown"
			if d.Published != nil {
				pub = *d.Published + " (" + *d.PublishedBasis
				if d.PublishedRange != nil && d.PublishedRange[0] != d.PublishedRange[1] {
					pub += ", between " + d.PublishedRange[0] + " and " + d.PublishedRange[1]
				}
				pub += ")"
			}
			fmt.Fprintf(w, "published: %s\n", pub)
			if d.PublishedNote != "" {
				fmt.Fprintf(w, "           %s\n", oneLine(d.PublishedNote))
			}
			fmt.Fprintf(w, "language:  %s, %d words\n", d.Language, d.Words)
			if d.NearDuplicateOf != nil {
				fmt.Fprintf(w, "near-duplicate of %s\n", *d.NearDuplicateOf)
			}
			fmt.Fprintf(w, "\n%s\n", safeText(d.Text))
			if len(d.OtherLanguage) > 0 {
				fmt.Fprintf(w, "\nOther-language lines:\n")
				for _, l := range d.OtherLanguage {
					fmt.Fprintf(w, "  [%s] %s\n", l.Lang, clip(l.Text, 100))
				}
			}
			if len(d.Removed) > 0 {
				fmt.Fprintf(w, "\nRemoved lines (%d):\n", len(d.Removed))
				n := len(d.Removed)
				if !showRemoved && n > 20 {
					n = 20
				}
				for _, r := range d.Removed[:n] {
					fmt.Fprintf(w, "  %-20s %s\n", r.Reason, clip(r.Line, 90))
				}
				if n < len(d.Removed) {
					fmt.Fprintf(w, "  … %d more (--removed shows all)\n", len(d.Removed)-n)
				}
			}
			if len(d.Mentions) > 0 {
				fmt.Fprintf(w, "\nMentions (%d):\n", len(d.Mentions))
				seen := map[string]bool{}
				var parts []string
				for _, m := range d.Mentions {
					k := m.Type + "\x00" + m.Text
					if seen[k] {
						continue
					}
					seen[k] = true
					parts = append(parts, fmt.Sprintf("%s [%s]", oneLine(m.Text), m.Type))
				}
				fmt.Fprintf(w, "  %s\n", strings.Join(parts, "; "))
			}
			if len(d.Times) > 0 {
				fmt.Fprintf(w, "\nTimes:\n")
				for _, t := range d.Times {
					fmt.Fprintf(w, "  %-28s %s\n", clip(t.Text, 28), orDash(t.Value))
				}
			}
			if len(d.Quotes) > 0 {
				fmt.Fprintf(w, "\nQuotes:\n")
				for _, q := range d.Quotes {
					sp := q.Speaker.Text
					if q.Speaker.Anonymous {
						sp += " (anonymous)"
					}
					fmt.Fprintf(w, "  %-12s %s %s: %s\n", q.Kind, clip(sp, 30), q.Cue, clip(q.Text, 90))
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&showRemoved, "removed", false, "show every removed line, not only the first 20")
	return c
}

func searchCmd(e *env) *cobra.Command {
	var limit int
	c := &cobra.Command{
		Use:   "search QUERY",
		Short: "Full-text search over titles and texts, best matches first",
		Long: `Search titles and texts. Words are all required; "quoted words" form a phrase; OR between
words accepts either; a trailing * matches a prefix (Sulaim*).`,
		Example: `  parallax search amirli siege
  parallax search '"Quds Force" OR "Qods Force"' --json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			hits, err := query.Search(cmd.Context(), st, strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			if e.json {
				return printJSON(e.stdout, hits)
			}
			for _, h := range hits {
				fmt.Fprintf(e.stdout, "%s  %s  (%s)\n    %s\n", h.ID[:12], clip(h.Title, 70), orDash(oneLine(h.Outlet)), clip(h.Snippet, 160))
			}
			e.notef("%d result(s)", len(hits))
			return nil
		},
	}
	c.Flags().IntVar(&limit, "limit", 20, "number of results")
	return c
}
