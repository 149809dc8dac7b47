package timex

import (
	"encoding/json"
	"testing"
)

// anchorOf parses a test anchor ("" = unknown).
func anchorOf(t *testing.T, s string) Anchor {
	t.Helper()
	if s == "" {
		return UnknownAnchor
	}
	a, err := ParseAnchor(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFind(t *testing.T) {
	cases := []struct {
		name, anchor, text, want, typ, value string
	}{
		// explicit dates
		{"month day", "2020-02-12", "Soleimani was killed in a January 3 drone strike.", "January 3", "DATE", "2020-01-03"},
		{"month day year", "2021-01-06", "Published Jan 06 2021 by the desk.", "Jan 06 2021", "DATE", "2021-01-06"},
		{"day month year", "2020-05-01", "It happened on 3 January 2020 near Baghdad.", "3 January 2020", "DATE", "2020-01-03"},
		{"iso", "2014-11-01", "The battle ended on 2014-10-24 at dawn.", "2014-10-24", "DATE", "2014-10-24"},
		{"us numeric", "2014-11-01", "Filed 10/24/2014 in court.", "10/24/2014", "DATE", "2014-10-24"},
		{"abbrev with comma", "1989-10-26", "The notes mature Sept. 30, 1994, the company said.", "Sept. 30, 1994", "DATE", "1994-09-30"},
		{"ordinal of month", "2015-02-01", "He left on the 3rd of January.", "the 3rd of January", "DATE", "2015-01-03"},
		{"weekday past", "2014-10-30", "Militants retreated on Monday, officials said.", "Monday", "DATE", "2014-10-27"},
		{"weekday future", "2014-10-30", "The council will meet on Monday.", "Monday", "DATE", "2014-11-03"},
		{"weekday same day", "1998-02-06", "Shares fell Friday in Tokyo.", "Friday", "DATE", "1998-02-06"},
		{"last weekday", "1989-10-30", "The bid was made last Friday.", "last Friday", "DATE", "1989-10-27"},
		{"weekday with date", "2021-01-10", "On Monday, Jan. 4, 2021, the court ruled.", "Monday, Jan. 4, 2021", "DATE", "2021-01-04"},
		// months and years
		{"in August past", "2014-11-02", "In Amirli in August the siege was broken.", "August", "DATE", "2014-08"},
		{"in August anchor early", "2015-02-10", "In August the siege was broken.", "August", "DATE", "2014-08"},
		{"month future tense", "1989-10-26", "The plant will open in June.", "June", "DATE", "1990-06"},
		{"month near ahead", "1989-10-26", "Holders of record Dec. 14 received the payout.", "Dec. 14", "DATE", "1989-12-14"},
		{"month year", "2020-02-12", "In January 2015, the head of Badr spoke.", "January 2015", "DATE", "2015-01"},
		{"year", "2020-02-12", "In 2014, when Daesh emerged in Iraq, he came.", "2014", "DATE", "2014"},
		{"fiscal year", "1989-11-02", "Profit in fiscal 1989 rose.", "fiscal 1989", "DATE", "1989"},
		{"last month", "2014-11-15", "Khamenei told al-Abadi last month that Iraq can win.", "last month", "DATE", "2014-10"},
		{"last year", "1998-03-03", "Sales fell last year.", "last year", "DATE", "1997"},
		{"next year", "1989-10-30", "Output will rise next year.", "next year", "DATE", "1990"},
		{"this year", "2014-05-05", "Elections this year are contested.", "this year", "DATE", "2014"},
		{"earlier this month", "1989-10-27", "The index fell earlier this month.", "earlier this month", "DATE", "1989-10"},
		{"month last year", "1998-02-19", "It started in January last year.", "January last year", "DATE", "1997-01"},
		{"may needs capital", "2014-05-05", "Prices may fall.", "", "", ""},
		// seasons
		{"this summer", "2014-11-02", "They defended Irbil this summer.", "this summer", "DATE", "2014-SU"},
		{"last fall", "1998-02-06", "The talks collapsed last fall.", "last fall", "DATE", "1997-FA"},
		{"summer year", "2021-01-06", "The hot breeze of summer 2006 witnessed a war.", "summer 2006", "DATE", "2006-SU"},
		{"fall of a city is no season", "2014-11-02", "After the fall of Mosul, ISIS moved south.", "", "", ""},
		// decades and centuries
		{"decade", "1998-02-19", "Prices peaked in the late 1970s.", "the late 1970s", "DATE", "197"},
		{"decade words", "2016-05-30", "He fought in the Iran-Iraq War in the Eighties.", "the Eighties", "DATE", "198"},
		{"apostrophe decade", "1989-10-26", "It was popular in the '80s.", "the '80s", "DATE", "198"},
		{"century", "1998-02-13", "The bridge dates from the 20th century.", "the 20th century", "DATE", "19"},
		// quarters
		{"quarter adjectival", "1989-10-26", "Third-quarter profit rose 11%.", "Third-quarter", "DATE", "1989-Q3"},
		{"quarter of year", "1989-10-26", "Sales in the third quarter of 1990 will grow.", "the third quarter of 1990", "DATE", "1990-Q3"},
		{"year ago quarter", "1989-10-26", "Third-quarter net rose from $85 million a year ago.", "a year ago", "DATE", "1988-Q3"},
		{"year earlier period", "1989-10-26", "In the third quarter, net fell from the year-earlier period.", "the year-earlier period", "DATE", "1988-Q3"},
		{"first half", "2014-08-01", "Revenue in the first half of 2014 doubled.", "the first half of 2014", "DATE", "2014-H1"},
		// durations
		{"days", "2020-02-12", "The siege lasted 40 days.", "40 days", "DURATION", "P40D"},
		{"more than days", "2021-01-06", "The city was under siege for more than 75 days.", "more than 75 days", "DURATION", "P75D"},
		{"word months", "2014-11-02", "Training took three months.", "three months", "DURATION", "P3M"},
		{"hours", "2014-11-15", "In less than 48 hours, the area was liberated.", "less than 48 hours", "DURATION", "PT48H"},
		{"adjectival", "2021-01-06", "The 33-day war ended.", "33-day", "DURATION", "P33D"},
		{"half", "2014-01-01", "It took two and a half years.", "two and a half years", "DURATION", "P2Y6M"},
		{"fraction", "1998-02-27", "The deal runs 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"},
		{"vague", "2014-01-01", "It took several years.", "several years", "DURATION", "PXY"},
		{"past n", "1989-10-27", "Prices rose over the past two months.", "the past two months", "DURATION", "P2M"},
		{"half hour", "2014-01-01", "Shelling lasted nearly half an hour.", "nearly half an hour", "DURATION", "PT30M"},
		{"decades", "1998-02-06", "It took two decades.", "two decades", "DURATION", "P20Y"},
		// relative references
		{"last week", "2014-10-30", "Militants retreated last week.", "last week", "DATE", "2014-W43"},
		{"three months ago", "2014-11-02", "He began planning three months ago.", "three months ago", "DATE", "2014-08"},
		{"days ago", "2020-02-12", "40 days ago, the US killed a man.", "40 days ago", "DATE", "2020-01-03"},
		{"weeks ago", "2014-11-15", "This was proven around 3 weeks ago.", "around 3 weeks ago", "DATE", "2014-W43"},
		{"yesterday", "1989-10-27", "The Dow fell yesterday.", "yesterday", "DATE", "1989-10-26"},
		{"today", "1998-01-20", "Talks resume today.", "today", "DATE", "1998-01-20"},
		{"tomorrow", "1998-03-03", "The vote is tomorrow.", "tomorrow", "DATE", "1998-03-04"},
		{"a year ago", "2016-06-01", "He was wounded a year ago.", "a year ago", "DATE", "2015"},
		{"more than a year ago", "2014-11-15", "It happened in Qusair, more than a year ago.", "more than a year ago", "DATE", "2013"},
		{"a few years ago", "1998-02-12", "A few years ago it was cheap.", "A few years ago", "DATE", "199X"},
		{"last weekend", "1990-08-13", "Troops arrived last weekend.", "last weekend", "DATE", "1990-W32-WE"},
		{"the weekend", "1990-08-13", "Troops arrived over the weekend.", "the weekend", "DATE", "1990-W32-WE"},
		{"the following day", "2014-11-15", "The city fell on Oct. 24, 2014, and was cleared the following day.", "the following day", "DATE", "2014-10-25"},
		{"end of year", "1989-10-30", "The merger closes by the end of the year.", "the end of the year", "DATE", "1989"},
		// sets
		{"every year", "2014-01-01", "The festival is held every year.", "every year", "SET", "P1Y"},
		{"weekly", "2014-01-01", "The council meets weekly.", "weekly", "SET", "XXXX-WXX"},
		{"each thursday", "1998-02-13", "It airs each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"},
		{"twice a week", "2014-01-01", "Patrols come twice a week.", "twice a week", "SET", "P1W"},
		// present, past and future references
		{"now", "1998-01-08", "Now the market has crashed.", "Now", "DATE", "PRESENT_REF"},
		{"recently", "2016-05-30", "Rouhani recently praised him.", "recently", "DATE", "PAST_REF"},
		{"the past", "1989-10-30", "In the past, rates were higher.", "the past", "DATE", "PAST_REF"},
		{"the future", "1998-02-13", "In the future, prices will fall.", "the future", "DATE", "FUTURE_REF"},
		{"currently", "1989-10-27", "The plant currently employs 300.", "currently", "DATE", "PRESENT_REF"},
		// times of day
		{"clock with date", "1989-10-30", "Bids are due at 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00"},
		{"this morning", "1989-10-26", "Trading halted this morning.", "this morning", "TIME", "1989-10-26TMO"},
		{"last night", "1998-01-20", "The fire broke out last night.", "last night", "TIME", "1998-01-19TNI"},
		{"weekday evening", "1998-02-13", "He spoke Thursday evening.", "Thursday evening", "TIME", "1998-02-12TEV"},
		{"noon", "2014-01-01", "The rally began at noon.", "noon", "TIME", "2014-01-01T12:00"},
		// unresolvable and unknown anchors
		{"event period", "2016-05-30", "attacks against American soldiers during the occupation of Iraq", "the occupation of Iraq", "DATE", ""},
		{"unknown anchor month", "", "In Amirli in August the siege was broken.", "August", "DATE", "XXXX-08"},
		{"unknown anchor weekday", "", "Militants retreated on Monday.", "Monday", "DATE", "XXXX-WXX-1"},
		{"unknown anchor relative", "", "Militants retreated last week.", "last week", "DATE", ""},
		{"unknown anchor explicit", "", "It happened on 3 January 2020.", "3 January 2020", "DATE", "2020-01-03"},
		{"unknown anchor duration", "", "It lasted 40 days.", "40 days", "DURATION", "P40D"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := FindExprs(c.text, anchorOf(t, c.anchor), DefaultOptions())
			if c.want == "" {
				for _, e := range got {
					t.Errorf("unexpected %q (%s %s)", e.Text, e.Type, e.Value)
				}
				return
			}
			for _, e := range got {
				if e.Text == c.want {
					if e.Type != c.typ || e.Value != c.value {
						t.Errorf("%q: got %s %q, want %s %q", e.Text, e.Type, e.Value, c.typ, c.value)
					}
					return
				}
			}
			var texts []string
			for _, e := range got {
				texts = append(texts, e.Text+"="+e.Value)
			}
			t.Errorf("%q not found; found %q", c.want, texts)
		})
	}
}

// TestAnchorVaries checks the same words against several anchors.
func TestAnchorVaries(t *testing.T) {
	cases := []struct {
		text, want string
		anchors    map[string]string // anchor → value
	}{
		{"Militants retreated last week.", "last week", map[string]string{
			"2014-10-30": "2014-W43", "2021-01-04": "2020-W53", "2016-06-01": "2016-W21"}},
		{"In August the siege was broken.", "August", map[string]string{
			"2014-11-02": "2014-08", "2015-02-10": "2014-08", "2014-08-20": "2014-08"}},
		{"The US killed him 40 days ago.", "40 days ago", map[string]string{
			"2020-02-12": "2020-01-03", "2016-03-01": "2016-01-21", "2021-01-01": "2020-11-22"}},
		{"That was three months ago.", "three months ago", map[string]string{
			"2014-11-02": "2014-08", "2015-01-31": "2014-10", "2016-05-30": "2016-02"}},
		{"It rained yesterday.", "yesterday", map[string]string{
			"2020-03-01": "2020-02-29", "2021-01-01": "2020-12-31"}},
		{"They came this summer.", "this summer", map[string]string{
			"2014-11-02": "2014-SU", "1998-03-22": "1998-SU"}},
		{"They signed last month.", "last month", map[string]string{
			"2014-11-15": "2014-10", "2015-01-10": "2014-12"}},
	}
	for _, c := range cases {
		for anchor, want := range c.anchors {
			got := FindExprs(c.text, anchorOf(t, anchor), DefaultOptions())
			found := false
			for _, e := range got {
				if e.Text == c.want {
					found = true
					if e.Value != want {
						t.Errorf("%q at %s: got %q, want %q", c.want, anchor, e.Value, want)
					}
				}
			}
			if !found {
				t.Errorf("%q at %s: not found", c.want, anchor)
			}
		}
	}
}

// TestResolveAgain re-resolves expressions found without an anchor.
func TestResolveAgain(t *testing.T) {
	text := "Militants retreated from Jurf al-Sakher last week, for the first time since August."
	exprs := FindExprs(text, UnknownAnchor, DefaultOptions())
	Resolve(exprs, anchorOf(t, "2014-10-30"))
	want := map[string]string{"last week": "2014-W43", "August": "2014-08"}
	for _, e := range exprs {
		if w, ok := want[e.Text]; ok && e.Value != w {
			t.Errorf("%q: got %q, want %q", e.Text, e.Value, w)
		}
		delete(want, e.Text)
	}
	if len(want) > 0 {
		t.Errorf("not found: %v", want)
	}
}

func TestValueRange(t *testing.T) {
	cases := []struct{ v, begin, until string }{
		{"2014", "2014-01-01", "2014-12-31"},
		{"2014-02", "2014-02-01", "2014-02-28"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2020-01-03", "2020-01-03", "2020-01-03"},
		{"2014-W43", "2014-10-20", "2014-10-26"},
		{"2020-W53", "2020-12-28", "2021-01-03"},
		{"1990-W32-WE", "1990-08-11", "1990-08-12"},
		{"2014-Q3", "2014-07-01", "2014-09-30"},
		{"2014-H2", "2014-07-01", "2014-12-31"},
		{"2014-SU", "2014-06-01", "2014-08-31"},
		{"2015-WI", "2014-12-01", "2015-02-28"},
		{"201", "2010-01-01", "2019-12-31"},
		{"19", "1900-01-01", "1999-12-31"},
		{"1989-11-09T17:00", "1989-11-09", "1989-11-09"},
	}
	for _, c := range cases {
		b, u, ok := ValueRange(c.v)
		if !ok || b != c.begin || u != c.until {
			t.Errorf("%s: got %s..%s %v, want %s..%s", c.v, b, u, ok, c.begin, c.until)
		}
	}
	for _, v := range []string{"", "PRESENT_REF", "P40D", "XXXX-08", "2014-13", "2014-02-30"} {
		if _, _, ok := ValueRange(v); ok {
			t.Errorf("%q: want no range", v)
		}
	}
}

// TestMeaningJSON round-trips meanings, so stored expressions can be resolved later.
func TestMeaningJSON(t *testing.T) {
	exprs := FindExprs("He began planning three months ago, in August, and left last week.", UnknownAnchor, DefaultOptions())
	b, err := json.Marshal(exprs)
	if err != nil {
		t.Fatal(err)
	}
	var back []Expr
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	Resolve(back, anchorOf(t, "2014-11-02"))
	got := map[string]string{}
	for _, e := range back {
		got[e.Text] = e.Value
	}
	want := map[string]string{"three months ago": "2014-08", "August": "2014-08", "last week": "2014-W43"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q: got %q, want %q (%s)", k, got[k], v, b)
		}
	}
	var f Form
	if err := f.UnmarshalText([]byte("nope")); err == nil {
		t.Error("bad form name accepted")
	}
}
