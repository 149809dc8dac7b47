package lang

import "strings"

// titleAbbreviations precede a name and never end a sentence.
var titleAbbreviations = setOf(
	"mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
	"cpl", "pvt", "adm", "brig", "cmdr", "cdr", "gov", "sen", "rep", "rev", "fr", "hon", "pres", "supt", "insp",
	"det", "st", "mt", "ft", "vs", "ald", "amb", "gens", "shk", "rt",
)

// otherAbbreviations take a full stop but may end a sentence.
var otherAbbreviations = setOf(
	"inc", "corp", "co", "ltd", "plc", "bros", "dept", "univ", "assn", "approx", "etc", "cf", "jr", "sr",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"tues", "thur", "thurs",
	"ave", "blvd", "hwy", "lbs", "pct", "govt", "intl",
	"ala", "ariz", "calif", "colo", "conn", "fla", "kan", "ky", "md",
	"mich", "minn", "mont", "neb", "nev", "okla", "tenn", "tex", "wis", "wyo",
)

// sentenceStarters are common capitalised words that begin a new sentence;
// after an abbreviation such as "U.S." or "Inc." they signal that the full
// stop also ended the sentence.
var sentenceStarters = setOf(
	"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
	"his", "her", "its", "their", "our", "in", "on", "at", "but", "and", "or", "so", "yet", "if", "when",
	"while", "after", "before", "since", "as", "for", "meanwhile", "however", "also", "some", "many", "most",
	"one", "no", "not", "what", "who", "why", "how", "where", "according", "earlier", "later", "then",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isAbbreviation reports whether w (without its final period) is a known
// abbreviation that takes a full stop.
func isAbbreviation(w string) bool {
	if len(w) > 8 {
		return false
	}
	l := strings.ToLower(w)
	return titleAbbreviations[l] || otherAbbreviations[l]
}
