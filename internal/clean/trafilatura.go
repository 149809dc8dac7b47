//go:build !notrafilatura

package clean

import (
	"net/url"

	"github.com/go-shiori/dom"
	shiori "github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// go-trafilatura is the default extractor. It brings go-dateparser, whose
// package initialisation costs about 0.3 s and 50 MB at every program
// start; build with -tags notrafilatura for a light binary whose extractor
// is readability with the same cleaning (see RESULTS.md for both figures).

// trafilaturaText is the main text go-trafilatura finds in doc (which it
// copies before changing), rendered in paragraphs. Dates are not searched:
// parallax reads them from metadata and date lines itself.
func trafilaturaText(doc *html.Node, page *url.URL, fallback bool) string {
	r, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     page,
		EnableFallback:  fallback,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
	})
	if err != nil || r == nil || r.ContentNode == nil {
		return ""
	}
	return trimmedBlockText(r.ContentNode)
}

// trafilaturaCandidates are the extractors that come with go-trafilatura.
func trafilaturaCandidates() []Candidate {
	return []Candidate{
		{Name: "go-trafilatura", Extract: libTrafilatura(false)},
		{Name: "go-trafilatura+fallback", Extract: libTrafilatura(true)},
		{Name: "go-shiori/go-readability", Extract: withDoc(func(doc *html.Node, page *url.URL) (string, error) {
			a, err := shiori.FromDocument(dom.Clone(doc, true), page)
			return a.TextContent, err
		})},
	}
}

func libTrafilatura(fallback bool) func([]byte, string) (string, error) {
	return withDoc(func(doc *html.Node, page *url.URL) (string, error) {
		r, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
			OriginalURL: page, EnableFallback: fallback, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled,
		})
		if err != nil || r == nil {
			return "", err
		}
		return r.ContentText, nil
	})
}
