package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/nlnwa/gowarc/v3"
)

// jsonRecord is one line of a JSON Lines file. Several common spellings of
// each field are accepted.
type jsonRecord struct {
	URL       string `json:"url"`
	Link      string `json:"link"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Content   string `json:"content"`
	Body      string `json:"body"`
	HTML      string `json:"html"`
	Published string `json:"published"`
	Date      string `json:"date"`
	Outlet    string `json:"outlet"`
	Source    string `json:"source"`
	Site      string `json:"site"`
	Author    string `json:"author"`
}

func (w *Walker) jsonl(ctx context.Context, source string, br *bufio.Reader) error {
	line := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := readLine(br, w.opts.MaxRecordBytes)
		if len(raw) == 0 && errors.Is(err, io.EOF) {
			return nil
		}
		line++
		rec := fmt.Sprintf("%s#%d", source, line)
		if errors.Is(err, ErrTooLarge) {
			w.failf(rec, err)
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			w.failf(rec, classifyReadErr(err))
			return nil
		}
		atEOF := errors.Is(err, io.EOF)
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			if atEOF {
				return nil
			}
			continue
		}
		var r jsonRecord
		if jerr := json.Unmarshal(raw, &r); jerr != nil {
			w.failf(rec, fmt.Errorf("%w: invalid JSON on line %d: %v", ErrMalformed, line, jerr))
		} else if item, ok := r.item(rec); !ok {
			w.failf(rec, fmt.Errorf("%w: line %d has no title, text, content, body or html field", ErrNoContent, line))
		} else if err := w.emit(item); err != nil {
			return err
		}
		if atEOF {
			return nil
		}
	}
}

func (r jsonRecord) item(source string) (Item, bool) {
	it := Item{Source: source, Format: FormatJSONL, URL: first(r.URL, r.Link), Title: r.Title,
		Published: first(r.Published, r.Date), Outlet: first(r.Outlet, r.Site, r.Source), Author: r.Author}
	if t := first(r.Text, r.Content, r.Body); strings.TrimSpace(t) != "" {
		it.Body = []byte(t)
		if Sniff(it.Body, "") == FormatHTML {
			it.HTML = true
		}
		return it, true
	}
	if strings.TrimSpace(r.HTML) != "" {
		it.Body, it.HTML = []byte(r.HTML), true
		return it, true
	}
	// A record with only a headline is still a report: its headline is its text.
	if t := strings.TrimSpace(r.Title); t != "" {
		it.Body = []byte(t)
		return it, true
	}
	return it, false
}

func first(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// readLine reads one line, refusing lines over max bytes (the rest of such a
// line is skipped).
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if int64(len(buf)+len(chunk)) > max {
			// Skip to the end of the line.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			return []byte{' '}, fmt.Errorf("%w (record longer than %d bytes)", ErrTooLarge, max)
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return buf, err
	}
}

func (w *Walker) warc(ctx context.Context, source string, br *bufio.Reader) error {
	rd, err := gowarc.NewWarcFileReaderFromStream(br, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore))
	if err != nil {
		w.failf(source, fmt.Errorf("%w: WARC: %v", ErrMalformed, err))
		return nil
	}
	defer rd.Close()
	n, found := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		n++
		if err != nil {
			w.failf(fmt.Sprintf("%s#%d", source, n), fmt.Errorf("%w: WARC record: %v", ErrMalformed, err))
			break // the stream position is unknown after a broken record
		}
		item, ok, ierr := w.warcItem(source, n, rec.WarcRecord)
		rec.WarcRecord.Close()
		if ierr != nil {
			w.failf(fmt.Sprintf("%s#%d", source, n), ierr)
			continue
		}
		if !ok {
			continue
		}
		found++
		if err := w.emit(item); err != nil {
			return err
		}
	}
	if n == 0 {
		w.failf(source, fmt.Errorf("%w: no WARC records", ErrMalformed))
	} else if found == 0 {
		w.failf(source, fmt.Errorf("%w: no HTML or text response records in %d WARC records", ErrNoContent, n))
	}
	return nil
}

func (w *Walker) warcItem(source string, n int, rec gowarc.WarcRecord) (Item, bool, error) {
	t := rec.Type()
	if t != gowarc.Response && t != gowarc.Resource && t != gowarc.Conversion {
		return Item{}, false, nil
	}
	target := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	rawR, err := rec.Block().RawBytes()
	if err != nil {
		return Item{}, false, fmt.Errorf("%w: WARC block: %v", ErrMalformed, err)
	}
	raw, err := readBounded(rawR, w.opts.MaxRecordBytes)
	if err != nil {
		return Item{}, false, err
	}
	if cl, err := rec.ContentLength(); err == nil && int64(len(raw)) < cl {
		return Item{}, false, fmt.Errorf("%w: truncated WARC record (%d of %d bytes)", ErrMalformed, len(raw), cl)
	}
	ctype := rec.WarcHeader().Get(gowarc.ContentType)
	body := raw
	if strings.HasPrefix(strings.ToLower(ctype), "application/http") {
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(raw)), nil)
		if err != nil {
			return Item{}, false, fmt.Errorf("%w: HTTP response in WARC record: %v", ErrMalformed, err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return Item{}, false, nil
		}
		ctype = resp.Header.Get("Content-Type")
		var br io.Reader = resp.Body
		if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
			g, err := newBoundedGzip(resp.Body, w.opts)
			if err != nil {
				return Item{}, false, fmt.Errorf("%w: %v", ErrTruncatedGz, err)
			}
			br = g
		}
		if body, err = readBounded(br, w.opts.MaxRecordBytes); err != nil {
			return Item{}, false, classifyReadErr(err)
		}
	}
	ct := strings.ToLower(ctype)
	isHTML := strings.Contains(ct, "html")
	if !isHTML && !strings.HasPrefix(ct, "text/plain") {
		return Item{}, false, nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return Item{}, false, nil
	}
	return Item{Source: fmt.Sprintf("%s#%d", source, n), URL: target, Format: FormatWARC, Body: body, HTML: isHTML}, true, nil
}

func (w *Walker) feed(ctx context.Context, source string, body []byte) error {
	fp := gofeed.NewParser()
	f, err := fp.Parse(bytes.NewReader(body))
	if err != nil {
		w.failf(source, fmt.Errorf("%w: feed: %v", ErrMalformed, err))
		return nil
	}
	outlet := strings.TrimSpace(f.Title)
	if outlet == "" && f.Link != "" {
		if u, err := url.Parse(f.Link); err == nil {
			outlet = u.Hostname()
		}
	}
	for i, it := range f.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec := fmt.Sprintf("%s#%d", source, i+1)
		content := first(it.Content, it.Description)
		if content == "" {
			w.failf(rec, fmt.Errorf("%w: feed item %q has no content or description", ErrNoContent, it.Title))
			continue
		}
		item := Item{Source: rec, URL: it.Link, Format: FormatFeed, Body: []byte(content), HTML: true,
			Title: strings.TrimSpace(it.Title), Outlet: outlet}
		if it.PublishedParsed != nil {
			item.Published = it.PublishedParsed.UTC().Format(time.DateOnly)
		} else if it.UpdatedParsed != nil {
			item.Published = it.UpdatedParsed.UTC().Format(time.DateOnly)
		}
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			item.Author = it.Authors[0].Name
		}
		if err := w.emit(item); err != nil {
			return err
		}
	}
	if len(f.Items) == 0 {
		w.failf(source, fmt.Errorf("%w: feed has no items", ErrNoContent))
	}
	return nil
}
