package clean

import "testing"

func TestParseDateLine(t *testing.T) {
	cases := []struct {
		line     string
		dayFirst bool
		want     string
		author   string
	}{
		{"Jan 06 2021", false, "2021-01-06", ""},
		{"Published: March 3, 2019 10:30 AM EST", false, "2019-03-03", ""},
		{"Monday, 18 November 2019", false, "2019-11-18", ""},
		{"Updated 2019-11-18T10:00:00Z", false, "2019-11-18", ""},
		{"11/19/2019 by Lars Brandle", false, "2019-11-19", "Lars Brandle"},
		{"05/10/2018", true, "2018-10-05", ""},
		{"05/10/2018", false, "2018-05-10", ""},
		{"25/10/2018", false, "2018-10-25", ""},
		{"06.01.2021", false, "2021-01-06", ""},
		{"November 5th, 2014 | 14:05", false, "2014-11-05", ""},
		{"Posted on Sep. 9, 2015", false, "2015-09-09", ""},
		{"7 Visits", false, "", ""},
		{"March 2019", false, "", ""},
		{"Feb 30 2021", false, "", ""},
		{"On March 3, 2019 the army attacked", false, "", ""},
		{"2014", false, "", ""},
	}
	for _, c := range cases {
		got, ok := parseDateLine(c.line, c.dayFirst)
		if ok != (c.want != "") || got.Date != c.want || got.Author != c.author {
			t.Errorf("parseDateLine(%q) = %+v %v, want %q by %q", c.line, got, ok, c.want, c.author)
		}
	}
}

func TestMetaDate(t *testing.T) {
	for in, want := range map[string]string{
		"2014-10-27T08:15:00+03:00":     "2014-10-27",
		"2014-10-27":                    "2014-10-27",
		"Mon, 02 Jan 2006 15:04:05 MST": "2006-01-02",
		"2019/11/18 10:00":              "2019-11-18",
		"November 18, 2019":             "2019-11-18",
	} {
		if got, err := metaDate(in); err != nil || got != want {
			t.Errorf("metaDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := metaDate("yesterday"); err == nil {
		t.Errorf("metaDate accepted a word")
	}
}
