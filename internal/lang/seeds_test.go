package lang

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

const sharedDir = "../../../shared"

type seedGold struct {
	Entities []struct {
		ID      string   `json:"id"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
	} `json:"entities"`
}

// titleWordsForSeeds are words a span may carry before a name ("General
// Soleimani") without changing the name.
var titleWordSet = setOf(titleWords...)

func stripTitles(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for len(f) > 1 && (titleWordSet[f[0]] || f[0] == "the") {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// aliasFound reports whether some occurrence of alias in text is named by
// a mention of type typ: the mention, with leading titles removed, equals
// the alias with its titles removed (strict), or lies inside the alias
// occurrence (lenient: "Rudaw" in "Kurdish Rudaw news service").
func aliasFound(text string, ms []model.Mention, alias, typ string) (strict, lenient bool) {
	lt := strings.ToLower(text)
	la := strings.ToLower(alias)
	want := stripTitles(alias)
	for off := 0; ; {
		k := strings.Index(lt[off:], la)
		if k < 0 {
			break
		}
		a, b := off+k, off+k+len(la)
		off = a + 1
		// Whole words only.
		if a > 0 && isWordByte(lt[a-1]) || b < len(lt) && isWordByte(lt[b]) {
			continue
		}
		for _, m := range ms {
			if m.Type != typ || m.End <= a || m.Start >= b {
				continue
			}
			if stripTitles(m.Text) == want {
				strict, lenient = true, true
			}
			if m.Start >= a && m.End <= b {
				lenient = true
			}
		}
	}
	return strict, lenient
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// TestSeedAliases measures the share of gold entity aliases of the seed
// corpus that the built-in recogniser finds with the right type.
func TestSeedAliases(t *testing.T) {
	gb, err := os.ReadFile(filepath.Join(sharedDir, "eval/seeds/gold.json"))
	if err != nil {
		t.Skipf("shared seed gold not available (%v); clone shared/ beside the repo", err)
	}
	var gold seedGold
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus/seeds/*.txt"))
	if len(files) == 0 {
		t.Skip("shared seed corpus not available")
	}
	sort.Strings(files)
	type doc struct {
		text string
		ms   []model.Mention
	}
	var docs []doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := Analyze(string(b))
		checkSpans(t, string(b), r)
		docs = append(docs, doc{string(b), r.Mentions})
	}
	total, strictN, lenientN := 0, 0, 0
	var misses []string
	for _, e := range gold.Entities {
		for _, a := range e.Aliases {
			total++
			s, l := false, false
			for _, d := range docs {
				ds, dl := aliasFound(d.text, d.ms, a, e.Type)
				s, l = s || ds, l || dl
			}
			if s {
				strictN++
			}
			if l {
				lenientN++
			} else {
				misses = append(misses, e.Type+" "+a)
			}
		}
	}
	strictR := float64(strictN) / float64(total)
	lenientR := float64(lenientN) / float64(total)
	t.Logf("seed aliases: %d; found exactly (titles aside) %d = %.1f%%; found inside the alias %d = %.1f%%", total, strictN, 100*strictR, lenientN, 100*lenientR)
	t.Logf("missed: %s", strings.Join(misses, "; "))
	// The acceptance target is 0.95; the model is not there yet (see
	// RESULTS.md). This floor catches regressions.
	if lenientR < 0.72 {
		t.Errorf("seed alias recall %.3f < 0.72", lenientR)
	}
}

// checkSpans asserts the offset invariant for every span of a Result.
func checkSpans(t *testing.T, text string, r Result) {
	t.Helper()
	checkTokenOffsets(t, text, r.Tokens)
	checkSentences(t, text, r.Tokens, r.Sentences)
	for _, s := range r.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("sentence [%d,%d) out of range", s.Start, s.End)
		}
	}
	for _, m := range r.Mentions {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			t.Fatalf("mention %+v does not match text", m)
		}
		switch m.Type {
		case model.Person, model.Org, model.Place, model.Misc:
		default:
			t.Fatalf("mention %+v has unknown type", m)
		}
	}
	for _, q := range r.Quantities {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End || text[q.Start:q.End] != q.Text {
			t.Fatalf("quantity %+v does not match text", q)
		}
	}
}
