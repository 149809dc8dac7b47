package scale

import (
	"bufio"
	"bytes"
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parallaxhq/parallax/internal/cli"
	"github.com/parallaxhq/parallax/internal/queue"
	"github.com/parallaxhq/parallax/internal/store/postgres"
)

const (
	defaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	defaultNATS     = "nats://127.0.0.1:4222"
)

func postgresBase() string {
	if v := os.Getenv("PARALLAX_TEST_POSTGRES"); v != "" {
		return v
	}
	return defaultPostgres
}

func natsBase() string {
	if v := os.Getenv("PARALLAX_TEST_NATS"); v != "" {
		return v
	}
	return defaultNATS
}

var (
	reachOnce sync.Once
	reachErr  error

	buildOnce sync.Once
	buildDir  string
	binPath   string
	buildErr  error
)

// servicesReachable checks once that PostgreSQL and NATS with JetStream
// answer.
func servicesReachable() error {
	reachOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, postgresBase())
		if err != nil {
			reachErr = fmt.Errorf("PostgreSQL not reachable at %s (set PARALLAX_TEST_POSTGRES): %v", postgresBase(), err)
			return
		}
		conn.Close(ctx)
		nc, err := nats.Connect(natsBase(), nats.Timeout(2*time.Second))
		if err != nil {
			reachErr = fmt.Errorf("NATS not reachable at %s (set PARALLAX_TEST_NATS): %v", natsBase(), err)
			return
		}
		defer nc.Close()
		js, err := jetstream.New(nc)
		if err == nil {
			_, err = js.AccountInfo(ctx)
		}
		if err != nil {
			reachErr = fmt.Errorf("NATS at %s has no JetStream (start nats-server with -js): %v", natsBase(), err)
		}
	})
	return reachErr
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binary builds cmd/parallax once per test run.
func binary(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "parallax-scale-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(buildDir, "parallax")
		out, err := exec.Command("go", "build", "-o", binPath, "../../cmd/parallax").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binPath
}

// cluster is one scaled-out parallax: a schema of the test PostgreSQL, a
// queue of the test NATS, and worker processes, all removed at the end.
type cluster struct {
	tb      testing.TB
	bin     string
	dir     string // scratch files and worker logs
	dsn     string
	nats    string
	queue   string // --queue-name
	qo      queue.Options
	mu      sync.Mutex
	workers []*worker
	seq     int
}

type worker struct {
	cmd   *exec.Cmd
	log   string
	extra []string // worker flags beyond the cluster's
	done  chan struct{}
}

func randomTag() string {
	var b [5]byte
	crand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// newCluster skips the test when PostgreSQL or NATS is not reachable.
func newCluster(tb testing.TB) *cluster {
	tb.Helper()
	if err := servicesReachable(); err != nil {
		tb.Skipf("skipping: %v", err)
	}
	tag := randomTag()
	schema := "pscale_" + tag
	u, err := url.Parse(postgresBase())
	if err != nil || !strings.HasPrefix(u.Scheme, "postgres") {
		tb.Skipf("skipping: PARALLAX_TEST_POSTGRES must be a postgres:// URL here, not %q", postgresBase())
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	c := &cluster{tb: tb, bin: binary(tb), dir: tb.TempDir(), dsn: u.String(), nats: natsBase(), queue: "pxscale_" + tag}
	c.qo, err = cli.QueueOptions(c.queue)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		c.logWorkers()
		c.stopAll()
		ctx := context.Background()
		for range 30 { // the servers may be restarting
			if err := queue.Delete(ctx, c.nats, c.qo); err == nil {
				break
			}
			time.Sleep(time.Second)
		}
		for range 30 {
			conn, err := pgx.Connect(ctx, postgresBase())
			if err == nil {
				_, err = conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{schema}.Sanitize()+" CASCADE")
				conn.Close(ctx)
			}
			if err == nil {
				break
			}
			time.Sleep(time.Second)
		}
	})
	return c
}

// run runs parallax with --db set to the cluster's store and returns its
// standard output.
func (c *cluster) run(args ...string) ([]byte, error) {
	return c.runDB(c.dsn, args...)
}

// runDB runs parallax on another store.
func (c *cluster) runDB(db string, args ...string) ([]byte, error) {
	cmd := exec.Command(c.bin, append([]string{"--db", db}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("parallax %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

// start starts parallax in the background with its stderr in a log file
// and its standard output beside it (log + ".out").
func (c *cluster) start(name string, args ...string) *worker {
	c.mu.Lock()
	c.seq++
	log := filepath.Join(c.dir, fmt.Sprintf("%s-%03d.log", name, c.seq))
	c.mu.Unlock()
	f, err := os.Create(log)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer f.Close()
	out, err := os.Create(log + ".out")
	if err != nil {
		c.tb.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(c.bin, append([]string{"--db", c.dsn}, args...)...)
	cmd.Stderr = f
	cmd.Stdout = out
	if err := cmd.Start(); err != nil {
		c.tb.Fatal(err)
	}
	w := &worker{cmd: cmd, log: log, done: make(chan struct{})}
	go func() { cmd.Wait(); close(w.done) }()
	return w
}

// startWorker starts `parallax worker` on the cluster's queue and waits
// until it is ready to consume.
func (c *cluster) startWorker(extra ...string) *worker {
	w := c.spawnWorker(extra...)
	if !w.waitLog("ready:", 2*time.Minute) {
		c.tb.Fatalf("worker not ready:\n%s", w.tail())
	}
	return w
}

// spawnWorker starts `parallax worker` without waiting for it.
func (c *cluster) spawnWorker(extra ...string) *worker {
	return c.spawnWorkerArgs(nil, extra...)
}

// spawnWorkerArgs starts `parallax worker` with global flags before the
// command and extra flags after it.
func (c *cluster) spawnWorkerArgs(global []string, extra ...string) *worker {
	stats := "0"
	if testing.Verbose() {
		stats = "2s"
	}
	args := append(append(global, "worker", "--nats", c.nats, "--queue-name", c.queue, "--stats-every", stats), extra...)
	w := c.start("worker", args...)
	w.extra = extra
	c.mu.Lock()
	c.workers = append(c.workers, w)
	c.mu.Unlock()
	return w
}

// respawn starts a worker with the same flags as w, without waiting.
func (c *cluster) respawn(w *worker) *worker {
	return c.spawnWorker(w.extra...)
}

// ready reports whether the worker said it is consuming.
func (w *worker) ready() bool {
	b, _ := os.ReadFile(w.log)
	return bytes.Contains(b, []byte("ready:"))
}

// logWorkers logs the end of every worker's log (with -v, or when the
// test failed).
func (c *cluster) logWorkers() {
	if !testing.Verbose() && !c.tb.Failed() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, w := range c.workers {
		c.tb.Logf("%s:\n%s", filepath.Base(w.log), w.tail())
	}
}

func (c *cluster) stopAll() {
	c.mu.Lock()
	ws := c.workers
	c.workers = nil
	c.mu.Unlock()
	for _, w := range ws {
		w.signal(syscall.SIGKILL)
	}
}

func (w *worker) signal(sig syscall.Signal) {
	select {
	case <-w.done:
		return
	default:
	}
	w.cmd.Process.Signal(sig)
	<-w.done
}

// stdout returns what the process printed on its standard output.
func (w *worker) stdout() []byte {
	b, _ := os.ReadFile(w.log + ".out")
	return b
}

// wait waits for the process to exit and returns its exit code (-1 on
// timeout).
func (w *worker) wait(timeout time.Duration) int {
	select {
	case <-w.done:
		return w.cmd.ProcessState.ExitCode()
	case <-time.After(timeout):
		return -1
	}
}

func (w *worker) exited() bool {
	select {
	case <-w.done:
		return true
	default:
		return false
	}
}

// waitLog waits until the log holds a line containing s.
func (w *worker) waitLog(s string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(w.log); bytes.Contains(b, []byte(s)) {
			return true
		}
		if w.exited() {
			b, _ := os.ReadFile(w.log)
			return bytes.Contains(b, []byte(s))
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// tail returns the last lines of the log.
func (w *worker) tail() string {
	b, _ := os.ReadFile(w.log)
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}

// status returns the queue's state, riding out a restarting server.
func (c *cluster) status(timeout time.Duration) (queue.Status, error) {
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		s, err := queue.Stat(ctx, c.nats, c.qo)
		cancel()
		if err == nil || time.Now().After(deadline) {
			return s, err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// waitDrained waits until the queue is drained.
func (c *cluster) waitDrained(timeout time.Duration) queue.Status {
	c.tb.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s, err := c.status(time.Until(deadline))
		if err == nil && s.Drained() {
			return s
		}
		if time.Now().After(deadline) {
			c.tb.Fatalf("queue not drained after %v: %+v %v", timeout, s, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// deliveries returns how many deliveries the workers' consumer made.
func (c *cluster) deliveries() (uint64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	nc, err := nats.Connect(c.nats)
	if err != nil {
		return 0, err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return 0, err
	}
	cons, err := js.Consumer(ctx, c.qo.Stream, c.qo.Durable)
	if err != nil {
		return 0, err
	}
	ci, err := cons.Info(ctx)
	if err != nil {
		return 0, err
	}
	return ci.Delivered.Consumer, nil
}

// open opens the cluster's store, riding out a restarting server.
func (c *cluster) open() *postgres.Store {
	c.tb.Helper()
	var err error
	for range 30 {
		var s *postgres.Store
		if s, err = postgres.Open(context.Background(), c.dsn); err == nil {
			c.tb.Cleanup(func() { s.Close() })
			return s
		}
		time.Sleep(time.Second)
	}
	c.tb.Fatal(err)
	return nil
}

// sh runs an administration command, failing the test if it fails.
func sh(tb testing.TB, name string, args ...string) {
	tb.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
