package scale

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const seedsDir = "../../../shared/corpus/seeds"

var (
	places = []string{"Mosul", "Erbil", "Tikrit", "Ramadi", "Baiji", "Samarra", "Karbala", "Najaf", "Basra", "Kirkuk", "Fallujah", "Amirli"}
	people = []string{"Haider al-Abadi", "Masoud Barzani", "Hadi al-Amiri", "Nouri al-Maliki", "Ali al-Sistani", "Ashton Carter"}
	groups = []string{"the Peshmerga", "the Popular Mobilization Forces", "the Iraqi army", "the coalition", "Kataib Hezbollah", "the Badr Organization"}
	months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	verbs  = []string{"said", "told reporters", "insisted", "claimed", "announced"}
)

// syntheticCorpus writes n distinct news-like articles (about 1.5 KB each:
// people, places, organisations, quotes, dates, numbers) into dir and
// returns their paths.
func syntheticCorpus(tb testing.TB, dir string, n int) []string {
	tb.Helper()
	paths := make([]string, n)
	for i := range n {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		pick := func(s []string) string { return s[r.IntN(len(s))] }
		place, other, who, group := pick(places), pick(places), pick(people), pick(groups)
		var b strings.Builder
		fmt.Fprintf(&b, "Dispatch %d: %s after the fighting near %s\n\n", i, place, other)
		fmt.Fprintf(&b, "%s, %s %d, 2015 — Officials in %s said on %s %d that %d families had returned after %s retook the district, according to local sources. ",
			strings.ToUpper(place), pick(months), 1+r.IntN(28), place, pick(months), 1+r.IntN(28), 10+r.IntN(5000), group)
		fmt.Fprintf(&b, "\"We will not leave %s until every road is safe,\" %s %s at a press conference in %s.\n\n", place, who, pick(verbs), other)
		for p := range 3 + r.IntN(3) {
			fmt.Fprintf(&b, "The governor of %s promised %d new schools and %d clinics by the end of the year, while %s reported %d fighters killed in clashes west of %s. ",
				pick(places), 1+r.IntN(40), 1+r.IntN(20), pick(groups), r.IntN(300), pick(places))
			fmt.Fprintf(&b, "%s %s that the offensive on %s would begin within %d weeks, a claim %s denied in a statement on day %d of the campaign (report %d, part %d).\n\n",
				pick(people), pick(verbs), pick(places), 1+r.IntN(10), pick(groups), r.IntN(200), i, p)
		}
		paths[i] = filepath.Join(dir, fmt.Sprintf("d%05d.txt", i))
		if err := os.WriteFile(paths[i], []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return paths
}

var digits = regexp.MustCompile(`\d+`)

// replicateSeeds writes copies of the seed articles into dir until they
// reach size bytes and returns how many it wrote. Every copy is a distinct
// document: its numbers are shifted and it carries its own edition line,
// so identity, near-duplicate and story work is done for real.
func replicateSeeds(tb testing.TB, dir string, size int64) int {
	tb.Helper()
	seeds := readSeeds(tb)
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

// readSeeds returns the seed articles' texts, or skips the test.
func readSeeds(tb testing.TB) []string {
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
