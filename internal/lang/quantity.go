package lang

import (
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
)

// Quantities finds numbers in text (digits such as 26,000 or 7.5, number
// words such as "two" or "twenty-five", with "million" and the like) and
// reads around each one what the sentence says about it: a hedge before it
// ("more than", "some", "less than"), a unit after it (days, hours, km,
// percent, dollars, ... and the "48-hour" compound form) and the noun
// phrase it counts ("163 militants killed" → militants; "some 7,000 Iraqi
// troops and militia fighters" → Iraqi troops and militia fighters).
//
// Start and End cover the hedge, the number and the unit; What is the
// counted phrase's text. Years ("in 2014"), clock times, dates and ordinals
// are left to the time expressions.
func Quantities(text string, toks []model.Token, sents []model.Sentence) []model.Quantity {
	var out []model.Quantity
	for _, s := range sents {
		st := toks[s.TokenStart:s.TokenEnd]
		for i := 0; i < len(st); i++ {
			q, next, ok := readQuantity(text, st, i)
			if ok {
				out = append(out, q)
				i = next - 1
			}
		}
	}
	return out
}

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}

var multipliers = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"mln": 1e6, "bln": 1e9, "m": 1e6, "bn": 1e9,
}

var hedges = []struct {
	words []string
	label string
}{
	{[]string{"more", "than"}, "more than"}, {[]string{"less", "than"}, "less than"},
	{[]string{"fewer", "than"}, "less than"}, {[]string{"at", "least"}, "at least"},
	{[]string{"at", "most"}, "at most"}, {[]string{"up", "to"}, "up to"}, {[]string{"as", "many", "as"}, "as many as"},
	{[]string{"close", "to"}, "about"}, {[]string{"an", "estimated"}, "about"}, {[]string{"nearly"}, "nearly"},
	{[]string{"almost"}, "nearly"}, {[]string{"about"}, "about"}, {[]string{"around"}, "about"},
	{[]string{"some"}, "about"}, {[]string{"approximately"}, "about"}, {[]string{"roughly"}, "about"},
	{[]string{"estimated"}, "about"}, {[]string{"over"}, "more than"}, {[]string{"under"}, "less than"},
	{[]string{"just"}, "about"},
}

var units = setOf(
	"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month",
	"months", "year", "years", "decade", "decades", "km", "kilometres", "kilometers", "kilometre", "kilometer",
	"mile", "miles", "metres", "meters", "metre", "meter", "kg", "kilograms", "tonnes", "tons", "tonne", "ton",
	"percent", "%", "dollars", "euros", "pounds", "rials", "dinars", "barrels", "feet", "acres", "hectares",
)

var months = setOf("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", "jan.", "feb.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.")

var yearContext = setOf("in", "since", "of", "from", "until", "till", "by", "during", "before", "after",
	"early", "late", "mid", "summer", "winter", "spring", "autumn", "fall", "the", "'s", "year", "between", "and", "to")

// phraseStop are words that end the counted noun phrase.
var phraseStop = setOf(
	"the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "were",
	"was", "is", "are", "be", "been", "have", "has", "had", "who", "which", "that", "this", "these", "those",
	"it", "they", "he", "she", "we", "said", "says", "say", "will", "would", "could", "can", "may", "might",
	"not", "as", "than", "into", "since", "during", "after", "before", "over", "under", "about", "around",
	"ago", "later", "earlier", "more", "less", "per", "each", "their", "his", "her", "its", "our", "when",
	"where", "while", "there", "here", "also", "only", "all", "so", "out", "up", "down", "off", "against",
	"across", "between", "among", "through", "near", "along", "toward", "towards", "if", "then",
	"full", "began", "came", "went", "fled", "died", "left", "fell", "took", "made", "got", "saw", "lost",
	"won", "ran", "held", "met", "sent", "gave", "kept", "stood", "fought", "brought", "told", "found",
)

// readQuantity reads a quantity whose number starts at token i; it returns
// the quantity and the index of the first token after it.
func readQuantity(text string, st []model.Token, i int) (model.Quantity, int, bool) {
	var q model.Quantity
	tok := normalizeToken(st[i].Text)
	lower := strings.ToLower(tok)
	value, unit, ok := parseNumber(lower)
	if !ok {
		return q, 0, false
	}
	prevLower := ""
	if i > 0 {
		prevLower = strings.ToLower(st[i-1].Text)
	}
	nextLower := ""
	if i+1 < len(st) {
		nextLower = strings.ToLower(st[i+1].Text)
	}
	isDigits := lower[0] >= '0' && lower[0] <= '9'
	if isDigits {
		// Dates, years and clock times belong to time expressions.
		if strings.ContainsAny(lower, ":/") || strings.Count(lower, "-") >= 2 {
			return q, 0, false
		}
		if months[prevLower] || months[nextLower] {
			return q, 0, false
		}
		if value >= 1800 && value <= 2100 && len(lower) == 4 && unit == "" && (yearContext[prevLower] || i+1 >= len(st) || !isWordToken(st[i+1].Text)) {
			return q, 0, false
		}
	} else if lower == "one" && (nextLower == "of" || !isWordToken(nextText(st, i+1))) {
		return q, 0, false
	}
	start, end := i, i+1
	// Number words and multipliers: "two hundred", "7.5 million".
	for end < len(st) {
		w := strings.ToLower(st[end].Text)
		if m, ok := multipliers[w]; ok && unit == "" {
			if !isDigits && value >= 1 || isDigits {
				value *= m
				end++
				continue
			}
		}
		if v, ok := numberWords[w]; ok && !isDigits && v < 10 && value >= 20 && value < 100 && int(value)%10 == 0 {
			value += v
			end++
			continue
		}
		break
	}
	// Currency sign before.
	if start > 0 {
		switch st[start-1].Text {
		case "$":
			unit, start = "dollars", start-1
		case "€":
			unit, start = "euros", start-1
		case "£":
			unit, start = "pounds", start-1
		}
	}
	// Unit after.
	if unit == "" && end < len(st) {
		w := strings.ToLower(st[end].Text)
		if units[w] {
			unit = w
			end++
		} else if w == "per" && end+1 < len(st) && strings.ToLower(st[end+1].Text) == "cent" {
			unit = "percent"
			end += 2
		}
	}
	if unit == "%" {
		unit = "percent"
	}
	// Hedge before.
	approx := ""
	for _, h := range hedges {
		k := start - len(h.words)
		if k < 0 {
			continue
		}
		match := true
		for j, w := range h.words {
			if strings.ToLower(st[k+j].Text) != w {
				match = false
				break
			}
		}
		if match {
			approx, start = h.label, k
			break
		}
	}
	// What it counts: the noun phrase after, or after "of" when a unit or
	// a multiplier stands between.
	whatStart := end
	if whatStart < len(st) && strings.ToLower(st[whatStart].Text) == "of" && (unit != "" || end > i+1) {
		whatStart++
	}
	whatEnd := nounPhraseEnd(st, whatStart)
	q = model.Quantity{
		Start:  st[start].Start,
		End:    st[end-1].End,
		Value:  value,
		Unit:   unit,
		Approx: approx,
	}
	q.Text = text[q.Start:q.End]
	if whatEnd > whatStart {
		q.What = text[st[whatStart].Start:st[whatEnd-1].End]
	}
	return q, end, true
}

func nextText(st []model.Token, i int) string {
	if i < len(st) {
		return st[i].Text
	}
	return ""
}

func isWordToken(t string) bool {
	return t != "" && isLetter([]rune(t)[0])
}

// parseNumber reads a number token: digits with separators, a number word,
// a hyphenated number word (twenty-five) or a number-unit compound
// (48-hour, 33-day).
func parseNumber(lower string) (float64, string, bool) {
	if v, ok := numberWords[lower]; ok {
		return v, "", true
	}
	if a, b, ok := strings.Cut(lower, "-"); ok {
		if va, ok := numberWords[a]; ok && va >= 20 {
			if vb, ok := numberWords[b]; ok && vb < 10 {
				return va + vb, "", true
			}
		}
		if v, ok := parseDigits(a); ok && units[b] {
			return v, b, true
		}
		if v, ok := numberWords[a]; ok && units[b] {
			return v, b, true
		}
		return 0, "", false
	}
	v, ok := parseDigits(lower)
	return v, "", ok
}

func parseDigits(s string) (float64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == ',' || c == '.') {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

// nounPhraseEnd returns the end of the noun phrase starting at i: words
// that are not function words, joined by "and" when a word follows it,
// stopping before a likely verb (an -ed or -ing word that no noun follows).
func nounPhraseEnd(st []model.Token, i int) int {
	j := i
	for j < len(st) && j-i < 6 {
		w := st[j].Text
		lw := strings.ToLower(w)
		if !isWordToken(w) {
			break
		}
		if lw == "and" && j > i && j+1 < len(st) && isWordToken(st[j+1].Text) && !phraseStop[strings.ToLower(st[j+1].Text)] {
			j++
			continue
		}
		if phraseStop[lw] {
			break
		}
		if (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "ing")) && j > i {
			if j+1 >= len(st) || !isWordToken(st[j+1].Text) || phraseStop[strings.ToLower(st[j+1].Text)] {
				break
			}
		}
		j++
	}
	return j
}
