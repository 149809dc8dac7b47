package scale

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/cli"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// faultDocs is how many distinct articles each fault test runs through the
// workers; faultMirrors of them are also found at a second path.
const (
	faultDocs    = 1000
	faultMirrors = 40
)

// disruption harms a running cluster while the workers consume; it returns
// how many times it struck.
type disruption func(t *testing.T, c *cluster, workers []*worker, committed func() int) int

// TestWorkersLoseNothing runs the whole scaled-out ingest as an operator
// would (`ingest --queue --wait` as publisher and coordinator, two
// `parallax worker` processes) while something goes wrong, and checks that
// every article ends in PostgreSQL exactly once, with every path it was
// found at, its analysis and its story, and that nothing was dead-lettered.
//
// Killing workers runs by default; restarting NATS or PostgreSQL disturbs
// every other user of those servers, so those run only with
// PARALLAX_FAULT_TESTS=1 (as root, on the machine running the servers).
func TestWorkersLoseNothing(t *testing.T) {
	cases := []struct {
		name    string
		optIn   bool
		disrupt disruption
		// redelivers: the disruption must make JetStream deliver some
		// articles again (a kill mid-batch does; a store outage only
		// stalls the batch in hand).
		redelivers bool
	}{
		{"kill-9-workers", false, killWorkers, true},
		{"restart-nats", true, restartNATS, false},
		{"restart-postgres", true, restartPostgres, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() {
				t.Skip("skipping in -short: builds parallax and runs worker processes")
			}
			if tc.optIn && os.Getenv("PARALLAX_FAULT_TESTS") != "1" {
				t.Skip("skipping: restarts a shared server; set PARALLAX_FAULT_TESTS=1 to run")
			}
			runFault(t, tc.disrupt, tc.redelivers)
		})
	}
}

func runFault(t *testing.T, disrupt disruption, redelivers bool) {
	c := newCluster(t)
	corpus := filepath.Join(c.dir, "corpus")
	mirror := filepath.Join(c.dir, "mirror")
	for _, d := range []string{corpus, mirror} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	paths := syntheticCorpus(t, corpus, faultDocs)
	var mirrors []string
	for i := range faultMirrors {
		b, err := os.ReadFile(paths[i*7])
		if err != nil {
			t.Fatal(err)
		}
		m := filepath.Join(mirror, fmt.Sprintf("copy%03d.txt", i))
		if err := os.WriteFile(m, b, 0o644); err != nil {
			t.Fatal(err)
		}
		mirrors = append(mirrors, m)
	}

	workerFlags := []string{"--workers", "2", "--batch", "16", "--ack-wait", "2s"}
	workers := []*worker{c.startWorker(workerFlags...), c.startWorker(workerFlags...)}
	coord := c.start("coordinator", "--json", "ingest", "--queue", c.nats, "--queue-name", c.queue, "--wait", corpus, mirror)
	if !coord.waitLog("waiting for the workers", 2*time.Minute) {
		t.Fatalf("coordinator did not publish:\n%s", coord.tail())
	}
	st := c.open()
	committed := func() int {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		n, _ := st.CountDocuments(ctx)
		return n
	}
	struck := disrupt(t, c, workers, committed)

	if code := coord.wait(5 * time.Minute); code != 0 {
		t.Fatalf("coordinator exit %d:\n%s", code, coord.tail())
	}
	var rep cli.QueueIngestReport
	if err := json.Unmarshal(coord.stdout(), &rep); err != nil {
		t.Fatalf("coordinator report: %v\n%s", err, coord.stdout())
	}
	delivered, err := c.deliveries()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("struck %d time(s); %d articles published, %d deliveries (%d redeliveries); coordinator waited %.1fs, corpus stage %.1fs",
		struck, rep.Published, delivered, int(delivered)-rep.Published, rep.WaitSeconds, rep.CorpusSeconds)
	if struck == 0 {
		t.Fatal("the disruption never struck: the test proves nothing")
	}
	if redelivers && int(delivered) <= rep.Published {
		t.Errorf("no article was delivered twice: the disruption never landed mid-batch, the test proves nothing")
	}
	if rep.Published != faultDocs+faultMirrors || rep.Failed != 0 || rep.Dead != 0 || rep.Documents != faultDocs {
		t.Errorf("coordinator report %+v: want %d published, %d documents, nothing failed or dead", rep, faultDocs+faultMirrors, faultDocs)
	}
	if qs, err := c.status(time.Minute); err != nil || !qs.Drained() || qs.Dead != 0 {
		t.Errorf("queue at the end: %+v %v", qs, err)
	}
	checkExactlyOnce(t, st, paths, mirrors, func(i int) int { return i * 7 })
}

// checkExactlyOnce checks that each of paths is one stored document, each
// mirror the same document as paths[original(i)], and that every document
// has its analysis, exactly one story, and no other document is stored.
func checkExactlyOnce(t *testing.T, st store.Store, paths, mirrors []string, original func(int) int) {
	t.Helper()
	ctx := context.Background()
	ids := make(map[string]string, len(paths)) // id -> path
	idOf := make([]string, len(paths))
	for i, p := range paths {
		d, err := st.FindDocument(ctx, p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if prev, dup := ids[d.ID]; dup {
			t.Errorf("%s and %s stored as one document %s", prev, p, d.ID)
		}
		ids[d.ID], idOf[i] = p, d.ID
	}
	for i, m := range mirrors {
		d, err := st.FindDocument(ctx, m)
		if want := idOf[original(i)]; err != nil || d.ID != want {
			t.Errorf("mirror %s: document %q (%v), want %s", m, d.ID, err, want)
		}
	}
	if n, err := st.CountDocuments(ctx); err != nil || n != len(paths) {
		t.Errorf("%d documents stored (%v), want exactly %d", n, err, len(paths))
	}
	seen := map[string]int{}
	err := st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		seen[d.ID]++
		if _, ok := ids[d.ID]; !ok {
			t.Errorf("stored document %s (%s) is none of the inputs", d.ID, d.Source)
		}
		if d.Text == "" || len(a.Mentions) == 0 || len(a.Sentences) == 0 {
			t.Errorf("document %s (%s): text %d bytes, %d mentions, %d sentences: analysis missing",
				d.ID, d.Source, len(d.Text), len(a.Mentions), len(a.Sentences))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("document %s read %d times", id, k)
		}
	}
	members, err := st.StoryMembers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inStory := map[string]int{}
	for _, docs := range members {
		for _, d := range docs {
			inStory[d]++
		}
	}
	for id, p := range ids {
		if inStory[id] != 1 {
			t.Errorf("document %s (%s) is in %d stories, want 1", id, p, inStory[id])
		}
	}
	if ents, err := st.Entities(ctx, store.EntityFilter{Limit: 5}); err != nil || len(ents) == 0 {
		t.Errorf("no entities after the coordinator's corpus stage (%v)", err)
	}
}

// killWorkers kills a random consuming worker with SIGKILL every few
// hundred milliseconds while work remains, and starts a new one in its
// place each time.
func killWorkers(t *testing.T, c *cluster, workers []*worker, committed func() int) int {
	rng := rand.New(rand.NewPCG(9, 9))
	kills := 0
	for kills < 6 {
		time.Sleep(time.Duration(300+rng.IntN(500)) * time.Millisecond)
		n := committed()
		if n >= faultDocs {
			break
		}
		i := rng.IntN(len(workers))
		if !workers[i].ready() {
			continue // still loading its models: a kill now tests nothing
		}
		workers[i].signal(syscall.SIGKILL)
		kills++
		t.Logf("kill -9 worker %d with %d documents committed", i, n)
		workers[i] = c.respawn(workers[i])
	}
	return kills
}

// waitCommitted waits until at least n documents are committed.
func waitCommitted(t *testing.T, committed func() int, n int) {
	deadline := time.Now().Add(2 * time.Minute)
	for committed() < n {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than %d documents committed after 2 minutes", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const natsServer = "/usr/sbin/nats-server"

// restartNATS stops the local nats-server while the workers run, waits,
// and starts it again with its JetStream store where it was.
func restartNATS(t *testing.T, c *cluster, workers []*worker, committed func() int) int {
	if _, err := os.Stat(natsServer); err != nil || os.Geteuid() != 0 {
		t.Skipf("skipping: needs root and %s on this machine", natsServer)
	}
	start := func() {
		sh(t, "start-stop-daemon", "--start", "--oknodo", "--background", "--exec", natsServer, "--",
			"-a", "127.0.0.1", "-p", "4222", "-js", "-sd", "/var/lib/nats-server", "-l", "/var/log/nats-server.log")
	}
	t.Cleanup(func() { start() })
	waitCommitted(t, committed, faultDocs/5)
	before := committed()
	sh(t, "start-stop-daemon", "--stop", "--retry", "10", "--exec", natsServer)
	time.Sleep(3 * time.Second)
	t.Logf("NATS stopped for 3s with %d documents committed", before)
	start()
	return 1
}

// restartPostgres restarts the local PostgreSQL cluster while the workers
// run.
func restartPostgres(t *testing.T, c *cluster, workers []*worker, committed func() int) int {
	versions, _ := filepath.Glob("/etc/postgresql/*")
	if _, err := exec.LookPath("pg_ctlcluster"); err != nil || len(versions) != 1 || os.Geteuid() != 0 {
		t.Skip("skipping: needs root, pg_ctlcluster and one local PostgreSQL cluster")
	}
	waitCommitted(t, committed, faultDocs/5)
	before := committed()
	sh(t, "pg_ctlcluster", "--skip-systemctl-redirect", filepath.Base(versions[0]), "main", "restart")
	t.Logf("PostgreSQL restarted with %d documents committed", before)
	return 1
}
