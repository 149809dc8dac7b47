package events

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
)

// DocEvents is one document's event mentions, the input of Merge.
type DocEvents struct {
	Doc string
	// Text is the document's clean text, for the evidence sentences; ""
	// leaves the evidence text empty (offsets are kept).
	Text   string
	Events []model.EventMention
}

// MergeOptions tune Merge. Use DefaultMergeOptions; the zero value is not
// the default.
type MergeOptions struct {
	// EntityOf maps a mention text of a document (a place, agent or
	// target) to its entity id, "" when unresolved. nil uses the
	// lower-cased text as the id.
	EntityOf func(doc, text string) string
	// Coords gives a place entity's coordinates; with it, places closer
	// than MaxPlaceKm count as one place. Optional.
	Coords func(id string) (lat, lon float64, ok bool)
	// NameOf gives an entity's display name for summaries; nil or "" uses
	// the most frequent surface form. Optional.
	NameOf func(id string) string
	// MaxPlaceKm: places with coordinates this close are the same scene.
	// Default 2.
	MaxPlaceKm float64
	// SlackDays lets two dated reports merge when their ranges miss each
	// other by this many days (a "last week" counted from a publication
	// date that is itself inferred). Default 3.
	SlackDays int
	// MaxEvidence caps the evidence sentences kept per event; 0 keeps all.
	MaxEvidence int
}

// DefaultMergeOptions returns the options the pipeline uses (without the
// entity functions, which the caller supplies).
func DefaultMergeOptions() MergeOptions {
	return MergeOptions{MaxPlaceKm: 2, SlackDays: 3}
}

// item is one mention prepared for merging.
type item struct {
	doc      string
	text     string // the document text, shared
	m        *model.EventMention
	typ      int    // index into typeList
	place    string // entity id
	hasPlace bool
	broad    bool // the place is a country or larger
	lat, lon float64
	hasXY    bool
	agents   []string
	targets  []string
	b, e     int // day range; minDay/maxDay when open
	kind     int // 0 dated, 1 bounded on one side, 2 unknown
	block    string
	order    int
}

// cluster is an event being built.
type cluster struct {
	items []*item
	types map[string]int
	mask  uint32 // bits of the types in it
	b, e  int    // intersection of the dated members' ranges
	dated bool   // has a dated member
	bound int    // for undated clusters: the tightest "before" bound
	block string
	seen  int // stamp of the last report it was offered to
}

// block holds the events of one place (or victim, or speaker), indexed by
// the months their first report covers, so that a dated report meets only
// the events of its own months, however busy the place.
type block struct {
	all     []*cluster
	buckets map[int][]*cluster // month bucket → events
	wide    []*cluster         // events first reported over more than maxBuckets months
	bySize  []*cluster         // for undated reports: all, largest first
	sorted  int                // len(all) when bySize was last sorted
}

const (
	bucketDays = 31
	maxBuckets = 24
	// maxUndatedScan bounds how many of a block's largest events an
	// undated report is offered to.
	maxUndatedScan = 64
)

func bucketOf(day int) int {
	if day < 0 {
		return (day - bucketDays + 1) / bucketDays
	}
	return day / bucketDays
}

func (b *block) add(c *cluster, it *item) {
	b.all = append(b.all, c)
	if it.kind != 0 {
		b.wide = append(b.wide, c) // undated: offered to every later report
		return
	}
	lo, hi := bucketOf(it.b), bucketOf(it.e)
	if hi-lo >= maxBuckets {
		b.wide = append(b.wide, c)
		return
	}
	for k := lo; k <= hi; k++ {
		b.buckets[k] = append(b.buckets[k], c)
	}
}

// candidates appends the events of the block a report may join. Event
// ranges only shrink as reports join, so the months an event was filed
// under when it began still cover it.
func (b *block) candidates(it *item, stamp int, out []*cluster) []*cluster {
	take := func(cs []*cluster) {
		for _, c := range cs {
			if c.seen != stamp {
				c.seen = stamp
				out = append(out, c)
			}
		}
	}
	switch {
	case it.kind == 0 && bucketOf(it.e)-bucketOf(it.b) < 4*maxBuckets:
		take(b.wide)
		for k := bucketOf(it.b - bucketDays); k <= bucketOf(it.e+bucketDays); k++ {
			take(b.buckets[k])
		}
	case it.kind == 0:
		take(b.all)
	default:
		// re-sort when the block has grown by a quarter; events added in
		// between are new and small, so they go at the end
		if len(b.all) > b.sorted+b.sorted/4 {
			b.bySize = append(b.bySize[:0], b.all...)
			slices.SortStableFunc(b.bySize, func(x, y *cluster) int { return len(y.items) - len(x.items) })
			b.sorted = len(b.all)
		} else if len(b.bySize) < len(b.all) {
			b.bySize = append(b.bySize, b.all[len(b.bySize):]...)
		}
		n := 0
		for _, c := range b.bySize {
			if n == maxUndatedScan {
				break
			}
			if c.seen != stamp {
				c.seen = stamp
				out = append(out, c)
				n++
			}
		}
	}
	return out
}

// Merge groups event mentions from many documents into events: reports
// merge when their types are compatible (a battle, a liberation and a
// retreat from one town are one event; its fall and its liberation are
// two), their places are one (same entity, or within MaxPlaceKm) and their
// times overlap. Killings of a named person merge by the victim whatever
// the place ("killed in Baghdad", "assassinated in Iraq"); statements,
// visits and meetings without a place by who made them. Reports with
// neither place nor such a person are dropped: they cannot go on a map or
// be told apart.
//
// Reports are blocked by place (or victim, or speaker) and taken from the
// most precisely dated to the undated, each joining the best compatible
// event of its block, so the work grows with the number of reports times
// the number of events at one place, not with the square of the corpus.
// The result is sorted by time, undated events last.
func Merge(docs []DocEvents, opts MergeOptions) []model.Event {
	evs, _ := merge(docs, opts)
	return evs
}

// mergeStats counts the work Merge did, for the benchmark: the number of
// candidate events offered to reports shows whether blocking keeps the
// work per report flat as the corpus grows.
type mergeStats struct {
	reports, candidates int
}

func merge(docs []DocEvents, opts MergeOptions) ([]model.Event, mergeStats) {
	var st mergeStats
	def := DefaultMergeOptions()
	if opts.MaxPlaceKm < 0 {
		opts.MaxPlaceKm = 0
	}
	if opts.SlackDays < 0 {
		opts.SlackDays = def.SlackDays
	}
	entity := opts.EntityOf
	if entity == nil {
		entity = func(_, text string) string { return strings.ToLower(strings.TrimSpace(text)) }
	}
	var items []*item
	for di := range docs {
		dd := &docs[di]
		for mi := range dd.Events {
			it := prepareItem(dd, &dd.Events[mi], entity, opts)
			if it == nil {
				continue
			}
			it.order = len(items)
			items = append(items, it)
		}
	}
	slices.SortStableFunc(items, func(a, b *item) int {
		if a.kind != b.kind {
			return a.kind - b.kind
		}
		if a.kind == 0 && a.e-a.b != b.e-b.b {
			return (a.e - a.b) - (b.e - b.b)
		}
		return a.order - b.order
	})
	g := newGrid(opts.MaxPlaceKm)
	blocks := map[string]*block{}
	var clusters []*cluster
	stamp := 0
	var cands []*cluster
	for _, it := range items {
		stamp++
		cands = cands[:0]
		keys := []string{it.block}
		if it.hasXY && g != nil && strings.HasPrefix(it.block, "place:") {
			// the blocks of every place within MaxPlaceKm, this one first
			g.addPlace(it.place, it.lat, it.lon)
			keys = keys[:0]
			for _, p := range g.near(it.lat, it.lon, opts.MaxPlaceKm) {
				keys = append(keys, "place:"+p)
			}
		}
		for _, k := range keys {
			if b := blocks[k]; b != nil {
				cands = b.candidates(it, stamp, cands)
			}
		}
		st.reports++
		st.candidates += len(cands)
		best := bestCluster(it, cands, opts.SlackDays)
		if best == nil {
			best = &cluster{types: map[string]int{}, block: it.block, bound: maxDay}
			clusters = append(clusters, best)
			b := blocks[it.block]
			if b == nil {
				b = &block{buckets: map[int][]*cluster{}}
				blocks[it.block] = b
			}
			b.add(best, it)
		}
		best.join(it)
	}
	out := make([]model.Event, 0, len(clusters))
	seen := map[string]int{}
	for _, c := range clusters {
		ev := c.event(opts)
		if n := seen[ev.ID]; n > 0 {
			seen[ev.ID] = n + 1
			ev.ID = fmt.Sprintf("%s-%d", ev.ID, n+1)
		} else {
			seen[ev.ID] = 1
		}
		out = append(out, ev)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Time, out[j].Time
		da, db := a.Start != "" && a.End != "", b.Start != "" && b.End != ""
		if da != db {
			return da
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return out[i].ID < out[j].ID
	})
	return out, st
}

func prepareItem(dd *DocEvents, m *model.EventMention, entity func(doc, text string) string, opts MergeOptions) *item {
	ti, ok := typeIndex[m.Type]
	if !ok {
		return nil
	}
	it := &item{doc: dd.Doc, text: dd.Text, m: m, typ: ti}
	if m.Doc != "" && it.doc == "" {
		it.doc = m.Doc
	}
	if m.Place != "" {
		if id := entity(it.doc, m.Place); id != "" {
			it.place, it.hasPlace = id, true
			it.broad = classifyName(strings.ToLower(m.Place)).broad
			if opts.Coords != nil {
				it.lat, it.lon, it.hasXY = opts.Coords(id)
			}
		}
	}
	for _, a := range m.Agents {
		if id := entity(it.doc, a); id != "" && id != it.place {
			it.agents = appendUnique(it.agents, id)
		}
	}
	for _, t := range m.Targets {
		if id := entity(it.doc, t); id != "" && id != it.place {
			it.targets = appendUnique(it.targets, id)
		}
	}
	fam := types[m.Type].family
	switch {
	case fam == famKilling && len(it.targets) > 0:
		it.block = "victim:" + it.targets[0]
	case it.hasPlace && it.broad && (m.Time.Start == "" || m.Time.End == ""):
		return nil // a country sees many events: an undated report there cannot tell which
	case it.hasPlace:
		it.block = "place:" + it.place
	case (fam == famStatement || fam == famVisit) && len(it.agents) > 0:
		it.block = "agent:" + it.agents[0]
	default:
		return nil
	}
	it.b, it.e, it.kind = minDay, maxDay, 2
	b, okB := parseDay(m.Time.Start)
	e, okE := parseDay(m.Time.End)
	switch {
	case okB && okE && e >= b:
		it.b, it.e, it.kind = b, e, 0
	case okE:
		it.e, it.kind = e, 1
	case okB:
		it.b, it.kind = b, 1
	}
	return it
}

// bestCluster picks the event a report joins: compatible with every type
// already in it, overlapping in time, preferring the same type, then the
// tightest overlap, then the most reported.
func bestCluster(it *item, cands []*cluster, slack int) *cluster {
	var best *cluster
	bestScore := math.Inf(-1)
	for _, c := range cands {
		if !c.accepts(it, slack) {
			continue
		}
		score := float64(len(c.items))
		if c.mask&(1<<it.typ) != 0 {
			score += 1000
		}
		if it.kind == 0 && c.dated {
			lo, hi := max(it.b, c.b), min(it.e, c.e)
			if hi >= lo {
				score += 100 * float64(hi-lo+1) / float64(max(it.e-it.b, c.e-c.b)+1)
			}
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

func (c *cluster) accepts(it *item, slack int) bool {
	if c.mask&^compatMask[it.typ] != 0 {
		return false
	}
	if !c.dated {
		return it.kind != 0 || it.e <= c.bound // undated clusters only take undated reports, or dated ones before their bound
	}

	switch it.kind {
	case 0:
		return it.b <= c.e+slack && it.e >= c.b-slack
	case 1:
		return it.b <= c.e && it.e >= c.b
	}
	return true
}

func (c *cluster) join(it *item) {
	c.items = append(c.items, it)
	c.types[it.m.Type]++
	c.mask |= 1 << it.typ
	switch it.kind {
	case 0:
		if !c.dated {
			c.b, c.e, c.dated = it.b, it.e, true
		} else if lo, hi := max(it.b, c.b), min(it.e, c.e); hi >= lo {
			c.b, c.e = lo, hi
		}
	case 1:
		if it.e < c.bound {
			c.bound = it.e
		}
	}
}

// event renders a cluster.
func (c *cluster) event(opts MergeOptions) model.Event {
	// killings without a named victim are the toll of the fighting they
	// were merged with, not what the event is
	victims := false
	for _, it := range c.items {
		if it.m.Type == Killing && len(it.targets) > 0 {
			victims = true
		}
	}
	typ := ""
	for t := range c.types {
		if t == Killing && !victims && len(c.types) > 1 {
			continue
		}
		if typ == "" || rankOf(t) > rankOf(typ) || rankOf(t) == rankOf(typ) && t < typ {
			typ = t
		}
	}
	ev := model.Event{Type: typ, Participants: []string{}, Docs: []string{}, Evidence: []model.Evidence{}}
	// place: the most reported, preferring a town over a country
	placeVotes := map[string]int{}
	surface := map[string]map[string]int{}
	addSurface := func(id, text string) {
		if surface[id] == nil {
			surface[id] = map[string]int{}
		}
		surface[id][text]++
	}
	roleCount := map[string]int{}
	triggers := map[string]int{}
	docs := map[string]bool{}
	for _, it := range c.items {
		if it.hasPlace {
			placeVotes[it.place]++
			addSurface(it.place, it.m.Place)
		}
		for _, a := range it.agents {
			roleCount[a]++
		}
		for _, t := range it.targets {
			roleCount[t] += 2
		}
		if it.m.Type == typ {
			triggers[strings.ToLower(it.m.Trigger)]++
		}
		docs[it.doc] = true
		ev.Evidence = append(ev.Evidence, evidence(it))
	}
	ev.Place = top(placeVotes)
	ev.Trigger = top(triggers)
	for d := range docs {
		ev.Docs = append(ev.Docs, d)
	}
	sort.Strings(ev.Docs)
	for id := range roleCount {
		ev.Participants = append(ev.Participants, id)
	}
	sort.Slice(ev.Participants, func(i, j int) bool {
		a, b := ev.Participants[i], ev.Participants[j]
		if roleCount[a] != roleCount[b] {
			return roleCount[a] > roleCount[b]
		}
		return a < b
	})
	ev.Evidence = dedupeEvidence(ev.Evidence, opts.MaxEvidence)
	ev.Time = c.timeValue()
	// names for the summary
	name := func(id string) string {
		if opts.NameOf != nil {
			if n := opts.NameOf(id); n != "" {
				return n
			}
		}
		if s := top(surface[id]); s != "" {
			return s
		}
		for _, it := range c.items {
			for k, t := range it.targets {
				if k < len(it.m.Targets) && t == id {
					return it.m.Targets[k]
				}
			}
			for k, a := range it.agents {
				if k < len(it.m.Agents) && a == id {
					return it.m.Agents[k]
				}
			}
		}
		return id
	}
	ev.Summary = c.summary(typ, ev, name)
	// the id is derived from what the event is, not from the order the
	// reports came in: type, place (or victim, or speaker), time
	who := ""
	if !strings.HasPrefix(c.block, "place:") {
		who = c.block
	}
	key := typ + "|" + ev.Place + "|" + who + "|" + ev.Time.Value + "|" + ev.Time.Start
	h := sha1.Sum([]byte(key))
	ev.ID = "ev-" + hex.EncodeToString(h[:6])
	return ev
}

func top(votes map[string]int) string {
	best, bestN := "", 0
	for k, n := range votes {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

func evidence(it *item) model.Evidence {
	e := model.Evidence{Doc: it.doc, Start: it.m.Start, End: it.m.End}
	if it.text != "" && it.m.Start >= 0 && it.m.End <= len(it.text) && it.m.Start <= it.m.End {
		e.Text = it.text[it.m.Start:it.m.End]
	}
	return e
}

func dedupeEvidence(es []model.Evidence, maxN int) []model.Evidence {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Doc != es[j].Doc {
			return es[i].Doc < es[j].Doc
		}
		return es[i].Start < es[j].Start
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && e.Doc == es[i-1].Doc && e.Start == es[i-1].Start && e.End == es[i-1].End {
			continue
		}
		out = append(out, e)
	}
	if maxN > 0 && len(out) > maxN {
		out = out[:maxN]
	}
	return out
}

// timeValue is the event's time: the intersection of its dated reports,
// written as the value of the report that covers exactly that (or the
// most precise value that does); "PAST_REF" bounded by the earliest
// publication for events only reported as past; empty when unknown.
func (c *cluster) timeValue() model.TimeValue {
	if !c.dated {
		if c.bound < maxDay {
			return model.TimeValue{Value: "PAST_REF", End: formatDay(c.bound)}
		}
		for _, it := range c.items {
			if it.kind == 1 && it.b > minDay {
				return model.TimeValue{Value: "FUTURE_REF", Start: formatDay(it.b)}
			}
		}
		return model.TimeValue{}
	}
	for _, it := range c.items {
		if it.kind == 0 && it.b == c.b && it.e == c.e && it.m.Time.Value != "" {
			return model.TimeValue{Value: it.m.Time.Value, Start: formatDay(c.b), End: formatDay(c.e)}
		}
	}
	return model.TimeValue{Value: coarseValue(c.b, c.e), Start: formatDay(c.b), End: formatDay(c.e)}
}

// summary writes a short human sentence: "Liberation of Amerli (2014-08)".
func (c *cluster) summary(typ string, ev model.Event, name func(string) string) string {
	place := ""
	if ev.Place != "" {
		place = name(ev.Place)
	}
	var who string
	for _, it := range c.items {
		if len(it.agents) > 0 && it.m.Type == typ {
			who = name(it.agents[0])
			break
		}
	}
	var victim string
	for _, it := range c.items {
		if it.m.Type == Killing && len(it.targets) > 0 {
			victim = name(it.targets[0])
			break
		}
	}
	var s string
	switch {
	case typ == Killing && victim != "" && place != "":
		s = "Killing of " + victim + " in " + place
	case typ == Killing && victim != "":
		s = "Killing of " + victim
	case typ == Killing:
		s = "Killings in " + place
	case typ == Statement && who != "":
		s = "Statement by " + who
		if place != "" {
			s += " in " + place
		}
	case typ == Visit && who != "":
		s = "Visit by " + who
		if place != "" {
			s += " to " + place
		}
	case typ == Meeting && who != "":
		s = "Meeting of " + who
		if place != "" {
			s += " in " + place
		}
	case place != "":
		s = fmt.Sprintf(types[typ].summary, place)
	default:
		s = strings.ToUpper(typ[:1]) + strings.ReplaceAll(typ[1:], "_", " ")
	}
	switch t := ev.Time; {
	case t.Start != "" && t.End != "":
		s += " (" + t.Value + ")"
	case t.Value == "PAST_REF" && t.End != "":
		s += " (before " + t.End + ")"
	}
	return s
}

// grid indexes places by coordinates so that places a few kilometres
// apart (a town and its centre, two spellings the resolver kept apart)
// meet.
type grid struct {
	cell   float64 // degrees of latitude
	cells  map[[2]int][]gridPlace
	placed map[string]bool
}

type gridPlace struct {
	id       string
	lat, lon float64
}

func newGrid(km float64) *grid {
	if km <= 0 {
		return nil
	}
	return &grid{cell: km / 111.0, cells: map[[2]int][]gridPlace{}, placed: map[string]bool{}}
}

func (g *grid) key(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat / g.cell)), int(math.Floor(lon / g.cell))}
}

func (g *grid) addPlace(id string, lat, lon float64) {
	if g.placed[id] {
		return
	}
	g.placed[id] = true
	k := g.key(lat, lon)
	g.cells[k] = append(g.cells[k], gridPlace{id, lat, lon})
}

// near returns the places within km of (lat, lon), nearest first.
// Longitude cells shrink towards the poles, so the search widens with
// 1/cos(lat).
func (g *grid) near(lat, lon, km float64) []string {
	k := g.key(lat, lon)
	cosLat := math.Cos(lat * math.Pi / 180)
	if cosLat < 0.05 {
		cosLat = 0.05
	}
	span := int(math.Ceil(1/cosLat)) + 1
	type hit struct {
		id string
		d  float64
	}
	var hits []hit
	for dy := -1; dy <= 1; dy++ {
		for dx := -span; dx <= span; dx++ {
			for _, p := range g.cells[[2]int{k[0] + dy, k[1] + dx}] {
				if d := haversineKm(lat, lon, p.lat, p.lon); d <= km {
					hits = append(hits, hit{p.id, d})
				}
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].d < hits[j].d || hits[i].d == hits[j].d && hits[i].id < hits[j].id })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.id
	}
	return out
}

func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLon := (lon2 - lon1) * rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
