package clean

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// seedGold is the part of shared/eval/seeds/gold.json cleaning is judged by.
type seedGold struct {
	Documents map[string]struct {
		Title              string   `json:"title"`
		Language           string   `json:"language"`
		Published          []string `json:"published"`
		BoilerplateLines   []string `json:"boilerplate_lines"`
		RepeatedContent    []string `json:"repeated_content"`
		OtherLanguageLines []string `json:"other_language_lines"`
	} `json:"documents"`
	Quotes []struct {
		Doc  string `json:"doc"`
		Text string `json:"text"`
	} `json:"quotes"`
}

func loadGold(t *testing.T) seedGold {
	t.Helper()
	b, err := os.ReadFile(goldPath)
	if err != nil {
		t.Skipf("seed gold %s absent (shared/ is cloned beside the repo): %v", goldPath, err)
	}
	var g seedGold
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// quoteFold makes curly and straight quotes compare equal.
var quoteFold = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"")

// goldNote is the "(explanation)" that ends some gold boilerplate entries.
var goldNote = regexp.MustCompile(`\s*\(([^()]*)\)$`)

func lineSet(text string) map[string]int {
	m := map[string]int{}
	for _, l := range strings.Split(text, "\n") {
		m[strings.TrimSpace(l)]++
	}
	return m
}

// TestTextSeeds checks the acceptance figures on the five seed articles: no
// gold boilerplate line left, every gold quote kept, Persian widget lines
// flagged, the date line read, titles and language right.
func TestTextSeeds(t *testing.T) {
	seeds := loadSeeds(t)
	gold := loadGold(t)
	names := make([]string, 0, len(gold.Documents))
	for n := range gold.Documents {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		g := gold.Documents[name]
		raw, ok := seeds[name]
		if !ok {
			t.Fatalf("seed %s missing", name)
		}
		t.Run(name[:3], func(t *testing.T) {
			res := Text(raw, DefaultOptions())
			firstLine := strings.TrimSpace(strings.SplitN(strings.TrimLeft(raw, "\n"), "\n", 2)[0])
			if res.Title != firstLine || res.Title != g.Title {
				t.Errorf("title = %q, want first line %q (gold %q)", res.Title, firstLine, g.Title)
			}
			if res.Language != g.Language {
				t.Errorf("language = %q, want %q", res.Language, g.Language)
			}
			lines := lineSet(res.Text)
			for _, entry := range g.BoilerplateLines {
				checkBoilerplateGone(t, raw, res, lines, entry)
			}
			for _, rc := range g.RepeatedContent {
				if n := strings.Count(quoteFold.Replace(strings.ReplaceAll(res.Text, "[W]hat", "what")), quoteFold.Replace(strings.TrimPrefix(rc, "In other words, "))); n != 1 {
					t.Errorf("repeated content occurs %d times in the clean text, want 1: %.60q", n, rc)
				}
			}
			folded := quoteFold.Replace(res.Text)
			for _, q := range gold.Quotes {
				if q.Doc == name[:3] && !strings.Contains(folded, quoteFold.Replace(q.Text)) {
					t.Errorf("gold quote lost: %q", q.Text)
				}
			}
			if len(g.OtherLanguageLines) > 0 {
				lang := strings.SplitN(g.OtherLanguageLines[0], ":", 2)[0]
				var n int
				for _, s := range res.OtherLanguage {
					if s.Lang == lang {
						n++
					}
				}
				if n != 2 {
					t.Errorf("%d lines flagged %q, want the 2 widget lines; spans %+v", n, lang, res.OtherLanguage)
				}
			} else if len(res.OtherLanguage) > 0 {
				t.Errorf("unexpected other-language spans %+v", res.OtherLanguage)
			}
			if g.Published[0] == g.Published[1] {
				if res.Published != g.Published[0] || res.PublishedBasis != model.BasisText {
					t.Errorf("published = %q (%q), want %q from the date line", res.Published, res.PublishedBasis, g.Published[0])
				}
			} else if res.Published != "" {
				t.Errorf("published = %q, but the file states no date", res.Published)
			}
			checkInvariants(t, res)
			golden(t, filepath.Join("testdata", "seeds", name[:3]+".clean.txt"), res.Text)
			removed, _ := json.MarshalIndent(res.Removed, "", "  ")
			golden(t, filepath.Join("testdata", "seeds", name[:3]+".removed.json"), string(removed)+"\n")
		})
	}
}

// checkBoilerplateGone reads one gold boilerplate entry (a line, maybe with a
// note in brackets) and checks the clean text no longer has it.
func checkBoilerplateGone(t *testing.T, raw string, res Result, lines map[string]int, entry string) {
	t.Helper()
	note := ""
	line := entry
	if m := goldNote.FindStringSubmatch(entry); m != nil {
		note = m[1]
		line = strings.TrimSpace(entry[:len(entry)-len(m[0])])
	}
	switch {
	case strings.Contains(line, "related-post titles after"):
		// "the 11 related-post titles after 'Similar post'": every non-empty
		// line after that heading must be gone.
		head := regexp.MustCompile(`'([^']+)'`).FindStringSubmatch(line)[1]
		after := raw[strings.Index(raw, head)+len(head):]
		n := 0
		for _, l := range strings.Split(after, "\n") {
			l = strings.TrimSpace(l)
			if l == "" || !utf8.ValidString(l) || scriptIs(l, ScriptArabic) {
				continue
			}
			n++
			if lines[l] > 0 {
				t.Errorf("related-post title kept: %q", l)
			}
		}
		if n < 10 {
			t.Errorf("found %d related-post titles after %q, want the list the gold describes", n, head)
		}
	case strings.Contains(note, "second copy"):
		if lines[line] != 1 {
			t.Errorf("title line occurs %d times, want once: %q", lines[line], line)
		}
	default:
		if lines[line] > 0 {
			t.Errorf("boilerplate line kept: %q", line)
		}
		found := false
		for _, r := range res.Removed {
			found = found || r.Line == line
		}
		if !found {
			t.Errorf("boilerplate line %q not listed in Removed", line)
		}
	}
}

func scriptIs(s string, sc Script) bool {
	got, _ := scriptOf(s)
	return got == sc
}

// checkInvariants holds for every Result: valid UTF-8, spans that point at
// their text, paragraphs that tile the text between "\n\n" separators,
// removed lines with reasons.
func checkInvariants(t *testing.T, res Result) {
	t.Helper()
	if !utf8.ValidString(res.Text) {
		t.Errorf("clean text is not valid UTF-8")
	}
	for _, s := range res.OtherLanguage {
		if s.Start == -1 && s.End == -1 {
			continue
		}
		if s.Start < 0 || s.End > len(res.Text) || s.Start > s.End || res.Text[s.Start:s.End] != s.Text {
			t.Errorf("language span %d:%d does not hold its text %.40q", s.Start, s.End, s.Text)
		}
	}
	prev := 0
	for i, p := range res.Paragraphs {
		if p.Start < prev || p.End > len(res.Text) || p.Start >= p.End {
			t.Fatalf("paragraph %d at %d:%d out of order or empty (text %d bytes)", i, p.Start, p.End, len(res.Text))
		}
		if i > 0 && res.Text[prev:p.Start] != "\n\n" {
			t.Errorf("paragraph %d not separated by a blank line: %q", i, res.Text[prev:p.Start])
		}
		if strings.Contains(res.Text[p.Start:p.End], "\n\n") {
			t.Errorf("paragraph %d holds a blank line", i)
		}
		prev = p.End
	}
	if len(res.Paragraphs) > 0 && (res.Paragraphs[0].Start != 0 || prev != len(res.Text)) {
		t.Errorf("paragraphs do not cover the text")
	}
	for _, r := range res.Removed {
		if r.Reason == "" || strings.TrimSpace(r.Line) == "" {
			t.Errorf("removed line without reason or text: %+v", r)
		}
	}
}

// golden compares got with the file at path, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden file: %v (run go test -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from this run (go test -update rewrites it)", path)
	}
}

// TestTextLines runs the furniture rules on short articles of the kind the
// seeds are, written for the test: each case lists lines that must go (with
// their reason) and lines that must stay.
func TestTextLines(t *testing.T) {
	body := "The offensive began at dawn, and by noon the army said it had taken the northern districts of the town.\n\n" +
		"Commanders said that militia units and regular troops had advanced together for the first time this year.\n\n"
	cases := []struct {
		name    string
		text    string
		removed map[string]string // line -> reason
		kept    []string
	}{
		{
			name: "head counters and date",
			text: "Army retakes the town\n\nPublished: March 3, 2019 10:30 AM EST\n1,204 views\nComments (3)\n\n" + body,
			removed: map[string]string{
				"Published: March 3, 2019 10:30 AM EST": ReasonDateLine,
				"1,204 views":                           ReasonCounter,
			},
			kept: []string{"Army retakes the town"},
		},
		{
			name: "share bar and newsletter",
			text: "Army retakes the town\n\nShare this article\nShare on Facebook\nTweet\n\n" + body +
				"Subscribe to our newsletter\n\nSign up for our daily email\n",
			removed: map[string]string{
				"Share this article":          ReasonUIWidget,
				"Share on Facebook":           ReasonUIWidget,
				"Subscribe to our newsletter": ReasonUIWidget,
				"Sign up for our daily email": ReasonUIWidget,
			},
		},
		{
			name: "related list after heading",
			text: "Army retakes the town\n\n" + body + "You may also like\n\nWhy the siege lasted so long\n\nFive things to know about the militia\n",
			removed: map[string]string{
				"You may also like":                     ReasonRelatedLinks,
				"Why the siege lasted so long":          ReasonRelatedLinks,
				"Five things to know about the militia": ReasonRelatedLinks,
			},
		},
		{
			name: "read more pointer and credits",
			text: "Army retakes the town\n\nPhoto: Reuters\n\n" + body + "READ MORE: Militias gain ground in the north\n\n(Getty Images/AFP)\n",
			removed: map[string]string{
				"Photo: Reuters": ReasonImageCredit,
				"READ MORE: Militias gain ground in the north": ReasonRelatedLinks,
			},
		},
		{
			name:    "byline",
			text:    "Army retakes the town\n\nBy Jane Doe\n\n" + body,
			removed: map[string]string{"By Jane Doe": ReasonByline},
		},
		{
			name: "news sentences with interface words stay",
			text: "Army retakes the town\n\n" + body + "The ministry declined to comment.\n\nShare prices fell sharply in Baghdad.\n\nSupport for the militias is growing.\n",
			kept: []string{"The ministry declined to comment.", "Share prices fell sharply in Baghdad.", "Support for the militias is growing."},
		},
		{
			name: "subheadings and captions inside the body stay",
			text: "Army retakes the town\n\n" + body + "A commander in the shadows\n\n" + body,
			kept: []string{"A commander in the shadows"},
		},
		{
			name: "repeated paragraph keeps the first",
			text: "Army retakes the town\n\n" + body + body,
			removed: map[string]string{
				"The offensive began at dawn, and by noon the army said it had taken the northern districts of the town.": ReasonRepeatedParagraph,
			},
		},
		{
			name:    "other script widget at the end",
			text:    "Army retakes the town\n\n" + body + "Оставьте комментарий\n",
			removed: map[string]string{"Оставьте комментарий": ReasonOtherLanguage},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := Text(c.text, DefaultOptions())
			checkInvariants(t, res)
			got := map[string]string{}
			for _, r := range res.Removed {
				got[r.Line] = r.Reason
			}
			for line, reason := range c.removed {
				if got[line] != reason {
					t.Errorf("line %q removed as %q, want %q", line, got[line], reason)
				}
			}
			lines := lineSet(res.Text)
			for _, k := range c.kept {
				if lines[k] == 0 {
					t.Errorf("line %q was removed (%q)", k, got[k])
				}
			}
			for _, p := range strings.Split(body, "\n\n") {
				if p != "" && lines[p] == 0 {
					t.Errorf("body paragraph lost: %.50q", p)
				}
			}
		})
	}
}

func TestTextEdgeInputs(t *testing.T) {
	for _, in := range []string{"", "\n\n\n", "   ", "\x00\x01binary\xff\xfe", "one line", strings.Repeat("word ", 10000), "\r\nTitle\r\n\r\nBody line one.\r\n"} {
		res := Text(in, DefaultOptions())
		checkInvariants(t, res)
		if strings.Contains(res.Text, "\r") || strings.ContainsRune(res.Text, 0) {
			t.Errorf("control characters kept for %.20q", in)
		}
	}
	if got := Text("\r\nTitle\r\n\r\nBody line one.\r\n", DefaultOptions()).Title; got != "Title" {
		t.Errorf("title = %q", got)
	}
	long := strings.Repeat("A line of text.\n", 2000)
	o := DefaultOptions()
	o.MaxInputBytes = 1000
	if res := Text(long, o); len(res.Text) > 1000 {
		t.Errorf("MaxInputBytes not applied: %d bytes", len(res.Text))
	}
}
