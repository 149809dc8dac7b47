package resolve

import (
	"sort"
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

// entityCluster is one resolved entity before output: its mentions and what
// it is linked to. Decisions edit these.
type entityCluster struct {
	id     string
	name   string // display name; "" = derive from mentions
	typ    string // "" = derive from mentions
	entry  *kb.Entry
	ments  []int32         // indices into run.ments
	extra  []string        // aliases added by decisions
	drop   map[string]bool // alias keys removed by decisions
	pinned bool            // name or type set by a decision
}

// clusters turns the union-find forest into entity clusters with ids.
func (r *run) clusters() []*entityCluster {
	byRoot := map[int]*entityCluster{}
	var out []*entityCluster
	for i, m := range r.ments {
		if m.local < 0 {
			continue
		}
		root := r.uf.find(int(m.local))
		c := byRoot[root]
		if c == nil {
			c = &entityCluster{entry: r.rootEntry[root]}
			byRoot[root] = c
			out = append(out, c)
		}
		c.ments = append(c.ments, int32(i))
	}
	r.assignIDs(out)
	return out
}

// assignIDs names clusters and gives them ids derived from what they are,
// never from run order: the knowledge-base id when linked, otherwise a slug
// of the canonical name (suffixed with the type, then a number, on a clash).
func (r *run) assignIDs(cs []*entityCluster) {
	for _, c := range cs {
		if !c.pinned || c.typ == "" {
			c.typ = r.clusterType(c)
		}
		if !c.pinned || c.name == "" {
			c.name = r.canonicalName(c)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if (a.entry != nil) != (b.entry != nil) {
			return a.entry != nil
		}
		if len(a.ments) != len(b.ments) {
			return len(a.ments) > len(b.ments)
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return r.ments[a.ments[0]].doc < r.ments[b.ments[0]].doc
	})
	taken := map[string]bool{}
	for _, c := range cs {
		if c.id != "" && !taken[c.id] {
			taken[c.id] = true
			continue
		}
		base := ""
		if c.entry != nil {
			base = c.entry.ID
		} else {
			base = kb.Slug(c.name)
			if base == "" {
				base = "entity"
			}
		}
		id := base
		if taken[id] && c.typ != "" {
			id = base + "-" + strings.ToLower(c.typ)
		}
		for n := 2; taken[id]; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		taken[id] = true
		c.id = id
	}
}

func (r *run) clusterType(c *entityCluster) string {
	if c.entry != nil {
		return c.entry.Type
	}
	counts := map[string]int{}
	for _, i := range c.ments {
		counts[r.ments[i].s.typ]++
	}
	for _, t := range []string{model.Person, model.Org, model.Place} {
		if counts[t] > 0 && counts[t]*2 >= len(c.ments)-counts[model.Misc]-counts[""] {
			return t
		}
	}
	t := vote(counts)
	if t == "" {
		t = model.Misc
	}
	return t
}

// canonicalName is the curated knowledge-base name, or the most complete
// name the mentions use: the most words, then the most frequent, then the
// longest. A place linked only to the gazetteer keeps the spelling the
// corpus uses (Baiji, not GeoNames' Bayji); its id still comes from the
// gazetteer, so curation decisions and links are unaffected.
func (r *run) canonicalName(c *entityCluster) string {
	if c.entry != nil && c.entry.Curated {
		return c.entry.Name
	}
	type cand struct {
		text  string
		words int
		count int
	}
	byKey := map[string]*cand{}
	for _, i := range c.ments {
		s := r.ments[i].s
		if s.role || s.display == "" {
			continue
		}
		k := s.name
		cd := byKey[k]
		if cd == nil {
			cd = &cand{text: s.display, words: len(strings.Fields(k))}
			byKey[k] = cd
		}
		cd.count++
		// prefer a capitalised spelling of the same key
		if !startsUpper(cd.text) && startsUpper(s.display) {
			cd.text = s.display
		}
	}
	var best *cand
	for _, k := range sortedKeys(byKey) {
		cd := byKey[k]
		if best == nil || cd.words > best.words || (cd.words == best.words && (cd.count > best.count ||
			(cd.count == best.count && (len(cd.text) > len(best.text) || (len(cd.text) == len(best.text) && cd.text < best.text))))) {
			best = cd
		}
	}
	if best == nil {
		if c.entry != nil {
			return c.entry.Name
		}
		return r.ments[c.ments[0]].s.text
	}
	return best.text
}

func startsUpper(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

// output writes the entities and the per-mention ids.
func (r *run) output(cs []*entityCluster, res *Result) {
	res.MentionEntity = make([][]string, len(r.docs))
	res.AsideEntity = make([][]string, len(r.docs))
	for d, doc := range r.docs {
		res.MentionEntity[d] = make([]string, doc.mentions)
		if doc.aside > 0 {
			res.AsideEntity[d] = make([]string, doc.aside)
		}
	}
	for _, c := range cs {
		if len(c.ments) == 0 && len(c.extra) == 0 {
			continue
		}
		e := model.Entity{ID: c.id, Name: c.name, Type: c.typ, Mentions: len(c.ments)}
		counts := map[string]int{}
		docs := map[string]bool{}
		for _, i := range c.ments {
			m := &r.ments[i]
			if !c.drop[translit.Key(m.s.text)] {
				counts[m.s.text]++
			}
			if m.s.core != "" && !c.drop[translit.Key(m.s.core)] {
				counts[m.s.core]++
			}
			docs[r.docs[m.doc].id] = true
			if m.line == 0 {
				res.MentionEntity[m.doc][m.idx] = c.id
			} else {
				res.AsideEntity[m.doc][m.idx] = c.id
			}
		}
		for _, a := range c.extra {
			if _, ok := counts[a]; !ok {
				counts[a] = 0
			}
		}
		for _, t := range sortedKeys(counts) {
			e.Aliases = append(e.Aliases, model.Alias{Text: t, Count: counts[t]})
		}
		sort.SliceStable(e.Aliases, func(i, j int) bool { return e.Aliases[i].Count > e.Aliases[j].Count })
		e.Docs = sortedKeys(docs)
		if en := c.entry; en != nil {
			if en.Wikidata != "" || en.GeoNames != 0 {
				e.KB = &model.KBLink{GeoNames: en.GeoNames, Wikidata: en.Wikidata}
			}
			if en.IsPlace() && en.HasCoord {
				lat, lon := en.Lat, en.Lon
				e.Lat, e.Lon = &lat, &lon
				e.Country = en.Country
			}
		}
		res.Entities = append(res.Entities, e)
	}
	sort.Slice(res.Entities, func(i, j int) bool { return res.Entities[i].ID < res.Entities[j].ID })
}
