package stories

import (
	"flag"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/eval/storyeval"
)

var sweep = flag.Bool("sweep", false, "print diagnostics and parameter sweeps on the story dev set")

// confusion prints, per predicted story, its gold composition.
func confusion(d devSet, pred map[string]string) string {
	comp := map[string]map[string]int{}
	for url, g := range d.gold {
		p := pred[url]
		if comp[p] == nil {
			comp[p] = map[string]int{}
		}
		comp[p][g]++
	}
	var lines []string
	for p, m := range comp {
		var parts []string
		for g, n := range m {
			parts = append(parts, fmt.Sprintf("%s:%d", g, n))
		}
		sort.Strings(parts)
		lines = append(lines, strings.Join(parts, " ")+"   <- "+p[:min(len(p), 60)])
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestSweepConfusion(t *testing.T) {
	if !*sweep {
		t.Skip("diagnostics: run with -sweep")
	}
	d := loadDev(t)
	opt := DefaultOptions()
	pred := cluster(t, d.articles, opt)
	t.Logf("\n%s", confusion(d, pred))
	t.Logf("%s", storyeval.Score(d.gold, pred))
}

// TestSweepTrace prints, for each arriving document, its best candidate and
// the two cosines, marking wrong joins and missed joins.
func TestSweepTrace(t *testing.T) {
	if !*sweep {
		t.Skip("diagnostics: run with -sweep")
	}
	d := loadDev(t)
	opt := DefaultOptions()
	idx := NewMemoryIndex()
	c := mustNew(t, idx, opt)
	c.trace = func(doc string, cands []StoryState, ct, ce []float64, final string) {
		g := d.gold[doc]
		line := fmt.Sprintf("%-12s -> ", g)
		type row struct {
			g      string
			ct, ce float64
		}
		var rows []row
		for i, st := range cands {
			// majority gold of the candidate
			cnt := map[string]int{}
			for u, s := range idx.Assignments() {
				if s == st.ID {
					cnt[d.gold[u]]++
				}
			}
			best, bn := "", 0
			for k, n := range cnt {
				if n > bn {
					best, bn = k, n
				}
			}
			rows = append(rows, row{best, ct[i], ce[i]})
		}
		sort.Slice(rows, func(i, j int) bool {
			return rows[i].ct*(1-opt.EntityWeight)+rows[i].ce*opt.EntityWeight > rows[j].ct*(1-opt.EntityWeight)+rows[j].ce*opt.EntityWeight
		})
		for i, r := range rows {
			if i >= 3 {
				break
			}
			mark := " "
			if r.g == g {
				mark = "*"
			}
			line += fmt.Sprintf("%s%s t%.2f e%.2f  ", mark, r.g, r.ct, r.ce)
		}
		t.Log(line)
	}
	arts := d.articles
	if v := os.Getenv("SEED"); v != "" {
		sd, _ := strconv.Atoi(v)
		arts = shuffled(arts, uint64(sd))
	}
	for _, a := range arts {
		as, err := c.Add(t.Context(), Input{ID: a.URL, Title: a.Title, Text: a.Text})
		if err != nil {
			t.Fatal(err)
		}
		if len(as.Absorbed) > 0 {
			t.Logf("   merged %v into %s", as.Absorbed, as.Story)
		}
	}
}

// TestSweepGrid runs the cross product of option values given in
// SWEEP="Field=v1,v2;Field2=v3" and prints file-order and shuffled figures.
func TestSweepGrid(t *testing.T) {
	if !*sweep {
		t.Skip("diagnostics: run with -sweep")
	}
	d := loadDev(t)
	spec := os.Getenv("SWEEP")
	var fields []string
	var values [][]string
	for _, part := range strings.Split(spec, ";") {
		if part == "" {
			continue
		}
		name, vals, _ := strings.Cut(part, "=")
		fields = append(fields, name)
		values = append(values, strings.Split(vals, ","))
	}
	var rec func(i int, opt Options, label string)
	rec = func(i int, opt Options, label string) {
		if i == len(fields) {
			file, shuf := orderFigures(t, d, opt)
			mean, lo := meanMin(shuf)
			alone := 0.0
			for _, tp := range d.topics() {
				te := d.subset(map[string]bool{tp: true})
				alone += storyeval.Score(te.gold, cluster(t, te.articles, opt)).BCubedF1
			}
			alone /= float64(len(d.topics()))
			t.Logf("%s: file %.3f (P %.3f R %.3f) shuffled mean %.3f min %.3f | topics alone %.3f", label, file.BCubedF1, file.BCubedP, file.BCubedR, mean, lo, alone)
			return
		}
		for _, v := range values[i] {
			o := opt
			f := reflect.ValueOf(&o).Elem().FieldByName(fields[i])
			switch f.Kind() {
			case reflect.Float64:
				x, _ := strconv.ParseFloat(v, 64)
				f.SetFloat(x)
			case reflect.Int:
				x, _ := strconv.Atoi(v)
				f.SetInt(int64(x))
			case reflect.Bool:
				f.SetBool(v == "true")
			default:
				t.Fatalf("field %s", fields[i])
			}
			rec(i+1, o, label+fmt.Sprintf(" %s=%s", fields[i], v))
		}
	}
	rec(0, DefaultOptions(), "")
}

// TestSweepOracle compares each document with the gold centroids of its own
// event (without itself) and of the look-alike event, with final IDF.
func TestSweepOracle(t *testing.T) {
	if !*sweep {
		t.Skip("diagnostics: run with -sweep")
	}
	d := loadDev(t)
	opt := DefaultOptions()
	c := mustNew(t, NewMemoryIndex(), opt)
	stems := map[string]string{}
	feats := map[string]features{}
	df := map[string]int{}
	for _, a := range d.articles {
		f, _ := extract(Input{ID: a.URL, Title: a.Title, Text: a.Text}, &c.opt, stems, nil)
		feats[a.URL] = f
		for k := range f.terms {
			df[k]++
		}
		for k := range f.entities {
			df[k]++
		}
	}
	n := float64(len(d.articles))
	idf := func(k string) float64 { return math.Log(1 + n/float64(max(df[k], 1))) }
	prof := func(urls []string) profile {
		p := profile{terms: sparse{}, ents: sparse{}}
		for _, u := range urls {
			p = c.combine(p, profile{terms: unitRaw(feats[u].terms), ents: unitRaw(feats[u].entities), docs: 1})
		}
		return p
	}
	members := map[string][]string{}
	for _, a := range d.articles {
		members[d.gold[a.URL]] = append(members[d.gold[a.URL]], a.URL)
	}
	other := func(g string) string {
		if strings.HasSuffix(g, "plus") {
			return strings.TrimSuffix(g, "plus")
		}
		return g + "plus"
	}
	bad := 0
	for _, a := range d.articles {
		g := d.gold[a.URL]
		var own []string
		for _, u := range members[g] {
			if u != a.URL {
				own = append(own, u)
			}
		}
		dp := profile{terms: unitRaw(feats[a.URL].terms), ents: unitRaw(feats[a.URL].entities), docs: 1}
		so := c.similarity(dp, prof(own), idf)
		sx := c.similarity(dp, prof(members[other(g)]), idf)
		mark := ""
		if sx >= so {
			mark = "  <-- closer to the look-alike"
			bad++
		}
		t.Logf("%-12s own %.2f other %.2f  %.60s%s", g, so, sx, a.Title, mark)
	}
	t.Logf("%d of %d closer to the look-alike event", bad, len(d.articles))
}

func TestSweepShuffleImpure(t *testing.T) {
	if !*sweep {
		t.Skip("diagnostics: run with -sweep")
	}
	d := loadDev(t)
	for seed := uint64(1); seed <= 5; seed++ {
		pred := cluster(t, shuffled(d.articles, seed), DefaultOptions())
		var impure []string
		for _, l := range strings.Split(confusion(d, pred), "\n") {
			if strings.Count(l, ":") > 2 {
				impure = append(impure, l[:strings.Index(l, "<-")])
			}
		}
		t.Logf("seed %d %s: %v", seed, storyeval.Score(d.gold, pred), impure)
	}
}

func TestSweepTopicAlone(t *testing.T) {
	if !*sweep {
		t.Skip("diagnostics: run with -sweep")
	}
	d := loadDev(t)
	for _, tp := range d.topics() {
		te := d.subset(map[string]bool{tp: true})
		pred := cluster(t, te.articles, DefaultOptions())
		t.Logf("topic %s %s\n%s", tp, storyeval.Score(te.gold, pred), confusion(te, pred))
	}
}
