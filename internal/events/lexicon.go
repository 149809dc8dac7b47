package events

import "strings"

// form says which inflection of a trigger a surface word is; the tense
// and voice rules read it.
type form uint8

const (
	formNoun form = iota
	formBase      // fight, liberate (also the present plural)
	form3sg       // fights, liberates
	formPast      // fought, liberated (past tense and participle)
	formIng       // fighting, liberating
)

// Trigger flags.
const (
	// weak triggers (fight, operation, fall, free) are events only with a
	// place right after them or as their subject.
	weak = 1 << iota
	// nounOnly and verbOnly restrict which inflections are generated.
	nounOnly
	verbOnly
	// double doubles the final consonant before -ed and -ing (repel).
	double
	// particle: the rest words may come up to four words later ("drive the
	// militants back"), not only right after.
	particle
	// needsAgent: statements, visits and meetings are events only when a
	// person or organisation does them.
	needsAgent
	// needsTarget: "met" is a meeting only with someone ("met X", not "met
	// the demands").
	needsTarget
)

// lexEntry is one trigger of the lexicon.
type lexEntry struct {
	lemma string // head word, or several words ("drone strike", "drive back")
	typ   string
	flags int
	// irregular lists irregular past forms, comma-separated.
	irregular string
}

// lexicon is the trigger list. Verbs generate their inflections by rule
// (see inflect); nominalisations are separate entries.
var lexicon = []lexEntry{
	// attack
	{lemma: "attack", typ: Attack},
	{lemma: "assault", typ: Attack},
	{lemma: "offensive", typ: Attack, flags: nounOnly | weak},
	{lemma: "counteroffensive", typ: Attack, flags: nounOnly},
	{lemma: "counter-offensive", typ: Attack, flags: nounOnly},
	{lemma: "raid", typ: Attack},
	{lemma: "ambush", typ: Attack},
	{lemma: "invade", typ: Attack, flags: verbOnly},
	{lemma: "invasion", typ: Attack, flags: nounOnly},
	{lemma: "incursion", typ: Attack, flags: nounOnly},
	{lemma: "storm", typ: Attack, flags: verbOnly | weak},
	{lemma: "bombard", typ: Attack, flags: verbOnly},
	{lemma: "bombardment", typ: Attack, flags: nounOnly},
	{lemma: "shelling", typ: Attack, flags: nounOnly},
	{lemma: "shell", typ: Attack, flags: verbOnly | weak},
	// battle
	{lemma: "battle", typ: Battle},
	{lemma: "clash", typ: Battle},
	{lemma: "fight", typ: Battle, flags: weak, irregular: "fought"},
	{lemma: "combat", typ: Battle, flags: nounOnly | weak},
	{lemma: "operation", typ: Battle, flags: nounOnly | weak},
	{lemma: "campaign", typ: Battle, flags: nounOnly | weak},
	{lemma: "drive back", typ: Battle, flags: verbOnly | particle, irregular: "drove,driven"},
	{lemma: "drive out", typ: Liberation, flags: verbOnly | particle, irregular: "drove,driven"},
	{lemma: "drive away", typ: Battle, flags: verbOnly | particle, irregular: "drove,driven"},
	{lemma: "push back", typ: Battle, flags: verbOnly | particle},
	{lemma: "push out", typ: Liberation, flags: verbOnly | particle},
	{lemma: "engage", typ: Battle, flags: verbOnly | weak},
	// siege
	{lemma: "siege", typ: Siege, flags: nounOnly},
	{lemma: "besiege", typ: Siege, flags: verbOnly},
	{lemma: "blockade", typ: Siege},
	{lemma: "encircle", typ: Siege, flags: verbOnly | weak},
	{lemma: "encirclement", typ: Siege, flags: nounOnly},
	// liberation
	{lemma: "liberate", typ: Liberation, flags: verbOnly},
	{lemma: "liberation", typ: Liberation, flags: nounOnly},
	{lemma: "retake", typ: Liberation, flags: verbOnly, irregular: "retook,retaken"},
	{lemma: "recapture", typ: Liberation},
	{lemma: "reclaim", typ: Liberation, flags: verbOnly | weak},
	{lemma: "free", typ: Liberation, flags: verbOnly | weak},
	{lemma: "release", typ: Liberation, flags: weak},
	{lemma: "recover", typ: Liberation, flags: verbOnly | weak},
	{lemma: "regain control", typ: Liberation, flags: verbOnly},
	{lemma: "expel", typ: Liberation, flags: verbOnly | weak | double},
	{lemma: "eject", typ: Liberation, flags: verbOnly | weak},
	{lemma: "oust", typ: Liberation, flags: verbOnly | weak},
	{lemma: "clear", typ: Liberation, flags: verbOnly | weak},
	// retreat
	{lemma: "retreat", typ: Retreat},
	{lemma: "withdraw", typ: Retreat, flags: verbOnly, irregular: "withdrew,withdrawn"},
	{lemma: "withdrawal", typ: Retreat, flags: nounOnly},
	{lemma: "pull out", typ: Retreat, flags: verbOnly},
	{lemma: "pull back", typ: Retreat, flags: verbOnly},
	{lemma: "fall back", typ: Retreat, flags: verbOnly, irregular: "fell,fallen"},
	// fall
	{lemma: "fall", typ: Fall, flags: weak, irregular: "fell,fallen"},
	{lemma: "fall to", typ: Fall, flags: verbOnly, irregular: "fell,fallen"},
	{lemma: "overrun", typ: Fall, flags: verbOnly, irregular: "overran,overrun"},
	{lemma: "lose control", typ: Fall, flags: verbOnly, irregular: "lost"},
	// capture
	{lemma: "capture", typ: Capture},
	{lemma: "seize", typ: Capture, flags: verbOnly},
	{lemma: "seizure", typ: Capture, flags: nounOnly},
	{lemma: "take control", typ: Capture, flags: verbOnly, irregular: "took,taken"},
	{lemma: "take over", typ: Capture, flags: verbOnly, irregular: "took,taken"},
	{lemma: "takeover", typ: Capture, flags: nounOnly},
	// defence
	{lemma: "defend", typ: Defence, flags: verbOnly},
	{lemma: "defence", typ: Defence, flags: nounOnly | weak},
	{lemma: "defense", typ: Defence, flags: nounOnly | weak},
	{lemma: "repel", typ: Defence, flags: verbOnly | double},
	{lemma: "repulse", typ: Defence, flags: verbOnly},
	{lemma: "hold off", typ: Defence, flags: verbOnly, irregular: "held"},
	{lemma: "fight off", typ: Defence, flags: verbOnly | weak, irregular: "fought"},
	{lemma: "resist", typ: Defence, flags: verbOnly | weak},
	// strikes
	{lemma: "airstrike", typ: Strike, flags: nounOnly},
	{lemma: "air strike", typ: Strike, flags: nounOnly},
	{lemma: "air-strike", typ: Strike, flags: nounOnly},
	{lemma: "drone strike", typ: Strike, flags: nounOnly},
	{lemma: "drone-strike", typ: Strike, flags: nounOnly},
	{lemma: "drone attack", typ: Strike, flags: nounOnly},
	{lemma: "missile strike", typ: Strike, flags: nounOnly},
	{lemma: "rocket attack", typ: Strike, flags: nounOnly},
	{lemma: "air raid", typ: Strike, flags: nounOnly},
	{lemma: "bombing", typ: Strike, flags: nounOnly | weak},
	{lemma: "strike", typ: Strike, flags: weak, irregular: "struck"},
	// killings
	{lemma: "kill", typ: Killing, flags: verbOnly},
	{lemma: "assassinate", typ: Killing, flags: verbOnly},
	{lemma: "assassination", typ: Killing, flags: nounOnly},
	{lemma: "martyr", typ: Killing, flags: verbOnly},
	{lemma: "martyrdom", typ: Killing, flags: nounOnly},
	{lemma: "murder", typ: Killing},
	{lemma: "execute", typ: Killing, flags: verbOnly | weak},
	{lemma: "execution", typ: Killing, flags: nounOnly | weak},
	{lemma: "behead", typ: Killing, flags: verbOnly},
	{lemma: "beheading", typ: Killing, flags: nounOnly},
	{lemma: "massacre", typ: Killing},
	{lemma: "slay", typ: Killing, flags: verbOnly, irregular: "slew,slain"},
	// statements, visits, meetings
	{lemma: "declare", typ: Statement, flags: verbOnly | needsAgent},
	{lemma: "declaration", typ: Statement, flags: nounOnly | needsAgent},
	{lemma: "announce", typ: Statement, flags: verbOnly | needsAgent},
	{lemma: "announcement", typ: Statement, flags: nounOnly | needsAgent},
	{lemma: "proclaim", typ: Statement, flags: verbOnly | needsAgent},
	{lemma: "statement", typ: Statement, flags: nounOnly | needsAgent},
	{lemma: "speech", typ: Statement, flags: nounOnly | needsAgent},
	{lemma: "press conference", typ: Statement, flags: nounOnly | needsAgent},
	{lemma: "visit", typ: Visit, flags: needsAgent},
	{lemma: "meet", typ: Meeting, flags: verbOnly | needsAgent | needsTarget, irregular: "met"},
	{lemma: "meeting", typ: Meeting, flags: nounOnly | needsAgent},
	{lemma: "summit", typ: Meeting, flags: nounOnly | needsAgent},
	{lemma: "talks", typ: Meeting, flags: nounOnly | needsAgent | weak},
}

// trigger is one inflected form of a lexicon entry, keyed by its first word.
type trigger struct {
	typ   string
	flags int
	form  form
	rest  []string // the following words, lower case
	lemma string
}

// triggers maps a lower-cased first word to the triggers it may start.
var triggers = buildTriggers()

func buildTriggers() map[string][]trigger {
	m := map[string][]trigger{}
	for _, e := range lexicon {
		words := strings.Fields(e.lemma)
		head, rest := words[0], words[1:]
		// the first form added for a word wins ("fall" is a noun first,
		// "overrun" a participle first)
		add := func(w string, f form) {
			for _, t := range m[w] {
				if t.typ == e.typ && equalWords(t.rest, rest) {
					return
				}
			}
			m[w] = append(m[w], trigger{typ: e.typ, flags: e.flags, form: f, rest: rest, lemma: e.lemma})
		}
		// multi-word nouns inflect their last word ("air strikes")
		if len(rest) > 0 && e.flags&nounOnly != 0 {
			last := rest[len(rest)-1]
			for _, pl := range []string{last, plural(last)} {
				r := append(append([]string{}, rest[:len(rest)-1]...), pl)
				tr := trigger{typ: e.typ, flags: e.flags, form: formNoun, rest: r, lemma: e.lemma}
				m[head] = append(m[head], tr)
			}
			continue
		}
		if e.flags&verbOnly == 0 {
			add(head, formNoun)
			if len(rest) == 0 {
				add(plural(head), formNoun)
			}
		}
		if e.flags&nounOnly == 0 {
			for _, inf := range inflect(head, e.flags&double != 0, e.irregular) {
				add(inf.word, inf.form)
			}
		}
	}
	return m
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

type inflection struct {
	word string
	form form
}

// inflect returns the forms of a regular English verb by the usual
// spelling rules (liberate → liberates, liberated, liberating; ambush →
// ambushes; repel → repelled when double is set; free → freed, freeing),
// plus the irregular past forms given.
func inflect(v string, double bool, irregular string) []inflection {
	if irregular != "" {
		// irregular verbs have no regular past ("fighted"); their past
		// forms come first so that "overrun" reads as a participle
		var out []inflection
		for _, p := range strings.Split(irregular, ",") {
			out = append(out, inflection{p, formPast})
		}
		ing := v + "ing"
		if strings.HasSuffix(v, "e") && !strings.HasSuffix(v, "ee") {
			ing = v[:len(v)-1] + "ing"
		}
		return append(out, inflection{v, formBase}, inflection{thirdPerson(v), form3sg}, inflection{ing, formIng})
	}
	out := []inflection{{v, formBase}, {thirdPerson(v), form3sg}}
	stem := v
	if double {
		stem = v + v[len(v)-1:]
	}
	switch {
	case strings.HasSuffix(v, "ee"):
		out = append(out, inflection{v + "d", formPast}, inflection{v + "ing", formIng})
	case strings.HasSuffix(v, "ie"):
		out = append(out, inflection{v + "d", formPast}, inflection{v[:len(v)-2] + "ying", formIng})
	case strings.HasSuffix(v, "e"):
		out = append(out, inflection{v + "d", formPast}, inflection{v[:len(v)-1] + "ing", formIng})
	case strings.HasSuffix(v, "y") && len(v) > 1 && !isVowel(v[len(v)-2]):
		out = append(out, inflection{v[:len(v)-1] + "ied", formPast}, inflection{v + "ing", formIng})
	default:
		out = append(out, inflection{stem + "ed", formPast}, inflection{stem + "ing", formIng})
	}
	return out
}

func thirdPerson(v string) string {
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "ch"), strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"):
		return v + "es"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !isVowel(v[len(v)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

func plural(n string) string { return thirdPerson(n) }

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
