package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/query"
)

// checkBlocks verifies the invariant of markText: the pieces, in order,
// are the whole text, and every piece is text[Start:End].
func checkBlocks(t *testing.T, text string, blocks []textBlock) {
	t.Helper()
	var b strings.Builder
	pos := 0
	for _, bl := range blocks {
		for _, p := range bl.Pieces {
			if p.Start != pos || p.End < p.Start || p.End > len(text) || text[p.Start:p.End] != p.Text {
				t.Fatalf("piece [%d,%d) %q does not continue the text at %d", p.Start, p.End, p.Text, pos)
			}
			if bl.Sent && (p.Start < bl.Start || p.End > bl.End) {
				t.Fatalf("piece [%d,%d) outside its sentence [%d,%d)", p.Start, p.End, bl.Start, bl.End)
			}
			b.WriteString(p.Text)
			pos = p.End
		}
	}
	if b.String() != text {
		t.Fatalf("pieces give %q, want %q", b.String(), text)
	}
}

func TestMarkText(t *testing.T) {
	text := "Qassem Soleimani reached Amirli in August 2014. “We won,” he said. Über Café ünd 7,000 men."
	cafe := strings.Index(text, "Café")
	q := strings.Index(text, "“")
	cases := []struct {
		name string
		d    query.DocumentDetail
		hl   *model.Span
		want map[string]string // piece text -> class it must have
	}{
		{"empty", query.DocumentDetail{Text: text}, nil, nil},
		{"mentions and sentences", query.DocumentDetail{Text: text,
			Sentences: []model.Sentence{{Start: 0, End: 47}, {Start: 48, End: 66}},
			Mentions:  []model.Mention{{Start: 0, End: 16, Text: "Qassem Soleimani", Type: "PERSON", Entity: "qassem-soleimani"}, {Start: 25, End: 31, Text: "Amirli", Type: "PLACE"}},
			Times:     []model.TimeExpr{{Start: 35, End: 46, Text: "August 2014", Type: "DATE", Value: "2014-08"}},
		}, nil, map[string]string{"Qassem Soleimani": "m m-PERSON", "Amirli": "m m-PLACE", "August 2014": "tx"}},
		{"overlapping quote and mention", query.DocumentDetail{Text: text,
			Quotes:   []model.Quote{{Start: q, End: q + len("“We won,”"), Text: "“We won,”"}},
			Mentions: []model.Mention{{Start: q + 3, End: q + 5, Text: "We", Type: "MISC"}},
		}, nil, map[string]string{"We": "m m-MISC qt"}},
		{"bad offsets are ignored", query.DocumentDetail{Text: text,
			Mentions:  []model.Mention{{Start: -3, End: 4}, {Start: 10, End: 5}, {Start: 0, End: 10_000}, {Start: cafe + 4, End: cafe + 5}},
			Sentences: []model.Sentence{{Start: 5, End: 900}, {Start: 30, End: 20}},
			Times:     []model.TimeExpr{{Start: cafe + 3, End: cafe + 6}},
		}, nil, nil},
		{"highlight", query.DocumentDetail{Text: text, Sentences: []model.Sentence{{Start: 0, End: 47}}}, &model.Span{Start: 7, End: 16},
			map[string]string{"Soleimani": "hl"}},
		{"overlapping sentences", query.DocumentDetail{Text: text, Sentences: []model.Sentence{{Start: 0, End: 47}, {Start: 20, End: 60}, {Start: 48, End: 66}}}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			blocks := markText(c.d, nil, c.hl)
			checkBlocks(t, c.d.Text, blocks)
			for txt, cls := range c.want {
				found := false
				for _, b := range blocks {
					for _, p := range b.Pieces {
						if p.Text == txt && p.Class == cls {
							found = true
						}
					}
				}
				if !found {
					t.Errorf("no piece %q with class %q", txt, cls)
				}
			}
		})
	}
}

// FuzzMarkText feeds arbitrary text and spans (analyses of hostile input)
// to the highlighter: it must never panic, and the pieces must always be
// the text.
func FuzzMarkText(f *testing.F) {
	f.Add("Soleimani in Amirli.", 0, 9, 13, 19, 0, 20)
	f.Add("é“ü”\x00<script>", 1, 2, -1, 50, 3, 3)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		if !utf8.ValidString(text) {
			return
		}
		det := query.DocumentDetail{Text: text,
			Mentions:  []model.Mention{{Start: a, End: b, Type: "PERSON<script>", Entity: "x"}},
			Times:     []model.TimeExpr{{Start: c, End: d}},
			Quotes:    []model.Quote{{Start: b, End: d}},
			Sentences: []model.Sentence{{Start: e, End: g}, {Start: a, End: c}},
		}
		checkBlocks(t, text, markText(det, nil, &model.Span{Start: c, End: g}))
	})
}

// FuzzQueryParams sends arbitrary query strings to every listing of an
// empty store: no request may fail with a server error.
func FuzzQueryParams(f *testing.F) {
	st := emptyStore(f)
	s, err := New(st, DefaultOptions())
	if err != nil {
		f.Fatal(err)
	}
	paths := []string{"/api/search", "/api/documents", "/api/entities", "/api/timeline", "/api/quotes", "/api/frames",
		"/api/contradictions", "/api/stories", "/api/compare", "/search", "/documents", "/entities", "/api/export"}
	f.Add(0, "q=soleimani&limit=5")
	f.Add(3, "next=99999999999999999999&type=%00")
	f.Add(7, "entity=%27%3B--&q=%22%22*OR")
	f.Fuzz(func(t *testing.T, which int, raw string) {
		if which < 0 {
			which = -which
		}
		p := paths[which%len(paths)]
		vals, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req := httptest.NewRequest("GET", p+"?"+vals.Encode(), nil)
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("GET %s?%s: %d %s", p, raw, w.Code, w.Body.String())
		}
	})
}

// FuzzSafeName checks that no client file name escapes the upload directory.
func FuzzSafeName(f *testing.F) {
	f.Add("../../etc/passwd")
	f.Add(`..\..\boot.ini`)
	f.Fuzz(func(t *testing.T, name string) {
		got := safeName(name)
		if got == "" || strings.ContainsAny(got, `/\`) || strings.HasPrefix(got, ".") || len(got) > 80 {
			t.Fatalf("safeName(%q) = %q", name, got)
		}
	})
}

func TestParseSpan(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		s, e int
	}{
		{"3-9", true, 3, 9}, {"9-3", false, 0, 0}, {"3-3", false, 0, 0}, {"", false, 0, 0}, {"a-b", false, 0, 0},
		{"1-9999999999", false, 0, 0}, {"-1-5", false, 0, 0}, {"12-13", true, 12, 13},
	}
	for _, c := range cases {
		sp, ok := parseSpan(c.in)
		if ok != c.ok || ok && (sp.Start != c.s || sp.End != c.e) {
			t.Errorf("parseSpan(%q) = %v, %v", c.in, sp, ok)
		}
	}
}
