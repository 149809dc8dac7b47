package timex

import "strings"

// The word lists below are the vocabulary of English news dates. They are
// written by hand, in the HeidelTime tradition of explicit resources, so that
// every normalisation can be read and corrected.

var monthWords = map[string]int{
	"january": 1, "jan": 1, "jan.": 1,
	"february": 2, "feb": 2, "feb.": 2,
	"march": 3, "mar": 3, "mar.": 3,
	"april": 4, "apr": 4, "apr.": 4,
	"may":  5,
	"june": 6, "jun": 6, "jun.": 6,
	"july": 7, "jul": 7, "jul.": 7,
	"august": 8, "aug": 8, "aug.": 8,
	"september": 9, "sep": 9, "sep.": 9, "sept": 9, "sept.": 9,
	"october": 10, "oct": 10, "oct.": 10,
	"november": 11, "nov": 11, "nov.": 11,
	"december": 12, "dec": 12, "dec.": 12,
}

// monthIsPlainWord marks month names that are also ordinary English words and
// need context ("in May", "May 3") before they are read as months.
var monthIsPlainWord = map[string]bool{"may": true, "march": true, "mar": true, "jan": true, "sep": true, "dec": true, "jun": true, "jul": true, "apr": true, "aug": true, "oct": true, "nov": true, "feb": true}

var weekdayWords = map[string]int{ // ISO: Monday=1 … Sunday=7
	"monday": 1, "mon.": 1, "tuesday": 2, "tue.": 2, "tues.": 2, "wednesday": 3, "wed.": 3,
	"thursday": 4, "thu.": 4, "thur.": 4, "thurs.": 4, "friday": 5, "fri.": 5,
	"saturday": 6, "sat.": 6, "sunday": 7, "sun.": 7,
	"mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
}

var seasonWords = map[string]string{
	"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
	"springtime": "SP", "summertime": "SU", "wintertime": "WI",
}

// partOfDay maps words to TIMEX3 part-of-day codes.
var partOfDay = map[string]string{
	"morning": "MO", "mornings": "MO", "afternoon": "AF", "afternoons": "AF", "evening": "EV", "evenings": "EV",
	"night": "NI", "nights": "NI", "overnight": "NI", "midday": "MI", "daytime": "DT",
}

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensNumbers = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90,
}

var ordinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
	"eightieth": 80, "ninetieth": 90, "hundredth": 100,
}

// decadeWords: "the eighties".
var decadeWords = map[string]int{
	"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
	"eighties": 8, "nineties": 9,
}

// unit is a calendar granularity.
type unit uint8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uMonth
	uQuarter
	uHalf
	uSeason
	uYear
	uDecade
	uCentury
	uMillennium
)

var unitWords = map[string]unit{
	"second": uSecond, "seconds": uSecond, "sec": uSecond, "secs": uSecond,
	"minute": uMinute, "minutes": uMinute, "min": uMinute, "mins": uMinute,
	"hour": uHour, "hours": uHour, "hr": uHour, "hrs": uHour,
	"day": uDay, "days": uDay,
	"week": uWeek, "weeks": uWeek,
	"weekend": uWeekend, "weekends": uWeekend,
	"fortnight": uWeek, "fortnights": uWeek, // scaled by 2 where read
	"month": uMonth, "months": uMonth,
	"quarter": uQuarter, "quarters": uQuarter,
	"year": uYear, "years": uYear, "yr": uYear, "yrs": uYear,
	"decade": uDecade, "decades": uDecade,
	"century": uCentury, "centuries": uCentury,
	"millennium": uMillennium, "millennia": uMillennium, "millenniums": uMillennium,
}

// unitCode is the TIMEX3 duration letter of a unit; the bool says whether it
// belongs after the T (time units).
func unitCode(u unit) (string, bool) {
	switch u {
	case uSecond:
		return "S", true
	case uMinute:
		return "M", true
	case uHour:
		return "H", true
	case uDay:
		return "D", false
	case uWeek:
		return "W", false
	case uWeekend:
		return "WE", false
	case uMonth:
		return "M", false
	case uQuarter:
		return "Q", false
	case uHalf:
		return "H", false
	case uSeason:
		return "M", false
	case uYear:
		return "Y", false
	case uDecade:
		return "DE", false
	case uCentury:
		return "CE", false
	case uMillennium:
		return "ML", false
	}
	return "", false
}

// isPlural reports whether a unit word is plural.
func isPluralUnit(w string) bool {
	return strings.HasSuffix(w, "s") && w != "hrs" || w == "centuries" || w == "millennia"
}

// Tense cue words. Anything ending in -ed is also read as past.
var futureCues = map[string]bool{
	"will": true, "'ll": true, "shall": true, "won't": true, "wo": true, "would": true, "expected": true,
	"expects": true, "expect": true, "scheduled": true, "plans": true, "plan": true, "planned": true,
	"planning": true, "next": true, "upcoming": true, "coming": true, "due": true,
	"intends": true, "hopes": true, "aims": true, "set": true, "slated": true, "should": true,
	"may": true, "might": true, "could": true, "tomorrow": true, "forecast": true, "projected": true,
	"going": true, "to": false,
}

var pastCues = map[string]bool{
	"was": true, "were": true, "had": true, "did": true, "said": true, "told": true, "went": true,
	"came": true, "made": true, "took": true, "gave": true, "got": true, "rose": true, "fell": true,
	"saw": true, "met": true, "began": true, "left": true, "lost": true, "won": true, "ran": true,
	"sold": true, "bought": true, "paid": true, "held": true, "kept": true, "brought": true,
	"thought": true, "became": true, "spent": true, "found": true, "sent": true, "struck": true,
	"led": true, "fought": true, "fled": true, "grew": true, "knew": true, "wrote": true, "spoke": true,
	"broke": true, "chose": true, "drove": true, "flew": true, "shot": true, "stood": true, "ago": true,
	"earlier": true, "yesterday": true, "last": true, "previously": true, "wasn't": true, "weren't": true,
	"didn't": true, "hadn't": true, "overran": true, "slid": true, "hit": false, "fed": true,
	"set": false, "quit": false, "cut": false, "put": false, "let": false, "read": false,
}

var presentCues = map[string]bool{
	"is": true, "are": true, "am": true, "isn't": true, "aren't": true, "now": true, "today": true,
	"currently": true, "remains": true, "continues": true,
}

// notPastEd lists -ed words that are not past-tense verbs.
var notPastEd = map[string]bool{
	"need": true, "speed": true, "seed": true, "bed": true, "red": true, "hundred": true, "indeed": true,
	"feed": true, "shed": true, "breed": true, "steed": true, "weed": true, "greed": true, "creed": true,
	"ted": true, "fred": true, "ahmed": true, "mohammed": true, "muhammad": true, "mahmoud": true,
	"united": true, "limited": true, "expected": true, "scheduled": true, "planned": true,
	"proceed": true, "succeed": true, "exceed": true, "embed": true, "based": true, "sacred": true,
	"naked": true, "wicked": true, "rugged": true, "beloved": true, "aged": true, "related": true,
	"detailed": true, "advanced": true, "armed": true, "so-called": true, "called": false,
	"alleged": true, "supposed": true, "unprecedented": true, "renewed": true, "hundreds": true,
	"projected": true, "slated": true,
}
