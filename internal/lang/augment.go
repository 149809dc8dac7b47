package lang

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"strings"
	"sync"
)

// namePools are the names the augmentation draws from: given names
// transliterated from Arabic, Kurdish and Persian, and world towns, both
// from the embedded gazetteer.
type namePools struct {
	given  []string
	cities []string
}

var defaultNamePools = sync.OnceValue(func() *namePools {
	p := &namePools{}
	zr, err := gzip.NewReader(bytes.NewReader(gazetteerData))
	if err != nil {
		return p
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		cat, name, _ := strings.Cut(sc.Text(), "\t")
		switch cat {
		case "ARABIC":
			if plainName(name) && len(name) >= 3 {
				p.given = append(p.given, name)
			}
		case "CITY":
			if len(name) >= 4 && len(strings.Fields(name)) <= 3 && asciiName(name) {
				p.cities = append(p.cities, name)
			}
		}
	}
	return p
})

func plainName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || i == 0 && c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

func asciiName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == ' ' || c == '-' || c == '\'') {
			return false
		}
	}
	return true
}

// augmentDocuments appends, for a share frac of the documents that name
// people or places, a copy in which every person name (and about half of
// the place names) is replaced, consistently within the document, by a
// synthetic Arabic, Persian or Kurdish style name (Hadi al-Amiri, Abu
// Zeinab, Qasim Araji, Isa bin Yusuf) or a town from the gazetteer. CoNLL's
// 1996 Reuters text has almost no such names, and without this the model
// learns that a capitalised word after "al-" is seldom a person.
func augmentDocuments(docs []CoNLLDocument, frac float64, rng *rand.Rand) []CoNLLDocument {
	pools := defaultNamePools()
	if len(pools.given) == 0 || len(pools.cities) == 0 {
		return docs
	}
	out := append([]CoNLLDocument(nil), docs...)
	for _, d := range docs {
		if !hasType(d, "PER") && !hasType(d, "LOC") {
			continue
		}
		if rng.Float64() >= frac {
			continue
		}
		out = append(out, rewriteDocument(d, pools, rng))
	}
	return out
}

func hasType(d CoNLLDocument, typ string) bool {
	for _, s := range d.Sentences {
		for _, t := range s.Tags {
			if len(t) > 2 && t[2:] == typ {
				return true
			}
		}
	}
	return false
}

func rewriteDocument(d CoNLLDocument, p *namePools, rng *rand.Rand) CoNLLDocument {
	people := map[string][]string{} // original name → replacement tokens
	lastOf := map[string]string{}   // original last word → replacement last word
	places := map[string][]string{}
	orgs := map[string][]string{}
	var nd CoNLLDocument
	for _, s := range d.Sentences {
		var ns CoNLLSentence
		spans := SpansFromTags(s.Tags)
		k := 0
		for _, sp := range spans {
			ns.Words = append(ns.Words, s.Words[k:sp.Start]...)
			ns.Tags = append(ns.Tags, s.Tags[k:sp.Start]...)
			k = sp.End
			orig := s.Words[sp.Start:sp.End]
			key := strings.ToLower(strings.Join(orig, " "))
			var repl []string
			switch sp.Type {
			case "PER":
				if r, ok := people[key]; ok {
					repl = r
				} else if len(orig) == 1 && lastOf[key] != "" {
					repl = []string{lastOf[key]}
				} else {
					repl = syntheticPerson(p, rng, len(orig))
					people[key] = repl
					lastOf[strings.ToLower(orig[len(orig)-1])] = repl[len(repl)-1]
				}
			case "LOC":
				r, ok := places[key]
				if !ok {
					switch rng.IntN(3) {
					case 0:
						r = orig
					case 1:
						r = strings.Fields(p.cities[rng.IntN(len(p.cities))])
					default:
						r = syntheticPlace(p, rng)
					}
					places[key] = r
				}
				repl = r
			case "ORG":
				r, ok := orgs[key]
				if !ok {
					r = orig
					if rng.IntN(4) == 0 {
						r = syntheticOrg(p, rng)
					}
					orgs[key] = r
				}
				repl = r
			default:
				repl = orig
			}
			if allUpper(orig) {
				up := make([]string, len(repl))
				for i, w := range repl {
					up[i] = strings.ToUpper(w)
				}
				repl = up
			}
			for i, w := range repl {
				tag := "I-" + sp.Type
				if i == 0 {
					tag = "B-" + sp.Type
				}
				ns.Words = append(ns.Words, w)
				ns.Tags = append(ns.Tags, tag)
			}
		}
		ns.Words = append(ns.Words, s.Words[k:]...)
		ns.Tags = append(ns.Tags, s.Tags[k:]...)
		nd.Sentences = append(nd.Sentences, ns)
	}
	return nd
}

func allUpper(ws []string) bool {
	for _, w := range ws {
		if strings.ToUpper(w) != w || strings.ToLower(w) == w {
			return false
		}
	}
	return true
}

// syntheticPerson makes a name in one of the shapes news uses for Arabic,
// Persian and Kurdish names; n is the length of the name it replaces.
func syntheticPerson(p *namePools, rng *rand.Rand, n int) []string {
	g := func() string { return p.given[rng.IntN(len(p.given))] }
	nisba := func() string {
		s := g()
		if !strings.HasSuffix(s, "i") && !strings.HasSuffix(s, "a") && rng.IntN(2) == 0 {
			s += "i"
		}
		return s
	}
	family := func() string {
		switch rng.IntN(4) {
		case 0, 1:
			return "al-" + nisba()
		case 2:
			return nisba()
		}
		return g()
	}
	if n == 1 {
		return []string{family()}
	}
	switch r := rng.IntN(20); {
	case r < 8:
		return []string{g(), family()}
	case r < 11:
		return []string{"Abu", g()}
	case r < 12:
		return []string{"Abu", g(), "al-" + nisba()}
	case r < 14:
		return []string{g(), []string{"bin", "ibn"}[rng.IntN(2)], g()}
	case r < 17:
		return []string{g(), g(), family()}
	}
	return []string{g(), nisba()}
}

// toponymHeads are common first words of Arabic place names (hill, head,
// monastery, well, spring, valley, mountain, village, market, gate, ...).
var toponymHeads = []string{
	"Tal", "Tell", "Ras", "Deir", "Dayr", "Bir", "Ain", "Wadi", "Jabal", "Jebel", "Kafr", "Khan", "Qasr",
	"Souq", "Bab", "Hayy", "Sad", "Nahr", "Qalat", "Marj", "Tall", "Umm", "Beit", "Dar", "Sheikh",
}

// syntheticPlace makes a place name in the shapes news uses for Arabic,
// Kurdish and Persian towns and districts.
func syntheticPlace(p *namePools, rng *rand.Rand) []string {
	g := func() string { return p.given[rng.IntN(len(p.given))] }
	head := func() string { return toponymHeads[rng.IntN(len(toponymHeads))] }
	switch r := rng.IntN(10); {
	case r < 4:
		return []string{head(), "al-" + g()}
	case r < 6:
		return []string{"al-" + g()}
	case r < 8:
		return []string{g()}
	case r < 9:
		return []string{g() + "iyah"}
	}
	return []string{head(), g()}
}

// orgHeads are Arabic words that head the names of armed groups, parties
// and movements (companies, brigades, army, movement, party, front,
// supporters, league, ...).
var orgHeads = []string{
	"Saraya", "Kataib", "Liwa", "Jaysh", "Jaish", "Harakat", "Hizb", "Jabhat", "Ansar", "Asaib", "Tanzim",
	"Majlis", "Rabitat", "Jamaat", "Faylaq", "Quwat", "Munazzamat",
}

// syntheticOrg makes an organisation name in the shapes news uses for
// Arabic groups ("Saraya al-X", "Jaysh al-X al-Y", "Harakat X").
func syntheticOrg(p *namePools, rng *rand.Rand) []string {
	g := func() string { return p.given[rng.IntN(len(p.given))] }
	head := orgHeads[rng.IntN(len(orgHeads))]
	switch rng.IntN(4) {
	case 0, 1:
		return []string{head, "al-" + g()}
	case 2:
		return []string{head, "al-" + g(), "al-" + g()}
	}
	return []string{head, g()}
}
