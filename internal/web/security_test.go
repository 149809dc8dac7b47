package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// upload builds a multipart body with one file.
func upload(t testing.TB, name, content string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, content)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

const uploadText = "Upload test. General Qassem Soleimani visited Tikrit in March 2015, officials said.\n\nThe visit was brief.\n"

func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type writeCase struct {
	name    string
	do      func(t *testing.T) *http.Request
	status  int
	checkFn func(t *testing.T, body []byte)
}

func TestWritesNeedToken(t *testing.T) {
	const token = "t0k3n-for-tests"
	var curated []string
	opts := DefaultOptions()
	opts.Token = token
	opts.Curate = func(ctx context.Context, op string, args []string) error {
		curated = append([]string{op}, args...)
		if args[0] == "fail" {
			return errors.New("boom")
		}
		return nil
	}
	_, ts, _ := newTestServer(t, opts)
	router := specRouter(t, ts)

	roOpts := DefaultOptions()
	_, ro, _ := newTestServer(t, roOpts)
	nilCurate := DefaultOptions()
	nilCurate.Token = token
	_, nc, _ := newTestServer(t, nilCurate)

	// Log in for the cookie cases.
	resp, err := noRedirect().PostForm(ts.URL+"/login", url.Values{"token": {token}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) == 0 {
		t.Fatalf("login: status %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	cookie := resp.Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Errorf("session cookie must be HttpOnly and SameSite=Strict: %+v", cookie)
	}
	csrf := mac(token, "csrf")

	post := func(base, path, ctype string, body io.Reader) *http.Request {
		req, _ := http.NewRequest(http.MethodPost, base+path, body)
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		return req
	}
	uploadReq := func(base string) *http.Request {
		b, ct := upload(t, "../../etc/passwd", uploadText)
		return post(base, "/api/ingest", ct, b)
	}
	curateJSON := func(base, op string, args ...string) *http.Request {
		b, _ := json.Marshal(curateRequest{Op: op, Args: args})
		return post(base, "/api/curate", "application/json", bytes.NewReader(b))
	}
	bearer := func(r *http.Request, tok string) *http.Request {
		r.Header.Set("Authorization", "Bearer "+tok)
		return r
	}
	withCookie := func(r *http.Request) *http.Request { r.AddCookie(cookie); return r }

	cases := []writeCase{
		{"read-only upload", func(t *testing.T) *http.Request { return bearer(uploadReq(ro.URL), token) }, 403, nil},
		{"read-only curate", func(t *testing.T) *http.Request { return curateJSON(ro.URL, "rename", "isis", "IS") }, 403, nil},
		{"no token upload", func(t *testing.T) *http.Request { return uploadReq(ts.URL) }, 401, nil},
		{"no token curate", func(t *testing.T) *http.Request { return curateJSON(ts.URL, "rename", "isis", "IS") }, 401, nil},
		{"wrong token", func(t *testing.T) *http.Request { return bearer(uploadReq(ts.URL), "guess") }, 401, nil},
		{"basic auth is not a token", func(t *testing.T) *http.Request {
			r := uploadReq(ts.URL)
			r.SetBasicAuth("x", token)
			return r
		}, 401, nil},
		{"cookie without csrf", func(t *testing.T) *http.Request { return withCookie(uploadReq(ts.URL)) }, 403, nil},
		{"cookie with wrong csrf", func(t *testing.T) *http.Request {
			r := withCookie(uploadReq(ts.URL))
			r.Header.Set("X-CSRF-Token", "nope")
			return r
		}, 403, nil},
		{"cross-site with token", func(t *testing.T) *http.Request {
			r := bearer(uploadReq(ts.URL), token)
			r.Header.Set("Sec-Fetch-Site", "cross-site")
			return r
		}, 403, nil},
		{"cross-origin with cookie and csrf", func(t *testing.T) *http.Request {
			r := withCookie(uploadReq(ts.URL))
			r.Header.Set("X-CSRF-Token", csrf)
			r.Header.Set("Origin", "http://evil.example")
			return r
		}, 403, nil},
		{"upload with token", func(t *testing.T) *http.Request { return bearer(uploadReq(ts.URL), token) }, 200, func(t *testing.T, body []byte) {
			var r ingestResponse
			json.Unmarshal(body, &r)
			if r.Report.Added != 1 || len(r.Files) != 1 || r.Files[0] != "upload/001-passwd" {
				t.Errorf("upload report: %s", body)
			}
			code, doc := getJSON(t, ts, "/api/documents/"+r.Report.Documents[0], nil)
			if code != 200 || !strings.Contains(string(doc), `"source":"upload/001-passwd"`) {
				t.Errorf("uploaded document not served under its upload name: %d %.200s", code, doc)
			}
		}},
		{"upload again is a duplicate", func(t *testing.T) *http.Request { return bearer(uploadReq(ts.URL), token) }, 200, func(t *testing.T, body []byte) {
			var r ingestResponse
			json.Unmarshal(body, &r)
			if r.Report.Added != 0 || r.Report.Duplicates != 1 {
				t.Errorf("re-upload report: %s", body)
			}
		}},
		{"upload with cookie and csrf", func(t *testing.T) *http.Request {
			b, ct := upload(t, "second.txt", strings.Replace(uploadText, "Tikrit", "Baiji", 1))
			r := withCookie(post(ts.URL, "/api/ingest", ct, b))
			r.Header.Set("X-CSRF-Token", csrf)
			return r
		}, 200, nil},
		{"upload form with csrf in action", func(t *testing.T) *http.Request {
			b, ct := upload(t, "third.txt", strings.Replace(uploadText, "Tikrit", "Samarra", 1))
			r := withCookie(post(ts.URL, "/ingest?csrf="+csrf, ct, b))
			r.Header.Set("Sec-Fetch-Site", "same-origin")
			return r
		}, 200, nil},
		{"upload without file", func(t *testing.T) *http.Request {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			mw.WriteField("note", "x")
			mw.Close()
			return bearer(post(ts.URL, "/api/ingest", mw.FormDataContentType(), &buf), token)
		}, 400, nil},
		{"upload of binary", func(t *testing.T) *http.Request {
			b, ct := upload(t, "blob.bin", "\x00\x01\x02\x03binary\x00\xff")
			return bearer(post(ts.URL, "/api/ingest", ct, b), token)
		}, 422, nil},
		{"upload not multipart", func(t *testing.T) *http.Request {
			return bearer(post(ts.URL, "/api/ingest", "text/plain", strings.NewReader(uploadText)), token)
		}, 415, nil},
		{"curate with token", func(t *testing.T) *http.Request {
			return bearer(curateJSON(ts.URL, "rename", "isis", "Islamic State"), token)
		}, 200, func(t *testing.T, body []byte) {
			if strings.Join(curated, "|") != "rename|isis|Islamic State" {
				t.Errorf("Curate got %q", curated)
			}
		}},
		{"curate form with cookie", func(t *testing.T) *http.Request {
			f := url.Values{"csrf": {csrf}, "op": {"merge"}, "args": {"qassem-soleimani", "Qasim Solomon"}}
			return withCookie(post(ts.URL, "/api/curate", "application/x-www-form-urlencoded", strings.NewReader(f.Encode())))
		}, 200, func(t *testing.T, body []byte) {
			if strings.Join(curated, "|") != "merge|qassem-soleimani|Qasim Solomon" {
				t.Errorf("Curate got %q", curated)
			}
		}},
		{"curate bad op", func(t *testing.T) *http.Request { return bearer(curateJSON(ts.URL, "delete", "isis"), token) }, 400, nil},
		{"curate bad arity", func(t *testing.T) *http.Request { return bearer(curateJSON(ts.URL, "merge", "isis"), token) }, 400, nil},
		{"curate failing", func(t *testing.T) *http.Request { return bearer(curateJSON(ts.URL, "rename", "fail", "x"), token) }, 500, nil},
		{"curate not wired", func(t *testing.T) *http.Request { return bearer(curateJSON(nc.URL, "rename", "isis", "IS"), token) }, 501, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := c.do(t)
			resp, err := noRedirect().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, c.status, body)
			}
			if resp.StatusCode == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
			if strings.HasPrefix(req.URL.Path, "/api/") && req.URL.Host == strings.TrimPrefix(ts.URL, "http://") {
				validate(t, router, req, resp, body)
			}
			if c.checkFn != nil {
				c.checkFn(t, body)
			}
		})
	}
}

// pagesShowingHostile lists pages that show the hostile documents' text.
func pagesShowingHostile(t testing.TB, ts *httptest.Server) []string {
	ids := findIDs(t, ts)
	var docs struct{ Items []struct{ ID, Source string } }
	getJSON(t, ts, "/api/documents", &docs)
	pages := []string{"/", "/documents", "/search?q=amirli", "/search?q=script+pwned", "/entities/" + ids.entity, "/quotes",
		"/timeline", "/contradictions", "/frames", "/compare?entity=" + ids.entity, "/stories/" + ids.story, "/events/" + ids.event,
		"/entities?q=amirli", "/sources", "/compare?event=" + ids.event}
	for _, d := range docs.Items {
		if strings.Contains(d.Source, "hostile") {
			pages = append(pages, "/documents/"+d.ID, "/documents/"+d.ID+"?hl=0-20")
		}
	}
	return pages
}

// TestHostileTextIsText renders every page that shows the hostile documents
// and checks, on the parsed HTML, that no payload became markup.
func TestHostileTextIsText(t *testing.T) {
	_, ts, _ := newTestServer(t, DefaultOptions())
	shown := 0
	for _, p := range pagesShowingHostile(t, ts) {
		t.Run(p, func(t *testing.T) {
			code, body := getJSON(t, ts, p, nil)
			if code != 200 {
				t.Fatalf("status %d", code)
			}
			doc, err := html.Parse(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				switch n.Data {
				case "script":
					if attr(n, "src") != "/static/app.js" || n.FirstChild != nil {
						t.Errorf("a script element that is not ours: %s", render(n))
					}
				case "iframe", "object", "embed", "img", "base", "meta":
					if n.Data != "meta" || attr(n, "charset") == "" && attr(n, "name") != "viewport" {
						t.Errorf("element <%s> from article text: %s", n.Data, render(n))
					}
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "autofocus" {
						t.Errorf("event handler attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
					}
					if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
						t.Errorf("javascript: URL in %s of <%s>", a.Key, n.Data)
					}
				}
			}
			if bytes.Contains(body, []byte("window.__pwned")) {
				shown++
			}
		})
	}
	if shown < 8 {
		t.Errorf("the hostile text showed on only %d pages; the test does not cover what it claims", shown)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func render(n *html.Node) string {
	var b bytes.Buffer
	html.Render(&b, n)
	if b.Len() > 200 {
		return b.String()[:200]
	}
	return b.String()
}

func TestSecurityHeadersAndLimits(t *testing.T) {
	opts := DefaultOptions()
	opts.Token = "tok"
	opts.MaxUploadBytes = 4 << 10
	_, ts, _ := newTestServer(t, opts)
	long := "/api/search?q=" + strings.Repeat("a", 9000)
	cases := []struct {
		name   string
		method string
		path   string
		body   func() (io.Reader, string)
		status int
	}{
		{"page", "GET", "/", nil, 200},
		{"api", "GET", "/api/overview", nil, 200},
		{"static", "GET", "/static/app.css", nil, 200},
		{"not found page", "GET", "/nope", nil, 404},
		{"not found api", "GET", "/api/nope", nil, 404},
		{"static traversal", "GET", "/static/../server.go", nil, 404},
		{"static encoded traversal", "GET", "/static/..%2fserver.go", nil, 404},
		{"static listing", "GET", "/static/", nil, 404},
		{"url too long", "GET", long, nil, 414},
		{"upload too large", "POST", "/api/ingest", func() (io.Reader, string) {
			b, ct := upload(t, "big.txt", strings.Repeat("Soleimani went to Amirli. ", 1000))
			return b, ct
		}, 413},
		{"body too large", "POST", "/api/curate", func() (io.Reader, string) {
			return strings.NewReader(`{"op":"rename","args":["a","` + strings.Repeat("b", 2<<20) + `"]}`), "application/json"
		}, 413},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader
			ct := ""
			if c.body != nil {
				body, ct = c.body()
			}
			req, _ := http.NewRequest(c.method, ts.URL+c.path, body)
			if ct != "" {
				req.Header.Set("Content-Type", ct)
			}
			if c.method == "POST" {
				req.Header.Set("Authorization", "Bearer tok")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %.200s", resp.StatusCode, c.status, b)
			}
			if c.status == 404 && bytes.Contains(b, []byte("package web")) {
				t.Fatalf("served a source file")
			}
			for k, v := range securityHeaders {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("CSP %q", csp)
			}
		})
	}
}

func TestSafeName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"article.html", "article.html"},
		{"../../etc/passwd", "passwd"},
		{`..\..\windows\win.ini`, "win.ini"},
		{".hidden", "hidden"},
		{"", "upload"},
		{"..", "upload"},
		{"a b<c>.txt", "a_b_c_.txt"},
		{"crawl.warc.gz", "crawl.warc.gz"},
		{"/", "upload"},
		{"Сводка.txt", "______.txt"},
		{strings.Repeat("x", 300) + ".txt", strings.Repeat("x", 80)},
	}
	for _, c := range cases {
		if got := safeName(c.in); got != c.want {
			t.Errorf("safeName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	cases := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true}, {"localhost:80", true}, {"[::1]:8080", true},
		{"0.0.0.0:8080", false}, {":8080", false}, {"192.168.1.2:80", false}, {"bad", false},
	}
	for _, c := range cases {
		if got := IsLoopback(c.addr); got != c.want {
			t.Errorf("IsLoopback(%q) = %v", c.addr, got)
		}
	}
	if !IsLoopback(DefaultOptions().Addr) {
		t.Errorf("the default address %s is not loopback", DefaultOptions().Addr)
	}
}
