//go:build notrafilatura

package clean

import (
	"net/url"

	"golang.org/x/net/html"
)

// Built with -tags notrafilatura: readability stands in for go-trafilatura,
// sparing its start-up cost, at a lower F1 (see RESULTS.md).

func trafilaturaText(doc *html.Node, page *url.URL, _ bool) string {
	return readabilityText(doc, page)
}

func trafilaturaCandidates() []Candidate { return nil }
