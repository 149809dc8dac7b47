package timex

import (
	"math"
	"strconv"
	"strings"
)

// parser walks the token list; every rule is a method that reads from a token
// index and reports where it stopped.
type parser struct {
	toks []token
	n    int
}

// match is one recognised expression over tokens [i, j).
type match struct {
	i, j int
	m    Meaning
}

func (p *parser) w(i int) string {
	if i >= 0 && i < p.n {
		return p.toks[i].low
	}
	return ""
}

// tight reports that token i follows token i-1 with no space between them.
func (p *parser) tight(i int) bool { return i < p.n && i > 0 && !p.toks[i].space }

func (p *parser) isNum(i int) bool { return i >= 0 && i < p.n && p.toks[i].kind == tokNum }

// hyphenAt reports a hyphen at i glued to both neighbours ("two-year").
func (p *parser) hyphenAt(i int) bool {
	return i > 0 && i+1 < p.n && p.toks[i].isDash() && p.tight(i) && p.tight(i+1)
}

// intAt reads a plain integer token (no suffix, no separators).
func (p *parser) intAt(i int) (int, bool) {
	if !p.isNum(i) {
		return 0, false
	}
	s := p.toks[i].low
	v := 0
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) {
			return 0, false
		}
		v = v*10 + int(s[k]-'0')
		if v > 1e7 {
			return 0, false
		}
	}
	return v, true
}

// yearAt reads a four-digit year 1000-2199.
func (p *parser) yearAt(i int) (int, bool) {
	if !p.isNum(i) || len(p.toks[i].low) != 4 {
		return 0, false
	}
	v, ok := p.intAt(i)
	if !ok || v < 1000 || v > 2199 {
		return 0, false
	}
	return v, true
}

// dayAt reads a day of the month: 3, 03, 3rd, 21st, or an ordinal word.
func (p *parser) dayAt(i int) (int, int, bool) {
	if i >= p.n {
		return 0, i, false
	}
	t := p.toks[i]
	if t.kind == tokNum {
		s := t.low
		s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "st"), "nd"), "rd"), "th")
		if len(s) == 0 || len(s) > 2 {
			return 0, i, false
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 || v > 31 {
			return 0, i, false
		}
		// "5:30" or "3 p.m." is a time, not a day
		if w := p.w(i + 1); w == "a.m." || w == "p.m." || w == "am" || w == "pm" || w == "o'clock" {
			return 0, i, false
		}
		return v, i + 1, true
	}
	if v, j, ok := p.ordinalWordAt(i); ok && v <= 31 {
		return v, j, true
	}
	return 0, i, false
}

// ordinalWordAt reads "third", "twenty-first", "twenty first", "31st".
func (p *parser) ordinalWordAt(i int) (int, int, bool) {
	w := p.w(i)
	if v, ok := ordinalWords[w]; ok {
		return v, i + 1, true
	}
	if t, ok := tensNumbers[w]; ok {
		k := i + 1
		if p.hyphenAt(k) {
			k++
		}
		if v, ok := ordinalWords[p.w(k)]; ok && v < 10 {
			return t + v, k + 1, true
		}
	}
	if p.isNum(i) {
		s := p.toks[i].low
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if strings.HasSuffix(s, suf) {
				if v, err := strconv.Atoi(strings.TrimSuffix(s, suf)); err == nil && v > 0 {
					return v, i + 1, true
				}
			}
		}
	}
	return 0, i, false
}

// count is a number read from words or digits.
type count struct {
	n       float64
	vague   bool // few, several, many
	article bool // "a" / "an"
	mod     string
}

// numberWordsAt reads "forty", "twenty-four", "twenty four", "one hundred",
// "two thousand" as an integer.
func (p *parser) numberWordsAt(i int) (int, int, bool) {
	var w string
	total, cur, j := 0, 0, i
	read := false
	for {
		w = p.w(j)
		if v, ok := smallNumbers[w]; ok {
			cur += v
			j++
			read = true
		} else if v, ok := tensNumbers[w]; ok {
			cur += v
			j++
			read = true
			k := j
			if p.hyphenAt(k) {
				k++
			}
			if u, ok := smallNumbers[p.w(k)]; ok && u > 0 && u < 10 {
				cur += u
				j = k + 1
			}
		} else if w == "hundred" && read {
			if cur == 0 {
				cur = 1
			}
			cur *= 100
			j++
		} else if w == "thousand" && read {
			if cur == 0 {
				cur = 1
			}
			total += cur * 1000
			cur = 0
			j++
		} else {
			break
		}
		if p.w(j) == "and" && read && (cur >= 100 || total > 0) {
			if _, ok := smallNumbers[p.w(j+1)]; ok {
				j++
			} else if _, ok := tensNumbers[p.w(j+1)]; ok {
				j++
			}
		}
		if j-i > 8 {
			break
		}
	}
	if !read {
		return 0, i, false
	}
	return total + cur, j, true
}

// countAt reads the count in front of a unit: 40, 2.5, 1 1/2, forty,
// twenty-four, a, an, a few, several, a couple of, a dozen.
func (p *parser) countAt(i int) (count, int, bool) {
	w := p.w(i)
	switch w {
	case "a", "an":
		switch p.w(i + 1) {
		case "few":
			return count{vague: true}, i + 2, true
		case "couple":
			if p.w(i+2) == "of" {
				return count{n: 2, mod: "APPROX"}, i + 3, true
			}
			return count{n: 2, mod: "APPROX"}, i + 2, true
		case "dozen":
			return count{n: 12}, i + 2, true
		case "hundred":
			return count{n: 100}, i + 2, true
		case "thousand":
			return count{n: 1000}, i + 2, true
		case "half":
			return count{n: 0.5}, i + 2, true
		}
		return count{n: 1, article: true}, i + 1, true
	case "few", "several", "many", "some":
		return count{vague: true}, i + 1, true
	case "couple":
		if p.w(i+1) == "of" {
			return count{n: 2, mod: "APPROX"}, i + 2, true
		}
	case "half":
		if a := p.w(i + 1); a == "a" || a == "an" {
			return count{n: 0.5}, i + 2, true
		}
	case "one":
		// "one and a half"
		if p.w(i+1) == "and" && p.w(i+2) == "a" && p.w(i+3) == "half" {
			return count{n: 1.5}, i + 4, true
		}
	case "dozens", "hundreds", "thousands":
		if p.w(i+1) == "of" {
			return count{vague: true}, i + 2, true
		}
	}
	if p.isNum(i) {
		s := p.toks[i].low
		if strings.ContainsAny(s, ":") || strings.IndexFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 {
			return count{}, i, false
		}
		s = strings.ReplaceAll(s, ",", "")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v > 1e6 {
			return count{}, i, false
		}
		j := i + 1
		// 1 1/2
		if p.isNum(j) && p.w(j+1) == "/" && p.isNum(j+2) && p.tight(j+1) && p.tight(j+2) {
			a, _ := p.intAt(j)
			b, _ := p.intAt(j + 2)
			if b > 0 && a < b {
				v += float64(a) / float64(b)
				j += 3
			}
		}
		if p.w(j) == "and" && p.w(j+1) == "a" && p.w(j+2) == "half" {
			v += 0.5
			j += 3
		}
		return count{n: v}, j, true
	}
	if v, j, ok := p.numberWordsAt(i); ok {
		n := float64(v)
		if p.w(j) == "and" && p.w(j+1) == "a" && p.w(j+2) == "half" {
			n += 0.5
			j += 3
		}
		return count{n: n}, j, true
	}
	return count{}, i, false
}

// unitAt reads a unit word; trading/business days count as days.
func (p *parser) unitAt(i int) (unit, bool, int, bool) {
	w := p.w(i)
	if w == "trading" || w == "business" || w == "working" || w == "calendar" {
		if u, ok := unitWords[p.w(i+1)]; ok && u == uDay {
			return u, isPluralUnit(p.w(i + 1)), i + 2, true
		}
	}
	u, ok := unitWords[w]
	if !ok {
		return uNone, false, i, false
	}
	return u, isPluralUnit(w), i + 1, true
}

// durationValue writes a TIMEX3 duration for n units.
func durationValue(n float64, u unit, vague bool, word string) string {
	switch u {
	case uDecade:
		u, n = uYear, n*10
		if vague {
			return "PXDE"
		}
	case uCentury:
		u, n = uYear, n*100
		if vague {
			return "PXCE"
		}
	case uMillennium:
		u, n = uYear, n*1000
	case uWeekend:
		if vague {
			return "PXWE"
		}
		return "P" + fmtNum(n) + "WE"
	}
	if word == "fortnight" || word == "fortnights" {
		n *= 2
	}
	code, isTime := unitCode(u)
	pre := "P"
	if isTime {
		pre = "PT"
	}
	if vague {
		return pre + "X" + code
	}
	if n != math.Trunc(n) {
		// express halves in the next smaller unit
		whole := math.Trunc(n)
		frac := n - whole
		switch u {
		case uYear:
			months := math.Round(frac * 12)
			if whole == 0 {
				return "P" + fmtNum(months) + "M"
			}
			return "P" + fmtNum(whole) + "Y" + fmtNum(months) + "M"
		case uHour:
			mins := math.Round(frac * 60)
			if whole == 0 {
				return "PT" + fmtNum(mins) + "M"
			}
			return "PT" + fmtNum(whole) + "H" + fmtNum(mins) + "M"
		case uDay:
			hours := math.Round(frac * 24)
			if whole == 0 {
				return "PT" + fmtNum(hours) + "H"
			}
			return "P" + fmtNum(whole) + "DT" + fmtNum(hours) + "H"
		case uMinute:
			secs := math.Round(frac * 60)
			if whole == 0 {
				return "PT" + fmtNum(secs) + "S"
			}
			return "PT" + fmtNum(whole) + "M" + fmtNum(secs) + "S"
		case uMonth:
			if whole == 0 {
				return "P2W"
			}
		}
	}
	return pre + fmtNum(n) + code
}

func fmtNum(n float64) string {
	if n == math.Trunc(n) {
		return strconv.FormatInt(int64(n), 10)
	}
	return strconv.FormatFloat(n, 'f', -1, 64)
}

// modWords are the TIMEX3 mods that can precede an expression.
var approxMods = []struct {
	words []string
	mod   string
}{
	{[]string{"more", "than"}, "MORE_THAN"},
	{[]string{"over"}, "MORE_THAN"},
	{[]string{"just", "over"}, "MORE_THAN"},
	{[]string{"well", "over"}, "MORE_THAN"},
	{[]string{"upwards", "of"}, "MORE_THAN"},
	{[]string{"less", "than"}, "LESS_THAN"},
	{[]string{"fewer", "than"}, "LESS_THAN"},
	{[]string{"under"}, "LESS_THAN"},
	{[]string{"just", "under"}, "LESS_THAN"},
	{[]string{"nearly"}, "APPROX"},
	{[]string{"almost"}, "APPROX"},
	{[]string{"about"}, "APPROX"},
	{[]string{"around"}, "APPROX"},
	{[]string{"roughly"}, "APPROX"},
	{[]string{"approximately"}, "APPROX"},
	{[]string{"some"}, "APPROX"},
	{[]string{"up", "to"}, "EQUAL_OR_LESS"},
	{[]string{"no", "more", "than"}, "EQUAL_OR_LESS"},
	{[]string{"at", "most"}, "EQUAL_OR_LESS"},
	{[]string{"at", "least"}, "EQUAL_OR_MORE"},
	{[]string{"no", "less", "than"}, "EQUAL_OR_MORE"},
}

var pointMods = []struct {
	words []string
	mod   string
}{
	{[]string{"the", "end", "of"}, "END"},
	{[]string{"end", "of"}, "END"},
	{[]string{"the", "close", "of"}, "END"},
	{[]string{"the", "beginning", "of"}, "START"},
	{[]string{"beginning", "of"}, "START"},
	{[]string{"the", "start", "of"}, "START"},
	{[]string{"start", "of"}, "START"},
	{[]string{"the", "middle", "of"}, "MID"},
	{[]string{"middle", "of"}, "MID"},
	{[]string{"the", "early"}, "START"},
	{[]string{"the", "late"}, "END"},
	{[]string{"the", "mid"}, "MID"},
	{[]string{"early"}, "START"},
	{[]string{"late"}, "END"},
	{[]string{"mid"}, "MID"},
	{[]string{"later"}, "END"},
	{[]string{"earlier"}, "START"},
}

// modFirstWords are the first words of approxMods and pointMods.
var modFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for _, pm := range approxMods {
		m[pm.words[0]] = true
	}
	for _, pm := range pointMods {
		m[pm.words[0]] = true
	}
	return m
}()

func (p *parser) wordsAt(i int, ws []string) bool {
	for k, w := range ws {
		if p.w(i+k) != w {
			return false
		}
	}
	return true
}

// longest keeps the longer of two matches.
func longest(best *match, i, j int, m Meaning, ok bool) {
	if ok && j > i && j > best.j {
		*best = match{i: i, j: j, m: m}
	}
}

// matchAt tries every rule at token i and returns the longest expression.
func (p *parser) matchAt(i int) (match, bool) {
	if !p.canStart(i) {
		return match{}, false
	}
	best := match{i: i, j: i}
	p.core(i, &best)
	if !modFirstWords[p.toks[i].low] {
		if best.j > i {
			return best, true
		}
		return match{}, false
	}
	// modifier + core
	for _, pm := range approxMods {
		if p.wordsAt(i, pm.words) {
			k := i + len(pm.words)
			if p.w(k) == "the" {
				break // "over the past two months": a preposition, not a mod
			}
			if w := pm.words[len(pm.words)-1]; (w == "over" || w == "under" || w == "some") && !p.isNum(k) && smallNumbers[p.w(k)] == 0 && tensNumbers[p.w(k)] == 0 && p.w(k) != "a" && p.w(k) != "an" {
				break // "over several quarters": a preposition
			}
			var inner match
			inner.j = k
			p.core(k, &inner)
			if inner.j > k && (inner.m.Type == "DURATION" || inner.m.Form == FormOffset || inner.m.Form == FormRefOffset) {
				m := inner.m
				if inner.m.Type != "DURATION" {
					switch pm.mod {
					case "MORE_THAN", "EQUAL_OR_MORE":
						m.Mod = "BEFORE"
						if m.Offset > 0 {
							m.Mod = "AFTER"
						}
					case "LESS_THAN", "EQUAL_OR_LESS":
						m.Mod = "AFTER"
						if m.Offset > 0 {
							m.Mod = "BEFORE"
						}
					default:
						m.Mod = pm.mod
					}
				} else {
					m.Mod = pm.mod
				}
				longest(&best, i, inner.j, m, true)
			}
			break
		}
	}
	for _, pm := range pointMods {
		if p.wordsAt(i, pm.words) {
			k := i + len(pm.words)
			if p.hyphenAt(k) { // mid-November
				k++
			}
			var inner match
			inner.j = k
			p.core(k, &inner)
			if inner.j > k && (inner.m.Type == "DATE" || inner.m.Type == "TIME") && !strings.HasSuffix(inner.m.Value, "_REF") {
				m := inner.m
				if m.Mod == "" {
					m.Mod = pm.mod
				}
				longest(&best, i, inner.j, m, true)
			}
		}
	}
	if best.j > i {
		return best, true
	}
	return match{}, false
}

// canStart is a cheap filter: most tokens can never begin an expression.
func (p *parser) canStart(i int) bool {
	t := p.toks[i]
	if t.kind == tokNum {
		return true
	}
	if t.kind == tokPunct {
		return false
	}
	switch t.low {
	case "at":
		return p.w(i+1) == "least" || p.w(i+1) == "most"
	case "up":
		return p.w(i+1) == "to"
	case "no":
		return p.w(i+1) == "more" || p.w(i+1) == "less"
	}
	return startWords[t.low]
}

var startWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the a an this last next past previous following coming current latest
		today tonight yesterday tomorrow now currently recently recent lately nowadays presently soon
		future these those that earlier later early late mid end beginning start middle close
		more less fewer over under just well upwards nearly almost about around roughly approximately some up no at
		few several many couple dozen dozens hundreds thousands half one
		every each per daily weekly monthly yearly annually hourly quarterly nightly biweekly twice once
		fiscal fy year years noon midnight overnight morning afternoon evening night
		its spring summer autumn fall winter springtime summertime wintertime q1 q2 q3 q4 first second third fourth final
		eighties nineties seventies sixties fifties forties thirties twenties at up no`) {
		m[w] = true
	}
	for w := range smallNumbers {
		m[w] = true
	}
	for w := range tensNumbers {
		m[w] = true
	}
	for w := range ordinalWords {
		m[w] = true
	}
	for w := range unitWords {
		m[w] = true
	}
	for w := range monthWords {
		m[w] = true
	}
	for w := range weekdayWords {
		m[w] = true
	}
	return m
}()

// core runs every rule at i and keeps the longest match in best.
func (p *parser) core(i int, best *match) {
	if i >= p.n {
		return
	}
	num := p.toks[i].kind == tokNum
	m, j, ok := p.calendarDate(i)
	longest(best, i, j, m, ok)
	if num {
		m, j, ok = p.numericDate(i)
		longest(best, i, j, m, ok)
	} else {
		m, j, ok = p.weekday(i)
		longest(best, i, j, m, ok)
	}
	m, j, ok = p.yearExpr(i)
	longest(best, i, j, m, ok)
	m, j, ok = p.decade(i)
	longest(best, i, j, m, ok)
	if !num {
		m, j, ok = p.season(i)
		longest(best, i, j, m, ok)
	}
	m, j, ok = p.quarter(i)
	longest(best, i, j, m, ok)
	m, j, ok = p.relative(i)
	longest(best, i, j, m, ok)
	if !num {
		m, j, ok = p.reference(i)
		longest(best, i, j, m, ok)
	}
	m, j, ok = p.duration(i)
	longest(best, i, j, m, ok)
	if !num {
		m, j, ok = p.set(i)
		longest(best, i, j, m, ok)
	}
	if w := p.toks[i].low; num || w == "noon" || w == "midnight" || w == "midday" {
		m, j, ok = p.clock(i)
		longest(best, i, j, m, ok)
	}
}

// ---- calendar dates ----

// monthAt reads a month name; plain-word months need a capital or context.
func (p *parser) monthAt(i int, context bool) (int, int, bool) {
	if i >= p.n {
		return 0, i, false
	}
	t := p.toks[i]
	mo, ok := monthWords[t.low]
	if !ok {
		return 0, i, false
	}
	if !t.capitalised() && (!context || monthIsPlainWord[t.low]) {
		return 0, i, false
	}
	if monthIsPlainWord[t.low] && !context {
		return 0, i, false
	}
	return mo, i + 1, true
}

// monthContext reports words before i that make a month reading likely.
func (p *parser) monthContext(i int) bool {
	switch p.w(i - 1) {
	case "in", "since", "until", "till", "by", "during", "of", "from", "through", "last", "next", "this",
		"early", "late", "mid", "between", "before", "after", "on", "each", "every", "to", "and", "or", "-":
		return true
	}
	return false
}

// yearAfter reads an optional ", 2014" / " 2014" / " of 2014" / spelled year after a month or day.
func (p *parser) yearAfter(j int) (int, int) {
	k := j
	if p.w(k) == "," {
		k++
	}
	if p.w(k) == "of" {
		k++
	}
	if y, ok := p.yearAt(k); ok && !p.yearIsCount(k) {
		return y, k + 1
	}
	if y, e, ok := p.spelledYear(k); ok {
		return y, e
	}
	// '98
	if p.isNum(k) && strings.HasPrefix(p.toks[k].text, "'") {
		return 0, j
	}
	return 0, j
}

// calendarDate reads dates with a month name: "January 3", "Jan 06 2021",
// "3 January 2020", "the 3rd of January", "August 2014", "August",
// "Monday, Jan. 3", "last August", "January this year".
func (p *parser) calendarDate(i int) (Meaning, int, bool) {
	k := i
	// optional weekday prefix: "Monday, Jan. 3"
	if wd, ok := weekdayWords[p.w(k)]; ok && wd > 0 && p.toks[k].capitalised() {
		k2 := k + 1
		if p.w(k2) == "," {
			k2++
		}
		if m, j, ok := p.calendarDate(k2); ok && m.Gran == uDay {
			return m, j, true
		}
		return Meaning{}, i, false
	}
	dir := DirByTense
	ctx := p.monthContext(k)
	switch p.w(k) {
	case "last", "this", "next", "past":
		if mo, _, ok := p.monthAt(k+1, true); ok && mo > 0 {
			switch p.w(k) {
			case "last", "past":
				dir = DirPast
			case "next":
				dir = DirNext
			default:
				dir = DirThis
			}
			k++
			ctx = true
		}
	}
	// day first: 3 January 2020, 3rd of January, the 3rd of January
	if p.w(k) == "the" {
		if d, e, ok := p.dayAt(k + 1); ok {
			e2 := e
			if p.w(e2) == "of" {
				e2++
			}
			if mo, e3, ok := p.monthAt(e2, true); ok {
				y, e4 := p.yearAfter(e3)
				return calMeaning(y, mo, d, dir), e4, true
			}
		}
	}
	if d, e, ok := p.dayAt(k); ok {
		e2 := e
		if p.w(e2) == "of" {
			e2++
		}
		if mo, e3, ok := p.monthAt(e2, true); ok && (p.toks[e2].capitalised() || p.w(e2) != "may") {
			y, e4 := p.yearAfter(e3)
			return calMeaning(y, mo, d, dir), e4, true
		}
		return Meaning{}, i, false
	}
	// month first
	if _, isMonth := monthWords[p.w(k)]; !isMonth {
		return Meaning{}, i, false
	}
	// a month followed by a day or year is a month whatever its case
	mo := monthWords[p.w(k)]
	e := k + 1
	if p.hyphenAt(e) || p.w(e) == "/" {
		return Meaning{}, i, false
	}
	if d, e2, ok := p.dayAt(e); ok && (p.toks[k].capitalised() || ctx) && !p.yearIsCountDay(e) {
		// "May 2" but not "may 2 people": a lower-case plain word needs a capital
		if !(monthIsPlainWord[p.w(k)] && !p.toks[k].capitalised()) {
			y, e3 := p.yearAfter(e2)
			return calMeaning(y, mo, d, dir), e3, true
		}
	}
	if y, e2 := p.yearAfter(e); y > 0 && (p.toks[k].capitalised() || ctx) {
		m := Meaning{Type: "DATE", Form: FormCalendar, Year: y, Month: mo, Gran: uMonth}
		return m, e2, true
	}
	if _, _, ok := p.monthAt(k, ctx); !ok {
		return Meaning{}, i, false
	}
	// "January this year", "July last year"
	m := Meaning{Type: "DATE", Form: FormCalendar, Month: mo, Gran: uMonth, Dir: dir}
	// a bare plain-word month ("May") needs context even when capitalised
	if monthIsPlainWord[p.w(k)] && !ctx {
		return Meaning{}, i, false
	}
	if !ctx && p.toks[k].sentStart && p.w(k) == "march" {
		return Meaning{}, i, false
	}
	if p.w(e) == "this" || p.w(e) == "last" || p.w(e) == "next" {
		if p.w(e+1) == "year" {
			m.Form = FormCalendar
			switch p.w(e) {
			case "this":
				m.Dir = DirThis
			case "last":
				m.Dir = dirLastYear
			case "next":
				m.Dir = dirNextYear
			}
			return m, e + 2, true
		}
	}
	return m, e, true
}

// Extra directions for "January last year" / "January next year".
const (
	dirLastYear = 3
	dirNextYear = 4
)

func calMeaning(y, mo, d, dir int) Meaning {
	return Meaning{Type: "DATE", Form: FormCalendar, Year: y, Month: mo, Day: d, Gran: uDay, Dir: dir}
}

// yearIsCount reports a four-digit number that counts things ("2000 people").
func (p *parser) yearIsCount(i int) bool {
	if i > 0 {
		switch p.w(i - 1) {
		case "$", "#", "no.", "flight", "route", "page", "pages", "room", "rooms", "number", "to", "of":
			if p.w(i-1) == "to" || p.w(i-1) == "of" {
				break
			}
			return true
		}
	}
	if countNouns[p.w(i+1)] || p.w(i+1) == "%" {
		return true
	}
	if p.w(i+1) == "-" && p.tight(i+1) {
		if _, ok := unitWords[p.w(i+2)]; ok {
			return true
		}
	}
	if _, ok := unitWords[p.w(i+1)]; ok {
		return true
	}
	return false
}

func (p *parser) yearIsCountDay(i int) bool {
	return countNouns[p.w(i+1)]
}

var countNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`people persons troops soldiers fighters militants civilians men women children
		residents members votes shares dollars euros pounds yen rials dinars meters metres kilometers kilometres km miles
		feet ft tons tonnes barrels points cases deaths dead families students workers employees jobs units vehicles homes
		houses buildings acres hectares percent per pct rounds missiles rockets bombs weapons guns tanks planes aircraft
		cars villages towns fighters' rebels prisoners refugees hostages copies signatures tickets seats delegates
		officers police policemen guards militiamen volunteers recruits advisers advisors kilograms kg pounds lbs
		degrees calories words pages votes bn billion million megawatts mw gallons liters litres cubic square sq
		followers subscribers viewers visitors users customers patients doctors teachers mm cm inches yards meter metre`) {
		countNouns[w] = true
	}
}

// numericDate reads 2014-10-24, 10/24/2014, 24.10.2014, 2014/10/24, 1989-10-26T13:37.
func (p *parser) numericDate(i int) (Meaning, int, bool) {
	if !p.isNum(i) {
		return Meaning{}, i, false
	}
	s := p.toks[i].low
	// 24.10.2014 comes as one token
	if strings.Count(s, ".") == 2 {
		parts := strings.Split(s, ".")
		d, e1 := strconv.Atoi(parts[0])
		mo, e2 := strconv.Atoi(parts[1])
		y, e3 := strconv.Atoi(parts[2])
		if e1 == nil && e2 == nil && e3 == nil && len(parts[2]) == 4 && validYMD(y, mo, d) {
			return calMeaning(y, mo, d, 0), i + 1, true
		}
		return Meaning{}, i, false
	}
	a, ok := p.intAt(i)
	if !ok {
		return Meaning{}, i, false
	}
	sep := p.w(i + 1)
	if (sep != "-" && sep != "/") || !p.tight(i+1) || !p.tight(i+2) {
		return Meaning{}, i, false
	}
	b, ok := p.intAt(i + 2)
	if !ok || p.w(i+3) != sep || !p.tight(i+3) || !p.tight(i+4) {
		// "2009-10" is more often a span of years than ISO year-month: left to the year rule
		return Meaning{}, i, false
	}
	c, ok := p.intAt(i + 4)
	if !ok {
		return Meaning{}, i, false
	}
	if i+5 < p.n && p.tight(i+5) && p.w(i+5) != "t" && p.toks[i+5].kind != tokPunct {
		return Meaning{}, i, false
	}
	var y, mo, d int
	switch {
	case len(s) == 4: // Y-M-D
		y, mo, d = a, b, c
	case sep == "/" && len(p.toks[i+4].low) == 4: // M/D/Y (US)
		y, mo, d = c, a, b
		if mo > 12 && d <= 12 { // D/M/Y
			mo, d = d, mo
		}
	case sep == "/" && len(p.toks[i+4].low) == 2: // M/D/YY
		y, mo, d = 1900+c, a, b
		if c < 50 {
			y = 2000 + c
		}
	case sep == "-" && len(p.toks[i+4].low) == 4: // D-M-Y
		y, mo, d = c, b, a
	default:
		return Meaning{}, i, false
	}
	if !validYMD(y, mo, d) {
		return Meaning{}, i, false
	}
	m := calMeaning(y, mo, d, 0)
	return m, i + 5, true
}

func validYMD(y, mo, d int) bool {
	return y >= 1000 && y <= 2199 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo)
}

// weekday reads "Monday", "last Friday", "next Tuesday", "this Sunday",
// "Friday evening", "Saturday night", "early Tuesday".
func (p *parser) weekday(i int) (Meaning, int, bool) {
	k := i
	dir := DirByTense
	switch p.w(k) {
	case "last", "past", "previous":
		dir = DirPast
		k++
	case "next", "coming":
		dir = DirNext
		k++
	case "this":
		dir = DirThis
		k++
		if p.w(k) == "coming" {
			dir = DirNext
			k++
		} else if p.w(k) == "past" {
			dir = DirPast
			k++
		}
	case "the":
		if p.w(k+1) == "previous" {
			dir = DirPast
			k += 2
		} else if p.w(k+1) == "following" || p.w(k+1) == "next" {
			dir = DirNext
			k += 2
		}
	}
	wd, ok := weekdayWords[p.w(k)]
	if !ok || !p.toks[k].capitalised() && len(p.w(k)) < 6 {
		return Meaning{}, i, false
	}
	if strings.HasSuffix(p.w(k), "s") && strings.HasSuffix(p.w(k), "days") {
		return Meaning{}, i, false // plural is a SET
	}
	m := Meaning{Type: "DATE", Form: FormWeekday, Weekday: wd, Dir: dir, Gran: uDay}
	e := k + 1
	// "this coming Sunday, March eighth": the date says it all
	if p.w(e) == "," {
		if cm, j, ok := p.calendarDate(e + 1); ok && cm.Gran == uDay {
			return cm, j, true
		}
	}
	if pod, ok := partOfDay[p.w(e)]; ok && !strings.HasSuffix(p.w(e), "s") {
		m.Type, m.Time = "TIME", "T"+pod
		e++
	}
	// "Monday at 3 p.m." / "Monday 3 p.m."
	k2 := e
	if p.w(k2) == "at" {
		k2++
	}
	if t, e2, ok := p.clockTime(k2); ok && m.Time == "" {
		m.Type, m.Time = "TIME", t
		e = e2
	}
	return m, e, true
}

// spelledYear reads "nineteen ninety-six", "nineteen seventy-nine",
// "two thousand", "two thousand and one", "twenty fourteen".
func (p *parser) spelledYear(i int) (int, int, bool) {
	w := p.w(i)
	if w == "two" && p.w(i+1) == "thousand" {
		j := i + 2
		y := 2000
		k := j
		if p.w(k) == "and" {
			k++
		}
		if v, e, ok := p.numberWordsAt(k); ok && v < 100 {
			y += v
			j = e
		}
		if _, ok := unitWords[p.w(j)]; ok || countNouns[p.w(j)] {
			return 0, i, false
		}
		return y, j, true
	}
	c, ok := smallNumbers[w]
	if !ok || c < 10 {
		if t, ok2 := tensNumbers[w]; ok2 && t == 20 {
			c = 20
		} else {
			return 0, i, false
		}
	}
	if c != 19 && c != 18 && c != 20 && c != 17 {
		return 0, i, false
	}
	v, e, ok := p.numberWordsAt(i + 1)
	if !ok || v < 10 || v > 99 {
		return 0, i, false
	}
	if _, ok := unitWords[p.w(e)]; ok || countNouns[p.w(e)] {
		return 0, i, false
	}
	return c*100 + v, e, true
}

// yearExpr reads "2014", "in 2014" (only the year), "fiscal 1989", "FY2014",
// "the year 2000", "nineteen ninety-six".
func (p *parser) yearExpr(i int) (Meaning, int, bool) {
	k := i
	fiscal := false
	switch p.w(k) {
	case "fiscal", "fy":
		fiscal = true
		k++
	case "the":
		if p.w(k+1) == "year" {
			if y, ok := p.yearAt(k + 2); ok {
				return Meaning{Type: "DATE", Form: FormCalendar, Year: y, Gran: uYear}, k + 3, true
			}
			if y, e, ok := p.spelledYear(k + 2); ok {
				return Meaning{Type: "DATE", Form: FormCalendar, Year: y, Gran: uYear}, e, true
			}
		}
		return Meaning{}, i, false
	}
	if y, ok := p.yearAt(k); ok {
		if p.yearIsCount(k) && !fiscal {
			return Meaning{}, i, false
		}
		// a year far from the present needs a preposition in front
		if (y < 1900 || y > 2100) && !fiscal {
			switch p.w(k - 1) {
			case "in", "since", "of", "by", "until", "from", "to", "during", "before", "after", "year", "and", "early", "late", "mid", "-":
			default:
				return Meaning{}, i, false
			}
		}
		if k == i && !fiscal && p.inTitleBefore(k) {
			return Meaning{}, i, false // a name: "Orion 1980", "Vision 2030"
		}
		j := k + 1
		// "2014's"
		return Meaning{Type: "DATE", Form: FormCalendar, Year: y, Gran: uYear}, j, true
	}
	if y, e, ok := p.spelledYear(k); ok {
		return Meaning{Type: "DATE", Form: FormCalendar, Year: y, Gran: uYear}, e, true
	}
	return Meaning{}, i, false
}

// decade reads "1990s", "the 1990s", "the '80s", "the eighties", "the 20th
// century", "the nineteenth century".
func (p *parser) decade(i int) (Meaning, int, bool) {
	k := i
	if p.w(k) == "the" {
		k++
	}
	if p.isNum(k) {
		s := p.toks[k].low
		s = strings.TrimLeft(s, "'\u2019")
		if strings.HasSuffix(s, "s") {
			num := strings.TrimSuffix(s, "s")
			if v, err := strconv.Atoi(num); err == nil && v%10 == 0 {
				switch {
				case len(num) == 4 && v >= 1000 && v <= 2190:
					return Meaning{Type: "DATE", Form: FormCalendar, Year: v, Decade: v / 10, Gran: uDecade}, k + 1, true
				case len(num) == 2 && (k > i || strings.HasPrefix(p.toks[k].text, "'") || strings.HasPrefix(p.toks[k].text, "\u2019") || p.w(k-1) == "mid" || p.w(k-1) == "-"):
					c := 19
					if v < 20 && strings.HasPrefix(p.toks[k].text, "'") {
						c = 20
					}
					return Meaning{Type: "DATE", Form: FormCalendar, Year: c*100 + v, Decade: c*10 + v/10, Gran: uDecade}, k + 1, true
				}
			}
		}
	}
	if k > i {
		if d, ok := decadeWords[p.w(k)]; ok {
			return Meaning{Type: "DATE", Form: FormCalendar, Year: 1900 + d*10, Decade: 190 + d, Gran: uDecade}, k + 1, true
		}
	} else if d, ok := decadeWords[p.w(k)]; ok && p.toks[k].capitalised() && (p.w(k-1) == "in" || p.w(k-1) == "early" || p.w(k-1) == "late") {
		return Meaning{Type: "DATE", Form: FormCalendar, Year: 1900 + d*10, Decade: 190 + d, Gran: uDecade}, k + 1, true
	}
	// centuries
	if c, e, ok := p.ordinalWordAt(k); ok && c >= 1 && c <= 22 {
		e2 := e
		if p.hyphenAt(e2) {
			e2++
		}
		if p.w(e2) == "century" {
			return Meaning{Type: "DATE", Form: FormCalendar, Year: (c - 1) * 100, Decade: c - 1, Gran: uCentury}, e2 + 1, true
		}
	}
	return Meaning{}, i, false
}

// season reads "summer", "this summer", "last fall", "the summer of 2014",
// "summer 2006", "this past spring".
func (p *parser) season(i int) (Meaning, int, bool) {
	k := i
	dir := DirByTense
	explicit := false
	switch p.w(k) {
	case "this", "the":
		dir = DirThis
		if p.w(k) == "the" {
			dir = DirByTense
		}
		k++
		explicit = true
		if p.w(k) == "past" {
			dir = DirPast
			k++
		} else if p.w(k) == "coming" {
			dir = DirNext
			k++
		}
	case "last", "past":
		dir = DirPast
		k++
		explicit = true
	case "next", "coming":
		dir = DirNext
		k++
		explicit = true
	}
	s, ok := seasonWords[p.w(k)]
	if !ok {
		return Meaning{}, i, false
	}
	if p.toks[k].capitalised() && k > 0 && !p.toks[k].sentStart && p.toks[k-1].capitalised() && p.toks[k-1].kind == tokWord {
		return Meaning{}, i, false // Arab Spring, Prague Spring
	}
	e := k + 1
	m := Meaning{Type: "DATE", Form: FormCalendar, Season: s, Gran: uSeason, Dir: dir}
	// year after: "summer 2006", "the summer of 2014", "summer of '98"
	k2 := e
	if p.w(k2) == "of" {
		k2++
	}
	if y, ok := p.yearAt(k2); ok {
		m.Year, m.Dir = y, 0
		return m, k2 + 1, true
	}
	if y, e2, ok := p.spelledYear(k2); ok {
		m.Year, m.Dir = y, 0
		return m, e2, true
	}
	if p.w(e) == "of" || p.w(e) == "'s" && p.w(k) == "fall" {
		return Meaning{}, i, false // "the fall of Mosul"
	}
	if !explicit {
		// a bare season word needs a preposition before it
		switch p.w(i - 1) {
		case "in", "during", "since", "until", "by", "through", "early", "late", "mid", "this", "last", "next", "over":
		default:
			return Meaning{}, i, false
		}
		if s == "FA" {
			return Meaning{}, i, false
		}
	}
	if p.w(k) == "fall" && p.w(i) == "the" {
		// "the fall" alone is usually a collapse; only with a preposition before it
		switch p.w(i - 1) {
		case "in", "during", "since", "until", "by", "through", "over":
		default:
			return Meaning{}, i, false
		}
	}
	if p.w(i) == "the" && p.w(i-1) != "in" && p.w(i-1) != "during" && p.w(i-1) != "over" && p.w(i-1) != "since" && p.w(i-1) != "through" && p.w(i-1) != "until" && p.w(i-1) != "by" && p.w(i-1) != "of" {
		return Meaning{}, i, false
	}
	return m, e, true
}

var quarterOrd = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "last": 4}

// halfOrd reads "the last half of 1989".
var halfOrd = map[string]int{"latter": 2, "last": 2}

// quarter reads financial periods: "the third quarter", "third-quarter",
// "the fourth quarter of 1990", "Q3 2014", "the first half", "the latest
// quarter", "the year-earlier quarter", "fiscal 1989".
func (p *parser) quarter(i int) (Meaning, int, bool) {
	k := i
	year := 0
	yearRel := 0 // -1 last year's, +1 next year's
	hasYearRel := false
	// determiners
	switch p.w(k) {
	case "the", "its", "their", "that", "a":
		k++
	case "this":
		if p.w(k+1) != "year" {
			k++
		}
	}
	if p.w(k) == "same" || p.w(k) == "comparable" || p.w(k) == "corresponding" {
		k++
	}
	if p.w(k) == "fiscal" {
		k++
		if p.hyphenAt(k) {
			k++
		}
	}
	// "the 1988 third quarter", "this year's third quarter", "next year's first quarter"
	if y, ok := p.yearAt(k); ok && !p.yearIsCountQuarter(k) {
		if p.w(k+1) == "'s" {
			year = y
			k += 2
		} else if _, isOrd := quarterOrd[p.w(k+1)]; isOrd || p.w(k+1) == "quarter" || p.w(k+1) == "fiscal" || p.w(k+1) == "period" || p.w(k+1) == "half" {
			year = y
			k++
		}
		if p.w(k) == "fiscal" {
			k++
		}
	}
	switch {
	case (p.w(k) == "this" || p.w(k) == "last" || p.w(k) == "next") && p.w(k+1) == "year" && p.w(k+2) == "'s":
		hasYearRel = true
		yearRel = map[string]int{"this": 0, "last": -1, "next": 1}[p.w(k)]
		k += 3
	case (p.w(k) == "year" && p.hyphenAt(k+1) && (p.w(k+2) == "earlier" || p.w(k+2) == "ago")):
		hasYearRel = true
		yearRel = -1
		if p.w(k) == "year" {
			k += 3
		} else {
			k++
		}
	}
	// Q3
	w := p.w(k)
	if len(w) == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4' {
		q := int(w[1] - '0')
		e := k + 1
		m := Meaning{Type: "DATE", Form: FormCalendar, Quarter: q, Gran: uQuarter, Dir: DirByTense}
		if y, ok := p.yearAt(e); ok {
			m.Year = y
			e++
		} else if year > 0 {
			m.Year = year
		}
		return m, e, true
	}
	// latest / current / this / last / next quarter
	if k > i || p.w(k) == "latest" || p.w(k) == "current" {
		kk := k
		rel := ""
		switch p.w(kk) {
		case "latest", "current", "last", "next", "previous", "past", "recent", "most":
			rel = p.w(kk)
			if rel == "most" && p.w(kk+1) == "recent" {
				kk++
			}
			kk++
		}
		if p.w(kk) == "fiscal" {
			kk++
		}
		if nw := p.w(kk); nw == "quarter" || nw == "period" && (rel == "latest" || hasYearRel || year > 0) {
			e := kk + 1
			switch {
			case hasYearRel && yearRel == -1:
				return Meaning{Type: "DATE", Form: FormRefOffset, Unit: uYear, Offset: -1, Gran: uQuarter, RefAny: true, KeepGran: true}, e, true
			case year > 0:
				return Meaning{Type: "DATE", Form: FormRefOffset, Unit: uYear, Offset: year, Gran: uQuarter, Dir: dirSetYear}, e, true
			case rel == "latest" || rel == "most" || rel == "recent":
				return Meaning{Type: "DATE", Form: FormLatest, Unit: uQuarter, Dir: DirPast}, e, true
			case rel == "current" || p.w(i) == "this":
				return Meaning{Type: "DATE", Form: FormOffset, Unit: uQuarter, Offset: 0, Gran: uQuarter}, e, true
			case rel == "last" || rel == "previous" || rel == "past":
				if nw == "period" {
					break
				}
				return Meaning{Type: "DATE", Form: FormOffset, Unit: uQuarter, Offset: -1, Gran: uQuarter}, e, true
			case rel == "next":
				return Meaning{Type: "DATE", Form: FormOffset, Unit: uQuarter, Offset: 1, Gran: uQuarter}, e, true
			case rel == "" && nw == "quarter" && p.w(i) == "the" && k == i+1:
				if p.w(e) == "a" && p.w(e+1) == "year" && (p.w(e+2) == "ago" || p.w(e+2) == "earlier") {
					return Meaning{Type: "DATE", Form: FormRefOffset, Unit: uYear, Offset: -1, Gran: uQuarter, RefAny: true, KeepGran: true}, e + 3, true
				}
				if p.w(e) == "ended" || p.w(e) == "ending" || p.w(e) == "ends" {
					break
				}
				return Meaning{Type: "DATE", Form: FormLatest, Unit: uQuarter}, e, true
			}
		}
	}
	// ordinal quarter / half
	q, ok := quarterOrd[p.w(k)]
	if h, isHalf := halfOrd[p.w(k)]; isHalf && p.w(k+1) == "half" && k > i {
		q, ok = h, true
	} else if !ok || p.w(k) == "last" {
		return Meaning{}, i, false
	}
	e := k + 1
	if p.hyphenAt(e) {
		e++
	}
	gran := uQuarter
	switch p.w(e) {
	case "quarter", "quarters":
		if p.w(e) == "quarters" {
			return Meaning{}, i, false
		}
	case "half":
		if q > 2 {
			return Meaning{}, i, false
		}
		gran = uHalf
	case "two":
		// "first two quarters of 1990"
		if p.w(e+1) == "quarters" && q == 1 {
			gran = uHalf
			e++
			break
		}
		return Meaning{}, i, false
	default:
		return Meaning{}, i, false
	}
	e++
	// "of 1990", ", 1990", "of next year"
	k2 := e
	if p.w(k2) == "of" || p.w(k2) == "," {
		k2++
	}
	if y, ok := p.yearAt(k2); ok && !p.yearIsCount(k2) {
		year = y
		e = k2 + 1
	} else if p.w(k2-1) == "of" && (p.w(k2) == "this" || p.w(k2) == "last" || p.w(k2) == "next") && p.w(k2+1) == "year" {
		hasYearRel = true
		yearRel = map[string]int{"this": 0, "last": -1, "next": 1}[p.w(k2)]
		e = k2 + 2
	} else if p.w(k2-1) == "of" && p.w(k2) == "the" && p.w(k2+1) == "year" {
		e = k2 + 2
	} else if p.w(k2) == "of" && p.w(k2+1) == "fiscal" {
		if y, ok := p.yearAt(k2 + 2); ok {
			year = y
			e = k2 + 3
		}
	}
	// a quarter needs "the"/"its"/a year/"fiscal"/adjectival use to be a date ("a third quarter" is not)
	if k == i && p.w(i-1) == "a" {
		return Meaning{}, i, false
	}
	if k == i && year == 0 && !hasYearRel {
		// bare "third quarter": fine when followed by a noun or as "in third quarter"
		if gran == uHalf && !p.hyphenAt(k+1) {
			return Meaning{}, i, false
		}
	}
	m := Meaning{Type: "DATE", Form: FormCalendar, Gran: gran, Dir: DirByTense}
	if gran == uQuarter {
		m.Quarter = q
	} else {
		m.Half = q
	}
	switch {
	case year > 0:
		m.Year = year
	case hasYearRel:
		m.Dir = dirYearRel + yearRel
	}
	return m, e, true
}

// dirSetYear marks a ref quarter placed in an explicit year (Offset holds the year).
const dirSetYear = 5

// dirYearRel+n marks "last year's"/"this year's"/"next year's" (n = -1, 0, 1).
const dirYearRel = 10

func (p *parser) yearIsCountQuarter(i int) bool { return countNouns[p.w(i+1)] }

// inTitleBefore reports a number right after a capitalised name word (not a
// month, not a sentence start, not a preposition): "Orion 1980".
func (p *parser) inTitleBefore(k int) bool {
	if k == 0 {
		return false
	}
	prev := p.toks[k-1]
	if prev.kind != tokWord || !prev.capitalised() || prev.sentStart || !p.toks[k].space {
		return false
	}
	if _, ok := monthWords[prev.low]; ok {
		return false
	}
	if _, ok := seasonWords[prev.low]; ok {
		return false
	}
	switch prev.low {
	case "in", "since", "by", "until", "of", "fiscal", "fy", "from", "during", "before", "after", "early", "late", "mid", "and", "or", "the", "year":
		return false
	}
	return true
}
