package timex

// eventNouns are nouns that name a period through an event.
var eventNouns = map[string]bool{
	"occupation": true, "war": true, "invasion": true, "siege": true, "revolution": true, "uprising": true,
	"ceasefire": true, "truce": true, "election": true, "elections": true, "campaign": true, "offensive": true,
	"battle": true, "crisis": true, "conflict": true, "insurgency": true, "surge": true, "withdrawal": true,
	"regime": true, "era": true, "reign": true, "presidency": true, "administration": true, "attack": true,
	"attacks": true, "fall": true, "liberation": true, "collapse": true, "assassination": true, "killing": true,
	"coup": true, "intifada": true, "pandemic": true, "lockdown": true, "referendum": true, "summit": true,
	"talks": true, "negotiations": true, "operation": true, "strike": true, "bombing": true, "massacre": true,
}

// eventPeriod reads "during the occupation", "since the fall of Mosul",
// "after the invasion": a time given only through an event. It keeps the
// preposition out of the span and never invents a value.
func (p *parser) eventPeriod(i int) (match, bool) {
	switch p.w(i) {
	case "during", "since", "throughout":
	default:
		return match{}, false
	}
	k := i + 1
	if p.w(k) != "the" {
		return match{}, false
	}
	k++
	// up to two modifiers: "the US occupation", "the Iran-Iraq war"
	for n := 0; n < 4 && k < p.n; n++ {
		if eventNouns[p.w(k)] {
			e := k + 1
			// "of Iraq", "of Mosul"
			if p.w(e) == "of" && e+1 < p.n && p.toks[e+1].kind == tokWord && p.toks[e+1].capitalised() {
				e += 2
				for e < p.n && p.toks[e].kind == tokWord && p.toks[e].capitalised() {
					e++
				}
			}
			return match{i: i + 1, j: e, m: Meaning{Type: "DATE", Form: FormLiteral}}, true
		}
		if p.toks[k].kind == tokPunct && !p.toks[k].isDash() {
			break
		}
		k++
	}
	return match{}, false
}
