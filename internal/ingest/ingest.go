// Package ingest owns getting raw articles out of what an analyst has: files,
// directories (recursive), standard input, http(s) URLs and URL lists, in plain
// text, HTML, JSON Lines, WARC, RSS/Atom and gzip of any of these, detected
// from content as well as from the file name. It yields raw Items and names
// every input it cannot read with the reason; it does not clean or analyse.
//
// Containers (WARC, JSON Lines) are streamed record by record, so their size
// is bounded per record, not per file; single documents are read whole up to
// Options.MaxFileBytes. Decompression is bounded by MaxDecompressedBytes and
// a compression-ratio limit so that a zip bomb is refused, not expanded.
//
// WARC records are parsed with github.com/nlnwa/gowarc and feeds with
// github.com/mmcdole/gofeed; format sniffing and the bounds are ours because
// they are specific to what parallax accepts.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Formats an Item can come in.
const (
	FormatText  = "text"
	FormatHTML  = "html"
	FormatJSONL = "jsonl"
	FormatWARC  = "warc"
	FormatFeed  = "feed"
	FormatURLs  = "urls"
)

// Sentinel errors; InputError wraps one of them (or a parser's error).
var (
	ErrEmpty        = errors.New("empty input")
	ErrBinary       = errors.New("binary data, not text, HTML, JSON, XML or WARC")
	ErrInvalidUTF8  = errors.New("not valid UTF-8 text")
	ErrTooLarge     = errors.New("input over the size limit")
	ErrZipBomb      = errors.New("decompressed data over the limit (possible zip bomb)")
	ErrTruncatedGz  = errors.New("truncated or corrupt gzip data")
	ErrMalformed    = errors.New("malformed input")
	ErrNoContent    = errors.New("record has no text")
	ErrNotSupported = errors.New("input type not supported")
)

// Item is one raw article as found in an input.
type Item struct {
	// Source is the path or URL the article came from; a record inside a
	// container is the container's path followed by #N (its record number).
	Source string
	URL    string
	Format string
	Body   []byte
	// HTML is true when Body is HTML (from an HTML file, a WARC response, a
	// feed item or a JSON record's html field).
	HTML bool
	// Metadata the container stated (JSON fields, feed items, HTTP headers).
	Title, Outlet, Author, Published string
}

// InputError is an input that could not be read, with the reason.
type InputError struct {
	Source string
	Err    error
}

func (e *InputError) Error() string { return e.Source + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Options bound what ingestion reads. The zero value is not valid; start from
// DefaultOptions.
type Options struct {
	MaxFileBytes         int64 // largest single document file read whole
	MaxRecordBytes       int64 // largest record inside a container
	MaxDecompressedBytes int64 // largest gzip output
	MaxCompressionRatio  int64 // gzip output / input above this is refused
	FetchTimeout         time.Duration
	// Client fetches http(s) inputs; nil means a client with FetchTimeout.
	Client *http.Client
}

// DefaultOptions returns the bounds parallax uses unless told otherwise.
func DefaultOptions() Options {
	return Options{
		MaxFileBytes:         32 << 20,
		MaxRecordBytes:       16 << 20,
		MaxDecompressedBytes: 1 << 30,
		MaxCompressionRatio:  200,
		FetchTimeout:         30 * time.Second,
	}
}

// Walker reads inputs and reports what it finds.
type Walker struct {
	opts Options
	emit func(Item) error
	fail func(*InputError)
	// Stdin is read for the input "-"; os.Stdin when nil.
	Stdin io.Reader
}

// NewWalker returns a Walker that calls emit for every item and fail for
// every input (or record) it cannot read. An error from emit stops the walk.
func NewWalker(opts Options, emit func(Item) error, fail func(*InputError)) *Walker {
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: opts.FetchTimeout}
	}
	return &Walker{opts: opts, emit: emit, fail: fail}
}

// Walk reads every input in order. It returns only errors that stop the
// whole walk (cancellation, an emit error); bad inputs go to fail.
func (w *Walker) Walk(ctx context.Context, inputs []string) error {
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case in == "-":
			r := w.Stdin
			if r == nil {
				r = os.Stdin
			}
			err = w.readAll(ctx, "stdin", "", r, "")
		case isURL(in):
			err = w.fetch(ctx, in)
		default:
			err = w.path(ctx, in)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func (w *Walker) failf(source string, err error) {
	w.fail(&InputError{Source: source, Err: err})
}

func (w *Walker) path(ctx context.Context, p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		w.failf(p, errors.Unwrap(err))
		if errors.Unwrap(err) == nil {
			w.failf(p, err)
		}
		return nil
	}
	if !fi.IsDir() {
		return w.file(ctx, p, fi)
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			w.failf(path, err)
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != p && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		fi, err := os.Stat(f)
		if err != nil {
			w.failf(f, err)
			continue
		}
		if err := w.file(ctx, f, fi); err != nil {
			return err
		}
	}
	return nil
}

func (w *Walker) file(ctx context.Context, p string, fi os.FileInfo) error {
	if fi.Size() == 0 {
		w.failf(p, ErrEmpty)
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		w.failf(p, err)
		return nil
	}
	defer f.Close()
	return w.readAll(ctx, p, "", f, p)
}

func (w *Walker) fetch(ctx context.Context, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		w.failf(u, err)
		return nil
	}
	req.Header.Set("User-Agent", "parallax/1 (offline news analysis)")
	resp, err := w.opts.Client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		w.failf(u, fmt.Errorf("fetch: %w", err))
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		w.failf(u, fmt.Errorf("fetch: HTTP %s", resp.Status))
		return nil
	}
	name := u
	if ct := resp.Header.Get("Content-Type"); strings.Contains(ct, "html") {
		name += "#.html"
	}
	return w.readAll(ctx, u, u, resp.Body, name)
}

// readAll sniffs r and dispatches on its format. name is used for extension
// hints only.
func (w *Walker) readAll(ctx context.Context, source, pageURL string, r io.Reader, name string) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	if len(head) == 0 {
		w.failf(source, ErrEmpty)
		return nil
	}
	if isGzip(head) {
		gz, err := newBoundedGzip(br, w.opts)
		if err != nil {
			w.failf(source, fmt.Errorf("%w: %v", ErrTruncatedGz, err))
			return nil
		}
		defer gz.Close()
		inner := strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ")
		return w.readDecoded(ctx, source, pageURL, bufio.NewReaderSize(gz, 64<<10), inner)
	}
	return w.readDecoded(ctx, source, pageURL, br, name)
}

func (w *Walker) readDecoded(ctx context.Context, source, pageURL string, br *bufio.Reader, name string) error {
	head, err := br.Peek(8 << 10)
	if len(head) == 0 {
		if err != nil && !errors.Is(err, io.EOF) {
			w.failf(source, classifyReadErr(err))
			return nil
		}
		w.failf(source, ErrEmpty)
		return nil
	}
	format := Sniff(head, name)
	switch format {
	case FormatWARC:
		return w.warc(ctx, source, br)
	case FormatJSONL:
		return w.jsonl(ctx, source, br)
	}
	body, err := readBounded(br, w.opts.MaxFileBytes)
	if err != nil {
		w.failf(source, classifyReadErr(err))
		return nil
	}
	switch format {
	case "binary":
		w.failf(source, ErrBinary)
		return nil
	case FormatFeed:
		return w.feed(ctx, source, body)
	case FormatURLs:
		for _, line := range strings.Split(string(body), "\n") {
			if u := strings.TrimSpace(line); isURL(u) {
				if err := w.fetch(ctx, u); err != nil {
					return err
				}
			}
		}
		return nil
	case FormatHTML:
		return w.emit(Item{Source: source, URL: pageURL, Format: FormatHTML, Body: body, HTML: true})
	default:
		if len(bytes.TrimSpace(body)) == 0 {
			w.failf(source, ErrEmpty)
			return nil
		}
		if off := invalidUTF8(body); off >= 0 {
			w.failf(source, fmt.Errorf("%w (bad byte at offset %d)", ErrInvalidUTF8, off))
			return nil
		}
		return w.emit(Item{Source: source, URL: pageURL, Format: FormatText, Body: body})
	}
}

func classifyReadErr(err error) error {
	switch {
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrZipBomb):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), isGzipErr(err):
		return fmt.Errorf("%w: %v", ErrTruncatedGz, err)
	}
	return err
}

// readBounded reads all of r, failing with ErrTooLarge beyond max bytes.
func readBounded(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w (more than %d bytes; raise --max-bytes to accept it)", ErrTooLarge, max)
	}
	return b, nil
}
