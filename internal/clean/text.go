package clean

import (
	"strings"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

// Text cleans an article saved as plain text: it removes page furniture
// (repeated titles, widgets, counters, credits, related-post lists, lines in
// another script around the article, repeated paragraphs and sentences),
// keeping each removed line with its reason, and reads the title (the first
// non-empty line, as written), a stated publication date (a date line under
// the title, basis "text"), a byline, and the languages of the document and
// of each paragraph. Text never fails: any input gives a Result.
func Text(raw string, opts Options) Result {
	opts = opts.withDefaults()
	raw = sanitize(raw, opts.MaxInputBytes)
	var res Result
	for _, ln := range strings.Split(raw, "\n") {
		if t := strings.TrimFunc(ln, isSpaceOrInvisible); t != "" {
			res.Title = t
			break
		}
	}
	out := cleanLines(raw, cleanInput{
		title:         res.Title,
		keepFirstLine: true,
		removeRepeats: true,
		dayFirst:      !looksEnglish(raw, 4096),
		opts:          opts,
	})
	finish(&res, out, opts)
	if out.published != "" {
		res.Published, res.PublishedBasis = out.published, model.BasisText
	}
	if res.Author == "" {
		res.Author = out.author
	}
	return res
}

// sanitize makes raw valid UTF-8 with "\n" line ends and no control
// characters, cut at a line end before maxBytes.
func sanitize(raw string, maxBytes int) string {
	if maxBytes > 0 && len(raw) > maxBytes {
		cut := strings.LastIndexByte(raw[:maxBytes], '\n')
		if cut < maxBytes/2 {
			cut = maxBytes
			for cut > 0 && !isRuneStart(raw[cut]) {
				cut--
			}
		}
		raw = raw[:cut]
	}
	if !utf8.ValidString(raw) {
		raw = strings.ToValidUTF8(raw, "\uFFFD")
	}
	if strings.IndexByte(raw, '\r') >= 0 {
		raw = strings.ReplaceAll(raw, "\r\n", "\n")
		raw = strings.ReplaceAll(raw, "\r", "\n")
	}
	clean := true
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			clean = false
			break
		}
	}
	if !clean {
		raw = strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
				return ' '
			}
			return r
		}, raw)
	}
	return raw
}

// finish fills the parts of res that Text and HTML share: text, removed
// lines, document and paragraph languages, word count.
func finish(res *Result, out cleanOutput, opts Options) {
	res.Text = out.text
	res.Removed = out.removed
	res.Words = countWords(out.text)
	res.Language, _ = DetectLanguage(out.text, opts.LanguageSampleBytes)
	res.Paragraphs = make([]Paragraph, 0, len(out.paras))
	for _, p := range out.paras {
		par := out.text[p.start:p.end]
		lang := paragraphLanguage(par, res.Language, out.script, opts)
		res.Paragraphs = append(res.Paragraphs, Paragraph{Start: p.start, End: p.end, Lang: lang})
		if lang != res.Language && lang != "" {
			res.OtherLanguage = append(res.OtherLanguage, model.LangSpan{Start: p.start, End: p.end, Lang: lang, Text: par})
		}
	}
	res.OtherLanguage = append(res.OtherLanguage, out.removedOL...)
}

// paragraphLanguage is the language of one paragraph: the document's unless
// its script differs, or it is long enough for trigrams to say otherwise
// with confidence.
func paragraphLanguage(par, docLang string, docScript Script, opts Options) string {
	sc, letters := scriptOf(par)
	if letters == 0 {
		return docLang
	}
	if sc != docScript && letters >= 3 {
		if l, _ := DetectLanguage(par, 1024); l != "" {
			return l
		}
		return strings.ToLower(string(sc))
	}
	if countWords(par) < opts.MinLanguageWords || docLang == "en" && looksEnglish(par, 1024) {
		return docLang
	}
	l, conf := DetectLanguage(par, 1024)
	if l == "" || conf < opts.LanguageConfidence {
		return docLang
	}
	return l
}

// looksEnglish reports whether at least a sixth of the first maxBytes of
// text are English function words: a cheap test that spares trigram
// identification for the paragraphs of English documents.
func looksEnglish(text string, maxBytes int) bool {
	if len(text) > maxBytes {
		text = text[:maxBytes]
	}
	n, fn := 0, 0
	start := -1
	for i := 0; i <= len(text); i++ {
		c := byte(' ')
		if i < len(text) {
			c = text[i]
		}
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 || c == '\''
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			n++
			if w := text[start:i]; len(w) <= 5 && englishFunctionWord(w) {
				fn++
			}
			start = -1
		}
	}
	return n > 0 && fn*6 >= n
}

func englishFunctionWord(w string) bool {
	var buf [5]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return englishFunction[string(buf[:len(w)])]
}

// englishFunction are frequent English words that rarely occur in other languages.
var englishFunction = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "was": true, "that": true,
	"for": true, "it": true, "with": true, "as": true, "on": true, "be": true, "at": true, "by": true,
	"this": true, "had": true, "not": true, "are": true, "but": true, "from": true, "or": true, "have": true,
	"an": true, "they": true, "which": true, "one": true, "you": true, "were": true, "her": true, "all": true,
	"she": true, "there": true, "would": true, "their": true, "we": true, "him": true, "been": true,
	"has": true, "when": true, "who": true, "will": true, "more": true, "no": true, "if": true, "out": true,
	"so": true, "said": true, "what": true, "up": true, "its": true, "about": true, "into": true,
	"than": true, "them": true, "can": true, "only": true, "other": true, "new": true, "some": true,
	"could": true, "time": true, "these": true, "two": true, "may": true, "then": true, "do": true,
	"first": true, "any": true, "my": true, "now": true, "such": true, "like": true, "our": true,
	"over": true, "man": true, "me": true, "even": true, "most": true, "made": true, "after": true,
	"also": true, "did": true, "many": true, "he": true, "his": true, "a": true, "i": true, "us": true,
}

// countWords counts the whitespace-separated words of s.
func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
