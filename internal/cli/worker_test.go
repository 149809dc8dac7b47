package cli

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/queue"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// countingProcessor counts the articles it analyses.
type countingProcessor struct {
	inner pipeline.Processor
	n     atomic.Int32
}

func (p *countingProcessor) Process(it ingest.Item) (store.DocumentRecord, error) {
	p.n.Add(1)
	return p.inner.Process(it)
}

// flakyStore is unreachable for its first outage calls.
type flakyStore struct {
	store.Store
	outage  atomic.Int32
	commits atomic.Int32
}

var errDown = errors.New("connection refused")

func (s *flakyStore) Exclusive(ctx context.Context, name string, fn func(context.Context) error) error {
	s.commits.Add(1)
	if s.outage.Add(-1) >= 0 {
		return errDown
	}
	return s.Store.Exclusive(ctx, name, fn)
}

func (s *flakyStore) Meta(ctx context.Context, key string) (string, error) {
	if s.outage.Load() > 0 {
		return "", errDown
	}
	return s.Store.Meta(ctx, key)
}

func delivery(id, source, body string) queue.Delivery {
	return queue.Delivery{ID: id, Attempt: 1, Message: queue.Message{Source: source, Format: "text", Body: []byte(body)}}
}

func TestWorkerHandler(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	flaky := &flakyStore{Store: st}
	proc := &countingProcessor{inner: pipeline.NewAnalyzer()}
	stats := &WorkerStats{}
	var logged []string
	opts := DefaultWorkerOptions()
	opts.Logf = func(f string, a ...any) { logged = append(logged, f) }
	h := WorkerHandler(flaky, proc, pipeline.NewCorpus(), opts, stats)

	good := []queue.Delivery{
		delivery("m1", "/in/a.txt", "Officials in Baghdad said on Monday that the road to Erbil was open again.\n"),
		delivery("m2", "/in/b.txt", "The governor of Mosul promised twelve new schools by the end of the year.\n"),
		delivery("m3", "/in/c.txt", "Kurdish fighters held the line near Kirkuk, a commander told reporters.\n"),
	}
	bad := delivery("m4", "/in/empty.txt", "   \n\n")

	cases := []struct {
		name     string
		batch    []queue.Delivery
		outage   int32
		wantErr  string // substring; "" for success
		analysed int32  // articles analysed by this call
		stored   int
	}{
		{"a bad article fails alone", append(append([]queue.Delivery{}, good...), bad), 0, "/in/empty.txt", 4, 3},
		{"the queue's one-by-one retry of a committed article", good[1:2], 0, "", 0, 3},
		{"and of the bad one", []queue.Delivery{bad}, 0, "/in/empty.txt", 0, 3},
		{"a store that is down for a while", []queue.Delivery{delivery("m5", "/in/d.txt", "Ramadi was retaken by the Iraqi army after months of fighting.\n")}, 3, "", 1, 4},
	}
	for _, tc := range cases {
		flaky.outage.Store(tc.outage)
		before := proc.n.Load()
		err := h(ctx, tc.batch)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.wantErr)
		}
		if got := proc.n.Load() - before; got != tc.analysed {
			t.Errorf("%s: %d article(s) analysed, want %d", tc.name, got, tc.analysed)
		}
		if n, _ := st.CountDocuments(ctx); n != tc.stored {
			t.Errorf("%s: %d documents stored, want %d", tc.name, n, tc.stored)
		}
	}
	if stats.Failed.Load() != 1 || stats.Added.Load() != 4 {
		t.Errorf("stats: %d failed, %d added; want 1, 4", stats.Failed.Load(), stats.Added.Load())
	}
}

// TestWorkerHandlerGivesUpOnAStoreThatAnswers: a commit that fails while
// the store answers goes back to the queue instead of being retried for
// the whole StoreOutage.
func TestWorkerHandlerGivesUpOnAStoreThatAnswers(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // every call now fails, Meta included ...
	answering := &answeringStore{Store: st}
	opts := DefaultWorkerOptions()
	opts.StoreOutage = time.Hour
	h := WorkerHandler(answering, pipeline.NewAnalyzer(), pipeline.NewCorpus(), opts, nil)
	err = h(ctx, []queue.Delivery{delivery("x", "/in/x.txt", "Officials in Baghdad said the road to Erbil was open.\n")})
	if err == nil {
		t.Fatal("commit into a closed store succeeded")
	}
	if answering.commits.Load() != 2 {
		t.Errorf("%d commits tried, want 2", answering.commits.Load())
	}
}

// TestWorkerHandlerHandsBackAfterOutage: a store down for longer than
// StoreOutage makes the batch go back to the queue, and the queue's
// immediate one-by-one retry of it fails at once instead of waiting out
// the outage again for every article.
func TestWorkerHandlerHandsBackAfterOutage(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	flaky := &flakyStore{Store: st}
	flaky.outage.Store(1 << 20)
	opts := DefaultWorkerOptions()
	opts.StoreOutage = 300 * time.Millisecond
	h := WorkerHandler(flaky, pipeline.NewAnalyzer(), pipeline.NewCorpus(), opts, nil)
	batch := []queue.Delivery{
		delivery("o1", "/in/o1.txt", "Officials in Baghdad said the road to Erbil was open.\n"),
		delivery("o2", "/in/o2.txt", "The governor of Mosul promised new schools.\n"),
	}
	if err := h(ctx, batch); !errors.Is(err, errStoreDown) {
		t.Fatalf("batch during a long outage: %v, want errStoreDown", err)
	}
	tried := flaky.commits.Load()
	if err := h(ctx, batch[:1]); !errors.Is(err, errStoreDown) || flaky.commits.Load() != tried {
		t.Errorf("immediate retry of one article: %v after %d more commits, want errStoreDown at once", err, flaky.commits.Load()-tried)
	}
	time.Sleep(handBackTTL + 100*time.Millisecond)
	flaky.outage.Store(0)
	if err := h(ctx, batch[:1]); err != nil {
		t.Errorf("redelivery once the store is back: %v", err)
	}
}

// answeringStore is a broken store whose Meta still answers.
type answeringStore struct {
	store.Store
	commits atomic.Int32
}

func (s *answeringStore) Exclusive(ctx context.Context, name string, fn func(context.Context) error) error {
	s.commits.Add(1)
	return s.Store.Exclusive(ctx, name, fn)
}

func (s *answeringStore) Meta(context.Context, string) (string, error) { return "", nil }

func TestQueueOptions(t *testing.T) {
	def := queue.DefaultOptions()
	cases := []struct {
		name                                 string
		stream, subject, durable, deadStream string
		usage                                bool
	}{
		{"", def.Stream, def.Subject, def.Durable, def.DeadStream, false},
		{"PARALLAX_DOCS", def.Stream, def.Subject, def.Durable, def.DeadStream, false},
		{"run42", "RUN42", "parallax.q.run42", "parallax-run42", "RUN42_DEAD", false},
		{"Night-Crawl_2", "NIGHT-CRAWL_2", "parallax.q.night-crawl_2", "parallax-night-crawl_2", "NIGHT-CRAWL_2_DEAD", false},
		{"a.b", "", "", "", "", true},
		{"with space", "", "", "", "", true},
		{"x>", "", "", "", "", true},
	}
	for _, c := range cases {
		o, err := QueueOptions(c.name)
		var ue usageError
		if c.usage {
			if !errors.As(err, &ue) {
				t.Errorf("%q: error %v, want a usage error", c.name, err)
			}
			continue
		}
		if err != nil || o.Stream != c.stream || o.Subject != c.subject || o.Durable != c.durable || o.DeadStream != c.deadStream {
			t.Errorf("%q: %s %s %s %s %v", c.name, o.Stream, o.Subject, o.Durable, o.DeadStream, err)
		}
	}
}

// TestMessageMirrorsItem keeps queue.Message and ingest.Item field for
// field alike, so that nothing an ingest finds is lost on the queue.
func TestMessageMirrorsItem(t *testing.T) {
	it := ingest.Item{Source: "s", URL: "u", Format: "f", Body: []byte("b"), HTML: true, Title: "t", Outlet: "o", Author: "a", Published: "p"}
	if got := itemOf(messageOf(it)); !reflect.DeepEqual(got, it) {
		t.Errorf("round trip: %+v, want %+v", got, it)
	}
	mt, itT := reflect.TypeFor[queue.Message](), reflect.TypeFor[ingest.Item]()
	if mt.NumField() != itT.NumField() {
		t.Fatalf("queue.Message has %d fields, ingest.Item %d: convert the new ones in queue_ingest.go", mt.NumField(), itT.NumField())
	}
	for i := range itT.NumField() {
		if f := itT.Field(i); !reflectHas(mt, f.Name) {
			t.Errorf("ingest.Item.%s has no twin in queue.Message", f.Name)
		}
	}
	v := reflect.ValueOf(it)
	for i := range v.NumField() {
		if v.Field(i).IsZero() {
			t.Errorf("test item leaves %s empty: the round trip does not check it", itT.Field(i).Name)
		}
	}
}

func reflectHas(t reflect.Type, name string) bool {
	_, ok := t.FieldByName(name)
	return ok
}

func TestQueueFromFlags(t *testing.T) {
	cases := []struct {
		name       string
		env        map[string]string
		args       []string
		ackWait    time.Duration
		maxDeliver int
		usage      bool
	}{
		{"defaults", nil, nil, time.Minute, 5, false},
		{"environment", map[string]string{"PARALLAX_ACK_WAIT": "90s", "PARALLAX_MAX_DELIVER": "8"}, nil, 90 * time.Second, 8, false},
		{"flags over environment", map[string]string{"PARALLAX_ACK_WAIT": "90s"}, []string{"--ack-wait", "2m", "--max-deliver", "3"}, 2 * time.Minute, 3, false},
		{"bad environment", map[string]string{"PARALLAX_ACK_WAIT": "soon"}, nil, 0, 0, true},
		{"bad environment, overridden", map[string]string{"PARALLAX_MAX_DELIVER": "many"}, []string{"--max-deliver", "4"}, time.Minute, 4, false},
		{"ack wait too short", nil, []string{"--ack-wait", "10ms"}, 0, 0, true},
		{"no tries", nil, []string{"--max-deliver", "0"}, 0, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []string{"PARALLAX_ACK_WAIT", "PARALLAX_MAX_DELIVER", "PARALLAX_QUEUE"} {
				t.Setenv(k, c.env[k])
			}
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			addQueueFlags(fs)
			if err := fs.Parse(c.args); err != nil {
				t.Fatal(err)
			}
			o, err := queueFromFlags(fs)
			var ue usageError
			if c.usage {
				if !errors.As(err, &ue) {
					t.Fatalf("error %v, want a usage error", err)
				}
				return
			}
			if err != nil || o.AckWait != c.ackWait || o.MaxDeliver != c.maxDeliver {
				t.Fatalf("ack wait %v, max deliver %d, %v; want %v, %d", o.AckWait, o.MaxDeliver, err, c.ackWait, c.maxDeliver)
			}
		})
	}
}
