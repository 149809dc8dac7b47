package translit

import "strings"

// Name is a name prepared once for many comparisons.
type Name struct {
	Key    string   // normalised key, see Key
	Tokens []string // words of Key
	Codes  []string // phonetic code of each word
	Skels  []string // skeleton of each word
	Joined string   // phonetic code of the words run together
	Skel   string   // skeleton of Joined: the blocking key of the whole name
}

// NewName prepares s.
func NewName(s string) Name {
	return NameFromTokens(KeyTokens(s))
}

// NameFromTokens prepares a name already split into key tokens.
func NameFromTokens(toks []string) Name {
	n := Name{Tokens: toks, Key: strings.Join(toks, " "), Codes: make([]string, len(toks)), Skels: make([]string, len(toks))}
	for i, t := range toks {
		n.Codes[i] = Phonetic(t)
		n.Skels[i] = Skeleton(n.Codes[i])
	}
	// re-encode the joined letters so doubled letters across a word
	// boundary collapse the same way as inside one word
	n.Joined = Phonetic(strings.Join(toks, ""))
	n.Skel = Skeleton(n.Joined)
	return n
}

// Last returns the last word's phonetic code, "" for an empty name.
func (n Name) Last() string {
	if len(n.Codes) == 0 {
		return ""
	}
	return n.Codes[len(n.Codes)-1]
}

// TokenSimilarity compares two words' phonetic codes. Words whose codes agree
// on their skeleton and have at least three consonants score at least 0.8:
// Soleimani/Solomon are one name in different mouths, Baghdad/Baghdadi are
// not, which is why the caller also checks entity type and context.
func TokenSimilarity(a, b string) float64 {
	s := Similarity(a, b)
	if s < 0.8 {
		if ka := Skeleton(a); len(ka) >= 3 && ka == Skeleton(b) {
			return 0.8
		}
	}
	return s
}

// Alignment is the outcome of aligning the words of two names in order.
type Alignment struct {
	Matched int     // words of the shorter name matched to a word of the longer
	Min     float64 // lowest similarity among matched pairs (1 when none)
	Mean    float64 // mean similarity of matched pairs
	// Skipped counts words of the longer name left unmatched before the
	// last matched word (a dropped middle name) and after it.
	SkippedInside, SkippedAfter int
}

// Align matches each word of the shorter name to a distinct word of the
// longer one, left to right, greedily taking the first word at or above
// minSim. Person names are compared this way: "Soleimani" aligns with the
// last word of "Qassem Soleimani"; "Qasim al-Araji" fails against "Qassem
// Soleimani" because araji finds no partner.
func Align(a, b Name, minSim float64) Alignment {
	short, long := a.Codes, b.Codes
	if len(short) > len(long) {
		short, long = long, short
	}
	al := Alignment{Min: 1}
	j := 0
	first, last := -1, -1
	sum := 0.0
	for _, s := range short {
		found := false
		for k := j; k < len(long); k++ {
			if sim := TokenSimilarity(s, long[k]); sim >= minSim {
				al.Matched++
				sum += sim
				if sim < al.Min {
					al.Min = sim
				}
				if first < 0 {
					first = k
				}
				last = k
				j = k + 1
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	if al.Matched > 0 {
		al.Mean = sum / float64(al.Matched)
		al.SkippedInside = last - first + 1 - al.Matched
		al.SkippedAfter = len(long) - 1 - last
	}
	return al
}

// Initials returns the first letters of the words of a name, skipping
// function words: "Islamic State of Iraq and Syria" → "isis".
func Initials(toks []string) string {
	var b strings.Builder
	for _, t := range toks {
		if StopWord(t) || t == "" {
			continue
		}
		b.WriteByte(t[0])
	}
	return b.String()
}

// StopWord reports the English function words that acronyms skip.
func StopWord(t string) bool {
	switch t {
	case "of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "du", "des", "la", "le", "et", "&":
		return true
	}
	return false
}

// IsAcronym reports whether a surface form looks like an acronym: two to
// eight letters, all capitals, optionally dotted ("U.S.", "IRGC", "ISIL").
func IsAcronym(s string) bool {
	letters, lower := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			letters++
		case 'a' <= c && c <= 'z':
			lower++
		case c == '.' || c == '-' || c == '&':
		case '0' <= c && c <= '9':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 8 && lower <= 1 && lower < letters
}
