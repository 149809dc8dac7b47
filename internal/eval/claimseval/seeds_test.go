package claimseval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/frames"
)

const (
	seedGold = "../../../../shared/eval/seeds/gold.json"
	seedDir  = "../../../../shared/corpus/seeds"
)

// runSeeds runs claims and frames over the seed articles the way the
// pipeline does. With resolved set, mentions and names are mapped to gold
// entity ids through the gold aliases, standing in for internal/resolve;
// otherwise the stages' own fallbacks are used.
func runSeeds(t testing.TB, g *Gold, resolved bool) Predictions {
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("seed corpus not found at %s (clone shared/ beside the repo)", seedDir)
	}
	alias := map[string]string{}
	folded := map[string]string{}
	for _, e := range g.Entities {
		for _, a := range append([]string{e.ID}, e.Aliases...) {
			alias[strings.ToLower(a)] = e.ID
			folded[claims.FoldKey(a)] = e.ID
		}
	}
	p := Predictions{Docs: map[string]DocPrediction{}, EntityAliases: map[string][]string{}}
	if resolved {
		for _, e := range g.Entities {
			p.EntityAliases[e.ID] = e.Aliases
		}
	} else {
		p.EntityAliases = nil
	}
	var docs []claims.DocClaims
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Base(f)
		in := claims.Prepare(src, strings.SplitN(src, "_", 2)[0], string(text))
		res := claims.Extract(in, claims.DefaultOptions())
		fo := frames.Options{}
		if resolved {
			fo.EntityKey = func(i int) string {
				if id := folded[claims.FoldKey(in.Mentions[i].Text)]; id != "" {
					return id
				}
				return alias[strings.ToLower(in.Mentions[i].Text)]
			}
		}
		fr := frames.Analyze(frames.Input{Input: in, Quotes: res.Quotes}, fo)
		p.Docs[src] = DocPrediction{Text: in.Text, Quotes: res.Quotes, Frames: fr}
		docs = append(docs, claims.DocClaims{Doc: src, Outlet: in.Outlet, Text: in.Text, Sentences: in.Sentences, Claims: res.Claims, Frames: fr})
	}
	co := claims.ContradictionOptions{}
	if resolved {
		co.Canonical = func(k string) string { return folded[k] }
	}
	p.Contradictions = claims.Contradictions(docs, co)
	return p
}

func TestSeedFigures(t *testing.T) {
	g, err := ReadGold(seedGold)
	if err != nil {
		t.Skipf("seed gold not found (clone shared/ beside the repo): %v", err)
	}
	for _, resolved := range []bool{true, false} {
		p := runSeeds(t, g, resolved)
		r := Score(g, p, Options{})
		name := "with resolved entities"
		if !resolved {
			name = "without entity resolution"
		}
		t.Logf("%s: quotes found %d/%d (%.2f), right speaker %d/%d (%.2f), anonymous marked %d/%d; contradictions surfaced %d/%d, reported %d; stance sign %d/%d (%.2f)",
			name, r.QuotesFound, r.Quotes, r.QuoteRecall, r.QuotesSpeaker, r.Quotes, r.SpeakerAccuracy, r.AnonymousMarked, r.Anonymous,
			r.ContradictionsFound, r.Contradictions, r.Reported, r.StancesRight, r.Stances, r.StanceAccuracy)
		for _, d := range r.Details {
			t.Logf("  %s", d)
		}
		if os.Getenv("CLAIMSEVAL_DUMP") != "" {
			for _, c := range p.Contradictions {
				fmt.Printf("%s %s %.2f\n", c.Kind, c.Topic, c.Confidence)
				for _, s := range c.Sides {
					fmt.Printf("   %s %q\n      %.160q\n", s.Doc[:3], s.Claim, s.Text)
				}
			}
		}
		if !resolved {
			continue
		}
		if r.QuoteRecall < 0.85 || r.SpeakerAccuracy < 0.75 || r.AnonymousMarked < r.Anonymous {
			t.Errorf("quotes below the floor: found %.2f (0.85), speaker %.2f (0.75), anonymous %d/%d", r.QuoteRecall, r.SpeakerAccuracy, r.AnonymousMarked, r.Anonymous)
		}
		if r.ContradictionsFound < 3 || r.Reported >= 15 {
			t.Errorf("contradictions below the floor: surfaced %d (3), reported %d (< 15)", r.ContradictionsFound, r.Reported)
		}
		if r.StanceAccuracy < 0.9 {
			t.Errorf("stance sign %.2f below the floor 0.90", r.StanceAccuracy)
		}
	}
}
