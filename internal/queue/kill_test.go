package queue

import (
	"context"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/postgres"
)

// The kill -9 test runs real worker processes (this test binary, re-run
// as a worker by the environment variable below) that consume the queue
// into PostgreSQL, kills them with SIGKILL at random moments mid-batch,
// starts new ones, and checks that every article ends in the store exactly
// once with every source it came from. It is the same check `parallax
// worker` needs, with the worker reduced to what the guarantee depends on.
const (
	envKillWorker = "PARALLAX_TEST_KILL9_WORKER" // JSON killWorkerConfig
)

type killWorkerConfig struct {
	NATS, DSN string
	Opts      Options
}

// workerRecord stands in for the pipeline: a document whose id is the hash
// of its text, as parallax's are.
func workerRecord(m Message) store.DocumentRecord {
	sum := sha256.Sum256(m.Body)
	text := string(m.Body)
	return store.DocumentRecord{
		Doc: model.Document{ID: hex.EncodeToString(sum[:8]), Source: m.Source, Title: m.Title, Text: text, Format: m.Format},
		Analysis: model.Analysis{
			Mentions: []model.Mention{{Start: 0, End: 7, Text: text[:7], Type: model.Misc}},
		},
	}
}

// TestKill9WorkerProcess is the worker side; it does nothing unless run by
// TestKill9Workers.
func TestKill9WorkerProcess(t *testing.T) {
	raw := os.Getenv(envKillWorker)
	if raw == "" {
		t.Skip("worker process of TestKill9Workers")
	}
	var cfg killWorkerConfig
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := postgres.Open(ctx, cfg.DSN)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = Consume(ctx, cfg.NATS, func(ctx context.Context, batch []Delivery) error {
		recs := make([]store.DocumentRecord, len(batch))
		for i, d := range batch {
			recs[i] = workerRecord(d.Message)
		}
		time.Sleep(20 * time.Millisecond) // analysis time: kills land mid-batch too
		_, err := st.PutDocuments(ctx, recs)
		return err
	}, cfg.Opts)
	if err != nil {
		t.Fatal(err)
	}
}

func TestKill9Workers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills worker processes")
	}
	natsAt := natsURL(t)
	dsn := postgresDSN(t)
	o := testOptions(t)
	o.BatchSize = 25
	o.AckWait = 2 * time.Second // how long a killed worker's batch waits
	o.Logf = nil
	ms := testMessages(1500, "kill9")
	// Some articles arrive twice from different places: one document, two sources.
	for i := 0; i < 100; i++ {
		dup := ms[i]
		dup.Source = fmt.Sprintf("/mirror/%05d.txt", i)
		ms = append(ms, dup)
	}
	publishAll(t, natsAt, ms, o)

	cfg, err := json.Marshal(killWorkerConfig{NATS: natsAt, DSN: dsn, Opts: Options{
		Stream: o.Stream, Subject: o.Subject, Durable: o.Durable, BatchSize: o.BatchSize, AckWait: o.AckWait,
		FetchWait: o.FetchWait, RetryDelay: o.RetryDelay,
	}})
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	start := func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^TestKill9WorkerProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), envKillWorker+"="+string(cfg))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	workers := []*exec.Cmd{start(), start(), start()}
	defer func() {
		for _, w := range workers {
			w.Process.Kill()
			w.Wait()
		}
	}()
	rng := rand.New(rand.NewPCG(9, 9))
	kills := 0
	for range 12 {
		time.Sleep(time.Duration(150+rng.IntN(250)) * time.Millisecond)
		i := rng.IntN(len(workers))
		if err := workers[i].Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		workers[i].Wait()
		kills++
		workers[i] = start()
	}
	st := waitDrained(t, natsAt, o)
	c, err := dial(context.Background(), natsAt, o.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	ci, err := c.cons.Info(context.Background())
	c.close()
	if err != nil {
		t.Fatal(err)
	}
	redelivered := int(ci.Delivered.Consumer) - len(ms)
	t.Logf("%d workers killed with SIGKILL; %d deliveries were redeliveries; queue at the end: %+v", kills, redelivered, st)
	if redelivered <= 0 {
		t.Errorf("no message was redelivered: the kills did not land mid-batch, the test proves nothing")
	}
	if st.Dead != 0 {
		t.Errorf("%d messages dead-lettered", st.Dead)
	}

	ctx := context.Background()
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seen := map[string]int{}
	if err := s.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		seen[d.ID]++
		if len(a.Mentions) != 1 {
			return fmt.Errorf("document %s: half-written analysis %+v", d.ID, a)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1500 {
		t.Errorf("%d documents stored, want 1500", len(seen))
	}
	for _, m := range ms {
		id := workerRecord(m).Doc.ID
		if seen[id] != 1 {
			t.Errorf("document %s (%s) stored %d times", id, m.Source, seen[id])
		}
		if d, err := s.FindDocument(ctx, m.Source); err != nil || d.ID != id {
			t.Errorf("source %s: %q %v, want document %s", m.Source, d.ID, err, id)
		}
	}
}

// postgresDSN returns a DSN for a fresh schema of the test PostgreSQL
// (PARALLAX_TEST_POSTGRES, default postgres://postgres@127.0.0.1:5432/test),
// dropped when the test ends, or skips the test.
func postgresDSN(t *testing.T) string {
	base := os.Getenv("PARALLAX_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Skipf("skipping: PostgreSQL not reachable at %s (set PARALLAX_TEST_POSTGRES): %v", base, err)
	}
	conn.Close(ctx)
	var b [6]byte
	crand.Read(b[:])
	schema := "ptest_kill_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		ctx := context.Background()
		if conn, err := pgx.Connect(ctx, base); err == nil {
			conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
			conn.Close(ctx)
		}
	})
	u, err := url.Parse(base)
	if err != nil || !strings.HasPrefix(base, "postgres") {
		return base + " search_path=" + schema
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
