package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Delivery is one message handed to a Handler.
type Delivery struct {
	Message Message
	// ID is the message's content id (Message.ID, its Nats-Msg-Id).
	ID string
	// StreamSeq is the message's sequence in the work stream.
	StreamSeq uint64
	// Attempt is 1 on the first delivery, 2 on the first redelivery, ...
	Attempt int

	msg jetstream.Msg
}

// Handler processes a batch and commits its results. It returns nil only
// once everything the batch produced is durably stored (for parallax: the
// PostgreSQL transaction committed): then every message of the batch is
// acknowledged and will not come back. On an error every message is tried
// again later, so the handler must be idempotent; a handler may see a
// message again even after returning nil, if the worker dies before the ack
// reaches the server.
type Handler func(ctx context.Context, batch []Delivery) error

// DeadLetter is a message given up on.
type DeadLetter struct {
	ID         string
	Source     string
	StreamSeq  uint64
	Deliveries int
	Err        error
	// Message is nil when the message could not be decoded.
	Message *Message
}

// Consume runs Options.Workers loops that fetch batches from the shared
// durable consumer and hand them to handler, until ctx ends (then it returns
// nil, once the batches in hand are finished or handed back). Any number of
// processes may consume the same queue at once; each message goes to one of
// them at a time.
//
// After handler returns nil the batch is acknowledged. On an error the
// batch is retried one message at a time (unless Options.NoSplit), and each
// message that still fails is handed back with a growing delay; on its
// MaxDeliver-th failure it is written to the dead-letter stream, terminated,
// and reported to Options.OnDeadLetter. A message that could not be decoded
// goes there at once. A message whose deliveries all ended without an answer
// (the worker crashed or hung each time) is moved there too, on the notice
// the server sends when it stops delivering it.
func Consume(ctx context.Context, natsURL string, handler Handler, opts Options) error {
	opts = opts.withDefaults()
	c, err := dial(ctx, natsURL, opts)
	if err != nil {
		return err
	}
	defer c.close()
	var wg sync.WaitGroup
	errs := make(chan error, opts.Workers)
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.loop(ctx, handler); err != nil {
				errs <- err
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.noticeLoop(ctx)
	}()
	wg.Wait()
	close(errs)
	return errors.Join(collect(errs)...)
}

func collect(ch <-chan error) []error {
	var out []error
	for err := range ch {
		out = append(out, err)
	}
	return out
}

// fatalFetch reports fetch errors that waiting will not cure.
func fatalFetch(err error) bool {
	return errors.Is(err, jetstream.ErrConsumerNotFound) || errors.Is(err, jetstream.ErrConsumerDeleted) ||
		errors.Is(err, jetstream.ErrStreamNotFound)
}

// loop is one worker: fetch a batch, handle it, again.
func (c *conn) loop(ctx context.Context, handler Handler) error {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		fctx, cancel := context.WithTimeout(ctx, c.opts.FetchWait)
		batch, err := c.cons.Fetch(c.opts.BatchSize, jetstream.FetchContext(fctx))
		if err == nil {
			var msgs []jetstream.Msg
			for m := range batch.Messages() {
				msgs = append(msgs, m)
			}
			err = batch.Error()
			cancel()
			if len(msgs) > 0 {
				c.handle(ctx, handler, msgs)
				backoff = 100 * time.Millisecond
				continue
			}
		} else {
			cancel()
		}
		if err == nil || ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, nats.ErrTimeout) {
			continue
		}
		if fatalFetch(err) {
			return fmt.Errorf("queue %s: %w", c.opts.Stream, err)
		}
		c.opts.Logf("queue %s: fetch: %v (retrying in %v)", c.opts.Stream, err, backoff)
		select {
		case <-ctx.Done():
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
	return nil
}

// handle decodes a fetched batch, runs the handler and settles every message.
func (c *conn) handle(ctx context.Context, handler Handler, msgs []jetstream.Msg) {
	ds := make([]Delivery, 0, len(msgs))
	for _, m := range msgs {
		d := Delivery{ID: m.Headers().Get(jetstream.MsgIDHeader), Attempt: 1, msg: m}
		if md, err := m.Metadata(); err == nil {
			d.StreamSeq, d.Attempt = md.Sequence.Stream, int(md.NumDelivered)
		}
		msg, err := decode(m.Data(), c.opts.MaxBodyBytes)
		if err != nil {
			c.giveUp(ctx, d, err)
			continue
		}
		d.Message = msg
		ds = append(ds, d)
	}
	if len(ds) == 0 {
		return
	}
	if ctx.Err() != nil {
		c.handBack(ds)
		return
	}
	stop := c.keepAlive(ds)
	err := call(ctx, handler, ds)
	if err == nil {
		stop()
		c.ack(ds)
		return
	}
	failed := make([]error, len(ds))
	if len(ds) == 1 || c.opts.NoSplit {
		for i := range failed {
			failed[i] = err
		}
	} else {
		c.opts.Logf("queue %s: batch of %d failed (%v): trying its messages one by one", c.opts.Stream, len(ds), err)
		for i := range ds {
			if ctx.Err() != nil {
				failed[i] = ctx.Err()
				continue
			}
			if failed[i] = call(ctx, handler, ds[i:i+1]); failed[i] == nil {
				c.ack(ds[i : i+1])
			}
		}
	}
	stop()
	for i, err := range failed {
		switch {
		case err == nil:
		case ctx.Err() != nil:
			c.handBack(ds[i : i+1])
		case ds[i].Attempt >= c.opts.MaxDeliver:
			c.giveUp(ctx, ds[i], err)
		default:
			if nerr := ds[i].msg.NakWithDelay(c.opts.retryDelay(ds[i].Attempt)); nerr != nil {
				c.opts.Logf("queue %s: nak %s: %v", c.opts.Stream, ds[i].Message.Source, nerr)
			}
		}
	}
}

// call runs the handler, turning a panic into an error so that one poison
// message cannot take the worker down.
func call(ctx context.Context, handler Handler, ds []Delivery) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("handler panicked: %v", r)
		}
	}()
	return handler(ctx, ds)
}

// keepAlive tells the server every AckWait/3 that the batch is still being
// worked on, until the returned stop is called.
func (c *conn) keepAlive(ds []Delivery) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(max(c.opts.AckWait/3, 10*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, d := range ds {
					_ = d.msg.InProgress() // fails only for messages already settled
				}
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

func (c *conn) ack(ds []Delivery) {
	for _, d := range ds {
		if err := d.msg.Ack(); err != nil {
			// The server will deliver it again; the handler is idempotent.
			c.opts.Logf("queue %s: ack %s: %v", c.opts.Stream, d.Message.Source, err)
		}
	}
}

// handBack returns messages at once, without using up a try's delay, when
// this worker stops.
func (c *conn) handBack(ds []Delivery) {
	for _, d := range ds {
		if err := d.msg.Nak(); err != nil {
			c.opts.Logf("queue %s: hand back %s: %v", c.opts.Stream, d.Message.Source, err)
		}
	}
}

// giveUp moves a delivered message to the dead-letter stream and terminates
// it. If the dead letter cannot be written the message is handed back
// instead, so that it is never dropped unrecorded.
func (c *conn) giveUp(ctx context.Context, d Delivery, cause error) {
	m := d.msg
	source := m.Headers().Get(HeaderSource)
	if err := c.writeDead(ctx, m.Data(), d.ID, source, d.StreamSeq, d.Attempt, cause); err != nil {
		c.opts.Logf("queue %s: dead letter %s: %v (handing it back)", c.opts.Stream, source, err)
		_ = m.NakWithDelay(c.opts.retryDelay(d.Attempt))
		return
	}
	if err := m.TermWithReason(cause.Error()); err != nil {
		c.opts.Logf("queue %s: terminate %s: %v", c.opts.Stream, source, err)
	}
	c.removeFromWork(ctx, d.StreamSeq)
	c.reportDead(d.ID, source, d.StreamSeq, d.Attempt, cause, m.Data())
}

// removeFromWork deletes a given-up message from the work stream, where a
// terminated message would otherwise stay.
func (c *conn) removeFromWork(ctx context.Context, seq uint64) {
	if seq == 0 {
		return
	}
	if err := c.work.DeleteMsg(ctx, seq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
		c.opts.Logf("queue %s: delete message %d: %v", c.opts.Stream, seq, err)
	}
}

func (c *conn) writeDead(ctx context.Context, data []byte, id, source string, seq uint64, deliveries int, cause error) error {
	msg := nats.NewMsg(c.opts.deadSubject())
	msg.Data = data
	msg.Header.Set(HeaderSource, source)
	msg.Header.Set(HeaderError, headerSafe(cause.Error()))
	msg.Header.Set(HeaderDeliveries, strconv.Itoa(deliveries))
	msg.Header.Set(HeaderStreamSeq, strconv.FormatUint(seq, 10))
	// One dead letter per message, even if two workers give up on it.
	msg.Header.Set(jetstream.MsgIDHeader, "dead-"+strconv.FormatUint(seq, 10)+"-"+id)
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	_, err := c.js.PublishMsg(pctx, msg)
	return err
}

func (c *conn) reportDead(id, source string, seq uint64, deliveries int, cause error, data []byte) {
	if c.opts.OnDeadLetter == nil {
		return
	}
	dl := DeadLetter{ID: id, Source: source, StreamSeq: seq, Deliveries: deliveries, Err: cause}
	if m, err := decode(data, c.opts.MaxBodyBytes); err == nil {
		dl.Message = &m
	}
	c.opts.OnDeadLetter(dl)
}

// errNoAnswer is why a message that ran out of deliveries unanswered died.
var errNoAnswer = errors.New("delivered MaxDeliver times without an answer (the worker crashed or hung each time)")

// noticeLoop acts on the server's notices of messages it stopped
// delivering after MaxDeliver deliveries that were neither acked nor failed
// by a handler (their workers died or hung), moving each to the dead-letter
// stream. The notices are kept in a stream, so one sent while no worker ran
// is acted on by the next; one worker of all takes each.
func (c *conn) noticeLoop(ctx context.Context) {
	for ctx.Err() == nil {
		fctx, cancel := context.WithTimeout(ctx, max(c.opts.FetchWait, time.Second))
		batch, err := c.notices.Fetch(16, jetstream.FetchContext(fctx))
		if err != nil {
			cancel()
			if ctx.Err() == nil && !errors.Is(err, context.DeadlineExceeded) {
				c.opts.Logf("queue %s: fetch notices: %v", c.opts.Stream, err)
				select {
				case <-ctx.Done():
				case <-time.After(time.Second):
				}
			}
			continue
		}
		for m := range batch.Messages() {
			var adv struct {
				StreamSeq  uint64 `json:"stream_seq"`
				Deliveries int    `json:"deliveries"`
			}
			if err := json.Unmarshal(m.Data(), &adv); err != nil || adv.StreamSeq == 0 {
				c.opts.Logf("queue %s: unreadable max-deliveries notice: %q", c.opts.Stream, m.Data())
				_ = m.Term()
				continue
			}
			report, err := c.deadFromStream(ctx, adv.StreamSeq, adv.Deliveries, errNoAnswer)
			if err != nil {
				c.opts.Logf("queue %s: %v", c.opts.Stream, err)
				_ = m.NakWithDelay(time.Second)
				continue
			}
			// Acknowledge the notice before telling anyone, so that whoever
			// hears of the dead letter finds the queue's status settled.
			_ = m.DoubleAck(ctx)
			report()
		}
		cancel()
	}
}

// deadFromStream moves message seq of the work stream to the dead-letter
// stream. It returns the call that reports the dead letter (OnDeadLetter,
// the log), for the caller to make once its own bookkeeping is done.
func (c *conn) deadFromStream(ctx context.Context, seq uint64, deliveries int, cause error) (report func(), err error) {
	raw, err := c.work.GetMsg(ctx, seq)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return func() {}, nil // acknowledged or already moved
	}
	if err != nil {
		return nil, fmt.Errorf("read message %d to give up on it: %w", seq, err)
	}
	id, source := raw.Header.Get(jetstream.MsgIDHeader), raw.Header.Get(HeaderSource)
	if err := c.writeDead(ctx, raw.Data, id, source, seq, deliveries, cause); err != nil {
		return nil, fmt.Errorf("dead letter %s: %w", source, err)
	}
	c.removeFromWork(ctx, seq)
	return func() { c.reportDead(id, source, seq, deliveries, cause, raw.Data) }, nil
}
