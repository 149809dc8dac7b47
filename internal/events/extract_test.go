package events

import (
	"fmt"
	"strings"
	"testing"
)

// want is one expected mention: type, place, time range (or value for
// open times) and, when given, one agent and one target.
type want struct {
	typ, place string
	time       string // "START..END", a value such as PAST_REF, or "" for unknown
	agent      string
	target     string
}

func (w want) String() string {
	return fmt.Sprintf("%s@%s[%s] agent=%q target=%q", w.typ, w.place, w.time, w.agent, w.target)
}

func timeOf(m Mention) string {
	switch {
	case m.Time.Start != "" && m.Time.End != "":
		return m.Time.Start + ".." + m.Time.End
	default:
		return m.Time.Value
	}
}

func matches(m Mention, w want) bool {
	if m.Type != w.typ || m.Place != w.place || timeOf(m) != w.time {
		return false
	}
	has := func(xs []string, x string) bool {
		if x == "" {
			return true
		}
		for _, y := range xs {
			if y == x {
				return true
			}
		}
		return false
	}
	return has(m.Agents, w.agent) && has(m.Targets, w.target)
}

func TestExtractByType(t *testing.T) {
	cases := []struct {
		name, text, published string
		want                  []want
	}{
		{"retreat from the town of",
			"Fighters of the [ORG Black Banner] retreated from the town of [PLACE Tel Rifaat] last week.", "2019-03-14",
			[]want{{typ: Retreat, place: "Tel Rifaat", time: "2019-03-04..2019-03-10", agent: "Black Banner"}}},
		{"liberation of",
			"The liberation of [PLACE Kobane] in January 2015 was celebrated across the region.", "2015-06-01",
			[]want{{typ: Liberation, place: "Kobane", time: "2015-01-01..2015-01-31"}}},
		{"retake object with adjectives",
			"The army launched operations to retake the strategic river port of [PLACE Baraawe] in 2014.", "2016-01-01",
			[]want{{typ: Liberation, place: "Baraawe", time: "2014-01-01..2014-12-31"}}},
		{"battle for",
			"The battle for [PLACE Marawi] began in May 2017 and lasted five months.", "2018-01-01",
			[]want{{typ: Battle, place: "Marawi", time: "2017-05-01..2017-05-31"}}},
		{"siege broken",
			"Government troops broke the siege of [PLACE Deir Hafer] on 12 March 2016.", "2016-04-01",
			[]want{{typ: SiegeBroken, place: "Deir Hafer", time: "2016-03-12..2016-03-12"}}},
		{"besiege",
			"[ORG Jaish al-Fath] fighters besieged [PLACE Foua] in March 2015.", "2015-08-01",
			[]want{{typ: Siege, place: "Foua", time: "2015-03-01..2015-03-31", agent: "Jaish al-Fath"}}},
		{"fall of",
			"After the fall of [PLACE Palmyra] in May 2015, the museum was looted.", "2015-09-01",
			[]want{{typ: Fall, place: "Palmyra", time: "2015-05-01..2015-05-31"}}},
		{"overran the northern city of",
			"[ORG Taliban] fighters overran the northern city of [PLACE Kunduz] in September 2015.", "2015-10-10",
			[]want{{typ: Fall, place: "Kunduz", time: "2015-09-01..2015-09-30", agent: "Taliban"}}},
		{"X fell to",
			"[PLACE Ramadi] fell to the militants in May 2015.", "2015-07-01",
			[]want{{typ: Fall, place: "Ramadi", time: "2015-05-01..2015-05-31"}}},
		{"defend the capital X",
			"Volunteers helped defend the capital [PLACE Kyiv] from the advancing columns in February 2022.", "2022-05-01",
			[]want{{typ: Defence, place: "Kyiv", time: "2022-02-01..2022-02-28"}}},
		{"killed in a drone strike",
			"Commander [PERSON Omar Khalid] was killed in a drone strike in [PLACE Kunar] on 7 August 2017.", "2017-09-01",
			[]want{{typ: Killing, place: "Kunar", time: "2017-08-07..2017-08-07", target: "Omar Khalid"}}},
		{"air strike on a weekday",
			"An air strike hit a market in [PLACE Saada] on Monday.", "2018-08-09",
			[]want{{typ: Strike, place: "Saada", time: "2018-08-06..2018-08-06"}}},
		{"assassination of",
			"The assassination of [PERSON Zoran Djindjic] in [PLACE Belgrade] in March 2003 shocked the country.", "2003-06-01",
			[]want{{typ: Killing, place: "Belgrade", time: "2003-03-01..2003-03-31", target: "Zoran Djindjic"}}},
		{"passive killing with agent",
			"[PERSON Ahmad Shah Massoud] was assassinated by [ORG Al-Qaeda] operatives in [PLACE Takhar] in September 2001.", "2001-12-01",
			[]want{{typ: Killing, place: "Takhar", time: "2001-09-01..2001-09-30", agent: "Al-Qaeda", target: "Ahmad Shah Massoud"}}},
		{"statement",
			"[PERSON Maria Lopez] announced a ceasefire on 3 May 2020.", "2020-05-10",
			[]want{{typ: Statement, place: "", time: "2020-05-03..2020-05-03", agent: "Maria Lopez"}}},
		{"visit",
			"[PERSON John Kerry] visited [PLACE Kabul] in April 2014.", "2014-05-01",
			[]want{{typ: Visit, place: "Kabul", time: "2014-04-01..2014-04-30", agent: "John Kerry"}}},
		{"meeting",
			"[PERSON Angela Merkel] met [PERSON Francois Hollande] in [PLACE Minsk] in February 2015.", "2015-03-01",
			[]want{{typ: Meeting, place: "Minsk", time: "2015-02-01..2015-02-28", agent: "Angela Merkel", target: "Francois Hollande"}}},
		{"under way: the publication month",
			"The battle for [PLACE Mariupol] is raging.", "2022-04-10",
			[]want{{typ: Battle, place: "Mariupol", time: "2022-04-01..2022-04-30"}}},
		{"past without a date: before publication",
			"Rebels recaptured [PLACE Idlib].", "2015-04-01",
			[]want{{typ: Liberation, place: "Idlib", time: "PAST_REF"}}},
		{"no publication date: unknown",
			"Rebels recaptured [PLACE Idlib].", "",
			[]want{{typ: Liberation, place: "Idlib", time: ""}}},
		{"the town: anaphora",
			"[PLACE Zabadani] is a mountain resort near the border. The town was besieged in July 2015.", "2016-01-01",
			[]want{{typ: Siege, place: "Zabadani", time: "2015-07-01..2015-07-31"}}},
		{"there: place and time from the sentence before",
			"Fierce fighting broke out in the region of [PLACE Ghouta] in February 2018. The battle that took place there lasted weeks.", "2018-06-01",
			[]want{{typ: Battle, place: "Ghouta", time: "2018-02-01..2018-02-28"}}},
		{"several places with their times",
			"In [PLACE Hama] in April and in [PLACE Homs] in June 2012, the rebels were driven back.", "2013-01-01",
			[]want{{typ: Battle, place: "Hama", time: "2012-04-01..2012-04-30"}, {typ: Battle, place: "Homs", time: "2012-06-01..2012-06-30"}}},
		{"a month in a narrative takes the narrative's year",
			"The siege of [PLACE Aleppo] began in July 2012. In December, the army retook the eastern districts of [PLACE Aleppo].", "2020-01-15",
			[]want{{typ: Siege, place: "Aleppo", time: "2012-07-01..2012-07-31"}, {typ: Liberation, place: "Aleppo", time: "2012-12-01..2012-12-31"}}},
		{"from .. to",
			"[PLACE Kobane] was under siege from September 2014 to January 2015.", "2015-06-01",
			[]want{{typ: Siege, place: "Kobane", time: "2014-09-01..2015-01-31"}}},
		{"the siege: a definite report keeps its place",
			"Militias besieged [PLACE Madaya] in July 2015. Residents starved for months. The siege ended in April 2017.", "2017-06-01",
			[]want{{typ: Siege, place: "Madaya", time: "2015-07-01..2015-07-31"}, {typ: SiegeBroken, place: "Madaya", time: "2017-04-01..2017-04-30"}}},
		{"an aim is a battle, not a liberation",
			"Troops are fighting to retake [PLACE Sirte].", "2016-06-15",
			[]want{{typ: Battle, place: "Sirte", time: "2016-06-01..2016-06-30"}}},
		{"a country as the actor is not the place",
			"The [PLACE United States] killed the commander.", "2020-01-10",
			nil},
		{"against X is the enemy, not the place",
			"He fought against [PLACE Iraq] during the war in the 1980s.", "2016-01-01",
			nil},
		{"negated",
			"The army did not retake [PLACE Mosul] in 2015.", "2016-01-01",
			nil},
		{"modal: no date",
			"Officials said the army will retake [PLACE Raqqa] soon.", "2017-01-01",
			[]want{{typ: Battle, place: "Raqqa", time: ""}}},
		{"modifier nouns are not events",
			"The defence minister of [PLACE Chad] spoke to attack helicopter crews in [PLACE Abeche].", "2019-01-01",
			nil},
		{"weak triggers need their own place",
			"The operation was a success. Fighting continued in [PLACE Iraq].", "2019-01-01",
			nil},
		{"plans are not events",
			"Police foiled an assassination plot against [PERSON Joe Bloggs] in [PLACE Leeds].", "2019-01-01",
			nil},
		{"prevented from",
			"The militants were cut off from falling back into [PLACE Hawija].", "2017-10-01",
			nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := marked(t, "d1", c.text, c.published)
			ms := ExtractMentions(in, DefaultOptions())
			checkSpans(t, in, ms)
			var got []string
			for _, m := range ms {
				got = append(got, want{m.Type, m.Place, timeOf(m), strings.Join(m.Agents, "|"), strings.Join(m.Targets, "|")}.String())
			}
			for _, w := range c.want {
				found := false
				for _, m := range ms {
					if matches(m, w) {
						found = true
					}
				}
				if !found {
					t.Errorf("missing %v\n got %v", w, got)
				}
			}
			if c.want == nil {
				// nothing that Merge would keep: no placed or victim-bearing report
				for _, m := range ms {
					if m.Place != "" || len(m.Targets) > 0 && m.Type == Killing {
						t.Errorf("unexpected %s", got)
					}
				}
			}
		})
	}
}

func TestExtractEmptyAndConcurrent(t *testing.T) {
	if got := Extract(Input{}); len(got) != 0 {
		t.Fatalf("empty input: %v", got)
	}
	in := marked(t, "d", "[ORG Taliban] fighters overran the northern city of [PLACE Kunduz] in September 2015.", "2015-10-10")
	want := Extract(in)
	done := make(chan []string, 8)
	for range 8 {
		go func() {
			var out []string
			for _, m := range Extract(in) {
				out = append(out, m.Type+"@"+m.Place+"@"+m.Time.Value)
			}
			done <- out
		}()
	}
	for range 8 {
		got := <-done
		if len(got) != len(want) {
			t.Fatalf("concurrent run gave %v", got)
		}
	}
}

func TestInflections(t *testing.T) {
	cases := []struct {
		word, typ string
		f         form
	}{
		{"liberated", Liberation, formPast},
		{"liberating", Liberation, formIng},
		{"liberates", Liberation, form3sg},
		{"retook", Liberation, formPast},
		{"retaken", Liberation, formPast},
		{"fought", Battle, formPast},
		{"overran", Fall, formPast},
		{"repelled", Defence, formPast},
		{"repelling", Defence, formIng},
		{"freed", Liberation, formPast},
		{"freeing", Liberation, formIng},
		{"ambushes", Attack, formNoun},
		{"sieges", Siege, formNoun},
		{"besieged", Siege, formPast},
		{"assassinations", Killing, formNoun},
		{"martyred", Killing, formPast},
		{"withdrew", Retreat, formPast},
		{"slain", Killing, formPast},
	}
	for _, c := range cases {
		ok := false
		for _, tr := range triggers[c.word] {
			if tr.typ == c.typ && tr.form == c.f && len(tr.rest) == 0 {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s: want %s form %d, have %+v", c.word, c.typ, c.f, triggers[c.word])
		}
	}
	for _, w := range []string{"fighted", "retaked", "overrunned", "liberateing"} {
		if len(triggers[w]) > 0 {
			t.Errorf("%s should not be a form", w)
		}
	}
}
