package pipeline

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/parallaxhq/parallax/internal/clean"
	"github.com/parallaxhq/parallax/internal/ingest"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// ErrNoText is returned for inputs whose cleaning leaves no article text.
var ErrNoText = errors.New("no article text found")

// DocStage is one per-document analysis: it reads the document and what
// earlier stages put in the analysis, and adds its own findings.
type DocStage interface {
	Name() string
	Analyze(d *model.Document, a *model.Analysis) error
}

// Analyzer cleans raw items and runs the per-document stages in order.
type Analyzer struct {
	Clean  clean.Options
	Stages []DocStage
}

// NewAnalyzer returns the analyzer with every per-document stage parallax has.
func NewAnalyzer() *Analyzer {
	return &Analyzer{Clean: clean.DefaultOptions(), Stages: DefaultStages()}
}

// Process implements Processor.
func (an *Analyzer) Process(it ingest.Item) (store.DocumentRecord, error) {
	var res clean.Result
	var err error
	if it.HTML {
		res, err = clean.HTML(it.Body, it.URL, an.Clean)
		if err != nil {
			return store.DocumentRecord{}, err
		}
	} else {
		res = clean.Text(string(it.Body), an.Clean)
	}
	if strings.TrimSpace(res.Text) == "" {
		return store.DocumentRecord{}, ErrNoText
	}
	d := model.Document{
		Source: it.Source, URL: first(it.URL, res.URL), Format: it.Format,
		Title: first(it.Title, res.Title), Outlet: first(it.Outlet, res.Outlet), Author: first(it.Author, res.Author),
		Language: res.Language, Words: res.Words, Text: res.Text, Removed: res.Removed, LangSpans: res.OtherLanguage,
		IngestedAt: time.Now().UTC().Format(time.RFC3339),
	}
	if d.Outlet == "" && d.URL != "" {
		d.Outlet = hostOutlet(d.URL)
	}
	switch {
	case it.Published != "":
		if p, ok := normaliseDate(it.Published); ok {
			d.Published, d.PublishedBasis = p, model.BasisMetadata
		}
	case res.Published != "":
		d.Published, d.PublishedBasis = res.Published, res.PublishedBasis
	}
	if d.Published != "" {
		d.PublishedRange = [2]string{d.Published, d.Published}
	}
	d.ID = clean.ContentKey(d.Text)
	d.SimHash = clean.SimHash(d.Text)
	rec := store.DocumentRecord{Doc: d, Bands: clean.Bands(d.SimHash)}
	rec.Analysis.Doc = d.ID
	for _, s := range an.Stages {
		if err := s.Analyze(&rec.Doc, &rec.Analysis); err != nil {
			return rec, fmt.Errorf("%s: %w", s.Name(), err)
		}
	}
	return rec, nil
}

func first(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// normaliseDate accepts the date spellings feeds and JSON records use and
// returns YYYY-MM-DD.
func normaliseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
		time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "January 2, 2006", "2 January 2006", "Jan 2, 2006", "2006/01/02", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// hostOutlet names an outlet by its URL host, without a leading "www.".
func hostOutlet(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" || strings.HasSuffix(u.Hostname(), ".invalid") {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
