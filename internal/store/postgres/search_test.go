package postgres

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTSQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"amirli", "'amirli'"},
		{"Amirli siege", "'Amirli' & 'siege'"},
		{`"siege of amirli"`, "('siege' <-> 'of' <-> 'amirli')"},
		{"baghdad OR soleimani", "'baghdad' | 'soleimani'"},
		{"a b OR c", "'a' & 'b' | 'c'"},
		{"kurd*", "'kurd':*"},
		{`"siege of"*`, "('siege' <-> 'of')"},
		{"OR amirli", "'amirli'"},
		{"amirli OR", "'amirli'"},
		{"a OR OR b", "'a' | 'b'"},
		{"soleimani's", "'soleimani' & 's'"},
		{"al-maliki", "'al' & 'maliki'"},
		{"3.5", "'3' & '5'"},
		{"ministry_of_water", "'ministry_of_water'"},
		{"Amírli", "'Amírli'"},
		{`'; DROP TABLE documents; --`, "'DROP' & 'TABLE' & 'documents'"},
		{`title:alpha`, "'title' & 'alpha'"},
		{`-alpha`, "'alpha'"},
		{`alpha & !beta | gamma <-> delta:*`, "'alpha' & 'beta' & 'gamma' & 'delta':*"},
		{`"`, ""}, {`(((`, ""}, {"\x00", ""}, {"*", ""}, {"", ""}, {"OR", ""}, {`""`, ""},
	} {
		if got := parseQuery(c.in).tsquery(); got != c.want {
			t.Errorf("tsquery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	long := strings.Repeat("word ", 1000)
	if n := strings.Count(parseQuery(long).tsquery(), "'word'"); n != maxQueryTerms {
		t.Errorf("a 1000-word query kept %d terms, want %d", n, maxQueryTerms)
	}
}

func TestSnippet(t *testing.T) {
	text := "General Qassem Soleimani visited the front near Amírli. The siege of Amirli lasted more than 75 days."
	for _, c := range []struct{ q, want string }{
		{"amirli", "General Qassem Soleimani visited the front near [Amírli]. The siege of [Amirli] lasted more than 75 days."},
		{`"siege of amirli"`, "General Qassem Soleimani visited the front near Amírli. The [siege of Amirli] lasted more than 75 days."},
		{"soleim*", "General Qassem [Soleimani] visited the front near Amírli. The siege of Amirli lasted more than 75 days."},
		{"nothing OR days", "General Qassem Soleimani visited the front near Amírli. The siege of Amirli lasted more than 75 [days]."},
		{"nothing", "General Qassem Soleimani visited the front near Amírli. The siege of Amirli lasted more than 75 days."},
	} {
		if got := snippet(text, parseQuery(c.q)); got != c.want {
			t.Errorf("snippet(%q)\n got %q\nwant %q", c.q, got, c.want)
		}
	}
	long := strings.Repeat("filler words here. ", 20) + "The target word sits here. " + strings.Repeat("more filler text. ", 20)
	got := snippet(long, parseQuery("target"))
	if !strings.HasPrefix(got, " … ") || !strings.HasSuffix(got, " … ") || !strings.Contains(got, "[target]") {
		t.Errorf("long snippet = %q", got)
	}
	if n := len(textTokens(strings.NewReplacer("[", "", "]", "", " … ", " ").Replace(got))); n != snippetTokens {
		t.Errorf("long snippet has %d words, want %d", n, snippetTokens)
	}
}

// FuzzParseQuery: whatever the user types, the tsquery holds only quoted
// words and our operators, and the snippet is the text with brackets added.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"amirli", `"siege of amirli"`, "a OR b", "kurd*", `'; DROP TABLE x; --`, "\x00", `a"b"c`,
		`\'`, "NEAR(", "((", "-x", "Amírli", "a_b", "x:* | y"} {
		f.Add(s, "The siege of Amírli lasted 75 days; a_b x.")
	}
	f.Fuzz(func(t *testing.T, q, text string) {
		tq := parseQuery(q).tsquery()
		inQuote := false
		for _, r := range tq {
			if r == '\'' {
				inQuote = !inQuote
				continue
			}
			if inQuote {
				if !isWordRune(r) {
					t.Fatalf("tsquery(%q) = %q: %q inside a quoted word", q, tq, r)
				}
			} else if !strings.ContainsRune(" &|<->():*", r) {
				t.Fatalf("tsquery(%q) = %q: %q outside a quoted word", q, tq, r)
			}
		}
		if inQuote {
			t.Fatalf("tsquery(%q) = %q: unbalanced quote", q, tq)
		}
		if !utf8.ValidString(text) {
			return
		}
		sn := snippet(text, parseQuery(q))
		plain := strings.NewReplacer("[", "", "]", "").Replace(strings.TrimSuffix(strings.TrimPrefix(sn, " … "), " … "))
		if !strings.Contains(strings.NewReplacer("[", "", "]", "").Replace(text), plain) {
			t.Fatalf("snippet %q of %q is not a piece of the text", sn, text)
		}
	})
}

func TestFirstSchema(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""}, {"$user, public", ""}, {`"$user"`, ""}, {"run42", "run42"}, {"Run42", "run42"},
		{" run42 , public", "run42"}, {`"Run 42"`, "Run 42"}, {`"a""b"`, `a"b`},
	} {
		if got, err := firstSchema(c.in); err != nil || got != c.want {
			t.Errorf("firstSchema(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	if _, err := firstSchema(`"unterminated`); err == nil {
		t.Errorf("an unterminated quoted name should fail")
	}
}

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"postgres://u:secret@h/db", "postgres://u:***@h/db"},
		{"postgres://u@h/db", "postgres://u@h/db"},
		{"host=h password=secret", "(connection string)"},
	} {
		if got := redact(c.in); got != c.want {
			t.Errorf("redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
