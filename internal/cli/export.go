package cli

import (
	"bufio"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/export"
)

func init() { register(exportCmd) }

func exportCmd(e *env) *cobra.Command {
	var opts export.Options
	var out string
	c := &cobra.Command{
		Use:   "export --format jsonl|csv|geojson|gexf|ftm",
		Short: "Export documents, entities, events, quotes and frames for other tools",
		Long: `Export the store. Formats:
  jsonl    everything, one {"kind", "data"} record a line
  csv      one table (--table documents|entities|mentions|events|quotes|frames|contradictions)
  geojson  places and dated events with coordinates (a FeatureCollection)
  gexf     the entity co-mention graph, for Gephi
  ftm      FollowTheMoney entities (Article, Person, Organization, Address, Mention, Event) for Aleph`,
		Example: `  parallax export --format geojson > map.geojson
  parallax export --format csv --table quotes -o quotes.csv
  parallax export --format ftm | ftm store write -d parallax   # into Aleph's tools`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			valid := false
			for _, f := range export.Formats {
				valid = valid || f == opts.Format
			}
			if !valid {
				return usagef("--format must be one of %s", strings.Join(export.Formats, ", "))
			}
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			var w io.Writer = e.stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return err
				}
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<16)
			if err := export.Write(cmd.Context(), st, bw, opts); err != nil {
				if f != nil {
					f.Close()
				}
				if strings.Contains(err.Error(), "unknown CSV table") {
					return usageError{err}
				}
				return err
			}
			if err := bw.Flush(); err != nil {
				return err
			}
			if f != nil {
				if err := f.Close(); err != nil {
					return err
				}
				e.notef("wrote %s", out)
			}
			return nil
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "", "jsonl, csv, geojson, gexf or ftm (required)")
	c.Flags().StringVar(&opts.Table, "table", "entities", "for csv: "+strings.Join(export.Tables, ", "))
	c.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of stdout")
	return c
}
