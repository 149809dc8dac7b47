package claims

import (
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
)

// Claim kinds (model.Claim.Kind); every topic starts with its kind.
const (
	KindCredit     = "credit"     // who is credited for an event: credit:<event>:<object>
	KindNumber     = "number"     // how many: number:<verb>:<what>[@<place>]
	KindOccurred   = "occurred"   // whether something happened or will: occurred:<subject>:<verb>[@<place>]
	KindEvaluation = "evaluation" // success or ruin of a place or operation: evaluation:<object>
	KindDispute    = "dispute"    // the text itself opposes a reported claim: dispute:<doc>:<offset>
)

// eventFamilies groups event verbs whose agent gets the credit.
var eventFamilies = buildFamilies(map[string]string{
	"liberate": `liberate retake recapture capture seize free reclaim regain storm`,
	"defend":   `defend protect save rescue`,
	"lead":     `lead command mastermind`,
	"win":      `win`,
	"defeat":   `defeat rout crush`,
})

// eventNouns are nominalised events: "the liberation of Amerli".
var eventNouns = map[string]string{
	"liberation": "liberate", "recapture": "liberate", "capture": "liberate", "retaking": "liberate",
	"release": "liberate", "victory": "win", "victories": "win", "defeat": "defeat", "defence": "defend",
	"defense": "defend", "achievement": "win", "achievements": "win",
}

// fightFamily maps verbs of holding ground (+1) and of giving it up (-1)
// to one predicate, so "digging in" and "disappeared" oppose each other.
var fightFamily = buildPolarFamily(`fight resist defend hold dig repel battle counterattack`, `flee withdraw retreat disappear abandon escape collapse surrender vanish`)

// outcomeWords say whether an operation or a place came out well (+1) or
// was ruined (-1).
var outcomeWords = buildPolarFamily(`liberate free succeed`, `destroy devastate raze flatten smash ruin level wreck`)

var outcomeNouns = map[string]int{
	"success": 1, "victory": 1, "triumph": 1, "liberation": 1, "model": 1,
	"failure": -1, "disaster": -1, "fiasco": -1, "catastrophe": -1, "debacle": -1, "ruin": -1, "ruins": -1,
}

var portrayVerbs = buildFamilies(map[string]string{"portray": `portray describe hail tout present celebrate bill depict paint herald trumpet`})

// countVerbs are verbs (and nouns) that count people or things.
var countVerbs = func() map[string]string {
	m := buildFamilies(map[string]string{
		"killed":    `kill slay execute massacre behead`,
		"wounded":   `wound injure`,
		"trained":   `train`,
		"disarmed":  `disarm defuse dismantle`,
		"captured":  `capture arrest detain seize`,
		"displaced": `displace evacuate`,
		"deployed":  `deploy send`,
		"kidnapped": `kidnap abduct`,
		"freed":     `free release rescue`,
		"destroyed": `destroy`,
	})
	for k, v := range map[string]string{"dead": "killed", "died": "killed", "deaths": "killed", "casualties": "killed",
		"training": "trained", "wounded": "wounded", "injured": "wounded", "fled": "displaced"} {
		m[k] = v
	}
	return m
}()

var nonCountUnits = set(`days day hours hour weeks week months month years year minutes minute km kilometers
	kilometres miles mile meters metres percent per cent % feet acres square dollars euros pounds times`)

var groupNouns = set(`forces force militants fighters troops terrorists leadership units army government
	militia militias leaders men soldiers gunmen members jihadists insurgents rebels`)

var wordNumbers = map[string]float64{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000}

func buildFamilies(groups map[string]string) map[string]string {
	m := map[string]string{}
	for fam, lemmas := range groups {
		for _, l := range strings.Fields(lemmas) {
			for _, f := range verbForms(l) {
				m[f] = fam
			}
		}
	}
	return m
}

// buildPolarFamily maps the forms of pos verbs to +1 and neg verbs to -1.
func buildPolarFamily(pos, neg string) map[string]int {
	m := map[string]int{}
	for _, l := range strings.Fields(pos) {
		for _, f := range verbForms(l) {
			m[f] = 1
		}
	}
	for _, l := range strings.Fields(neg) {
		for _, f := range verbForms(l) {
			m[f] = -1
		}
	}
	return m
}

// claimContext is what the claim extractors share for one sentence.
type claimContext struct {
	si   int
	a, b int // tokens of the sentence
}

// claims extracts the claims of every sentence.
func (x *extractor) claims() {
	x.buildSources()
	x.refsOf = map[int][]int{}
	for i, r := range x.refs {
		x.refsOf[r.sent] = append(x.refsOf[r.sent], i)
	}
	for si := range x.v.sents {
		a, b := x.v.sentSpan(si)
		if b-a < 3 {
			continue
		}
		c := claimContext{si: si, a: a, b: b}
		x.creditClaims(c)
		x.numberClaims(c)
		x.occurredClaims(c)
		x.evaluationClaims(c)
		x.disputeClaims(c)
	}
}

// buildSources records for every token the attribution whose content
// holds it (the shortest one, for nested reported speech).
func (x *extractor) buildSources() {
	x.src = make([]int32, len(x.v.toks))
	for i := range x.src {
		x.src[i] = -1
	}
	for i, r := range x.refs {
		for t := max(r.t0, 0); t < r.t1 && t < len(x.src); t++ {
			if j := x.src[t]; j < 0 || x.refs[j].t1-x.refs[j].t0 > r.t1-r.t0 {
				x.src[t] = int32(i)
			}
		}
	}
}

func (x *extractor) sourceAt(t int) string {
	if t < 0 || t >= len(x.src) || x.src[t] < 0 {
		return ""
	}
	return x.refs[x.src[t]].sp.text
}

// addClaim appends a claim over sentence c (or the token range [t0, t1)
// when t1 > t0).
func (x *extractor) addClaim(c claimContext, kind, topic, subject, object string, value float64, polarity, t0, t1 int, source string) {
	v := x.v
	if t1 <= t0 {
		t0, t1 = c.a, c.b
	}
	s, e := v.span(t0, t1)
	x.claimsOut = append(x.claimsOut, model.Claim{
		Doc: x.in.DocID, Kind: kind, Topic: topic, Subject: subject, Object: object, Value: value,
		Polarity: polarity, Text: v.text[s:e], Start: s, End: e, Source: source,
	})
}

// phrase is a noun phrase read as a claim argument.
type phrase struct {
	t0, t1 int
	text   string // the name when the phrase has one, else the phrase
	key    string // FoldKey of the name, or "~" + the head noun
	named  bool
	place  bool
}

// argument reads [t0, t1) as a claim argument: the first name it holds,
// or its head noun.
func (x *extractor) argument(t0, t1 int) phrase {
	v := x.v
	p := phrase{t0: t0, t1: t1}
	if t0 >= t1 {
		return p
	}
	for t := t0; t < t1; t++ {
		if m := v.mentionAt(t); m != nil {
			if m.Type == model.Misc && m.t1 < t1 && !isPunct(v.low[m.t1]) && v.low[m.t1] != "of" {
				// "Iraqi special forces": an adjective-like name, keep looking.
				t = m.t1 - 1
				continue
			}
			p.text, p.key, p.named, p.place = m.Text, FoldKey(m.Text), true, m.Type == model.Place
			return p
		}
	}
	head := -1
	for t := t0; t < t1; t++ {
		if v.low[t] == "of" || prepositions[v.low[t]] {
			break
		}
		if v.isWord(t) && !determiners[v.low[t]] {
			head = t
		}
	}
	if head < 0 {
		return phrase{}
	}
	p.text = v.textOf(t0, t1)
	p.key = "~" + singular(v.low[head])
	return p
}

// singular is a crude English singular for topic keys.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// appositiveName returns the name set off after the phrase ending at e ("a
// powerful Iranian general – the 'fearless' Qassem Suleimani").
func (x *extractor) appositiveName(e, b int) (phrase, bool) {
	v := x.v
	if e >= b || (v.low[e] != "-" && v.low[e] != "," && v.low[e] != "--") {
		return phrase{}, false
	}
	for k := e + 1; k < b && k < e+6; k++ {
		if m := v.mentionAt(k); m != nil {
			return x.argument(m.t0, m.t1), true
		}
		l := v.low[k]
		if clauseWords[l] || !(determiners[l] || isQuoteTok(l) || !isPunct(l) && !isVerbLike(l) && !prepositions[l]) {
			break
		}
	}
	return phrase{}, false
}

// agentsAt reads the agent phrase starting at t (after "by", "of"), with
// coordinated names ("the Pentagon and the US military").
func (x *extractor) agentsAt(t, b int) []phrase {
	v := x.v
	var out []phrase
	for len(out) < 4 && t < b {
		e := x.npRight(t, b, false)
		if e <= t {
			break
		}
		p := x.argument(t, e)
		if p.key == "" {
			break
		}
		if !p.named {
			if ap, ok := x.appositiveName(e, b); ok {
				p = ap
			}
		}
		out = append(out, p)
		if e+1 < b && v.low[e] == "and" {
			t = e + 1
			continue
		}
		break
	}
	return out
}

// negatedBefore reports whether a negator or a verb of failure sits among
// the few tokens before t.
func (x *extractor) negatedBefore(t, lo int) bool {
	v := x.v
	for k := t - 1; k >= lo && k >= t-4; k-- {
		l := v.low[k]
		if negators[l] || l == "failed" || l == "unable" || l == "fail" || l == "fails" {
			return true
		}
		if isPunct(l) || v.ment[k] >= 0 {
			return false
		}
	}
	return false
}

// controlWords may stand between an agent and its event verb.
var controlWords = set(`to managed manage manages helped help helps able was were is are been tried try
	failed unable could would not n't never did does do has have had also finally eventually successfully
	later then soon quickly went on sought seeks allegedly reportedly already will`)

// creditClaims reads who is credited for an event in sentence c.
func (x *extractor) creditClaims(c claimContext) {
	v := x.v
	for t := c.a; t < c.b; t++ {
		l := v.low[t]
		if l == "work" && t >= c.a+2 && v.low[t-1] == "the" && t+1 < c.b && v.low[t+1] == "of" {
			x.workOfClaim(c, t)
			continue
		}
		fam, ok := eventFamilies[l]
		if !ok || v.ment[t] >= 0 {
			continue
		}
		x.eventVerbClaim(c, t, fam)
	}
}

// eventVerbClaim reads the agent and object of the event verb at t.
func (x *extractor) eventVerbClaim(c claimContext, t int, fam string) {
	v := x.v
	lo := x.clauseStart(t, c.a)
	// Passive: "<object> was liberated by <agent>".
	k := t - 1
	for k >= lo && (isAdverb(v.low[k]) || v.low[k] == "being" || v.low[k] == "not" || v.low[k] == "n't" || v.low[k] == "never") {
		k--
	}
	if k >= lo && (v.low[k] == "was" || v.low[k] == "were" || v.low[k] == "been" || v.low[k] == "is" || v.low[k] == "are" || v.low[k] == "be" || v.low[k] == "got") {
		aux := k
		for aux-1 >= lo && auxiliaries[v.low[aux-1]] {
			aux--
		}
		s := x.npLeft(aux, lo)
		obj := x.argument(s, aux)
		pol := 1
		if x.negatedBefore(t, aux) {
			pol = -1
		}
		if obj.key == "" {
			return
		}
		by := t + 1
		for by < c.b && isAdverb(v.low[by]) {
			by++
		}
		if by < c.b && v.low[by] == "by" {
			for _, ag := range x.agentsAt(by+1, c.b) {
				if !x.agentLike(ag) {
					continue
				}
				x.addClaim(c, KindCredit, "credit:"+fam+":"+obj.key, ag.text, obj.text, 0, pol, 0, 0, x.sourceAt(t))
			}
		}
		if fam == "liberate" && obj.named {
			x.lastEvent = eventRef{fam: fam, obj: obj, sent: c.si}
		}
		return
	}
	// Active: "<agent> (managed to) liberated <object>".
	neg := false
	k = t - 1
	for k >= lo && controlWords[v.low[k]] && v.ment[k] < 0 {
		if negators[v.low[k]] || v.low[k] == "failed" || v.low[k] == "unable" {
			neg = !neg
		}
		k--
	}
	if k < lo {
		return
	}
	oe := x.npRight(t+1, c.b, false)
	obj := x.argument(t+1, oe)
	if fam == "win" && !obj.named {
		// "won a string of symbolic victories": the credit is for victories
		// in general, kept within the document.
		obj.key = "~victory"
	}
	var agents []phrase
	pol := 1
	if neg {
		pol = -1
	}
	// Cleft: "it was (not) Iran that managed to liberate".
	if (v.low[k] == "that" || v.low[k] == "who") && k-1 >= lo {
		e := k
		s := x.npLeft(e, lo)
		if s < e && s-2 >= lo {
			j := s - 1
			cleftNeg := false
			if negators[v.low[j]] {
				cleftNeg = true
				j--
			}
			if j-1 >= lo && (v.low[j] == "was" || v.low[j] == "is") && v.low[j-1] == "it" {
				agents = []phrase{x.argument(s, e)}
				if cleftNeg {
					pol = -pol
				}
			}
		}
	}
	if agents == nil {
		s := x.npLeft(k+1, lo)
		if s == k+1 {
			if isPronounRef(v.low[k]) {
				if r := x.resolvePronoun(speakerRef{t0: k, t1: k + 1, text: v.toks[k].Text}, k); r.ok() {
					agents = []phrase{x.argument(r.t0, r.t1)}
				} else if v.low[k] == "it" {
					if r := x.sentenceSubject(c.a, k, false); r.ok() {
						agents = []phrase{x.argument(r.t0, r.t1)}
					}
				}
			}
		} else if !x.prepositionObject(s, lo) {
			p := x.argument(s, k+1)
			if !p.named {
				if ap, ok := x.appositiveName(k+1, c.b); ok {
					p = ap
				}
			}
			if x.agentLike(p) {
				agents = []phrase{p}
			}
		}
	}
	if obj.key == "" {
		return
	}
	for _, ag := range agents {
		if ag.key == "" || ag.key == obj.key {
			continue
		}
		x.addClaim(c, KindCredit, "credit:"+fam+":"+obj.key, ag.text, obj.text, 0, pol, 0, 0, x.sourceAt(t))
	}
	if obj.named {
		x.lastEvent = eventRef{fam: fam, obj: obj, sent: c.si}
	}
}

// prepositionObject reports whether the phrase starting at s, with any
// phrases coordinated before it, is the object of a preposition ("alongside
// both Shiites and Sunnis"); "for X to liberate Y" is not.
func (x *extractor) prepositionObject(s, lo int) bool {
	v := x.v
	j := s - 1
	for j >= lo && (v.low[j] == "and" || v.low[j] == "or" || v.low[j] == "both" || v.low[j] == "," || x.inNP(j, false)) {
		j--
	}
	return j >= lo && prepositions[v.low[j]] && v.low[j] != "for"
}

// agentLike reports whether a phrase can be credited for an event: a name,
// or a description of people or of an armed or governing body.
func (x *extractor) agentLike(p phrase) bool {
	if p.named {
		return true
	}
	if p.key == "" {
		return false
	}
	head := strings.TrimPrefix(p.key, "~")
	if groupNouns[head] || groupNouns[head+"s"] {
		return true
	}
	info, ok := speakerNouns[head]
	if !ok {
		info, ok = speakerNouns[head+"s"]
	}
	return ok && !info.media && head != "one" && head != "another"
}

// eventRef is the last event with a named object, for "it was the work of X".
type eventRef struct {
	fam  string
	obj  phrase
	sent int
}

// workOfClaim reads "it was (not) the work of X" at the token "work".
func (x *extractor) workOfClaim(c claimContext, t int) {
	ev := x.nominalEvent(c, t)
	if ev.fam == "" {
		if x.lastEvent.fam == "" || x.lastEvent.sent < c.si-2 {
			return
		}
		ev = x.lastEvent
	}
	pol := 1
	if x.negatedBefore(t-1, c.a) {
		pol = -1
	}
	for _, ag := range x.agentsAt(t+2, c.b) {
		x.addClaim(c, KindCredit, "credit:"+ev.fam+":"+ev.obj.key, ag.text, ev.obj.text, 0, pol, 0, 0, x.sourceAt(t))
	}
}

// nominalEvent finds "the liberation of X" / "X's release" in sentence c.
func (x *extractor) nominalEvent(c claimContext, near int) eventRef {
	v := x.v
	for t := max(c.a, near-maxScan); t < c.b && t < near+maxScan; t++ {
		fam, ok := eventNouns[v.low[t]]
		if !ok {
			continue
		}
		if t+2 < c.b && (v.low[t+1] == "of" || v.low[t+1] == "in" || v.low[t+1] == "at") {
			e := x.npRight(t+2, c.b, false)
			if p := x.argument(t+2, e); p.named {
				x.lastEvent = eventRef{fam: fam, obj: p, sent: c.si}
				return x.lastEvent
			}
		}
		if t-2 >= c.a && (v.low[t-1] == "'s" || v.low[t-1] == "'") {
			if m := v.mentionAt(t - 2); m != nil {
				x.lastEvent = eventRef{fam: fam, obj: x.argument(m.t0, m.t1), sent: c.si}
				return x.lastEvent
			}
		}
	}
	return eventRef{}
}

// numberClaims reads counts: "killed 163 militants", "15 civilians were killed".
func (x *extractor) numberClaims(c claimContext) {
	v := x.v
	anchor := x.sentenceAnchor(c, c.a)
	for t := c.a; t < c.b; t++ {
		val, ok := x.numberAt(t)
		if !ok || v.ment[t] >= 0 {
			continue
		}
		// what is counted: the noun phrase after the number
		e := t + 1
		for e < c.b {
			l := v.low[e]
			if l == "and" {
				if e+1 >= c.b || v.isNumber(e+1) || wordNumbers[v.low[e+1]] > 0 || isPunct(v.low[e+1]) {
					break
				}
				if isVerbLike(v.low[e+1]) && (e+2 >= c.b || prepositions[v.low[e+2]] || determiners[v.low[e+2]] || isPunct(v.low[e+2])) {
					break // "... fighters and coordinated with ...": a new verb phrase
				}
				e++
				continue
			}
			if isPunct(l) || prepositions[l] || clauseWords[l] || auxiliaries[l] || commonVerbs[l] || v.isNumber(e) || isAdverb(l) {
				break
			}
			if _, ok := countVerbs[l]; ok && e > t+1 {
				break
			}
			if isVerbLike(l) && (e+1 >= c.b || isPunct(v.low[e+1]) || auxiliaries[v.low[e+1]]) {
				break
			}
			e++
		}
		if e == t+1 || nonCountUnits[v.low[t+1]] {
			continue
		}
		head := e - 1
		what := singular(v.low[head])
		if nonCountUnits[v.low[head]] {
			continue
		}
		// the nearest counting verb in the clause, before or after
		verb, best := "", 1<<30
		for k := t - 1; k >= c.a && t-k < 8; k-- {
			if v.low[k] == ";" || v.low[k] == "." {
				break
			}
			if cv, ok := countVerbs[v.low[k]]; ok {
				verb, best = cv, t-k
				break
			}
		}
		for k := e; k < c.b && k-e < 12; k++ {
			l := v.low[k]
			if l == ";" || l == "," || commonVerbs[l] {
				break
			}
			if _, ok := cueVerbs[l]; ok {
				break
			}
			if cv, ok := countVerbs[l]; ok {
				if k-e < best {
					verb = cv
				}
				break
			}
		}
		if verb == "" {
			continue
		}
		topic := "number:" + verb + ":" + FoldKey(what)
		if anchor != "" {
			topic += "@" + anchor
		}
		x.addClaim(c, KindNumber, topic, "", v.textOf(t+1, e), val, 1, 0, 0, x.sourceAt(t))
		t = e - 1
	}
}

// numberAt reads a cardinal number at token t.
func (x *extractor) numberAt(t int) (float64, bool) {
	v := x.v
	if f, ok := wordNumbers[v.low[t]]; ok {
		return f, true
	}
	if !v.isNumber(t) {
		return 0, false
	}
	s := strings.ReplaceAll(v.toks[t].Text, ",", "")
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	// Years are not counts.
	if f >= 1800 && f <= 2100 && !strings.Contains(v.toks[t].Text, ",") && !strings.Contains(v.toks[t].Text, ".") {
		return 0, false
	}
	if t > 0 && (v.low[t-1] == "$" || isMonth(v.low[t-1])) {
		return 0, false
	}
	if t+1 < len(v.low) && (isMonth(v.low[t+1]) || v.low[t+1] == "%") {
		return 0, false
	}
	return f, true
}

func isMonth(l string) bool {
	switch l {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// sentenceAnchor returns the folded name of the first place named in
// sentence c at or after token from ("" when there is none).
func (x *extractor) sentenceAnchor(c claimContext, from int) string {
	v := x.v
	for t := from; t < c.b; t++ {
		if m := v.mentionAt(t); m != nil && m.Type == model.Place {
			return FoldKey(m.Text)
		}
	}
	return ""
}

// occurredClaims reads whether something happened or will happen:
// "ISIS will not fight for Fallujah", "ISIS militants digging in",
// "Islamic State forces all disappeared".
func (x *extractor) occurredClaims(c claimContext) {
	v := x.v
	for t := c.a; t < c.b; t++ {
		m := v.mentionAt(t)
		if m == nil || m.t0 != t {
			continue
		}
		t = m.t1 - 1
		if m.t0 > c.a && (prepositions[v.low[m.t0-1]] || v.low[m.t0-1] == "of" || v.low[m.t0-1] == "'s") {
			continue
		}
		k := m.t1
		if k < c.b && (v.low[k] == "'s" || v.low[k] == "'") {
			continue
		}
		if k < c.b && groupNouns[v.low[k]] {
			k++
		}
		neg, modal, found, copula := false, false, false, false
	scan:
		for k < c.b && k-m.t1 < 7 {
			l := v.low[k]
			switch {
			case isQuoteTok(l) || l == "all" || l == "both" || isAdverb(l) || l == "also" || l == "still" || l == "now" || l == "then":
			case negators[l]:
				neg = !neg
			case l == "will" || l == "would" || l == "wo" || l == "shall" || l == "going" || l == "to" || l == "are" || l == "is" || l == "be" || l == "have" || l == "has" || l == "had" || l == "was" || l == "were" || l == "been" || l == "did" || l == "do" || l == "does":
				if l == "will" || l == "would" || l == "wo" || l == "going" {
					modal = true
				}
				if l == "are" || l == "is" || l == "be" || l == "was" || l == "were" || l == "been" {
					copula = true
				}
			default:
				found = true
				break scan
			}
			k++
		}
		if !found {
			continue
		}
		l := v.low[k]
		if copula && !strings.HasSuffix(l, "ing") {
			continue // "Baghdad would be demolished", "Ramadi wasn't so much"
		}
		lemma := ""
		pol := 1
		if p, ok := fightFamily[l]; ok {
			lemma, pol = "fight", p
			if l == "dig" || l == "digs" || l == "dug" || l == "digging" {
				if k+1 >= c.b || v.low[k+1] != "in" {
					continue
				}
			}
		} else if (neg || modal) && !copula && !isPunct(l) && !v.isCap(k) && !determiners[l] && !prepositions[l] && !clauseWords[l] && !isAdverb(l) && v.ment[k] < 0 {
			lemma = verbLemma(l)
		}
		if lemma == "" {
			continue
		}
		if neg {
			pol = -pol
		}
		topic := "occurred:" + FoldKey(m.Text) + ":" + lemma
		if a := x.sentenceAnchor(c, k); a != "" {
			topic += "@" + a
		} else if a := x.sentenceAnchor(c, c.a); a != "" && a != FoldKey(m.Text) {
			topic += "@" + a
		}
		x.addClaim(c, KindOccurred, topic, m.Text, "", 0, pol, 0, 0, x.sourceAt(k))
	}
}

// verbLemma strips common inflections: a key for matching, not a dictionary form.
func verbLemma(l string) string {
	for base, forms := range irregular {
		for _, f := range forms {
			if f == l {
				return base
			}
		}
	}
	switch {
	case strings.HasSuffix(l, "ing") && len(l) > 5:
		return strings.TrimSuffix(l, "ing")
	case strings.HasSuffix(l, "ied") && len(l) > 4:
		return l[:len(l)-3] + "y"
	case strings.HasSuffix(l, "ed") && len(l) > 4:
		return strings.TrimSuffix(strings.TrimSuffix(l, "ed"), "e")
	case strings.HasSuffix(l, "es") && len(l) > 4:
		return strings.TrimSuffix(l, "es")
	case strings.HasSuffix(l, "s") && len(l) > 3:
		return strings.TrimSuffix(l, "s")
	case strings.HasSuffix(l, "e") && len(l) > 3:
		return strings.TrimSuffix(l, "e")
	}
	return l
}

// evaluationClaims reads whether a place or operation is said to have come
// out well or to have been ruined: "Ramadi was liberated", "Ramadi was
// portrayed as a smashing success", "Ramadi wasn't so much liberated as
// destroyed".
func (x *extractor) evaluationClaims(c claimContext) {
	v := x.v
	for t := c.a; t < c.b; t++ {
		m := v.mentionAt(t)
		if m == nil || m.t0 != t || m.Type == model.Person {
			continue
		}
		t = m.t1 - 1
		if m.t0 > c.a && (prepositions[v.low[m.t0-1]] || v.low[m.t0-1] == "of") {
			continue
		}
		k := m.t1
		if k >= c.b || !(v.low[k] == "was" || v.low[k] == "were" || v.low[k] == "is" || v.low[k] == "has" || v.low[k] == "had") {
			continue
		}
		k++
		neg := false
		for k < c.b && (v.low[k] == "been" || v.low[k] == "being" || negators[v.low[k]] || isAdverb(v.low[k])) {
			if negators[v.low[k]] {
				neg = !neg
			}
			k++
		}
		if k >= c.b {
			continue
		}
		src := x.sourceAt(k)
		pol := 0
		switch {
		case v.low[k] == "so" && k+1 < c.b && v.low[k+1] == "much":
			// "wasn't so much A as B": B is asserted.
			for j := k + 2; j < c.b && j < k+10; j++ {
				if v.low[j] == "as" {
					for q := j + 1; q < c.b && q < j+4; q++ {
						if p, ok := outcomeWords[v.low[q]]; ok {
							pol = p
							break
						}
					}
					break
				}
			}
			neg = false
		case portrayVerbs[v.low[k]] != "":
			j := k + 1
			if j < c.b && v.low[j] == "by" {
				e := x.npRight(j+1, c.b, false)
				if e > j+1 {
					src = v.textOf(j+1, e)
					if p := x.argument(j+1, e); p.named {
						src = p.text
					}
				}
				j = e
			}
			if j < c.b && v.low[j] == "as" {
				for q := j + 1; q < c.b && q < j+6; q++ {
					if p, ok := outcomeNouns[v.low[q]]; ok {
						pol = p
						break
					}
				}
			}
		default:
			if p, ok := outcomeWords[v.low[k]]; ok && strings.HasSuffix(v.low[k], "ed") {
				pol = p
			}
		}
		if pol == 0 {
			continue
		}
		if neg {
			pol = -pol
		}
		x.addClaim(c, KindEvaluation, "evaluation:"+FoldKey(m.Text), "", m.Text, 0, pol, 0, 0, src)
	}
}

// realityMarkers open the author's correction of a reported claim.
func (x *extractor) realityMarkerAt(k, b int) int {
	v := x.v
	switch v.low[k] {
	case "in":
		if k+1 < b && (v.low[k+1] == "reality" || v.low[k+1] == "fact" || v.low[k+1] == "truth") {
			return 2
		}
	case "actually", "really":
		return 1
	case "the":
		if k+2 < b && v.low[k+1] == "truth" && v.low[k+2] == "is" {
			return 3
		}
	}
	return 0
}

// disputeClaims reads the text opposing a reported claim: "while X insist
// A, in reality B" and "Contrary to A, B".
func (x *extractor) disputeClaims(c claimContext) {
	v := x.v
	topic := "dispute:" + x.in.DocID + ":" + strconv.Itoa(v.toks[c.a].Start)
	// "while X insist A, in reality B"
	for _, i := range x.refsOf[c.si] {
		r := x.refs[i]
		if r.kind == model.QuoteAccordingTo || r.t1 >= c.b {
			continue
		}
		k := r.t1
		for k < c.b && (v.low[k] == "," || v.low[k] == "but" || v.low[k] == "-") {
			k++
		}
		if k >= c.b {
			continue
		}
		if n := x.realityMarkerAt(k, c.b); n > 0 {
			b0 := k
			b1 := x.contentEnd(k+n, c.b)
			a0 := min(r.sp.t0, r.tok)
			if a0 < c.a {
				a0 = r.t0
			}
			x.addClaim(c, KindDispute, topic, x.refs[i].sp.text, "", 0, 1, a0, r.t1, x.refs[i].sp.text)
			x.addClaim(c, KindDispute, topic, "", "", 0, -1, b0, b1, "")
			return
		}
	}
	// "Contrary to A, B"
	for k := c.a; k+2 < c.b; k++ {
		if !(v.low[k] == "contrary" && v.low[k+1] == "to") {
			continue
		}
		comma := k + 2
		for comma < c.b && v.low[comma] != "," {
			comma++
		}
		if comma >= c.b-1 {
			return
		}
		e := x.npRight(k+2, comma, false)
		source := v.textOf(k+2, max(e, k+3))
		n0 := len(x.claimsOut)
		b1 := x.contentEnd(comma+1, c.b)
		// A negated credit in B ("it was not the work of the Pentagon")
		// implies the disputed claim credits that agent.
		for _, cl := range x.claimsOut[:n0] {
			if cl.Kind == KindCredit && cl.Polarity < 0 && cl.Start == v.toks[c.a].Start {
				x.addClaim(c, KindCredit, cl.Topic, cl.Subject, cl.Object, 0, 1, k, comma, source)
			}
		}
		x.addClaim(c, KindDispute, topic, source, "", 0, 1, k, comma, source)
		x.addClaim(c, KindDispute, topic, "", "", 0, -1, comma+1, b1, x.sourceAt(comma+1))
		return
	}
}
