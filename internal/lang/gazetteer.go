package lang

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"sync"
)

//go:embed data/gazetteer.tsv.gz
var gazetteerData []byte

// Gazetteer categories. The generated lists come from registry packages
// (see internal/gengazetteer); TITLE and ORGKEY are short hand-written
// lists of words that precede person names or end organisation names.
var gazCategories = []string{"COUNTRY", "CITY", "DEMONYM", "FIRST", "LAST", "ARABIC", "TITLE", "ORGKEY"}

var titleWords = []string{
	"president", "minister", "premier", "prime", "general", "gen.", "lt.", "lieutenant", "colonel", "col.",
	"major", "maj.", "brigadier", "commander", "captain", "sergeant", "admiral", "marshal", "chief", "leader",
	"ayatollah", "sheikh", "shaikh", "sayyid", "sayed", "seyyed", "imam", "mullah", "cleric", "king", "queen",
	"prince", "princess", "emir", "sultan", "mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "dr", "sir", "lord",
	"senator", "sen.", "governor", "gov.", "mayor", "ambassador", "secretary", "spokesman", "spokeswoman",
	"judge", "pope", "bishop", "rabbi", "father", "professor", "prof.", "chairman", "deputy", "vice",
	"coach", "striker", "midfielder", "defender", "goalkeeper", "rep.", "representative", "envoy",
}

var orgKeywords = []string{
	"party", "army", "force", "forces", "brigade", "brigades", "corps", "council", "ministry", "committee",
	"union", "organization", "organisation", "front", "movement", "agency", "bank", "corp", "corp.", "inc",
	"inc.", "ltd", "ltd.", "plc", "co.", "university", "association", "federation", "league", "group",
	"company", "news", "times", "journal", "daily", "post", "press", "service", "guard", "guards", "militia",
	"mobilization", "mobilisation", "assembly", "parliament", "government", "club", "united", "city",
	"institute", "foundation", "network", "television", "radio", "airlines", "airways", "fund", "office",
	"department", "commission", "court", "police", "navy", "command", "battalion", "regiment", "division",
	"unit", "units", "authority", "board", "exchange", "holdings",
}

// Gazetteer finds runs of tokens that name a country, city, nationality,
// first name, surname and so on. It is read-only and safe for concurrent
// use.
type Gazetteer struct {
	entries     map[uint64]uint32 // hash of lower-cased tokens → category bits | prefixBit
	maxLen      int
	fingerprint string
}

const gazPrefixBit = 1 << 31

// gazMatch marks the gazetteer categories a token begins or continues.
type gazMatch struct{ begin, inside uint16 }

var defaultGazetteer = sync.OnceValue(func() *Gazetteer {
	g, err := parseGazetteer(gazetteerData)
	if err != nil {
		panic("lang: embedded gazetteer: " + err.Error())
	}
	return g
})

func parseGazetteer(data []byte) (*Gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	sum := sha256.New()
	sum.Write(data)
	g := &Gazetteer{entries: make(map[uint64]uint32, 150000)}
	catIndex := map[string]int{}
	for i, c := range gazCategories {
		catIndex[c] = i
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		cat, name, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		if k, ok := catIndex[cat]; ok {
			g.add(name, k)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, w := range titleWords {
		g.add(w, catIndex["TITLE"])
		sum.Write([]byte(w))
	}
	for _, w := range orgKeywords {
		g.add(w, catIndex["ORGKEY"])
		sum.Write([]byte(w))
	}
	g.fingerprint = hex.EncodeToString(sum.Sum(nil))[:16]
	return g, nil
}

func (g *Gazetteer) add(name string, cat int) {
	toks := Tokenize(name)
	if len(toks) == 0 || len(toks) > 8 {
		return
	}
	h := uint64(fnvOffset)
	for i, t := range toks {
		h = hashByte(hashString(h, lowerASCIIFast(normalizeToken(t.Text))), 0x1f)
		if i < len(toks)-1 {
			g.entries[h] |= gazPrefixBit
		}
	}
	g.entries[h] |= 1 << cat
	if len(toks) > g.maxLen {
		g.maxLen = len(toks)
	}
}

// match returns, for each word of s, the categories of the gazetteer
// entries that start at or cover it.
func (g *Gazetteer) match(s []wordInfo) []gazMatch {
	out := make([]gazMatch, len(s))
	for i := range s {
		h := uint64(fnvOffset)
		for L := 1; L <= g.maxLen && i+L <= len(s); L++ {
			h = hashByte(hashString(h, s[i+L-1].lower), 0x1f)
			v, ok := g.entries[h]
			if !ok {
				break
			}
			if cats := uint16(v); cats != 0 {
				out[i].begin |= cats
				for j := i + 1; j < i+L; j++ {
					out[j].inside |= cats
				}
			}
			if v&gazPrefixBit == 0 {
				break
			}
		}
	}
	return out
}

// Lookup returns the gazetteer categories of a name (COUNTRY, CITY,
// DEMONYM, FIRST, LAST, ARABIC, TITLE, ORGKEY), matched case-insensitively.
func (g *Gazetteer) Lookup(name string) []string {
	toks := Tokenize(name)
	ws := make([]wordInfo, len(toks))
	for i, t := range toks {
		ws[i] = makeWordInfo(t.Text)
	}
	if len(ws) == 0 {
		return nil
	}
	h := uint64(fnvOffset)
	for _, w := range ws {
		h = hashByte(hashString(h, w.lower), 0x1f)
	}
	v := g.entries[h]
	var out []string
	for k, c := range gazCategories {
		if v&(1<<k) != 0 {
			out = append(out, c)
		}
	}
	return out
}

// DefaultGazetteer returns the gazetteer built into the binary.
func DefaultGazetteer() *Gazetteer { return defaultGazetteer() }

var gazFeatureNames = func() [2][2][16]string {
	var n [2][2][16]string
	for pos, p := range []string{"B", "I"} {
		for c, cs := range []string{"l", "C"} {
			for k, cat := range gazCategories {
				n[pos][c][k] = cat + p + cs
			}
		}
	}
	return n
}()

func appendGazFeatures(out []uint64, t byte, m gazMatch, capital bool) []uint64 {
	c := 0
	if capital {
		c = 1
	}
	for k := range gazCategories {
		if m.begin&(1<<k) != 0 {
			out = append(out, feat(t, gazFeatureNames[0][c][k]))
		}
		if m.inside&(1<<k) != 0 {
			out = append(out, feat(t, gazFeatureNames[1][c][k]))
		}
	}
	return out
}

// Indexes of gazCategories used outside the recogniser's features.
const (
	catDemonym = 2
	catOrgKey  = 7
)

// has reports whether the one-word entry lower (a FeatureWord) is in
// gazetteer category cat.
func (g *Gazetteer) has(lower string, cat int) bool {
	h := hashByte(hashString(fnvOffset, lower), 0x1f)
	return g.entries[h]&(1<<cat) != 0
}
