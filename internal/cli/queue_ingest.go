package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/queue"
)

// ingest.go declares --queue; the flags that only mean something with it
// are added to the ingest command here, next to the code that reads them.
// (The init functions of a package run in file-name order, so ingest.go
// has registered its command by now.)
func init() {
	for i, add := range commands {
		commands[i] = func(e *env) *cobra.Command {
			c := add(e)
			if c.Name() == "ingest" {
				c.Flags().Bool("wait", false, "with --queue: wait until the workers drained the queue, then run the cross-document analysis once on --db")
				c.Flags().Duration("wait-timeout", 0, "with --wait: give up waiting after this long (0: wait as long as it takes)")
				addQueueFlags(c.Flags())
				c.Example += `
  parallax ingest --queue nats://127.0.0.1:4222 crawl/     # publish for ` + "`parallax worker`" + `
  parallax --db postgres://db/parallax ingest --queue nats://127.0.0.1:4222 --wait crawl/`
			}
			return c
		}
	}
}

// queueNameFlag is the flag naming the queue, on ingest and worker alike.
const queueNameFlag = "queue-name"

// addQueueFlags adds the flags naming the queue and setting its shared
// consumer. Every process that connects to the queue (ingest --queue,
// worker, worker status) applies the consumer's settings as it connects,
// so --ack-wait and --max-deliver must agree across all of them: set
// PARALLAX_ACK_WAIT and PARALLAX_MAX_DELIVER once in their environment.
func addQueueFlags(fs *pflag.FlagSet) {
	d := queue.DefaultOptions()
	fs.String(queueNameFlag, os.Getenv("PARALLAX_QUEUE"), "queue (JetStream stream) instead of the default "+d.Stream+" (env PARALLAX_QUEUE)")
	ackWait := d.AckWait
	if v, err := time.ParseDuration(os.Getenv("PARALLAX_ACK_WAIT")); err == nil {
		ackWait = v
	}
	fs.Duration("ack-wait", ackWait, "how long a silent worker keeps its batch before another worker gets it; a live worker renews it every third of this (env PARALLAX_ACK_WAIT; the same for every process)")
	maxDeliver := d.MaxDeliver
	if v, err := strconv.Atoi(os.Getenv("PARALLAX_MAX_DELIVER")); err == nil {
		maxDeliver = v
	}
	fs.Int("max-deliver", maxDeliver, "tries of an article before it is dead-lettered (env PARALLAX_MAX_DELIVER; the same for every process)")
}

// queueFromFlags returns the queue options the flags of addQueueFlags set.
func queueFromFlags(fs *pflag.FlagSet) (queue.Options, error) {
	name, _ := fs.GetString(queueNameFlag)
	o, err := QueueOptions(name)
	if err != nil {
		return o, err
	}
	for _, env := range []struct{ name, flag string }{{"PARALLAX_ACK_WAIT", "ack-wait"}, {"PARALLAX_MAX_DELIVER", "max-deliver"}} {
		v := os.Getenv(env.name)
		if v == "" || fs.Changed(env.flag) {
			continue
		}
		if _, derr := time.ParseDuration(v); env.flag == "ack-wait" && derr != nil {
			return o, usagef("%s=%q: want a duration such as 90s", env.name, v)
		}
		if _, ierr := strconv.Atoi(v); env.flag == "max-deliver" && ierr != nil {
			return o, usagef("%s=%q: want a whole number", env.name, v)
		}
	}
	o.AckWait, _ = fs.GetDuration("ack-wait")
	o.MaxDeliver, _ = fs.GetInt("max-deliver")
	if o.AckWait < time.Second {
		return o, usagef("--ack-wait %v: want at least 1s", o.AckWait)
	}
	if o.MaxDeliver < 1 {
		return o, usagef("--max-deliver %d: want at least 1", o.MaxDeliver)
	}
	return o, nil
}

var queueNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// QueueOptions names the streams and consumer of the queue called name
// ("" for the default): stream NAME, dead letters NAME_DEAD, subject
// parallax.q.name, consumer parallax-name.
func QueueOptions(name string) (queue.Options, error) {
	o := queue.DefaultOptions()
	if name == "" || name == o.Stream {
		return o, nil
	}
	if !queueNameRE.MatchString(name) {
		return o, usagef("--%s %q: use letters, digits, - and _ (at most 64)", queueNameFlag, name)
	}
	lower := strings.ToLower(name)
	o.Stream = strings.ToUpper(name)
	o.DeadStream = o.Stream + "_DEAD"
	o.Subject = "parallax.q." + lower
	o.Durable = "parallax-" + lower
	return o, nil
}

// QueueIngestReport sums up `ingest --queue`.
type QueueIngestReport struct {
	// Seen is how many articles the inputs held.
	Seen int `json:"seen"`
	// Published articles were stored by JetStream; Duplicates were already
	// queued (same content within the duplicate window) and dropped.
	Published  int `json:"published"`
	Duplicates int `json:"duplicates"`
	// Failed inputs could not be read or queued (Failures says why); with
	// --wait they include the articles the workers gave up on (Dead).
	Failed   int                `json:"failed"`
	Failures []pipeline.Failure `json:"failures"`
	Bytes    int64              `json:"bytes"`
	// QueuedBytes is the size on the queue (bodies compressed).
	QueuedBytes int64   `json:"queued_bytes"`
	Seconds     float64 `json:"seconds"`
	// With --wait:
	Waited bool `json:"waited"`
	// Dead is how many articles were moved to the dead-letter stream while
	// waiting (a worker could not analyse or store them).
	Dead          int     `json:"dead"`
	WaitSeconds   float64 `json:"wait_seconds,omitempty"`
	Documents     int     `json:"documents,omitempty"` // stored after the workers finished
	CorpusSeconds float64 `json:"corpus_seconds,omitempty"`
}

func messageOf(it ingest.Item) queue.Message {
	return queue.Message{Source: it.Source, URL: it.URL, Format: it.Format, Body: it.Body, HTML: it.HTML,
		Title: it.Title, Outlet: it.Outlet, Author: it.Author, Published: it.Published}
}

func itemOf(m queue.Message) ingest.Item {
	return ingest.Item{Source: m.Source, URL: m.URL, Format: m.Format, Body: m.Body, HTML: m.HTML,
		Title: m.Title, Outlet: m.Outlet, Author: m.Author, Published: m.Published}
}

// ingestQueue is `ingest --queue URL`: read the inputs as ingest does and
// publish every article for the workers; with --wait, also play the
// coordinator: wait for the queue to drain and run the corpus stage once.
func ingestQueue(cmd *cobra.Command, e *env, args []string, natsURL string, opts pipeline.Options) error {
	ctx := cmd.Context()
	start := time.Now()
	wait, _ := cmd.Flags().GetBool("wait")
	waitTimeout, _ := cmd.Flags().GetDuration("wait-timeout")
	qo, err := queueFromFlags(cmd.Flags())
	if err != nil {
		return err
	}
	qo.Logf = func(format string, a ...any) { e.notef("parallax: "+format, a...) }
	rep := QueueIngestReport{Failures: []pipeline.Failure{}}
	fail := func(source, reason string) {
		rep.Failed++
		rep.Failures = append(rep.Failures, pipeline.Failure{Source: source, Reason: reason})
		fmt.Fprintf(e.stderr, "parallax: %s: %s\n", source, reason)
	}

	deadBefore := 0
	if wait {
		// Open the store first: a coordinator that cannot reach it should
		// say so before publishing anything.
		st, err := e.open(ctx)
		if err != nil {
			return err
		}
		st.Close()
		s, err := queue.Stat(ctx, natsURL, qo)
		if err != nil {
			return err
		}
		deadBefore = s.Dead
	}
	pub, err := queue.NewPublisher(ctx, natsURL, qo)
	if err != nil {
		return err
	}
	w := ingest.NewWalker(opts.Ingest, func(it ingest.Item) error {
		rep.Seen++
		rep.Bytes += int64(len(it.Body))
		err := pub.Publish(ctx, messageOf(it))
		if errors.Is(err, queue.ErrTooLarge) {
			fail(it.Source, err.Error())
			return nil
		}
		return err
	}, func(ie *ingest.InputError) { fail(ie.Source, ie.Err.Error()) })
	w.Stdin = e.stdin
	werr := w.Walk(ctx, args)
	ps, cerr := pub.Close(ctx)
	rep.Published, rep.Duplicates, rep.QueuedBytes = ps.Published, ps.Duplicates, ps.Bytes
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("publish to %s (%d article(s) queued before the error stay queued): %w", natsURL, rep.Published, err)
	}
	e.notef("%d article(s) read, %d queued, %d already queued, %d failed, %.1f MB (%.1f MB on the queue) in %.2fs",
		rep.Seen, rep.Published, rep.Duplicates, rep.Failed, float64(rep.Bytes)/1e6, float64(rep.QueuedBytes)/1e6, time.Since(start).Seconds())

	if wait {
		if err := coordinate(ctx, e, natsURL, qo, waitTimeout, deadBefore, !opts.SkipCorpus, &rep); err != nil {
			return err
		}
	}
	rep.Seconds = time.Since(start).Seconds()
	if e.json {
		if err := printJSON(e.stdout, rep); err != nil {
			return err
		}
	}
	if rep.Failed > 0 {
		return partialError{rep.Failed}
	}
	return nil
}

// coordinate waits for the workers to drain the queue, then (unless
// --no-corpus) runs the corpus-wide stages once, under the store's corpus
// lock.
func coordinate(ctx context.Context, e *env, natsURL string, qo queue.Options, timeout time.Duration, deadBefore int, analyse bool, rep *QueueIngestReport) error {
	t0 := time.Now()
	wctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		wctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	e.notef("waiting for the workers to drain queue %s", qo.Stream)
	var s queue.Status
	for {
		var err error
		s, err = queue.WaitDrained(wctx, natsURL, qo, time.Second)
		if err == nil {
			break
		}
		if wctx.Err() != nil {
			return fmt.Errorf("wait for queue %s (%d pending, %d in flight): %w", qo.Stream, s.Pending, s.InFlight, err)
		}
		// NATS restarting, say: the queue is on disk, keep waiting.
		e.notef("parallax: queue %s: %v (still waiting)", qo.Stream, err)
		select {
		case <-wctx.Done():
		case <-time.After(2 * time.Second):
		}
	}
	rep.Waited = true
	rep.WaitSeconds = time.Since(t0).Seconds()
	if d := s.Dead - deadBefore; d > 0 {
		rep.Dead = d
		rep.Failed += d
		rep.Failures = append(rep.Failures, pipeline.Failure{Source: qo.DeadStream,
			Reason: fmt.Sprintf("%d article(s) could not be analysed or stored by the workers; they are kept with the reason in stream %s", d, qo.DeadStream)})
		fmt.Fprintf(e.stderr, "parallax: %d article(s) dead-lettered to stream %s (the worker logs name each with the reason)\n", d, qo.DeadStream)
	}

	t1 := time.Now()
	st, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if analyse {
		e.notef("running the cross-document analysis")
		if _, err := pipeline.AnalyzeCorpus(ctx, st, pipeline.NewCorpus(), false); err != nil {
			return fmt.Errorf("cross-document analysis: %w", err)
		}
		rep.CorpusSeconds = time.Since(t1).Seconds()
	}
	rep.Documents, err = st.CountDocuments(ctx)
	if err != nil {
		return err
	}
	e.notef("%d document(s) stored; cross-document analysis took %.2fs", rep.Documents, rep.CorpusSeconds)
	return nil
}
