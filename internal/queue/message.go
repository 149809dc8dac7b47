package queue

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/klauspost/compress/s2"
)

// Message is one raw ingested item on its way to a worker. It mirrors
// ingest.Item field for field; the caller converts, so that this package
// does not depend on ingestion.
type Message struct {
	Source    string
	URL       string
	Format    string
	Body      []byte
	HTML      bool
	Title     string
	Outlet    string
	Author    string
	Published string
}

// Sentinel errors.
var (
	// ErrMalformed is a queue message this build cannot decode.
	ErrMalformed = errors.New("malformed queue message")
	// ErrTooLarge is a message over the NATS server's max_payload even
	// after compression, or a body over Options.MaxBodyBytes.
	ErrTooLarge = errors.New("message too large for the queue")
)

// Wire format, version 1. It is ours rather than JSON because bodies are
// raw bytes (JSON would base64 them, a third larger) and are compressed:
//
//	"PXQ" 0x01            magic and version
//	flags                 bit 0: HTML, bit 1: body is s2-compressed
//	7 × (uvarint n, n bytes)  Source, URL, Format, Title, Outlet, Author, Published
//	uvarint n, n bytes    Body
const (
	wireMagic      = "PXQ\x01"
	flagHTML       = 1 << 0
	flagCompressed = 1 << 1
	// compressMinBytes is the body size below which compression is not tried.
	compressMinBytes = 512
)

func (m *Message) strings() [7]*string {
	return [7]*string{&m.Source, &m.URL, &m.Format, &m.Title, &m.Outlet, &m.Author, &m.Published}
}

// encode serialises m, compressing the body when that makes it smaller.
func encode(m Message) []byte {
	body, flags := m.Body, byte(0)
	if m.HTML {
		flags |= flagHTML
	}
	if len(body) >= compressMinBytes {
		if c := s2.Encode(nil, body); len(c) < len(body) {
			body, flags = c, flags|flagCompressed
		}
	}
	n := len(wireMagic) + 1 + binary.MaxVarintLen64*8 + len(body)
	for _, s := range m.strings() {
		n += len(*s)
	}
	b := make([]byte, 0, n)
	b = append(b, wireMagic...)
	b = append(b, flags)
	for _, s := range m.strings() {
		b = binary.AppendUvarint(b, uint64(len(*s)))
		b = append(b, *s...)
	}
	b = binary.AppendUvarint(b, uint64(len(body)))
	return append(b, body...)
}

// decode parses a message written by encode, refusing a body that would
// decompress to more than maxBodyBytes.
func decode(b []byte, maxBodyBytes int) (Message, error) {
	var m Message
	if len(b) < len(wireMagic)+1 || string(b[:len(wireMagic)]) != wireMagic {
		return m, fmt.Errorf("%w: no PXQ v1 header", ErrMalformed)
	}
	flags := b[len(wireMagic)]
	if flags&^(flagHTML|flagCompressed) != 0 {
		return m, fmt.Errorf("%w: unknown flags %#x", ErrMalformed, flags)
	}
	rest := b[len(wireMagic)+1:]
	field := func(name string) ([]byte, error) {
		n, k := binary.Uvarint(rest)
		if k <= 0 || n > uint64(len(rest)-k) {
			return nil, fmt.Errorf("%w: bad length of %s", ErrMalformed, name)
		}
		f := rest[k : k+int(n)]
		rest = rest[k+int(n):]
		return f, nil
	}
	names := [7]string{"source", "url", "format", "title", "outlet", "author", "published"}
	for i, s := range m.strings() {
		f, err := field(names[i])
		if err != nil {
			return m, err
		}
		*s = string(f)
	}
	body, err := field("body")
	if err != nil {
		return m, err
	}
	if len(rest) != 0 {
		return m, fmt.Errorf("%w: %d bytes after the body", ErrMalformed, len(rest))
	}
	m.HTML = flags&flagHTML != 0
	if flags&flagCompressed != 0 {
		n, err := s2.DecodedLen(body)
		if err != nil {
			return m, fmt.Errorf("%w: body: %v", ErrMalformed, err)
		}
		if n > maxBodyBytes {
			return m, fmt.Errorf("%w: body of %s decompresses to %d bytes, over %d", ErrTooLarge, m.Source, n, maxBodyBytes)
		}
		if body, err = s2.Decode(nil, body); err != nil {
			return m, fmt.Errorf("%w: body: %v", ErrMalformed, err)
		}
	} else {
		if len(body) > maxBodyBytes {
			return m, fmt.Errorf("%w: body of %s is %d bytes, over %d", ErrTooLarge, m.Source, len(body), maxBodyBytes)
		}
		body = append([]byte(nil), body...)
	}
	m.Body = body
	return m, nil
}

// ID is the message's content id, used as its Nats-Msg-Id so that
// JetStream drops a copy published again within Options.DuplicateWindow:
// the SHA-256 of every field (the body uncompressed), 32 hex digits. The
// same article from two sources has two ids: both reach a worker, and the
// store remembers the second source.
func (m Message) ID() string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, s := range m.strings() {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(*s)))])
		h.Write([]byte(*s))
	}
	h.Write(n[:binary.PutUvarint(n[:], uint64(len(m.Body)))])
	h.Write(m.Body)
	if m.HTML {
		h.Write([]byte{1})
	} else {
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
