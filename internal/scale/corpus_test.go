package scale

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/pipeline/pipelinetest"
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

// replicateSeeds writes the seeds, replicated with variation, into dir up
// to size bytes (pipelinetest.ReplicateSeeds).
func replicateSeeds(tb testing.TB, dir string, size int64) int {
	return pipelinetest.ReplicateSeeds(tb, seedsDir, dir, size)
}

// readSeeds returns the seed articles' texts, or skips the test.
func readSeeds(tb testing.TB) []string { return pipelinetest.ReadSeeds(tb, seedsDir) }
