package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// Sniff tells the format of data from its first bytes, using the file name's
// extension only to break ties (a .html file that starts with text is still
// HTML; a .txt file that starts with <html> is HTML too). It returns one of
// the Format constants or "binary".
func Sniff(head []byte, name string) string {
	ext := strings.ToLower(path.Ext(strings.TrimSuffix(strings.ToLower(name), ".gz")))
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if looksBinary(head) {
		return "binary"
	}
	if bytes.HasPrefix(b, []byte("WARC/")) {
		return FormatWARC
	}
	lower := bytes.ToLower(b[:min(len(b), 2048)])
	if len(b) > 0 && b[0] == '<' {
		switch {
		case bytes.Contains(lower, []byte("<rss")), bytes.Contains(lower, []byte("<feed")), bytes.Contains(lower, []byte("<rdf:rdf")):
			if !bytes.Contains(lower, []byte("<html")) {
				return FormatFeed
			}
		}
		if bytes.HasPrefix(lower, []byte("<?xml")) && !bytes.Contains(lower, []byte("<html")) {
			return FormatFeed // XML that is not XHTML: let the feed parser judge it
		}
		return FormatHTML
	}
	if len(b) > 0 && b[0] == '{' {
		return FormatJSONL
	}
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".rss", ".atom":
		return FormatFeed
	case ".warc":
		return FormatWARC
	}
	if looksHTML(lower) {
		return FormatHTML
	}
	if looksURLList(b) {
		return FormatURLs
	}
	return FormatText
}

// looksBinary reports NUL bytes or a high share of control characters.
func looksBinary(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctrl++
		}
	}
	return ctrl*20 > len(b)
}

func looksHTML(lower []byte) bool {
	n := 0
	for _, tag := range []string{"<p>", "<div", "<br", "<a href", "<span", "<body", "<head", "<meta", "<title"} {
		if bytes.Contains(lower, []byte(tag)) {
			n++
		}
	}
	return n >= 2
}

func looksURLList(b []byte) bool {
	lines := strings.Split(strings.TrimSpace(string(b[:min(len(b), 4096)])), "\n")
	if len(lines) == 0 {
		return false
	}
	urls := 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if !isURL(l) || strings.ContainsAny(l, " \t") {
			return false
		}
		urls++
	}
	return urls > 0
}

// invalidUTF8 returns the offset of the first invalid UTF-8 byte, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

func isGzipErr(err error) bool {
	return errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)
}

// boundedGzip decompresses and refuses output beyond the configured size or
// compression ratio.
type boundedGzip struct {
	in   *countingReader
	gz   *gzip.Reader
	out  int64
	opts Options
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func newBoundedGzip(r io.Reader, opts Options) (*boundedGzip, error) {
	cr := &countingReader{r: r}
	gz, err := gzip.NewReader(cr)
	if err != nil {
		return nil, err
	}
	return &boundedGzip{in: cr, gz: gz, opts: opts}, nil
}

func (b *boundedGzip) Read(p []byte) (int, error) {
	n, err := b.gz.Read(p)
	b.out += int64(n)
	if b.out > b.opts.MaxDecompressedBytes {
		return n, fmt.Errorf("%w (more than %d bytes)", ErrZipBomb, b.opts.MaxDecompressedBytes)
	}
	// The ratio is judged once enough output exists to be meaningful.
	if b.out > 1<<20 && b.in.n > 0 && b.out/b.in.n > b.opts.MaxCompressionRatio {
		return n, fmt.Errorf("%w (compression ratio over %d:1)", ErrZipBomb, b.opts.MaxCompressionRatio)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return n, fmt.Errorf("%w: %v", ErrTruncatedGz, err)
	}
	return n, err
}

func (b *boundedGzip) Close() error { return b.gz.Close() }
