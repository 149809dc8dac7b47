package claims

import (
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// testNames are the named entities of the made-up test sentences, so the
// tests do not depend on what the NER model of the day tags.
var testNames = map[string]string{
	"Daniel Okafor": model.Person, "Laila Haddad": model.Person, "Maria Santos": model.Person,
	"Viktor Orlov": model.Person, "Ramon Ruiz": model.Person, "Ana Torres": model.Person,
	"Karim Nassar": model.Person, "Abu Samir": model.Person, "Mark Dillon": model.Person,
	"Jonas Berg": model.Person, "Omar Haddad": model.Person,
	"Lisbon": model.Place, "Sinjar": model.Place, "Mosul": model.Place, "Rafah": model.Place,
	"Jenin": model.Place, "Kherson": model.Place, "Tikrit": model.Place, "Amerli": model.Place,
	"Raqqa": model.Place, "Idlib": model.Place, "Jordan": model.Place, "Kismayo": model.Place,
	"Aleppo": model.Place, "Iran": model.Place,
	"Baltic Herald": model.Org, "Daily Herald": model.Org, "Coastal TV": model.Org, "Northern Post": model.Org,
	"Kompasu": model.Org, "Pentagon": model.Org, "Hamas": model.Org, "Boko Haram": model.Org,
	"ISIS": model.Org, "Al-Shabaab": model.Org,
	"Kurdish": model.Misc, "Yazidi": model.Misc, "Iraqi": model.Misc,
}

// prepareTest builds an Input with lang's tokens and sentences and the
// mentions of testNames.
func prepareTest(doc, text string) Input {
	toks := lang.Tokenize(text)
	in := Input{DocID: doc, Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks)}
	names := make([]string, 0, len(testNames))
	for n := range testNames {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	taken := make([]bool, len(text)+1)
	for _, n := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], n)
			if i < 0 {
				break
			}
			s, e := off+i, off+i+len(n)
			off = e
			if taken[s] || taken[e-1] {
				continue
			}
			for k := s; k < e; k++ {
				taken[k] = true
			}
			in.Mentions = append(in.Mentions, model.Mention{Start: s, End: e, Text: n, Type: testNames[n]})
		}
	}
	sort.Slice(in.Mentions, func(i, j int) bool { return in.Mentions[i].Start < in.Mentions[j].Start })
	return in
}
