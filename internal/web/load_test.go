package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	goruntime "runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// The load test runs only when asked (PARALLAX_LOADTEST=1), so that
// `go test ./...` stays fast:
//
//	PARALLAX_LOADTEST=1 go test ./internal/web -run TestLoad -v -timeout 60m
//
// It builds (once, cached under /tmp) a store of PARALLAX_LOAD_DOCS
// (default 50,000) distinct documents synthesised from the seed corpus,
// serves it on loopback and reports p50/p95 latency of search and entity
// pages. Bounds: PARALLAX_LOAD_REQUESTS requests per kind (default 400)
// and two minutes per kind.

// Name pools for the synthetic documents: invented people, real towns of
// the region, invented units; combined they make thousands of entities.
var (
	synthFirst   = strings.Fields("Ali Hassan Hussein Abbas Karim Jafar Haidar Mahdi Mustafa Qasim Yusuf Omar Khalid Salim Nabil Tariq Walid Faris Hamid Rashid Saad Adel Majid Nasser Bilal Ziad Fadi Samir Jamal Sami Amir Reza Mehdi Hadi Yasin Anas Basim Diyar Rawand Shirwan")
	synthLast    = strings.Fields("al-Amiri al-Muhandis Karimi Rahimi al-Khazali al-Fayadh Barzani Talabani al-Jubouri al-Obeidi al-Dulaimi al-Hashimi Zebari al-Maliki al-Abadi al-Sadr Nouri Hakim al-Tamimi al-Rubaie Hosseini Moradi Ahmadi Jafari Sadeghi Bagheri Rostami Shahidi Nazari Kazemi Yazdani Tehrani Shirazi Esfahani Khorasani Mousavi Hashemi Saberi Farahani Salehi")
	synthPlaces  = strings.Fields("Tikrit Baiji Samarra Ramadi Fallujah Mosul Kirkuk Erbil Sulaymaniyah Diyala Baqubah Amirli Tuz Sinjar Tal-Afar Hit Haditha Rutba Qaim Anah Karbala Najaf Hillah Kut Basra Nasiriyah Amarah Dohuk Zakho Makhmour Gwer Hawija Sharqat Qayyarah Hammam Bartella Bashiqa Tel-Kaif Jalawla Saadiya Khanaqin Mandali Balad Dujail Taji Abu-Ghraib Yusufiyah Latifiyah Mahmudiyah Jurf-al-Sakhar")
	synthUnits   = strings.Fields("Badr Asaib Kataib Saraya Nujaba Khorasani Abbas Ali-Akbar Imam-Ali Jund Hashd Furqan Ansar Tawheed Karrar Hezbollah-Nujaba Sayyid-Shuhada Jihad Muntadhar Hamza")
	synthOutlets = []string{"alalam.ir", "presstv.ir", "rudaw.net", "almanar.com.lb", "breitbart.com", "longwarjournal.org", "aljazeera.com",
		"reuters.com", "alsumaria.tv", "kurdistan24.net", "tasnimnews.com", "foxnews.com", "middleeasteye.net", "iraqinews.com"}
	synthVerbs = []string{"said", "told reporters", "announced", "claimed", "denied", "confirmed"}
)

var digits = regexp.MustCompile(`\b[0-9]{1,4}\b`)

// synthDocs writes n JSON Lines records built from the seed paragraphs
// into files under dir, shard records a file.
func synthDocs(dir string, n, shard int) error {
	seeds, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(seeds) == 0 {
		return fmt.Errorf("no seeds in %s: %v", seedsDir, err)
	}
	var paras []string
	for _, f := range seeds {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for _, p := range strings.Split(string(b), "\n\n") {
			if p = strings.TrimSpace(p); len(p) > 120 {
				paras = append(paras, p)
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var w *bufio.Writer
	var f *os.File
	for i := 0; i < n; i++ {
		if i%shard == 0 {
			if w != nil {
				w.Flush()
				f.Close()
			}
			f, err = os.Create(filepath.Join(dir, fmt.Sprintf("synth-%05d.jsonl", i/shard)))
			if err != nil {
				return err
			}
			w = bufio.NewWriterSize(f, 1<<20)
		}
		person := pick(synthFirst) + " " + pick(synthLast)
		place := strings.ReplaceAll(pick(synthPlaces), "-", " ")
		unit := strings.ReplaceAll(pick(synthUnits), "-", " ") + " Brigade"
		date := time.Date(2014+rng.IntN(7), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
		var parts []string
		parts = append(parts, fmt.Sprintf("%s of the %s %s on %s that %d fighters had reached %s, and that %d more were expected within %d days.",
			person, unit, pick(synthVerbs), date.Format("January 2"), 20+rng.IntN(5000), place, 10+rng.IntN(900), 2+rng.IntN(40)))
		for k := 3 + rng.IntN(4); k > 0; k-- {
			p := pick(paras)
			p = digits.ReplaceAllStringFunc(p, func(string) string { return strconv.Itoa(1 + rng.IntN(3000)) })
			parts = append(parts, p)
		}
		other := pick(synthFirst) + " " + pick(synthLast)
		parts = append(parts, fmt.Sprintf("\"We will not leave %s,\" %s %s, adding that the %s had lost %d men near %s.",
			place, other, pick(synthVerbs), unit, 1+rng.IntN(300), strings.ReplaceAll(pick(synthPlaces), "-", " ")))
		rec := map[string]string{
			"url":       fmt.Sprintf("https://%s/news/%d", pick(synthOutlets), i),
			"title":     fmt.Sprintf("%s: %s and the battle for %s (%d)", place, person, place, i),
			"published": date.Format("2006-01-02"),
			"text":      strings.Join(parts, "\n\n"),
		}
		rec["outlet"] = strings.SplitN(strings.TrimPrefix(rec["url"], "https://"), "/", 2)[0]
		b, _ := json.Marshal(rec)
		w.Write(b)
		w.WriteByte('\n')
	}
	if w != nil {
		w.Flush()
		return f.Close()
	}
	return nil
}

// loadStore opens the cached load-test store, building it when missing.
func loadStore(t *testing.T, n int) store.Store {
	t.Helper()
	path := os.Getenv("PARALLAX_LOAD_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("parallax-load-%d.db", n))
	}
	ctx := context.Background()
	if st, err := sqlite.Open(ctx, path); err == nil {
		if have, _ := st.CountDocuments(ctx); have >= n {
			if done, _ := st.Meta(ctx, "loadtest"); done == "complete" {
				t.Logf("using the cached store %s (%d documents)", path, have)
				return st
			}
		}
		st.Close()
	}
	os.Remove(path)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	dir := t.TempDir()
	start := time.Now()
	if err := synthDocs(dir, n, 2000); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	opts := pipeline.DefaultOptions()
	opts.SkipCorpus = true
	opts.BatchSize = 500
	rep, err := pipeline.Run(ctx, st, pipeline.NewAnalyzer(), pipeline.NewCorpus(), []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ingested %d documents (%d failed) in %s", rep.Added, rep.Failed, time.Since(start).Round(time.Second))
	start = time.Now()
	if err := pipeline.NewCorpus().Run(ctx, st); err != nil {
		t.Fatal(err)
	}
	t.Logf("corpus analysis in %s", time.Since(start).Round(time.Second))
	start = time.Now()
	if err := fillLoadResults(ctx, st); err != nil {
		t.Fatal(err)
	}
	t.Logf("filled empty result tables in %s", time.Since(start).Round(time.Second))
	if err := st.SetMeta(ctx, "loadtest", "complete"); err != nil {
		t.Fatal(err)
	}
	return st
}

// fillLoadResults gives the load store frames and quotes when the pipeline
// does not produce them yet: the entity page reads both, and timing it on
// empty tables would flatter it. Frames: the three most named people and
// organisations of each document; quotes: quoted passages.
func fillLoadResults(ctx context.Context, st store.Store) error {
	haveFrames, err := st.Frames(ctx, store.FrameFilter{Outlet: synthOutlets[0]})
	if err != nil {
		return err
	}
	haveQuotes, err := st.Quotes(ctx, store.QuoteFilter{Limit: 1})
	if err != nil {
		return err
	}
	if len(haveFrames) > 0 && len(haveQuotes) > 0 {
		return nil
	}
	var frames []model.Frame
	var quotes []model.Quote
	err = st.EachDocument(ctx, func(d model.Document, _ model.Analysis) error {
		a, err := st.Analysis(ctx, d.ID) // with resolved entities
		if err != nil {
			return err
		}
		count := map[string]int{}
		first := map[string]model.Mention{}
		for _, m := range a.Mentions {
			if m.Entity != "" && (m.Type == model.Person || m.Type == model.Org) {
				count[m.Entity]++
				if _, ok := first[m.Entity]; !ok {
					first[m.Entity] = m
				}
			}
		}
		ids := make([]string, 0, len(count))
		for id := range count {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(i, j int) bool {
			return count[ids[i]] > count[ids[j]] || count[ids[i]] == count[ids[j]] && ids[i] < ids[j]
		})
		for i, id := range ids {
			if i == 3 {
				break
			}
			m := first[id]
			stance := float64((int(d.ID[0])+int(d.ID[1])+i)%9-4) / 4
			frames = append(frames, model.Frame{Entity: id, Doc: d.ID, Outlet: d.Outlet, Stance: stance, Label: "synthetic",
				Evidence: []model.FrameEvidence{{Text: m.Text, Start: m.Start, End: m.End, Weight: stance}}})
		}
		for _, m := range quoteRe.FindAllStringSubmatchIndex(d.Text, 3) {
			quotes = append(quotes, model.Quote{Doc: d.ID, Kind: model.QuoteDirect, Text: d.Text[m[2]:m[3]], Cue: "said", Start: m[2], End: m[3],
				Speaker: model.Speaker{Text: "unnamed", Anonymous: true}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(haveFrames) == 0 {
		if err := st.ReplaceFrames(ctx, frames); err != nil {
			return err
		}
	}
	if len(haveQuotes) == 0 {
		return st.ReplaceQuotes(ctx, quotes)
	}
	return nil
}

// latencies runs requests against url paths with a few workers and returns
// the sorted latencies.
func latencies(t *testing.T, base string, paths []string, count, workers int, budget time.Duration) []time.Duration {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	var mu sync.Mutex
	var out []time.Duration
	deadline := time.Now().Add(budget)
	next := make(chan string)
	go func() {
		for i := 0; i < count && time.Now().Before(deadline); i++ {
			next <- paths[i%len(paths)]
		}
		close(next)
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				start := time.Now()
				resp, err := client.Get(base + p)
				if err != nil {
					t.Error(err)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				d := time.Since(start)
				if resp.StatusCode != 200 {
					t.Errorf("GET %s: %d", p, resp.StatusCode)
				}
				mu.Lock()
				out = append(out, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func pct(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(p * float64(len(ds)-1))
	return ds[i]
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func TestLoad(t *testing.T) {
	if os.Getenv("PARALLAX_LOADTEST") == "" {
		t.Skip("load test: set PARALLAX_LOADTEST=1 to run it (builds a 50,000-document store under /tmp the first time)")
	}
	seedStorePath(t) // skips without the seeds
	n := envInt("PARALLAX_LOAD_DOCS", 50000)
	count := envInt("PARALLAX_LOAD_REQUESTS", 400)
	clients := envInt("PARALLAX_LOAD_CLIENTS", 2)
	st := loadStore(t, n)
	defer st.Close()
	srv, err := New(st, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	have, _ := st.CountDocuments(context.Background())

	// Entities: the most named, the middle and the rare, by type.
	var entityPaths, entityAPIPaths []string
	for _, typ := range []string{"PERSON", "ORG", "PLACE"} {
		for _, off := range []int{0, 5, 50, 500} {
			var page struct{ Items []struct{ ID string } }
			getJSON(t, ts, fmt.Sprintf("/api/entities?type=%s&limit=3&next=%d", typ, off), &page)
			for _, e := range page.Items {
				entityPaths = append(entityPaths, "/entities/"+url.PathEscape(e.ID))
				entityAPIPaths = append(entityAPIPaths, "/api/entities/"+url.PathEscape(e.ID))
			}
		}
	}
	queries := []string{"soleimani", "amirli siege", `"quds force" OR "qods force"`, "sulaim*", "karimi", "baiji fighters",
		"fallujah", "brigade", "isis", "hezbollah brigades", "jurf al sakhar", "drone strike baghdad", "al-muhandis", "tikrit"}
	var searchPaths, searchAPIPaths []string
	for _, q := range queries {
		searchPaths = append(searchPaths, "/search?q="+url.QueryEscape(q))
		searchAPIPaths = append(searchAPIPaths, "/api/search?q="+url.QueryEscape(q))
	}
	var comparePaths []string
	for _, p := range entityPaths {
		comparePaths = append(comparePaths, "/compare?entity="+strings.TrimPrefix(p, "/entities/"))
	}
	// Warm the page cache as a running server would be.
	latencies(t, ts.URL, append(append(searchPaths, entityPaths...), "/"), len(searchPaths)+len(entityPaths)+1, 2, time.Minute)

	type result struct {
		name     string
		n        int
		p50, p95 time.Duration
		limit    time.Duration
	}
	var results []result
	t.Logf("load average before: %s", loadAvg())
	if busy := loadAvg(); busy != "unknown" {
		if l, _ := strconv.ParseFloat(strings.Fields(busy)[0], 64); l > float64(runtimeProcs()) {
			t.Logf("warning: the machine is busy (load %.1f on %d cores): latencies include other programs' work; CPU per request does not", l, runtimeProcs())
		}
	}
	for _, k := range []struct {
		name  string
		paths []string
		limit time.Duration
	}{
		{"search page (/search?q=)", searchPaths, 50 * time.Millisecond},
		{"search API (/api/search?q=)", searchAPIPaths, 50 * time.Millisecond},
		{"entity page (/entities/{id})", entityPaths, 200 * time.Millisecond},
		{"entity API (/api/entities/{id})", entityAPIPaths, 200 * time.Millisecond},
		{"documents listing (/documents)", []string{"/documents", "/documents?limit=100", "/documents?outlet=rudaw.net"}, 200 * time.Millisecond},
		{"entities listing (/entities)", []string{"/entities", "/entities?type=PLACE", "/entities?q=al-"}, 200 * time.Millisecond},
		{"overview (/)", []string{"/"}, 200 * time.Millisecond},
		{"compare (/compare?entity=)", comparePaths, 200 * time.Millisecond},
	} {
		cpu0 := cpuTime()
		ds := latencies(t, ts.URL, k.paths, count, clients, 2*time.Minute)
		cpu := cpuTime() - cpu0
		r := result{k.name, len(ds), pct(ds, 0.50), pct(ds, 0.95), k.limit}
		results = append(results, r)
		t.Logf("%-34s %4d requests  p50 %7.2f ms  p95 %7.2f ms  CPU %6.2f ms/request  (goal p95 < %v)", r.name, r.n, ms(r.p50), ms(r.p95),
			ms(cpu)/float64(max(1, r.n)), r.limit)
	}
	t.Logf("store: %d documents; %d concurrent clients on loopback; GOMAXPROCS %d; load average after: %s", have, clients, runtimeProcs(), loadAvg())
	for _, r := range results {
		if r.p95 > r.limit && (strings.HasPrefix(r.name, "search") || strings.HasPrefix(r.name, "entity ")) {
			t.Errorf("%s: p95 %.1f ms over the goal of %v", r.name, ms(r.p95), r.limit)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func runtimeProcs() int { return goruntime.GOMAXPROCS(0) }

// cpuTime is the CPU time (user and system) this process has used: the
// server and the clients both live here, so it is an upper bound of the
// server's cost per request that other load on the machine does not change.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAvg is the machine's 1-, 5- and 15-minute load average: latencies
// measured while other programs use the cores are not the server's own.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
