package kb

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
)

// readCurated parses data/entities.txt, the hand-made list of notable
// people, organisations and places. One entry a line, '|'-separated:
//
//	id | TYPE | Name | Wikidata | country | alias; alias; ~weak alias | extra
//
// TYPE is PERSON, ORG, PLACE, MISC or COUNTRY. A weak alias (leading ~) is a
// bare surname or short form that names the entry only when nothing in the
// document says otherwise. An alias with a leading ^ is also written in
// lower case in running text ("^popular mobilization forces"): the mention
// tagger finds it in any case, where it otherwise wants the capitals the
// alias is written with. extra is "lat,lon" for a place GeoNames lacks, or
// "gn:ID" to add names and a Wikidata id to a GeoNames place. COUNTRY lines
// add to the GeoNames country whose ISO code is the id.
func (k *KB) readCurated(text string) error {
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		for len(f) < 7 {
			f = append(f, "")
		}
		if len(f) > 7 || f[0] == "" || f[2] == "" {
			return fmt.Errorf("kb entities.txt line %d: want 7 '|'-separated fields with id and name", n+1)
		}
		id, typ, name, wd, cc, aliases, extra := f[0], f[1], f[2], f[3], f[4], f[5], f[6]
		var idx int32
		switch typ {
		case "COUNTRY":
			i, ok := k.country[strings.ToUpper(id)]
			if !ok {
				return fmt.Errorf("kb entities.txt line %d: unknown country %q", n+1, id)
			}
			idx = i
			k.rename(idx, Slug(name), name)
		case model.Place:
			if g, ok := strings.CutPrefix(extra, "gn:"); ok {
				i, err := k.geonamesEntry(g)
				if err != nil {
					return fmt.Errorf("kb entities.txt line %d: %w", n+1, err)
				}
				idx = i
				k.rename(idx, id, name)
				break
			}
			lat, lon, err := parseLatLon(extra)
			if err != nil {
				return fmt.Errorf("kb entities.txt line %d: %w", n+1, err)
			}
			if _, dup := k.byID[id]; dup {
				return fmt.Errorf("kb entities.txt line %d: duplicate id %q", n+1, id)
			}
			idx = k.add(Entry{ID: id, Type: model.Place, Name: name, Country: cc, Lat: lat, Lon: lon, HasCoord: true, Feature: "PPL"})
		case model.Person, model.Org, model.Misc:
			if _, dup := k.byID[id]; dup {
				return fmt.Errorf("kb entities.txt line %d: duplicate id %q", n+1, id)
			}
			idx = k.add(Entry{ID: id, Type: typ, Name: name, Country: cc})
		default:
			return fmt.Errorf("kb entities.txt line %d: unknown type %q", n+1, typ)
		}
		e := &k.entries[idx]
		e.Curated = true
		if wd != "" {
			e.Wikidata = wd
		}
		e.Aliases = append(e.Aliases, name)
		e.AliasKinds = append(e.AliasKinds, 0)
		k.addName(idx, name, false)
		for _, a := range strings.Split(aliases, ";") {
			a = strings.TrimSpace(a)
			var kind AliasKind
			for len(a) > 0 && (a[0] == '~' || a[0] == '^') {
				if a[0] == '~' {
					kind |= AliasWeak
				} else {
					kind |= AliasAnyCase
				}
				a = strings.TrimSpace(a[1:])
			}
			if a == "" {
				continue
			}
			e.Aliases = append(e.Aliases, a)
			e.AliasKinds = append(e.AliasKinds, kind)
			k.addName(idx, a, kind&AliasWeak != 0)
		}
	}
	return nil
}

// rename gives entry idx a curated id and display name.
func (k *KB) rename(idx int32, id, name string) {
	e := &k.entries[idx]
	if e.ID != id {
		delete(k.byID, e.ID)
		e.ID = id
		k.byID[id] = idx
	}
	e.Name = name
}

func (k *KB) geonamesEntry(g string) (int32, error) {
	id, err := strconv.Atoi(g)
	if err != nil {
		return 0, fmt.Errorf("bad GeoNames id %q", g)
	}
	if k.byGeoNames == nil {
		k.byGeoNames = make(map[int]int32, len(k.entries))
		for i := range k.entries {
			if g := k.entries[i].GeoNames; g != 0 {
				k.byGeoNames[g] = int32(i)
			}
		}
	}
	if i, ok := k.byGeoNames[id]; ok {
		return i, nil
	}
	return 0, fmt.Errorf("GeoNames id %d not in the gazetteer", id)
}

func parseLatLon(s string) (float64, float64, error) {
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return 0, 0, fmt.Errorf("place needs lat,lon or gn:ID, got %q", s)
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("bad coordinates %q", s)
	}
	return lat, lon, nil
}
