package frames

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/claims"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
)

// Input is one document to analyse.
type Input struct {
	claims.Input
	// Quotes are the document's quotes as claims.Extract found them; when
	// nil, Analyze extracts them itself. Evaluative words inside a quote
	// with a speaker are the speaker's, not the outlet's, and are
	// discounted by Options.QuoteWeight.
	Quotes []model.Quote
}

// Options tunes Analyze. The zero value is usable; DefaultOptions documents
// the defaults.
type Options struct {
	// EntityKey returns the entity key of Input.Mentions[i] (a resolved
	// entity id); "" falls back to the default within-document grouping
	// (DefaultEntityKeys). When nil, the default grouping is used.
	EntityKey func(mention int) string
	// QuoteWeight scales words inside attributed direct quotes (default 0.2).
	QuoteWeight float64
	// ReportedWeight scales evaluations the text reports others making
	// ("praised", "condemned") (default 0.4).
	ReportedWeight float64
	// GeneralWeight scales words of the general-purpose lexicon relative to
	// the news terms (default 0.5).
	GeneralWeight float64
	// NearWeight scales a word attached to an actor only by nearness within
	// NearTokens tokens (defaults 0.35 and 6).
	NearWeight float64
	NearTokens int
	// HeadOfWeight passes an organisation's portrayal on to the person named
	// as its head in the same sentence (default 0.5).
	HeadOfWeight float64
	// Prior damps the stance of actors with little evidence: stance =
	// sum(w) / (sum(|w|) + Prior) (default 1).
	Prior float64
	// LabelThreshold is the |stance| from which a frame is labelled
	// positive or negative (default 0.1).
	LabelThreshold float64
	// Lexicon replaces the embedded lexicon when set.
	Lexicon *Lexicon
}

// DefaultOptions returns the defaults.
func DefaultOptions() Options {
	return Options{QuoteWeight: 0.2, ReportedWeight: 0.4, GeneralWeight: 0.5, NearWeight: 0.35, NearTokens: 6,
		HeadOfWeight: 0.5, Prior: 1, LabelThreshold: 0.1}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.QuoteWeight <= 0 {
		o.QuoteWeight = d.QuoteWeight
	}
	if o.ReportedWeight <= 0 {
		o.ReportedWeight = d.ReportedWeight
	}
	if o.GeneralWeight <= 0 {
		o.GeneralWeight = d.GeneralWeight
	}
	if o.NearWeight <= 0 {
		o.NearWeight = d.NearWeight
	}
	if o.NearTokens <= 0 {
		o.NearTokens = d.NearTokens
	}
	if o.HeadOfWeight <= 0 {
		o.HeadOfWeight = d.HeadOfWeight
	}
	if o.Prior <= 0 {
		o.Prior = d.Prior
	}
	if o.LabelThreshold <= 0 {
		o.LabelThreshold = d.LabelThreshold
	}
	return o
}

// Frame labels.
const (
	Positive = "positive"
	Negative = "negative"
	Neutral  = "neutral"
)

// analysis is the state of one Analyze call.
type analysis struct {
	opts   Options
	lex    *Lexicon
	text   string
	toks   []model.Token
	low    []string
	sents  []model.Sentence
	sentOf []int32

	ent       []int32   // token -> group of the mention or resolved pronoun it belongs to, -1
	entStart  []bool    // first token of a mention (or a resolved pronoun)
	entEnd    []bool    // last token of a mention (or a resolved pronoun)
	entType   []string  // mention type at the token
	inMention []bool    // token of a named mention
	refW      []float64 // weight of an attachment through the token (pronouns < 1)
	quoteW    []float64

	keys       []string // group -> entity key
	defaultKey []bool   // the key came from DefaultEntityKeys
	names      []string // group -> name
	person     []bool
	headOf     map[int]map[int32]int32 // sentence -> organisation group -> person group
	evidence   [][]model.FrameEvidence
}

// Analyze returns how the document portrays each actor it names: one frame
// per entity (entity key from Options.EntityKey or the default grouping)
// that has evaluative evidence, with a stance in -1..+1. It is safe for
// concurrent use.
func Analyze(in Input, opts Options) []model.Frame {
	opts = opts.withDefaults()
	lex := opts.Lexicon
	if lex == nil {
		var err error
		if opts.GeneralWeight != DefaultOptions().GeneralWeight {
			lex, err = buildLexicon(vaderData, newsData, opts.GeneralWeight)
		} else {
			lex, err = DefaultLexicon()
		}
		if err != nil {
			panic("frames: embedded lexicon: " + err.Error())
		}
	}
	a := &analysis{opts: opts, lex: lex, text: in.Text, toks: in.Tokens, sents: in.Sentences}
	if a.toks == nil {
		a.toks = lang.Tokenize(in.Text)
		a.sents = lang.SplitSentences(in.Text, a.toks)
	} else if a.sents == nil {
		a.sents = lang.SplitSentences(in.Text, a.toks)
	}
	quotes := in.Quotes
	if quotes == nil {
		ci := in.Input
		ci.Tokens, ci.Sentences = a.toks, a.sents
		quotes = claims.ExtractQuotes(ci, claims.DefaultOptions())
	}
	a.prepare(in.Mentions, quotes)
	a.resolvePronouns()
	a.findHeads()
	for si := range a.sents {
		a.scanSentence(si)
	}
	return a.frames(in.DocID, in.Outlet)
}

func (a *analysis) prepare(ms []model.Mention, quotes []model.Quote) {
	n := len(a.toks)
	a.low = make([]string, n)
	for i, t := range a.toks {
		a.low[i] = foldLower(t.Text)
	}
	a.sentOf = make([]int32, n)
	for si, s := range a.sents {
		for t := s.TokenStart; t < s.TokenEnd && t < n; t++ {
			a.sentOf[t] = int32(si)
		}
	}
	a.ent = make([]int32, n)
	for i := range a.ent {
		a.ent[i] = -1
	}
	a.entStart = make([]bool, n)
	a.entEnd = make([]bool, n)
	a.entType = make([]string, n)
	a.inMention = make([]bool, n)
	a.refW = make([]float64, n)
	a.quoteW = make([]float64, n)
	for i := range a.quoteW {
		a.quoteW[i] = 1
	}
	// entity keys
	defKeys, defNames := DefaultEntityKeys(ms)
	groupOf := map[string]int32{}
	for i, m := range ms {
		key := ""
		if a.opts.EntityKey != nil {
			key = a.opts.EntityKey(i)
		}
		name, isDefault := "", false
		if key == "" {
			key = defKeys[i]
			name = defNames[key]
			isDefault = true
		}
		if key == "" || m.Start < 0 || m.End > len(a.text) || m.Start >= m.End {
			continue
		}
		g, ok := groupOf[key]
		if !ok {
			g = int32(len(a.keys))
			groupOf[key] = g
			a.keys = append(a.keys, key)
			a.names = append(a.names, "")
			a.person = append(a.person, false)
			a.defaultKey = append(a.defaultKey, isDefault)
		}
		if name == "" {
			name = m.Text
		}
		if len(name) > len(a.names[g]) {
			a.names[g] = name
		}
		if m.Type == model.Person || strings.HasPrefix(key, "person:") || titledName(m.Text) {
			a.person[g] = true
		}
		t0 := sort.Search(n, func(k int) bool { return a.toks[k].End > m.Start })
		t1 := t0
		for t1 < n && a.toks[t1].Start < m.End {
			t1++
		}
		if t0 >= t1 {
			continue
		}
		for t := t0; t < t1; t++ {
			a.ent[t] = g
			a.inMention[t] = true
			a.entType[t] = m.Type
			a.refW[t] = 1
		}
		a.entStart[t0], a.entEnd[t1-1] = true, true
	}
	// Default keys are internal; show such an entity by its folded name.
	for g := range a.keys {
		if a.defaultKey[g] {
			a.keys[g] = claims.FoldKey(a.names[g])
		}
	}
	a.evidence = make([][]model.FrameEvidence, len(a.keys))
	for _, q := range quotes {
		if q.Kind != model.QuoteDirect || q.Speaker.Text == "" {
			continue
		}
		t0 := sort.Search(n, func(k int) bool { return a.toks[k].Start >= q.Start })
		for t := t0; t < n && a.toks[t].End <= q.End; t++ {
			a.quoteW[t] = a.opts.QuoteWeight
		}
	}
}

// titledName reports whether a name starts with a title ("General X").
func titledName(text string) bool {
	i := strings.IndexByte(text, ' ')
	return i > 0 && titleWords[strings.ToLower(strings.TrimSuffix(text[:i], "."))]
}

// foldLower lower-cases a token and folds typographic quotes and dashes.
func foldLower(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			if s[i] >= 'A' && s[i] <= 'Z' {
				return strings.ToLower(s)
			}
		}
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b':
			b.WriteByte('\'')
		case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb':
			b.WriteByte('"')
		case '\u2013', '\u2014', '\u2015':
			b.WriteByte('-')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

var (
	prepositions = set(`in on at to with by from for into onto about against during after before since under
		over through near behind among without within across via like than around between toward towards
		upon off along beside despite except inside outside throughout until unlike amid alongside of`)
	copulas       = set(`is was are were be been being became become becomes remains remained remain seemed seems`)
	auxAdverbs    = set(`has have had also never not n't always still already once long indeed truly really just`)
	negators      = set(`not n't never no without nor hardly neither`)
	hedges        = set(`so-called supposedly allegedly alleged self-proclaimed self-styled purported purportedly`)
	intensifiers  = set(`very highly deeply extremely most so truly really particularly especially`)
	descriptorNns = set(`general commander man leader president minister chief cleric`)
	outcomeNouns  = set(`achievement achievements victory victories triumph blow setback defeat success boost gift humiliation`)
	clauseBreaks  = set(`; : while whereas but although though because however`)
	verbBridge    = set(`to managed manage helped help able would could will also then later first has have had did does do not n't never reportedly allegedly openly successfully finally eventually`)
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func isPunct(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	return !(unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isQuote(l string) bool { return l == "\"" || l == "'" }

func isAdverb(l string) bool { return len(l) > 4 && strings.HasSuffix(l, "ly") }

// resolvePronouns links he/his/him/she/her to the last person that was a
// subject, it/its to the last other actor that was, and "the general" or
// "the commander" to the last person.
func (a *analysis) resolvePronouns() {
	lastPerson, lastThing := int32(-1), int32(-1)
	personSent, thingSent := -10, -10
	// recentPerson is the last person named at all, subject or not: a
	// possessive in the same sentence goes to it ("With X and his henchmen").
	recentPerson, recentSent := int32(-1), -10
	for t := 0; t < len(a.toks); t++ {
		si := int(a.sentOf[t])
		if a.inMention[t] {
			if !a.entStart[t] {
				continue
			}
			g := a.ent[t]
			e := t
			for e+1 < len(a.toks) && a.inMention[e+1] && a.ent[e+1] == g && !a.entStart[e+1] {
				e++
			}
			b := t - 1
			for b >= 0 && int(a.sentOf[b]) == si && b > a.sents[si].TokenStart && (a.low[b] == "the" || unicode.IsUpper(firstRune(a.toks[b].Text))) {
				b-- // titles and modifiers: "by US President Donald Trump"
			}
			subject := !(b >= 0 && int(a.sentOf[b]) == si && prepositions[a.low[b]]) &&
				!(e+1 < len(a.toks) && (a.low[e+1] == "'s" || a.low[e+1] == "'"))
			if a.person[g] {
				recentPerson, recentSent = g, si
			}
			if subject {
				if a.person[g] {
					lastPerson, personSent = g, si
				} else if a.entType[t] != model.Place || t == 0 || a.low[t-1] == "the" {
					lastThing, thingSent = g, si
				}
			}
			t = e
			continue
		}
		l := a.low[t]
		switch l {
		case "his", "her":
			if recentPerson >= 0 && recentSent == si {
				a.markRef(t, recentPerson, 0.8)
			} else if lastPerson >= 0 && si-personSent <= 3 {
				a.markRef(t, lastPerson, 0.8)
				personSent = si
			}
		case "he", "him", "she", "himself", "herself":
			if lastPerson >= 0 && si-personSent <= 3 {
				a.markRef(t, lastPerson, 0.8)
				personSent = si
			}
		case "it", "its", "itself":
			if lastThing >= 0 && si-thingSent <= 2 {
				a.markRef(t, lastThing, 0.7)
			}
		default:
			if descriptorNns[l] && lastPerson >= 0 && si-personSent <= 3 {
				j := t - 1
				if j >= 0 && !a.inMention[j] && !isPunct(a.low[j]) && a.low[j] != "the" && !prepositions[a.low[j]] {
					j-- // "the senior commander"
				}
				if j >= 0 && a.low[j] == "the" && !(t+1 < len(a.toks) && a.low[t+1] == "of") {
					a.markRef(t, lastPerson, 0.8)
				}
			}
		}
	}
}

func (a *analysis) markRef(t int, g int32, w float64) {
	a.ent[t] = g
	a.entStart[t], a.entEnd[t] = true, true
	a.refW[t] = w
}

// findHeads links "X, head of Y" in each sentence, so Y's portrayal there
// reaches X.
func (a *analysis) findHeads() {
	a.headOf = map[int]map[int32]int32{}
	for t := 0; t+3 < len(a.toks); t++ {
		if !a.inMention[t] || !a.entEnd[t] || !a.person[a.ent[t]] || a.low[t+1] != "," {
			continue
		}
		k := t + 2
		if a.low[k] == "the" {
			k++
		}
		switch a.low[k] {
		case "head", "leader", "commander", "chief", "founder", "boss", "director":
		default:
			continue
		}
		if k+1 >= len(a.toks) || a.low[k+1] != "of" {
			continue
		}
		for j := k + 2; j < len(a.toks) && j < k+8; j++ {
			if isPunct(a.low[j]) && a.low[j] != "'s" && a.low[j] != "'" {
				break
			}
			if a.inMention[j] && a.entType[j] != model.Place && !a.person[a.ent[j]] {
				si := int(a.sentOf[t])
				if a.headOf[si] == nil {
					a.headOf[si] = map[int32]int32{}
				}
				a.headOf[si][a.ent[j]] = a.ent[t]
				break
			}
		}
	}
}

// scanSentence finds the evaluative terms of sentence si and attaches each
// to the actor it is said of.
func (a *analysis) scanSentence(si int) {
	s := a.sents[si]
	lo, hi := s.TokenStart, s.TokenEnd
	for i := lo; i < hi; i++ {
		if a.inMention[i] {
			continue
		}
		tm, ok := a.lex.lookup(a.low[:hi], i)
		if !ok || tm.role == roleNeutral || tm.weight == 0 {
			continue
		}
		j := i + len(tm.words)
		if j > hi {
			continue
		}
		w := tm.weight
		// negation, hedges and intensifiers before the term
		for k := i - 1; k >= lo && k >= i-3; k-- {
			l := a.low[k]
			if negators[l] {
				w *= -0.74
				break
			}
			if isPunct(l) && !isQuote(l) || a.inMention[k] {
				break
			}
		}
		for k := i - 1; k >= lo && k >= i-2; k-- {
			l := a.low[k]
			if hedges[l] && w > 0 {
				w = -w * 0.5
				break
			}
			if intensifiers[l] && k == i-1 {
				w *= 1.3
			}
		}
		w *= a.quoteW[i]
		if tm.role == roleReported {
			w *= a.opts.ReportedWeight
		}
		g, f := a.target(tm, i, j, lo, hi)
		if g < 0 {
			i = j - 1
			continue
		}
		w *= f
		if math.Abs(w) < 1e-6 {
			i = j - 1
			continue
		}
		a.addEvidence(g, i, j, w)
		if p, ok := a.headOf[si][g]; ok && p != g {
			a.addEvidence(p, i, j, w*a.opts.HeadOfWeight)
		}
		i = j - 1
	}
}

func (a *analysis) addEvidence(g int32, i, j int, w float64) {
	s, e := a.toks[i].Start, a.toks[j-1].End
	a.evidence[g] = append(a.evidence[g], model.FrameEvidence{Text: a.text[s:e], Start: s, End: e, Weight: math.Round(w*1000) / 1000})
}

// entEndAt returns the group whose mention (or pronoun) ends at t.
func (a *analysis) entEndAt(t, lo int) (int32, float64, bool) {
	if t < lo || t >= len(a.toks) || !a.entEnd[t] || a.ent[t] < 0 {
		return -1, 0, false
	}
	return a.ent[t], a.refW[t], true
}

// startOf returns the first token of the mention ending at t.
func (a *analysis) startOf(t int) int {
	g := a.ent[t]
	for t > 0 && !a.entStart[t] && a.ent[t-1] == g {
		t--
	}
	return t
}

// target picks the actor a term at [i, j) is said of, with a weight
// factor for how it was reached.
func (a *analysis) target(tm term, i, j, lo, hi int) (int32, float64) {
	switch tm.role {
	case roleReported:
		for k := j; k < hi && k < j+3; k++ {
			if a.ent[k] >= 0 && a.entStart[k] {
				return a.ent[k], a.refW[k]
			}
			if isPunct(a.low[k]) {
				break
			}
		}
		return -1, 0
	case rolePatient:
		if g, f, ok := a.passiveSubject(i, lo); ok {
			return g, f
		}
		return -1, 0
	case roleAgent:
		return a.agentOf(i, j, lo, hi)
	}
	// label, actor, general: what the word is said of
	if g, f, ok := a.predicationSubject(i, lo, hi); ok {
		return g, f
	}
	if g, f, ok := a.possessor(i, lo); ok {
		return g, f
	}
	if g, f, ok := a.apposition(i, lo); ok {
		return g, f
	}
	if g, f, ok := a.modified(j, hi); ok {
		return g, f
	}
	if outcomeNouns[a.low[i]] {
		if g, f, ok := a.beneficiary(j, hi); ok {
			return g, f
		}
	}
	if tm.role == roleActor {
		return -1, 0
	}
	return a.nearest(i, j, lo, hi)
}

// passiveSubject reads "X was martyred" / "X was credited with".
func (a *analysis) passiveSubject(i, lo int) (int32, float64, bool) {
	k := i - 1
	be := false
	for k >= lo && (copulas[a.low[k]] || auxAdverbs[a.low[k]] || isAdverb(a.low[k])) {
		if copulas[a.low[k]] {
			be = true
		}
		k--
	}
	if !be {
		return -1, 0, false
	}
	return a.entEndAt(k, lo)
}

// agentOf finds who does what an agent term names.
func (a *analysis) agentOf(i, j, lo, hi int) (int32, float64) {
	l := a.low[i]
	verb := strings.HasSuffix(l, "ed") || strings.HasSuffix(l, "ing") || i > lo && (verbBridge[a.low[i-1]] || a.entEnd[i-1] && !a.inMention[i-1])
	if verb {
		// passive: "... was liberated by X"
		k := i - 1
		be := false
		for k >= lo && (copulas[a.low[k]] || isAdverb(a.low[k])) {
			be = be || copulas[a.low[k]]
			k--
		}
		if be {
			return a.byAgent(j, hi)
		}
		// active: "X (managed to) liberated", "X, who ..., assassinated"
		k = i - 1
		for k >= lo && (verbBridge[a.low[k]] || isAdverb(a.low[k]) || negators[a.low[k]]) && !a.inMention[k] {
			k--
		}
		if k >= lo && (a.low[k] == "who" || a.low[k] == "which") {
			k--
			if k >= lo && a.low[k] == "," {
				k--
			}
		}
		if g, f, ok := a.entEndAt(k, lo); ok {
			return g, f
		}
		return a.nearestLeft(i, lo)
	}
	// an action noun: "assassination plots ... by the US", "Daesh's terror campaign", "US occupation"
	if g, f := a.byAgent(j, hi); g >= 0 {
		return g, f
	}
	if g, f, ok := a.possessor(i, lo); ok {
		return g, f
	}
	return a.nearestLeft(i, lo)
}

// byAgent reads "by X" within a few tokens after j.
func (a *analysis) byAgent(j, hi int) (int32, float64) {
	for k := j; k < hi && k < j+8; k++ {
		if a.low[k] == "by" {
			for m := k + 1; m < hi && m < k+6; m++ {
				if a.ent[m] >= 0 && a.entStart[m] && a.entType[m] != model.Misc {
					return a.ent[m], a.refW[m]
				}
				if a.ent[m] >= 0 && a.entStart[m] {
					// "by top-of-the-line Iraqi special forces": a nationality
					// adjective is not the agent.
					continue
				}
				if isPunct(a.low[m]) {
					break
				}
			}
			return -1, 0
		}
		if isPunct(a.low[k]) && a.low[k] != "-" {
			break
		}
	}
	return -1, 0
}

// predicationSubject reads "X was a peace champion", "ISIS is not
// invincible", "X has been exposed as a paper tiger", "X entered the
// stage as an ingenious strategist", "whom Iranians honor as their hero".
func (a *analysis) predicationSubject(i, lo, hi int) (int32, float64, bool) {
	k := i - 1
	steps := 0
	for k >= lo && steps < 7 {
		l := a.low[k]
		if copulas[l] || l == "as" {
			break
		}
		if a.inMention[k] {
			// a possessor inside the predicate: "Iran's secret puppet master"
			if k+1 < i && (a.low[k+1] == "'s" || a.low[k+1] == "'") {
				k = a.startOf(k) - 1
				steps++
				continue
			}
			return -1, 0, false
		}
		if isPunct(l) && !isQuote(l) && l != "'s" || prepositions[l] && l != "of" {
			return -1, 0, false
		}
		k--
		steps++
	}
	if k < lo || !(copulas[a.low[k]] || a.low[k] == "as") {
		return -1, 0, false
	}
	if a.low[k] == "as" {
		// "hailed Soleimani as ...": the object before "as" is described.
		if g, f, ok := a.entEndAt(k-1, lo); ok {
			return g, f, true
		}
		// "whom Iranians honor as their national hero"
		for m := k - 1; m >= lo && m > k-5; m-- {
			if a.low[m] == "whom" {
				if g, f, ok := a.entEndAt(m-1, lo); ok {
					return g, f, true
				}
				if m-2 >= lo && a.low[m-1] == "," {
					if g, f, ok := a.entEndAt(m-2, lo); ok {
						return g, f, true
					}
				}
				return -1, 0, false
			}
		}
		return a.clauseSubject(k, lo, hi)
	}
	// copula: the subject before it, over auxiliaries and an apposition
	m := k - 1
	for m >= lo && (auxAdverbs[a.low[m]] || copulas[a.low[m]] || isAdverb(a.low[m]) || negators[a.low[m]]) && !a.inMention[m] {
		m--
	}
	if g, f, ok := a.entEndAt(m, lo); ok {
		return g, f, true
	}
	if m >= lo && (a.low[m] == "," || a.low[m] == "-") {
		// "X, commander of the Quds Force, was the undisputed hero"
		p := m - 1
		for p >= lo && a.low[p] != a.low[m] && m-p < 15 {
			p--
		}
		if p >= lo {
			if g, f, ok := a.entEndAt(p-1, lo); ok {
				return g, f, true
			}
		}
	}
	return -1, 0, false
}

// clauseSubject returns the nearest subject-like actor left of k in its
// clause, jumping over dash-bounded asides; or, for a fronted participial
// clause ("Hailed by friends and foes as a strategist, General Soleimani
// topped ..."), the first actor after the next comma.
func (a *analysis) clauseSubject(k, lo, hi int) (int32, float64, bool) {
	for m := k - 1; m >= lo; m-- {
		l := a.low[m]
		if l == "-" {
			p := m - 1
			for p >= lo && a.low[p] != "-" {
				p--
			}
			if p >= lo {
				m = p
				continue
			}
		}
		if clauseBreaks[l] {
			break
		}
		if g, f, ok := a.entEndAt(m, lo); ok {
			s := a.startOf(m)
			if s > lo && (prepositions[a.low[s-1]] || a.low[s-1] == "the" && s-1 > lo && prepositions[a.low[s-2]]) {
				m = s
				continue
			}
			if m+1 < hi && (a.low[m+1] == "'s" || a.low[m+1] == "'") {
				m = s
				continue
			}
			return g, f, true
		}
	}
	first := a.low[lo]
	if strings.HasSuffix(first, "ed") || strings.HasSuffix(first, "ing") {
		for m := k; m < hi; m++ {
			if a.low[m] == "," {
				for q := m + 1; q < hi && q < m+4; q++ {
					if a.ent[q] >= 0 && a.entStart[q] {
						return a.ent[q], a.refW[q], true
					}
				}
				break
			}
		}
	}
	return -1, 0, false
}

// apposition reads "Daesh, the world's most notorious terror group" and
// "Qods Force - the dirty-tricks unit": the term's phrase follows a comma
// or dash after a name.
func (a *analysis) apposition(i, lo int) (int32, float64, bool) {
	k := i - 1
	for steps := 0; k >= lo && steps < 6; steps++ {
		l := a.low[k]
		if l == "," || l == "-" || l == "(" {
			return a.entEndAt(k-1, lo)
		}
		if a.inMention[k] {
			if k+1 < i && (a.low[k+1] == "'s" || a.low[k+1] == "'") {
				k = a.startOf(k) - 1
				continue
			}
			return -1, 0, false
		}
		if isPunct(l) && !isQuote(l) && l != "'s" || prepositions[l] && l != "of" || copulas[l] || clauseBreaks[l] || l == "and" {
			return -1, 0, false
		}
		if a.isVerb(k) {
			return -1, 0, false
		}
		k--
	}
	return -1, 0, false
}

// isVerb reports whether token k reads as a verb: an agent, patient or
// reported term, or an -ed form not after a determiner.
func (a *analysis) isVerb(k int) bool {
	if t, ok := a.lex.single[a.low[k]]; ok && (t.role == roleAgent || t.role == roleReported || t.role == rolePatient) {
		return true
	}
	return strings.HasSuffix(a.low[k], "ed") && !(k > 0 && determiners[a.low[k-1]])
}

// possessor reads "ISIS terrorists", "US occupation", "Daesh's terror
// campaign", "his terrorist henchmen": a name or possessive right before
// the term, over at most two modifiers.
func (a *analysis) possessor(i, lo int) (int32, float64, bool) {
	for k := i - 1; k >= lo && k >= i-3; k-- {
		l := a.low[k]
		if l == "'s" || l == "'" {
			return a.entEndAt(k-1, lo)
		}
		if a.ent[k] >= 0 && a.entEnd[k] {
			if !a.inMention[k] && !(l == "his" || l == "her" || l == "its") {
				return -1, 0, false // "he", "it": not a possessor
			}
			return a.ent[k], a.refW[k], true
		}
		if isPunct(l) && !isQuote(l) || prepositions[l] || copulas[l] || determiners[l] || clauseBreaks[l] || l == "and" {
			return -1, 0, false
		}
	}
	return -1, 0, false
}

var determiners = set(`a an the this that these those some any every each`)

// modified reads "the 'fearless' Qassem Suleimani", "ugly ISIS": the term
// directly before a name (over quotation marks and other evaluative
// words). A name used as an adjective ("a powerful Iranian general") is
// not the target; the phrase's apposition is, when it names someone ("...
// general - the 'fearless' Qassem Suleimani").
func (a *analysis) modified(j, hi int) (int32, float64, bool) {
	k := j
	for k < hi && k < j+3 && !a.inMention[k] && (isQuote(a.low[k]) || a.low[k] == "and" || a.isTerm(k)) {
		k++
	}
	if k >= hi || a.ent[k] < 0 || !a.entStart[k] || !a.inMention[k] {
		return -1, 0, false
	}
	e := k
	for e+1 < hi && a.ent[e+1] == a.ent[k] && !a.entStart[e+1] {
		e++
	}
	if a.entType[k] == model.Misc && e+1 < hi && !isPunct(a.low[e+1]) && a.low[e+1] != "'s" && !prepositions[a.low[e+1]] && !copulas[a.low[e+1]] &&
		!auxAdverbs[a.low[e+1]] && !unicode.IsUpper(firstRune(a.toks[e+1].Text)) && a.low[e+1] != "and" {
		// a nationality-like name modifies a noun: look for an apposition after the noun
		n := e + 1
		for n < hi && n < e+4 && !isPunct(a.low[n]) && !a.inMention[n] {
			n++
		}
		if n < hi && (a.low[n] == "-" || a.low[n] == ",") {
			for q := n + 1; q < hi && q < n+6; q++ {
				if a.inMention[q] && a.entStart[q] {
					return a.ent[q], a.refW[q], true
				}
				if isPunct(a.low[q]) && !isQuote(a.low[q]) {
					break
				}
			}
		}
		return -1, 0, false
	}
	return a.ent[k], a.refW[k], true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func (a *analysis) isTerm(k int) bool {
	t, ok := a.lex.single[a.low[k]]
	return ok && t.weight != 0 && (t.role == roleLabel || t.role == roleGeneral)
}

// beneficiary reads "a historical achievement for the men of the Popular
// Mobilization": an outcome noun followed by for/to and an actor.
func (a *analysis) beneficiary(j, hi int) (int32, float64, bool) {
	if j >= hi || (a.low[j] != "for" && a.low[j] != "to") {
		return -1, 0, false
	}
	for k := j + 1; k < hi && k < j+7; k++ {
		if a.ent[k] >= 0 && a.entStart[k] && a.entType[k] != model.Misc {
			return a.ent[k], a.refW[k], true
		}
		if isPunct(a.low[k]) {
			break
		}
	}
	return -1, 0, false
}

// nearest attaches a term to the closest actor in its clause, damped by
// distance.
func (a *analysis) nearest(i, j, lo, hi int) (int32, float64) {
	best, bestD, bestF := int32(-1), 1<<30, 0.0
	for k := i - 1; k >= lo && i-k <= a.opts.NearTokens; k-- {
		if clauseBreaks[a.low[k]] || a.low[k] == "." {
			break
		}
		if a.ent[k] >= 0 && a.entEnd[k] {
			best, bestD, bestF = a.ent[k], i-k, a.refW[k]
			break
		}
	}
	for k := j; k < hi && k-j+1 <= a.opts.NearTokens; k++ {
		if clauseBreaks[a.low[k]] || a.low[k] == "." {
			break
		}
		if a.ent[k] >= 0 && a.entStart[k] {
			if d := k - j + 1; d < bestD {
				best, bestD, bestF = a.ent[k], d, a.refW[k]
			}
			break
		}
	}
	if best < 0 {
		return -1, 0
	}
	return best, bestF * a.opts.NearWeight / (1 + float64(bestD)/3)
}

func (a *analysis) nearestLeft(i, lo int) (int32, float64) {
	for k := i - 1; k >= lo && i-k <= a.opts.NearTokens; k-- {
		if clauseBreaks[a.low[k]] {
			break
		}
		if a.ent[k] >= 0 && a.entEnd[k] {
			return a.ent[k], a.refW[k] * a.opts.NearWeight / (1 + float64(i-k)/3)
		}
	}
	return -1, 0
}

// frames turns the evidence into one frame per actor.
func (a *analysis) frames(doc, outlet string) []model.Frame {
	var out []model.Frame
	for g, ev := range a.evidence {
		if len(ev) == 0 {
			continue
		}
		sum, abs := 0.0, 0.0
		for _, e := range ev {
			sum += e.Weight
			abs += math.Abs(e.Weight)
		}
		stance := sum / (abs + a.opts.Prior)
		stance = math.Round(stance*1000) / 1000
		label := Neutral
		switch {
		case stance >= a.opts.LabelThreshold:
			label = Positive
		case stance <= -a.opts.LabelThreshold:
			label = Negative
		}
		sort.SliceStable(ev, func(x, y int) bool { return ev[x].Start < ev[y].Start })
		out = append(out, model.Frame{Entity: a.keys[g], Name: a.names[g], Doc: doc, Outlet: outlet, Stance: stance, Label: label, Evidence: ev})
	}
	sort.SliceStable(out, func(x, y int) bool { return out[x].Entity < out[y].Entity })
	return out
}
