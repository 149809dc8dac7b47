package clean

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"

	"github.com/parallaxhq/parallax/internal/eval/extract"
	"github.com/parallaxhq/parallax/internal/model"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "html", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestHTMLArticle(t *testing.T) {
	res, err := HTML(readTestdata(t, "article.html"), "https://news.example.com/world/jurf-al-sakher?utm=x", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res)
	want := map[string]string{
		"title":     "Army retakes Jurf al-Sakher after two-day battle",
		"outlet":    "The Daily Example",
		"author":    "Jane Doe",
		"published": "2014-10-27",
		"basis":     model.BasisMetadata,
		"url":       "https://news.example.com/world/jurf-al-sakher",
		"language":  "en",
		"declared":  "en",
	}
	got := map[string]string{
		"title": res.Title, "outlet": res.Outlet, "author": res.Author, "published": res.Published,
		"basis": res.PublishedBasis, "url": res.URL, "language": res.Language, "declared": res.DeclaredLanguage,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	for _, keep := range []string{
		"Iraqi troops and allied militias retook the town of Jurf al-Sakher on Sunday",
		"“We have leveled the rocks,” one fighter wrote",
		"The ministry declined to comment.",
		"secures the route for millions of pilgrims",
	} {
		if !strings.Contains(res.Text, keep) {
			t.Errorf("article text lost %q", keep)
		}
	}
	for _, gone := range []string{"Share on Facebook", "Militias gain ground north of Baghdad", "Subscribe to our newsletter", "All rights reserved", "Log in"} {
		if strings.Contains(res.Text, gone) {
			t.Errorf("furniture kept: %q", gone)
		}
	}
	if strings.HasPrefix(res.Text, res.Title) {
		t.Errorf("the title is metadata, not the first paragraph of the text")
	}
	if n := strings.Count(res.Text, "\n\n"); n < 4 {
		t.Errorf("text has %d paragraph breaks, want the article's paragraphs:\n%s", n, res.Text)
	}
	golden(t, filepath.Join("testdata", "html", "article.clean.txt"), res.Text)
}

func TestHTMLMetadataFallbacks(t *testing.T) {
	cases := []struct {
		name, page, url string
		want            pageMeta
		outlet          string
	}{
		{
			name:   "title tag with site suffix, host as outlet, meta date",
			page:   `<html><head><title>Militias advance on Tikrit - Example Times</title><meta name="pubdate" content="2015-03-02"></head><body><p>x</p></body></html>`,
			url:    "https://www.example-times.com/a/1",
			want:   pageMeta{Title: "", DocTitle: "Militias advance on Tikrit - Example Times", Published: "2015-03-02"},
			outlet: "example-times.com",
		},
		{
			name: "JSON-LD graph with author list and publisher",
			page: `<html lang="fr"><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"ReportageNewsArticle","headline":"Le siège d'Amerli","datePublished":"2014-09-01","author":[{"name":"A. Martin"},{"name":"B. Durand"}],"publisher":{"name":"Le Quotidien"}}]}</script></head><body></body></html>`,
			want: pageMeta{Title: "Le siège d'Amerli", SiteName: "Le Quotidien", Author: "A. Martin, B. Durand", Published: "2014-09-01", Language: "fr"},
		},
		{
			name: "time element and twitter title",
			page: `<html><head><meta name="twitter:title" content="Battle for Fallujah"></head><body><time itemprop="datePublished" datetime="2016-05-23T10:00:00Z">May 23</time></body></html>`,
			want: pageMeta{Title: "Battle for Fallujah", Published: "2016-05-23"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(c.page))
			if err != nil {
				t.Fatal(err)
			}
			md := readMetadata(doc)
			if c.want.Title != "" && md.Title != c.want.Title || c.want.DocTitle != "" && md.DocTitle != c.want.DocTitle ||
				md.Published != c.want.Published || md.Author != c.want.Author || md.SiteName != c.want.SiteName ||
				c.want.Language != "" && md.Language != c.want.Language {
				t.Errorf("metadata = %+v, want %+v", md, c.want)
			}
			if c.outlet != "" {
				if got := hostName(c.url); got != c.outlet {
					t.Errorf("outlet from URL = %q, want %q", got, c.outlet)
				}
				if got := stripSiteSuffix(md.DocTitle); got != "Militias advance on Tikrit" {
					t.Errorf("stripped title = %q", got)
				}
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	page := "<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 \x93Zeit\x94</title></head><body><article><p>Caf\xe9 society met on Monday to talk about the war, the weather and the price of bread in the old quarter of the city.</p></article></body></html>"
	res, err := HTML([]byte(page), "", DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Café “Zeit”" || !strings.Contains(res.Text, "Café society") {
		t.Errorf("windows-1252 page decoded as title %q text %q", res.Title, res.Text)
	}
	enc, _ := charmap.Windows1252.NewEncoder().String("é")
	if enc != "\xe9" {
		t.Fatal("test encoding broken")
	}
}

func TestHTMLErrors(t *testing.T) {
	o := DefaultOptions()
	o.MaxInputBytes = 100
	if _, err := HTML([]byte(strings.Repeat("<p>a</p>", 100)), "", o); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized page: err = %v, want ErrTooLarge", err)
	}
	if _, err := HTML([]byte("<html><body><script>var x=1</script></body></html>"), "", DefaultOptions()); !errors.Is(err, ErrNoText) {
		t.Errorf("empty page: err = %v, want ErrNoText", err)
	}
}

// TestHTMLDevPages runs HTML over the benchmark pages: every page gives
// text in paragraphs, a title and an outlet, and the invariants hold.
func TestHTMLDevPages(t *testing.T) {
	pages, err := extract.LoadPages(extractDir)
	if err != nil {
		t.Skipf("extraction dev set absent: %v", err)
	}
	if testing.Short() {
		pages = pages[:10]
	}
	noTitle := 0
	for _, p := range pages {
		res, err := HTML(p.HTML, p.URL, DefaultOptions())
		if err != nil {
			t.Errorf("%s: %v", p.Key[:8], err)
			continue
		}
		checkInvariants(t, res)
		if res.Title == "" {
			noTitle++
		}
		if res.Outlet == "" || res.URL == "" {
			t.Errorf("%s: outlet %q url %q", p.Key[:8], res.Outlet, res.URL)
		}
		if len(res.Text) > 2000 && !strings.Contains(res.Text, "\n\n") {
			t.Errorf("%s: %d bytes of text in one paragraph", p.Key[:8], len(res.Text))
		}
	}
	if noTitle > 0 {
		t.Errorf("%d pages without a title", noTitle)
	}
}

func TestBlockText(t *testing.T) {
	cases := []struct{ page, want string }{
		{"<div><p>One <b>bold</b> line.</p><p>Two</p></div>", "One bold line.\n\nTwo"},
		{"<p>Line one<br>line two</p>", "Line one\nline two"},
		{"<ul><li>a</li><li>b</li></ul><h2>Head</h2>tail", "a\n\nb\n\nHead\n\ntail"},
		{"<p>x<script>var y</script><style>p{}</style> z</p>", "x z"},
		{"<pre>code\n  indented</pre>", "code\n  indented"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\n\nc"},
	}
	for _, c := range cases {
		doc, _ := html.Parse(strings.NewReader(c.page))
		if got := BlockText(doc); got != c.want {
			t.Errorf("BlockText(%q) = %q, want %q", c.page, got, c.want)
		}
	}
	// Trafilatura's trees lose the spaces at element edges; they come back
	// between words, not before punctuation.
	doc, _ := html.Parse(strings.NewReader("<p>for<a>Larry</a>, and<i>Smith</i>'s</p>"))
	if got := trimmedBlockText(doc); got != "for Larry, and Smith's" {
		t.Errorf("trimmedBlockText = %q", got)
	}
}
