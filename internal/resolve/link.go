package resolve

import (
	"math"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

// compatible reports whether a mention typed a by the recogniser may name an
// entity of type b. Recognisers confuse organisations and places (a country
// acting as a government) and tag unknown names as MISC; they rarely take a
// person for a place.
func compatible(a, b string) bool {
	return typeFit(a, b) >= 0.6
}

// typeFit scores how well a mention type fits an entity type.
func typeFit(mention, entity string) float64 {
	switch {
	case mention == entity:
		return 1
	case mention == "" || mention == model.Misc || entity == model.Misc:
		return 0.8
	case (mention == model.Org && entity == model.Place) || (mention == model.Place && entity == model.Org):
		return 0.6
	case mention == model.Person && entity == model.Org, mention == model.Org && entity == model.Person:
		return 0.4
	}
	return 0.25
}

// candidate is a knowledge-base entry proposed for a local entity.
type candidate struct {
	e     *kb.Entry
	key   string  // the lookup key that matched, for exact matches
	name  float64 // how well the name matches: 1 exact, 0.7 weak alias, similarity×0.9 fuzzy
	exact bool
	weak  bool
}

// keysOf returns the lookup keys of a local entity, most specific first:
// each name with its titles, each name, then organisation variants.
func (r *run) keysOf(l *local) []string {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	names := append([]string(nil), l.names...)
	sort.SliceStable(names, func(i, j int) bool { return betterName(names[i], names[j]) })
	for _, id := range l.ments {
		if m := &r.ments[id]; m.s.title != "" {
			add(m.s.full)
		}
	}
	for _, n := range names {
		add(n)
	}
	for _, id := range l.ments {
		if m := &r.ments[id]; m.s.role {
			add(m.s.name)
		}
	}
	for _, n := range names {
		for _, v := range orgVariants(n) {
			add(v)
		}
	}
	for _, id := range l.ments {
		add(r.ments[id].s.place)
	}
	if l.typ != model.Person {
		// the outer words of a long organisation name: "Quds Revolutionary
		// Guard force" → "quds force"
		for _, n := range names {
			if ts := strings.Fields(n); len(ts) >= 3 && len(ts) <= 5 {
				add(ts[0] + " " + ts[len(ts)-1])
			}
		}
	}
	return keys
}

// candidates returns the entries a local entity's names match exactly, or
// failing that, approximately.
func (r *run) candidates(l *local) []candidate {
	var out []candidate
	seen := map[*kb.Entry]int{}
	for rank, key := range r.keysOf(l) {
		for _, m := range r.lookup(key) {
			score := 1.0 - 0.02*float64(min(rank, 10))
			if m.Weak {
				score = 0.7
			}
			if i, ok := seen[m.Entry]; ok {
				if score > out[i].name {
					out[i].name, out[i].weak = score, m.Weak
				}
				continue
			}
			seen[m.Entry] = len(out)
			out = append(out, candidate{e: m.Entry, key: key, name: score, exact: true, weak: m.Weak})
		}
	}
	if len(out) > 0 || l.acronym || l.role {
		return out
	}
	return r.fuzzyCandidates(l)
}

// fuzzyCandidates proposes entries whose alias shares the name's skeleton
// and passes the similarity check for its type.
func (r *run) fuzzyCandidates(l *local) []candidate {
	var out []candidate
	best := map[*kb.Entry]candidate{}
	var order []*kb.Entry
	for _, key := range l.names {
		ck := l.typ + "|" + key
		cs, ok := r.fuzzyCache[ck]
		if !ok {
			b := map[*kb.Entry]candidate{}
			var o []*kb.Entry
			r.fuzzyName(l, r.prepared(key), b, &o)
			for _, e := range o {
				cs = append(cs, b[e])
			}
			r.fuzzyCache[ck] = cs
		}
		for _, c := range cs {
			if old, seen := best[c.e]; !seen || c.name > old.name {
				if !seen {
					order = append(order, c.e)
				}
				best[c.e] = c
			}
		}
	}
	for _, e := range order {
		out = append(out, best[e])
	}
	return out
}

// fuzzyName adds the entries whose aliases are spellings of name n.
func (r *run) fuzzyName(l *local, n translit.Name, best map[*kb.Entry]candidate, order *[]*kb.Entry) {
	if len(n.Joined) < 4 || len(n.Skel) < 2 {
		return
	}
	matches := r.kb.Similar(n.Skel)
	if len(matches) > 3000 {
		return // a skeleton this common says nothing
	}
	for _, m := range matches {
		e := m.Entry
		if !e.IsPlace() && !e.Curated {
			continue
		}
		if l.typ != "" && !compatible(l.typ, e.Type) {
			continue
		}
		alias := r.prepared(m.Alias)
		if nisba(n.Joined, alias.Joined) {
			continue
		}
		sim := nameSimilarity(n, alias, e.Type, r.opts.TokenMin)
		if sim < 0.82 {
			continue
		}
		c, ok := best[e]
		if !ok {
			*order = append(*order, e)
		}
		if !ok || sim*0.9 > c.name {
			best[e] = candidate{e: e, name: sim * 0.9, weak: m.Weak}
		}
	}
}

// prepared returns the prepared name of a key, cached.
func (r *run) prepared(key string) translit.Name { return *r.preparedRef(key) }

// preparedRef is prepared without the copy: the cached name itself.
func (r *run) preparedRef(key string) *translit.Name {
	if n, ok := r.names[key]; ok {
		return n
	}
	n := translit.NameFromTokens(strings.Fields(key))
	r.names[key] = &n
	return &n
}

// nameSimilarity compares two names of an entity of type typ. Person names
// must align word by word (a surname alone aligns with the last word);
// other names are compared whole.
func nameSimilarity(a, b translit.Name, typ string, tokenMin float64) float64 {
	if a.Key == b.Key {
		return 1
	}
	if typ == model.Person {
		short, long := a, b
		if len(short.Tokens) > len(long.Tokens) {
			short, long = long, short
		}
		if len(short.Tokens) == 0 {
			return 0
		}
		al := translit.Align(short, long, tokenMin)
		if al.Matched < len(short.Tokens) || al.SkippedAfter > 0 {
			return 0
		}
		if len(short.Tokens) == 1 && len(long.Tokens) > 1 {
			return al.Mean * 0.9 // a bare surname is weaker evidence
		}
		return al.Mean
	}
	if len(a.Tokens) != len(b.Tokens) && translit.Skeleton(a.Joined) != translit.Skeleton(b.Joined) {
		return 0
	}
	return translit.Similarity(a.Joined, b.Joined)
}

// linkKB links people, organisations and other non-place names.
func (r *run) linkKB() {
	if r.kb == nil {
		return
	}
	for _, l := range r.locals {
		cands := r.candidates(l)
		if l.typ == model.Place && hasPlace(cands) {
			continue // a place: linked with its document's countries
		}
		var best candidate
		bestScore := 0.0
		for _, c := range cands {
			if c.e.IsPlace() {
				continue
			}
			fit := typeFit(l.typ, c.e.Type)
			// a full name, or one long word, known exactly outweighs a
			// mistyped mention ("Daish" tagged PERSON, "Hezbollah" PLACE)
			if c.exact && !c.weak && fit < 0.6 && len(l.bestN.Tokens) > 1 {
				fit = 0.6
			}
			if c.exact && fit < 0.75 && len(l.bestN.Tokens) == 1 && len(c.key) >= 5 && r.unique(c.key) {
				fit = 0.75
			}
			s := c.name * fit
			if c.weak && len(l.bestN.Tokens) > 1 {
				continue // a weak alias only names a bare surname
			}
			s += 0.1 * r.countryShare(int(l.doc), c.e.Country)
			if s > bestScore || (s == bestScore && best.e != nil && c.e.ID < best.e.ID) {
				best, bestScore = c, s
			}
		}
		if best.e != nil && bestScore >= 0.5 {
			l.entry, l.weak, l.kbScore = best.e, best.weak, bestScore
		}
	}
}

func hasPlace(cs []candidate) bool {
	for _, c := range cs {
		if c.e.IsPlace() {
			return true
		}
	}
	return false
}

// unique reports whether a key names exactly one entry.
func (r *run) unique(key string) bool {
	ms := r.lookup(key)
	if len(ms) == 0 {
		return false
	}
	for _, m := range ms[1:] {
		if m.Entry != ms[0].Entry {
			return false
		}
	}
	return true
}

// countryShare is the share of country cc among the places of document d
// (before places are linked: zero).
func (r *run) countryShare(d int, cc string) float64 {
	if cc == "" || r.docCountry == nil {
		return 0
	}
	return r.docCountry[d][cc]
}

// linkPlaces links place mentions to the gazetteer, reading each document's
// countries first so that an ambiguous name goes to the country the story
// is about: Ramadi in Iraq, not in Yemen.
func (r *run) linkPlaces() {
	if r.kb == nil {
		return
	}
	r.docCountry = make([]map[string]float64, len(r.docs))
	r.corpus = map[string]float64{}
	cands := make([][]candidate, len(r.locals))
	placeLike := func(l *local) bool { return l.entry == nil && !l.role }
	// 1. votes from unambiguous evidence
	votes := make([]map[string]float64, len(r.docs))
	for i := range votes {
		votes[i] = map[string]float64{}
	}
	for i, l := range r.locals {
		d := int(l.doc)
		n := float64(len(l.ments))
		if l.entry != nil {
			if l.entry.Country != "" {
				votes[d][l.entry.Country] += 0.5 * n
			}
			continue
		}
		if !placeLike(l) {
			continue
		}
		var places []candidate
		for _, c := range r.candidates(l) {
			// a mention typed otherwise is a place on an exact name, or for
			// organisations and MISC on a very close spelling; an acronym
			// only when it is a country's ("US", "UAE")
			loose := l.typ != model.Place && l.typ != "" && !c.exact && (l.typ == model.Person || c.name < 0.81)
			if !c.e.IsPlace() || loose ||
				(l.acronym && c.e.Feature != kb.FeatureCountry) {
				continue
			}
			places = append(places, c)
		}
		cands[i] = places
		if len(places) == 0 {
			continue
		}
		for _, c := range places {
			if c.exact && c.e.Feature == kb.FeatureCountry {
				votes[d][c.e.Country] += n
				goto next
			}
		}
		if top := dominant(places); top != nil {
			votes[d][top.Country] += 0.5 * n
		}
	next:
	}
	for d, v := range votes {
		r.docCountry[d] = normalise(v)
		for cc, s := range r.docCountry[d] {
			r.corpus[cc] += s
		}
	}
	r.corpus = normalise(r.corpus)
	// 2. choose
	for i, l := range r.locals {
		if len(cands[i]) == 0 {
			continue
		}
		var best *kb.Entry
		bestScore := math.Inf(-1)
		for _, c := range cands[i] {
			s := r.placeScore(l, c)
			if s > bestScore || (s == bestScore && best != nil && c.e.ID < best.ID) {
				best, bestScore = c.e, s
			}
		}
		// a mention the recogniser typed otherwise needs a clearer case
		need := r.opts.PlaceMinScore
		switch l.typ {
		case model.Misc, model.Org:
			need += 0.4
		case model.Person:
			need += 0.8
		}
		if best != nil && bestScore >= need {
			l.entry, l.kbScore = best, bestScore
		}
	}
}

// placeScore scores a gazetteer candidate for a place mention:
//
//	name match (1 exact name, 0.85 alternate, similarity×0.8 approximate)
//	+ 1.5 × the country's share of the document's places
//	+ 0.5 × the country's share of the whole collection's
//	+ 0.12 × log10(population)
//	+ feature: countries +0.8, regions +0.4 when the mention says
//	  "province" (−0.2 otherwise), capitals +0.2, region seats +0.1,
//	  curated places +0.3
func (r *run) placeScore(l *local, c candidate) float64 {
	e := c.e
	s := c.name
	if c.exact && !strings.EqualFold(translit.Key(e.Name), l.best) && !e.Curated {
		s *= 0.85
	}
	s += 1.5*r.docCountry[l.doc][e.Country] + 0.5*r.corpus[e.Country]
	s += 0.12 * math.Log10(float64(e.Population)+10)
	switch {
	case e.Feature == kb.FeatureCountry:
		s += 0.8
	case e.Feature == kb.FeatureRegion:
		if l.region {
			s += 0.4
		} else {
			s -= 0.2
		}
	case e.Feature == "PPLC":
		s += 0.2
	case strings.HasPrefix(e.Feature, "PPLA"):
		s += 0.1
	}
	if e.Curated {
		s += 0.3
	}
	return s
}

// dominant returns the candidate place that clearly outranks the others by
// population (ten times), or the only one.
func dominant(cs []candidate) *kb.Entry {
	if len(cs) == 1 {
		return cs[0].e
	}
	sorted := append([]candidate(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].e.Population > sorted[j].e.Population })
	if sorted[0].e.Population >= 10*(sorted[1].e.Population+100) {
		return sorted[0].e
	}
	return nil
}

func normalise(v map[string]float64) map[string]float64 {
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	out := make(map[string]float64, len(v))
	if sum == 0 {
		return out
	}
	for k, x := range v {
		out[k] = x / sum
	}
	return out
}
