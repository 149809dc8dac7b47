package resolve

import (
	"strconv"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

// DecisionKind names an analyst's correction.
type DecisionKind string

// Decision kinds.
const (
	// Merge: Entity absorbs Other; Other's id redirects to Entity's.
	Merge DecisionKind = "merge"
	// Split: the mentions of Entity written as Alias become an entity of
	// their own, called Name (default: Alias) and typed Type (default:
	// Entity's type).
	Split DecisionKind = "split"
	// Rename: Entity is called Name (and typed Type, if given). Its id stays.
	Rename DecisionKind = "rename"
	// AddAlias: every mention written as Alias belongs to Entity, wherever
	// clustering put it; the alias is listed even before any mention uses it.
	AddAlias DecisionKind = "alias-add"
	// RemoveAlias: Alias does not name Entity; its mentions leave Entity and
	// form an entity of their own, as for Split.
	RemoveAlias DecisionKind = "alias-remove"
)

// Decision is one analyst correction, kept as plain data (the store saves
// them; Resolve replays them, in order, after every clustering run).
//
// Entity and Other refer to an entity by its id or by any of its names or
// aliases. Ids are derived from the knowledge-base id or from the canonical
// name, so they survive re-analysis as long as the entity still has that
// name; when an id no longer exists (a new document made another spelling
// canonical), the reference falls back to the aliases, and to an alias whose
// slug equals the old id. A reference that matches several entities goes to
// the one with the most mentions of that name. Store decisions with the
// entity's canonical name as well as its id to be safe:
// Decision{Kind: Merge, Entity: "qassem-soleimani", Other: "Qasim Solomon"}.
type Decision struct {
	Kind   DecisionKind `json:"kind"`
	Entity string       `json:"entity"`
	Other  string       `json:"other,omitempty"`
	Alias  string       `json:"alias,omitempty"`
	Name   string       `json:"name,omitempty"`
	Type   string       `json:"type,omitempty"`
}

// applyDecisions replays decisions over the clusters.
func applyDecisions(r *run, cs []*entityCluster, ds []Decision, res *Result) []*entityCluster {
	ids := map[string]bool{}
	for _, c := range cs {
		ids[c.id] = true
	}
	skip := func(d Decision, why string) {
		res.Skipped = append(res.Skipped, SkippedDecision{Decision: d, Reason: why})
	}
	for _, d := range ds {
		a := r.findCluster(cs, d.Entity)
		if a == nil {
			skip(d, "no entity "+strconv.Quote(d.Entity))
			continue
		}
		switch d.Kind {
		case Merge:
			b := r.findCluster(cs, d.Other)
			if b == nil {
				skip(d, "no entity "+strconv.Quote(d.Other))
				continue
			}
			if a == b {
				continue
			}
			a.ments = append(a.ments, b.ments...)
			a.extra = append(a.extra, b.extra...)
			if a.entry == nil {
				a.entry = b.entry
			}
			res.Redirects[b.id] = a.id
			cs = remove(cs, b)
		case Rename:
			if d.Name == "" && d.Type == "" {
				skip(d, "rename needs a name or a type")
				continue
			}
			if d.Name != "" {
				a.name = d.Name
			}
			if d.Type != "" {
				a.typ = d.Type
			}
			a.pinned = true
		case Split, RemoveAlias:
			key := translit.Key(d.Alias)
			var keep, move []int32
			for _, i := range a.ments {
				if r.mentionNamed(i, key) {
					move = append(move, i)
				} else {
					keep = append(keep, i)
				}
			}
			if len(move) == 0 {
				skip(d, "entity "+strconv.Quote(a.id)+" has no mention "+strconv.Quote(d.Alias))
				continue
			}
			a.ments = keep
			name := d.Name
			if name == "" {
				name = r.ments[move[0]].s.display
			}
			typ := d.Type
			if typ == "" {
				typ = a.typ
			}
			c := &entityCluster{ments: move, name: name, typ: typ, pinned: true}
			c.id = freshID(ids, kb.Slug(name))
			cs = append(cs, c)
			if len(a.ments) == 0 && len(a.extra) == 0 {
				res.Redirects[a.id] = c.id
				cs = remove(cs, a)
			}
		case AddAlias:
			if d.Alias == "" {
				skip(d, "alias-add needs an alias")
				continue
			}
			key := translit.Key(d.Alias)
			for _, c := range cs {
				if c == a {
					continue
				}
				var keep []int32
				for _, i := range c.ments {
					if r.mentionNamed(i, key) {
						a.ments = append(a.ments, i)
					} else {
						keep = append(keep, i)
					}
				}
				c.ments = keep
			}
			a.extra = append(a.extra, d.Alias)
			delete(a.drop, key)
			var kept []*entityCluster
			for _, c := range cs {
				if len(c.ments) == 0 && len(c.extra) == 0 && c != a {
					res.Redirects[c.id] = a.id
					continue
				}
				kept = append(kept, c)
			}
			cs = kept
		default:
			skip(d, "unknown kind "+strconv.Quote(string(d.Kind)))
		}
	}
	// follow chains (a merged into b, b into c) to the surviving id
	for from, to := range res.Redirects {
		for n := 0; n < len(res.Redirects); n++ {
			next, ok := res.Redirects[to]
			if !ok || next == from {
				break
			}
			to = next
		}
		res.Redirects[from] = to
	}
	return cs
}

// mentionNamed reports whether mention i is written as the alias key, with
// or without its title.
func (r *run) mentionNamed(i int32, key string) bool {
	s := r.ments[i].s
	return s.full == key || s.name == key || translit.Key(s.text) == key
}

// findCluster resolves a reference: an id, a name or alias, or the slug of
// an alias.
func (r *run) findCluster(cs []*entityCluster, ref string) *entityCluster {
	if ref == "" {
		return nil
	}
	for _, c := range cs {
		if c.id == ref {
			return c
		}
	}
	key := translit.Key(ref)
	var best *entityCluster
	bestN := 0
	for _, c := range cs {
		n := 0
		if translit.Key(c.name) == key || kb.Slug(c.name) == ref {
			n += 1 << 20
		}
		for _, a := range c.extra {
			if translit.Key(a) == key {
				n += 1 << 19
			}
		}
		for _, i := range c.ments {
			if r.mentionNamed(i, key) || kb.Slug(r.ments[i].s.display) == ref {
				n++
			}
		}
		if n > bestN || (n == bestN && n > 0 && best != nil && c.id < best.id) {
			best, bestN = c, n
		}
	}
	return best
}

func freshID(ids map[string]bool, base string) string {
	if base == "" {
		base = "entity"
	}
	id := base
	for n := 2; ids[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	ids[id] = true
	return id
}

func remove(cs []*entityCluster, c *entityCluster) []*entityCluster {
	for i, x := range cs {
		if x == c {
			return append(cs[:i], cs[i+1:]...)
		}
	}
	return cs
}
