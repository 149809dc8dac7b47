package stories

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Key namespaces: content terms and entity keys share one document-frequency
// table, so entity keys carry a prefix that no content term can have.
const entityPrefix = "e:"

// features is what the clusterer reads from one document: raw (IDF-free)
// weights of its content terms and entity keys, and display names for the
// entity keys.
type features struct {
	terms    map[string]float64 // stem -> 1+log(tf), title occurrences counted twice
	entities map[string]float64 // normalised entity key -> 1+log(count)
	display  map[string]string  // entity key -> most frequent surface form
}

// token is one word of a document with what the entity fallback needs to know.
type token struct {
	text      string // surface form, apostrophes and possessive 's removed
	upper     bool   // starts with an upper-case letter
	allCaps   bool   // two or more letters, all upper case
	sentStart bool   // first word of a sentence, a line or the title
	breakNext bool   // punctuation other than an apostrophe or hyphen follows
}

// tokenize splits text into words: maximal runs of letters and digits, with
// inner apostrophes dropped (O'Brien -> OBrien) and a possessive 's removed.
// Hyphens split words, so "hit-and-run" and "61-year-old" give their parts.
func tokenize(text string, out []token) []token {
	sentStart := true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?', '\n', ':', ';', '"', '“', '”', '(', ')', '|':
				sentStart = true
			}
			if len(out) > 0 && r != '\'' && r != '’' && r != '-' && r != ' ' {
				out[len(out)-1].breakNext = true
			}
			i += size
			continue
		}
		var b strings.Builder
		letters, uppers := 0, 0
		first := true
		upper := false
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r) {
				if first {
					upper = unicode.IsUpper(r)
					first = false
				}
				if unicode.IsLetter(r) {
					letters++
					if unicode.IsUpper(r) {
						uppers++
					}
				}
				b.WriteRune(r)
				j += size
				continue
			}
			if r == '\'' || r == '’' {
				// An apostrophe inside a word: keep going unless it starts a
				// possessive or contraction suffix ('s, 't, 'll, ...).
				k := j + size
				n, nsize := utf8.DecodeRuneInString(text[k:])
				if k < len(text) && unicode.IsLetter(n) {
					rest := k
					for rest < len(text) {
						rr, rs := utf8.DecodeRuneInString(text[rest:])
						if !isWordRune(rr) {
							break
						}
						rest += rs
					}
					suffix := strings.ToLower(text[k:rest])
					if suffix == "s" || suffix == "t" || suffix == "ll" || suffix == "re" || suffix == "ve" || suffix == "d" || suffix == "m" {
						j = rest
						break
					}
					_ = nsize
					j = k
					continue
				}
			}
			break
		}
		out = append(out, token{
			text:      b.String(),
			upper:     upper,
			allCaps:   letters >= 2 && uppers == letters,
			sentStart: sentStart,
		})
		sentStart = false
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// extraStopWords are function words and news-wire filler the snowball list
// lacks. They carry no story and would otherwise enter blocking keys while
// document frequencies are still young.
var extraStopWords = map[string]bool{
	"also": true, "would": true, "could": true, "may": true, "might": true, "must": true,
	"said": true, "says": true, "say": true, "told": true, "one": true, "two": true,
	"many": true, "much": true, "like": true, "get": true, "got": true, "since": true,
	"yet": true, "still": true, "even": true, "upon": true, "within": true, "without": true,
	"among": true, "per": true, "via": true, "us": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "am": true, "pm": true, "new": true, "year": true, "years": true, "day": true,
	"days": true, "time": true, "last": true, "first": true, "according": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tomorrow": true,
	"updated": true, "posted": true, "reported": true, "report": true, "reports": true,
	"news": true, "story": true, "stories": true, "read": true, "comments": true,
	"http": true, "https": true, "www": true, "com": true,
}

var monthNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

func isStopWord(lower string) bool {
	return english.IsStopWord(lower) || extraStopWords[lower] || monthNames[lower]
}

// contentTerm maps a lower-case word to its index term, or "" when the word
// is a stop word or too short to mean anything. Numbers stay as they are:
// "23 pirates" and "26 pirates" are different events.
func contentTerm(lower string, stems map[string]string) string {
	if len(lower) < 2 {
		if lower >= "0" && lower <= "9" {
			return lower
		}
		return ""
	}
	if isStopWord(lower) {
		return ""
	}
	if isNumeric(lower) {
		return lower
	}
	if s, ok := stems[lower]; ok {
		return s
	}
	return stemWord(lower, stems)
}

// stemWord stems a lower-case word with the Snowball English stemmer and
// caches the result while the cache is small.
func stemWord(lower string, stems map[string]string) string {
	s := english.Stem(lower, true)
	if len(stems) < maxStemCache {
		stems[lower] = s
	}
	return s
}

const maxStemCache = 1 << 16

func isNumeric(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// extract reads the features of one document. names are entity names from
// the caller's recogniser; when nil, capitalised word sequences stand in.
func extract(in Input, opt *Options, stems map[string]string, buf []token) (features, []token) {
	f := features{
		terms:    make(map[string]float64),
		entities: make(map[string]float64),
		display:  make(map[string]string),
	}
	title := tokenize(in.Title, buf[:0])
	nTitle := len(title)
	lead := leadText(in.Text, opt.LeadSentences)
	all := tokenize(lead, title)
	nLead := len(all)
	all = tokenize(in.Text[len(lead):], all)
	counts := make(map[string]int)
	for i, t := range all {
		term := contentTerm(strings.ToLower(t.text), stems)
		if term == "" {
			continue
		}
		counts[term]++
		if i < nLead {
			// The headline and the lede say what happened; background
			// (an earlier, similar event) comes further down.
			counts[term] += opt.TermLeadWeight
		}
	}
	for term, n := range counts {
		f.terms[term] = 1 + math.Log(float64(n))
	}

	names := in.Entities
	if names == nil {
		names = capitalisedPhrases(all, nTitle)
	}
	ecounts := make(map[string]int)
	surface := make(map[string]map[string]int)
	if opt.EntityLeadWeight > 0 {
		head := strings.ToLower(in.Title + "\n" + lead)
		seen := make(map[string]bool)
		for _, name := range names {
			l := strings.ToLower(name)
			if seen[l] || !strings.Contains(head, l) {
				continue
			}
			seen[l] = true
			for _, key := range entityKeys(name) {
				ecounts[key] += opt.EntityLeadWeight
			}
		}
	}
	for _, name := range names {
		for _, key := range entityKeys(name) {
			ecounts[key] += opt.EntityBodyWeight
			if surface[key] == nil {
				surface[key] = make(map[string]int)
			}
			surface[key][name]++
		}
	}
	for key, n := range ecounts {
		// Square root, not 1+log: the name a document keeps repeating
		// (its protagonist) should outweigh one it mentions in passing
		// more than sublinear damping of terms allows.
		f.entities[key] = math.Sqrt(float64(n))
		f.display[key] = mostFrequent(surface[key])
	}
	return f, all
}

// leadText returns the first n sentences of text (at least a few words;
// a sentence ends at ". ", "! " or "? " followed by a capital or a quote, or
// at a line break).
func leadText(text string, n int) string {
	if n <= 0 {
		return ""
	}
	const minBytes = 40
	count := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := false
		if c == '\n' {
			end = true
		} else if (c == '.' || c == '!' || c == '?') && i+2 < len(text) && text[i+1] == ' ' {
			r, _ := utf8.DecodeRuneInString(text[i+2:])
			end = unicode.IsUpper(r) || r == '"' || r == '“'
		}
		if end && i >= minBytes {
			count++
			if count == n {
				return text[:i+1]
			}
		}
	}
	return text
}

// capitalisedPhrases is the fallback entity recogniser: runs of capitalised
// words. Capitalisation proves little at a sentence start, in a title-case
// headline or in shouted (all-caps) text, so a word there counts only when
// the document also capitalises it in the middle of a sentence; and a word
// the document also writes in lower case is an ordinary word.
func capitalisedPhrases(toks []token, nTitle int) []string {
	lowerSeen := make(map[string]bool)
	midCap := make(map[string]bool) // capitalised in the middle of a body sentence
	titleCase := isTitleCase(toks[:nTitle])
	for i, t := range toks {
		if !startsWithLetter(t.text) {
			continue
		}
		lower := strings.ToLower(t.text)
		if !t.upper {
			lowerSeen[lower] = true
			continue
		}
		inTitle := i < nTitle
		if !t.sentStart && !(inTitle && titleCase) && !(t.allCaps && len(t.text) > 4) && !isCapsRun(toks, i) {
			midCap[lower] = true
		}
	}
	var out []string
	var run []string
	flush := func() {
		if len(run) > 0 {
			out = append(out, strings.Join(run, " "))
			run = run[:0]
		}
	}
	for i, t := range toks {
		if i == nTitle || t.sentStart {
			flush()
		}
		lower := strings.ToLower(t.text)
		name := t.upper && startsWithLetter(t.text) && !isStopWord(lower) && !lowerSeen[lower]
		if name {
			weak := t.sentStart || (i < nTitle && titleCase) || (t.allCaps && len(t.text) > 4) || isCapsRun(toks, i)
			// A weak position is enough when the run goes on with a
			// capitalised word ("Maurice Cheeks was ..."), since the
			// next word then vouches for both.
			if weak && !midCap[lower] && !nextIsName(toks, i, lowerSeen, midCap) {
				name = false
			}
		}
		if name {
			run = append(run, t.text)
		} else {
			flush()
		}
		if t.breakNext {
			flush()
		}
	}
	flush()
	return out
}

// nextIsName reports whether the word after toks[i], in the same phrase, is
// capitalised in the middle of a sentence somewhere in the document.
func nextIsName(toks []token, i int, lowerSeen, midCap map[string]bool) bool {
	if i+1 >= len(toks) || toks[i].breakNext || toks[i+1].sentStart {
		return false
	}
	n := strings.ToLower(toks[i+1].text)
	return toks[i+1].upper && midCap[n] && !lowerSeen[n] && !isStopWord(n)
}

// isTitleCase reports whether most content words of a headline start with a
// capital ("Chargers Lineman Faces DUI Charges").
func isTitleCase(toks []token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		lower := strings.ToLower(t.text)
		if !startsWithLetter(t.text) || isStopWord(lower) {
			continue
		}
		words++
		if t.upper {
			caps++
		}
	}
	return words >= 2 && caps*4 >= words*3
}

// isCapsRun reports whether the token is all caps among other all-caps words.
func isCapsRun(toks []token, i int) bool {
	if !toks[i].allCaps {
		return false
	}
	n := 0
	for j := max(0, i-2); j < min(len(toks), i+3); j++ {
		if j != i && toks[j].allCaps {
			n++
		}
	}
	return n >= 2
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// topKeys returns the n keys with the highest weight, heaviest first, ties
// broken by key so that the choice does not depend on map order. It keeps a
// small sorted list rather than sorting everything: n is a dozen, the map a
// few hundred.
func topKeys(w map[string]float64, n int) []string {
	top := make([]Weight, 0, n+1)
	for k, v := range w {
		x := Weight{Key: k, W: v}
		if len(top) == n && !heavier(x, top[n-1]) {
			continue
		}
		i := len(top)
		top = append(top, x)
		for i > 0 && heavier(x, top[i-1]) {
			top[i] = top[i-1]
			i--
		}
		top[i] = x
		if len(top) > n {
			top = top[:n]
		}
	}
	keys := make([]string, len(top))
	for i, x := range top {
		keys[i] = x.Key
	}
	return keys
}

func heavier(a, b Weight) bool {
	return a.W > b.W || (a.W == b.W && a.Key < b.Key)
}

// sortWeights orders by weight, heaviest first, then by key.
func sortWeights(ws []Weight) {
	slices.SortFunc(ws, func(a, b Weight) int {
		if c := cmp.Compare(b.W, a.W); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
}

func mostFrequent(m map[string]int) string {
	best, bestN := "", -1
	for s, n := range m {
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	return best
}

// entityKeys normalises an entity name into the keys it is matched by: the
// whole name and, for a name of several words, each word that is not a stop
// word, so that "Jamal Williams" and a later bare "Williams" meet.
func entityKeys(name string) []string {
	toks := tokenize(name, nil)
	if len(toks) == 0 {
		return nil
	}
	words := make([]string, 0, len(toks))
	for _, t := range toks {
		words = append(words, strings.ToLower(t.text))
	}
	keys := []string{entityPrefix + strings.Join(words, " ")}
	if len(words) > 1 {
		for _, w := range words {
			if len(w) > 1 && !isStopWord(w) {
				keys = append(keys, entityPrefix+w)
			}
		}
	}
	return keys
}
