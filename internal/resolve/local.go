package resolve

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

// ment is one input mention, analysed. Resolution keeps one per mention of
// the whole collection, so it stays small: the analysis of its text is
// shared by every mention written the same way with the same type.
type ment struct {
	s          *surface
	doc, idx   int32 // docs[doc].Mentions[idx], or docs[doc].Aside[idx] when line > 0
	line       int32 // 0 for the clean text, 1 + the Aside line otherwise
	local      int32 // local entity, -1 when dropped
	start, end int32 // offsets into the line, for the cues between mentions
}

// local is a local entity: the mentions of one entity inside one document.
type local struct {
	doc     int32
	ments   []int32
	typ     string
	names   []string // the name keys it is written as, sorted
	best    string   // most informative name key
	bestN   *translit.Name
	acronym bool // named only by acronyms
	role    bool // named only by titles
	region  bool // written with a region word ("province")
	weak    bool // entry found through a weak alias
	entry   *kb.Entry
	kbScore float64 // confidence of the link
}

// run is the state of one Resolve call.
type run struct {
	docs []docInfo
	// cur is the document being added: its text and lines are read by
	// its local step and dropped with it
	cur    *DocMentions
	kb     *kb.KB
	opts   Options
	ments  []ment
	byDoc  [][]int32 // mentions of each document, in text order
	locals []*local
	// docCountry[d] is the share of each country in document d's places
	docCountry []map[string]float64
	corpus     map[string]float64
	surfaces   map[surfaceKey]*surface   // analysed mention texts
	lookups    map[string][]kb.Match     // cache of kb.Lookup
	names      map[string]*translit.Name // cache of prepared alias keys
	fuzzyCache map[string][]candidate    // type|name key → approximate candidates
	uf         *unionFind                // over locals, across documents
	rootEntry  []*kb.Entry
	rootTypes  []typeTally
}

// surfaceKey is what a mention's analysis depends on.
type surfaceKey struct{ text, typ string }

// docInfo is what resolution keeps of a document once it is added.
type docInfo struct {
	id              string
	mentions, aside int32 // how many of each it has
}

func newRun(k *kb.KB, opts Options) *run {
	return &run{kb: k, opts: opts, surfaces: map[surfaceKey]*surface{},
		lookups: map[string][]kb.Match{}, names: map[string]*translit.Name{}, fuzzyCache: map[string][]candidate{}}
}

// add reads one document's mentions and builds its local entities, from
// d.Groups when they fit, else by the local step over its text.
func (r *run) add(d *DocMentions) {
	di := len(r.docs)
	r.docs = append(r.docs, docInfo{id: strings.Clone(d.Doc), mentions: int32(len(d.Mentions)), aside: int32(len(d.Aside))})
	r.byDoc = append(r.byDoc, nil)
	r.cur = d
	defer func() { r.cur = nil }()
	r.addMentions(di)
	if !r.localsFromGroups(di) {
		r.localGroups(di)
	}
}

// localsFromGroups builds the local entities of document d from the
// groups given with it (DocMentions.Groups); false when there are none or
// they do not fit its mentions.
func (r *run) localsFromGroups(d int) bool {
	dm := r.cur
	if len(dm.Groups) != len(dm.Mentions)+len(dm.Aside) {
		return false
	}
	ids := r.byDoc[d]
	group := make([]int32, len(ids))
	number := map[int]int32{}
	for i, id := range ids {
		m := &r.ments[id]
		k := int(m.idx)
		if m.line > 0 {
			k += len(dm.Mentions)
		}
		g := dm.Groups[k]
		if g < 0 {
			return false
		}
		n, ok := number[g]
		if !ok {
			n = int32(len(number))
			number[g] = n
		}
		group[i] = n
	}
	r.buildLocals(d, group)
	return true
}

// addMentions reads the mentions of document di (r.cur).
func (r *run) addMentions(di int) {
	d := r.cur
	add := func(m model.Mention, idx, line int) {
		s := r.surface(m.Text, m.Type)
		if s.name == "" {
			return
		}
		r.byDoc[di] = append(r.byDoc[di], int32(len(r.ments)))
		r.ments = append(r.ments, ment{s: s, doc: int32(di), idx: int32(idx), line: int32(line), start: int32(m.Start), end: int32(m.End), local: -1})
	}
	for mi, m := range d.Mentions {
		add(m, mi, 0)
	}
	for mi, m := range d.Aside {
		if m.Line >= 0 {
			add(m.Mention, mi, m.Line+1)
		}
	}
	ids := r.byDoc[di]
	sort.SliceStable(ids, func(a, b int) bool {
		ma, mb := &r.ments[ids[a]], &r.ments[ids[b]]
		if ma.line != mb.line {
			return ma.line < mb.line
		}
		return ma.start < mb.start
	})
}

// surface returns the analysis of a mention text of a type, shared by
// every mention written so.
func (r *run) surface(text, typ string) *surface {
	k := surfaceKey{text, typ}
	if s, ok := r.surfaces[k]; ok {
		return s
	}
	text = strings.Clone(text) // a mention's text may pin its whole document
	s := analyse(text, typ)
	s.typ = strings.Clone(typ)
	r.surfaces[surfaceKey{text, s.typ}] = &s
	return &s
}

// lineText returns the text a mention's offsets point into: the clean text
// or an aside line ("" when not given).
func (r *run) lineText(m *ment) string {
	d := r.cur
	if d == nil || int(m.doc) != len(r.docs)-1 {
		return ""
	}
	if m.line == 0 {
		return d.Text
	}
	if l := int(m.line) - 1; l < len(d.Lines) {
		return d.Lines[l]
	}
	return ""
}

func (r *run) lookup(key string) []kb.Match {
	if r.kb == nil || key == "" {
		return nil
	}
	if m, ok := r.lookups[key]; ok {
		return m
	}
	m := r.kb.Lookup(key)
	r.lookups[key] = m
	return m
}

// isCountryName reports whether key names a country or region exactly.
func (r *run) isRegionName(key string) bool {
	for _, m := range r.lookup(key) {
		if !m.Weak && (m.Entry.Feature == kb.FeatureCountry || m.Entry.Feature == kb.FeatureRegion) {
			return true
		}
	}
	return false
}

// Cue patterns between two mentions that name one thing twice.
var (
	reOpenBracket  = regexp.MustCompile(`^\s*[(\[]\s*$`)
	reCloseBracket = regexp.MustCompile(`^\s*[)\]]`)
	reApposition   = regexp.MustCompile(`^\s*,?\s*$`)
	// "X or Y" without a comma lists two things ("in Iraq or Syria"); "X,
	// or Y" renames one
	reBareOr    = regexp.MustCompile(`^\s*or\s*$`)
	reNamingCue = regexp.MustCompile(`(?i)^[\s\])"”’']*,?\s*(?:(?:which|who|that|it)\s+(?:[\p{L}'’]+\s+){0,4}?)?(?:also\s+|now\s+|formerly\s+|later\s+|since\s+|better\s+|widely\s+)?(?:known (?:as|by)(?: (?:his|her|its|the))?(?: (?:nom de guerre|alias|kunya|name))?|called|call|renamed(?: as)?|dubbed|aka|a\.k\.a\.|or|whose (?:real|full|birth|given) name is|(?:real|full|birth) name|born|née|alias)\s*[\["“(]?$`)
)

// localGroups builds the local entities of document d.
func (r *run) localGroups(d int) {
	ids := r.byDoc[d]
	if len(ids) == 0 {
		return
	}
	uf := newUnionFind(len(ids))
	// 1. one name key, one entity
	byName := map[string]int{}
	for i, id := range ids {
		m := &r.ments[id]
		if m.s.role {
			continue
		}
		if j, ok := byName[m.s.name]; ok {
			uf.union(j, i)
		} else {
			byName[m.s.name] = i
		}
	}
	// 2. cues written between neighbouring mentions (of one line)
	{
		for i := 0; i+1 < len(ids); i++ {
			a := &r.ments[ids[i]]
			text := r.lineText(a)
			if text == "" {
				continue
			}
			// the next mention, looking past up to two MISC ones in between
			// ("which Iraqis now call": Iraqis is a MISC mention)
			next := i + 1
			for next < len(ids)-1 && next-i <= 2 && r.ments[ids[next]].s.typ == model.Misc && a.s.typ != model.Misc {
				next++
			}
			b := &r.ments[ids[next]]
			aEnd, bStart, bEnd := int(a.end), int(b.start), int(b.end)
			if a.line != b.line || aEnd > bStart || bStart > len(text) || aEnd < 0 {
				continue
			}
			gap := text[aEnd:bStart]
			if len(gap) > 80 {
				continue
			}
			switch {
			case reOpenBracket.MatchString(gap) && reCloseBracket.MatchString(text[min(bEnd, len(text)):]):
				if r.bracketAlias(a, b, strings.Contains(gap, "[")) {
					uf.union(i, next)
				}
			case a.s.role && !b.s.role && reApposition.MatchString(gap) && compatible(b.s.typ, model.Person):
				uf.union(i, next) // "Leader of the Islamic Revolution Ayatollah Ali Khamenei"
			case !strings.ContainsAny(gap, ".;!?") && reNamingCue.MatchString(gap) && compatible(a.s.typ, b.s.typ) && !a.s.role && !b.s.role &&
				!reBareOr.MatchString(gap) && !r.distinctKnown(a.s.name, b.s.name):
				uf.union(i, next) // "Jaref al-Sakher, which Iraqis now call Jaref al-Nasr"
			}
		}
	}
	// 3. within-document short forms, acronyms, spellings and roles
	groups := func() map[int][]int {
		g := map[int][]int{}
		for i := range ids {
			root := uf.find(i)
			g[root] = append(g[root], i)
		}
		return g
	}
	summarise := func() []*group {
		var out []*group
		for root, members := range groups() {
			g := &group{root: root, first: members[0], titles: map[string]bool{}}
			types := map[string]int{}
			bestKey := ""
			allAcr, allRole := true, true
			seenName := map[string]bool{}
			for _, i := range members {
				m := &r.ments[ids[i]]
				types[m.s.typ]++
				g.count++
				if m.s.title != "" {
					for _, w := range strings.Fields(m.s.title) {
						g.titles[w] = true
					}
				}
				if !m.s.acronym {
					allAcr = false
				}
				if !m.s.role {
					allRole = false
					if betterName(m.s.name, bestKey) {
						bestKey = m.s.name
					}
					if !seenName[m.s.name] {
						seenName[m.s.name] = true
						g.names = append(g.names, r.prepared(m.s.name))
					}
				}
			}
			if bestKey == "" {
				bestKey = r.ments[ids[members[0]]].s.name
			}
			g.typ = vote(types)
			g.best = r.prepared(bestKey)
			g.acronym, g.role = allAcr, allRole
			out = append(out, g)
		}
		sort.Slice(out, func(a, b int) bool { return out[a].first < out[b].first })
		return out
	}
	gs := summarise()
	for _, a := range gs {
		if len(a.best.Tokens) == 0 {
			continue
		}
		var cand *group
		ambiguous := false
		for _, b := range gs {
			if a == b || uf.find(a.root) == uf.find(b.root) || len(b.best.Tokens) == 0 || b.role {
				continue
			}
			ok := false
			switch {
			case a.role:
				// "the Leader" → the person introduced with that title
				ok = b.typ == model.Person && a.titlesShared(b.titles)
			case a.acronym && !b.acronym:
				ok = acronymOf(a.best.Key, b.best.Tokens, true)
			case a.typ == model.Person || a.typ == "":
				if b.typ == model.Person {
					for _, n := range b.names {
						if shortForm(a.best, n, r.opts.TokenMin) {
							ok = true
							break
						}
					}
				}
			case a.typ == model.Org && b.typ == model.Org:
				ok = sameCore(a.best.Tokens, b.best.Tokens)
			case a.typ == model.Place && compatible(a.typ, b.typ):
				ok = len(a.best.Tokens) == len(b.best.Tokens) && a.best.Skel == b.best.Skel &&
					translit.Similarity(a.best.Joined, b.best.Joined) >= 0.85 && !r.bothKnown(a.best.Key, b.best.Key)
			}
			if !ok && len(a.best.Tokens) == 1 && len(b.best.Tokens) > 1 && b.typ == model.Place && !a.acronym && !a.role &&
				a.best.Codes[0] == b.best.Codes[0] && len(a.best.Key) >= 4 && len(r.lookup(a.best.Key)) == 0 {
				// a place called by its first word ("Jaref" for Jaref
				// al-Sakher), when that word names nothing known
				ok = true
			}
			if !ok && a.count == 1 && !nisba(a.best.Joined, b.best.Joined) && !a.acronym && !b.acronym && a.best.Skel == b.best.Skel && len(a.best.Tokens) == len(b.best.Tokens) &&
				translit.Similarity(a.best.Joined, b.best.Joined) >= 0.9 && !r.bothKnown(a.best.Key, b.best.Key) {
				// a lone spelling variant of a name the document uses,
				// whatever the recogniser typed it ("Daisch" beside "Daish")
				ok = true
			}
			if !ok {
				continue
			}
			if cand != nil && uf.find(cand.root) != uf.find(b.root) {
				// two candidates: the one with more words (the full name),
				// then more mentions, then the nearest before
				if better := preferTarget(b, cand, a.first); better == 0 {
					ambiguous = true
				} else if better > 0 {
					cand = b
				}
				continue
			}
			cand = b
		}
		if cand != nil && !ambiguous && cand.first > a.first && len(a.best.Tokens) == 1 && !a.acronym {
			// a bare name before any full name it could shorten: when the
			// knowledge base knows the bare name as someone else ("Assad",
			// then "his father Hafez al-Assad"), the reader's default wins
			for _, m := range r.lookup(a.best.Key) {
				if m.Weak {
					cand = nil
					break
				}
			}
		}
		if cand != nil && !ambiguous {
			uf.union(a.root, cand.root)
		}
	}
	// 4. local entities, numbered in order of first mention
	group := make([]int32, len(ids))
	number := map[int]int32{}
	for i := range ids {
		root := uf.find(i)
		g, ok := number[root]
		if !ok {
			g = int32(len(number))
			number[root] = g
		}
		group[i] = g
	}
	r.buildLocals(d, group)
}

// buildLocals makes the local entities of document d from the group of
// each of its mentions: group[i] for r.byDoc[d][i], numbered from 0 in
// order of first mention.
func (r *run) buildLocals(d int, group []int32) {
	ids := r.byDoc[d]
	n := 0
	for _, g := range group {
		n = max(n, int(g)+1)
	}
	ls := make([]local, n)
	base := int32(len(r.locals))
	for k := range ls {
		ls[k] = local{doc: int32(d), acronym: true, role: true}
	}
	for i, id := range ids {
		l := &ls[group[i]]
		m := &r.ments[id]
		m.local = base + group[i]
		l.ments = append(l.ments, id)
		if !m.s.acronym {
			l.acronym = false
		}
		if m.s.region {
			l.region = true
		}
		if !m.s.role {
			l.role = false
			l.names = append(l.names, m.s.name)
			if betterName(m.s.name, l.best) {
				l.best = m.s.name
			}
		}
	}
	types := map[string]int{}
	for k := range ls {
		l := &ls[k]
		if l.best == "" {
			l.best = r.ments[l.ments[0]].s.name
			l.names = append(l.names, l.best)
		}
		sort.Strings(l.names)
		l.names = slices.Compact(l.names)
		l.names = slices.Clip(l.names)
		clear(types)
		for _, id := range l.ments {
			types[r.ments[id].s.typ]++
		}
		l.typ = vote(types)
		l.bestN = r.preparedRef(l.best)
		r.locals = append(r.locals, l)
	}
}

// group is a within-document group of mentions while short forms are linked.
type group struct {
	root    int
	typ     string
	best    translit.Name
	names   []translit.Name // every name the group is written as
	acronym bool
	role    bool
	count   int
	first   int // position of the first mention
	titles  map[string]bool
}

// titlesShared reports whether a role mention's title words are among the
// titles a person was introduced with ("the Leader" after "Leader of the
// Islamic Revolution Ayatollah Ali Khamenei").
func (g *group) titlesShared(titles map[string]bool) bool {
	for w := range g.titles {
		if personTitleHeads[w] && titles[w] {
			return true
		}
	}
	return false
}

// rank orders candidate full forms for a short form at position at: more
// words, then more mentions, then nearer before it.
func (g *group) rank(at int) [3]int {
	near := 0
	if g.first <= at {
		near = g.first - at // closer before is larger
	} else {
		near = -1 << 20
	}
	return [3]int{len(g.best.Tokens), g.count, near}
}

// betterName prefers names with more words, then longer ones, then the
// alphabetically first (for determinism).
func betterName(a, b string) bool {
	if b == "" {
		return true
	}
	na, nb := strings.Count(a, " "), strings.Count(b, " ")
	if na != nb {
		return na > nb
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a < b
}

// bracketAlias decides whether "A (B)" or "A [B]" names one thing twice: an
// acronym and its expansion, or a name and its translation or other name.
// "Mosul (Iraq)", "Quds Force (Qasem Soleimani)" and "Tehran (IRNA)" do not.
func (r *run) bracketAlias(a, b *ment, square bool) bool {
	if a.s.role || b.s.role {
		return false
	}
	if b.s.acronym && !a.s.acronym {
		return acronymOf(b.s.name, strings.Fields(a.s.name), false) || acronymOf(b.s.name, strings.Fields(a.s.full), false)
	}
	if a.s.acronym && !b.s.acronym {
		return acronymOf(a.s.name, strings.Fields(b.s.name), false)
	}
	// square brackets are an editor's gloss ("Jaref al-Sakher [Rocky
	// Cliff]"), whatever the recogniser typed it; round ones need agreeing
	// types and no person ("Quds Force (Qasem Soleimani)")
	if !square && (!compatible(a.s.typ, b.s.typ) || a.s.typ == model.Person || b.s.typ == model.Person) {
		return false
	}

	// "ISIL (Daesh)": both known and the same; "Baghdad (Iraq)": a region
	if r.isRegionName(b.s.name) {
		return false
	}
	ea, eb := r.exactEntries(a.s.name), r.exactEntries(b.s.name)
	if len(ea) > 0 && len(eb) > 0 {
		for e := range ea {
			if eb[e] {
				return true
			}
		}
		return false
	}
	return true
}

// distinctKnown reports whether two names each name a knowledge-base entry
// exactly (strong aliases) and share none: then no cue makes them one.
func (r *run) distinctKnown(a, b string) bool {
	ea, eb := r.knownEntries(a), r.knownEntries(b)
	if len(ea) == 0 || len(eb) == 0 {
		return false
	}
	for e := range ea {
		if eb[e] {
			return false
		}
	}
	return true
}

// knownEntries returns the entries (curated or not) a name key names
// exactly by a strong alias.
func (r *run) knownEntries(key string) map[*kb.Entry]bool {
	out := map[*kb.Entry]bool{}
	for _, m := range r.lookup(key) {
		if !m.Weak {
			out[m.Entry] = true
		}
	}
	return out
}

// exactEntries returns the curated entries a name key names exactly.
func (r *run) exactEntries(key string) map[*kb.Entry]bool {
	out := map[*kb.Entry]bool{}
	for _, m := range r.lookup(key) {
		if m.Entry.Curated && !m.Weak {
			out[m.Entry] = true
		}
	}
	return out
}

// bothKnown reports whether two place names each name a known place exactly
// (then they are two places, however alike: Iran and Iraq).
func (r *run) bothKnown(a, b string) bool {
	return len(r.lookup(a)) > 0 && len(r.lookup(b)) > 0
}

// acronymOf reports whether acr (a key, e.g. "irc") abbreviates the words:
// its letters are the initials of the content words in order, allowing (when
// strict is false) initials to be skipped, as in "Islamic Revolution Guards
// Corps (IRC)". First and last letters must match the first and last words.
func acronymOf(acr string, words []string, strict bool) bool {
	acr = strings.ReplaceAll(acr, " ", "")
	var content []string
	for _, w := range words {
		if !translit.StopWord(w) {
			content = append(content, w)
		}
	}
	if len(acr) < 2 || len(content) < 2 {
		return false
	}
	init := translit.Initials(content)
	if init == acr {
		return true
	}
	if strict || acr[0] != init[0] || acr[len(acr)-1] != init[len(init)-1] {
		return false
	}
	// in-order subsequence, missing at most one initial in three
	j := 0
	for i := 0; i < len(init) && j < len(acr); i++ {
		if init[i] == acr[j] {
			j++
		}
	}
	return j == len(acr) && len(init)-len(acr) <= (len(init)+2)/3
}

// shortForm reports whether person name a is a short form of b: "Soleimani"
// of "Qassem Soleimani", "Javad Zarif" of "Mohammad Javad Zarif", or the same
// name misspelt ("Solemani", "Qasim Solomon" for "Qasem Soleimani").
func shortForm(a, b translit.Name, tokenMin float64) bool {
	if len(a.Tokens) > len(b.Tokens) || len(a.Tokens) == 0 {
		return false
	}
	// cheap test first: the last words (or, for a lone word, the first
	// words) must share a skeleton
	if a.Skels[len(a.Skels)-1] != b.Skels[len(b.Skels)-1] && !(len(a.Tokens) == 1 && a.Codes[0] == b.Codes[0]) {
		return false
	}
	if len(a.Tokens) == 1 {
		// a surname, or a given name when the surname does not fit
		last := b.Codes[len(b.Codes)-1]
		if translit.TokenSimilarity(a.Codes[0], last) >= tokenMin+0.07 {
			return true
		}
		return len(b.Tokens) >= 2 && a.Codes[0] == b.Codes[0] && len(a.Tokens[0]) >= 4
	}
	al := translit.Align(a, b, tokenMin)
	return al.Matched == len(a.Tokens) && al.SkippedAfter == 0 && al.Mean >= 0.85
}

// sameCore reports whether two organisation names are one name with
// different affiliations or generic heads: "Popular Mobilization" and
// "Iraqi Popular Mobilization units".
func sameCore(a, b []string) bool {
	ca, cb := stripOrg(a), stripOrg(b)
	if len(ca) == 0 || len(cb) == 0 {
		return false
	}
	trim := func(ts []string) []string {
		if n := len(ts); n > 1 && (ts[n-1] == "units" || ts[n-1] == "forces") {
			return ts[:n-1]
		}
		return ts
	}
	return strings.Join(trim(ca), " ") == strings.Join(trim(cb), " ")
}

// preferTarget compares two candidate full forms for a short form at
// position at: +1 if b is better than c, -1 if worse, 0 if they tie.
func preferTarget(b, c *group, at int) int {
	rb, rc := b.rank(at), c.rank(at)
	for i := range rb {
		if rb[i] != rc[i] {
			if rb[i] > rc[i] {
				return 1
			}
			return -1
		}
	}
	return 0
}
