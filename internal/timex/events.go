package timex

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
)

//go:embed data/events.tsv
var eventsTSV string

// Event is a well-known dated news event that publication-date inference
// can tie relative expressions to ("last week" next to "Jurf al-Sakher").
type Event struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Aliases  []string  `json:"aliases"`
	Triggers string    `json:"triggers"` // trigger set name, "-" for none needed
	Begin    time.Time `json:"begin"`
	End      time.Time `json:"end"`
	Wikidata string    `json:"wikidata,omitempty"`
}

// triggerSets are word prefixes one of which must share a sentence with an
// alias for a place or a person to stand for the event.
var triggerSets = map[string][]string{
	"battle":       {"battle", "fight", "offensive", "operation", "retook", "retake", "recaptur", "liberat", "retreat", "siege", "besieg", "assault", "victor", "freed", "captur", "clash", "front", "push", "advanc", "storm", "encircl", "defeat", "seized", "eject", "surround", "militia", "troops"},
	"killing":      {"kill", "assassinat", "martyr", "death", "died", "slain", "murder", "funeral", "mourn", "drone strike", "airstrike", "air strike"},
	"attack":       {"attack", "bomb", "blast", "explosion", "killed"},
	"fall":         {"fell", "fall", "captur", "seiz", "overran", "overrun", "took control", "taken", "swept"},
	"liberation":   {"liberat", "retook", "retake", "retaken", "recaptur", "freed", "broke the siege", "broken", "break the siege", "lifted", "victory", "cleared"},
	"capture":      {"captur", "arrest", "caught", "spider hole"},
	"execution":    {"execut", "hanged", "hanging"},
	"election":     {"elect", "vote", "won the", "victory", "poll"},
	"inauguration": {"inaugurat", "sworn in", "took office", "assumed office"},
	"war":          {"war", "invasion", "invaded", "invade", "troops", "launched"},
	"disaster":     {"earthquake", "quake", "tsunami", "struck", "hurricane"},
	"collapse":     {"collapse", "bankrupt", "failure", "went under"},
	"withdrawal":   {"withdr", "pull out", "pulled out", "left iraq", "exit"},
	"protest":      {"protest", "uprising", "demonstrat"},
	"coup":         {"coup", "ousted", "ouster", "overthr", "removed", "toppl"},
	"victory":      {"declared", "victory", "announced"},
	// era: the name of something that began on the date (an organisation, an
	// agreement); a mention is a lower bound, never an anchor for "last week".
	"era": nil,
}

// personTriggers are trigger sets whose alias is a person: such events
// never give a lower bound by mere mention, since "X killed" and "X was
// killed" look the same to word matching.
var personTriggers = map[string]bool{"killing": true, "election": true, "inauguration": true, "capture": true, "execution": true, "withdrawal": true}

// Events returns the embedded event list, parsed once.
var Events = sync.OnceValue(func() []Event {
	evs, err := ParseEvents(eventsTSV)
	if err != nil {
		panic(err) // the embedded file is checked by tests
	}
	return evs
})

// ParseEvents reads the tab-separated event list format of data/events.tsv.
func ParseEvents(tsv string) ([]Event, error) {
	var out []Event
	sc := bufio.NewScanner(strings.NewReader(tsv))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 7 {
			return nil, fmt.Errorf("timex events line %d: %d fields, want 7", line, len(f))
		}
		b, err1 := time.Parse("2006-01-02", f[1])
		e, err2 := time.Parse("2006-01-02", f[2])
		if err1 != nil || err2 != nil || e.Before(b) {
			return nil, fmt.Errorf("timex events line %d: bad dates %q..%q", line, f[1], f[2])
		}
		if _, ok := triggerSets[f[4]]; f[4] != "-" && !ok {
			return nil, fmt.Errorf("timex events line %d: unknown trigger set %q", line, f[4])
		}
		ev := Event{ID: f[0], Begin: b, End: e, Wikidata: f[3], Triggers: f[4], Name: f[5]}
		for _, a := range strings.Split(f[6], "|") {
			if a = strings.TrimSpace(a); a != "" {
				ev.Aliases = append(ev.Aliases, a)
			}
		}
		if len(ev.Aliases) == 0 {
			return nil, fmt.Errorf("timex events line %d: no aliases", line)
		}
		out = append(out, ev)
	}
	return out, sc.Err()
}

// aliasIndex maps the consonant skeleton of an alias to the events it names.
type aliasIndex struct {
	byKey map[string][]aliasRef
	// prefixes holds every prefix of every key (keys included): a run of
	// words whose skeletons join into no prefix can grow into no alias
	prefixes map[string]bool
	maxWords int
}

type aliasRef struct {
	event  int
	alias  string
	proper bool // the alias starts with a capital: the text must too
	nWords int
}

var defaultIndex = sync.OnceValue(func() *aliasIndex { return buildIndex(Events()) })

func buildIndex(evs []Event) *aliasIndex {
	ix := &aliasIndex{byKey: map[string][]aliasRef{}, prefixes: map[string]bool{}}
	for k, ev := range evs {
		for _, a := range ev.Aliases {
			words := skeletonWords(a)
			key := strings.Join(words, "")
			if key == "" {
				continue
			}
			r, _ := firstRune(a)
			ix.byKey[key] = append(ix.byKey[key], aliasRef{event: k, alias: a, proper: unicode.IsUpper(r) || unicode.IsDigit(r), nWords: len(words)})
			for n := 1; n <= len(key); n++ {
				ix.prefixes[key[:n]] = true
			}
			if len(words) > ix.maxWords {
				ix.maxWords = len(words)
			}
		}
	}
	if ix.maxWords < 2 {
		ix.maxWords = 2
	}
	ix.maxWords++
	return ix
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// articles dropped before matching: "al-Sakher" and "Sakher" are one name.
var nameArticles = map[string]bool{"al": true, "el": true, "ad": true, "ar": true, "as": true, "ash": true, "at": true, "az": true, "the": true, "of": true}

// skeleton reduces a word to consonants so transliterations meet: Soleimani,
// Suleimani and Sulaimani → slmn; Jurf, Jaref → jrf; Fallujah, Falluja → flj;
// Qasem, Qassem, Kasim → ksm.
func skeleton(w string) string {
	var buf [64]byte
	if b, ok := skeletonASCII(buf[:0], w); ok {
		return string(b)
	}
	var b strings.Builder
	low := []rune(strings.ToLower(foldAccents(w)))
	// a final vowel+h is a spelling of a final vowel (Fallujah, Daesh stays)
	if n := len(low); n > 2 && low[n-1] == 'h' && strings.ContainsRune("aeiou", low[n-2]) {
		low = low[:n-1]
	}
	var last rune
	for _, r := range low {
		switch {
		case strings.ContainsRune("aeiouy'’`", r):
			continue
		case r == 'q':
			r = 'k'
		case r == 'c' && last != 's':
			r = 'k'
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// skeletonASCII is skeleton for plain ASCII words, without allocating; it
// reports false for anything else.
func skeletonASCII(b []byte, w string) ([]byte, bool) {
	n := len(w)
	for k := 0; k < n; k++ {
		if w[k] >= 0x80 {
			return b, false
		}
	}
	lower := func(c byte) byte {
		if c >= 'A' && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	if n > 2 && lower(w[n-1]) == 'h' && isVowel(lower(w[n-2])) {
		n--
	}
	var last byte
	for k := 0; k < n; k++ {
		c := lower(w[k])
		switch {
		case isVowel(c) || c == 'y' || c == '\'' || c == '`':
			continue
		case c == 'q':
			c = 'k'
		case c == 'c' && last != 's':
			c = 'k'
		}
		if !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') {
			continue
		}
		if c == last {
			continue
		}
		b = append(b, c)
		last = c
	}
	return b, true
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func foldAccents(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'á', 'à', 'â', 'ä', 'ā':
			return 'a'
		case 'é', 'è', 'ê', 'ë', 'ē':
			return 'e'
		case 'í', 'ì', 'î', 'ï', 'ī':
			return 'i'
		case 'ó', 'ò', 'ô', 'ö', 'ø', 'ō':
			return 'o'
		case 'ú', 'ù', 'û', 'ü', 'ū':
			return 'u'
		case 'ç':
			return 'c'
		case 'ş', 'š':
			return 's'
		case 'ğ':
			return 'g'
		}
		return r
	}, s)
}

// skeletonWords splits a phrase into words, drops name articles and
// reduces each word to its skeleton.
func skeletonWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }) {
		lw := strings.ToLower(w)
		if nameArticles[lw] {
			continue
		}
		if k := skeleton(w); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// eventMention is an alias of an event found in a sentence.
type eventMention struct {
	event    int
	alias    string
	sentence int
	start    int // byte offsets of the matched words
	end      int
}

// findEventMentions matches aliases in one sentence's tokens.
func (ix *aliasIndex) findEventMentions(toks []token, sentence int) []eventMention {
	type word struct {
		key        [2]int // the skeleton is keys[key[0]:key[1]]
		start, end int
		proper     bool
	}
	var buf [64]byte
	words := make([]word, 0, len(toks))
	keys := make([]byte, 0, 4*len(toks))
	for _, t := range toks {
		if t.kind == tokPunct {
			continue
		}
		if nameArticles[t.low] {
			continue
		}
		var k []byte
		if b, ok := skeletonASCII(buf[:0], t.text); ok {
			k = b
		} else {
			k = []byte(skeleton(t.text))
		}
		if len(k) == 0 {
			continue
		}
		r, _ := firstRune(t.text)
		words = append(words, word{key: [2]int{len(keys), len(keys) + len(k)}, start: t.start, end: t.end, proper: unicode.IsUpper(r) || unicode.IsDigit(r)})
		keys = append(keys, k...)
	}
	var out []eventMention
	key := make([]byte, 0, 64)
	for i := range words {
		key = key[:0]
		for n := 1; n <= ix.maxWords && i+n <= len(words); n++ {
			w := words[i+n-1].key
			key = append(key, keys[w[0]:w[1]]...)
			if !ix.prefixes[string(key)] {
				break // no alias starts with these words
			}
			refs := ix.byKey[string(key)]
			for _, r := range refs {
				if r.proper && !words[i].proper {
					continue
				}
				if len(key) <= 3 && !strings.EqualFold(r.alias, textOf(toks, words[i].start, words[i+n-1].end)) {
					continue // very short skeletons must match the alias spelling
				}
				out = append(out, eventMention{event: r.event, alias: r.alias, sentence: sentence, start: words[i].start, end: words[i+n-1].end})
			}
		}
	}
	return out
}

// textOf rebuilds the text of tokens spanning [start, end).
func textOf(toks []token, start, end int) string {
	var b strings.Builder
	for _, t := range toks {
		if t.start >= start && t.end <= end {
			if b.Len() > 0 && t.space {
				b.WriteByte(' ')
			}
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// hasTrigger reports whether a sentence (lower case) holds a word of the set.
func hasTrigger(lowSentence, set string) bool {
	if set == "-" || set == "era" {
		return true
	}
	for _, p := range triggerSets[set] {
		if containsWordPrefix(lowSentence, p) {
			return true
		}
	}
	return false
}

// containsWordPrefix finds p in s at the start of a word.
func containsWordPrefix(s, p string) bool {
	for off := 0; ; {
		k := strings.Index(s[off:], p)
		if k < 0 {
			return false
		}
		at := off + k
		if at == 0 || !isASCIILetter(s[at-1]) {
			return true
		}
		off = at + 1
	}
}
