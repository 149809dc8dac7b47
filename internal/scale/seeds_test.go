package scale

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// TestSeedsThroughWorkersMatchSQLite runs the seed articles through NATS
// workers into PostgreSQL (two worker processes taking one article at a
// time, so that they arrive in an order of their own, and the
// coordinator's corpus stage) and through the embedded single-process
// SQLite default, and checks that every analysis listing is the same
// JSON. Orders that no listing defines (which document arrived first, and
// so the order of quotes or of an entity's documents) are ignored: arrays
// are compared as multisets. Stories are compared by how they group the
// documents (see below).
func TestSeedsThroughWorkersMatchSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short: builds parallax and runs worker processes")
	}
	readSeeds(t)
	c := newCluster(t)
	seeds, err := filepath.Abs(seedsDir)
	if err != nil {
		t.Fatal(err)
	}
	sqliteDB := filepath.Join(c.dir, "seeds.db")
	embedded := func(args ...string) []byte {
		cmd := exec.Command(c.bin, append([]string{"--db", sqliteDB}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("parallax %v (SQLite): %v\n%s", args, err, stderr.String())
		}
		return out
	}
	workers := []*worker{c.spawnWorker("--workers", "1", "--batch", "1"), c.spawnWorker("--workers", "1", "--batch", "1")}
	embedded("-q", "ingest", seeds) // while the workers load their models
	for _, w := range workers {
		if !w.waitLog("ready:", 2*time.Minute) {
			t.Fatalf("worker not ready:\n%s", w.tail())
		}
	}
	if _, err := c.run("-q", "ingest", "--queue", c.nats, "--queue-name", c.queue, "--wait", seeds); err != nil {
		t.Fatal(err)
	}

	for _, view := range [][]string{{"entities"}, {"quotes"}, {"timeline"}, {"contradictions"}, {"frames"}} {
		t.Run(view[0], func(t *testing.T) {
			want := embedded(append([]string{"--json"}, view...)...)
			got, err := c.run(append([]string{"--json"}, view...)...)
			if err != nil {
				t.Fatal(err)
			}
			if msg := sameJSON(want, got); msg != "" {
				t.Errorf("PostgreSQL through workers differs from SQLite: %s", msg)
			}
		})
	}
	// Stories are assigned incrementally in arrival order, and a story's
	// top entities weigh terms by the document frequencies seen so far, so
	// only the grouping of documents is compared.
	t.Run("stories", func(t *testing.T) {
		partition := func(out []byte) []byte {
			var ss []struct {
				ID   string   `json:"id"`
				Docs []string `json:"docs"`
			}
			if err := json.Unmarshal(out, &ss); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(ss)
			return b
		}
		got, err := c.run("--json", "stories")
		if err != nil {
			t.Fatal(err)
		}
		if msg := sameJSON(partition(embedded("--json", "stories")), partition(got)); msg != "" {
			t.Errorf("stories group documents differently: %s", msg)
		}
	})
}

// sameJSON compares two JSON values ignoring the order of arrays, and
// describes the first difference ("" when equal).
func sameJSON(want, got []byte) string {
	var a, b any
	if err := json.Unmarshal(want, &a); err != nil {
		return fmt.Sprintf("SQLite output: %v", err)
	}
	if err := json.Unmarshal(got, &b); err != nil {
		return fmt.Sprintf("PostgreSQL output: %v", err)
	}
	ca, cb := canonical(a), canonical(b)
	if ca == cb {
		return ""
	}
	// Name the first top-level element that differs.
	la, lb := sortedElems(a), sortedElems(b)
	for i := 0; i < max(len(la), len(lb)); i++ {
		switch {
		case i >= len(la):
			return fmt.Sprintf("%d elements, want %d; extra %s", len(lb), len(la), lb[i])
		case i >= len(lb):
			return fmt.Sprintf("%d elements, want %d; missing %s", len(lb), len(la), la[i])
		case la[i] != lb[i]:
			return fmt.Sprintf("\nwant %s\n got %s", la[i], lb[i])
		}
	}
	return fmt.Sprintf("\nwant %s\n got %s", ca, cb)
}

// canonical encodes v with every array sorted by its elements' encodings
// (object keys are sorted by encoding/json).
func canonical(v any) string {
	b, _ := json.Marshal(normalise(v))
	return string(b)
}

func normalise(v any) any {
	switch x := v.(type) {
	case []any:
		keys := make([]string, len(x))
		for i, e := range x {
			keys[i] = canonical(e)
		}
		sort.Strings(keys)
		out := make([]any, len(keys))
		for i, k := range keys {
			out[i] = json.RawMessage(k)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalise(e)
		}
		return out
	default:
		return v
	}
}

func sortedElems(v any) []string {
	arr, ok := v.([]any)
	if !ok {
		return []string{canonical(v)}
	}
	out := make([]string, len(arr))
	for i, e := range arr {
		out[i] = canonical(e)
	}
	sort.Strings(out)
	return out
}
