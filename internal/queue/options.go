package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Options name the queue and tune delivery. Zero fields take the value of
// DefaultOptions, so Options{BatchSize: 16} is valid.
type Options struct {
	// Stream is the JetStream stream holding the work (work-queue retention,
	// file storage): each message stays until a worker acknowledges it.
	Stream string
	// Subject is the one subject the stream holds.
	Subject string
	// Durable is the pull consumer every worker shares.
	Durable string
	// DeadStream keeps the messages given up on (subject Subject+".dead"),
	// with the reason in the Parallax-Error header.
	DeadStream string

	// Workers is how many fetch-and-handle loops Consume runs in this process.
	Workers int
	// BatchSize is the most messages a handler gets at once.
	BatchSize int
	// FetchWait is how long a fetch waits to fill a batch before handing
	// over what it has.
	FetchWait time.Duration
	// AckWait is how long a delivered message may go without an ack (or an
	// in-progress signal, sent every AckWait/3 while the handler runs)
	// before JetStream gives it to another worker.
	AckWait time.Duration
	// MaxDeliver is how many times a message is tried before it is moved to
	// DeadStream.
	MaxDeliver int
	// RetryDelay is the delay before the second try of a failed message,
	// doubled for each later try up to MaxRetryDelay.
	RetryDelay    time.Duration
	MaxRetryDelay time.Duration
	// MaxAckPending bounds the messages delivered and not yet acknowledged,
	// over all workers.
	MaxAckPending int
	// DuplicateWindow is how long JetStream remembers message ids to drop
	// a message published twice.
	DuplicateWindow time.Duration
	// MaxBodyBytes bounds a decoded message body (a compressed body is
	// checked before it is expanded).
	MaxBodyBytes int
	// NoSplit turns off retrying a failed batch one message at a time. With
	// splitting (the default) one bad message cannot exhaust the retries of
	// the good ones that shared its batch.
	NoSplit bool

	// OnDeadLetter is called for every message given up on, after it was
	// written to DeadStream. It may be called from several goroutines.
	OnDeadLetter func(DeadLetter) `json:"-"`
	// Logf receives problems that do not stop consuming (lost connection,
	// failed acks); nil discards them.
	Logf func(format string, args ...any) `json:"-"`
}

// DefaultOptions returns the queue parallax uses unless told otherwise.
func DefaultOptions() Options {
	return Options{
		Stream:          "PARALLAX_DOCS",
		Subject:         "parallax.docs",
		Durable:         "parallax-workers",
		DeadStream:      "PARALLAX_DOCS_DEAD",
		Workers:         1,
		BatchSize:       64,
		FetchWait:       2 * time.Second,
		AckWait:         60 * time.Second,
		MaxDeliver:      5,
		RetryDelay:      2 * time.Second,
		MaxRetryDelay:   time.Minute,
		MaxAckPending:   4096,
		DuplicateWindow: 10 * time.Minute,
		MaxBodyBytes:    64 << 20,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	set := func(v *string, def string) {
		if *v == "" {
			*v = def
		}
	}
	set(&o.Stream, d.Stream)
	set(&o.Subject, d.Subject)
	set(&o.Durable, d.Durable)
	set(&o.DeadStream, o.Stream+"_DEAD")
	for _, p := range []struct {
		v   *int
		def int
	}{
		{&o.Workers, d.Workers}, {&o.BatchSize, d.BatchSize}, {&o.MaxDeliver, d.MaxDeliver},
		{&o.MaxAckPending, d.MaxAckPending}, {&o.MaxBodyBytes, d.MaxBodyBytes},
	} {
		if *p.v <= 0 {
			*p.v = p.def
		}
	}
	for _, p := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&o.FetchWait, d.FetchWait}, {&o.AckWait, d.AckWait}, {&o.RetryDelay, d.RetryDelay},
		{&o.MaxRetryDelay, d.MaxRetryDelay}, {&o.DuplicateWindow, d.DuplicateWindow},
	} {
		if *p.v <= 0 {
			*p.v = p.def
		}
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return o
}

func (o Options) deadSubject() string { return o.Subject + ".dead" }

// retryDelay is the delay before attempt+1 of a message tried attempt times.
func (o Options) retryDelay(attempt int) time.Duration {
	d := o.RetryDelay
	for i := 1; i < attempt && d < o.MaxRetryDelay; i++ {
		d *= 2
	}
	return min(d, o.MaxRetryDelay)
}

func (o Options) noticeStream() string { return o.Stream + "_NOTICES" }

// noticeSubject is where the server announces a message it stopped
// delivering after MaxDeliver deliveries.
func (o Options) noticeSubject() string {
	return fmt.Sprintf("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.%s.%s", o.Stream, o.Durable)
}

// conn is one connection to NATS with the queue's streams and consumers in place.
type conn struct {
	nc   *nats.Conn
	js   jetstream.JetStream
	work jetstream.Stream
	dead jetstream.Stream
	cons jetstream.Consumer
	// notices holds the server's max-deliveries notices, so that one sent
	// while no worker runs is still acted on.
	notices jetstream.Consumer
	opts    Options
}

// dial connects and creates (or updates) the work stream, the dead-letter
// stream and the shared consumer, so that a publisher, a worker or a status
// check may be the first to run.
func dial(ctx context.Context, natsURL string, opts Options, jsOpts ...jetstream.JetStreamOpt) (*conn, error) {
	nc, err := nats.Connect(natsURL, nats.Name("parallax"), nats.MaxReconnects(-1), nats.ReconnectWait(time.Second))
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", natsURL, err)
	}
	c := &conn{nc: nc, opts: opts}
	if err := c.setup(ctx, jsOpts); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s on %s: %w", opts.Stream, natsURL, err)
	}
	return c, nil
}

func (c *conn) setup(ctx context.Context, jsOpts []jetstream.JetStreamOpt) error {
	o := c.opts
	js, err := jetstream.New(c.nc, jsOpts...)
	if err != nil {
		return err
	}
	c.js = js
	c.work, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        o.Stream,
		Description: "parallax: raw articles waiting for a worker",
		Subjects:    []string{o.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  o.DuplicateWindow,
	})
	if err != nil {
		return fmt.Errorf("stream %s: %w", o.Stream, err)
	}
	c.dead, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        o.DeadStream,
		Description: "parallax: articles no worker could process, with the reason",
		Subjects:    []string{o.deadSubject()},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  o.DuplicateWindow,
	})
	if err != nil {
		return fmt.Errorf("stream %s: %w", o.DeadStream, err)
	}
	if _, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        o.noticeStream(),
		Description: "parallax: notices of articles that ran out of deliveries unanswered",
		Subjects:    []string{o.noticeSubject()},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
	}); err != nil {
		return fmt.Errorf("stream %s: %w", o.noticeStream(), err)
	}
	c.notices, err = js.CreateOrUpdateConsumer(ctx, o.noticeStream(), jetstream.ConsumerConfig{
		Durable:   o.Durable + "-notices",
		AckPolicy: jetstream.AckExplicitPolicy,
		AckWait:   time.Minute,
	})
	if err != nil {
		return fmt.Errorf("consumer %s-notices: %w", o.Durable, err)
	}
	c.cons, err = js.CreateOrUpdateConsumer(ctx, o.Stream, jetstream.ConsumerConfig{
		Durable:       o.Durable,
		Description:   "parallax workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       o.AckWait,
		MaxDeliver:    o.MaxDeliver,
		MaxAckPending: o.MaxAckPending,
		FilterSubject: o.Subject,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", o.Durable, err)
	}
	return nil
}

func (c *conn) close() { c.nc.Close() }

// Status is how much work a queue holds.
type Status struct {
	// Pending messages wait for a first (or, after a failure, next) delivery.
	Pending int
	// InFlight messages are delivered and not yet acknowledged.
	InFlight int
	// Dead messages were given up on and are kept in DeadStream.
	Dead int
	// Stranded messages ran out of deliveries unanswered (their workers
	// died or hung) and wait for a worker to move them to DeadStream.
	Stranded int
}

// Drained reports whether every message was handled or given up on.
func (s Status) Drained() bool { return s.Pending == 0 && s.InFlight == 0 && s.Stranded == 0 }

func (c *conn) status(ctx context.Context) (Status, error) {
	ci, err := c.cons.Info(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("consumer %s: %w", c.opts.Durable, err)
	}
	ni, err := c.notices.Info(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("consumer %s-notices: %w", c.opts.Durable, err)
	}
	di, err := c.dead.Info(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("stream %s: %w", c.opts.DeadStream, err)
	}
	return Status{
		Pending:  int(ci.NumPending),
		InFlight: ci.NumAckPending,
		Dead:     int(di.State.Msgs),
		Stranded: int(ni.NumPending) + ni.NumAckPending,
	}, nil
}

// Stat returns how much work the queue holds.
func Stat(ctx context.Context, natsURL string, opts Options) (Status, error) {
	c, err := dial(ctx, natsURL, opts.withDefaults())
	if err != nil {
		return Status{}, err
	}
	defer c.close()
	return c.status(ctx)
}

// WaitDrained returns once every message of the queue was handled or given
// up on (Status.Drained), checking every poll (default 250ms), or when ctx
// ends. `parallax ingest --queue --wait` uses it to wait for the workers.
func WaitDrained(ctx context.Context, natsURL string, opts Options, poll time.Duration) (Status, error) {
	c, err := dial(ctx, natsURL, opts.withDefaults())
	if err != nil {
		return Status{}, err
	}
	defer c.close()
	if poll <= 0 {
		poll = 250 * time.Millisecond
	}
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		st, err := c.status(ctx)
		if err != nil || st.Drained() {
			return st, err
		}
		select {
		case <-ctx.Done():
			return st, ctx.Err()
		case <-t.C:
		}
	}
}

// Delete removes the queue's streams (and with them the consumer and every
// message, dead ones included). Tests and `parallax worker --reset` use it.
func Delete(ctx context.Context, natsURL string, opts Options) error {
	opts = opts.withDefaults()
	nc, err := nats.Connect(natsURL, nats.Name("parallax"))
	if err != nil {
		return fmt.Errorf("queue: connect %s: %w", natsURL, err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	var errs []error
	for _, s := range []string{opts.Stream, opts.DeadStream, opts.noticeStream()} {
		if err := js.DeleteStream(ctx, s); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			errs = append(errs, fmt.Errorf("delete stream %s: %w", s, err))
		}
	}
	return errors.Join(errs...)
}
