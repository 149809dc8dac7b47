package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const article = "Iraqi forces retake Jurf al-Sakher\n\nIraqi forces and militias retook the town of Jurf al-Sakher on Friday, officials said.\n"

const htmlPage = `<!DOCTYPE html><html><head><title>Forces retake town</title></head>
<body><article><h1>Forces retake town</h1><p>Iraqi forces and militias retook the town on Friday, officials said.</p></article></body></html>`

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func warcRecord(typ, uri, ctype string, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\nWARC-Date: 2020-01-01T00:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, len(block), uri, ctype, len(block), block)
}

func warcFile() string {
	resp := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + htmlPage
	img := "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG"
	return warcRecord("warcinfo", "", "application/warc-fields", "software: test\r\n") +
		warcRecord("response", "https://news.example/a", "application/http; msgtype=response", resp) +
		warcRecord("response", "https://news.example/logo.png", "application/http; msgtype=response", img)
}

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title><link>https://news.example/</link>
<item><title>First story</title><link>https://news.example/1</link><pubDate>Mon, 06 Jan 2020 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The first story text, long enough to matter.&lt;/p&gt;</description></item>
<item><title>Second story</title><link>https://news.example/2</link><description>Plain description of the second story.</description></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Atom story</title><link href="https://wire.example/x"/><updated>2021-03-04T05:06:07Z</updated>
<author><name>Jane Roe</name></author><content type="html">&lt;p&gt;Atom body text here.&lt;/p&gt;</content></entry></feed>`

type result struct {
	items []Item
	fails []*InputError
}

func walk(t *testing.T, inputs ...string) result {
	t.Helper()
	var r result
	w := NewWalker(DefaultOptions(), func(it Item) error { r.items = append(r.items, it); return nil },
		func(e *InputError) { r.fails = append(r.fails, e) })
	if err := w.Walk(context.Background(), inputs); err != nil {
		t.Fatalf("walk: %v", err)
	}
	return r
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFormats(t *testing.T) {
	jsonl := `{"url":"https://a.example/1","title":"A","text":"Text of A.","published":"2020-01-02","outlet":"A News"}
{"url":"https://a.example/2","html":"<html><body><p>Body of B in HTML.</p></body></html>"}
`
	cases := []struct {
		name      string
		file      string
		data      []byte
		wantItems int
		wantFmt   string
		wantHTML  bool
		check     func(t *testing.T, items []Item)
	}{
		{"plain text", "a.txt", []byte(article), 1, FormatText, false, nil},
		{"text without extension", "article", []byte(article), 1, FormatText, false, nil},
		{"html by content", "page.txt", []byte(htmlPage), 1, FormatHTML, true, nil},
		{"html by extension", "page.html", []byte("Just words <p>and a paragraph</p>"), 1, FormatHTML, true, nil},
		{"gzip text", "a.txt.gz", gz(t, []byte(article)), 1, FormatText, false, nil},
		{"gzip html without extension", "blob", gz(t, []byte(htmlPage)), 1, FormatHTML, true, nil},
		{"jsonl", "r.jsonl", []byte(jsonl), 2, FormatJSONL, false, func(t *testing.T, items []Item) {
			if items[0].URL != "https://a.example/1" || items[0].Title != "A" || items[0].Published != "2020-01-02" || items[0].Outlet != "A News" {
				t.Errorf("jsonl fields: %+v", items[0])
			}
			if !items[1].HTML || !strings.HasSuffix(items[1].Source, "#2") {
				t.Errorf("jsonl html record: %+v", items[1])
			}
		}},
		{"jsonl gz", "r.jsonl.gz", gz(t, []byte(jsonl)), 2, FormatJSONL, false, nil},
		{"warc", "crawl.warc", []byte(warcFile()), 1, FormatWARC, true, func(t *testing.T, items []Item) {
			if items[0].URL != "https://news.example/a" || !strings.Contains(string(items[0].Body), "retook the town") {
				t.Errorf("warc item: %+v", items[0])
			}
		}},
		{"warc gz", "crawl.warc.gz", gz(t, []byte(warcFile())), 1, FormatWARC, true, nil},
		{"rss", "feed.xml", []byte(rss), 2, FormatFeed, true, func(t *testing.T, items []Item) {
			if items[0].Published != "2020-01-06" || items[0].Outlet != "Example News" || items[0].URL != "https://news.example/1" {
				t.Errorf("rss item: %+v", items[0])
			}
		}},
		{"atom", "feed.atom", []byte(atom), 1, FormatFeed, true, func(t *testing.T, items []Item) {
			if items[0].Author != "Jane Roe" || items[0].Published != "2021-03-04" {
				t.Errorf("atom item: %+v", items[0])
			}
		}},
		{"rss gz", "feed.rss.gz", gz(t, []byte(rss)), 2, FormatFeed, true, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, t.TempDir(), c.file, c.data)
			r := walk(t, p)
			if len(r.fails) > 0 {
				t.Fatalf("unexpected failures: %v", r.fails)
			}
			if len(r.items) != c.wantItems {
				t.Fatalf("items = %d, want %d", len(r.items), c.wantItems)
			}
			if r.items[0].Format != c.wantFmt || r.items[0].HTML != c.wantHTML {
				t.Errorf("format = %s html=%v, want %s html=%v", r.items[0].Format, r.items[0].HTML, c.wantFmt, c.wantHTML)
			}
			if c.wantFmt != FormatWARC && c.wantFmt != FormatFeed && c.wantFmt != FormatJSONL && r.items[0].Source != p {
				t.Errorf("source = %q, want %q", r.items[0].Source, p)
			}
			if c.check != nil {
				c.check(t, r.items)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	random := make([]byte, 4096)
	rand.Read(random)
	full := gz(t, []byte(strings.Repeat(article, 200)))
	bomb := gz(t, make([]byte, 300<<20)) // 300 MiB of zeros: ratio ~1000:1
	cases := []struct {
		name string
		file string
		data []byte
		want error
	}{
		{"random binary", "blob.bin", random, ErrBinary},
		{"empty", "empty.txt", nil, ErrEmpty},
		{"whitespace only", "space.txt", []byte("  \n\n \t"), ErrEmpty},
		{"invalid utf8", "latin1.txt", []byte("Caf\xe9 au lait and more text here."), ErrInvalidUTF8},
		{"truncated gzip", "cut.txt.gz", full[:len(full)/2], ErrTruncatedGz},
		{"corrupt gzip header", "bad.gz", []byte{0x1f, 0x8b, 9, 9, 9}, ErrTruncatedGz},
		{"zip bomb", "bomb.txt.gz", bomb, ErrZipBomb},
		{"broken json", "bad.jsonl", []byte(`{"title": "x", "text": "unterminated`), ErrMalformed},
		{"json without text", "notext.jsonl", []byte(`{"url": "https://x.example/1"}`), ErrNoContent},
		{"malformed feed", "bad.rss", []byte(`<?xml version="1.0"?><rss><channel><item><title>x</ti`), ErrMalformed},
		{"malformed warc", "bad.warc", []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort"), ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := write(t, t.TempDir(), c.file, c.data)
			r := walk(t, p)
			if len(r.fails) == 0 {
				t.Fatalf("no failure reported; items: %d", len(r.items))
			}
			if !errors.Is(r.fails[0], c.want) {
				t.Errorf("error = %v, want %v", r.fails[0], c.want)
			}
			if !strings.HasPrefix(r.fails[0].Error(), p) {
				t.Errorf("error does not name the input: %q", r.fails[0].Error())
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	p := write(t, t.TempDir(), "big.txt", bytes.Repeat([]byte("word "), 3000))
	opts := DefaultOptions()
	opts.MaxFileBytes = 1000
	var fails []*InputError
	w := NewWalker(opts, func(Item) error { return nil }, func(e *InputError) { fails = append(fails, e) })
	if err := w.Walk(context.Background(), []string{p}); err != nil {
		t.Fatal(err)
	}
	if len(fails) != 1 || !errors.Is(fails[0], ErrTooLarge) {
		t.Fatalf("fails = %v", fails)
	}
}

func TestDirectoryMixedGoodAndBad(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "good.txt", []byte(article))
	write(t, dir, "sub/deeper/good2.html", []byte(htmlPage))
	write(t, dir, "empty.txt", nil)
	write(t, dir, ".hidden/skip.txt", []byte(article))
	write(t, dir, "bad.jsonl", []byte("{not json}\n"+`{"text":"fine record"}`+"\n"))
	r := walk(t, dir)
	var srcs []string
	for _, it := range r.items {
		srcs = append(srcs, filepath.Base(it.Source))
	}
	sort.Strings(srcs)
	if strings.Join(srcs, ",") != "bad.jsonl#2,good.txt,good2.html" {
		t.Errorf("items from %v", srcs)
	}
	if len(r.fails) != 2 {
		t.Errorf("fails = %v, want empty.txt and bad.jsonl#1", r.fails)
	}
}

func TestMissingPath(t *testing.T) {
	r := walk(t, filepath.Join(t.TempDir(), "nope.txt"))
	if len(r.fails) != 1 || !strings.Contains(r.fails[0].Error(), "nope.txt") {
		t.Fatalf("fails = %v", r.fails)
	}
}

func TestStdin(t *testing.T) {
	var items []Item
	w := NewWalker(DefaultOptions(), func(it Item) error { items = append(items, it); return nil }, func(e *InputError) { t.Error(e) })
	w.Stdin = strings.NewReader(article)
	if err := w.Walk(context.Background(), []string{"-"}); err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Source != "stdin" || items[0].Format != FormatText {
		t.Fatalf("stdin items: %+v", items)
	}
}

func TestURLsAndURLList(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, htmlPage)
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, rss)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	list := write(t, t.TempDir(), "urls.txt", []byte(srv.URL+"/a\n"+srv.URL+"/missing\n"))
	r := walk(t, srv.URL+"/feed", list)
	if len(r.items) != 3 {
		t.Fatalf("items = %d, want 2 feed items + 1 page", len(r.items))
	}
	if r.items[2].URL != srv.URL+"/a" || !r.items[2].HTML {
		t.Errorf("page item: %+v", r.items[2])
	}
	if len(r.fails) != 1 || !strings.Contains(r.fails[0].Error(), "/missing") || !strings.Contains(r.fails[0].Error(), "404") {
		t.Errorf("fails = %v", r.fails)
	}
}

func TestSniff(t *testing.T) {
	cases := []struct {
		head, name, want string
	}{
		{"Plain words here.\nMore words.", "x.txt", FormatText},
		{"<!doctype html><html>", "x", FormatHTML},
		{"\xef\xbb\xbf  <html><body>", "x", FormatHTML},
		{"<?xml version=\"1.0\"?><rss>", "x", FormatFeed},
		{"<feed xmlns=\"http://www.w3.org/2005/Atom\">", "x", FormatFeed},
		{"WARC/1.0\r\n", "x", FormatWARC},
		{`{"text":"a"}`, "x", FormatJSONL},
		{"https://a.example/1\nhttps://b.example/2\n", "list", FormatURLs},
		{"Text <p>with</p> <div>tags</div>", "x", FormatHTML},
		{"bin\x00ary", "x.txt", "binary"},
		{"plain", "page.htm", FormatHTML},
	}
	for _, c := range cases {
		if got := Sniff([]byte(c.head), c.name); got != c.want {
			t.Errorf("Sniff(%q, %q) = %s, want %s", c.head, c.name, got, c.want)
		}
	}
}

// FuzzWalk feeds arbitrary bytes through format detection and every parser:
// nothing may panic, and every item must carry a source.
func FuzzWalk(f *testing.F) {
	for _, s := range []string{article, htmlPage, rss, atom, warcFile(), `{"text":"x"}` + "\n{", "WARC/1.1\r\n\r\n", string(gz(f, []byte(rss)))} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := DefaultOptions()
		opts.MaxDecompressedBytes = 1 << 20
		w := NewWalker(opts, func(it Item) error {
			if it.Source == "" {
				t.Fatalf("item without source")
			}
			return nil
		}, func(e *InputError) {
			if e.Source == "" {
				t.Fatalf("failure without source: %v", e)
			}
		})
		w.Stdin = bytes.NewReader(data)
		if err := w.Walk(context.Background(), []string{"-"}); err != nil {
			t.Fatalf("walk stopped: %v", err)
		}
	})
}
