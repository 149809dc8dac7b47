package timex

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/parallaxhq/parallax/internal/model"
)

// Evidence is one reason for a publication date.
type Evidence struct {
	Kind     string  `json:"kind"` // date_line, relative, day_count, ongoing, lower_bound
	Text     string  `json:"text"`
	Start    int     `json:"start"`
	End      int     `json:"end"`
	Event    string  `json:"event,omitempty"` // event id from the curated list
	Earliest string  `json:"earliest"`
	Latest   string  `json:"latest,omitempty"` // "" = open
	Weight   float64 `json:"weight"`
	Used     bool    `json:"used"` // false when it contradicted stronger evidence
}

// Inference is a publication date with the range it may lie in and why.
type Inference struct {
	Published string     `json:"published"` // the most likely day
	Earliest  string     `json:"earliest"`
	Latest    string     `json:"latest"`
	Basis     string     `json:"basis"` // model.BasisText or model.BasisInferred
	Note      string     `json:"note"`
	Evidence  []Evidence `json:"evidence"`
}

// InferOptions tune InferPublished.
type InferOptions struct {
	// Events are the dated events relative expressions can be tied to; nil
	// uses the embedded list (Events()).
	Events []Event
	// MaxRangeDays refuses an inference whose range is wider. Default 120.
	MaxRangeDays int
	// OngoingLeadDays places the point date this many days into an event the
	// text reports as under way (news covers a battle most as it starts),
	// at most a quarter of the way in. Default 7.
	OngoingLeadDays int
}

// DefaultInferOptions returns the defaults.
func DefaultInferOptions() InferOptions {
	return InferOptions{MaxRangeDays: 120, OngoingLeadDays: 7}
}

var openEnd = date(9999, 12, 31)

// PublicationDate finds a document's date in its text: a date line under
// the title (basis "text"), else an inference from relative expressions and
// dated events (basis "inferred").
func PublicationDate(text string, opts InferOptions) (Inference, bool) {
	if d, s, e, ok := DateLine(text); ok {
		ev := Evidence{Kind: "date_line", Text: text[s:e], Start: s, End: e, Earliest: d, Latest: d, Weight: 10, Used: true}
		return Inference{Published: d, Earliest: d, Latest: d, Basis: model.BasisText,
			Note: fmt.Sprintf("date line %q near the top of the text", text[s:e]), Evidence: []Evidence{ev}}, true
	}
	return InferPublished(text, nil, opts)
}

// InferPublished infers a publication date from what the text says: relative
// expressions ("last week", "three weeks ago") in the same sentence as a
// dated event from the curated list or an explicit date, counts from an event
// ("the 40th day since", "three months since", "the first anniversary of"),
// events the text reports as under way, and the latest dates and events it
// mentions as past (lower bounds). Evidence that contradicts stronger
// evidence is kept in the result with Used false. exprs are the text's expressions from FindExprs (any
// anchor); nil finds them. It reports false when the evidence does not bound
// the date to within MaxRangeDays.
func InferPublished(text string, exprs []Expr, opts InferOptions) (Inference, bool) {
	return inferPublished(text, tokenize(text), exprs, opts)
}

// inferPublished is InferPublished over tokens already made from text.
func inferPublished(text string, toks []token, exprs []Expr, opts InferOptions) (Inference, bool) {
	if opts.MaxRangeDays <= 0 {
		opts.MaxRangeDays = DefaultInferOptions().MaxRangeDays
	}
	if exprs == nil {
		exprs = findInTokens(text, toks, UnknownAnchor, DefaultOptions())
	}
	evs := opts.Events
	ix := defaultIndex()
	if evs == nil {
		evs = Events()
	} else {
		ix = buildIndex(evs)
	}
	sents := sentenceRanges(toks)
	lows := make([]string, len(sents))
	mentions := make([][]eventMention, len(sents))
	for s, r := range sents {
		if r[1] > r[0] {
			lows[s] = strings.ToLower(text[toks[r[0]].start:toks[r[1]-1].end])
		}
		mentions[s] = ix.findEventMentions(toks[r[0]:r[1]], s)
	}
	// an event is mentioned when one sentence has an alias and a trigger word
	established := map[int]bool{}
	for s := range sents {
		var tried map[string]bool // trigger sets looked for in this sentence
		for _, m := range mentions[s] {
			set := evs[m.event].Triggers
			if established[m.event] {
				continue
			}
			has, ok := tried[set]
			if !ok {
				has = hasTrigger(lows[s], set)
				if tried == nil {
					tried = map[string]bool{}
				}
				tried[set] = has
			}
			if has {
				established[m.event] = true
			}
		}
	}
	var items []Evidence
	lb := lowerBounds(text, exprs, evs, mentions, lows, established)
	lbDate := time.Time{}
	for _, e := range lb {
		if t := day(e.Earliest); t.After(lbDate) {
			lbDate = t
		}
	}
	exprsBySent := map[int][]Expr{}
	for _, e := range exprs {
		exprsBySent[e.Sentence] = append(exprsBySent[e.Sentence], e)
	}
	for s := range sents {
		// explicit dates with a year in this sentence
		var dates []Expr
		for _, e := range exprsBySent[s] {
			if m := e.Meaning; m.Form == FormCalendar && m.Year > 0 && (m.Gran == uDay || m.Gran == uMonth) && e.Tense != 1 {
				dates = append(dates, e)
			}
		}
		if len(mentions[s]) == 0 && len(dates) == 0 {
			continue
		}
		planning := plansAhead(lows[s])
		// relative expressions tied to the nearest mentioned event
		hasRelative := false
		for _, e := range exprsBySent[s] {
			m := e.Meaning
			if m.Form != FormOffset || m.Vague || e.Type == "DURATION" || e.Type == "SET" {
				continue
			}
			hasRelative = true
			if planning {
				continue
			}
			if m.Unit == uDay && m.Offset == 0 {
				continue // "today" dates the sentence, rarely the event named in it
			}
			if tied := tiedEvidence(e, text, evs, nearestMentions(mentions[s], established, evs, lows[s], e.Start, e.End), lbDate); len(tied) > 0 {
				items = append(items, tied...)
			} else {
				items = append(items, datedEvidence(e, text, dates, lbDate)...)
			}
		}
		// "the 40th day since ..."
		for _, dc := range dayCounts(toks, sents[s]) {
			hasRelative = true
			items = append(items, dayCountEvidence(dc, text, evs, nearestMentions(mentions[s], established, evs, lows[s], dc.start, dc.end), lbDate)...)
		}
		// an event reported as under way
		if !hasRelative && !planning && ongoing(lows[s]) {
			for _, m := range mentions[s] {
				ev := evs[m.event]
				if !established[m.event] || !ev.End.After(ev.Begin) || ev.Triggers == "era" || personTriggers[ev.Triggers] {
					continue
				}
				if !lbDate.IsZero() && ev.End.AddDate(0, 0, 3).Before(lbDate) {
					continue
				}
				items = append(items, Evidence{Kind: "ongoing", Text: text[m.start:m.end], Start: m.start, End: m.end, Event: ev.ID,
					Earliest: ymd(ev.Begin), Latest: ymd(ev.End.AddDate(0, 0, 3)), Weight: 1})
			}
		}
	}
	items = disambiguate(items)
	bounded := 0
	for _, it := range items {
		if it.Latest != "" {
			bounded++
		}
	}
	if bounded == 0 {
		return Inference{}, false
	}
	items = append(items, lb...)
	sort.SliceStable(items, func(a, b int) bool { return items[a].Weight > items[b].Weight })
	lo, hi := time.Time{}, openEnd
	for k := range items {
		it := &items[k]
		l, h := day(it.Earliest), openEnd
		if it.Latest != "" {
			h = day(it.Latest)
		}
		nl, nh := maxTime(lo, l), minTime(hi, h)
		if nl.After(nh) {
			continue // contradicts stronger evidence
		}
		lo, hi = nl, nh
		it.Used = true
	}
	if hi == openEnd || lo.IsZero() {
		return Inference{}, false
	}
	span := int(hi.Sub(lo).Hours() / 24)
	if span > opts.MaxRangeDays {
		return Inference{}, false
	}
	point := lo.AddDate(0, 0, span/2)
	// when the tightest evidence is an event under way, lean to its start
	tightest, tightSpan := -1, math.MaxInt
	for k, it := range items {
		if it.Used && it.Latest != "" {
			if sp := int(day(it.Latest).Sub(day(it.Earliest)).Hours()); sp < tightSpan {
				tightest, tightSpan = k, sp
			}
		}
	}
	if tightest >= 0 && items[tightest].Kind == "ongoing" {
		lead := opts.OngoingLeadDays
		if lead <= 0 {
			lead = DefaultInferOptions().OngoingLeadDays
		}
		if q := span / 4; q < lead {
			lead = q
		}
		point = lo.AddDate(0, 0, lead)
	}
	inf := Inference{Published: ymd(point), Earliest: ymd(lo), Latest: ymd(hi), Basis: model.BasisInferred, Evidence: items}
	inf.Note = note(inf, evs)
	return inf, true
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// sentenceRanges returns [first, end) token indexes of each sentence, in
// the same numbering FindExprs uses.
func sentenceRanges(toks []token) [][2]int {
	var out [][2]int
	for k, t := range toks {
		if t.sentStart {
			if len(out) > 0 {
				out[len(out)-1][1] = k
			}
			out = append(out, [2]int{k, len(toks)})
		}
	}
	return out
}

// plansAhead reports a sentence about planning or threats, whose relative
// times date the plan, not the event it names.
func plansAhead(low string) bool {
	for _, p := range []string{"plan", "prepar", "promis", "vow", "threat", "intend", "will ", "would "} {
		if containsWordPrefix(low, p) {
			return true
		}
	}
	return false
}

var ongoingCues = []string{"heats up", "heating up", "ramping up", "ramps up", "under way", "underway", "ongoing",
	"intensif", "is raging", "rages on", "continues", "is continuing", "are continuing", "is besieg", "are besieg",
	"besieged", "is closing in", "are closing in", "is under siege", "are fighting", "is fighting"}

func ongoing(low string) bool {
	for _, c := range ongoingCues {
		if containsWordPrefix(low, c) {
			return true
		}
	}
	return false
}

// nearestMentions returns, for the established event mention closest to
// [start, end), every event sharing that alias (the alias may be ambiguous:
// "Fallujah" names three battles).
func nearestMentions(ms []eventMention, established map[int]bool, evs []Event, low string, start, end int) []eventMention {
	usable := func(m eventMention) bool {
		ev := evs[m.event]
		if !established[m.event] || ev.Triggers == "era" {
			return false
		}
		// a person stands for an event only with its trigger in the sentence
		return !personTriggers[ev.Triggers] || hasTrigger(low, ev.Triggers)
	}
	best, bestD := -1, math.MaxInt
	for k, m := range ms {
		if !usable(m) {
			continue
		}
		d := m.start - end
		if m.end <= start {
			d = start - m.end
		}
		if d < 0 {
			d = 0
		}
		if d < bestD {
			best, bestD = k, d
		}
	}
	if best < 0 {
		return nil
	}
	var out []eventMention
	seen := map[int]bool{}
	for _, m := range ms {
		if m.start == ms[best].start && m.end == ms[best].end && usable(m) && !seen[m.event] {
			seen[m.event] = true
			out = append(out, m)
		}
	}
	return out
}

// tiedEvidence turns a relative expression next to event mentions into the
// publication ranges it allows, one per candidate event.
func tiedEvidence(e Expr, text string, evs []Event, ms []eventMention, lb time.Time) []Evidence {
	var out []Evidence
	for _, m := range ms {
		ev := evs[m.event]
		lo, hi, w, ok := relativeRange(e, ev.Begin, ev.End)
		if !ok {
			continue
		}
		if !lb.IsZero() && hi.Before(lb) && hi != openEnd {
			continue
		}
		it := Evidence{Kind: "relative", Text: e.Text + " … " + text[m.start:m.end], Start: minInt(e.Start, m.start), End: maxInt(e.End, m.end),
			Event: ev.ID, Earliest: ymd(lo), Weight: w}
		if hi != openEnd {
			it.Latest = ymd(hi)
		}
		out = append(out, it)
	}
	return out
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func weekMonday(t time.Time) time.Time {
	wd := int(t.Weekday())
	if wd == 0 {
		wd = 7
	}
	return t.AddDate(0, 0, 1-wd)
}

// relativeRange is the range of publication days that makes a relative
// expression true of an event spanning [b, e], with the weight of that
// evidence (finer units weigh more).
func relativeRange(x Expr, b, e time.Time) (time.Time, time.Time, float64, bool) {
	m := x.Meaning
	n := -m.Offset
	if n < 0 {
		return time.Time{}, time.Time{}, 0, false // future: "next week"
	}
	low := strings.ToLower(x.Text)
	ago := strings.HasSuffix(low, "ago") || strings.HasSuffix(low, "back")
	approx := m.Mod == "APPROX"
	var lo, hi time.Time
	var w float64
	switch m.Unit {
	case uDay:
		w = 3
		tol := 0
		if n > 2 {
			tol = 1
		}
		if approx {
			tol = maxInt(1, n/5)
		}
		lo, hi = b.AddDate(0, 0, n-tol), e.AddDate(0, 0, n+tol)
	case uWeek, uWeekend:
		w = 2
		switch {
		case !ago && n == 0:
			lo, hi = b, weekMonday(e).AddDate(0, 0, 6)
		case !ago:
			lo, hi = weekMonday(b).AddDate(0, 0, 7*n), weekMonday(e).AddDate(0, 0, 7*n+6)
		case approx:
			lo, hi = b.AddDate(0, 0, 7*(n-1)), e.AddDate(0, 0, 7*(n+1))
		default:
			lo, hi = b.AddDate(0, 0, 7*n-3), e.AddDate(0, 0, 7*n+3)
		}
	case uMonth:
		w = 1.5
		switch {
		case !ago && n == 0:
			lo, hi = b, date(e.Year(), int(e.Month())+1, 0)
		case !ago:
			lo = date(b.Year(), int(b.Month())+n, 1)
			hi = date(e.Year(), int(e.Month())+n+1, 0)
		case approx:
			lo, hi = shift(b, uMonth, n-1), shift(e, uMonth, n+1)
		default:
			lo, hi = shift(b, uMonth, n).AddDate(0, 0, -10), shift(e, uMonth, n).AddDate(0, 0, 10)
		}
	case uYear:
		w = 1
		switch {
		case !ago && n == 0:
			lo, hi = b, date(e.Year(), 12, 31)
		case !ago:
			lo, hi = date(b.Year()+n, 1, 1), date(e.Year()+n, 12, 31)
		case approx:
			lo, hi = shift(b, uMonth, 12*n-6), shift(e, uMonth, 12*n+6)
		default:
			lo, hi = shift(b, uYear, n).AddDate(0, 0, -45), shift(e, uYear, n).AddDate(0, 0, 45)
		}
	default:
		return time.Time{}, time.Time{}, 0, false
	}
	switch m.Mod {
	case "BEFORE": // "more than a year ago": only a lower bound
		hi = openEnd
		w = 0.5
	case "AFTER": // "less than a year ago"
		lo = b
	}
	return lo, hi, w, true
}

// dayCount is a span the text counts from an event to the present: "the
// 40th day since", "three months since", "the first anniversary of".
type dayCount struct {
	n          int
	unit       unit
	start, end int
}

func dayCounts(toks []token, r [2]int) []dayCount {
	p := &parser{toks: toks, n: r[1]}
	var out []dayCount
	for i := r[0]; i < r[1]; i++ {
		// "the 40th day since", "the fortieth day after"
		if v, j, ok := p.ordinalWordAt(i); ok && p.w(j) == "day" && (p.w(j+1) == "since" || p.w(j+1) == "after") {
			out = append(out, dayCount{n: v, unit: uDay, start: toks[i].start, end: toks[j+1].end})
			continue
		}
		// "the first anniversary of", "the 5th anniversary of"
		if v, j, ok := p.ordinalWordAt(i); ok && p.w(j) == "anniversary" {
			out = append(out, dayCount{n: v, unit: uYear, start: toks[i].start, end: toks[j].end})
			continue
		}
		// "40 days since", "three months since", "a year since"
		if c, j, ok := p.countAt(i); ok && !c.vague && c.n == math.Trunc(c.n) && c.n > 0 && p.w(i-1) != "first" {
			if u, _, j2, ok := p.unitAt(j); ok && p.w(j2) == "since" && (u == uDay || u == uWeek || u == uMonth || u == uYear) {
				out = append(out, dayCount{n: int(c.n), unit: u, start: toks[i].start, end: toks[j2].end})
			}
		}
	}
	return out
}

func dayCountEvidence(dc dayCount, text string, evs []Event, ms []eventMention, lb time.Time) []Evidence {
	var out []Evidence
	for _, m := range ms {
		ev := evs[m.event]
		var lo, hi time.Time
		w := 3.0
		switch dc.unit {
		case uDay:
			lo, hi = ev.Begin.AddDate(0, 0, dc.n-1), ev.End.AddDate(0, 0, dc.n+1)
		case uWeek:
			lo, hi = ev.Begin.AddDate(0, 0, 7*dc.n-3), ev.End.AddDate(0, 0, 7*dc.n+3)
			w = 2
		case uMonth:
			lo, hi = shift(ev.Begin, uMonth, dc.n).AddDate(0, 0, -10), shift(ev.End, uMonth, dc.n).AddDate(0, 0, 10)
			w = 1.5
		case uYear: // anniversaries are marked within days of the date
			lo, hi = shift(ev.Begin, uYear, dc.n).AddDate(0, 0, -7), shift(ev.End, uYear, dc.n).AddDate(0, 0, 7)
			w = 2
		default:
			continue
		}
		if !lb.IsZero() && hi.Before(lb) {
			continue
		}
		out = append(out, Evidence{Kind: "day_count", Text: text[dc.start:dc.end] + " … " + text[m.start:m.end],
			Start: minInt(dc.start, m.start), End: maxInt(dc.end, m.end), Event: ev.ID, Earliest: ymd(lo), Latest: ymd(hi), Weight: w})
	}
	return out
}

// datedEvidence ties a relative expression to an explicit date with a year
// in the same sentence ("last week, on Oct. 24, 2014, ...").
func datedEvidence(e Expr, text string, dates []Expr, lb time.Time) []Evidence {
	var best *Expr
	bestD := math.MaxInt
	for k := range dates {
		d := dates[k]
		dist := d.Start - e.End
		if d.End <= e.Start {
			dist = e.Start - d.End
		}
		if dist < 0 {
			dist = 0
		}
		if dist < bestD {
			best, bestD = &dates[k], dist
		}
	}
	if best == nil {
		return nil
	}
	var ref refState
	b, en, ok := ValueRange(best.Meaning.resolve(UnknownAnchor, best.Tense, &ref, best.Sentence))
	if !ok {
		return nil
	}
	lo, hi, w, ok := relativeRange(e, day(b), day(en))
	if !ok || !lb.IsZero() && hi.Before(lb) && hi != openEnd {
		return nil
	}
	it := Evidence{Kind: "relative", Text: e.Text + " … " + best.Text, Start: minInt(e.Start, best.Start), End: maxInt(e.End, best.End),
		Earliest: ymd(lo), Weight: w}
	if hi != openEnd {
		it.Latest = ymd(hi)
	}
	return []Evidence{it}
}

// disambiguate keeps, of the candidate events one expression could be tied
// to, only a reading that is unique: when an ambiguous alias ("Fallujah")
// leaves several events with disjoint ranges, the expression says nothing.
func disambiguate(items []Evidence) []Evidence {
	groups := map[[2]int][]int{}
	var order [][2]int
	for k, it := range items {
		key := [2]int{it.Start, it.End}
		if _, ok := groups[key]; !ok {
			order = append(order, key)
		}
		groups[key] = append(groups[key], k)
	}
	var out []Evidence
	for _, key := range order {
		g := groups[key]
		if len(g) == 1 {
			out = append(out, items[g[0]])
			continue
		}
		// merge when the candidates' ranges overlap into one span
		lo, hi := items[g[0]].Earliest, items[g[0]].Latest
		overlap := true
		for _, k := range g[1:] {
			it := items[k]
			if it.Earliest > hi && hi != "" || it.Latest != "" && it.Latest < lo {
				overlap = false
				break
			}
			if it.Earliest < lo {
				lo = it.Earliest
			}
			if it.Latest == "" || hi != "" && it.Latest > hi {
				hi = it.Latest
			}
		}
		if overlap {
			it := items[g[0]]
			it.Earliest, it.Latest = lo, hi
			out = append(out, it)
		}
	}
	return out
}

// lowerBounds collects "published after" evidence: the latest explicit date
// the text mentions outside future-tense sentences, and the latest event it
// names that is not a person (whose mention could predate the event).
func lowerBounds(text string, exprs []Expr, evs []Event, mentions [][]eventMention, lows []string, established map[int]bool) []Evidence {
	var out []Evidence
	var bestDate *Evidence
	for _, e := range exprs {
		m := e.Meaning
		if m.Form != FormCalendar || m.Year == 0 || e.Tense == 1 || e.Type != "DATE" || m.Gran == uDecade || m.Gran == uCentury {
			continue
		}
		if e.Sentence < len(lows) && plansAhead(lows[e.Sentence]) {
			continue
		}
		var ref refState
		v := m.resolve(UnknownAnchor, e.Tense, &ref, e.Sentence)
		b, _, ok := ValueRange(v)
		if !ok {
			continue
		}
		if bestDate == nil || b > bestDate.Earliest {
			bestDate = &Evidence{Kind: "lower_bound", Text: e.Text, Start: e.Start, End: e.End, Earliest: b, Weight: 0.5}
		}
	}
	if bestDate != nil {
		out = append(out, *bestDate)
	}
	var bestEvent *Evidence
	for s := range mentions {
		byAlias := map[[2]int][]int{}
		for _, m := range mentions[s] {
			ev := evs[m.event]
			if personTriggers[ev.Triggers] || !hasTrigger(lows[s], ev.Triggers) || plansAhead(lows[s]) {
				continue
			}
			byAlias[[2]int{m.start, m.end}] = append(byAlias[[2]int{m.start, m.end}], m.event)
		}
		for span, ids := range byAlias {
			first := evs[ids[0]]
			for _, id := range ids[1:] {
				if evs[id].Begin.Before(first.Begin) {
					first = evs[id]
				}
			}
			b := ymd(first.Begin)
			if bestEvent == nil || b > bestEvent.Earliest {
				bestEvent = &Evidence{Kind: "lower_bound", Text: text[span[0]:span[1]], Start: span[0], End: span[1], Event: first.ID, Earliest: b, Weight: 0.5}
			}
		}
	}
	if bestEvent != nil {
		out = append(out, *bestEvent)
	}
	return out
}

// note writes the evidence in words.
func note(inf Inference, evs []Event) string {
	name := map[string]string{}
	for _, e := range evs {
		name[e.ID] = e.Name + " (" + ymd(e.Begin)
		if !e.End.Equal(e.Begin) {
			name[e.ID] += ".." + ymd(e.End)
		}
		name[e.ID] += ")"
	}
	var parts []string
	for _, it := range inf.Evidence {
		if !it.Used {
			continue
		}
		var s string
		switch it.Kind {
		case "relative", "day_count":
			s = fmt.Sprintf("%q tied to %s → %s..%s", it.Text, name[it.Event], it.Earliest, it.Latest)
		case "ongoing":
			s = fmt.Sprintf("%q reported as under way: %s", it.Text, name[it.Event])
		case "lower_bound":
			if it.Event != "" {
				s = fmt.Sprintf("mentions %q: %s, so not before %s", it.Text, name[it.Event], it.Earliest)
			} else {
				s = fmt.Sprintf("mentions %q, so not before %s", it.Text, it.Earliest)
			}
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("inferred %s (between %s and %s): %s", inf.Published, inf.Earliest, inf.Latest, strings.Join(parts, "; "))
}
