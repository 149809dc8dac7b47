package cli

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedsDir is the shared seed corpus, beside the repository.
const seedsDir = "../../../shared/corpus/seeds"

func needSeeds(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("seed corpus not found at %s (clone ../shared beside the repository to run this test)", seedsDir)
	}
}

func needFile(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not found (clone ../shared beside the repository to run this test)", path)
	}
}

// run runs the command line in-process and returns exit code, stdout, stderr.
func run(t testing.TB, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func runJSON(t testing.TB, db string, v any, args ...string) {
	t.Helper()
	code, out, errs := run(t, db, append([]string{"--json"}, args...)...)
	if code != 0 {
		t.Fatalf("parallax %v: exit %d\n%s", args, code, errs)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("parallax %v: output is not JSON: %v\n%s", args, err, out)
	}
}

type docJSON struct {
	ID              string  `json:"id"`
	Source          string  `json:"source"`
	Title           string  `json:"title"`
	Language        string  `json:"language"`
	Published       *string `json:"published"`
	PublishedBasis  *string `json:"published_basis"`
	NearDuplicateOf *string `json:"near_duplicate_of"`
	Words           int     `json:"words"`
}

func firstLine(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
}

func TestIngestSeeds(t *testing.T) {
	needSeeds(t)
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errs := run(t, db, "ingest", seedsDir); code != 0 {
		t.Fatalf("ingest exit %d: %s", code, errs)
	}
	var docs []docJSON
	runJSON(t, db, &docs, "docs")
	if len(docs) != 5 {
		t.Fatalf("%d documents, want 5", len(docs))
	}
	for _, d := range docs {
		if want := firstLine(t, d.Source); d.Title != want {
			t.Errorf("%s: title %q, want first line %q", filepath.Base(d.Source), d.Title, want)
		}
		if d.Language != "en" {
			t.Errorf("%s: language %q", filepath.Base(d.Source), d.Language)
		}
		if (d.Published == nil) != (d.PublishedBasis == nil) {
			t.Errorf("%s: published and its basis must be set together", d.Source)
		}
	}
	var d002 struct {
		docJSON
		Text          string `json:"text"`
		Removed       []struct{ Line, Reason string }
		OtherLanguage []struct{ Lang, Text string } `json:"other_language"`
	}
	runJSON(t, db, &d002, "doc", "002_e539637223b80aad.txt")
	if d002.Published == nil || *d002.Published != "2021-01-06" || *d002.PublishedBasis != "text" {
		t.Errorf("002 published = %v basis %v, want 2021-01-06 text", d002.Published, d002.PublishedBasis)
	}
	fa := 0
	for _, l := range d002.OtherLanguage {
		if l.Lang == "fa" {
			fa++
		}
	}
	if fa != 2 {
		t.Errorf("002: %d Persian lines flagged, want 2: %+v", fa, d002.OtherLanguage)
	}
	if len(d002.Removed) == 0 || strings.Contains(d002.Text, "7 Visits") || strings.Contains(d002.Text, "Similar post") {
		t.Errorf("002: boilerplate not removed")
	}

	// Re-ingesting is a no-op.
	if code, _, errs := run(t, db, "ingest", seedsDir); code != 0 {
		t.Fatalf("second ingest exit %d: %s", code, errs)
	}
	runJSON(t, db, &docs, "docs")
	if len(docs) != 5 {
		t.Fatalf("after re-ingest: %d documents, want 5", len(docs))
	}

	// A copy with changed whitespace is the same document or a near duplicate.
	raw, err := os.ReadFile(filepath.Join(seedsDir, "003_166af72443cb0259.txt"))
	if err != nil {
		t.Fatal(err)
	}
	copyText := strings.ReplaceAll(string(raw), ". ", ".  ")
	copyText = strings.ReplaceAll(copyText, "\n\n", "\n \n\n")
	copyPath := filepath.Join(t.TempDir(), "copy.txt")
	os.WriteFile(copyPath, []byte(copyText), 0o644)
	var rep struct {
		Added          int      `json:"added"`
		Duplicates     int      `json:"duplicates"`
		NearDuplicates int      `json:"near_duplicates"`
		Documents      []string `json:"documents"`
	}
	runJSON(t, db, &rep, "ingest", copyPath)
	if rep.Duplicates != 1 && rep.NearDuplicates != 1 {
		t.Errorf("whitespace copy: %+v, want a duplicate or near-duplicate", rep)
	}
	// And a lightly edited copy is linked as a near duplicate.
	edited := strings.Replace(string(raw), "paper tiger", "paper tiger indeed", 1) + "\nUpdated with a correction.\n"
	editedPath := filepath.Join(t.TempDir(), "edited.txt")
	os.WriteFile(editedPath, []byte(edited), 0o644)
	runJSON(t, db, &rep, "ingest", editedPath)
	if rep.Added != 1 || rep.NearDuplicates != 1 {
		t.Errorf("edited copy: %+v, want 1 added as near duplicate", rep)
	}
	var ed docJSON
	runJSON(t, db, &ed, "doc", editedPath)
	if ed.NearDuplicateOf == nil || *ed.NearDuplicateOf != docByName(docs, "003_").ID {
		t.Errorf("edited copy near_duplicate_of = %v, want the id of 003", ed.NearDuplicateOf)
	}
}

func docByName(docs []docJSON, prefix string) docJSON {
	for _, d := range docs {
		if strings.HasPrefix(filepath.Base(d.Source), prefix) {
			return d
		}
	}
	return docJSON{}
}

func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	w := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	random := make([]byte, 2048)
	rand.Read(random)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("Some article text that is long enough. "), 500))
	zw.Close()
	w("random.bin", random)
	w("empty.txt", nil)
	w("latin1.txt", []byte("Le caf\xe9 est ferm\xe9 depuis hier soir, selon des sources locales."))
	w("cut.txt.gz", gz.Bytes()[:gz.Len()/2])
	w("broken.jsonl", []byte(`{"title": "Broken", "text": "never closed`+"\n"))
	w("malformed.html", []byte("<html><head><title>x</title></head><body><div><p><script>var a = '<p>';</script></div></span></body"))
	w("good.txt", []byte("Aid convoy reaches Mosul\n\nA United Nations aid convoy reached Mosul on Tuesday, officials said, after weeks of delays on the road from Erbil.\n"))
	db := filepath.Join(t.TempDir(), "p.db")
	code, _, errs := run(t, db, "ingest", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errs)
	}
	for _, name := range []string{"random.bin", "empty.txt", "latin1.txt", "cut.txt.gz", "broken.jsonl", "malformed.html"} {
		found := false
		for _, line := range strings.Split(errs, "\n") {
			if strings.Contains(line, name+":") || strings.Contains(line, name+"#") {
				found = true
			}
		}
		if !found {
			t.Errorf("no error line names %s:\n%s", name, errs)
		}
	}
	var docs []docJSON
	runJSON(t, db, &docs, "docs")
	if len(docs) != 1 || docs[0].Title != "Aid convoy reaches Mosul" {
		t.Fatalf("documents = %+v, want only the good article", docs)
	}
}

func TestExitCodesAndHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"nosuchcommand"}, 2},
		{[]string{"docs", "--nosuchflag"}, 2},
		{[]string{"ingest"}, 2},
		{[]string{"doc", "missing-document"}, 2},
		{[]string{"entities", "--type", "VEHICLE"}, 2},
		{[]string{"export", "--format", "pdf"}, 2},
		{[]string{"docs"}, 0},
		{[]string{"--help"}, 0},
	}
	for _, c := range cases {
		if code, _, errs := run(t, db, c.args...); code != c.code {
			t.Errorf("parallax %v: exit %d, want %d (%s)", c.args, code, c.code, errs)
		}
	}
	// Every command documents itself with an example.
	root := newRoot(&env{})
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("command %q has no example in --help", c.Name())
		}
	}
}
