package clean

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// A stated date is read by hand here rather than with a date-parsing library:
// a date line must be a date and nothing else (plus "Published", a weekday,
// a time, a byline), which general parsers that find a date anywhere in a
// string cannot tell us, and the one that trafilatura brings costs a quarter
// of a second and 78 MB at program start.

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var weekdayNames = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true, "wed": true, "wednesday": true,
	"thu": true, "thur": true, "thurs": true, "thursday": true, "fri": true, "friday": true, "sat": true,
	"saturday": true, "sun": true, "sunday": true,
}

// datePrefixWords may open a date line.
var datePrefixWords = map[string]bool{
	"published": true, "posted": true, "updated": true, "last": true, "modified": true, "date": true,
	"on": true, "created": true, "first": true, "at": true, "dated": true,
}

var zoneNames = map[string]bool{
	"gmt": true, "utc": true, "est": true, "edt": true, "cst": true, "cdt": true, "mst": true, "mdt": true,
	"pst": true, "pdt": true, "bst": true, "cet": true, "cest": true, "eet": true, "eest": true, "ist": true,
	"irst": true, "msk": true, "ast": true, "aest": true, "jst": true, "z": true, "et": true, "pt": true,
}

// dateLine is what parseDateLine read from a line that states a date.
type dateLine struct {
	Date   string // YYYY-MM-DD
	Author string // from a trailing "by NAME", if any
}

// parseDateLine reports whether s is a date line: a calendar date with day,
// month and year, optionally with a lead word ("Published"), a weekday, a
// time and zone, and a trailing byline, and nothing else. Numeric dates are
// read month first (US style) unless dayFirst or the numbers rule it out.
func parseDateLine(s string, dayFirst bool) (dateLine, bool) {
	if len(s) > 120 {
		return dateLine{}, false
	}
	toks := dateTokens(s)
	var y, d int
	var m time.Month
	var author []string
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		lt := strings.ToLower(strings.TrimSuffix(t, "."))
		switch {
		case lt == "by" && y > 0 && i+1 < len(toks):
			author = toks[i+1:]
			i = len(toks)
		case datePrefixWords[lt] || weekdayNames[lt] || zoneNames[lt] || lt == "-" || lt == "–" || lt == "—" || lt == "/" || lt == "|" || lt == "of":
		case isClock(lt):
		case lt == "am" || lt == "pm" || lt == "a.m" || lt == "p.m":
		case monthNames[lt] != 0 && m == 0:
			m = monthNames[lt]
		case isOrdinalDay(lt) && d == 0:
			d, _ = strconv.Atoi(strings.TrimRight(lt, "stndrh"))
		case isYear(lt) && y == 0:
			y, _ = strconv.Atoi(lt)
		case y == 0 && m == 0 && d == 0:
			yy, mm, dd, ok := numericDate(lt, dayFirst)
			if !ok {
				return dateLine{}, false
			}
			y, m, d = yy, mm, dd
		default:
			return dateLine{}, false
		}
	}
	if y == 0 || m == 0 || d == 0 {
		return dateLine{}, false
	}
	if len(author) > 6 {
		return dateLine{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return dateLine{}, false
	}
	return dateLine{Date: t.Format("2006-01-02"), Author: strings.Join(author, " ")}, true
}

func dateTokens(s string) []string {
	s = strings.Map(func(r rune) rune {
		if r == ',' || r == '|' || r == '·' || r == '•' || r == '(' || r == ')' {
			return ' '
		}
		return r
	}, s)
	var out []string
	for _, f := range strings.Fields(s) {
		// "Published:" and "on:" lose their colon; clocks keep theirs.
		if strings.HasSuffix(f, ":") {
			f = strings.TrimSuffix(f, ":")
		}
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

func isClock(s string) bool {
	s = strings.TrimSuffix(strings.TrimSuffix(s, "am"), "pm")
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if len(p) == 0 || len(p) > 2 || !allDigits(p) {
			return false
		}
	}
	return true
}

func isOrdinalDay(s string) bool {
	n := strings.TrimRightFunc(s, unicode.IsLetter)
	if n == "" || len(n) > 2 || !allDigits(n) {
		return false
	}
	if suf := s[len(n):]; suf != "" && suf != "st" && suf != "nd" && suf != "rd" && suf != "th" {
		return false
	}
	v, _ := strconv.Atoi(n)
	return v >= 1 && v <= 31
}

func isYear(s string) bool {
	if len(s) != 4 || !allDigits(s) {
		return false
	}
	v, _ := strconv.Atoi(s)
	return v >= 1900 && v <= 2100
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// numericDate reads 2021-01-06, 2021/01/06, 2021-01-06T10:00:00Z, 01/06/2021,
// 06.01.2021 and 06-01-2021.
func numericDate(s string, dayFirst bool) (int, time.Month, int, bool) {
	if i := strings.IndexByte(s, 't'); i == 10 {
		s = s[:10]
	}
	var sep byte
	for _, c := range []byte{'-', '/', '.'} {
		if strings.Count(s, string(c)) == 2 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return 0, 0, 0, false
	}
	p := strings.Split(s, string(sep))
	for _, x := range p {
		if !allDigits(x) {
			return 0, 0, 0, false
		}
	}
	a, _ := strconv.Atoi(p[0])
	b, _ := strconv.Atoi(p[1])
	c, _ := strconv.Atoi(p[2])
	switch {
	case len(p[0]) == 4:
		return a, time.Month(b), c, validYMD(a, b, c)
	case len(p[2]) == 4:
		day, mon := b, a
		if sep == '.' || dayFirst || a > 12 {
			day, mon = a, b
		}
		if mon > 12 && day <= 12 {
			day, mon = mon, day
		}
		return c, time.Month(mon), day, validYMD(c, mon, day)
	}
	return 0, 0, 0, false
}

func validYMD(y, m, d int) bool {
	return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// metaDate reads a date stated in page metadata (ISO 8601 or RFC 1123 forms
// and the common "January 6, 2021") and returns YYYY-MM-DD.
func metaDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02", time.RFC1123, time.RFC1123Z, "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	if len(s) >= 10 {
		if y, m, d, ok := numericDate(s[:10], false); ok && (s[4] == '-' || s[4] == '/') {
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), nil
		}
	}
	if dl, ok := parseDateLine(s, false); ok {
		return dl.Date, nil
	}
	return "", fmt.Errorf("unrecognised date %q", s)
}
