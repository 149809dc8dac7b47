package resolve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/eval/resolveeval"
	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve"
)

// benchSource returns gold-alias mentions of the seed corpus, or of the
// held-out test articles when the seeds are not beside the repo.
func benchSource(b testing.TB) []resolve.DocMentions {
	if gold, err := resolveeval.ReadGold(goldPath); err == nil {
		files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
		if len(files) > 0 {
			sort.Strings(files)
			var docs []resolve.DocMentions
			for _, f := range files {
				t, _ := os.ReadFile(f)
				docs = append(docs, resolve.DocMentions{Doc: filepath.Base(f), Text: string(t)})
			}
			return goldMentions(docs, gold)
		}
	}
	gold, err := resolveeval.ReadGold("testdata/heldout/gold.json")
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/heldout/*.txt")
	sort.Strings(files)
	var docs []resolve.DocMentions
	for _, f := range files {
		t, _ := os.ReadFile(f)
		docs = append(docs, resolve.DocMentions{Doc: filepath.Base(f), Text: string(t)})
	}
	return goldMentions(docs, gold)
}

// vary rewrites a name the way another outlet might transliterate or
// mistype it; variant v picks one of several systematic changes.
func vary(name string, v int) string {
	if v%7 == 0 || len(name) < 5 || strings.ToUpper(name) == name {
		return name
	}
	b := []byte(name)
	pos := 1 + v%(len(b)-2)
	swap := map[byte]byte{'e': 'i', 'i': 'e', 'o': 'u', 'u': 'o', 'a': 'e'}
	switch v % 5 {
	case 0: // a vowel read differently
		for i := pos; i < len(b); i++ {
			if r, ok := swap[b[i]]; ok {
				b[i] = r
				break
			}
		}
	case 1: // a consonant doubled
		for i := pos; i < len(b)-1; i++ {
			if c := b[i]; c >= 'b' && c <= 'z' && !strings.ContainsRune("aeiouy", rune(c)) {
				return string(b[:i+1]) + string(c) + string(b[i+1:])
			}
		}
	case 2: // the article written another way
		s := string(b)
		if strings.Contains(s, "al-") {
			return strings.Replace(s, "al-", "el-", 1)
		}
		return strings.Replace(s, "ou", "u", 1)
	case 3: // two letters swapped
		if pos+1 < len(b) && b[pos] != ' ' && b[pos+1] != ' ' {
			b[pos], b[pos+1] = b[pos+1], b[pos]
		}
	case 4: // ee for i
		return strings.Replace(string(b), "i", "ee", 1)
	}
	return string(b)
}

// syllables build names of people who appear in one copy only, so the
// number of distinct entities grows with the corpus as it would in life.
var syllables = []string{"ka", "ra", "mi", "zu", "ha", "di", "sa", "lo", "ne", "tu", "ba", "fi", "qa", "jo", "wa", "ye"}

func localName(c, k int) string {
	s := func(n int) string {
		return syllables[n%len(syllables)] + syllables[(n/len(syllables))%len(syllables)] + syllables[(n/256)%len(syllables)]
	}
	a, b := s(c*7+k*3), s(c*13+k*5+1)
	return "Abu " + strings.ToUpper(a[:1]) + a[1:] + " al-" + strings.ToUpper(b[:1]) + b[1:]
}

// scaled replicates the source documents with systematic name variation
// until there are at least n mentions.
func scaled(src []resolve.DocMentions, n int) []resolve.DocMentions {
	var out []resolve.DocMentions
	total := 0
	for c := 0; total < n; c++ {
		for _, d := range src {
			var text strings.Builder
			nd := resolve.DocMentions{Doc: fmt.Sprintf("c%05d/%s", c, d.Doc)}
			add := func(s, typ string) {
				if text.Len() > 0 {
					text.WriteString(" and ")
				}
				start := text.Len()
				text.WriteString(s)
				nd.Mentions = append(nd.Mentions, model.Mention{Doc: nd.Doc, Start: start, End: text.Len(), Text: s, Type: typ})
			}
			for j, m := range d.Mentions {
				add(vary(m.Text, c+j), m.Type)
			}
			for k := 0; k < 3; k++ {
				add(localName(c, k), model.Person)
			}
			nd.Text = text.String()
			total += len(nd.Mentions)
			out = append(out, nd)
			if total >= n {
				break
			}
		}
	}
	return out
}

// BenchmarkResolve times resolution of 25k to 200k mentions. Work should
// grow close to linearly: compare ns/mention across sizes.
func BenchmarkResolve(b *testing.B) {
	src := benchSource(b)
	if _, err := kb.Load(); err != nil { // load once, outside the timings
		b.Fatal(err)
	}
	for _, n := range []int{25_000, 50_000, 100_000, 200_000} {
		docs := scaled(src, n)
		mentions := 0
		for _, d := range docs {
			mentions += len(d.Mentions)
		}
		b.Run(fmt.Sprintf("mentions=%d", n), func(b *testing.B) {
			var res resolve.Result
			cpu0 := cpuTime()
			for b.Loop() {
				var err error
				if res, err = resolve.Resolve(docs, nil, resolve.DefaultOptions()); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time as well as wall time: on a shared machine wall time
			// also counts other processes
			b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(mentions), "ns/mention")
			b.ReportMetric(float64(len(res.Entities)), "entities")
		})
	}
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
