package queue

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestEncodeRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 4096)
	for i := range noise {
		noise[i] = byte(rng.IntN(256))
	}
	for _, c := range []struct {
		name       string
		m          Message
		compressed bool
	}{
		{"empty", Message{}, false},
		{"text", Message{Source: "/data/a.txt", Format: "text", Body: []byte("Amirli was besieged.")}, false},
		{"html with metadata", Message{Source: "x.warc#3", URL: "https://example.org/a", Format: "warc", HTML: true,
			Title: "Siege", Outlet: "example.org", Author: "A. Writer", Published: "2014-09-01",
			Body: []byte(strings.Repeat("<p>The siege of Amírli lasted 80 days.</p>\n", 200))}, true},
		{"incompressible", Message{Source: "noise.bin", Body: noise}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := encode(c.m)
			if got := b[len(wireMagic)]&flagCompressed != 0; got != c.compressed {
				t.Errorf("compressed = %v, want %v (%d bytes for a %d-byte body)", got, c.compressed, len(b), len(c.m.Body))
			}
			got, err := decode(b, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			if !equalMessages(got, c.m) {
				t.Fatalf("round trip changed the message:\n got %+v\nwant %+v", got, c.m)
			}
			if got.ID() != c.m.ID() {
				t.Fatalf("id changed across the round trip")
			}
		})
	}
}

func equalMessages(a, b Message) bool {
	return a.Source == b.Source && a.URL == b.URL && a.Format == b.Format && bytes.Equal(a.Body, b.Body) && a.HTML == b.HTML &&
		a.Title == b.Title && a.Outlet == b.Outlet && a.Author == b.Author && a.Published == b.Published
}

func TestMessageID(t *testing.T) {
	base := Message{Source: "a.txt", Body: []byte("same words")}
	same := Message{Source: "a.txt", Body: []byte("same words")}
	if base.ID() != same.ID() || len(base.ID()) != 32 {
		t.Fatalf("equal messages: ids %q and %q", base.ID(), same.ID())
	}
	for name, m := range map[string]Message{
		"other source": {Source: "b.txt", Body: []byte("same words")},
		"other body":   {Source: "a.txt", Body: []byte("other words")},
		"html":         {Source: "a.txt", Body: []byte("same words"), HTML: true},
		"shifted":      {Source: "a.txts", Body: []byte("ame words")},
		"title":        {Source: "a.txt", Body: []byte("same words"), Title: "t"},
	} {
		if m.ID() == base.ID() {
			t.Errorf("%s: same id as the base message", name)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	big := encode(Message{Source: "big", Body: bytes.Repeat([]byte("a"), 1<<20)})
	for _, c := range []struct {
		name string
		b    []byte
		want error
	}{
		{"empty", nil, ErrMalformed},
		{"json", []byte(`{"source":"x"}`), ErrMalformed},
		{"truncated", encode(Message{Source: "abc", Body: []byte("body")})[:9], ErrMalformed},
		{"trailing", append(encode(Message{Source: "abc"}), 0), ErrMalformed},
		{"unknown flag", append([]byte(wireMagic), 0x80, 0, 0, 0, 0, 0, 0, 0, 0), ErrMalformed},
		{"bomb", big, ErrTooLarge},
	} {
		if _, err := decode(c.b, 1<<16); !errors.Is(err, c.want) {
			t.Errorf("%s: err=%v, want %v", c.name, err, c.want)
		}
	}
}

// FuzzDecode: any bytes from the wire either decode to a message that
// encodes back to an equal message, or fail with ErrMalformed/ErrTooLarge.
func FuzzDecode(f *testing.F) {
	f.Add(encode(Message{Source: "a.txt", Body: []byte("hello")}))
	f.Add(encode(Message{Source: "b.html", HTML: true, Body: bytes.Repeat([]byte("<p>x</p>"), 200)}))
	f.Add([]byte(wireMagic + "\x00"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decode(b, 1<<20)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		again, err := decode(encode(m), 1<<20)
		if err != nil || !equalMessages(again, m) {
			t.Fatalf("re-encoding changed the message: %v", err)
		}
	})
}

func TestRetryDelay(t *testing.T) {
	o := Options{RetryDelay: 100, MaxRetryDelay: 1000}.withDefaults()
	for attempt, want := range map[int]int{1: 100, 2: 200, 3: 400, 4: 800, 5: 1000, 60: 1000} {
		if got := o.retryDelay(attempt); int(got) != want {
			t.Errorf("retryDelay(%d) = %d, want %d", attempt, got, want)
		}
	}
}
