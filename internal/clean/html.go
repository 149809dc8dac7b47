package clean

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/parallaxhq/parallax/internal/model"
)

// Sentinel errors.
var (
	// ErrTooLarge is returned for input longer than Options.MaxInputBytes.
	ErrTooLarge = errors.New("input too large")
	// ErrNoText is returned when a page holds no text at all.
	ErrNoText = errors.New("no text found")
	// ErrExtractor is returned when an extractor library failed on the page.
	ErrExtractor = errors.New("extractor failed")
)

// HTML extracts the main text of a web page and what the page says about
// itself. The text comes from go-trafilatura (with its readability and
// DOM-distiller fallbacks), rendered with a blank line between paragraphs,
// then cleaned of the furniture extractors let through (title copies, share
// and newsletter widgets, lists of links to other articles) by the same line
// rules as Text. pageMeta: title (og:title, JSON-LD headline, <h1>, <title>),
// outlet (og:site_name, JSON-LD publisher, else the URL's host), author,
// publication date (basis "metadata", else a date line under the title,
// basis "text"), canonical URL and declared language. pageURL may be "".
func HTML(raw []byte, pageURL string, opts Options) (res Result, err error) {
	opts = opts.withDefaults()
	if len(raw) > opts.MaxInputBytes {
		return Result{}, fmt.Errorf("clean html: %d bytes: %w", len(raw), ErrTooLarge)
	}
	doc, err := html.Parse(bytes.NewReader(toUTF8(raw)))
	if err != nil {
		return Result{}, fmt.Errorf("clean html: parse: %w", err)
	}
	page, _ := url.Parse(strings.TrimSpace(pageURL))
	md := readMetadata(doc)
	if md.Canonical != "" {
		if c, err := url.Parse(md.Canonical); err == nil {
			if page != nil {
				c = page.ResolveReference(c)
			}
			if c.IsAbs() {
				md.Canonical = c.String()
			} else {
				md.Canonical = ""
			}
		}
	}

	text, name, err := mainText(doc, page, opts.Extractor)
	if err != nil {
		return Result{}, err
	}
	if strings.TrimSpace(text) == "" {
		return Result{}, fmt.Errorf("clean html: %w", ErrNoText)
	}
	title := md.Title
	if title == "" {
		title = stripSiteSuffix(md.DocTitle)
	}
	own := map[string]bool{}
	for _, u := range []string{md.Canonical, pageURL} {
		if u = strings.TrimRight(strings.TrimSpace(u), "/"); u != "" {
			own[u] = true
		}
	}
	in := cleanInput{
		title:    title,
		dayFirst: md.Language != "" && md.Language != "en",
		links:    newLinkIndex(md.LinkKeys),
		ownURLs:  own,
		opts:     opts,
	}
	var out cleanOutput
	if name == ExtractorAuto {
		out = cleanLines(text, in)
	} else {
		out = rawOutput(text)
	}

	res.Title = title
	res.Extractor = name
	finish(&res, out, opts)
	res.DeclaredLanguage = md.Language
	if res.Language == "" {
		res.Language = md.Language
	}
	res.URL = firstNonEmpty(md.Canonical, pageURL)
	res.Outlet = md.SiteName
	if res.Outlet == "" {
		res.Outlet = hostName(res.URL)
	}
	res.Author = firstNonEmpty(md.Author, out.author)
	switch {
	case md.Published != "":
		res.Published, res.PublishedBasis = md.Published, model.BasisMetadata
	case out.published != "":
		res.Published, res.PublishedBasis = out.published, model.BasisText
	}
	return res, nil
}

// rawOutput keeps an extractor's text as it is, in paragraphs.
func rawOutput(text string) cleanOutput {
	var out cleanOutput
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if out.text != "" {
			out.text += "\n\n"
		}
		out.paras = append(out.paras, paraSpan{start: len(out.text), end: len(out.text) + len(p)})
		out.text += p
	}
	out.script, _ = scriptOf(out.text)
	return out
}

// mainText runs the chosen extractor on doc. With ExtractorAuto it runs
// trafilatura with its fallbacks, and readability then the whole body when
// trafilatura finds nothing. A panic inside a library is returned as an error.
func mainText(doc *html.Node, page *url.URL, name string) (text, used string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("clean html: %s: %v: %w", name, r, ErrExtractor)
		}
	}()
	switch name {
	case ExtractorReadability:
		return readabilityText(doc, page), name, nil
	case ExtractorDistiller:
		return distillerText(doc, page), name, nil
	case ExtractorTrafilatura:
		return trafilaturaText(doc, page, true), name, nil
	}
	if t := trafilaturaText(doc, page, true); strings.TrimSpace(t) != "" {
		return t, ExtractorAuto, nil
	}
	if t := readabilityText(doc, page); strings.TrimSpace(t) != "" {
		return t, ExtractorAuto, nil
	}
	return BlockText(doc), ExtractorAuto, nil
}

// toUTF8 decodes raw to UTF-8: as is when it already is valid UTF-8 (a
// stronger sign than any declaration), else by the page's declared or
// sniffed charset.
func toUTF8(raw []byte) []byte {
	if utf8.Valid(raw) {
		return raw
	}
	enc, _, _ := charset.DetermineEncoding(raw, "text/html")
	out, _, err := transform.Bytes(enc.NewDecoder(), raw)
	if err != nil || !utf8.Valid(out) {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	return out
}

// stripSiteSuffix drops a " | Site" or " - Site" tail from a <title>,
// keeping the longest part.
func stripSiteSuffix(t string) string {
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		if strings.Contains(t, sep) {
			best := ""
			for _, p := range strings.Split(t, sep) {
				if len(p) > len(best) {
					best = p
				}
			}
			return strings.TrimSpace(best)
		}
	}
	return t
}
