package timex

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

func TestInferPublished(t *testing.T) {
	cases := []struct {
		name, text       string
		ok               bool
		earliest, latest string
		published        string // "" = anywhere in range
	}{
		{"last week tied to a battle",
			"Militants retreated from Jurf al-Sakher last week after a fierce battle.", true, "2014-10-27", "2014-11-02", ""},
		{"weeks ago, approximate",
			"The battle of Jaref al-Sakher was won around 3 weeks ago.", true, "2014-11-07", "2014-11-23", "2014-11-15"},
		{"day count since a killing",
			"Iranians mark the 40th day since the US assassinated Qassem Soleimani.", true, "2020-02-11", "2020-02-13", "2020-02-12"},
		{"days ago with a killing",
			"Ten days ago a US drone strike killed Qasem Soleimani in Baghdad.", true, "2020-01-12", "2020-01-14", "2020-01-13"},
		{"last month tied to a fall",
			"Mosul fell to ISIS last month, and the army is regrouping.", true, "2014-07-01", "2014-07-31", ""},
		{"ongoing battle leans to its start",
			"ISIS fighters are digging in as the battle for Fallujah heats up. Ramadi was liberated by special forces.", true, "2016-05-22", "2016-07-01", "2016-05-29"},
		{"ambiguous place without other evidence says nothing",
			"The battle for Fallujah heats up.", false, "", "", ""},
		{"no evidence",
			"The minister spoke about the economy last week.", false, "", "", ""},
		{"only lower bounds",
			"In 2014 the group seized Mosul. The fall of Mosul shocked the world.", false, "", "", ""},
		{"plans date the plan, not the event",
			"The commander began planning the Jurf al-Sakher operation three months ago, before the battle.", false, "", "", ""},
		{"anniversary",
			"Crowds gathered on Sunday to mark the first anniversary of the assassination of Qasem Soleimani.", true, "2020-12-27", "2021-01-10", "2021-01-03"},
		{"months since",
			"It has been three months since the fall of Mosul, and the army is still regrouping.", true, "2014-08-25", "2014-09-20", ""},
		{"relative tied to an explicit date",
			"Last week, on Oct. 24, 2014, militias retook a town south of Baghdad.", true, "2014-10-27", "2014-11-02", ""},
		{"date line",
			"Qasem Soleimani; A hero in the shadow\n\nJan 06 2021\n7 Visits\n\nThe fight went on.", true, "2021-01-06", "2021-01-06", "2021-01-06"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inf, ok := PublicationDate(c.text, DefaultInferOptions())
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, c.ok, inf)
			}
			if !ok {
				return
			}
			if inf.Earliest != c.earliest || inf.Latest != c.latest {
				t.Errorf("range %s..%s, want %s..%s; note: %s", inf.Earliest, inf.Latest, c.earliest, c.latest, inf.Note)
			}
			if c.published != "" && inf.Published != c.published {
				t.Errorf("published %s, want %s", inf.Published, c.published)
			}
			if inf.Published < inf.Earliest || inf.Published > inf.Latest {
				t.Errorf("published %s outside %s..%s", inf.Published, inf.Earliest, inf.Latest)
			}
			if inf.Note == "" || len(inf.Evidence) == 0 {
				t.Errorf("no note or evidence")
			}
			for _, ev := range inf.Evidence {
				if ev.Start < 0 || ev.End > len(c.text) || ev.Start >= ev.End {
					t.Errorf("bad evidence span %d..%d", ev.Start, ev.End)
				}
			}
			wantBasis := model.BasisInferred
			if strings.Contains(c.name, "date line") {
				wantBasis = model.BasisText
			}
			if inf.Basis != wantBasis {
				t.Errorf("basis %q, want %q", inf.Basis, wantBasis)
			}
		})
	}
}

func TestInferCustomEvents(t *testing.T) {
	evs, err := ParseEvents("harbour-fire\t2010-03-05\t2010-03-06\t\t-\tHarbour fire\tthe harbour fire\n")
	if err != nil {
		t.Fatal(err)
	}
	opts := DefaultInferOptions()
	opts.Events = evs
	inf, ok := InferPublished("Residents still remember the harbour fire two weeks ago.", nil, opts)
	if !ok || inf.Earliest != "2010-03-16" || inf.Latest != "2010-03-23" {
		t.Fatalf("got %v %+v", ok, inf)
	}
}

func TestDateLine(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"under the title", "Title of the piece\n\nJan 06 2021\n7 Visits\n", "2021-01-06"},
		{"published prefix", "Headline\nPublished: March 3, 2015 10:42 GMT\nBody text.", "2015-03-03"},
		{"iso", "Headline\n2014-10-24\nBody", "2014-10-24"},
		{"weekday", "Headline\nMonday, 12 January 2015 | 14:05\nBody", "2015-01-12"},
		{"date inside a sentence is no date line", "Headline\nThe city fell on Jan 06 2021 after a long siege.\n", ""},
		{"no year", "Headline\nJan 06\nBody", ""},
		{"too deep", strings.Repeat("line of text here\n", 12) + "Jan 06 2021\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, s, e, ok := DateLine(c.text)
			if c.want == "" {
				if ok {
					t.Errorf("got %s, want none", d)
				}
				return
			}
			if !ok || d != c.want {
				t.Fatalf("got %q %v, want %q", d, ok, c.want)
			}
			if s < 0 || e > len(c.text) || s >= e {
				t.Errorf("bad span %d..%d", s, e)
			}
		})
	}
}

func TestEventsData(t *testing.T) {
	evs := Events()
	if len(evs) < 100 {
		t.Errorf("%d events, want at least 100", len(evs))
	}
	ids := map[string]bool{}
	for _, e := range evs {
		if ids[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		ids[e.ID] = true
		if e.Begin.Year() < 2000 || e.End.Year() > 2025 || e.End.Before(e.Begin) {
			t.Errorf("%s: dates %s..%s", e.ID, ymd(e.Begin), ymd(e.End))
		}
		if e.Wikidata != "" && (e.Wikidata[0] != 'Q' || strings.Trim(e.Wikidata[1:], "0123456789") != "") {
			t.Errorf("%s: bad wikidata id %q", e.ID, e.Wikidata)
		}
		for _, a := range e.Aliases {
			if len(skeletonWords(a)) == 0 {
				t.Errorf("%s: alias %q has no letters to match", e.ID, a)
			}
		}
	}
	for _, bad := range []string{"x\t2014-01-01\n", "x\t2014-02-01\t2014-01-01\t\t-\tX\ta\n", "x\t2014-01-01\t2014-01-01\t\tnope\tX\ta\n"} {
		if _, err := ParseEvents(bad); err == nil {
			t.Errorf("ParseEvents(%q): want error", bad)
		}
	}
}

func TestSkeleton(t *testing.T) {
	same := [][]string{
		{"Soleimani", "Suleimani", "Sulaimani"},
		{"Jurf al-Sakhar", "Jurf al-Sakher", "Jaref al-Sakher"},
		{"Amirli", "Amerli", "Amrili"},
		{"Fallujah", "Falluja", "Falljuah"},
		{"Qusair", "Qusayr"},
	}
	for _, group := range same {
		k := strings.Join(skeletonWords(group[0]), "")
		for _, w := range group[1:] {
			if got := strings.Join(skeletonWords(w), ""); got != k {
				t.Errorf("%s → %s, %s → %s", group[0], k, w, got)
			}
		}
	}
}
