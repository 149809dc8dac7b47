package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
)

// ShingleSize is the number of tokens in one shingle, as in the benchmark.
const ShingleSize = 4

// maxPageBytes bounds one decompressed page so a hostile .gz cannot exhaust memory.
const maxPageBytes = 64 << 20

// Sentinel errors.
var (
	// ErrNoPages is returned when the directory's ground truth lists no page.
	ErrNoPages = errors.New("no pages in ground truth")
)

// Extractor turns one HTML page into its main text.
type Extractor func(html []byte, url string) (string, error)

// Candidate is a named extractor to compare with others.
type Candidate struct {
	Name    string
	Extract Extractor
}

// Metrics are the benchmark's averaged precision, recall and F1.
type Metrics struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// PageResult is the score of one page: tp, fp and fn normalised to sum to 1.
type PageResult struct {
	Key string  `json:"key"`
	URL string  `json:"url"`
	TP  float64 `json:"tp"`
	FP  float64 `json:"fp"`
	FN  float64 `json:"fn"`
	Err string  `json:"error,omitempty"`
}

// Precision follows the benchmark: 1 when nothing was wrong or missing.
func (p PageResult) Precision() float64 {
	switch {
	case p.FP == 0 && p.FN == 0:
		return 1
	case p.TP == 0 && p.FP == 0:
		return 0
	}
	return p.TP / (p.TP + p.FP)
}

// Recall follows the benchmark: 1 when nothing was wrong or missing.
func (p PageResult) Recall() float64 {
	switch {
	case p.FP == 0 && p.FN == 0:
		return 1
	case p.TP == 0 && p.FN == 0:
		return 0
	}
	return p.TP / (p.TP + p.FN)
}

// F1 of one page, for ranking the worst pages.
func (p PageResult) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

// Report is the score of one extractor over a set of pages.
type Report struct {
	Overall Metrics      `json:"overall"`
	Pages   int          `json:"pages"`
	Seconds float64      `json:"seconds,omitempty"`
	PerPage []PageResult `json:"-"`
}

// Page is one benchmark page with its human-verified article body.
type Page struct {
	Key   string
	URL   string
	HTML  []byte
	Truth string
}

// LoadPages reads dir/ground-truth.json and dir/html/KEY.html.gz, in key order.
func LoadPages(dir string) ([]Page, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("extract eval %s: %w", dir, err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("extract eval %s: ground-truth.json: %w", dir, err)
	}
	if len(truth) == 0 {
		return nil, fmt.Errorf("extract eval %s: %w", dir, ErrNoPages)
	}
	keys := make([]string, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pages := make([]Page, 0, len(keys))
	for _, k := range keys {
		html, err := readGzip(filepath.Join(dir, "html", k+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("extract eval %s: page %s: %w", dir, k, err)
		}
		pages = append(pages, Page{Key: k, URL: truth[k].URL, HTML: html, Truth: truth[k].ArticleBody})
	}
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(zr, maxPageBytes+1))
	if err != nil {
		return nil, err
	}
	if n > maxPageBytes {
		return nil, fmt.Errorf("larger than %d bytes decompressed", maxPageBytes)
	}
	return buf.Bytes(), nil
}

// Evaluate scores extractor on the benchmark pages in dir.
func Evaluate(dir string, extractor Extractor) (Report, error) {
	pages, err := LoadPages(dir)
	if err != nil {
		return Report{}, err
	}
	return Score(pages, extractor), nil
}

// Compare scores every candidate on the same pages, loaded once, in one run.
func Compare(dir string, candidates []Candidate) (map[string]Report, error) {
	pages, err := LoadPages(dir)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Report, len(candidates))
	for _, c := range candidates {
		out[c.Name] = Score(pages, c.Extract)
	}
	return out, nil
}

// Score runs extractor on every page and averages as the benchmark does. An
// extractor error counts as an empty prediction and is kept in PerPage.
func Score(pages []Page, extractor Extractor) Report {
	rep := Report{Pages: len(pages), PerPage: make([]PageResult, 0, len(pages))}
	start := time.Now()
	for _, p := range pages {
		pred, err := extractor(p.HTML, p.URL)
		r := PageResult{Key: p.Key, URL: p.URL}
		if err != nil {
			pred, r.Err = "", err.Error()
		}
		r.TP, r.FP, r.FN = ShingleMatch(p.Truth, pred)
		rep.PerPage = append(rep.PerPage, r)
	}
	rep.Seconds = time.Since(start).Seconds()
	rep.Overall = Average(rep.PerPage)
	return rep
}

// Average is the benchmark's aggregate: mean precision over pages with
// tp+fp > 0, mean recall over pages with tp+fn > 0, F1 of the two means.
func Average(pages []PageResult) Metrics {
	var sp, sr float64
	var np, nr int
	for _, p := range pages {
		if p.TP+p.FP > 0 {
			sp += p.Precision()
			np++
		}
		if p.TP+p.FN > 0 {
			sr += p.Recall()
			nr++
		}
	}
	var m Metrics
	if np > 0 {
		m.Precision = sp / float64(np)
	}
	if nr > 0 {
		m.Recall = sr / float64(nr)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
	}
	return m
}

// ShingleMatch counts shingles of pred against truth as multisets and
// normalises tp, fp and fn to sum to 1, so long pages weigh no more than
// short ones.
func ShingleMatch(truth, pred string) (tp, fp, fn float64) {
	t, p := Shingles(truth), Shingles(pred)
	for k, tc := range t {
		pc := p[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range p {
		fp += float64(max(0, pc-t[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

// Shingles is the multiset of ShingleSize-token shingles of text. Like the
// benchmark, a text of fewer tokens is one shingle of all of them (the empty
// text is the empty shingle).
func Shingles(text string) map[string]int {
	toks := Tokens(text)
	n := max(1, len(toks)-ShingleSize+1)
	out := make(map[string]int, n)
	for i := 0; i < n; i++ {
		out[strings.Join(toks[i:min(len(toks), i+ShingleSize)], " ")]++
	}
	return out
}

// Tokens are the runs of word characters of text, as Python's Unicode \w+:
// letters, numbers and the underscore (combining marks split words there too).
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i, r := range text {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}
