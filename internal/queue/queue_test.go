package queue

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

const defaultNATS = "nats://127.0.0.1:4222"

var (
	natsOnce sync.Once
	natsErr  error
)

// natsURL returns the test server's URL, or skips the test with the reason
// when it is not reachable.
func natsURL(tb testing.TB) string {
	tb.Helper()
	url := os.Getenv("PARALLAX_TEST_NATS")
	if url == "" {
		url = defaultNATS
	}
	natsOnce.Do(func() {
		nc, err := nats.Connect(url, nats.Timeout(2*time.Second))
		if err != nil {
			natsErr = fmt.Errorf("NATS not reachable at %s (set PARALLAX_TEST_NATS to choose): %v", url, err)
			return
		}
		defer nc.Close()
		js, err := jetstream.New(nc)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_, err = js.AccountInfo(ctx)
		}
		if err != nil {
			natsErr = fmt.Errorf("NATS at %s has no JetStream (start nats-server with -js): %v", url, err)
		}
	})
	if natsErr != nil {
		tb.Skipf("skipping NATS test: %v", natsErr)
	}
	return url
}

// testOptions returns options naming a queue of the test's own, deleted
// when the test ends.
func testOptions(tb testing.TB) Options {
	url := natsURL(tb)
	var b [5]byte
	crand.Read(b[:])
	tag := hex.EncodeToString(b[:])
	o := Options{
		Stream:     "PXTEST_" + strings.ToUpper(tag),
		Subject:    "pxtest." + tag,
		Durable:    "pxtest-" + tag,
		BatchSize:  50,
		FetchWait:  200 * time.Millisecond,
		RetryDelay: 20 * time.Millisecond,
		Logf:       tb.Logf,
	}
	tb.Cleanup(func() {
		if err := Delete(context.Background(), url, o); err != nil {
			tb.Errorf("cleanup: %v", err)
		}
	})
	return o
}

func testMessages(n int, tag string) []Message {
	ms := make([]Message, n)
	for i := range ms {
		ms[i] = Message{
			Source: fmt.Sprintf("/corpus/%s/%05d.txt", tag, i),
			Format: "text",
			Body:   []byte(fmt.Sprintf("Article %d. %s", i, strings.Repeat("The siege of Amirli lasted eighty days. ", 20+i%7))),
			Title:  fmt.Sprintf("Article %d", i),
		}
	}
	return ms
}

func publishAll(tb testing.TB, url string, ms []Message, o Options) PublishStats {
	tb.Helper()
	ch := make(chan Message)
	go func() {
		defer close(ch)
		for _, m := range ms {
			ch <- m
		}
	}()
	st, err := Publish(context.Background(), url, ch, o, nil)
	if err != nil {
		tb.Fatalf("publish: %v", err)
	}
	return st
}

// tally counts successful handlings per message id.
type tally struct {
	mu       sync.Mutex
	count    map[string]int
	attempts map[string]int
	by       map[string]int // consumer -> messages
}

func newTally() *tally {
	return &tally{count: map[string]int{}, attempts: map[string]int{}, by: map[string]int{}}
}

func (t *tally) handler(name string, inner Handler) Handler {
	return func(ctx context.Context, batch []Delivery) error {
		if inner != nil {
			if err := inner(ctx, batch); err != nil {
				return err
			}
		}
		t.mu.Lock()
		defer t.mu.Unlock()
		for _, d := range batch {
			t.count[d.ID]++
			t.attempts[d.ID] = max(t.attempts[d.ID], d.Attempt)
			t.by[name]++
		}
		return nil
	}
}

// check fails unless every message was handled exactly once.
func (t *tally) check(tb testing.TB, ms []Message) {
	tb.Helper()
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, m := range ms {
		if n := t.count[m.ID()]; n != 1 {
			tb.Errorf("%s handled %d times, want once", m.Source, n)
		}
	}
	if len(t.count) != len(ms) {
		tb.Errorf("%d distinct messages handled, want %d", len(t.count), len(ms))
	}
}

// consumers runs Consume once per handler, each its own connection (as
// separate worker processes would be), until stop is called.
func consumers(tb testing.TB, url string, o Options, hs ...Handler) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, h := range hs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := Consume(ctx, url, h, o); err != nil {
				tb.Errorf("consume: %v", err)
			}
		}()
	}
	return func() {
		cancel()
		wg.Wait()
	}
}

func waitDrained(tb testing.TB, url string, o Options) Status {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := WaitDrained(ctx, url, o, 50*time.Millisecond)
	if err != nil {
		tb.Fatalf("waiting for the queue to drain: %v (status %+v)", err, st)
	}
	return st
}

// Three workers share 1,500 messages: each is handled exactly once.
func TestThreeConsumersHandleEachOnce(t *testing.T) {
	url := natsURL(t)
	o := testOptions(t)
	ms := testMessages(1500, "three")
	st := publishAll(t, url, ms, o)
	if st.Published != len(ms) || st.Duplicates != 0 {
		t.Fatalf("publish stats %+v, want %d published", st, len(ms))
	}
	tl := newTally()
	work := func(ctx context.Context, batch []Delivery) error {
		time.Sleep(time.Duration(len(batch)) * 100 * time.Microsecond) // some work, so that the workers overlap
		return nil
	}
	stop := consumers(t, url, o, tl.handler("a", work), tl.handler("b", work), tl.handler("c", work))
	waitDrained(t, url, o)
	stop()
	tl.check(t, ms)
	t.Logf("messages per consumer: %v", tl.by)
	if len(tl.by) < 2 {
		t.Errorf("only %d of 3 consumers got work: %v", len(tl.by), tl.by)
	}
	if st, err := Stat(context.Background(), url, o); err != nil || st != (Status{}) {
		t.Errorf("status after draining: %+v %v, want all zero", st, err)
	}
}

// A worker that dies holding a batch, either without a word (its messages
// come back after AckWait) or by being stopped mid-batch (it hands them
// back at once), loses nothing: another worker handles every message.
func TestCrashedConsumerRedelivers(t *testing.T) {
	for _, c := range []struct {
		name    string
		crash   func(t *testing.T, url string, o Options) // takes one batch and dies
		ackWait time.Duration
	}{
		{"killed without a word", abandonBatch, time.Second},
		{"cancelled mid-batch", cancelMidBatch, time.Hour},
	} {
		t.Run(c.name, func(t *testing.T) {
			url := natsURL(t)
			o := testOptions(t)
			o.AckWait = c.ackWait
			ms := testMessages(300, "crash")
			publishAll(t, url, ms, o)
			c.crash(t, url, o)
			tl := newTally()
			stop := consumers(t, url, o, tl.handler("b", nil), tl.handler("c", nil))
			waitDrained(t, url, o)
			stop()
			tl.check(t, ms)
			redelivered := 0
			for _, a := range tl.attempts {
				if a > 1 {
					redelivered++
				}
			}
			if redelivered != o.BatchSize {
				t.Errorf("%d messages came back from the crashed worker, want its whole batch of %d", redelivered, o.BatchSize)
			}
		})
	}
}

// abandonBatch fetches a batch as a worker would and never answers for it,
// like a worker killed with SIGKILL.
func abandonBatch(t *testing.T, url string, o Options) {
	c, err := dial(context.Background(), url, o.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	b, err := c.cons.Fetch(o.BatchSize, jetstream.FetchMaxWait(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range b.Messages() {
		n++
	}
	if n != o.BatchSize {
		t.Fatalf("crashing worker got %d messages, want %d", n, o.BatchSize)
	}
}

// cancelMidBatch runs a worker whose handler is stopped (its context
// cancelled) while it holds its first batch.
func cancelMidBatch(t *testing.T, url string, o Options) {
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan int, 1)
	done := make(chan error)
	go func() {
		done <- Consume(ctx, url, func(ctx context.Context, batch []Delivery) error {
			got <- len(batch)
			<-ctx.Done()
			return ctx.Err()
		}, o)
	}()
	n := <-got
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("consume: %v", err)
	}
	if n != o.BatchSize {
		t.Fatalf("crashing worker got %d messages, want %d", n, o.BatchSize)
	}
}

// Publishing the same messages twice stores them once: JetStream drops the
// second copy by its Nats-Msg-Id. The same text from another source is a
// new message.
func TestDuplicatesDropped(t *testing.T) {
	url := natsURL(t)
	o := testOptions(t)
	ms := testMessages(200, "dup")
	first := publishAll(t, url, ms, o)
	second := publishAll(t, url, ms, o)
	if first.Published != 200 || second.Published != 0 || second.Duplicates != 200 {
		t.Fatalf("first %+v, second %+v; want 200 published then 200 duplicates", first, second)
	}
	moved := ms[0]
	moved.Source = "/mirror/elsewhere.txt"
	if st := publishAll(t, url, []Message{moved}, o); st.Published != 1 {
		t.Fatalf("same body from another source: %+v, want published", st)
	}
	st, err := Stat(context.Background(), url, o)
	if err != nil || st.Pending != 201 {
		t.Fatalf("status %+v %v, want 201 pending", st, err)
	}
}

// A message the handler always fails on (by error or panic) is tried
// MaxDeliver times, then dead-lettered; the messages that shared its
// batches are each handled once.
func TestFailingMessageDeadLettered(t *testing.T) {
	for _, mode := range []string{"error", "panic"} {
		t.Run(mode, func(t *testing.T) {
			url := natsURL(t)
			o := testOptions(t)
			o.MaxDeliver = 3
			o.BatchSize = 20
			var mu sync.Mutex
			var dead []DeadLetter
			o.OnDeadLetter = func(d DeadLetter) {
				mu.Lock()
				dead = append(dead, d)
				mu.Unlock()
			}
			ms := testMessages(100, "poison")
			poison := ms[37]
			publishAll(t, url, ms, o)
			tl := newTally()
			stop := consumers(t, url, o, tl.handler("a", func(ctx context.Context, batch []Delivery) error {
				for _, d := range batch {
					if d.ID == poison.ID() {
						if mode == "panic" {
							panic("cannot parse " + d.Message.Source)
						}
						return fmt.Errorf("cannot parse %s", d.Message.Source)
					}
				}
				return nil
			}))
			waitDrained(t, url, o)
			stop()
			tl.check(t, append(ms[:37:37], ms[38:]...))
			mu.Lock()
			defer mu.Unlock()
			if len(dead) != 1 || dead[0].ID != poison.ID() || dead[0].Deliveries != 3 || dead[0].Message == nil ||
				dead[0].Message.Source != poison.Source || !strings.Contains(dead[0].Err.Error(), "cannot parse") {
				t.Fatalf("dead letters: %+v, want the poison message after 3 deliveries", dead)
			}
			st, err := Stat(context.Background(), url, o)
			if err != nil || st.Dead != 1 || !st.Drained() || st.Stranded != 0 {
				t.Fatalf("status %+v %v, want 1 dead and nothing left", st, err)
			}
		})
	}
}

// A message that is not ours is dead-lettered at its first delivery.
func TestUndecodableDeadLettered(t *testing.T) {
	url := natsURL(t)
	o := testOptions(t)
	c, err := dial(context.Background(), url, o.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.js.Publish(context.Background(), o.Subject, []byte(`{"not":"ours"}`)); err != nil {
		t.Fatal(err)
	}
	c.close()
	dead := make(chan DeadLetter, 2)
	o.OnDeadLetter = func(d DeadLetter) { dead <- d }
	tl := newTally()
	stop := consumers(t, url, o, tl.handler("a", nil))
	waitDrained(t, url, o)
	stop()
	close(dead)
	var got []DeadLetter
	for d := range dead {
		got = append(got, d)
	}
	if len(got) != 1 || got[0].Message != nil || got[0].Deliveries != 1 || !errors.Is(got[0].Err, ErrMalformed) || len(tl.count) != 0 {
		t.Fatalf("dead letters %+v, handled %d; want one malformed dead letter, nothing handled", got, len(tl.count))
	}
}

// A message whose every delivery went unanswered (the workers holding it
// died each time) is moved to the dead-letter stream, either on the
// server's notice to a running worker, or by the next worker to start.
func TestUnansweredMessageDeadLettered(t *testing.T) {
	for _, running := range []bool{true, false} {
		t.Run(fmt.Sprintf("worker running=%v", running), func(t *testing.T) {
			url := natsURL(t)
			o := testOptions(t)
			o.MaxDeliver = 2
			o.AckWait = 300 * time.Millisecond
			o.BatchSize = 1
			dead := make(chan DeadLetter, 4)
			o.OnDeadLetter = func(d DeadLetter) { dead <- d }
			ms := testMessages(1, "unanswered")
			publishAll(t, url, ms, o)
			c, err := dial(context.Background(), url, o.withDefaults())
			if err != nil {
				t.Fatal(err)
			}
			defer c.close()
			// Delivery 1 is abandoned; the crashing worker's next pull is
			// queued before any real worker's, so it takes delivery 2 too.
			take := func(wait time.Duration) int {
				b, err := c.cons.Fetch(1, jetstream.FetchMaxWait(wait))
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for range b.Messages() {
					n++
				}
				return n
			}
			if take(time.Second) != 1 {
				t.Fatal("first delivery missing")
			}
			second := make(chan int)
			go func() { second <- take(5 * time.Second) }()
			time.Sleep(50 * time.Millisecond) // let the pull reach the server first
			tl := newTally()
			var stop func()
			if running {
				stop = consumers(t, url, o, tl.handler("a", nil))
			}
			if n := <-second; n != 1 {
				t.Fatal("second delivery missing")
			}
			if !running {
				// The last delivery's AckWait passes with no worker around:
				// the message is not forgotten (the queue is not drained),
				// and the first worker to start gives up on it.
				time.Sleep(3 * o.AckWait)
				st, err := c.status(context.Background())
				if err != nil || st.Drained() {
					t.Fatalf("status %+v %v: an unanswered message must keep the queue from draining", st, err)
				}
				stop = consumers(t, url, o, tl.handler("a", nil))
			}
			var d DeadLetter
			select {
			case d = <-dead:
			case <-time.After(30 * time.Second):
				t.Fatal("no dead letter")
			}
			stop()
			if d.ID != ms[0].ID() || !errors.Is(d.Err, errNoAnswer) || d.Message == nil {
				t.Fatalf("dead letter %+v", d)
			}
			st, err := c.status(context.Background())
			if err != nil || st.Dead != 1 || !st.Drained() || st.Stranded != 0 || len(tl.count) != 0 {
				t.Fatalf("status %+v %v handled %d; want 1 dead, none stranded or handled", st, err, len(tl.count))
			}
		})
	}
}

// A batch that takes longer than AckWait is kept alive by in-progress
// signals and is not given to another worker.
func TestLongBatchKeptAlive(t *testing.T) {
	url := natsURL(t)
	o := testOptions(t)
	o.AckWait = time.Second
	o.BatchSize = 10
	ms := testMessages(30, "slow")
	publishAll(t, url, ms, o)
	tl := newTally()
	slow := func(ctx context.Context, batch []Delivery) error {
		time.Sleep(3 * o.AckWait)
		return nil
	}
	stop := consumers(t, url, o, tl.handler("a", slow), tl.handler("b", slow))
	waitDrained(t, url, o)
	stop()
	tl.check(t, ms)
	for id, a := range tl.attempts {
		if a != 1 {
			t.Errorf("%s delivered %d times", id, a)
		}
	}
}

// A message over the server's max_payload even compressed is refused by
// name; the rest are published.
func TestTooLargeRefused(t *testing.T) {
	url := natsURL(t)
	o := testOptions(t)
	rng := rand.New(rand.NewPCG(3, 4))
	noise := make([]byte, 2<<20)
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	ms := append(testMessages(3, "large"), Message{Source: "/corpus/huge.bin", Body: noise})
	var refused []string
	ch := make(chan Message, len(ms))
	for _, m := range ms {
		ch <- m
	}
	close(ch)
	st, err := Publish(context.Background(), url, ch, o, func(m Message, err error) {
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), m.Source) {
			t.Errorf("refusal %v does not name %s as too large", err, m.Source)
		}
		refused = append(refused, m.Source)
	})
	if err != nil || st.Published != 3 || len(refused) != 1 {
		t.Fatalf("publish: %+v %v, refused %v; want 3 published and the huge one refused", st, err, refused)
	}
}

func BenchmarkPublish(b *testing.B) {
	url := natsURL(b)
	o := testOptions(b)
	o.Logf = nil
	p, err := NewPublisher(context.Background(), url, o)
	if err != nil {
		b.Fatal(err)
	}
	ms := testMessages(1000, "bench")
	b.ResetTimer()
	i := 0
	for b.Loop() {
		m := ms[i%len(ms)]
		m.Source = fmt.Sprintf("/bench/%d", i) // a new id each time
		i++
		if err := p.Publish(context.Background(), m); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := p.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "msgs/s")
}

func BenchmarkConsume(b *testing.B) {
	for _, workers := range []int{1, 2, 3} {
		b.Run(fmt.Sprintf("consumers=%d", workers), func(b *testing.B) {
			url := natsURL(b)
			o := testOptions(b)
			o.Logf = nil
			o.BatchSize = 100
			ms := testMessages(b.N, fmt.Sprintf("bench%d", workers))
			publishAll(b, url, ms, o)
			var mu sync.Mutex
			handled := 0
			all := make(chan struct{})
			h := func(ctx context.Context, batch []Delivery) error {
				mu.Lock()
				defer mu.Unlock()
				handled += len(batch)
				if handled == len(ms) {
					close(all)
				}
				return nil
			}
			hs := make([]Handler, workers)
			for i := range hs {
				hs[i] = h
			}
			b.ResetTimer()
			stop := consumers(b, url, o, hs...)
			<-all
			b.StopTimer()
			stop()
			b.ReportMetric(float64(len(ms))/b.Elapsed().Seconds(), "msgs/s")
		})
	}
}
