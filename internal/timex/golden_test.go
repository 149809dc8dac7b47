package timex

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden pins the whole output on a news article: every expression with
// its value, and the publication-date inference.
func TestGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	exprs := FindExprs(text, anchorOf(t, "2015-01-12"), DefaultOptions())
	body := text[len("Iraqi forces retake refinery town after week of fighting\n\nJan. 12, 2015\n"):]
	inf, ok := InferPublished(body, nil, DefaultInferOptions())
	got, err := json.MarshalIndent(struct {
		Times    []Expr    `json:"times"`
		Inferred bool      `json:"inferred"`
		Date     Inference `json:"publication_without_date_line"`
	}{exprs, ok, inf}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	const path = "testdata/news.golden.json"
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Errorf("output differs from %s; run go test -update and review the diff", path)
	}
}
