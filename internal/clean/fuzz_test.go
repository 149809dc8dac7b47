package clean

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// maxFuzzBytes keeps fuzz inputs to article size, so each run stays short.
const maxFuzzBytes = 64 << 10

func FuzzText(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{"", "\n", "Title\n\nJan 06 2021\n7 Visits\nTitle\n\nBody.", "\xff\xfe\x00", "Similar post\n\nA\n\nB", "[W]hat. In other words, [w]hat."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if len(raw) > maxFuzzBytes {
			return
		}
		// A run this long is a hang: crash so the fuzzer keeps the input.
		guard := time.AfterFunc(10*time.Second, func() { panic(fmt.Sprintf("Text ran over 10s on %q", raw)) })
		res := Text(raw, DefaultOptions())
		guard.Stop()
		checkInvariants(t, res)
		if res.Published != "" && len(res.Published) != 10 {
			t.Errorf("published %q is not YYYY-MM-DD", res.Published)
		}
		if !utf8.ValidString(res.Title) {
			t.Errorf("title is not valid UTF-8")
		}
	})
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(readTestdataF(f, "article.html")), "https://news.example.com/a")
	for _, s := range []string{"", "<html>", "<p>a<br>b</p>", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":[]}</script>", "<meta charset=\"koi8-r\"><p>\xc1\xc2</p>", "<table><tr><td><pre>x\n y</pre>"} {
		f.Add([]byte(s), "")
	}
	f.Fuzz(func(t *testing.T, raw []byte, pageURL string) {
		if len(raw) > maxFuzzBytes {
			return
		}
		guard := time.AfterFunc(20*time.Second, func() { panic(fmt.Sprintf("HTML ran over 20s on %q", raw)) })
		res, err := HTML(raw, pageURL, DefaultOptions())
		guard.Stop()
		if err != nil {
			return
		}
		checkInvariants(t, res)
	})
}

func readTestdataF(f *testing.F, name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		f.Fatal(err)
	}
	return string(b)
}
