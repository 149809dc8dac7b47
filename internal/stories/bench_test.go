package stories

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthCorpus generates news-like documents: a Zipf background vocabulary
// shared by everything, and stories that each have their own names and
// specific words, arriving in bursts that overlap in time.
type synthCorpus struct {
	r      *rand.Rand
	zipf   *rand.Zipf
	vocab  []string
	next   int // next document number
	active []synthStory
}

type synthStory struct {
	id    int
	names []string
	words []string
	left  int
}

func newSynthCorpus(seed uint64) *synthCorpus {
	r := rand.New(rand.NewPCG(seed, seed+1))
	vocab := make([]string, 50000)
	for i := range vocab {
		vocab[i] = synthWord(r, 4+r.IntN(6))
	}
	return &synthCorpus{r: r, zipf: rand.NewZipf(r, 1.1, 1, uint64(len(vocab)-1)), vocab: vocab}
}

func synthWord(r *rand.Rand, n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	var b strings.Builder
	for range n {
		b.WriteByte(letters[r.IntN(len(letters))])
	}
	return b.String()
}

func capitalise(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

// doc returns the next document; about 40 stories run at any time and each
// gets 2 to 30 documents.
func (c *synthCorpus) doc() Input {
	for len(c.active) < 40 {
		s := synthStory{id: c.next, left: 2 + c.r.IntN(29)}
		for range 3 {
			s.names = append(s.names, capitalise(synthWord(c.r, 6))+" "+capitalise(synthWord(c.r, 7)))
		}
		for range 25 {
			s.words = append(s.words, c.vocab[1000+c.r.IntN(len(c.vocab)-1000)])
		}
		c.active = append(c.active, s)
	}
	i := c.r.IntN(len(c.active))
	s := &c.active[i]
	var title, text strings.Builder
	title.WriteString(s.names[0] + " " + s.words[0] + " " + s.words[1+c.r.IntN(5)])
	for sent := range 15 {
		for w := range 20 {
			switch {
			case w == 0 && sent%3 == 0:
				text.WriteString(s.names[c.r.IntN(len(s.names))])
			case c.r.IntN(4) == 0:
				text.WriteString(s.words[c.r.IntN(len(s.words))])
			default:
				text.WriteString(c.vocab[c.zipf.Uint64()])
			}
			text.WriteByte(' ')
		}
		text.WriteString(". ")
	}
	c.next++
	s.left--
	if s.left == 0 {
		c.active = append(c.active[:i], c.active[i+1:]...)
	}
	return Input{ID: fmt.Sprintf("d%07d", c.next), Title: title.String(), Text: text.String()}
}

// BenchmarkAdd measures assignment of one more document to an index that
// already holds docs documents: with blocking the cost per document stays
// flat as the index grows, where all-pairs comparison would grow with it.
func BenchmarkAdd(b *testing.B) {
	for _, docs := range benchSizes {
		b.Run(fmt.Sprintf("docs=%dk", docs/1000), func(b *testing.B) {
			ctx := context.Background()
			corpus := newSynthCorpus(1)
			idx := NewMemoryIndex()
			counter := &countingIndex{Index: idx}
			c, err := New(counter, DefaultOptions())
			if err != nil {
				b.Fatal(err)
			}
			for range docs {
				if _, err := c.Add(ctx, corpus.doc()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			counter.lookups, counter.found = 0, 0
			for b.Loop() {
				if _, err := c.Add(ctx, corpus.doc()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(idx.Len()), "stories")
			b.ReportMetric(float64(counter.found)/float64(max(counter.lookups, 1)), "candidates/lookup")
		})
	}
}

var benchSizes = []int{10_000, 30_000, 100_000}

// countingIndex counts the stories each candidate lookup returns: the
// comparisons a document costs, which blocking keeps bounded.
type countingIndex struct {
	Index
	lookups, found int
}

func (c *countingIndex) Candidates(ctx context.Context, keys []string, minShared, limit int) ([]StoryState, error) {
	sts, err := c.Index.Candidates(ctx, keys, minShared, limit)
	c.lookups++
	c.found += len(sts)
	return sts, err
}
