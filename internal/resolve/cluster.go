package resolve

import (
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

// cluster joins local entities across documents. Work is bounded by
// blocking: local entities are compared only with the distinct names that
// share one of their keys (exact name, skeleton of the whole name, skeleton
// of a person's surname, acronym initials), never all pairs.
func (r *run) cluster() {
	n := len(r.locals)
	r.uf = newUnionFind(n)
	r.rootEntry = make([]*kb.Entry, n)
	r.rootTypes = make([]typeTally, n)
	for i, l := range r.locals {
		r.rootEntry[i] = l.entry
		r.rootTypes[i] = typeTally{typ: l.typ, n: len(l.ments)}
	}
	// 1. one knowledge-base entry, one entity
	byEntry := map[*kb.Entry]int{}
	for i, l := range r.locals {
		if l.entry == nil {
			continue
		}
		if j, ok := byEntry[l.entry]; ok {
			r.join(i, j)
		} else {
			byEntry[l.entry] = i
		}
	}
	// 2. one name, one entity (within a type)
	byName := map[string]int{}
	for i, l := range r.locals {
		if l.role {
			continue
		}
		for _, name := range l.names {
			if strings.Count(name, " ") == 0 && strings.Count(l.best, " ") > 0 {
				continue // a short form: attached in step 4
			}
			key := classOf(l) + "|" + name
			if j, ok := byName[key]; ok {
				r.join(i, j)
			} else {
				byName[key] = i
			}
		}
	}
	// 3. spellings of one name, compared inside blocks
	ctx := r.contexts()
	blocks := map[string][]int{}
	for i, l := range r.locals {
		if l.role || l.acronym || len(l.bestN.Tokens) == 0 {
			continue
		}
		c := classOf(l)
		blocks["S|"+c+"|"+l.bestN.Skel] = append(blocks["S|"+c+"|"+l.bestN.Skel], i)
		if c == model.Person && len(l.bestN.Tokens) > 1 {
			k := "L|" + translit.Skeleton(l.bestN.Last())
			blocks[k] = append(blocks[k], i)
		}
	}
	for _, key := range sortedKeys(blocks) {
		r.compareBlock(blocks[key], ctx)
	}
	// 4. bare surnames and acronyms join the one entity they can name
	r.attachShortForms(ctx)
}

// classOf is the type a local entity is blocked under: its knowledge-base
// entry's type when linked, else the recogniser's vote.
func classOf(l *local) string {
	if l.entry != nil {
		return l.entry.Type
	}
	return l.typ
}

// join unions two local entities unless that would merge two different
// knowledge-base entries or incompatible types.
func (r *run) join(a, b int) bool {
	ra, rb := r.uf.find(a), r.uf.find(b)
	if ra == rb {
		return true
	}
	ea, eb := r.rootEntry[ra], r.rootEntry[rb]
	if ea != nil && eb != nil && ea != eb {
		return false
	}
	ta, tb := r.rootType(ra), r.rootType(rb)
	if typeFit(ta, tb) < 0.6 {
		return false
	}
	root := r.uf.union(ra, rb)
	other := ra
	if root == ra {
		other = rb
	}
	if r.rootEntry[root] == nil {
		r.rootEntry[root] = r.rootEntry[other]
	}
	r.rootTypes[root].merge(&r.rootTypes[other])
	return true
}

// typeTally counts the mentions of each type in a cluster. Nearly every
// cluster has one type, so the first is kept inline: a map per local
// entity was the largest allocation of a large resolution.
type typeTally struct {
	typ  string
	n    int
	more map[string]int
}

func (t *typeTally) add(typ string, n int) {
	switch {
	case t.n == 0 && t.more == nil:
		t.typ, t.n = typ, n
	case typ == t.typ:
		t.n += n
	default:
		if t.more == nil {
			t.more = map[string]int{}
		}
		t.more[typ] += n
	}
}

func (t *typeTally) merge(o *typeTally) {
	if o.n > 0 || o.more == nil {
		t.add(o.typ, o.n)
	}
	for typ, n := range o.more {
		t.add(typ, n)
	}
	o.more = nil
}

// get returns the count of typ.
func (t *typeTally) get(typ string) int {
	n := t.more[typ]
	if typ == t.typ {
		n += t.n
	}
	return n
}

// asMap returns the counts as a map.
func (t *typeTally) asMap() map[string]int {
	m := map[string]int{t.typ: t.n}
	for typ, n := range t.more {
		m[typ] += n
	}
	return m
}

func (r *run) rootType(root int) string {
	if e := r.rootEntry[root]; e != nil {
		return e.Type
	}
	counts := &r.rootTypes[root]
	// MISC and untyped votes count only when nothing else was said
	best, bc := "", 0
	for _, t := range []string{model.Person, model.Org, model.Place} {
		if c := counts.get(t); c > bc {
			best, bc = t, c
		}
	}
	if best == "" {
		return vote(counts.asMap())
	}
	return best
}

// contexts returns, for each document, the knowledge-base entries it links
// (countries and regions left out: too common to tell stories apart).
func (r *run) contexts() []map[*kb.Entry]bool {
	ctx := make([]map[*kb.Entry]bool, len(r.docs))
	for i := range ctx {
		ctx[i] = map[*kb.Entry]bool{}
	}
	for _, l := range r.locals {
		if e := l.entry; e != nil && e.Feature != kb.FeatureCountry && e.Feature != kb.FeatureRegion {
			ctx[l.doc][e] = true
		}
	}
	return ctx
}

// shareContext reports whether the documents of two local entities name
// another entity in common.
func (r *run) shareContext(a, b *local, ctx []map[*kb.Entry]bool) bool {
	if a.doc == b.doc {
		return true
	}
	ca, cb := ctx[a.doc], ctx[b.doc]
	if len(ca) > len(cb) {
		ca, cb = cb, ca
	}
	for e := range ca {
		if e != a.entry && e != b.entry && cb[e] {
			return true
		}
	}
	return false
}

// compareBlock merges the locals of one block whose names are spellings of
// one another. Each distinct name is compared once with each other distinct
// name in the block.
func (r *run) compareBlock(members []int, ctx []map[*kb.Entry]bool) {
	type rep struct {
		name  *translit.Name
		local int
	}
	var reps []rep
	seen := map[string]int{}
	var extra [][]int // other locals with the same name, for context
	for _, i := range members {
		l := r.locals[i]
		if j, ok := seen[l.best]; ok {
			extra[j] = append(extra[j], i)
			continue
		}
		if len(reps) >= r.opts.MaxBlockNames {
			break
		}
		seen[l.best] = len(reps)
		reps = append(reps, rep{l.bestN, i})
		extra = append(extra, nil)
	}
	for a := 0; a < len(reps); a++ {
		for b := a + 1; b < len(reps); b++ {
			la, lb := r.locals[reps[a].local], r.locals[reps[b].local]
			if r.uf.find(reps[a].local) == r.uf.find(reps[b].local) {
				continue
			}
			typ := la.typ
			if la.entry != nil {
				typ = la.entry.Type
			}
			if typ == "" || typ == model.Misc {
				typ = lb.typ
			}
			sim := r.spellingSimilarity(*reps[a].name, *reps[b].name, typ)
			if sim < r.opts.ContextNameMin {
				continue
			}
			if sim < r.opts.NameMin && !r.anyContext(append([]int{reps[a].local}, extra[a]...), append([]int{reps[b].local}, extra[b]...), ctx) {
				continue
			}
			r.join(reps[a].local, reps[b].local)
		}
	}
}

// anyContext reports whether some local of as shares context with some of bs
// (checking a bounded number of pairs).
func (r *run) anyContext(as, bs []int, ctx []map[*kb.Entry]bool) bool {
	checks := 0
	for _, a := range as {
		for _, b := range bs {
			if r.shareContext(r.locals[a], r.locals[b], ctx) {
				return true
			}
			if checks++; checks > 64 {
				return false
			}
		}
	}
	return false
}

// spellingSimilarity is nameSimilarity with the extra care cross-document
// merging needs: person names with a different number of words must share at
// least two (Javad Zarif / Mohammad Javad Zarif), and names that differ only
// by a final vowel after the same consonants are kept apart when the
// knowledge base knows both (Baghdad, Baghdadi).
func (r *run) spellingSimilarity(a, b translit.Name, typ string) float64 {
	if typ == model.Person && len(a.Tokens) != len(b.Tokens) && min(len(a.Tokens), len(b.Tokens)) < 2 {
		return 0
	}
	if typ != model.Person && len(a.Tokens) != len(b.Tokens) && a.Skel != b.Skel {
		return 0
	}
	if nisba(a.Joined, b.Joined) {
		return 0
	}
	return nameSimilarity(a, b, typ, r.opts.TokenMin)
}

// attachShortForms joins locals named only by a surname ("Solemani" in a
// document that never gives the full name) to the one person cluster whose
// full names end with that surname, and unlinked acronyms to the one
// organisation whose name they abbreviate.
func (r *run) attachShortForms(ctx []map[*kb.Entry]bool) {
	// surnames of full person names, by skeleton and then by spelling, so a
	// bare surname is compared once with each distinct spelling
	bySurname := map[string]map[string][]int{}
	byInitials := map[string][]int{}
	for i, l := range r.locals {
		if l.role || l.acronym || len(l.bestN.Tokens) < 2 {
			continue
		}
		switch l.typ {
		case model.Person:
			last := l.bestN.Last()
			k := translit.Skeleton(last)
			if bySurname[k] == nil {
				bySurname[k] = map[string][]int{}
			}
			bySurname[k][last] = append(bySurname[k][last], i)
		case model.Org, model.Misc, "":
			if ini := translit.Initials(l.bestN.Tokens); len(ini) >= 2 {
				byInitials[ini] = append(byInitials[ini], i)
			}
		}
	}
	surnameCands := map[string][]int{} // bare surname code → locals with the nearest surnames
	for i, l := range r.locals {
		if l.role || (l.entry != nil && !l.weak) {
			continue
		}
		var cands []int
		switch {
		case l.acronym:
			if l.entry != nil {
				continue
			}
			cands = byInitials[strings.ReplaceAll(l.best, " ", "")]
		case len(l.bestN.Tokens) == 1 && (l.typ == model.Person || l.typ == "" || l.typ == model.Misc):
			// near-exact surnames only, and the nearest of those
			code := l.bestN.Codes[0]
			var ok bool
			if cands, ok = surnameCands[code]; !ok {
				top := 0.9
				byCode := bySurname[translit.Skeleton(code)]
				for _, last := range sortedKeys(byCode) {
					sim := translit.TokenSimilarity(code, last)
					if sim > top {
						top, cands = sim, nil
					}
					if sim >= top {
						cands = append(cands, byCode[last]...)
					}
				}
				surnameCands[code] = cands
			}
		default:
			continue
		}
		if len(cands) == 0 {
			continue
		}
		// the clusters the candidates belong to, with mention counts and
		// whether they share context with this document
		type target struct {
			root, mentions int
			context        bool
		}
		targets := map[int]*target{}
		for _, j := range cands {
			root := r.uf.find(j)
			t := targets[root]
			if t == nil {
				t = &target{root: root}
				targets[root] = t
			}
			t.mentions += len(r.locals[j].ments)
			if !t.context && r.shareContext(l, r.locals[j], ctx) {
				t.context = true
			}
		}
		var ts []*target
		for _, t := range targets {
			ts = append(ts, t)
		}
		sort.Slice(ts, func(a, b int) bool {
			if ts[a].context != ts[b].context {
				return ts[a].context
			}
			if ts[a].mentions != ts[b].mentions {
				return ts[a].mentions > ts[b].mentions
			}
			return ts[a].root < ts[b].root
		})
		pick := ts[0]
		if len(ts) > 1 {
			second := ts[1]
			if pick.context == second.context && pick.mentions < 3*second.mentions {
				continue // ambiguous: Masoud or Nechirvan Barzani
			}
		}
		if l.entry != nil && l.weak {
			// a weak knowledge-base guess gives way to a full name in the collection
			if e := r.rootEntry[pick.root]; e != nil && e != l.entry {
				continue
			}
		}
		r.join(i, pick.root)
	}
}

// nisba reports whether one phonetic code is the other with an "-i" added:
// the Arabic suffix that makes a place into an adjective or a surname
// (Baghdad → Baghdadi, Tikrit → Tikriti, Iraq → Iraqi). Such pairs are
// never spellings of one name.
func nisba(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(b) == len(a)+1 && b[len(b)-1] == 'i' && b[:len(a)] == a && len(a) >= 3
}
