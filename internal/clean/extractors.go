package clean

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/go-shiori/dom"
	distiller "github.com/markusmobius/go-domdistiller"
	"golang.org/x/net/html"
)

// Candidate is a named HTML main-text extractor, for comparing extractors
// on a labelled benchmark (`parallax eval extract`).
type Candidate struct {
	Name    string
	Extract func(html []byte, pageURL string) (string, error)
}

// Candidates returns every extractor parallax can compare, the one it uses
// ("parallax": HTML with DefaultOptions) first. The libraries run as they
// come, with their own text output, so the figures are theirs.
func Candidates() []Candidate {
	list := []Candidate{
		{Name: "parallax", Extract: func(raw []byte, u string) (string, error) {
			r, err := HTML(raw, u, DefaultOptions())
			return r.Text, err
		}},
		{Name: "parallax-uncleaned", Extract: func(raw []byte, u string) (string, error) {
			o := DefaultOptions()
			o.Extractor = ExtractorTrafilatura
			r, err := HTML(raw, u, o)
			return r.Text, err
		}},
	}
	list = append(list, trafilaturaCandidates()...)
	return append(list, []Candidate{
		{Name: "readeck/go-readability", Extract: withDoc(func(doc *html.Node, page *url.URL) (string, error) {
			p := readability.NewParser()
			a, err := p.ParseDocument(doc, page)
			if err != nil || a.Node == nil {
				return "", err
			}
			var b strings.Builder
			err = a.RenderText(&b)
			return b.String(), err
		})},
		{Name: "go-domdistiller", Extract: withDoc(func(doc *html.Node, page *url.URL) (string, error) {
			r, err := distiller.Apply(dom.Clone(doc, true), &distiller.Options{OriginalURL: page, SkipPagination: true})
			if err != nil || r == nil {
				return "", err
			}
			return r.Text, nil
		})},
	}...)
}

// withDoc decodes and parses a page once for an extractor, turning panics into errors.
func withDoc(f func(*html.Node, *url.URL) (string, error)) func([]byte, string) (string, error) {
	return func(raw []byte, u string) (text string, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v: %w", r, ErrExtractor)
			}
		}()
		doc, err := html.Parse(bytes.NewReader(toUTF8(raw)))
		if err != nil {
			return "", err
		}
		page, _ := url.Parse(u)
		return f(doc, page)
	}
}

// readabilityText is the main text readeck's go-readability finds in doc
// (which it leaves untouched), paragraphs separated by blank lines.
func readabilityText(doc *html.Node, page *url.URL) string {
	p := readability.NewParser()
	a, err := p.ParseDocument(doc, page)
	if err != nil || a.Node == nil {
		return ""
	}
	return BlockText(a.Node)
}

// distillerText is the main text go-domdistiller finds in a copy of doc.
func distillerText(doc *html.Node, page *url.URL) string {
	r, err := distiller.Apply(dom.Clone(doc, true), &distiller.Options{OriginalURL: page, SkipPagination: true})
	if err != nil || r == nil || r.Node == nil {
		return ""
	}
	return BlockText(r.Node)
}
