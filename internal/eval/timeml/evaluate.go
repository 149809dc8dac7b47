package timeml

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/timex"
)

// Figures are TempEval-3 task A scores.
type Figures struct {
	Gold    int `json:"gold"`
	System  int `json:"system"`
	Strict  int `json:"strict_matches"`
	Relaxed int `json:"relaxed_matches"`
	ValueOK int `json:"value_matches"`
	TypeOK  int `json:"type_matches"`

	StrictP   float64 `json:"strict_precision"`
	StrictR   float64 `json:"strict_recall"`
	StrictF1  float64 `json:"strict_f1"`
	Precision float64 `json:"precision"` // relaxed
	Recall    float64 `json:"recall"`    // relaxed
	RelaxedF1 float64 `json:"relaxed_f1"`
	ValueP    float64 `json:"value_precision"`
	ValueR    float64 `json:"value_recall"`
	ValueF1   float64 `json:"value_f1"`
	TypeF1    float64 `json:"type_f1"`
	ValueAcc  float64 `json:"value_accuracy"` // right values among relaxed matches
}

// Error is one disagreement between the tagger and the gold, for error analysis.
type Error struct {
	File   string `json:"file"`
	Kind   string `json:"kind"` // missed, spurious, value
	Text   string `json:"text"`
	Gold   string `json:"gold,omitempty"`
	System string `json:"system,omitempty"`
	DCT    string `json:"dct"`
}

// Report is what Evaluate returns.
type Report struct {
	Overall Figures `json:"overall"`
	Files   int     `json:"files"`
	Errors  []Error `json:"errors,omitempty"`
}

// Summary is the report in one line of text, for the CLI.
func (r Report) Summary() string {
	o := r.Overall
	return fmt.Sprintf("files %d, gold %d, system %d: strict F1 %.3f, relaxed F1 %.3f (P %.3f R %.3f), value F1 %.3f, type F1 %.3f",
		r.Files, o.Gold, o.System, o.StrictF1, o.RelaxedF1, o.Precision, o.Recall, o.ValueF1, o.TypeF1)
}

// Options tune Evaluate.
type Options struct {
	// KeepErrors lists every disagreement in Report.Errors. Default false.
	KeepErrors bool
}

// Evaluate scores the tagger on every .tml file of dir.
func Evaluate(dir string) (Report, error) { return EvaluateWith(dir, Options{}) }

// EvaluateWith is Evaluate with options.
func EvaluateWith(dir string, opts Options) (Report, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return Report{}, fmt.Errorf("timeml %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return Report{}, fmt.Errorf("timeml %s: no .tml files", dir)
	}
	sort.Strings(paths)
	var rep Report
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return Report{}, fmt.Errorf("timeml %s: %w", path, err)
		}
		doc, err := Parse(f)
		f.Close()
		if err != nil {
			return Report{}, fmt.Errorf("timeml %s: %w", path, err)
		}
		doc.Name = filepath.Base(path)
		sys := Tag(doc)
		errs := Score(&rep.Overall, doc, sys)
		if opts.KeepErrors {
			rep.Errors = append(rep.Errors, errs...)
		}
		rep.Files++
	}
	rep.Overall.finish()
	return rep, nil
}

// Tag runs the tagger on a document anchored at its creation time.
func Tag(doc Document) []Timex {
	anchor, err := timex.ParseAnchor(doc.DCT)
	if err != nil {
		anchor = timex.UnknownAnchor
	}
	opts := timex.DefaultOptions()
	opts.EventPeriods = false
	var out []Timex
	for _, e := range timex.FindExprs(doc.Text, anchor, opts) {
		out = append(out, Timex{Start: e.Start, End: e.End, Text: e.Text, Type: e.Type, Value: e.Value, Mod: e.Mod})
	}
	return out
}

// Score adds one document's counts to f: gold and system expressions are
// paired one to one, left to right, by overlap (relaxed) and by exact
// extent (strict).
func Score(f *Figures, doc Document, sys []Timex) []Error {
	f.Gold += len(doc.Timexes)
	f.System += len(sys)
	var errs []Error
	usedSys := make([]bool, len(sys))
	for _, g := range doc.Timexes {
		best := -1
		for k, s := range sys {
			if usedSys[k] || s.End <= g.Start || s.Start >= g.End {
				continue
			}
			if best < 0 || (s.Start == g.Start && s.End == g.End) {
				best = k
			}
		}
		if best < 0 {
			errs = append(errs, Error{File: doc.Name, Kind: "missed", Text: g.Text, Gold: g.Value, DCT: doc.DCT})
			continue
		}
		usedSys[best] = true
		s := sys[best]
		f.Relaxed++
		if s.Start == g.Start && s.End == g.End {
			f.Strict++
		}
		if strings.EqualFold(strings.TrimSpace(s.Value), strings.TrimSpace(g.Value)) {
			f.ValueOK++
		} else {
			errs = append(errs, Error{File: doc.Name, Kind: "value", Text: g.Text + " | " + s.Text, Gold: g.Value, System: s.Value, DCT: doc.DCT})
		}
		if strings.EqualFold(s.Type, g.Type) {
			f.TypeOK++
		}
	}
	for k, s := range sys {
		if !usedSys[k] {
			errs = append(errs, Error{File: doc.Name, Kind: "spurious", Text: s.Text, System: s.Value, DCT: doc.DCT})
		}
	}
	return errs
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (f *Figures) finish() {
	f.StrictP, f.StrictR = ratio(f.Strict, f.System), ratio(f.Strict, f.Gold)
	f.StrictF1 = f1(f.StrictP, f.StrictR)
	f.Precision, f.Recall = ratio(f.Relaxed, f.System), ratio(f.Relaxed, f.Gold)
	f.RelaxedF1 = f1(f.Precision, f.Recall)
	f.ValueP, f.ValueR = ratio(f.ValueOK, f.System), ratio(f.ValueOK, f.Gold)
	f.ValueF1 = f1(f.ValueP, f.ValueR)
	f.TypeF1 = f1(ratio(f.TypeOK, f.System), ratio(f.TypeOK, f.Gold))
	f.ValueAcc = ratio(f.ValueOK, f.Relaxed)
}
