package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/eval/extract"
)

const (
	seedsDir   = "../../../shared/corpus/seeds"
	goldPath   = "../../../shared/eval/seeds/gold.json"
	extractDir = "../../../shared/eval/extract"
)

func loadSeeds(tb testing.TB) map[string]string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("seed corpus %s absent (shared/ is cloned beside the repo): %v", seedsDir, err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

func BenchmarkText(b *testing.B) {
	seeds := loadSeeds(b)
	var all []string
	for _, s := range seeds {
		all = append(all, s)
	}
	corpus := strings.Join(all, "\n\n")
	opts := DefaultOptions()
	b.SetBytes(int64(len(corpus)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range all {
			Text(s, opts)
		}
	}
}

func BenchmarkHTML(b *testing.B) {
	pages, err := extract.LoadPages(extractDir)
	if err != nil {
		b.Skipf("extraction dev set absent: %v", err)
	}
	pages = pages[:20]
	var n int64
	for _, p := range pages {
		n += int64(len(p.HTML))
	}
	opts := DefaultOptions()
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pages {
			if _, err := HTML(p.HTML, p.URL, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkSimHash(b *testing.B) {
	seeds := loadSeeds(b)
	var all []string
	for _, s := range seeds {
		all = append(all, s)
	}
	corpus := strings.Join(all, "\n\n")
	b.SetBytes(int64(len(corpus)))
	for i := 0; i < b.N; i++ {
		SimHash(corpus)
	}
}

func BenchmarkContentKey(b *testing.B) {
	seeds := loadSeeds(b)
	var all []string
	for _, s := range seeds {
		all = append(all, s)
	}
	corpus := strings.Join(all, "\n\n")
	b.SetBytes(int64(len(corpus)))
	for i := 0; i < b.N; i++ {
		ContentKey(corpus)
	}
}
