package kb

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// TestTypeOf checks the type the knowledge base gives names the recogniser
// found: exact aliases, spelling variants, and nothing for unknown or
// ordinary names.
func TestTypeOf(t *testing.T) {
	k := load(t)
	cases := []struct{ name, want string }{
		{"Hezbollah", model.Org},
		{"Badr Organization", model.Org},
		{"Baghdad", model.Place},
		{"Jaref al-Sakher", model.Place}, // spelling of Jurf al-Sakhar
		{"Daisch", model.Org},            // spelling of Daish
		{"Kivanga Tembo", ""},
		{"Obama", ""}, // weak aliases type nothing on their own
		{"", ""},
	}
	for _, c := range cases {
		if got := k.TypeOf(c.name); got != c.want {
			t.Errorf("TypeOf(%q) = %q, want %q", c.name, got, c.want)
		}
		if got := k.TypeOf(c.name); got != c.want { // cached
			t.Errorf("TypeOf(%q) second call = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestNamesLexicon checks the tagger's lexicon: curated aliases with their
// entry's type, any-case aliases, well-known places, and common words.
func TestNamesLexicon(t *testing.T) {
	k := load(t)
	o := k.Names()
	if o.Lexicon.Len() < 5000 {
		t.Fatalf("lexicon has %d names", o.Lexicon.Len())
	}
	cases := []struct {
		text string
		want []string
	}{
		{"They joined the League of the Righteous.", []string{"League of the Righteous/ORG"}},
		{"fighters of the popular mobilization forces", []string{"popular mobilization forces/ORG"}},
		{"Troops left Kharkiv and Basra.", []string{"Kharkiv/PLACE", "Basra/PLACE"}},
		{"the popular units", nil},
	}
	for _, c := range cases {
		toks := lang.Tokenize(c.text)
		var got []string
		for _, m := range o.Lexicon.Find(toks, lang.SplitSentences(c.text, toks)) {
			got = append(got, c.text[toks[m.Start].Start:toks[m.End-1].End]+"/"+m.Type)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
	for w, want := range map[string]bool{"dawn": true, "Policy": true, "mosul": false, "Wagner": false} {
		if IsCommonWord(w) != want {
			t.Errorf("IsCommonWord(%q) = %v", w, !want)
		}
	}
}

// TestAliasKinds checks the ~ and ^ marks of entities.txt.
func TestAliasKinds(t *testing.T) {
	k := &KB{byID: map[string]int32{}, country: map[string]int32{}}
	if err := k.readCurated("x | ORG | Xyz Front | | | ~Xyz; ^xyz front; ~^xf"); err != nil {
		t.Fatal(err)
	}
	e := k.ByID("x")
	want := []AliasKind{0, AliasWeak, AliasAnyCase, AliasWeak | AliasAnyCase}
	if len(e.AliasKinds) != len(want) || strings.Join(e.Aliases, ";") != "Xyz Front;Xyz;xyz front;xf" {
		t.Fatalf("aliases %q kinds %v", e.Aliases, e.AliasKinds)
	}
	for i := range want {
		if e.AliasKinds[i] != want[i] {
			t.Errorf("alias %q kind %v, want %v", e.Aliases[i], e.AliasKinds[i], want[i])
		}
	}
}
