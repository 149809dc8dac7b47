package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

// Removal reasons, as stored in model.RemovedLine.Reason.
const (
	ReasonDuplicateTitle    = "duplicate-title"
	ReasonUIWidget          = "ui-widget"
	ReasonCounter           = "counter"
	ReasonRelatedLinks      = "related-links"
	ReasonImageCredit       = "image-credit"
	ReasonOtherLanguage     = "other-language"
	ReasonRepeatedParagraph = "repeated-paragraph"
	ReasonRepeatedSentence  = "repeated-sentence"
	ReasonDateLine          = "date-line"
	ReasonByline            = "byline"
)

// line is one line of a document with the features furniture is judged by.
type line struct {
	text        string   // trimmed
	paraStart   bool     // a blank line (or the start) comes before it
	words       []string // lower-cased word tokens
	terminal    bool     // ends like a sentence
	ui          int      // furniture weight of its words
	content     int      // words neither furniture nor function words
	titleCase   float64  // share of capitalised words among the non-function words
	reader      bool     // addresses the reader
	script      Script
	letters     int
	reason      string
	otherLang   string // language, when the line is in another one than the document
	contentLike bool   // reads like a paragraph of the article
}

// lineTokens splits s into lower-cased words: runs of letters and digits,
// keeping inner apostrophes and hyphens ("you're", "al-sakher"). Square
// brackets vanish so that an editor's "[W]hat" reads as "what".
func lineTokens(s string) []string {
	out := make([]string, 0, len(s)/6+1)
	for i := 0; i < len(s); {
		// Fast path: an ASCII word with no bracket inside is a slice of s.
		j, upper, ascii := i, false, true
		for j < len(s) {
			c := s[j]
			if c >= 0x80 {
				ascii = false
				break
			}
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				j++
				continue
			}
			if c >= 'A' && c <= 'Z' {
				upper = true
				j++
				continue
			}
			if (c == '\'' || c == '-') && j > i && j+1 < len(s) && isASCIIWordByte(s[j+1]) {
				j++
				continue
			}
			break
		}
		if ascii && (j == len(s) || s[j] != '[' && s[j] != ']') {
			if j > i {
				w := s[i:j]
				if upper {
					w = strings.ToLower(w)
				}
				out = append(out, w)
				i = j
				continue
			}
			if s[i] == '[' || s[i] == ']' {
				i++
				continue
			}
			i++
			continue
		}
		// Slow path: a word with non-ASCII letters or brackets.
		w, next := slowWord(s, i)
		if w != "" {
			out = append(out, w)
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	return out
}

func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// slowWord reads the word starting at s[i:] rune by rune; it returns "" and
// the next index when s[i] starts no word.
func slowWord(s string, i int) (string, int) {
	var b strings.Builder
	prev := rune(0)
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == '[' || r == ']':
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r == '©' && b.Len() == 0:
			return "©", j + size
		case (r == '\'' || r == '’' || r == '-') && b.Len() > 0 && isWordRune(prev):
			next, _ := utf8.DecodeRuneInString(s[j+size:])
			if !isWordRune(next) {
				return b.String(), j + size
			}
			b.WriteRune(r)
		default:
			if b.Len() == 0 {
				return "", j + size
			}
			return b.String(), j
		}
		prev = r
		j += size
	}
	return b.String(), j
}

// endsSentence reports whether s ends like a sentence: . ! ? or … possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' || r == ']' || r == '»' || unicode.IsSpace(r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…' || r == '。' || r == '！' || r == '？' || r == '؟'
}

func newLine(text string, paraStart bool) line {
	l := line{text: text, paraStart: paraStart, words: lineTokens(text)}
	l.terminal = endsSentence(text)
	l.script, l.letters = scriptOf(text)
	caps, cands := 0, 0
	for _, w := range l.words {
		wt := uiWeight[w]
		l.ui += wt
		if readerWords[w] {
			l.reader = true
		}
		if stopWords[w] {
			continue
		}
		if wt == 0 {
			l.content++
		}
		cands++
	}
	if cands > 0 && len(l.words) <= 30 {
		// Capitalisation is read from the original text, word by word; only
		// short lines are judged by it.
		for _, f := range strings.Fields(text) {
			r, _ := utf8.DecodeRuneInString(strings.TrimLeft(f, "\"'“‘([«"))
			lw := strings.ToLower(strings.Trim(f, ".,;:!?\"'“”‘’()[]«»"))
			if stopWords[lw] || lw == "" {
				continue
			}
			if unicode.IsUpper(r) || unicode.IsDigit(r) {
				caps++
			}
		}
		l.titleCase = float64(caps) / float64(cands)
	}
	n := len(l.words)
	// A sentence that talks to the reader about the page does not open or
	// close the article body, however long.
	l.contentLike = (n >= 10 && l.terminal && !(l.reader && l.ui >= 2)) || n >= 30
	return l
}

// normKey is the comparison form of a line: its words joined by spaces.
func normKey(words []string) string { return strings.Join(words, " ") }

// cleanInput is what cleanLines needs besides the text.
type cleanInput struct {
	title         string          // the document title, to find its copies
	keepFirstLine bool            // the first line is the title as written (plain text)
	dayFirst      bool            // read 05/10/2018 as 5 October
	docScript     Script          // set by cleanLines when empty
	removeRepeats bool            // drop repeated paragraphs and sentences (plain text)
	links         *linkIndex      // the page's link texts (HTML)
	ownURLs       map[string]bool // the page's own addresses, without a trailing slash
	opts          Options
}

// cleanOutput is the text kept, with what was taken out and why.
type cleanOutput struct {
	text      string
	removed   []model.RemovedLine
	removedOL []model.LangSpan // removed lines in another language (Start=End=-1)
	published string           // from the first date line
	author    string           // from a byline
	script    Script
	paras     []paraSpan
}

// paraSpan is one paragraph of the clean text.
type paraSpan struct{ start, end int }

// splitLines cuts text into trimmed lines, marking those after a blank line.
func splitLines(text string) []line {
	var lines []line
	blank := true
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		var raw string
		if i < 0 {
			raw, text = text, ""
		} else {
			raw, text = text[:i], text[i+1:]
		}
		t := strings.TrimFunc(raw, isSpaceOrInvisible)
		if t == "" {
			blank = true
			continue
		}
		lines = append(lines, newLine(t, blank))
		blank = false
	}
	return lines
}

func isSpaceOrInvisible(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060'
}

// cleanLines removes page furniture from a text of lines and paragraphs.
func cleanLines(text string, in cleanInput) cleanOutput {
	lines := splitLines(text)
	var out cleanOutput
	if len(lines) == 0 {
		return out
	}
	var tally scriptTally
	for i := range lines {
		tally.add(lines[i].text)
	}
	out.script, _ = tally.dominant()
	if in.docScript == ScriptNone {
		in.docScript = out.script
	}

	first, last := -1, -1
	for i := range lines {
		if lines[i].contentLike {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	inHead := func(i int) bool { return first >= 0 && i < first }
	inTail := func(i int) bool { return last >= 0 && i > last }
	inZone := func(i int) bool { return inHead(i) || inTail(i) }

	titleKey := normKey(lineTokens(in.title))
	start := 0
	if in.keepFirstLine {
		start = 1
	}
	maxW := in.opts.MaxFurnitureWords
	relatedRun := false
	for i := start; i < len(lines); i++ {
		l := &lines[i]
		n := len(l.words)
		// A line in another script than the document's is another language.
		if l.script != in.docScript && l.script != ScriptNone && l.letters >= 3 && in.docScript != ScriptNone {
			lang, _ := DetectLanguage(l.text, 0)
			if lang == "" {
				lang = strings.ToLower(string(l.script))
			}
			l.otherLang = lang
		}
		switch {
		case l.otherLang != "" && (inZone(i) || relatedRun) && n <= 3*maxW:
			l.reason = ReasonOtherLanguage
		case titleKey != "" && n > 0 && !l.contentLike && sameTitle(l.words, titleKey):
			l.reason = ReasonDuplicateTitle
		case isCounter(l.words):
			l.reason = ReasonCounter
		case (inHead(i) || i < start+6) && out.published == "" && l.isDateLine(in.dayFirst, &out):
			l.reason = ReasonDateLine
		case inHead(i) && isByline(l.text, l.words):
			l.reason = ReasonByline
			if out.author == "" {
				out.author = bylineName(l.text)
			}
		case isImageCredit(l, maxW):
			l.reason = ReasonImageCredit
		case isRelatedHeading(l.words, l.terminal):
			l.reason = ReasonRelatedLinks
			relatedRun = true
			continue
		case hasRelatedPrefix(l.text) && n <= in.opts.MaxRelatedTitleWords:
			l.reason = ReasonRelatedLinks
		case isWidget(l, maxW, inZone(i)):
			l.reason = ReasonUIWidget
		case isAddressLine(l.text, in.ownURLs):
			l.reason = ReasonUIWidget
		case in.links != nil && !l.contentLike && n >= 2 && !looksLikeAddress(l.text) && n <= in.opts.MaxRelatedTitleWords &&
			(in.links.isLink(l.words) && (inZone(i) || linkRun(lines, i, in.links, in.opts.MaxRelatedTitleWords)) || inTail(i) && in.links.inLink(l.words)):
			// A line that is all one link, outside the article or among others like it.
			l.reason = ReasonRelatedLinks
		case relatedRun && (!l.terminal || strings.HasSuffix(l.text, "?")) && n <= in.opts.MaxRelatedTitleWords:
			l.reason = ReasonRelatedLinks
			continue
		}
		if l.reason == "" {
			relatedRun = false
		}
	}

	if in.removeRepeats {
		markRepeats(lines, in, &out)
	}
	out.text, out.paras = assemble(lines, &out)
	return out
}

// isDateLine reports whether l is a line stating the publication date, and records it.
func (l *line) isDateLine(dayFirst bool, out *cleanOutput) bool {
	if len(l.words) > 14 || len(l.words) < 2 {
		return false
	}
	dl, ok := parseDateLine(l.text, dayFirst)
	if !ok {
		return false
	}
	out.published = dl.Date
	if dl.Author != "" && out.author == "" {
		out.author = dl.Author
	}
	return true
}

// sameTitle reports whether words say the title again: the same words, or
// the title with a site name added or dropped ("Title - Site").
func sameTitle(words []string, titleKey string) bool {
	key := normKey(words)
	if key == titleKey {
		return true
	}
	if len(words) < 4 {
		return false
	}
	long, short := titleKey, key
	if len(short) > len(long) {
		long, short = short, long
	}
	return float64(len(short)) >= 0.6*float64(len(long)) && (strings.HasPrefix(long, short+" ") || strings.HasSuffix(long, " "+short))
}

// isCounter reports whether words are a count of visits, comments and the
// like ("7 Visits", "0 Comment", "Views: 1,204", "5 min read").
func isCounter(words []string) bool {
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	num, noun := 0, 0
	for _, w := range words {
		switch {
		case allDigits(strings.NewReplacer(",", "", ".", "").Replace(w)):
			num++
		case counterNouns[w]:
			noun++
		case w == "no" || w == "k" || w == "m":
			num++
		default:
			return false
		}
	}
	return num >= 1 && noun >= 1
}

// isByline reports whether a head line names the author ("By Jane Doe").
func isByline(text string, words []string) bool {
	if len(words) < 2 || len(words) > 8 {
		return false
	}
	lw := words[0]
	if lw != "by" && !(lw == "written" || lw == "posted" || lw == "words" || lw == "reporting") {
		return false
	}
	if lw != "by" && (len(words) < 3 || words[1] != "by") {
		return false
	}
	return !endsSentence(text) || strings.HasSuffix(text, ".")
}

func bylineName(text string) string {
	i := strings.Index(strings.ToLower(text), "by ")
	if i < 0 {
		return ""
	}
	name := strings.TrimSpace(text[i+3:])
	if j := strings.IndexAny(name, "|,–—"); j > 0 {
		name = strings.TrimSpace(name[:j])
	}
	return strings.TrimRight(name, ". ")
}

// isImageCredit reports whether l credits a picture ("Sipa via AP Images",
// "Photo: Reuters", "(Image credit: NASA)", "© Getty Images").
func isImageCredit(l *line, maxW int) bool {
	n := len(l.words)
	if n == 0 || n > maxW || l.terminal && n > 6 {
		return false
	}
	credit, via, copyright := 0, false, false
	for _, w := range l.words {
		if creditWords[w] {
			credit++
		}
		via = via || w == "via"
		copyright = copyright || w == "©"
	}
	if credit == 0 && !copyright {
		return false
	}
	switch l.words[0] {
	case "photo", "photos", "image", "images", "photograph", "picture", "pictures", "credit", "courtesy", "illustration", "©":
		// "Photo: Reuters", "Image credit: NASA"; a colon or a credit word must follow.
		return strings.ContainsAny(l.text, ":©/|") || credit >= 2
	}
	last := l.words[n-1]
	return copyright || via && creditWords[last] || creditWords[last] && l.titleCase >= 0.99 && strings.ContainsAny(l.text, "/|")
}

// isRelatedHeading reports whether words are a short heading that opens a
// list of other articles ("Related Articles", "Similar post", "You may also like").
func isRelatedHeading(words []string, terminal bool) bool {
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	core := 0
	for _, w := range words {
		switch {
		case relatedCore[w]:
			core++
		case relatedFiller[w] || stopWords[w]:
		default:
			return false
		}
	}
	return core > 0 && (len(words) > 1 || words[0] == "related")
}

// hasRelatedPrefix reports whether text points at another article ("READ MORE: ...").
func hasRelatedPrefix(text string) bool {
	lt := strings.ToLower(text)
	for _, p := range relatedPrefixes {
		if strings.HasPrefix(lt, p) {
			rest := strings.TrimLeft(lt[len(p):], " ")
			if rest != "" && (rest[0] == ':' || rest[0] == '|' || strings.HasPrefix(rest, "–") || strings.HasPrefix(rest, "—") || rest[0] == '>' || strings.HasPrefix(rest, "»")) {
				return true
			}
		}
	}
	return false
}

// isAddressLine reports whether text is a short line around a mail address
// ("Write to Al Root at allen.root@dowjones.com"), or only the page's own
// address (a print footer).
func isAddressLine(text string, own map[string]bool) bool {
	if len(text) > 200 || strings.IndexByte(text, '@') < 0 && strings.IndexByte(text, '/') < 0 {
		return false
	}
	f := strings.Fields(text)
	if len(f) == 0 || len(f) > 8 {
		return false
	}
	if len(f) == 1 && own[strings.TrimRight(f[0], "/")] {
		return true
	}
	for _, w := range f {
		w = strings.Trim(w, "()<>[].,;:")
		if at := strings.IndexByte(w, '@'); at > 0 && strings.Count(w, "@") == 1 && strings.Contains(w[at:], ".") && !strings.Contains(w, "/") {
			return true
		}
	}
	return false
}

// looksLikeAddress reports whether text is a bare web address.
func looksLikeAddress(text string) bool {
	return !strings.ContainsRune(text, ' ') && (strings.Contains(text, "://") || strings.HasPrefix(text, "www.") || strings.Count(text, "/") >= 2)
}

// linkRun reports whether line i sits among at least two other short lines
// that are links of the page (a list of links inside the extracted text).
func linkRun(lines []line, i int, links *linkIndex, maxWords int) bool {
	isLink := func(j int) bool {
		l := &lines[j]
		return len(l.words) >= 2 && len(l.words) <= maxWords && !l.contentLike && links.isLink(l.words)
	}
	n := 1
	for j := i - 1; j >= 0 && j >= i-4 && (isLink(j) || !lines[j].terminal && len(lines[j].words) <= maxWords); j-- {
		if isLink(j) {
			n++
		}
	}
	for j := i + 1; j < len(lines) && j <= i+4 && (isLink(j) || !lines[j].terminal && len(lines[j].words) <= maxWords); j++ {
		if isLink(j) {
			n++
		}
	}
	return n >= 3
}

// isWidget reports whether l is page furniture: a short line mostly made of
// interface words ("Send To Friend", "Back to top button", "Adblock
// Detected"), or, before or after the article, one that talks to the reader
// about the page ("Please let us know if you're having issues with commenting.").
func isWidget(l *line, maxW int, zone bool) bool {
	n := len(l.words)
	if n == 0 || n > maxW {
		return false
	}
	// A sentence ("WeWork declined to comment.") needs furniture to outweigh its content.
	if l.ui >= 2 && (l.ui > l.content || !l.terminal && l.ui >= l.content) {
		return true
	}
	// Around the article, a fragment with interface words, or a sentence
	// addressed to the reader about the page; "X declined to comment." stays.
	return zone && l.ui >= 1 && (!l.terminal && l.ui >= l.content || l.reader && l.ui >= 2)
}

// linkIndex holds the texts of a page's links, to tell lines that were links.
type linkIndex struct {
	keys   map[string]bool
	joined string // "\x00key1\x00key2\x00..."
}

func newLinkIndex(keys map[string]bool) *linkIndex {
	if len(keys) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteByte(0)
	for k := range keys {
		b.WriteString(k)
		b.WriteByte(0)
	}
	return &linkIndex{keys: keys, joined: b.String()}
}

// isLink reports whether words are the whole text of a link.
func (x *linkIndex) isLink(words []string) bool { return x.keys[normKey(words)] }

// inLink reports whether words are part of a link's text, on word boundaries.
func (x *linkIndex) inLink(words []string) bool {
	key := normKey(words)
	for _, pre := range []string{"\x00", " "} {
		for _, post := range []string{"\x00", " "} {
			if strings.Contains(x.joined, pre+key+post) {
				return true
			}
		}
	}
	return false
}
