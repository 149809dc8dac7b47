package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/parallaxhq/parallax/internal/query"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageData is what every page template sees.
type pageData struct {
	Title    string
	Data     any
	JSON     string // the JSON twin of this page
	Path     string
	Query    url.Values
	ReadOnly bool
	LoggedIn bool
	CSRF     string
	Status   int
}

var funcs = template.FuncMap{
	"pathesc":  url.PathEscape,
	"queryesc": url.QueryEscape,
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
	// span links a figure to its sentence: the document page highlights
	// the span (hl) and scrolls to it (#s-START-END).
	"span": func(doc string, start, end int) string {
		return fmt.Sprintf("/documents/%s?hl=%d-%d#s-%d-%d", url.PathEscape(doc), start, end, start, end)
	},
	"stance": func(f float64) string { return fmt.Sprintf("%+.2f", f) },
	"stanceClass": func(f float64) string {
		switch {
		case f > 0.1:
			return "pos"
		case f < -0.1:
			return "neg"
		}
		return "neu"
	},
	// barX and barW draw a stance in a 100-unit wide bar centred on 50.
	"barX": func(f float64) float64 { return 50 + 50*math.Min(0, clampStance(f)) },
	"barW": func(f float64) float64 { return 50 * math.Abs(clampStance(f)) },
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
	"fderef": func(f *float64) float64 {
		if f == nil {
			return 0
		}
		return *f
	},
	"name": func(names map[string]query.EntityName, id string) string {
		if n, ok := names[id]; ok && n.Name != "" {
			return n.Name
		}
		return id
	},
	"docLabel": func(docs map[string]query.DocName, id string) string {
		if d, ok := docs[id]; ok && d.Label != "" {
			return d.Label
		}
		if len(id) > 12 {
			return id[:12]
		}
		return id
	},
	"label":   func(d query.DocumentView) string { return query.DocLabel(d) },
	"add":     func(a, b int) int { return a + b },
	"pct":     func(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) },
	"f2":      func(f float64) string { return fmt.Sprintf("%.2f", f) },
	"f3":      func(f float64) string { return fmt.Sprintf("%.3f", f) },
	"replace": strings.ReplaceAll,
	"lower":   strings.ToLower,
	"safeURL": safeLink,
	"clip": func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		return string(r[:n-1]) + "…"
	},
	"types": func() []string { return []string{"PERSON", "ORG", "PLACE", "MISC"} },
}

func clampStance(f float64) float64 { return math.Max(-1, math.Min(1, f)) }

// safeLink returns u when it is an absolute http(s) URL, else "": article
// URLs are hostile and only web links may become links.
func safeLink(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// parsePages parses each page template with the layout.
func parsePages() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, f)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", f, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// writePage renders a page template inside the layout.
func (s *Server) writePage(c *call, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		t = s.pages["error"]
		status, data = http.StatusInternalServerError, errorBody{Error: "no template " + name, Status: http.StatusInternalServerError}
	}
	pd := pageData{Title: title, Data: data, JSON: twinURL(c.r.URL), Path: c.r.URL.Path, Query: c.r.URL.Query(),
		ReadOnly: s.ReadOnly(), LoggedIn: s.auth.loggedIn(c.r), CSRF: s.auth.csrfToken(c.r), Status: status}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", pd); err != nil {
		s.opts.Logger.Error("template failed", "template", name, "err", err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString("<!doctype html><title>Error</title><p>internal error rendering this page</p>")
	}
	h := c.w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	c.w.WriteHeader(status)
	c.w.Write(buf.Bytes())
}

// staticHandler serves the embedded CSS and script.
func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") { // no directory listings
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}
