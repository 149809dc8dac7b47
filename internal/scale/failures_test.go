package scale

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/cli"
)

// TestQueueIngestReportsFailures checks that `ingest --queue --wait`
// reports failures as `ingest` does: an input the walker cannot read is
// named at once, an article no worker can analyse is retried, moved to the
// dead-letter stream and counted, the exit code is 1, and every other
// article is stored.
func TestQueueIngestReportsFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: builds parallax and runs worker processes")
	}
	// Two tries, for every process: the consumer's settings are shared.
	t.Setenv("PARALLAX_MAX_DELIVER", "2")
	c := newCluster(t)
	corpus := filepath.Join(c.dir, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	paths := syntheticCorpus(t, corpus, 30)
	files := map[string]string{
		"script.html": "<html><body><script>var x = 1;</script></body></html>", // no article text: fails in a worker
		"binary.dat":  "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00" + strings.Repeat("\x00\x01\x02\x03", 200),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w := c.startWorker("--workers", "1", "--batch", "8")
	coord := c.start("coordinator", "--json", "ingest", "--queue", c.nats, "--queue-name", c.queue, "--wait", corpus)
	code := coord.wait(3 * time.Minute)
	var rep cli.QueueIngestReport
	if err := json.Unmarshal(coord.stdout(), &rep); err != nil {
		t.Fatalf("report: %v\n%s\n%s", err, coord.stdout(), coord.tail())
	}
	if code != 1 || rep.Published != 31 || rep.Dead != 1 || rep.Failed != 2 || rep.Documents != 30 {
		t.Errorf("exit %d, report %+v; want exit 1, 31 published, 1 dead, 2 failed, 30 documents", code, rep)
	}
	named := map[string]bool{}
	for _, f := range rep.Failures {
		named[filepath.Base(f.Source)] = true
	}
	if !named["binary.dat"] || !named[c.qo.DeadStream] {
		t.Errorf("failures %+v: want binary.dat and the dead-letter stream named", rep.Failures)
	}
	if !w.waitLog("script.html", time.Second) || !w.waitLog("gave up on", time.Second) {
		t.Errorf("the worker's log does not name the article it gave up on:\n%s", w.tail())
	}
	st := c.open()
	checkExactlyOnce(t, st, paths, nil, nil)
}
