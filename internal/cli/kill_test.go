package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// buildBinary compiles the parallax command into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "parallax")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/parallax")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build parallax: %v", err)
	}
	return bin
}

// syntheticCorpus writes n distinct short articles into dir.
func syntheticCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	places := []string{"Mosul", "Erbil", "Tikrit", "Ramadi", "Baiji", "Samarra", "Karbala", "Najaf", "Basra", "Kirkuk"}
	for i := 0; i < n; i++ {
		p := places[i%len(places)]
		text := fmt.Sprintf("Report %d from %s\n\nOfficials in %s said on day %d that %d families returned after the fighting ended, according to local sources. "+
			"The governor of %s promised %d new schools and %d clinics by the end of the year.\n", i, p, p, i, i*7+3, p, i%13+1, i%7+2)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKillDuringIngest kills a real ingest process with SIGKILL while it is
// writing, runs the same command again, and checks that every document is
// stored exactly once and the database is intact.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs real processes")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	corpus := filepath.Join(tmp, "corpus")
	os.Mkdir(corpus, 0o755)
	const n = 1500
	syntheticCorpus(t, corpus, n)
	db := filepath.Join(tmp, "k.db")
	ctx := context.Background()

	count := func() int {
		st, err := sqlite.Open(ctx, db)
		if err != nil {
			return -1
		}
		defer st.Close()
		c, _ := st.CountDocuments(ctx)
		return c
	}
	killed := 0
	for attempt := 0; attempt < 3 && killed == 0; attempt++ {
		cmd := exec.Command(bin, "--db", db, "-q", "ingest", "--batch", "20", "--workers", "2", corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if c := count(); c > 0 && c < n {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		before := count()
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed++
			t.Logf("killed ingest with %d of %d documents committed (%v)", before, n, err)
		}
	}
	if killed == 0 {
		t.Fatalf("ingest finished before it could be killed; make the corpus larger")
	}
	out, err := exec.Command(bin, "--db", db, "-q", "ingest", corpus).CombinedOutput()
	if err != nil {
		t.Fatalf("re-run after kill: %v\n%s", err, out)
	}
	if c := count(); c != n {
		t.Fatalf("after kill and re-run: %d documents, want exactly %d", c, n)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < n; i += 97 {
		name := fmt.Sprintf("a%05d.txt", i)
		d, err := st.FindDocument(ctx, name)
		if err != nil || !strings.HasPrefix(d.Title, fmt.Sprintf("Report %d ", i)) {
			t.Errorf("%s: %v %q", name, err, d.Title)
		}
	}
	if hits, err := st.Search(ctx, "governor schools", 5); err != nil || len(hits) == 0 {
		t.Errorf("full-text index after kill: %d hits, %v", len(hits), err)
	}
	if res, err := exec.Command("sqlite3", db, "PRAGMA integrity_check").Output(); err == nil {
		if strings.TrimSpace(string(res)) != "ok" {
			t.Errorf("integrity check: %s", res)
		}
	}
}
