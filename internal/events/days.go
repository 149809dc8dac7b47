package events

import (
	"strings"
	"time"

	"github.com/parallaxhq/parallax/internal/timex"
)

// Days are counted from 1970-01-01; open ends of a range are these bounds.
const (
	minDay = -1 << 30
	maxDay = 1 << 30
)

// parseDay reads YYYY-MM-DD into a day number.
func parseDay(s string) (int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := atoiN(s[0:4])
	m, ok2 := atoiN(s[5:7])
	dd, ok3 := atoiN(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || dd < 1 || dd > 31 {
		return 0, false
	}
	return int(time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC).Unix() / 86400), true
}

func formatDay(n int) string {
	return time.Unix(int64(n)*86400, 0).UTC().Format("2006-01-02")
}

func atoiN(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// valueRange is timex.ValueRange as day numbers.
func valueRange(v string) (int, int, bool) {
	b, e, ok := timex.ValueRange(v)
	if !ok {
		return 0, 0, false
	}
	bd, ok1 := parseDay(b)
	ed, ok2 := parseDay(e)
	return bd, ed, ok1 && ok2 && ed >= bd
}

// coarseValue returns the most precise TIMEX3 value (day, month or year)
// that covers the days [b, e], or an ISO 8601 interval when none does
// within a year.
func coarseValue(b, e int) string {
	bs, es := formatDay(b), formatDay(e)
	switch {
	case bs == es:
		return bs
	case bs[:7] == es[:7] && bs[8:] == "01" && monthEnd(es):
		return bs[:7]
	case bs[:4] == es[:4] && bs[5:] == "01-01" && es[5:] == "12-31":
		return bs[:4]
	}
	return bs + "/" + es
}

func monthEnd(day string) bool {
	n, ok := parseDay(day)
	if !ok {
		return false
	}
	return formatDay(n + 1)[8:] == "01"
}

// monthOrSeason reports whether a temporal expression names a month or a
// season, which is what a narrative's running year applies to.
func monthOrSeason(low string) bool {
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return r == ' ' || r == '.' || r == ',' || r == '-' }) {
		if monthWords[w] {
			return true
		}
	}
	return false
}

var monthWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true,
}

// deicticWords tie an expression to the publication date, not to the
// narrative ("this summer", "last August").
var deicticWords = []string{"this", "last", "next", "past", "coming", "previous", "ago", "current"}

// explicitYear returns the four-digit year written in a text, if any.
func explicitYear(s string) (int, bool) {
	for i := 0; i+4 <= len(s); i++ {
		if (i == 0 || s[i-1] < '0' || s[i-1] > '9') && (i+4 == len(s) || s[i+4] < '0' || s[i+4] > '9') {
			if y, ok := atoiN(s[i : i+4]); ok && y >= 1000 && y <= 2999 {
				return y, true
			}
		}
	}
	return 0, false
}

// fixNarrativeYears gives a month or season named without a year ("in
// November", "from June to ... August 2014") the year the narrative is in:
// the nearest explicit year of its sentence, else the last one of the two
// sentences before it in the same paragraph. The tagger resolves such
// expressions against the publication date, which is right for news of
// the day and wrong for a retrospective ("In August 2014 ... In November
// they liberated Baiji", published 2021). Only years before the tagger's
// choice are applied: a narrative looks back.
func (d *document) fixNarrativeYears() {
	lastYear := func(k int) (int, bool) {
		best, bestD := 0, -1
		s := d.times[k].sent
		for j := max(0, k-20); j < len(d.times) && j <= k+10; j++ {
			t := &d.times[j]
			if j == k || t.sent > s || t.sent < s-2 || d.para[t.sent] != d.para[s] {
				continue
			}
			y, ok := explicitYear(t.Text)
			if !ok {
				continue
			}
			dist := 0
			switch {
			case t.sent == s && j > k:
				dist = 10 * (j - k)
			case t.sent == s:
				dist = 10 * (k - j)
			default:
				dist = 1000*(s-t.sent) - j // the latest of an earlier sentence
			}
			if bestD < 0 || dist < bestD {
				best, bestD = y, dist
			}
		}
		return best, bestD >= 0
	}
	for k := range d.times {
		t := &d.times[k]
		if _, ok := explicitYear(t.Text); ok || len(t.Value) < 7 || t.Value[4] != '-' {
			continue
		}
		low := strings.ToLower(t.Text)
		if !monthOrSeason(low) {
			continue
		}
		deictic := false
		for _, w := range deicticWords {
			if strings.Contains(" "+low+" ", " "+w+" ") {
				deictic = true
			}
		}
		if deictic {
			continue
		}
		y, ok := lastYear(k)
		if !ok {
			continue
		}
		cur, known := atoiN(t.Value[:4])
		if known && y >= cur {
			continue
		}
		v := padYear(y) + t.Value[4:]
		b, e, ok := timex.ValueRange(v)
		if !ok {
			continue
		}
		t.Value, t.Begin, t.Until = v, b, e
	}
}

func padYear(y int) string {
	s := "000" + itoa(y)
	return s[len(s)-4:]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
