package timex

import (
	"fmt"
	"strconv"
	"time"
)

// Form says how a Meaning is turned into a value.
type Form uint8

const (
	// FormLiteral: the value is fixed by the words alone (P40D, PRESENT_REF, 2014-10-24, 199).
	FormLiteral Form = iota
	// FormCalendar: calendar fields, maybe without a year ("August", "Jan. 3",
	// "the third quarter"); the year comes from the anchor and the tense.
	FormCalendar
	// FormWeekday: a day of the week ("Monday", "last Friday").
	FormWeekday
	// FormOffset: a shift from the anchor ("last week", "40 days ago", "yesterday").
	FormOffset
	// FormRefOffset: a shift from the last date the text mentioned ("a year
	// earlier", "the year-ago quarter", "the following day"), falling back to
	// the anchor.
	FormRefOffset
	// FormLatest: the latest complete period of Unit before the anchor ("the
	// latest quarter"), or the last one the text mentioned ("the quarter").
	FormLatest
)

var formNames = []string{"literal", "calendar", "weekday", "offset", "ref_offset", "latest"}

// MarshalText writes the form's name.
func (f Form) MarshalText() ([]byte, error) {
	if int(f) < len(formNames) {
		return []byte(formNames[f]), nil
	}
	return nil, fmt.Errorf("timex form %d: %w", f, ErrBadMeaning)
}

// UnmarshalText reads a form's name.
func (f *Form) UnmarshalText(b []byte) error {
	for k, n := range formNames {
		if n == string(b) {
			*f = Form(k)
			return nil
		}
	}
	return fmt.Errorf("timex form %q: %w", b, ErrBadMeaning)
}

var unitNames = []string{"", "second", "minute", "hour", "day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century", "millennium"}

// MarshalText writes the unit's name.
func (u unit) MarshalText() ([]byte, error) {
	if int(u) < len(unitNames) {
		return []byte(unitNames[u]), nil
	}
	return nil, fmt.Errorf("timex unit %d: %w", u, ErrBadMeaning)
}

// UnmarshalText reads a unit's name.
func (u *unit) UnmarshalText(b []byte) error {
	for k, n := range unitNames {
		if n == string(b) {
			*u = unit(k)
			return nil
		}
	}
	return fmt.Errorf("timex unit %q: %w", b, ErrBadMeaning)
}

// Direction values for Meaning.Dir.
const (
	DirPast    = -1
	DirThis    = 0
	DirNext    = 1
	DirByTense = 2 // pick by the tense of the sentence
)

// Meaning is what an expression says, independent of any anchor date, so
// that it can be resolved again when the publication date becomes known.
type Meaning struct {
	Type  string `json:"type"`
	Form  Form   `json:"form"`
	Value string `json:"value,omitempty"` // FormLiteral

	// Calendar fields (0 = not said).
	Year    int    `json:"year,omitempty"`
	Month   int    `json:"month,omitempty"`
	Day     int    `json:"day,omitempty"`
	Quarter int    `json:"quarter,omitempty"`
	Half    int    `json:"half,omitempty"`
	Season  string `json:"season,omitempty"`
	Weekday int    `json:"weekday,omitempty"` // ISO, Monday=1
	Decade  int    `json:"decade,omitempty"`  // 199 for the 1990s
	// Gran is the granularity of the value to produce.
	Gran unit `json:"gran,omitempty"`

	// Relative fields.
	Unit   unit `json:"unit,omitempty"`
	Offset int  `json:"offset,omitempty"`
	Vague  bool `json:"vague,omitempty"` // "a few years ago": the offset is not a number
	Dir    int  `json:"dir,omitempty"`

	// RefAny lets a ref-relative meaning use any earlier mention, not only one
	// in the same or the previous sentence; KeepGran makes its fallback the
	// latest complete period of Gran before the anchor instead of the anchor
	// at the granularity of Unit.
	RefAny   bool `json:"ref_any,omitempty"`
	KeepGran bool `json:"keep_gran,omitempty"`

	Time string `json:"time,omitempty"` // "T17:00", "TMO", … appended to a day value
	Mod  string `json:"mod,omitempty"`  // TIMEX3 mod: START, END, MID, APPROX, MORE_THAN, …
}

// Anchor is the date relative expressions are resolved against, usually the
// publication date. The zero Anchor is unknown.
type Anchor struct {
	Date  time.Time
	Known bool
}

// UnknownAnchor leaves relative expressions unresolved.
var UnknownAnchor = Anchor{}

// AnchorOn returns a known anchor for a date.
func AnchorOn(t time.Time) Anchor {
	return Anchor{Date: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), Known: true}
}

// ParseAnchor reads YYYY-MM-DD (anything after the day, such as a time, is
// ignored) into a known anchor.
func ParseAnchor(s string) (Anchor, error) {
	if len(s) < 10 {
		return Anchor{}, fmt.Errorf("timex anchor %q: %w", s, ErrBadDate)
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return Anchor{}, fmt.Errorf("timex anchor %q: %w", s, ErrBadDate)
	}
	return AnchorOn(t), nil
}

// refState remembers the last dates a text mentioned, for expressions that
// refer back to them ("a year earlier", "the quarter").
type refState struct {
	day              time.Time
	hasDay           bool
	year, quarter    int // last quarter mentioned
	hasQuarter       bool
	quarterSent      int
	lastYear         int
	hasYear          bool
	month, monthYear int
	hasMonth         bool
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func ymd(t time.Time) string { return t.Format("2006-01-02") }

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func yearStr(y int) string {
	if y < 0 {
		return "XXXX"
	}
	s := strconv.Itoa(y)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

func isoWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return yearStr(y) + "-W" + pad2(w)
}

func quarterOf(m int) int { return (m-1)/3 + 1 }

func daysIn(y, m int) int { return date(y, m+1, 0).Day() }

// shift moves t by n units.
func shift(t time.Time, u unit, n int) time.Time {
	switch u {
	case uDay:
		return t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		return t.AddDate(0, 0, 7*n)
	case uMonth:
		// stay inside the target month
		y, m := t.Year(), int(t.Month())+n
		for m < 1 {
			m += 12
			y--
		}
		for m > 12 {
			m -= 12
			y++
		}
		d := t.Day()
		if dm := daysIn(y, m); d > dm {
			d = dm
		}
		return date(y, m, d)
	case uQuarter:
		return shift(t, uMonth, 3*n)
	case uHalf:
		return shift(t, uMonth, 6*n)
	case uSeason:
		return shift(t, uMonth, 3*n)
	case uYear:
		return shift(t, uMonth, 12*n)
	case uDecade:
		return shift(t, uMonth, 120*n)
	case uCentury:
		return shift(t, uMonth, 1200*n)
	case uHour, uMinute, uSecond:
		return t
	}
	return t
}

// seasonOf returns the meteorological season code of a month and the year it
// is counted in (December belongs to the next year's winter).
func seasonOf(t time.Time) (string, int) {
	m, y := int(t.Month()), t.Year()
	switch {
	case m >= 3 && m <= 5:
		return "SP", y
	case m >= 6 && m <= 8:
		return "SU", y
	case m >= 9 && m <= 11:
		return "FA", y
	case m == 12:
		return "WI", y + 1
	}
	return "WI", y
}

var seasonOrder = map[string]int{"WI": 0, "SP": 1, "SU": 2, "FA": 3}

// format writes the value of a date at a granularity.
func format(t time.Time, g unit) string {
	y, m := t.Year(), int(t.Month())
	switch g {
	case uYear:
		return yearStr(y)
	case uMonth:
		return yearStr(y) + "-" + pad2(m)
	case uQuarter:
		return yearStr(y) + "-Q" + strconv.Itoa(quarterOf(m))
	case uHalf:
		return yearStr(y) + "-H" + strconv.Itoa((m-1)/6+1)
	case uSeason:
		s, sy := seasonOf(t)
		return yearStr(sy) + "-" + s
	case uWeek:
		return isoWeek(t)
	case uWeekend:
		return isoWeek(t) + "-WE"
	case uDecade:
		return strconv.Itoa(y / 10)
	case uCentury:
		return strconv.Itoa(y / 100)
	}
	return ymd(t)
}

// resolve turns a meaning into a TIMEX3 value. tense is -1 past, 0 present,
// +1 future, 2 unknown. ref is updated with what the value mentions.
func (m Meaning) resolve(a Anchor, tense int, ref *refState, sent int) string {
	switch m.Form {
	case FormLiteral:
		return m.Value
	case FormCalendar:
		return m.resolveCalendar(a, tense, ref, sent)
	case FormWeekday:
		if m.Gran == uWeekend {
			if !a.Known {
				return "XXXX-WXX-WE"
			}
			return format(weekdayFrom(a.Date, 6, m.Dir, tense), uWeekend)
		}
		if !a.Known {
			return "XXXX-WXX-" + strconv.Itoa(m.Weekday) + m.Time
		}
		d := weekdayFrom(a.Date, m.Weekday, m.Dir, tense)
		ref.day, ref.hasDay = d, true
		return ymd(d) + m.Time
	case FormOffset:
		if !a.Known {
			return ""
		}
		return m.resolveOffset(a.Date, ref)
	case FormRefOffset:
		if m.Dir == dirSetYear { // "the 1988 quarter": the quarter in talk, in that year
			q := 0
			switch {
			case ref.hasQuarter:
				q = ref.quarter
			case a.Known:
				q = quarterOf(int(shift(date(a.Date.Year(), int(a.Date.Month()), 1), uQuarter, -1).Month()))
			default:
				return yearStr(m.Offset)
			}
			return yearStr(m.Offset) + "-Q" + strconv.Itoa(q)
		}
		base, ok := m.refBase(ref, sent)
		mm := m
		if !ok {
			if !a.Known {
				return ""
			}
			base = a.Date
			if m.KeepGran && m.Gran == uQuarter {
				base = shift(date(base.Year(), int(base.Month()), 1), uQuarter, -1)
			} else if m.Unit != uHour && m.Unit != uMinute && m.Unit != uSecond {
				mm.Gran = m.Unit
			}
		}
		return mm.resolveOffset(base, ref)
	case FormLatest:
		if m.Unit == uQuarter && ref.hasQuarter && m.Dir != DirPast {
			return yearStr(ref.year) + "-Q" + strconv.Itoa(ref.quarter)
		}
		if !a.Known {
			return ""
		}
		t := a.Date
		switch m.Unit {
		case uQuarter:
			t = shift(date(t.Year(), int(t.Month()), 1), uQuarter, -1)
			ref.year, ref.quarter, ref.hasQuarter, ref.quarterSent = t.Year(), quarterOf(int(t.Month())), true, sent
		case uYear:
			t = shift(t, uYear, -1)
		case uMonth:
			t = shift(t, uMonth, -1)
		}
		return format(t, m.Unit)
	}
	return ""
}

func (m Meaning) refBase(ref *refState, sent int) (time.Time, bool) {
	switch m.Gran {
	case uQuarter:
		if ref.hasQuarter && (sent-ref.quarterSent <= 4 || m.RefAny) {
			return date(ref.year, (ref.quarter-1)*3+1, 1), true
		}
		return time.Time{}, false
	case uYear:
		if ref.hasYear {
			return date(ref.lastYear, 7, 1), true
		}
	case uMonth:
		if ref.hasMonth {
			return date(ref.monthYear, ref.month, 1), true
		}
	case uDay, uWeek:
		if ref.hasDay {
			return ref.day, true
		}
	}
	return time.Time{}, false
}

func (m Meaning) resolveOffset(base time.Time, ref *refState) string {
	g := m.Gran
	if g == uNone {
		g = m.Unit
	}
	if m.Vague {
		switch g {
		case uYear:
			t := shift(base, uYear, -3)
			if m.Offset > 0 {
				t = shift(base, uYear, 3)
			}
			return strconv.Itoa(t.Year()/10) + "X"
		}
		if m.Offset > 0 {
			return "FUTURE_REF"
		}
		return "PAST_REF"
	}
	if m.Unit == uHour || m.Unit == uMinute || m.Unit == uSecond {
		return ymd(base)
	}
	// Shifted dates are not remembered as references: "a year earlier" said
	// twice must not walk back two years.
	t := shift(base, m.Unit, m.Offset)
	return format(t, g) + m.Time
}

// weekdayFrom finds the date of a weekday near t.
func weekdayFrom(t time.Time, wd, dir, tense int) time.Time {
	cur := int(t.Weekday())
	if cur == 0 {
		cur = 7
	}
	back := (cur - wd + 7) % 7 // days back to the latest such day (0 = today)
	fwd := (wd - cur + 7) % 7  // days ahead to the next such day
	switch dir {
	case DirPast: // "last Friday": strictly before
		if back == 0 {
			back = 7
		}
		return t.AddDate(0, 0, -back)
	case DirNext:
		if fwd == 0 {
			fwd = 7
		}
		return t.AddDate(0, 0, fwd)
	case DirThis: // inside the anchor's week
		return t.AddDate(0, 0, wd-cur)
	}
	if tense == 1 {
		return t.AddDate(0, 0, fwd)
	}
	return t.AddDate(0, 0, -back)
}

func (m Meaning) resolveCalendar(a Anchor, tense int, ref *refState, sent int) string {
	y := m.Year
	g := m.Gran
	if y == 0 {
		if !a.Known {
			return m.partialValue()
		}
		y = m.pickYear(a.Date, tense)
	}
	var v string
	switch g {
	case uYear:
		v = yearStr(y)
		ref.lastYear, ref.hasYear = y, true
	case uMonth:
		v = yearStr(y) + "-" + pad2(m.Month)
		ref.month, ref.monthYear, ref.hasMonth = m.Month, y, true
		ref.lastYear, ref.hasYear = y, true
	case uDay:
		if m.Day > daysIn(y, m.Month) {
			return ""
		}
		v = yearStr(y) + "-" + pad2(m.Month) + "-" + pad2(m.Day)
		ref.day, ref.hasDay = date(y, m.Month, m.Day), true
		ref.month, ref.monthYear, ref.hasMonth = m.Month, y, true
		ref.lastYear, ref.hasYear = y, true
	case uQuarter:
		v = yearStr(y) + "-Q" + strconv.Itoa(m.Quarter)
		ref.year, ref.quarter, ref.hasQuarter, ref.quarterSent = y, m.Quarter, true, sent
	case uHalf:
		v = yearStr(y) + "-H" + strconv.Itoa(m.Half)
	case uSeason:
		v = yearStr(y) + "-" + m.Season
	case uDecade:
		v = strconv.Itoa(m.Decade)
	case uCentury:
		v = strconv.Itoa(m.Decade)
	default:
		v = yearStr(y)
	}
	return v + m.Time
}

// partialValue is the value when the year cannot be known.
func (m Meaning) partialValue() string {
	switch m.Gran {
	case uMonth:
		return "XXXX-" + pad2(m.Month)
	case uDay:
		return "XXXX-" + pad2(m.Month) + "-" + pad2(m.Day) + m.Time
	case uQuarter:
		return "XXXX-Q" + strconv.Itoa(m.Quarter)
	case uHalf:
		return "XXXX-H" + strconv.Itoa(m.Half)
	case uSeason:
		return "XXXX-" + m.Season
	}
	return ""
}

// pickYear chooses the year of a yearless calendar expression. A date
// within about ten weeks of the anchor (a quarter or season next to the
// anchor's) is read as the nearest one whatever the tense, since news speaks
// of the days just past and just ahead in every tense; farther ones follow
// the tense (past: the latest not after the anchor, future: the next not
// before it) and, without a tense, the nearest.
func (m Meaning) pickYear(t time.Time, tense int) int {
	y := t.Year()
	dir := m.Dir
	switch {
	case dir == dirLastYear:
		return y - 1
	case dir == dirNextYear:
		return y + 1
	case dir >= dirYearRel-1 && dir <= dirYearRel+1:
		return y + dir - dirYearRel
	}
	// signed distance from the anchor to the expression in year cy, in days
	// (months and days) or periods (quarters, halves, seasons)
	var dist func(cy int) int
	near := 75
	switch m.Gran {
	case uMonth:
		dist = func(cy int) int { return int(date(cy, m.Month, 15).Sub(t).Hours() / 24) }
	case uDay:
		dist = func(cy int) int { return int(date(cy, m.Month, m.Day).Sub(t).Hours() / 24) }
	case uQuarter, uHalf:
		// fiscal periods are named within the year being reported on
		// a quarter not yet begun is last year's unless the tense says future
		// ("fourth-quarter results" in January)
		if m.Gran == uQuarter && m.Quarter > quarterOf(int(t.Month())) && (dir == DirPast || dir == DirByTense && tense != 1 && m.Quarter-quarterOf(int(t.Month())) >= 2) {
			return y - 1
		}
		return y
	case uSeason:
		s, sy := seasonOf(t)
		y = sy
		dist = func(cy int) int { return (cy*4 + seasonOrder[m.Season]) - (sy*4 + seasonOrder[s]) }
		near = 1
	default:
		return y
	}
	abs := func(n int) int {
		if n < 0 {
			return -n
		}
		return n
	}
	nearest := y
	for _, cy := range []int{y - 1, y + 1} {
		if abs(dist(cy)) < abs(dist(nearest)) {
			nearest = cy
		}
	}
	if dir == DirByTense {
		if abs(dist(nearest)) <= near {
			return nearest
		}
		switch tense {
		case 1:
			dir = DirNext
		case -1:
			dir = DirPast
		default:
			return nearest
		}
	}
	switch dir {
	case DirPast:
		for _, cy := range []int{y + 1, y, y - 1} {
			if dist(cy) <= 0 {
				return cy
			}
		}
	case DirNext:
		for _, cy := range []int{y - 1, y, y + 1} {
			if dist(cy) >= 0 {
				return cy
			}
		}
	}
	return y
}
