package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"os/exec"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

func load(t testing.TB) *KB {
	t.Helper()
	k, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestLookup(t *testing.T) {
	k := load(t)
	tests := []struct {
		name, wantID, wantType string
	}{
		{"Qassem Soleimani", "qassem-soleimani", model.Person},
		{"Qasem Soleimani", "qassem-soleimani", model.Person},
		{"Hezbollah Brigades", "kataib-hezbollah", model.Org},
		{"Hezbollah", "hezbollah", model.Org},
		{"Qods Force", "quds-force", model.Org},
		{"IRGC", "irgc", model.Org},
		{"Daesh", "isis", model.Org},
		{"Islamic State of Iraq and the Levant", "isis", model.Org},
		{"Iraq", "iraq", model.Place},
		{"U.S.", "united-states", model.Place},
		{"Syria", "syria", model.Place},
		{"Amerli", "amirli", model.Place},
		{"Jurf al-Nasr", "jurf-al-sakhar", model.Place},
		{"Bukamal", "abu-kamal", model.Place},
		{"Erbil", "erbil-iq", model.Place},
		{"Irbil", "erbil-iq", model.Place},
		{"Mosul", "mosul-iq", model.Place},
		{"Deir ez-Zor", "deir-ez-zor-sy-region", model.Place},
		{"Leader of the Islamic Revolution", "ali-khamenei", model.Person},
	}
	for _, tt := range tests {
		ms := k.Lookup(translit.Key(tt.name))
		found := false
		for _, m := range ms {
			if m.Entry.ID == tt.wantID {
				found = true
				if m.Entry.Type != tt.wantType {
					t.Errorf("%s: %s has type %s, want %s", tt.name, tt.wantID, m.Entry.Type, tt.wantType)
				}
			}
		}
		if !found {
			var ids []string
			for _, m := range ms {
				ids = append(ids, m.Entry.ID)
			}
			t.Errorf("Lookup(%q) = %v, want %s among them", tt.name, ids, tt.wantID)
		}
	}
}

func TestPlaces(t *testing.T) {
	k := load(t)
	ps := k.Places("Aleppo")
	if len(ps) == 0 || ps[0].Country != "SY" {
		t.Fatalf("Places(Aleppo) = %v", ps)
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Population > ps[i-1].Population {
			t.Errorf("Places not ordered by population")
		}
	}
}

func TestWeakAlias(t *testing.T) {
	k := load(t)
	ms := k.Lookup("soleimani")
	if len(ms) == 0 || ms[0].Entry.ID != "qassem-soleimani" || !ms[0].Weak {
		t.Fatalf("Lookup(soleimani) = %+v, want a weak match for qassem-soleimani", ms)
	}
}

func TestSimilar(t *testing.T) {
	k := load(t)
	// a misspelling shares the skeleton of an alias
	found := false
	for _, m := range k.Similar(translit.SkeletonKey(translit.Key("Qasim Sulaymani"))) {
		if m.Entry.ID == "qassem-soleimani" {
			found = true
		}
	}
	if !found {
		t.Error("Similar did not propose qassem-soleimani for Qasim Sulaymani")
	}
}

func TestPlacesHaveCoordinates(t *testing.T) {
	k := load(t)
	for _, id := range []string{"amirli", "baghdad", "iraq", "abu-kamal", "deir-ez-zor-sy-region"} {
		e := k.ByID(id)
		if e == nil {
			t.Errorf("ByID(%q) = nil", id)
			continue
		}
		if !e.HasCoord || e.Lat == 0 {
			t.Errorf("%s has no coordinates", id)
		}
	}
	if b := k.ByID("baghdad"); b != nil && (b.GeoNames != 98182 || Distance(b.Lat, b.Lon, 33.34, 44.40) > 5) {
		t.Errorf("baghdad = %+v", b)
	}
	if e := k.Country("iq"); e == nil || e.ID != "iraq" || e.Wikidata != "Q796" {
		t.Errorf("Country(iq) = %+v", e)
	}
}

// TestGazetteerKeysFresh checks that the keys stored in the generated
// gazetteer are what translit.Key makes today. If it fails, the key function
// changed: run `go generate ./internal/kb`.
func TestGazetteerKeysFresh(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(gazetteerGz))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	n := 0
	for sc.Scan() {
		n++
		c := strings.Split(sc.Text(), "\t")
		keys := strings.Split(c[9], "|")
		if want := translit.Key(c[2]); keys[0] != want {
			t.Fatalf("line %d %q: name key %q, translit.Key gives %q: run go generate ./internal/kb", n, c[2], keys[0], want)
		}
		for _, key := range keys {
			if translit.Key(key) != key {
				t.Fatalf("line %d: stored key %q is not a key (translit.Key gives %q): run go generate ./internal/kb", n, key, translit.Key(key))
			}
		}
	}
	if n < 200000 {
		t.Errorf("gazetteer has %d places, want the full GeoNames cities500 list", n)
	}
}

// TestCuratedAmbiguity lists strong aliases that name two curated entries
// of one type: each must be a deliberate ambiguity, resolved by context.
func TestCuratedAmbiguity(t *testing.T) {
	k := load(t)
	allowed := map[string]bool{"isi": true}
	byKey := map[string]map[string]bool{}
	for i := range k.entries {
		e := &k.entries[i]
		if !e.Curated {
			continue
		}
		for _, a := range e.Aliases {
			key := e.Type + "|" + translit.Key(strings.TrimPrefix(a, "~"))
			if byKey[key] == nil {
				byKey[key] = map[string]bool{}
			}
			byKey[key][e.ID] = true
		}
	}
	for key, ids := range byKey {
		if len(ids) > 1 && !allowed[key[strings.Index(key, "|")+1:]] {
			t.Errorf("alias %q names %d curated entries: %v", key, len(ids), ids)
		}
	}
}

func TestCuratedErrors(t *testing.T) {
	tests := []struct{ name, line string }{
		{"too few names", "x | PERSON | | | |"},
		{"unknown type", "x | ANIMAL | Cat | | |"},
		{"bad coordinates", "x | PLACE | Nowhere | | | | 99,500"},
		{"place without coordinates", "x | PLACE | Nowhere | | |"},
		{"unknown country", "ZZ | COUNTRY | Zedland | | |"},
		{"too many fields", "x | PERSON | A | | | | | |"},
		{"duplicate id", "dup | PERSON | A | | |\ndup | ORG | B | | |"},
	}
	for _, tt := range tests {
		k := &KB{byID: map[string]int32{}, country: map[string]int32{}}
		if err := k.readCurated(tt.line); err == nil {
			t.Errorf("%s: no error for %q", tt.name, tt.line)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Deir ez-Zor": "deir-ez-zor", "Kata'ib Hezbollah": "kataib-hezbollah", "Āmirlī": "amirli", "  ": ""} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDistance(t *testing.T) {
	// Baghdad to Mosul is about 340 km
	if d := Distance(33.34, 44.40, 36.34, 43.13); d < 330 || d > 360 {
		t.Errorf("Distance = %.1f", d)
	}
}

// TestIsolation keeps the knowledge base light: it may depend on the shared
// model types, the transliteration keys and the language core (for the
// mention tagger's lexicon; lang itself depends on nothing of ours but
// model), nothing else of ours.
func TestIsolation(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/parallaxhq/parallax/") &&
			dep != "github.com/parallaxhq/parallax/internal/kb" &&
			dep != "github.com/parallaxhq/parallax/internal/model" &&
			dep != "github.com/parallaxhq/parallax/internal/lang" &&
			dep != "github.com/parallaxhq/parallax/internal/resolve/translit" {
			t.Errorf("kb depends on %s", dep)
		}
		if !strings.Contains(dep, ".") && strings.HasPrefix(dep, "net") {
			t.Errorf("kb depends on %s", dep)
		}
	}
}

func FuzzReadCurated(f *testing.F) {
	f.Add("x | PERSON | A | Q1 | US | a; ~b")
	f.Add("p | PLACE | P | | IQ | | 1,2")
	f.Add("# comment\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		k := &KB{byID: map[string]int32{}, country: map[string]int32{}}
		_ = k.readCurated(s) // must not panic
	})
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := build(bytes.NewReader(gazetteerGz), curatedText); err != nil {
			b.Fatal(err)
		}
	}
}
