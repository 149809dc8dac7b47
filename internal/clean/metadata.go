package clean

import (
	"encoding/json"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page states about itself in <head>, JSON-LD and
// OpenGraph tags. Every field is "" when the page does not say.
type pageMeta struct {
	Title     string `json:"title"`
	SiteName  string `json:"site_name"`
	Author    string `json:"author"`
	Published string `json:"published"` // YYYY-MM-DD
	Canonical string `json:"canonical"`
	Language  string `json:"language"`  // <html lang> or content-language, lower-cased, primary subtag
	DocTitle  string `json:"doc_title"` // the <title> element
	H1        string `json:"h1"`
	// LinkKeys are the normalised texts of the page's links of two words or more.
	LinkKeys map[string]bool `json:"-"`
}

// maxJSONLDBytes bounds one JSON-LD block; larger ones are skipped.
const maxJSONLDBytes = 1 << 20

// publishedMetaNames are <meta name|property|itemprop> keys that state the
// publication date, best first.
var publishedMetaNames = []string{
	"article:published_time", "og:article:published_time", "datepublished", "article.published",
	"parsely-pub-date", "sailthru.date", "pubdate", "publishdate", "publish-date", "publish_date",
	"publication_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
	"citation_publication_date", "originalpublicationdate", "date", "og:published_time", "article_date_original",
}

var authorMetaNames = []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator"}

// readMetadata collects the page's own statements about itself.
func readMetadata(doc *html.Node) pageMeta {
	var md pageMeta
	meta := map[string]string{}
	var ld []any
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if l := attr(n, "lang"); l != "" && md.Language == "" {
					md.Language = primaryLang(l)
				}
			case atom.Meta:
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv")))
				val := strings.TrimSpace(firstNonEmpty(attr(n, "content"), attr(n, "datetime")))
				if key != "" && val != "" {
					if _, seen := meta[key]; !seen {
						meta[key] = val
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && md.Canonical == "" {
					md.Canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Title:
				if md.DocTitle == "" {
					md.DocTitle = collapse(textOf(n))
				}
			case atom.H1:
				if md.H1 == "" {
					md.H1 = collapse(textOf(n))
				}
			case atom.Time:
				if ip := strings.ToLower(attr(n, "itemprop")); ip == "datepublished" || hasAttr(n, "pubdate") {
					if _, seen := meta["datepublished"]; !seen && attr(n, "datetime") != "" {
						meta["datepublished"] = attr(n, "datetime")
					}
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil && len(n.FirstChild.Data) <= maxJSONLDBytes {
					var v any
					if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
						ld = append(ld, v)
					}
				}
				return
			case atom.Style, atom.Svg:
				return
			case atom.A:
				if words := lineTokens(textOf(n)); len(words) >= 2 {
					if md.LinkKeys == nil {
						md.LinkKeys = map[string]bool{}
					}
					md.LinkKeys[normKey(words)] = true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	var art ldArticle
	for _, v := range ld {
		art.collect(v)
	}
	md.Title = firstNonEmpty(meta["og:title"], meta["twitter:title"], art.headline, md.H1, md.DocTitle)
	md.SiteName = firstNonEmpty(meta["og:site_name"], art.publisher, meta["application-name"], meta["al:android:app_name"])
	for _, k := range authorMetaNames {
		if v := meta[k]; v != "" && !strings.Contains(v, "://") && !strings.HasPrefix(v, "@") {
			md.Author = v
			break
		}
	}
	if md.Author == "" {
		md.Author = art.author
	}
	for _, k := range publishedMetaNames {
		if d, err := metaDate(meta[k]); err == nil {
			md.Published = d
			break
		}
	}
	if md.Published == "" {
		if d, err := metaDate(art.published); err == nil {
			md.Published = d
		}
	}
	if md.Canonical == "" {
		md.Canonical = meta["og:url"]
	}
	if md.Language == "" {
		md.Language = primaryLang(firstNonEmpty(meta["content-language"], meta["og:locale"], meta["language"], art.language))
	}
	md.Title = collapse(md.Title)
	md.SiteName = collapse(md.SiteName)
	md.Author = collapse(md.Author)
	return md
}

// ldArticle gathers the first value of each field over all JSON-LD objects.
type ldArticle struct {
	headline, published, author, publisher, language string
}

func (a *ldArticle) collect(v any) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			a.collect(e)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			a.collect(g)
		}
		typ := strings.ToLower(ldString(x["@type"]))
		articleLike := strings.Contains(typ, "article") || strings.Contains(typ, "posting") || typ == "webpage" || typ == "report"
		if !articleLike {
			return
		}
		if a.headline == "" {
			a.headline = firstNonEmpty(ldString(x["headline"]), ldString(x["name"]))
		}
		if a.published == "" {
			a.published = ldString(x["datePublished"])
		}
		if a.author == "" {
			a.author = ldName(x["author"])
		}
		if a.publisher == "" {
			a.publisher = ldName(x["publisher"])
		}
		if a.language == "" {
			a.language = ldString(x["inLanguage"])
		}
	}
}

func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := ldString(e); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldName reads a JSON-LD person or organisation: a string, an object with a
// name, or a list of them (names joined by ", ").
func ldName(v any) string {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "://") {
			return ""
		}
		return strings.TrimSpace(x)
	case map[string]any:
		return ldString(x["name"])
	case []any:
		var names []string
		for _, e := range x {
			if s := ldName(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// primaryLang turns "en-US", "en_GB" or "EN" into "en".
func primaryLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	if len(s) < 2 || len(s) > 3 {
		return ""
	}
	return s
}

// hostName is the host of a URL without "www.", or "".
func hostName(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
