package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Header names set on every message.
const (
	// HeaderSource carries Message.Source, so that a message can be named in
	// logs and dead letters without decoding it.
	HeaderSource = "Parallax-Source"
	// HeaderError, HeaderDeliveries and HeaderStreamSeq are set on dead letters.
	HeaderError      = "Parallax-Error"
	HeaderDeliveries = "Parallax-Deliveries"
	HeaderStreamSeq  = "Parallax-Stream-Seq"
)

// maxInFlight is how many publishes may await the server's ack at once.
const maxInFlight = 256

// publishAttempts bounds the tries of one message; a retry carries the same
// Nats-Msg-Id, so a publish whose ack was lost is not stored twice.
const publishAttempts = 5

// PublishStats counts what a publisher sent.
type PublishStats struct {
	// Published messages were stored by JetStream.
	Published int
	// Duplicates were dropped by JetStream as already in the stream (same
	// content id within Options.DuplicateWindow).
	Duplicates int
	// Bytes is the size of the stored messages on the wire (compressed).
	Bytes int64
}

// Publisher sends messages to the work stream, many in flight at once.
// It is not safe for concurrent use.
type Publisher struct {
	c       *conn
	pending []pending
	stats   PublishStats
}

type pending struct {
	fut    jetstream.PubAckFuture
	source string
}

// NewPublisher connects to natsURL and makes sure the streams and the
// consumer exist.
func NewPublisher(ctx context.Context, natsURL string, opts Options) (*Publisher, error) {
	c, err := dial(ctx, natsURL, opts.withDefaults(), jetstream.WithPublishAsyncMaxPending(maxInFlight*2),
		jetstream.WithPublishAsyncTimeout(30*time.Second))
	if err != nil {
		return nil, err
	}
	return &Publisher{c: c}, nil
}

// Publish queues m for a worker. It returns once m is sent, not once it is
// stored: Flush waits for that. An error wrapping ErrTooLarge concerns m
// only (the publisher can go on); any other error means stored-ness of the
// messages sent so far is unknown until Flush.
func (p *Publisher) Publish(ctx context.Context, m Message) error {
	msg := nats.NewMsg(p.c.opts.Subject)
	msg.Data = encode(m)
	if max := p.c.nc.MaxPayload(); int64(len(msg.Data)) > max-1024 {
		return fmt.Errorf("publish %s: %w: %d bytes encoded, the NATS server takes %d (raise max_payload or ingest it without --queue)",
			m.Source, ErrTooLarge, len(msg.Data), max)
	}
	msg.Header.Set(HeaderSource, headerSafe(m.Source))
	msg.Header.Set(jetstream.MsgIDHeader, m.ID())
	for len(p.pending) >= maxInFlight {
		if err := p.settle(ctx, p.pending[0]); err != nil {
			return err
		}
		p.pending = p.pending[1:]
	}
	fut, err := p.c.js.PublishMsgAsync(msg)
	if err != nil {
		return fmt.Errorf("publish %s: %w", m.Source, err)
	}
	p.pending = append(p.pending, pending{fut, m.Source})
	return nil
}

// settle waits for the server's answer to one publish, publishing again
// (same id, so at most once stored) when it failed or did not come.
func (p *Publisher) settle(ctx context.Context, pd pending) error {
	var ack *jetstream.PubAck
	var err error
	select {
	case ack = <-pd.fut.Ok():
	case err = <-pd.fut.Err():
	case <-ctx.Done():
		return ctx.Err()
	}
	for attempt := 2; err != nil && attempt <= publishAttempts; attempt++ {
		p.c.opts.Logf("queue: publish %s: %v (attempt %d of %d)", pd.source, err, attempt, publishAttempts)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt) * 200 * time.Millisecond):
		}
		ack, err = p.c.js.PublishMsg(ctx, pd.fut.Msg())
	}
	if err != nil {
		return fmt.Errorf("publish %s: %w", pd.source, err)
	}
	if ack.Duplicate {
		p.stats.Duplicates++
	} else {
		p.stats.Published++
		p.stats.Bytes += int64(len(pd.fut.Msg().Data))
	}
	return nil
}

// Flush waits until JetStream has stored (or dropped as duplicate) every
// message published so far, and returns the counts.
func (p *Publisher) Flush(ctx context.Context) (PublishStats, error) {
	for len(p.pending) > 0 {
		if err := p.settle(ctx, p.pending[0]); err != nil {
			return p.stats, err
		}
		p.pending = p.pending[1:]
	}
	return p.stats, nil
}

// Close flushes and disconnects.
func (p *Publisher) Close(ctx context.Context) (PublishStats, error) {
	st, err := p.Flush(ctx)
	p.c.close()
	return st, err
}

// Publish sends every message of items to the queue at natsURL until items
// is closed, and returns once all are stored. A message too large for the
// queue is passed to tooLarge (if not nil) and skipped; any other error
// stops publishing. Messages stored before an error stay queued.
func Publish(ctx context.Context, natsURL string, items <-chan Message, opts Options, tooLarge func(Message, error)) (PublishStats, error) {
	p, err := NewPublisher(ctx, natsURL, opts)
	if err != nil {
		return PublishStats{}, err
	}
	for {
		select {
		case <-ctx.Done():
			st, _ := p.Close(context.WithoutCancel(ctx))
			return st, ctx.Err()
		case m, ok := <-items:
			if !ok {
				return p.Close(ctx)
			}
			if err := p.Publish(ctx, m); err != nil {
				if errors.Is(err, ErrTooLarge) && tooLarge != nil {
					tooLarge(m, err)
					continue
				}
				st, ferr := p.Close(ctx)
				return st, errors.Join(err, ferr)
			}
		}
	}
}

// headerSafe keeps a header value on one line and bounded.
func headerSafe(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '\r' || c == '\n' || c == 0 {
			b[i] = ' '
		}
	}
	if len(b) > 1024 {
		b = b[:1024]
	}
	return strings.ToValidUTF8(string(b), "")
}
