package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

//go:embed data/words.txt.gz
var wordsGz []byte

// commonWords are the everyday English words (SCOWL sizes 10–35, lower
// case, no proper names), decoded once.
var commonWords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 41000)
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		panic("kb: embedded data/words.txt.gz: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = true
	}
	if err := sc.Err(); err != nil {
		panic("kb: embedded data/words.txt.gz: " + err.Error())
	}
	return m
})

// IsCommonWord reports whether w, in any case, is an everyday English word
// ("dawn", "policy"); proper names are not ("Mosul", "Wagner").
func IsCommonWord(w string) bool {
	return commonWords()[strings.ToLower(w)]
}

// commonName reports whether every word of a name is an everyday word.
func commonName(name string) bool {
	words := 0
	for _, t := range lang.Tokenize(name) {
		r := t.Text
		if !isLetterWord(r) {
			continue
		}
		words++
		if !IsCommonWord(r) {
			return false
		}
	}
	return words > 0
}

func isLetterWord(w string) bool {
	for _, r := range w {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r > 0x7f
	}
	return false
}

// NameOptions are the options of the mention tagger's knowledge: what to
// put in the lexicon.
type NameOptions struct {
	// MinPopulation is the population from which a GeoNames populated place
	// is in the lexicon (countries, first-level regions and curated places
	// always are). Such places are only added where the recogniser found
	// nothing. Default 50,000.
	MinPopulation int64
}

// DefaultNameOptions returns the defaults.
func DefaultNameOptions() NameOptions { return NameOptions{MinPopulation: 50_000} }

// Names returns what the mention tagger (lang.AnalyzeNames) needs from the
// knowledge base with DefaultNameOptions: a lexicon of every curated alias
// and of well-known places, and TypeOf for spelling variants. It is built
// on the first call (about 0.1 s) and shared.
func (k *KB) Names() lang.NameOptions {
	k.namesOnce.Do(func() {
		k.names0 = lang.NameOptions{Lexicon: k.Lexicon(DefaultNameOptions()), TypeOf: k.TypeOf, IsCommon: IsCommonWord}
	})
	return k.names0
}

// spelling is a curated alias prepared for TypeOf's spelling comparison.
type spelling struct {
	joined string // phonetic code of the alias's words run together
	words  int
	typ    string
}

// curatedSpellings returns the curated strong aliases by skeleton (see
// translit.SkeletonKey): TypeOf compares spellings only of names that share
// one, so a name like none of them costs one map lookup.
func (k *KB) curatedSpellings() map[string][]spelling {
	k.skelOnce.Do(func() {
		k.spellings = map[string][]spelling{}
		for i := range k.entries {
			e := &k.entries[i]
			if !e.Curated {
				continue
			}
			for j, a := range e.Aliases {
				if j < len(e.AliasKinds) && e.AliasKinds[j]&AliasWeak != 0 {
					continue
				}
				key := translit.Key(a)
				sk := translit.SkeletonKey(key)
				k.spellings[sk] = append(k.spellings[sk], spelling{translit.NewName(key).Joined, strings.Count(key, " ") + 1, e.Type})
			}
		}
	})
	return k.spellings
}

// maxTypeCache bounds the names TypeOf remembers.
const maxTypeCache = 200_000

// Lexicon builds the mention tagger's lexicon: every curated name and alias
// with its entry's type (weak aliases flagged weak, ^ aliases any-case),
// then the names of countries, first-level regions and populated places of
// at least o.MinPopulation as fill-only places. Names made only of common
// English words are flagged common.
func (k *KB) Lexicon(o NameOptions) *lang.Lexicon {
	if o.MinPopulation == 0 {
		o.MinPopulation = DefaultNameOptions().MinPopulation
	}
	var names []lang.Name
	for i := range k.entries {
		e := &k.entries[i]
		typ := e.Type
		if e.Curated {
			for j, a := range e.Aliases {
				var f lang.NameFlags
				if j < len(e.AliasKinds) {
					if e.AliasKinds[j]&AliasWeak != 0 {
						f |= lang.NameWeak
					}
					if e.AliasKinds[j]&AliasAnyCase != 0 {
						f |= lang.NameAnyCase
					}
				}
				if commonName(a) {
					f |= lang.NameCommon
				}
				names = append(names, lang.Name{Text: a, Type: typ, Flags: f})
			}
			if !e.IsPlace() || e.Name == e.Aliases[0] {
				continue
			}
		}
		if !e.IsPlace() || !k.wellKnown(e, o.MinPopulation) {
			continue
		}
		f := lang.NameFill
		if commonName(e.Name) {
			f |= lang.NameCommon
		}
		names = append(names, lang.Name{Text: e.Name, Type: model.Place, Flags: f})
	}
	return lang.NewLexicon(names)
}

// wellKnown reports whether a place is known widely enough to be tagged by
// name alone.
func (k *KB) wellKnown(e *Entry, minPop int64) bool {
	return e.Curated || e.Feature == FeatureCountry || e.Feature == FeatureRegion || e.Population >= minPop
}

// TypeOf returns the type the knowledge base gives a name, or "" when it
// knows none or several: a curated entry, country, region or well-known
// place whose alias has the name's key, else (for names of two letters or
// more per word) a curated entry whose alias is spelt alike — as many words,
// one consonant skeleton, phonetic similarity 0.88 or more ("Jaref
// al-Sakher" for Jurf al-Sakher, "Amrili" for Amirli).
func (k *KB) TypeOf(name string) string {
	if t, ok := k.typeCache.Load(name); ok {
		return t.(string)
	}
	t := k.typeOf(name)
	if k.typeCacheN.Add(1) <= maxTypeCache {
		k.typeCache.Store(name, t)
	}
	return t
}

func (k *KB) typeOf(name string) string {
	key := translit.Key(name)
	if key == "" {
		return ""
	}
	typ := ""
	agree := func(t string) bool {
		if typ != "" && typ != t {
			return false
		}
		typ = t
		return true
	}
	minPop := DefaultNameOptions().MinPopulation
	for _, m := range k.Lookup(key) {
		if m.Weak || !k.wellKnown(m.Entry, minPop) {
			continue
		}
		if !agree(m.Entry.Type) {
			return ""
		}
	}
	if typ != "" {
		return typ
	}
	sk := translit.SkeletonKey(key)
	cands := k.curatedSpellings()[sk]
	if len(sk) < 2 || len(key) < 5 || len(cands) == 0 {
		return ""
	}
	minSim := 0.88
	if len(sk) < 3 {
		minSim = 0.95 // short names: only spellings of one sound ("Daisch", "Daish")
	}
	n := translit.NewName(key)
	for _, c := range cands {
		if c.words != len(n.Tokens) || translit.Similarity(c.joined, n.Joined) < minSim {
			continue
		}
		if !agree(c.typ) {
			return ""
		}
	}
	return typ
}
