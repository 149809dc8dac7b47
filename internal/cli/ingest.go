package cli

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/pipeline"
)

func init() { register(ingestCmd) }

func ingestCmd(e *env) *cobra.Command {
	opts := pipeline.DefaultOptions()
	var maxMB int64
	var queueURL string
	c := &cobra.Command{
		Use:   "ingest PATH|URL|- ...",
		Short: "Ingest and analyse articles: files, directories, URLs or stdin, in any supported format",
		Long: `Ingest articles and analyse them. Inputs are files, directories (walked recursively, hidden
entries skipped), http(s) URLs, files listing URLs one a line, or - for standard input. Formats are
detected from content: plain text, HTML, JSON Lines (fields url, title, text or html, published,
outlet), WARC and WARC.gz (HTML response records), RSS and Atom feeds, and gzip of any of these.

Re-ingesting the same content is a no-op; a crash or kill loses at most the batch being written,
and running the same command again completes the work. Each input that fails is named with the
reason; the others are ingested. Exit code 0 when every input was ingested, 1 when some failed.`,
		Example: `  parallax ingest ../shared/corpus/seeds
  parallax ingest crawl.warc.gz feeds/*.xml
  curl -s https://example.org/article | parallax ingest -
  parallax --json ingest articles.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if maxMB <= 0 {
				return usagef("--max-bytes must be positive")
			}
			opts.Ingest.MaxFileBytes = maxMB
			if queueURL != "" {
				return ingestToQueue(cmd, e, args, queueURL, opts)
			}
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			var bar *progressbar.ProgressBar
			if b := e.newBar(-1, "ingesting"); b != nil {
				bar = b
				var mu sync.Mutex
				opts.Progress = func(p pipeline.Progress) {
					mu.Lock()
					defer mu.Unlock()
					bar.Describe(fmt.Sprintf("%s: %d new, %d known, %d failed", p.Stage, p.Added, p.Duplicates, p.Failed))
					bar.Set(p.Seen)
				}
			}
			rep, err := pipeline.Run(cmd.Context(), st, pipeline.NewAnalyzer(), pipeline.NewCorpus(), args, opts)
			if bar != nil {
				bar.Finish()
			}
			if err != nil {
				return err
			}
			for _, f := range rep.Failures {
				fmt.Fprintf(e.stderr, "parallax: %s: %s\n", f.Source, f.Reason)
			}
			if e.json {
				if err := printJSON(e.stdout, rep); err != nil {
					return err
				}
			} else {
				e.notef("%d document(s) read, %d added, %d already stored, %d near-duplicate(s), %d failed, %.1f MB in %.2fs",
					rep.Seen, rep.Added, rep.Duplicates, rep.NearDuplicates, rep.Failed, float64(rep.Bytes)/1e6, rep.Seconds)
			}
			if rep.Failed > 0 {
				return partialError{rep.Failed}
			}
			return nil
		},
	}
	c.Flags().IntVar(&opts.Workers, "workers", runtime.GOMAXPROCS(0), "documents analysed in parallel")
	c.Flags().IntVar(&opts.BatchSize, "batch", opts.BatchSize, "documents written per transaction")
	c.Flags().Int64Var(&maxMB, "max-bytes", opts.Ingest.MaxFileBytes, "largest single file accepted, in bytes (containers are bounded per record)")
	c.Flags().BoolVar(&opts.SkipCorpus, "no-corpus", false, "skip the cross-document analysis (run `parallax analyze` later)")
	c.Flags().StringVar(&queueURL, "queue", "", "publish to this NATS JetStream URL for `parallax worker` instead of analysing here")
	return c
}

// ingestToQueue is replaced by the scale-out wiring.
var ingestToQueue = func(cmd *cobra.Command, e *env, args []string, url string, opts pipeline.Options) error {
	return usagef("--queue is not available in this build")
}
