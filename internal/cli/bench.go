package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/clean"
	"github.com/parallaxhq/parallax/internal/eval/ner"
	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

func init() { register(benchCmd) }

// BenchReport is what `parallax bench` measures.
type BenchReport struct {
	Input         string  `json:"input"`
	Documents     int     `json:"documents"`
	Added         int     `json:"added"`
	Bytes         int64   `json:"bytes"`
	Seconds       float64 `json:"seconds"`
	CPUSeconds    float64 `json:"cpu_seconds"`
	MBPerSecond   float64 `json:"mb_per_second"`
	MBPerCPUSec   float64 `json:"mb_per_cpu_second"`
	DocsPerSecond float64 `json:"docs_per_second"`
	MaxRSSMB      float64 `json:"max_rss_mb"`
	Workers       int     `json:"workers"`
	Peer          *Peer   `json:"peer,omitempty"`
	Speedup       float64 `json:"speedup_per_cpu_second,omitempty"`
}

// Peer is a comparable tool measured on the same text in the same run.
type Peer struct {
	Name        string  `json:"name"`
	Bytes       int64   `json:"bytes"`
	Seconds     float64 `json:"seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	MBPerCPUSec float64 `json:"mb_per_cpu_second"`
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func maxRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}

func benchCmd(e *env) *cobra.Command {
	var peerMB int64
	var keep bool
	opts := pipeline.DefaultOptions()
	c := &cobra.Command{
		Use:   "bench PATH",
		Short: "Measure end-to-end ingest + analysis throughput on PATH, next to a peer tool on the same text",
		Long: `Ingest and analyse PATH into a fresh temporary database (or --db when --keep is given) and report
MB/s, documents/s, CPU time and peak memory. Then run the peer (prose: tokenisation, sentence
segmentation, tagging and NER in pure Go) on up to --peer-mb of the same clean text in the same
process, and report the ratio per CPU-second.`,
		Example: `  parallax bench ../shared/corpus/seeds
  parallax bench /data/corpus --json --peer-mb 2`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			dbPath := e.db
			if !keep {
				dir, err := os.MkdirTemp("", "parallax-bench-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				dbPath = filepath.Join(dir, "bench.db")
			}
			st, err := sqlite.Open(ctx, dbPath)
			if err != nil {
				return err
			}
			defer st.Close()
			runtime.GC()
			cpu0, t0 := cpuSeconds(), time.Now()
			rep, err := pipeline.Run(ctx, st, pipeline.NewAnalyzer(), pipeline.NewCorpus(), args, opts)
			if err != nil {
				return err
			}
			br := BenchReport{Input: args[0], Documents: rep.Seen, Added: rep.Added, Bytes: rep.Bytes, Workers: opts.Workers,
				Seconds: time.Since(t0).Seconds(), CPUSeconds: cpuSeconds() - cpu0}
			br.MBPerSecond = float64(br.Bytes) / 1e6 / br.Seconds
			br.MBPerCPUSec = float64(br.Bytes) / 1e6 / br.CPUSeconds
			br.DocsPerSecond = float64(br.Documents) / br.Seconds
			br.MaxRSSMB = maxRSSMB()
			if peerMB > 0 {
				p, err := benchPeer(ctx, args[0], peerMB<<20)
				if err != nil {
					return err
				}
				br.Peer = p
				if p.MBPerCPUSec > 0 {
					br.Speedup = br.MBPerCPUSec / p.MBPerCPUSec
				}
			}
			if e.json {
				return printJSON(e.stdout, br)
			}
			fmt.Fprintf(e.stdout, "parallax: %d documents, %.1f MB in %.2fs (%.2f CPU-s, %d workers): %.2f MB/s, %.2f MB per CPU-second, %.0f docs/s, peak RSS %.0f MB\n",
				br.Documents, float64(br.Bytes)/1e6, br.Seconds, br.CPUSeconds, br.Workers, br.MBPerSecond, br.MBPerCPUSec, br.DocsPerSecond, br.MaxRSSMB)
			if br.Peer != nil {
				fmt.Fprintf(e.stdout, "%s: %.2f MB in %.2f CPU-s: %.3f MB per CPU-second; parallax is %.1fx faster per CPU-second (and does far more)\n",
					br.Peer.Name, float64(br.Peer.Bytes)/1e6, br.Peer.CPUSeconds, br.Peer.MBPerCPUSec, br.Speedup)
			}
			return nil
		},
	}
	c.Flags().IntVar(&opts.Workers, "workers", opts.Workers, "documents analysed in parallel")
	c.Flags().Int64Var(&peerMB, "peer-mb", 1, "MB of the same text to run the peer on (0: no peer)")
	c.Flags().BoolVar(&keep, "keep", false, "ingest into --db instead of a temporary database")
	return c
}

// benchPeer runs prose over clean text of the input, up to limit bytes, on
// one goroutine, and measures its CPU time.
func benchPeer(ctx context.Context, path string, limit int64) (*Peer, error) {
	var texts []string
	var total int64
	w := ingest.NewWalker(ingest.DefaultOptions(), func(it ingest.Item) error {
		if total >= limit {
			return nil
		}
		var text string
		if it.HTML {
			r, err := clean.HTML(it.Body, it.URL, clean.DefaultOptions())
			if err != nil {
				return nil
			}
			text = r.Text
		} else {
			text = clean.Text(string(it.Body), clean.DefaultOptions()).Text
		}
		texts = append(texts, text)
		total += int64(len(text))
		return nil
	}, func(*ingest.InputError) {})
	if err := w.Walk(ctx, []string{path}); err != nil {
		return nil, err
	}
	runtime.GC()
	cpu0, t0 := cpuSeconds(), time.Now()
	for _, t := range texts {
		if _, err := ner.ProseAnalyze(t); err != nil {
			return nil, err
		}
	}
	p := &Peer{Name: "prose v2.0.0 (tokenise + segment + tag + NER)", Bytes: total, Seconds: time.Since(t0).Seconds(), CPUSeconds: cpuSeconds() - cpu0}
	if p.CPUSeconds > 0 {
		p.MBPerCPUSec = float64(total) / 1e6 / p.CPUSeconds
	}
	return p, nil
}
