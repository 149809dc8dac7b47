package extract

import (
	"errors"
	"math"
	"regexp"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"it’s al-Sakher_2014", []string{"it", "s", "al", "Sakher_2014"}},
		{"Café №5 ½", []string{"Café", "5", "½"}},
		{"نظری برای", []string{"نظری", "برای"}},
	}
	for _, c := range cases {
		if got := Tokens(c.in); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Agree with a \w+ regexp on ASCII text, as Python's rule does.
	re := regexp.MustCompile(`\w+`)
	s := "A quick test: 3 words_and more, no? (yes) - 42."
	if got, want := strings.Join(Tokens(s), " "), strings.Join(re.FindAllString(s, -1), " "); got != want {
		t.Errorf("Tokens = %q, regexp \\w+ = %q", got, want)
	}
}

func TestShingles(t *testing.T) {
	cases := []struct {
		in   string
		want map[string]int
	}{
		{"", map[string]int{"": 1}},
		{"one two", map[string]int{"one two": 1}},
		{"a b c d", map[string]int{"a b c d": 1}},
		{"a b c d a b c d", map[string]int{"a b c d": 2, "b c d a": 1, "c d a b": 1, "d a b c": 1}},
	}
	for _, c := range cases {
		got := Shingles(c.in)
		if len(got) != len(c.want) {
			t.Errorf("Shingles(%q) = %v, want %v", c.in, got, c.want)
			continue
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("Shingles(%q)[%q] = %d, want %d", c.in, k, got[k], v)
			}
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestShingleMatchAndAverage(t *testing.T) {
	truth := "a b c d e f"  // shingles: abcd bcde cdef
	pred := "a b c d e x y" // shingles: abcd bcde cdex dexy
	tp, fp, fn := ShingleMatch(truth, pred)
	// tp 2, fp 2, fn 1, normalised by 5.
	if !near(tp, 0.4) || !near(fp, 0.4) || !near(fn, 0.2) {
		t.Errorf("ShingleMatch = %v %v %v", tp, fp, fn)
	}
	p := PageResult{TP: tp, FP: fp, FN: fn}
	if !near(p.Precision(), 0.5) || !near(p.Recall(), 2.0/3) {
		t.Errorf("precision %v recall %v", p.Precision(), p.Recall())
	}
	// An empty prediction is one empty shingle: all wrong, nothing found.
	tp, fp, fn = ShingleMatch(truth, "")
	if tp != 0 || fp == 0 || fn == 0 {
		t.Errorf("empty prediction: %v %v %v", tp, fp, fn)
	}
	// Both empty: a perfect page.
	tp, fp, fn = ShingleMatch("", "")
	if e := (PageResult{TP: tp, FP: fp, FN: fn}); e.Precision() != 1 || e.Recall() != 1 {
		t.Errorf("empty vs empty = %+v", e)
	}
	m := Average([]PageResult{{TP: 1}, {TP: 0.5, FP: 0.5}, {TP: 0, FN: 1}})
	// precision over pages with tp+fp>0: (1 + 0.5)/2; recall over tp+fn>0: (1 + 1 + 0)/3.
	if !near(m.Precision, 0.75) || !near(m.Recall, 2.0/3) || !near(m.F1, 2*0.75*(2.0/3)/(0.75+2.0/3)) {
		t.Errorf("Average = %+v", m)
	}
}

func TestEvaluateMini(t *testing.T) {
	firstPara := func(html []byte, _ string) (string, error) {
		s := string(html)
		i := strings.Index(s, "<p>")
		j := strings.Index(s, "</p>")
		return s[i+3 : j], nil
	}
	rep, err := Evaluate("testdata/mini", firstPara)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 2 || rep.Overall.F1 != 1 {
		t.Errorf("report = %+v, want 2 perfect pages", rep)
	}
	failing := func([]byte, string) (string, error) { return "", errors.New("boom") }
	reps, err := Compare("testdata/mini", []Candidate{{Name: "first", Extract: firstPara}, {Name: "fail", Extract: failing}})
	if err != nil {
		t.Fatal(err)
	}
	if reps["fail"].Overall.F1 != 0 || reps["fail"].PerPage[0].Err != "boom" {
		t.Errorf("failing extractor report = %+v", reps["fail"])
	}
	if _, err := Evaluate("testdata/absent", firstPara); err == nil {
		t.Errorf("missing directory gave no error")
	}
}
