package timex

import (
	"strconv"
	"strings"
)

// relUnits are the units "last/this/next" combine with.
var relUnits = map[string]unit{
	"week": uWeek, "month": uMonth, "year": uYear, "weekend": uWeekend, "decade": uDecade,
	"century": uCentury, "quarter": uQuarter, "day": uDay,
}

func offsetMeaning(u unit, n int) Meaning {
	return Meaning{Type: "DATE", Form: FormOffset, Unit: u, Offset: n, Gran: u}
}

// relative reads expressions that shift from the anchor or from the last
// date mentioned: today, yesterday, last week, this month, three months ago,
// 40 days ago, a year earlier, the previous day, earlier this year.
func (p *parser) relative(i int) (Meaning, int, bool) {
	w := p.w(i)
	switch w {
	case "today":
		if p.w(i+1) == "'s" && genericAfterDay[p.w(i+2)] {
			return Meaning{}, i, false // "today's world"
		}
		if p.inTitle(i) {
			return Meaning{}, i, false // "VOA Today", "USA Today"
		}
		m := offsetMeaning(uDay, 0)
		return p.withPartOfDay(m, i+1)
	case "tonight":
		m := offsetMeaning(uDay, 0)
		m.Type, m.Time = "TIME", "TNI"
		return m, i + 1, true
	case "yesterday":
		return p.withPartOfDay(offsetMeaning(uDay, -1), i+1)
	case "tomorrow":
		if p.w(i+1) == "'s" && genericAfterDay[p.w(i+2)] {
			return Meaning{}, i, false // "tomorrow's leaders"
		}
		return p.withPartOfDay(offsetMeaning(uDay, 1), i+1)
	case "year":
		if p.hyphenAt(i+1) && (p.w(i+2) == "earlier" || p.w(i+2) == "ago") {
			return Meaning{Type: "DATE", Form: FormRefOffset, Unit: uYear, Offset: -1, Gran: uQuarter, RefAny: true}, i + 3, true
		}
		// year-end, year end, year's end
		k := i + 1
		if p.hyphenAt(k) && p.w(k+1) == "end" { // "year-end": the last day of this year
			return Meaning{Type: "DATE", Form: FormCalendar, Month: 12, Day: 31, Gran: uDay, Dir: DirThis}, k + 2, true
		}
		if p.w(k) == "'s" {
			k++
		}
		if p.w(k) == "end" {
			m := offsetMeaning(uYear, 0)
			m.Mod = "END"
			return m, k + 1, true
		}
	case "overnight":
		return Meaning{}, i, false
	}
	if w == "the" && p.w(i+1) == "weekend" {
		m := Meaning{Type: "DATE", Form: FormWeekday, Weekday: 6, Dir: DirByTense, Gran: uWeekend}
		return m, i + 2, true
	}
	// the end of the year / month / week
	for _, pm := range pointMods[:9] {
		if p.wordsAt(i, pm.words) && p.w(i+len(pm.words)) == "the" {
			if u, ok := relUnits[p.w(i+len(pm.words)+1)]; ok && (u == uYear || u == uMonth || u == uWeek || u == uQuarter) {
				m := offsetMeaning(u, 0)
				m.Mod = pm.mod
				return m, i + len(pm.words) + 2, true
			}
		}
	}
	if w == "the" && p.w(i+1) == "full" && p.w(i+2) == "year" {
		return offsetMeaning(uYear, 0), i + 3, true
	}
	if w == "the" && p.w(i+1) == "day" {
		switch {
		case p.w(i+2) == "before" && p.w(i+3) == "yesterday":
			return offsetMeaning(uDay, -2), i + 4, true
		case p.w(i+2) == "after" && p.w(i+3) == "tomorrow":
			return offsetMeaning(uDay, 2), i + 4, true
		}
	}
	// this morning, yesterday afternoon handled by withPartOfDay; "last night"
	if (w == "last" || w == "this") && partOfDay[p.w(i+1)] != "" && !strings.HasSuffix(p.w(i+1), "s") {
		m := offsetMeaning(uDay, 0)
		if w == "last" {
			if p.w(i+1) != "night" && p.w(i+1) != "evening" {
				return Meaning{}, i, false
			}
			m.Offset = -1
		}
		m.Type, m.Time = "TIME", "T"+partOfDay[p.w(i+1)]
		return m, i + 2, true
	}
	// earlier/later this week|month|year, early this month
	if (w == "earlier" || w == "later" || w == "early" || w == "late") && (p.w(i+1) == "this" || p.w(i+1) == "last" || p.w(i+1) == "next") {
		if u, ok := relUnits[p.w(i+2)]; ok && u != uDay {
			m := offsetMeaning(u, map[string]int{"this": 0, "last": -1, "next": 1}[p.w(i+1)])
			if w == "earlier" || w == "early" {
				m.Mod = "START"
			} else {
				m.Mod = "END"
			}
			return m, i + 3, true
		}
	}
	if (w == "earlier" || w == "later") && p.w(i+1) == "in" && p.w(i+2) == "the" {
		if u, ok := relUnits[p.w(i+3)]; ok && (u == uYear || u == uMonth || u == uWeek) {
			m := offsetMeaning(u, 0)
			m.Mod = map[string]string{"earlier": "START", "later": "END"}[w]
			return m, i + 4, true
		}
	}
	// last / this / next / past / coming / current + unit
	k := i
	the := false
	if w == "the" {
		the = true
		k++
	}
	switch p.w(k) {
	case "last", "past", "previous", "this", "next", "coming", "current", "following", "same", "that":
		if p.toks[k].capitalised() && !p.toks[k].sentStart && k+1 < p.n && p.toks[k+1].capitalised() {
			break // a title: ABC's "This Week"
		}
		rel := p.w(k)
		uk := k + 1
		if p.w(uk) == "fiscal" || p.w(uk) == "calendar" {
			uk++
		}
		u, ok := relUnits[p.w(uk)]
		if !ok {
			break
		}
		e := uk + 1
		if the && (rel == "this" || rel == "that") {
			break
		}
		if u == uDay && !(rel == "previous" || rel == "following" || rel == "next" || rel == "same") {
			break
		}
		if !the && (rel == "previous" || rel == "following" || rel == "same") {
			break
		}
		if rel == "that" {
			if u == uDay || u == uYear || u == uMonth || u == uWeek {
				m := Meaning{Type: "DATE", Form: FormRefOffset, Unit: u, Offset: 0, Gran: u, RefAny: true}
				return m, e, true
			}
			break
		}
		n := 0
		switch rel {
		case "last", "past", "previous":
			n = -1
		case "next", "coming", "following":
			n = 1
		}
		if rel == "current" && u == uDay {
			break
		}
		if the && rel == "next" && u == uDay || rel == "following" || rel == "previous" || rel == "same" {
			m := Meaning{Type: "DATE", Form: FormRefOffset, Unit: u, Offset: n, Gran: u, RefAny: true}
			return m, e, true
		}
		if the && rel == "next" {
			break // "the next year" is usually a duration
		}
		m := offsetMeaning(u, n)
		// "last weekend": the weekend before the anchor's week
		return m, e, true
	}
	// N units ago / earlier / later / from now
	if c, e, ok := p.countAt(i); ok {
		u, _, e2, ok := p.unitAt(e)
		if !ok || u == uWeekend {
			return Meaning{}, i, false
		}
		approx := false
		if p.w(e2) == "or" && p.w(e2+1) == "so" {
			approx = true
			e2 += 2
		}
		n := int(c.n)
		if c.n != float64(n) && !c.vague {
			return Meaning{}, i, false
		}
		dir := p.w(e2)
		switch dir {
		case "ago", "earlier", "before", "later", "after", "hence", "back":
		case "from":
			if p.w(e2+1) != "now" && p.w(e2+1) != "today" {
				return Meaning{}, i, false
			}
		default:
			return Meaning{}, i, false
		}
		if (dir == "before" || dir == "after") && !(p.w(e2+1) == "" || p.toks[e2+1].kind == tokPunct) {
			return Meaning{}, i, false // "two days before the vote" is an anchored duration
		}
		end := e2 + 1
		if dir == "from" {
			end = e2 + 2
		}
		sign := -1
		if dir == "later" || dir == "after" || dir == "hence" || dir == "from" {
			sign = 1
		}
		if c.vague && (p.w(i) != "a" || u != uYear) {
			v := "PAST_REF"
			if sign > 0 {
				v = "FUTURE_REF"
			}
			return Meaning{Type: "DATE", Form: FormLiteral, Value: v}, end, true
		}
		m := Meaning{Type: "DATE", Form: FormOffset, Unit: u, Offset: sign * n, Gran: u, Vague: c.vague}
		if u == uHour || u == uMinute || u == uSecond {
			m.Type = "TIME"
			m.Gran = uDay
		}
		if dir == "earlier" || dir == "later" || dir == "before" || dir == "after" {
			m.Form = FormRefOffset
		}
		if u == uYear && n == 1 && !c.vague && sign < 0 {
			// "a year ago" next to a quarter means that quarter a year before
			m.Form, m.Gran = FormRefOffset, uQuarter
		}
		if approx || c.mod != "" {
			m.Mod = "APPROX"
		}
		return m, end, true
	}
	// bare plural: "years ago", "months ago"
	if u, ok := unitWords[w]; ok && isPluralUnit(w) && u >= uDay && (p.w(i+1) == "ago" || p.w(i+1) == "earlier") {
		return Meaning{Type: "DATE", Form: FormLiteral, Value: "PAST_REF"}, i + 2, true
	}
	return Meaning{}, i, false
}

// genericAfterDay are nouns that make "today's"/"tomorrow's" mean "of our time".
var genericAfterDay = map[string]bool{"world": true, "society": true, "leaders": true, "generation": true,
	"youth": true, "children": true, "economy": true, "standards": true, "technology": true, "market": false}

// withPartOfDay extends today/yesterday/tomorrow with "morning", "at noon", "at 3 p.m.".
func (p *parser) withPartOfDay(m Meaning, e int) (Meaning, int, bool) {
	if pod, ok := partOfDay[p.w(e)]; ok && !strings.HasSuffix(p.w(e), "s") {
		m.Type, m.Time = "TIME", "T"+pod
		return m, e + 1, true
	}
	k := e
	if p.w(k) == "at" {
		k++
	}
	if t, e2, ok := p.clockTime(k); ok {
		m.Type, m.Time = "TIME", t
		return m, e2, true
	}
	return m, e, true
}

// reference reads PRESENT_REF, PAST_REF and FUTURE_REF words: now,
// currently, recently, the past, the future, soon.
func (p *parser) reference(i int) (Meaning, int, bool) {
	lit := func(v string, j int) (Meaning, int, bool) {
		return Meaning{Type: "DATE", Form: FormLiteral, Value: v}, j, true
	}
	w := p.w(i)
	switch w {
	case "now":
		if p.w(i+1) == "that" || p.w(i+1) == "," && p.toks[i].sentStart {
			// "now that …" is a conjunction; sentence-initial "Now," a discourse marker
			if p.w(i+1) == "that" {
				return Meaning{}, i, false
			}
		}
		return lit("PRESENT_REF", i+1)
	case "right":
		if p.w(i+1) == "now" {
			return lit("PRESENT_REF", i+2)
		}
	case "currently", "nowadays", "presently":
		return lit("PRESENT_REF", i+1)
	case "current":
		// only a time when it qualifies a period or stands for "present"
		switch p.w(i + 1) {
		case "account", "events", "affairs", "flow", "members", "member", "form", "version", "law", "laws", "situation", "crisis", "conflict":
			return Meaning{}, i, false
		}
		return lit("PRESENT_REF", i+1)
	case "these":
		if p.w(i+1) == "days" {
			return lit("PRESENT_REF", i+2)
		}
	case "recently", "lately":
		return lit("PAST_REF", i+1)
	case "recent":
		if u, ok := unitWords[p.w(i+1)]; ok && isPluralUnit(p.w(i+1)) {
			switch u {
			case uYear, uDay, uDecade:
				return lit("PAST_REF", i+2)
			case uMonth, uWeek, uQuarter, uHour:
				return Meaning{Type: "DURATION", Form: FormLiteral, Value: durationValue(0, u, true, "")}, i + 2, true
			}
		}
		return lit("PAST_REF", i+1)
	case "soon":
		if p.w(i-1) == "as" || p.w(i+1) == "after" || p.w(i+1) == "before" {
			return Meaning{}, i, false // "as soon as", "soon after": conjunctions
		}
		return lit("FUTURE_REF", i+1)
	case "future":
		if u, ok := unitWords[p.w(i+1)]; ok && isPluralUnit(p.w(i+1)) && u >= uDay {
			return lit("FUTURE_REF", i+2)
		}
	case "coming":
		if u, ok := unitWords[p.w(i+1)]; ok && isPluralUnit(p.w(i+1)) {
			if u == uQuarter || u == uYear || u == uDecade {
				return lit("FUTURE_REF", i+2)
			}
			return Meaning{Type: "DURATION", Form: FormLiteral, Value: durationValue(0, u, true, "")}, i + 2, true
		}
	case "the":
		switch p.w(i + 1) {
		case "past":
			if _, ok := unitWords[p.w(i+2)]; ok {
				return Meaning{}, i, false
			}
			if _, _, ok := p.countAt(i + 2); ok && p.toks[i+2].kind != tokPunct {
				if _, ok := unitWords[p.w(i+3)]; ok {
					return Meaning{}, i, false
				}
			}
			return lit("PAST_REF", i+2)
		case "future":
			return lit("FUTURE_REF", i+2)
		case "near", "distant":
			if p.w(i+2) == "future" {
				return lit("FUTURE_REF", i+3)
			}
			if p.w(i+1) == "near" && p.w(i+2) == "term" {
				return lit("FUTURE_REF", i+3)
			}
		case "short", "long":
			if p.w(i+2) == "term" && p.w(i-1) == "in" {
				return lit("FUTURE_REF", i+3)
			}
		case "present":
			if p.w(i-1) == "at" || p.w(i-1) == "until" {
				return lit("PRESENT_REF", i+2)
			}
		case "moment":
			if p.w(i-1) == "at" {
				return lit("PRESENT_REF", i+2)
			}
		case "weeks", "months", "days", "years":
			if p.w(i+2) == "ahead" {
				u := unitWords[p.w(i+1)]
				return Meaning{Type: "DURATION", Form: FormLiteral, Value: durationValue(0, u, true, "")}, i + 3, true
			}
		}
	}
	return Meaning{}, i, false
}

// duration reads lengths of time: 40 days, three months, 48 hours, a year,
// two-year, 8-month-old, the past two months, the next few days, half an
// hour, a year and a half, several years.
func (p *parser) duration(i int) (Meaning, int, bool) {
	k := i
	framed := false // "the past/next/first … N units"
	switch p.w(k) {
	case "the":
		k++
		switch p.w(k) {
		case "past", "last", "next", "first", "final", "coming", "previous", "following", "latest", "ensuing", "remaining", "initial", "early":
			k++
			framed = true
		}
		if p.w(k) == "few" || p.w(k) == "several" {
			if u, plural, e, ok := p.unitAt(k + 1); ok && plural {
				return Meaning{Type: "DURATION", Form: FormLiteral, Value: durationValue(0, u, true, "")}, e, true
			}
		}
		if framed {
			// "the first hours"
			if u, plural, e, ok := p.unitAt(k); ok && plural && (p.w(k-1) == "first" || p.w(k-1) == "early" || p.w(k-1) == "initial") {
				return Meaning{Type: "DURATION", Form: FormLiteral, Value: durationValue(0, u, true, "")}, e, true
			}
		}
	case "past", "next", "coming": // "last" and "first" need "the": "could last two years"
		k++
		framed = true
	}
	c, e, ok := p.countAt(k)
	if !ok {
		return Meaning{}, i, false
	}
	if k > i && !framed && c.article {
		return Meaning{}, i, false
	}
	if p.w(k) == "some" && !framed {
		return Meaning{}, i, false // "some days" is rarely a duration; "some 40 days" is handled by the mod
	}
	// "two to three weeks", "two or three days"
	if (p.w(e) == "to" || p.w(e) == "or" || p.w(e) == "-") && !c.vague {
		if c2, e2, ok := p.countAt(e + 1); ok && !c2.article && !c2.vague {
			if _, _, _, ok := p.unitAt(e2); ok {
				e = e2
			}
		}
	}
	switch p.w(e) { // "20 more years", "an additional year"
	case "more", "additional", "extra", "further", "full", "straight", "consecutive", "long":
		if _, _, _, ok := p.unitAt(e + 1); ok {
			e++
		}
	}
	hyphen := false
	if p.hyphenAt(e) {
		if k > i && !framed {
			return Meaning{}, i, false // "the 33-day war": the article is not part of it
		}
		hyphen = true
		e++
	}
	uw := p.w(e)
	if uw == "trading" || uw == "business" || uw == "working" {
		uw = p.w(e + 1)
	}
	u, plural, e2, ok := p.unitAt(e)
	if !ok {
		return Meaning{}, i, false
	}
	if u == uWeekend {
		return Meaning{}, i, false
	}
	if p.hyphenAt(e2) && (p.w(e2+1) == "earlier" || p.w(e2+1) == "ago" || p.w(e2+1) == "end") {
		return Meaning{}, i, false // "a year-earlier quarter"
	}
	switch {
	case p.w(e2) == "old" && !hyphen:
		return Meaning{}, i, false // an age: "52 years old"
	case u == uQuarter && p.w(e2) == "of":
		return Meaning{}, i, false // a fraction: "three-quarters of"
	case u == uSecond && c.article && p.toks[e2-1].low == "second" && e2 < p.n && p.toks[e2].kind == tokWord:
		return Meaning{}, i, false // "a second group"
	}
	if c.article && plural {
		return Meaning{}, i, false
	}
	if c.vague && !plural && !hyphen {
		return Meaning{}, i, false
	}
	n := c.n
	// "a year and a half", "an hour and a half"
	if p.w(e2) == "and" && p.w(e2+1) == "a" && p.w(e2+2) == "half" {
		n += 0.5
		e2 += 3
	}
	// "a half hour"
	m := Meaning{Type: "DURATION", Form: FormLiteral, Value: durationValue(n, u, c.vague, uw)}
	if c.mod != "" {
		m.Mod = c.mod
	}
	end := e2
	if hyphen || p.hyphenAt(e2) {
		// adjectival: "two-year", "8-month-old", "a 10-year"
		if p.hyphenAt(end) && p.w(end+1) == "old" {
			end += 2
		} else if p.hyphenAt(end) && p.w(end+1) == "long" {
			end += 2
		}
	}
	// "ago" belongs to the relative rule
	switch p.w(end) {
	case "ago", "earlier", "later", "hence":
		if !framed {
			return Meaning{}, i, false
		}
	}
	// "a year" after money or a count is a rate: "$5 a year"
	if c.article && (p.w(i-1) == "times" || p.w(i-1) == "once" || p.w(i-1) == "twice" || p.isNum(i-1) || p.w(i-1) == "%" || p.w(i-1) == "percent" || p.w(i-1) == "million" || p.w(i-1) == "billion") {
		m.Type = "SET"
		m.Value = durationValue(1, u, false, uw)
		return m, end, true
	}
	// "the past year" reads as the calendar year before (TimeBank practice)
	if framed && c.article {
		return Meaning{}, i, false
	}
	return m, end, true
}

// set reads recurrences: every year, each month, every other week, weekly,
// daily, twice a week, on Mondays, Tuesday nights.
func (p *parser) set(i int) (Meaning, int, bool) {
	w := p.w(i)
	lit := func(v string, j int) (Meaning, int, bool) {
		return Meaning{Type: "SET", Form: FormLiteral, Value: v}, j, true
	}
	switch w {
	case "daily", "nightly", "weekly", "monthly", "yearly":
		if i+1 < p.n && p.toks[i+1].kind == tokWord && !adverbFollowers[p.w(i+1)] {
			return Meaning{}, i, false // adjective: "daily flights", "weekly magazine"
		}
	}
	switch w {
	case "daily", "nightly":
		if p.w(i+1) == "mail" || p.w(i+1) == "telegraph" || p.w(i+1) == "beast" || p.w(i+1) == "star" || p.w(i+1) == "news" || p.toks[i].capitalised() && !p.toks[i].sentStart {
			return Meaning{}, i, false
		}
		if w == "nightly" {
			return lit("XXXX-XX-XXTNI", i+1)
		}
		return lit("XXXX-XX-XX", i+1)
	case "weekly", "biweekly":
		if p.toks[i].capitalised() && !p.toks[i].sentStart {
			return Meaning{}, i, false
		}
		if w == "biweekly" {
			return lit("P2W", i+1)
		}
		return lit("XXXX-WXX", i+1)
	case "monthly":
		return lit("XXXX-XX", i+1)
	case "yearly", "annually", "annual":
		if w == "annual" {
			return Meaning{}, i, false
		}
		return lit("XXXX", i+1)
	case "hourly":
		return lit("PT1H", i+1)
	case "once", "twice":
		if (p.w(i+1) == "a" || p.w(i+1) == "per" || p.w(i+1) == "every" || p.w(i+1) == "each") && unitWords[p.w(i+2)] != uNone {
			u := unitWords[p.w(i+2)]
			return lit(durationValue(1, u, false, p.w(i+2)), i+3)
		}
		return Meaning{}, i, false
	case "every", "each", "per":
		k := i + 1
		n := 1.0
		if p.w(k) == "other" {
			n = 2
			k++
		}
		if wd, ok := weekdayWords[p.w(k)]; ok {
			m := Meaning{Type: "SET", Form: FormLiteral, Value: "XXXX-WXX-" + strconv.Itoa(wd)}
			e := k + 1
			if pod, ok := partOfDay[p.w(e)]; ok {
				m.Value += "T" + pod
				e++
			}
			return m, e, true
		}
		if mo, ok := monthWords[p.w(k)]; ok && p.toks[k].capitalised() {
			return lit("XXXX-"+pad2(mo), k+1)
		}
		if s, ok := seasonWords[p.w(k)]; ok {
			return lit("XXXX-"+s, k+1)
		}
		if pod, ok := partOfDay[p.w(k)]; ok {
			return lit("XXXX-XX-XXT"+pod, k+1)
		}
		if c, e, ok := p.countAt(k); ok && !c.article && !c.vague && w != "each" {
			if u, _, e2, ok := p.unitAt(e); ok {
				return lit(durationValue(c.n*n, u, false, p.w(e)), e2)
			}
		}
		if u, plural, e, ok := p.unitAt(k); ok && !plural {
			return lit(durationValue(n, u, false, p.w(k)), e)
		}
	}
	// "Mondays", "on Tuesdays", "Tuesday nights"
	if wd, ok := weekdayWords[w]; ok && p.toks[i].capitalised() {
		if strings.HasSuffix(w, "days") {
			return lit("XXXX-WXX-"+strconv.Itoa(wd), i+1)
		}
		if pod, ok := partOfDay[p.w(i+1)]; ok && strings.HasSuffix(p.w(i+1), "s") {
			return lit("XXXX-WXX-"+strconv.Itoa(wd)+"T"+pod, i+2)
		}
	}
	return Meaning{}, i, false
}

// adverbFollowers may follow a frequency adverb ("meets weekly and ...").
var adverbFollowers = map[string]bool{"and": true, "or": true, "but": true, "for": true, "in": true, "on": true,
	"at": true, "to": true, "since": true, "until": true, "by": true, "from": true, "with": true, "as": true,
	"basis": false, "during": true, "throughout": true, "if": true, "when": true, "while": true}

// clockTime reads a time of day and returns its TIMEX3 suffix ("T17:00").
func (p *parser) clockTime(i int) (string, int, bool) {
	if i >= p.n {
		return "", i, false
	}
	w := p.w(i)
	switch w {
	case "noon", "midday":
		return "T12:00", i + 1, true
	case "midnight":
		return "T24:00", i + 1, true
	}
	if !p.isNum(i) {
		return "", i, false
	}
	s := w
	suffix := ""
	if strings.HasSuffix(s, "am") || strings.HasSuffix(s, "pm") {
		suffix = s[len(s)-2:]
		s = s[:len(s)-2]
	}
	h, mi := -1, 0
	if c := strings.IndexByte(s, ':'); c > 0 {
		hh, err1 := strconv.Atoi(s[:c])
		mm, err2 := strconv.Atoi(s[c+1:])
		if err1 != nil || err2 != nil || len(s[c+1:]) != 2 || hh > 24 || mm > 59 {
			return "", i, false
		}
		h, mi = hh, mm
	} else {
		hh, err := strconv.Atoi(s)
		if err != nil || hh > 12 || hh < 1 || len(s) > 2 {
			return "", i, false
		}
		h = hh
	}
	e := i + 1
	if suffix == "" {
		switch p.w(e) {
		case "a.m.", "am", "a.m":
			suffix = "am"
			e++
		case "p.m.", "pm", "p.m":
			suffix = "pm"
			e++
		case "o'clock":
			e++
			suffix = "oc"
		}
	}
	if suffix == "" && !strings.Contains(s, ":") {
		return "", i, false
	}
	if suffix == "" && p.w(i-1) != "at" && p.w(i-1) != "by" && p.w(i-1) != "until" && p.w(i-1) != "from" {
		return "", i, false // 5:30 without am/pm needs "at"
	}
	switch suffix {
	case "pm":
		if h < 12 {
			h += 12
		}
	case "am":
		if h == 12 {
			h = 0
		}
	}
	// time zone
	switch p.w(e) {
	case "est", "edt", "gmt", "utc", "pst", "pdt", "cst", "cdt", "mst", "mdt", "bst", "cet":
		e++
	}
	if p.w(e) == "local" && p.w(e+1) == "time" {
		e += 2
	}
	return "T" + pad2(h) + ":" + pad2(mi), e, true
}

// clock reads a time of day, optionally with its day: "5 p.m.", "noon
// Saturday", "5 p.m. EST Nov. 9", "3 p.m. on Friday", "midnight Friday".
func (p *parser) clock(i int) (Meaning, int, bool) {
	t, e, ok := p.clockTime(i)
	if !ok {
		// "mid-afternoon yesterday"
		return Meaning{}, i, false
	}
	k := e
	if p.w(k) == "," || p.w(k) == "on" {
		k++
	}
	var best match
	best.j = k
	if m, j, ok := p.weekday(k); ok && m.Time == "" {
		longest(&best, k, j, m, true)
	}
	if m, j, ok := p.calendarDate(k); ok && m.Gran == uDay {
		longest(&best, k, j, m, true)
	}
	switch p.w(k) {
	case "today", "yesterday", "tomorrow":
		n := map[string]int{"today": 0, "yesterday": -1, "tomorrow": 1}[p.w(k)]
		longest(&best, k, k+1, offsetMeaning(uDay, n), true)
	}
	if best.j > k {
		m := best.m
		m.Type, m.Time = "TIME", t
		return m, best.j, true
	}
	m := offsetMeaning(uDay, 0)
	m.Type, m.Time = "TIME", t
	return m, e, true
}

// inTitle reports a capitalised word inside a run of capitalised words that
// is not at the start of a sentence: part of a name or title.
func (p *parser) inTitle(i int) bool {
	t := p.toks[i]
	if !t.capitalised() || t.sentStart || i == 0 {
		return false
	}
	prev := p.toks[i-1]
	return prev.kind == tokWord && prev.capitalised() && !prev.sentStart
}
