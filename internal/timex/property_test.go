package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkSpans asserts the invariants of every expression: offsets inside the
// text, text[Start:End] == Text, sorted and disjoint, Begin <= Until.
func checkSpans(t testing.TB, text string, exprs []Expr) {
	t.Helper()
	prevEnd := 0
	for _, e := range exprs {
		if e.Start < prevEnd || e.Start >= e.End || e.End > len(text) {
			t.Fatalf("bad span %d..%d (prev end %d, len %d) for %q", e.Start, e.End, prevEnd, len(text), e.Text)
		}
		if text[e.Start:e.End] != e.Text {
			t.Fatalf("text[%d:%d] = %q, Text = %q", e.Start, e.End, text[e.Start:e.End], e.Text)
		}
		if utf8.ValidString(text) && !utf8.ValidString(e.Text) {
			t.Fatalf("span %q cuts a character", e.Text)
		}
		if (e.Begin == "") != (e.Until == "") || e.Begin > e.Until {
			t.Fatalf("bad range %q..%q for %q", e.Begin, e.Until, e.Text)
		}
		switch e.Type {
		case "DATE", "TIME", "DURATION", "SET":
		default:
			t.Fatalf("bad type %q for %q", e.Type, e.Text)
		}
		prevEnd = e.End
	}
}

func propertyTexts(t *testing.T) map[string]string {
	texts := map[string]string{}
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts["news"] = string(b)
	seeds, _ := filepath.Glob("../../../shared/corpus/seeds/*.txt")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			texts[filepath.Base(p)] = string(b)
		}
	}
	texts["edges"] = "Jan\nMay 2\n\u201940s last\u2014week 1990s-\n3 p.m. Sept. 2020-13-45 '80s 12/31/ 2014-10- the the past"
	texts["crlf"] = strings.ReplaceAll(texts["news"], "\n", "\r\n")
	return texts
}

// TestOffsets is the offsets property over real and odd texts, at several anchors.
func TestOffsets(t *testing.T) {
	for name, text := range propertyTexts(t) {
		for _, a := range []string{"", "1989-10-26", "2014-11-02", "2020-02-29"} {
			exprs := FindExprs(text, anchorOf(t, a), DefaultOptions())
			if name == "news" && len(exprs) < 30 {
				t.Errorf("%s: only %d expressions", name, len(exprs))
			}
			checkSpans(t, text, exprs)
		}
	}
}

func FuzzFind(f *testing.F) {
	b, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, para := range strings.Split(string(b), "\n\n") {
		f.Add(para, int64(16000))
	}
	f.Add("the 40th day since a January 3 drone strike", int64(18300))
	f.Add("2014-10-24 10/24/2014 24.10.2014 Q3 2014 the '80s", int64(0))
	f.Fuzz(func(t *testing.T, text string, days int64) {
		a := UnknownAnchor
		if days > 0 && days < 80000 {
			a = AnchorOn(date(1970, 1, 1).AddDate(0, 0, int(days)))
		}
		exprs := FindExprs(text, a, DefaultOptions())
		checkSpans(t, text, exprs)
		_, _, _, _ = DateLine(text)
		_, _ = InferPublished(text, nil, DefaultInferOptions())
	})
}

func BenchmarkFind(b *testing.B) {
	raw, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(raw)+"\n\n", 50) // about 100 KB of news text
	a := AnchorOn(date(2015, 1, 12))
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpu0 := cpuTime()
	n := 0
	for i := 0; i < b.N; i++ {
		n += len(FindExprs(text, a, DefaultOptions()))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "exprs/s")
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}

func BenchmarkInferPublished(b *testing.B) {
	raw, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.SetBytes(int64(len(text)))
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		InferPublished(text, nil, DefaultInferOptions())
	}
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}

// BenchmarkFindSeeds measures the tagger on the real seed articles (skipped
// when shared/ is absent).
func BenchmarkFindSeeds(b *testing.B) {
	paths, _ := filepath.Glob("../../../shared/corpus/seeds/*.txt")
	if len(paths) == 0 {
		b.Skip("shared seeds not found")
	}
	var sb strings.Builder
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(raw)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	a := AnchorOn(date(2015, 1, 12))
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpu0 := cpuTime()
	n := 0
	for i := 0; i < b.N; i++ {
		n += len(FindExprs(text, a, DefaultOptions()))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "exprs/s")
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/cpu, "MB/cpu-s")
	}
}
