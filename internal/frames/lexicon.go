package frames

//go:generate go run ./internal/genlexicon -out data/vader.tsv

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/vader.tsv
var vaderData string

//go:embed data/news_terms.tsv
var newsData string

// Term roles (see data/news_terms.tsv).
const (
	roleLabel    = "label"
	roleActor    = "actor"
	roleAgent    = "agent"
	rolePatient  = "patient"
	roleReported = "reported"
	roleNeutral  = "neutral"
	roleGeneral  = "general" // a word of the general-purpose lexicon
)

// term is one lexicon entry.
type term struct {
	words  []string // lower-case tokens
	weight float64  // -1..+1
	role   string
}

// Lexicon is the compiled word list: single tokens and multi-token terms
// indexed by their first token.
type Lexicon struct {
	single map[string]term
	multi  map[string][]term
}

// lookup returns the longest term starting at low[i].
func (l *Lexicon) lookup(low []string, i int) (term, bool) {
	best, found := term{}, false
	for _, t := range l.multi[low[i]] {
		if i+len(t.words) > len(low) || (found && len(t.words) <= len(best.words)) {
			continue
		}
		ok := true
		for k, w := range t.words {
			if low[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			best, found = t, true
		}
	}
	if found {
		return best, true
	}
	t, ok := l.single[low[i]]
	return t, ok
}

var defaultLexicon = sync.OnceValues(func() (*Lexicon, error) {
	return buildLexicon(vaderData, newsData, DefaultOptions().GeneralWeight)
})

// DefaultLexicon returns the embedded lexicon (VADER words scaled by the
// default GeneralWeight, overridden by the news terms), compiled once.
func DefaultLexicon() (*Lexicon, error) { return defaultLexicon() }

// buildLexicon compiles the general lexicon (word, valence -4..+4) and the
// news terms (term, weight, role); news terms win over general words.
func buildLexicon(general, news string, generalWeight float64) (*Lexicon, error) {
	l := &Lexicon{single: map[string]term{}, multi: map[string][]term{}}
	sc := bufio.NewScanner(strings.NewReader(general))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		w, v, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("vader.tsv line %d: no tab", n)
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("vader.tsv line %d: %w", n, err)
		}
		l.single[w] = term{words: []string{w}, weight: f / 4 * generalWeight, role: roleGeneral}
	}
	sc = bufio.NewScanner(strings.NewReader(news))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("news_terms.tsv line %d: want 3 fields, have %d", n, len(f))
		}
		wt, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("news_terms.tsv line %d: %w", n, err)
		}
		switch f[2] {
		case roleLabel, roleActor, roleAgent, rolePatient, roleReported, roleNeutral:
		default:
			return nil, fmt.Errorf("news_terms.tsv line %d: unknown role %q", n, f[2])
		}
		t := term{words: strings.Fields(f[0]), weight: wt, role: f[2]}
		if len(t.words) == 1 {
			l.single[t.words[0]] = t
		} else {
			l.multi[t.words[0]] = append(l.multi[t.words[0]], t)
		}
	}
	return l, nil
}
