package lang_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

var dumpMentions = flag.Bool("mentions", false, "TestSeedAliases: print every mention found")

type seedGold struct {
	Entities []struct {
		ID      string   `json:"id"`
		Type    string   `json:"type"`
		Aliases []string `json:"aliases"`
	} `json:"entities"`
}

// stripTitles drops the words a span may carry before a name ("General
// Soleimani") without changing the name.
func stripTitles(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for len(f) > 1 && (lang.IsTitle(f[0]) || f[0] == "the") {
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
		if r, _ := utf8.DecodeLastRuneInString(lt[:a]); a > 0 && isWordRune(r) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(lt[b:]); b < len(lt) && isWordRune(r) {
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

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// TestSeedAliases measures the share of gold entity aliases of the seed
// corpus that are found as mentions of the right type: by the built-in
// recogniser alone (Analyze), and by the recogniser with the knowledge
// base's names and the writing rules (AnalyzeNames with kb.Names), which is
// what the pipeline runs. The files are read whole, removed lines
// included, as the gold counts every surface form used in a file.
func TestSeedAliases(t *testing.T) {
	gb, err := os.ReadFile(filepath.Join(lang.SharedDir, "eval/seeds/gold.json"))
	if err != nil {
		t.Skipf("shared seed gold not available (%v); clone shared/ beside the repo", err)
	}
	var gold seedGold
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(lang.SharedDir, "corpus/seeds/*.txt"))
	if len(files) == 0 {
		t.Skip("shared seed corpus not available")
	}
	sort.Strings(files)
	k, err := kb.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := k.Names()
	type doc struct {
		text      string
		ner, full []model.Mention
	}
	var docs []doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		r := lang.Analyze(text)
		lang.CheckSpans(t, text, r)
		rn := lang.AnalyzeNames(text, names)
		lang.CheckSpans(t, text, rn)
		docs = append(docs, doc{text, r.Mentions, rn.Mentions})
		if *dumpMentions {
			var parts []string
			for _, m := range rn.Mentions {
				parts = append(parts, m.Text+"/"+m.Type)
			}
			fmt.Printf("== %s\n%s\n", filepath.Base(f), strings.Join(parts, " | "))
		}
	}
	for _, which := range []string{"recogniser", "recogniser+kb"} {
		total, strictN, lenientN := 0, 0, 0
		var misses []string
		for _, e := range gold.Entities {
			for _, a := range e.Aliases {
				total++
				s, l := false, false
				for _, d := range docs {
					ms := d.ner
					if which != "recogniser" {
						ms = d.full
					}
					ds, dl := aliasFound(d.text, ms, a, e.Type)
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
		t.Logf("%s: seed aliases %d; found exactly (titles aside) %d = %.1f%%; found inside the alias %d = %.1f%%", which, total, strictN, 100*strictR, lenientN, 100*lenientR)
		t.Logf("%s missed: %s", which, strings.Join(misses, "; "))
		if which == "recogniser" {
			continue
		}
		// The acceptance target is 0.95 (issue 3); this floor is what the
		// tagger reaches, to catch regressions.
		if lenientR < 0.95 {
			t.Errorf("seed alias recall %.3f < 0.95", lenientR)
		}
	}
}
