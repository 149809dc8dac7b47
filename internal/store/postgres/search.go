package postgres

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parallaxhq/parallax/internal/store"
)

// maxQueryTerms bounds how many terms a search may have, so that a pasted
// page of text cannot make one query scan the index thousands of times.
const maxQueryTerms = 64

// snippetTokens is how many words a snippet shows, as in the SQLite store.
const snippetTokens = 24

// Search implements store.Store: the query is rebuilt by parseQuery (so
// nothing a user types reaches tsquery syntax) and ranked with title
// matches weighing four times text matches. Snippets are cut here rather
// than by ts_headline, because ts_headline re-parses the raw text with
// PostgreSQL's parser, which reads "example.com" or "3.5" as one word and
// so would not mark a match inside them that the index (fed punctuation-free
// text) did find; marking the same words FTS5 marks needs the same
// tokenization, which is ours.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]store.SearchHit, error) {
	pq := parseQuery(query)
	tq := pq.tsquery()
	if tq == "" {
		return []store.SearchHit{}, nil
	}
	rows, err := s.pool.Query(ctx, `WITH q AS (SELECT to_tsquery('`+ftsConfig+`', $1) AS q),
		hits AS (
			SELECT d.seq, ts_rank('{0.1, 0.1, 0.25, 1.0}', d.tsv, q.q, 1) AS r
			FROM documents d, q WHERE d.tsv @@ q.q
			ORDER BY r DESC, d.seq LIMIT $2)
		SELECT `+prefixCols("d.")+`, left(d.text, `+fmt.Sprint(maxIndexedChars)+`), hits.r
		FROM hits JOIN documents d ON d.seq = hits.seq
		ORDER BY hits.r DESC, hits.seq`, tq, limitOf(limit))
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	out := []store.SearchHit{}
	for rows.Next() {
		var h store.SearchHit
		var seq, sim int64
		var meta, body string
		var rank float32
		if err := rows.Scan(append(docDest(&h.Doc, &seq, &sim, &meta, false), &body, &rank)...); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		finishDoc(&h.Doc, seq, sim, meta, false)
		h.Rank = float64(rank)
		h.Snippet = snippet(body, pq)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return out, nil
}

// queryTerm is a word or a phrase; prefix applies to its last word.
type queryTerm struct {
	words  []string
	prefix bool
}

// parsedQuery is a search as the SQLite store reads it: terms, and OR
// between some of them (or[i] is true when an OR stands before term i).
type parsedQuery struct {
	terms []queryTerm
	or    []bool
}

// parseQuery reads user input the way the SQLite store does: words are
// AND-ed, "quoted phrases" stay phrases, a trailing * asks for a prefix, and
// OR between terms is kept (AND binds tighter, as in FTS5). A leading,
// trailing or repeated OR is dropped. Only runs of letters and digits
// survive as words, so nothing else the user types means anything.
func parseQuery(q string) parsedQuery {
	var pq parsedQuery
	pendingOr := false
	add := func(t queryTerm) {
		if len(pq.terms) >= maxQueryTerms {
			return
		}
		pq.terms = append(pq.terms, t)
		pq.or = append(pq.or, pendingOr && len(pq.terms) > 1)
		pendingOr = false
	}
	inPhrase := false
	for _, chunk := range strings.Split(q, `"`) {
		if inPhrase {
			if ws := queryWords(chunk); len(ws) > 0 {
				add(queryTerm{words: ws})
			}
		} else {
			for _, f := range strings.Fields(chunk) {
				if f == "OR" {
					pendingOr = true
					continue
				}
				prefix := strings.HasSuffix(f, "*")
				for _, w := range queryWords(f) {
					add(queryTerm{words: []string{w}, prefix: prefix})
				}
			}
		}
		inPhrase = !inPhrase
	}
	return pq
}

// tsquery renders the query for to_tsquery. Every word is single-quoted and
// holds only letters, digits, marks and underscores, so it cannot carry an
// operator, a quote or a backslash; the text search configuration folds its
// case and accents as it does the documents'.
func (pq parsedQuery) tsquery() string {
	var b strings.Builder
	for i, t := range pq.terms {
		switch {
		case i == 0:
		case pq.or[i]:
			b.WriteString(" | ")
		default:
			b.WriteString(" & ")
		}
		if len(t.words) > 1 {
			b.WriteByte('(')
		}
		for j, w := range t.words {
			if j > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString("'" + w + "'")
		}
		if t.prefix {
			b.WriteString(":*")
		}
		if len(t.words) > 1 {
			b.WriteByte(')')
		}
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r > 127 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// queryWords splits s into the letter and digit runs the SQLite store's
// tokenizer sees (underscore kept inside a word, as there).
func queryWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// token is one word of a document's text, by byte offsets.
type token struct {
	start, end int
	folded     string
}

// textTokens splits text into words as FTS5's unicode61 tokenizer does
// (underscore separates), each folded for comparison with query words.
func textTokens(text string) []token {
	var toks []token
	start := -1
	for i, r := range text {
		word := r != '_' && isWordRune(r)
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			toks = append(toks, token{start, i, fold(text[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, token{start, len(text), fold(text[start:])})
	}
	return toks
}

// fold lower-cases w and strips its accents, as parallax_fts does.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// snippet returns about snippetTokens words of text around the best cluster
// of matches, each match wrapped in [ and ], with " … " where text was cut
// (the SQLite store's snippet(docs_fts, 1, '[', ']', ' … ', 24)). As in
// FTS5, only terms of an OR branch that the text satisfies are marked.
func snippet(text string, pq parsedQuery) string {
	toks := textTokens(text)
	if len(toks) == 0 {
		return ""
	}
	// Folded words of each term; "a_b" in a query is the phrase a b.
	phrases := make([][]string, len(pq.terms))
	for i, t := range pq.terms {
		for _, w := range t.words {
			for _, p := range strings.Split(w, "_") {
				if p != "" {
					phrases[i] = append(phrases[i], fold(p))
				}
			}
		}
	}
	at := func(i, p int) bool {
		ws := phrases[p]
		if len(ws) == 0 || i+len(ws) > len(toks) {
			return false
		}
		for j, w := range ws {
			tw := toks[i+j].folded
			if tw != w && !(pq.terms[p].prefix && j == len(ws)-1 && strings.HasPrefix(tw, w)) {
				return false
			}
		}
		return true
	}
	// Which terms occur, then which OR branches (runs of AND-ed terms) hold.
	found := make([]bool, len(phrases))
	for p := range phrases {
		for i := range toks {
			if at(i, p) {
				found[p] = true
				break
			}
		}
	}
	use := make([]bool, len(phrases))
	for start := 0; start < len(phrases); {
		end := start + 1
		for end < len(phrases) && !pq.or[end] {
			end++
		}
		all := true
		for p := start; p < end; p++ {
			all = all && found[p]
		}
		for p := start; p < end; p++ {
			use[p] = all
		}
		start = end
	}
	// The instances of the terms in use, in text order.
	type instance struct{ pos, term, size int }
	var insts []instance
	for i := range toks {
		for p, ws := range phrases {
			if use[p] && at(i, p) {
				insts = append(insts, instance{i, p, len(ws)})
			}
		}
	}
	// Choose the window as FTS5's snippet() does: score the window starting
	// at each instance (1000 for each distinct term in it, 1 for each repeat)
	// and centre its instances in it; also try the start of the sentence the
	// instance is in, with a bonus of 100 (120 at the start of the text).
	// The first best score wins.
	n := min(snippetTokens, len(toks))
	score := func(from int) (int, int) {
		seen := map[int]bool{}
		total, first, last := 0, -1, 0
		for _, in := range insts {
			if in.pos < from || in.pos >= from+snippetTokens {
				continue
			}
			if seen[in.term] {
				total++
			} else {
				total += 1000
				seen[in.term] = true
			}
			if first < 0 {
				first = in.pos
			}
			last = in.pos + in.size
		}
		adj := first - (snippetTokens-(last-first))/2
		if adj+snippetTokens > len(toks) {
			adj = len(toks) - snippetTokens
		}
		return total, max(adj, 0)
	}
	sentences := sentenceStarts(text, toks)
	best, bestScore := 0, 0
	for _, in := range insts {
		if sc, adj := score(in.pos); sc > bestScore {
			best, bestScore = adj, sc
		}
		if len(sentences) > 0 && len(toks) > snippetTokens {
			jj := 0
			for jj < len(sentences)-1 && sentences[jj+1] <= in.pos {
				jj++
			}
			if s := sentences[jj]; s < in.pos {
				sc, _ := score(s)
				if s == 0 {
					sc += 120
				} else {
					sc += 100
				}
				if sc > bestScore {
					best, bestScore = s, sc
				}
			}
		}
	}
	last := best + n - 1
	// Spans to mark: instances inside the window, overlapping ones merged.
	var spans [][2]int
	for _, in := range insts {
		if in.pos < best || in.pos > last {
			continue
		}
		end := min(in.pos+in.size-1, last)
		if k := len(spans) - 1; k >= 0 && in.pos <= spans[k][1] {
			spans[k][1] = max(spans[k][1], end)
			continue
		}
		spans = append(spans, [2]int{in.pos, end})
	}
	var b strings.Builder
	pos := 0
	if best > 0 {
		b.WriteString(" … ")
		pos = toks[best].start
	}
	for _, sp := range spans {
		b.WriteString(text[pos:toks[sp[0]].start])
		b.WriteString("[" + text[toks[sp[0]].start:toks[sp[1]].end] + "]")
		pos = toks[sp[1]].end
	}
	if last >= len(toks)-1 {
		b.WriteString(text[pos:])
	} else {
		b.WriteString(text[pos:toks[last].end])
		b.WriteString(" … ")
	}
	return b.String()
}

// sentenceStarts returns the tokens that begin a sentence as FTS5's
// snippet() sees them: the first token of the text, and any token preceded
// by white space preceded by '.' or ':'.
func sentenceStarts(text string, toks []token) []int {
	var out []int
	for i, t := range toks {
		if t.start == 0 {
			out = append(out, i)
			continue
		}
		j := t.start - 1
		for j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') {
			j--
		}
		if j != t.start-1 && j >= 0 && (text[j] == '.' || text[j] == ':') {
			out = append(out, i)
		}
	}
	return out
}
