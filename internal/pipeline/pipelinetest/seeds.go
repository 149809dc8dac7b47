// Package pipelinetest owns the test corpora that the pipeline's and the
// scale-out's benchmarks share: the seed articles read from ../shared and
// replicated with variation to any size. Tests and benchmarks only; the
// product never reads ../shared.
package pipelinetest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// ReadSeeds returns the texts of the seed articles in seedsDir, in file
// order, or skips the test when the directory is missing.
func ReadSeeds(tb testing.TB, seedsDir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(seedsDir)
	if err != nil {
		tb.Skipf("skipping: seed corpus not found at %s: %v", seedsDir, err)
	}
	var out []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(seedsDir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

var digits = regexp.MustCompile(`\d+`)

// ReplicateSeeds writes copies of the seed articles of seedsDir into dir
// until they reach size bytes and returns how many it wrote. Every copy is
// a distinct document: its numbers are shifted and it carries its own
// edition line, so identity, near-duplicate and story work is done for
// real instead of short-circuiting.
func ReplicateSeeds(tb testing.TB, seedsDir, dir string, size int64) int {
	tb.Helper()
	seeds := ReadSeeds(tb, seedsDir)
	var total int64
	n := 0
	for k := 0; total < size; k++ {
		for i, s := range seeds {
			shift := k*7 + i
			text := digits.ReplaceAllStringFunc(s, func(d string) string {
				v, _ := strconv.Atoi(d)
				return strconv.Itoa(v + shift%97)
			})
			head, rest, _ := strings.Cut(text, "\n")
			text = head + fmt.Sprintf(" (edition %d)\n", k) + rest + fmt.Sprintf("\nFiled from desk %d of bureau %d.\n", k, i)
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("c%05d_%d.txt", k, i)), []byte(text), 0o644); err != nil {
				tb.Fatal(err)
			}
			total += int64(len(text))
			n++
		}
	}
	return n
}
