package kb

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

//go:generate sh -c "cd gen && npm ci --ignore-scripts --no-audit --no-fund && go run . -npm node_modules -out ../data/gazetteer.tsv.gz -words ../data/words.txt.gz"

//go:embed data/gazetteer.tsv.gz
var gazetteerGz []byte

//go:embed data/entities.txt
var curatedText string

// Feature codes of places, after GeoNames.
const (
	FeatureCountry = "PCLI" // a country
	FeatureRegion  = "ADM1" // a first-level region: province, governorate, oblast, state
)

// Entry is one thing the knowledge base knows: a curated person,
// organisation or place, or a GeoNames country, region or populated place.
type Entry struct {
	ID         string  // stable id: curated id, or derived from the GeoNames name and country
	Type       string  // model.Person, model.Org, model.Place or model.Misc
	Name       string  // canonical display name
	Wikidata   string  // Wikidata item ("Q708144"), "" when not known
	GeoNames   int     // GeoNames id of a populated place, 0 otherwise
	Country    string  // ISO 3166-1 alpha-2 country of a place; home country of a person or organisation
	Admin1     string  // GeoNames first-level region code of a place
	Feature    string  // places: PCLI, ADM1 or a GeoNames PPL* code
	Population int64   // places: GeoNames population (summed over places for regions and countries)
	Lat, Lon   float64 // places with HasCoord
	HasCoord   bool
	Curated    bool     // from the hand-made list (notable), rather than only GeoNames
	Aliases    []string // curated entries: the names it is known by (not kept for GeoNames places)
	// AliasKinds says, for each of Aliases, whether it is weak or also
	// written in lower case.
	AliasKinds []AliasKind
}

// AliasKind qualifies a curated alias.
type AliasKind uint8

const (
	// AliasWeak is a bare surname or short form ("~Obama" in entities.txt).
	AliasWeak AliasKind = 1 << iota
	// AliasAnyCase is an alias also written in lower case in running text
	// ("^popular mobilization forces").
	AliasAnyCase
)

// IsPlace reports whether e is a place.
func (e *Entry) IsPlace() bool { return e.Type == model.Place }

// KB is the loaded knowledge base. It is read-only and safe for concurrent use.
type KB struct {
	entries []Entry
	byID    map[string]int32 // curated entries, countries and regions
	// placeByID indexes GeoNames places by id, built on first need
	placeIDs  sync.Once
	placeByID map[string]int32
	country   map[string]int32 // ISO code → country entry
	// byGeoNames is built only while reading the curated list
	byGeoNames map[int]int32

	names index // alias key → entries (negative posting = weak alias)

	// the mention tagger's view, built on first use (see Names)
	namesOnce  sync.Once
	names0     lang.NameOptions
	skelOnce   sync.Once
	spellings  map[string][]spelling
	typeCache  sync.Map // name → TypeOf's answer
	typeCacheN atomic.Int64
	skels      index // skeleton of the alias key run together → entries
}

// Match is an entry found for a name, and how.
type Match struct {
	Entry *Entry
	Alias string // key of the alias that matched
	Weak  bool   // matched on a weak alias (a bare surname such as "Soleimani")
}

// Load returns the knowledge base embedded in the binary, decoding it on the
// first call (about a second) and sharing it afterwards.
var Load = sync.OnceValues(func() (*KB, error) {
	return build(bytes.NewReader(gazetteerGz), curatedText)
})

func build(gz io.Reader, curated string) (*KB, error) {
	k := &KB{byID: map[string]int32{}, country: map[string]int32{}}
	if err := k.readGazetteer(gz); err != nil {
		return nil, err
	}
	if err := k.readCurated(curated); err != nil {
		return nil, err
	}
	k.byGeoNames = nil
	var wg sync.WaitGroup
	wg.Go(k.names.sort)
	wg.Go(k.skels.sort)
	wg.Wait()
	return k, nil
}

// readGazetteer decodes data/gazetteer.tsv.gz (format: see gen/main.go).
func (k *KB) readGazetteer(r io.Reader) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("kb gazetteer: %w", err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	k.entries = make([]Entry, 0, 210_000)
	k.names.rows = make([]posting, 0, 520_000)
	k.skels.rows = make([]posting, 0, 520_000)
	var c [10]string
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		n := 0
		for f := range strings.SplitSeq(text, "\t") {
			if n < len(c) {
				c[n] = f
			}
			n++
		}
		if n != len(c) {
			return fmt.Errorf("kb gazetteer line %d: %d fields, want %d", line, n, len(c))
		}
		lat, err1 := strconv.ParseFloat(c[3], 64)
		lon, err2 := strconv.ParseFloat(c[4], 64)
		pop, err3 := strconv.ParseInt(c[8], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("kb gazetteer line %d: bad number", line)
		}
		e := Entry{Type: model.Place, Name: c[2], Lat: lat, Lon: lon, HasCoord: true, Country: c[5], Admin1: c[6], Feature: c[7], Population: pop}
		switch c[0] {
		case "C":
			e.ID = Slug(e.Name)
		case "A":
			e.ID = Slug(e.Name) + "-" + strings.ToLower(e.Country) + "-region"
		case "P":
			id, err := strconv.Atoi(c[1])
			if err != nil {
				return fmt.Errorf("kb gazetteer line %d: bad id %q", line, c[1])
			}
			e.GeoNames = id
			e.ID = Slug(e.Name) + "-" + strings.ToLower(e.Country)
		default:
			return fmt.Errorf("kb gazetteer line %d: kind %q", line, c[0])
		}
		idx := int32(len(k.entries))
		k.entries = append(k.entries, e)
		if c[0] == "C" {
			k.country[c[1]] = idx
		}
		for key := range strings.SplitSeq(c[9], "|") {
			k.addKey(idx, key, false)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("kb gazetteer: %w", err)
	}
	// Two populated places with one name in one country get their GeoNames
	// id appended, so every id is unique and the same on every load.
	seen := make(map[string]int32, len(k.entries))
	dup := map[int32]bool{}
	for i := range k.entries {
		e := &k.entries[i]
		if e.GeoNames == 0 {
			k.byID[e.ID] = int32(i)
			continue
		}
		if j, ok := seen[e.ID]; ok {
			dup[j], dup[int32(i)] = true, true
		} else {
			seen[e.ID] = int32(i)
		}
	}
	for i := range dup {
		e := &k.entries[i]
		e.ID += "-" + strconv.Itoa(e.GeoNames)
	}
	return nil
}

// add appends a curated entry.
func (k *KB) add(e Entry) int32 {
	idx := int32(len(k.entries))
	k.entries = append(k.entries, e)
	k.byID[e.ID] = idx
	return idx
}

// addName indexes one alias of entry idx under its key and its skeleton.
func (k *KB) addName(idx int32, alias string, weak bool) {
	k.addKey(idx, translit.Key(alias), weak)
}

// addKey indexes an alias key (see translit.Key) of entry idx.
func (k *KB) addKey(idx int32, key string, weak bool) {
	if key == "" {
		return
	}
	post := idx
	if weak {
		post = -idx - 1
	}
	k.names.add(key, key, post)
	if sk := translit.SkeletonKey(key); len(sk) >= 2 {
		k.skels.add(sk, key, post)
	}
}

// Len returns the number of entries.
func (k *KB) Len() int { return len(k.entries) }

// ByID returns the entry with the given id, or nil.
func (k *KB) ByID(id string) *Entry {
	if i, ok := k.byID[id]; ok {
		return &k.entries[i]
	}
	k.placeIDs.Do(func() {
		k.placeByID = make(map[string]int32, len(k.entries))
		for i := range k.entries {
			if k.entries[i].GeoNames != 0 {
				k.placeByID[k.entries[i].ID] = int32(i)
			}
		}
	})
	if i, ok := k.placeByID[id]; ok {
		return &k.entries[i]
	}
	return nil
}

// Country returns the country with the ISO 3166-1 alpha-2 code cc, or nil.
func (k *KB) Country(cc string) *Entry {
	if i, ok := k.country[strings.ToUpper(cc)]; ok {
		return &k.entries[i]
	}
	return nil
}

// Lookup returns the entries one of whose aliases has exactly the key
// (see translit.Key), strong aliases first.
func (k *KB) Lookup(key string) []Match {
	return k.collect(k.names.find(key))
}

// Places returns the places one of whose names has exactly the key of name
// (any spelling: "Irbil", "Jurf al-Nasr"), most populous first, each once.
func (k *KB) Places(name string) []*Entry {
	var out []*Entry
	seen := map[*Entry]bool{}
	for _, m := range k.Lookup(translit.Key(name)) {
		if m.Entry.IsPlace() && !seen[m.Entry] {
			seen[m.Entry] = true
			out = append(out, m.Entry)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Population > out[j].Population })
	return out
}

// Similar returns the entries one of whose aliases has the given skeleton
// (translit.SkeletonKey): candidates for a misspelt or differently
// transliterated name, each with the alias key that shares the skeleton, for
// the caller to verify. An entry appears once per such alias.
func (k *KB) Similar(skeleton string) []Match {
	return k.collect(k.skels.find(skeleton))
}

func (k *KB) collect(posts []posting) []Match {
	if len(posts) == 0 {
		return nil
	}
	out := make([]Match, 0, len(posts))
	for _, p := range posts {
		i, weak := p.post, p.post < 0
		if weak {
			i = -i - 1
		}
		out = append(out, Match{Entry: &k.entries[i], Alias: p.alias, Weak: weak})
	}
	// strong before weak; one match per entry and alias
	sort.SliceStable(out, func(i, j int) bool { return !out[i].Weak && out[j].Weak })
	seen := make(map[Match]bool, len(out))
	uniq := out[:0]
	for _, m := range out {
		key := Match{Entry: m.Entry, Alias: m.Alias}
		if seen[key] {
			continue
		}
		seen[key] = true
		uniq = append(uniq, m)
	}
	return uniq
}

// Distance returns the great-circle distance in kilometres between two points.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Slug turns a name into an id fragment: "Deir ez-Zor" → "deir-ez-zor".
func Slug(s string) string {
	f := translit.Fold(s)
	var b strings.Builder
	dash := false
	for i := 0; i < len(f); i++ {
		c := f[i]
		if ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteByte(c)
			dash = false
		} else if c != '\'' {
			dash = true
		}
	}
	return b.String()
}

// index maps string keys to postings with one sorted slice: far less memory
// than a map for the gazetteer's half a million alias keys.
type index struct {
	rows []posting
}

type posting struct {
	key   string
	alias string // the alias key (for the skeleton index; = key otherwise)
	post  int32
}

func (x *index) add(key, alias string, post int32) {
	x.rows = append(x.rows, posting{key, alias, post})
}

func (x *index) sort() {
	slices.SortFunc(x.rows, func(a, b posting) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.post, b.post)
	})
}

func (x *index) find(key string) []posting {
	i, _ := slices.BinarySearchFunc(x.rows, key, func(p posting, k string) int { return strings.Compare(p.key, k) })
	j := i
	for j < len(x.rows) && x.rows[j].key == key {
		j++
	}
	return x.rows[i:j]
}
