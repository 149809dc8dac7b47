package events

import (
	"github.com/parallaxhq/parallax/internal/model"
)

// Input is one document as the extractor reads it. Every offset is a byte
// offset into Text.
type Input struct {
	DocID string
	Text  string
	// Tokens and Sentences come from lang.Tokenize and lang.SplitSentences
	// over Text; nil computes them.
	Tokens    []model.Token
	Sentences []model.Sentence
	// Mentions are the named-entity mentions (lang); Times the temporal
	// expressions (timex), resolved against the publication date.
	Mentions []model.Mention
	Times    []model.TimeExpr
	// Published is the publication date, YYYY-MM-DD, or "" when unknown.
	Published string
	// PublishedRange is the earliest and latest possible publication date
	// when Published was inferred; zero when it is exact.
	PublishedRange [2]string
	// IsPlace, when set, reports names the caller's gazetteer knows as
	// places; it helps where the tagger took a town for an organisation.
	IsPlace func(name string) bool
}

// Options tune the extractor. Use DefaultOptions; the zero value is not
// the default.
type Options struct {
	// MaxPlaceGapTokens is how many words may stand between a trigger and
	// its place ("retreated from the Kurdish-populated northern town of
	// X"). Default 9.
	MaxPlaceGapTokens int
	// AnaphoraSentences is how many sentences back "the city", "the area"
	// or "there" may point. Default 2.
	AnaphoraSentences int
	// DefiniteSentences is how many sentences back a definite report ("the
	// siege", "the battle") may point for its place. Default 5.
	DefiniteSentences int
	// RoleWindowTokens bounds the search for agents before a trigger.
	// Default 12.
	RoleWindowTokens int
	// WindowTokens bounds every other search around a trigger (its place
	// in the sentence, its time, competing triggers), so that run-on text
	// without full stops costs linear time. Default 40.
	WindowTokens int
}

// DefaultOptions returns the options the pipeline uses.
func DefaultOptions() Options {
	return Options{MaxPlaceGapTokens: 9, AnaphoraSentences: 2, DefiniteSentences: 5, RoleWindowTokens: 12, WindowTokens: 40}
}

// Time bases: where a mention's time came from.
const (
	BasisSentence        = "sentence"         // a temporal expression of its sentence
	BasisNeighbour       = "neighbour"        // of the sentence before, which gave the place too
	BasisPublished       = "published"        // under way at publication: the publication month
	BasisBeforePublished = "before_published" // reported as past, date unknown: before publication
)

// Mention is an event mention with the spans it was read from. The
// embedded model.EventMention is what the store keeps; the spans are for
// highlighting and tests.
type Mention struct {
	model.EventMention
	TriggerSpan model.Span
	PlaceSpan   model.Span // zero when there is no place; may lie in an earlier sentence
	TimeSpan    model.Span // the temporal expression used, zero when none
	TimeBasis   string     // Basis* or "" when the time is unknown
	// Modal marks reports of planned, expected or possible events ("will
	// retake", "plans to attack"); their time is left unknown.
	Modal bool
}

// Extract finds the event mentions of one document with DefaultOptions.
// It is safe for concurrent use.
func Extract(in Input) []model.EventMention {
	ms := ExtractMentions(in, DefaultOptions())
	out := make([]model.EventMention, len(ms))
	for i, m := range ms {
		out[i] = m.EventMention
	}
	return out
}

// ExtractMentions is Extract with options, returning the spans too.
func ExtractMentions(in Input, opts Options) []Mention {
	def := DefaultOptions()
	if opts.MaxPlaceGapTokens <= 0 {
		opts.MaxPlaceGapTokens = def.MaxPlaceGapTokens
	}
	if opts.AnaphoraSentences < 0 {
		opts.AnaphoraSentences = def.AnaphoraSentences
	}
	if opts.DefiniteSentences < 0 {
		opts.DefiniteSentences = def.DefiniteSentences
	}
	if opts.RoleWindowTokens <= 0 {
		opts.RoleWindowTokens = def.RoleWindowTokens
	}
	if opts.WindowTokens <= 0 {
		opts.WindowTokens = def.WindowTokens
	}
	if in.Text == "" {
		return nil
	}
	d := prepare(&in, opts)
	x := &extraction{d: d, eventPlaces: map[string]int{}}
	x.placeFreq = map[string]int{}
	for _, m := range d.ments {
		if m.place {
			x.placeFreq[m.key]++
		}
	}
	for si := range d.sents {
		x.sentence(si)
	}
	return x.out
}

// extraction is the state of one document's pass: what was found so far,
// for anaphora and definite reports.
type extraction struct {
	d           *document
	out         []Mention
	emitted     []emitted
	eventPlaces map[string]int // place key → reports so far
	placeFreq   map[string]int // place key → mentions in the document
}

// emitted remembers a mention's sentence, place and time for later
// definite reports ("the siege") that refer back to it.
type emitted struct {
	sent  int
	typ   string
	place int // ment index
	time  timePick
}

// found is a trigger in a sentence with what was read around it.
type found struct {
	ts, te   int // trigger tokens
	tr       trigger
	typ      string
	negated  bool
	modal    bool
	purpose  bool  // "to retake": an aim, not yet an outcome
	own      []int // places in its own phrase (strongPlace, not direct)
	places   []placePick
	dropped  bool
	agents   []int
	targets  []int
	strongAt bool // the place was read from the trigger's own phrase
}

type placePick struct {
	m int // ment index, -1 when none
	// via: 0 in the sentence, 1 by anaphora, 2 from an earlier report
	via  int
	time timePick // set when the place came paired with its own time
	// inherited is the time of the earlier report a definite one refers to
	inherited timePick
}

type timePick struct {
	v       model.TimeValue
	span    model.Span
	basis   string
	b, e    int
	set     bool
	ordinal int // preference: lower is better
}

func (x *extraction) sentence(si int) {
	d := x.d
	fs := x.findTriggers(si)
	if len(fs) == 0 {
		return
	}
	for i := range fs {
		x.qualify(si, &fs[i])
		f := &fs[i]
		f.own, _, _ = x.strongPlace(si, f, false)
	}
	for i := range fs {
		x.place(si, fs, i)
	}
	var cands []Mention
	var cemit []emitted
	for i := range fs {
		f := &fs[i]
		if f.dropped || f.negated {
			continue
		}
		x.roles(si, f)
		if f.tr.flags&needsAgent != 0 && len(f.agents) == 0 || f.tr.flags&needsTarget != 0 && len(f.targets) == 0 {
			continue
		}
		places := f.places
		if len(places) == 0 {
			places = []placePick{{m: -1}}
		}
		for _, p := range places {
			tp := p.time
			if !tp.set {
				tp = x.pickTime(si, fs, i, p)
			}
			m := x.mention(si, f, p, tp)
			if (f.purpose || f.modal) && outcome(f.typ) && tp.basis != BasisSentence && tp.basis != BasisNeighbour {
				// "fighting to retake X", "will retake X": the fight is
				// reported, its outcome is not (unless the text dates it,
				// as a narrative does: "in November to liberate X")
				m.Type = Battle
			}
			cands = append(cands, m)
			cemit = append(cemit, emitted{sent: si, typ: f.typ, place: p.m, time: tp})
		}
	}
	kept := foldSentence(cands, cemit)
	for _, k := range kept {
		x.out = append(x.out, cands[k])
		x.emitted = append(x.emitted, cemit[k])
		if p := cemit[k].place; p >= 0 {
			x.eventPlaces[d.ments[p].key]++
		}
	}
}

// mention builds the output mention of a trigger with one of its places.
func (x *extraction) mention(si int, f *found, p placePick, tp timePick) Mention {
	d := x.d
	s := d.sents[si]
	end := s.End
	if d.cont[si] && si+1 < len(d.sents) {
		end = d.sents[si+1].End // a sentence cut by a line break is evidence whole
	}
	tsB, teB := d.toks[f.ts].Start, d.toks[f.te-1].End
	m := Mention{
		EventMention: model.EventMention{
			Doc:     d.in.DocID,
			Type:    f.typ,
			Trigger: d.text[tsB:teB],
			Start:   s.Start,
			End:     end,
		},
		TriggerSpan: model.Span{Start: tsB, End: teB},
		Modal:       f.modal,
	}
	if p.m >= 0 {
		pm := d.ments[p.m]
		m.Place = pm.text
		m.PlaceSpan = model.Span{Start: pm.start, End: pm.end}
	}
	for _, a := range f.agents {
		m.Agents = appendUnique(m.Agents, d.ments[a].text)
	}
	for _, t := range f.targets {
		m.Targets = appendUnique(m.Targets, d.ments[t].text)
	}
	if tp.set {
		m.Time = tp.v
		m.TimeSpan = tp.span
		m.TimeBasis = tp.basis
	}
	return m
}

func appendUnique(xs []string, s string) []string {
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// nearTriggers returns the index range of the triggers of fs (sorted by
// position) within w tokens of trigger i.
func nearTriggers(fs []found, i, w int) (int, int) {
	lo, hi := i, i+1
	for lo > 0 && fs[lo-1].te >= fs[i].ts-w {
		lo--
	}
	for hi < len(fs) && fs[hi].ts <= fs[i].te+w {
		hi++
	}
	return lo, hi
}

// foldSentence merges the reports of one sentence that are one event (same
// place, compatible types: "Soleimani was martyred in a drone strike" is
// one killing), keeping the highest-ranked type and the best time. It
// returns the indexes of the mentions to keep, in trigger order.
func foldSentence(ms []Mention, es []emitted) []int {
	keep := make([]bool, len(ms))
	for i := range ms {
		keep[i] = true
	}
	for i := range ms {
		if !keep[i] {
			continue
		}
		for j := i + 1; j < len(ms) && j <= i+16; j++ { // reports of one clause are close
			if !keep[j] || ms[i].Place != ms[j].Place || !compatible(ms[i].Type, ms[j].Type) {
				continue
			}
			if ms[i].Place == "" && !sharesRole(ms[i], ms[j]) {
				continue
			}
			w, l := i, j
			if foldRank(ms[j]) > foldRank(ms[i]) {
				w, l = j, i
			}
			for _, a := range ms[l].Agents {
				ms[w].Agents = appendUnique(ms[w].Agents, a)
			}
			for _, t := range ms[l].Targets {
				if ms[w].Type != Killing || ms[l].Type == Killing {
					ms[w].Targets = appendUnique(ms[w].Targets, t)
				}
			}
			if es[l].time.set && (!es[w].time.set || es[l].time.ordinal < es[w].time.ordinal) {
				// the kept report keeps its own date unless the other's
				// was read from closer to the text
				ms[w].Time, ms[w].TimeSpan, ms[w].TimeBasis = ms[l].Time, ms[l].TimeSpan, ms[l].TimeBasis
				es[w].time = es[l].time
			}
			ms[w].Modal = ms[w].Modal && ms[l].Modal
			keep[l] = false
			if l == i {
				break
			}
		}
	}
	var out []int
	for i := range ms {
		if keep[i] {
			out = append(out, i)
		}
	}
	return out
}

// foldRank ranks the reports of one sentence: a killing without a named
// victim ("a missile strike killed two people") is the toll of the other
// report, not the event.
func foldRank(m Mention) int {
	if m.Type == Killing && len(m.Targets) == 0 {
		return 0
	}
	return rankOf(m.Type)
}

func sharesRole(a, b Mention) bool {
	for _, x := range append(append([]string{}, a.Agents...), a.Targets...) {
		for _, y := range append(append([]string{}, b.Agents...), b.Targets...) {
			if x == y {
				return true
			}
		}
	}
	return false
}
