package clean

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Near-duplicate detection. SimHash and the band keys are a few dozen lines,
// written here so that the signature is stable across versions and
// machines (it is stored in the database) and the band layout is the one
// the store indexes; the libraries on offer fix neither.

// SimHash parameters.
const (
	// ShingleWords is the number of words in one SimHash feature.
	ShingleWords = 3
	// MaxNearDistance is the largest Hamming distance between two SimHashes
	// still called near duplicates: about 3 % of the shingles changed, as
	// when a copy differs in furniture, spelling fixes or a sentence.
	MaxNearDistance = 5
	// The 64 bits are cut into bandBlocks blocks; a band key is a pair of
	// blocks. Two signatures within MaxNearDistance bits differ in at most
	// MaxNearDistance blocks, so at least bandBlocks-MaxNearDistance = 2
	// blocks agree and the pair of them is a shared key.
	bandBlocks = MaxNearDistance + 2
)

// blockBounds are the bit offsets of the blocks: 9 or 10 bits each.
var blockBounds = func() [bandBlocks + 1]uint {
	var b [bandBlocks + 1]uint
	for i := 0; i <= bandBlocks; i++ {
		b[i] = uint(i * 64 / bandBlocks)
	}
	return b
}()

// ContentKey identifies a text by its content: the hex SHA-256 (first 16
// bytes) of the text in Unicode NFC with every run of whitespace made one
// space and the ends trimmed. A copy that differs only in line breaks,
// indentation or spacing gets the same key; case and punctuation count.
func ContentKey(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range norm.NFC.String(text) {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:16])
}

// SimHash is the 64-bit SimHash of text: each run of ShingleWords
// lower-cased words (letters and digits only) votes with its FNV-1a hash.
// Texts that share most of their shingles get signatures a few bits apart.
// A text of fewer words than a shingle hashes its words as one feature.
func SimHash(text string) uint64 {
	var v [64]int32
	var window [ShingleWords]uint64 // hashes of the last words
	n := 0
	add := func(h uint64) {
		for i := range v {
			v[i] += int32(h>>uint(i)&1)<<1 - 1
		}
	}
	forEachWord(text, func(w uint64) {
		copy(window[:], window[1:])
		window[ShingleWords-1] = w
		n++
		if n >= ShingleWords {
			add(mix(window[:]))
		}
	})
	if n > 0 && n < ShingleWords {
		add(mix(window[ShingleWords-n:]))
	}
	var sig uint64
	for i := 0; i < 64; i++ {
		if v[i] > 0 {
			sig |= 1 << uint(i)
		}
	}
	return sig
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// forEachWord calls f with the FNV-1a hash (over code points) of each
// lower-cased word of text.
func forEachWord(text string, f func(uint64)) {
	h := uint64(fnvOffset)
	in := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			h ^= uint64(unicode.ToLower(r))
			h *= fnvPrime
			in = true
			continue
		}
		if in {
			f(h)
			h, in = fnvOffset, false
		}
	}
	if in {
		f(h)
	}
}

// mix combines word hashes into one shingle hash (order matters).
func mix(ws []uint64) uint64 {
	h := uint64(fnvOffset)
	for _, w := range ws {
		h ^= w
		h *= fnvPrime
		h ^= h >> 29
	}
	// A final avalanche so every output bit depends on every word.
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// Distance is the Hamming distance between two SimHashes.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Bands returns the band keys of a SimHash: one for each pair of its
// bandBlocks blocks (21 keys), the pair's number in the top byte and the
// two blocks' bits (18 to 20 bits) below. Two signatures within
// MaxNearDistance bits share at least one key, so a database that indexes
// the keys finds every near-duplicate candidate without comparing all pairs;
// the candidates are then checked with Distance.
func Bands(sig uint64) []uint64 {
	keys := make([]uint64, 0, bandBlocks*(bandBlocks-1)/2)
	block := func(i int) uint64 {
		lo, hi := blockBounds[i], blockBounds[i+1]
		return (sig >> lo) & (1<<(hi-lo) - 1)
	}
	pair := uint64(0)
	for i := 0; i < bandBlocks; i++ {
		for j := i + 1; j < bandBlocks; j++ {
			keys = append(keys, pair<<56|block(i)<<(blockBounds[j+1]-blockBounds[j])|block(j))
			pair++
		}
	}
	return keys
}

// SketchIndex finds stored documents whose SimHash is near a signature. The
// store implements it over an indexed table of Bands; MemoryIndex is the
// in-memory implementation.
type SketchIndex interface {
	// Near returns the ids whose signature is within MaxNearDistance bits of
	// sig, nearest first.
	Near(sig uint64) ([]string, error)
	// Add records id's signature.
	Add(id string, sig uint64) error
}

// MemoryIndex is a SketchIndex in memory, safe for concurrent use.
type MemoryIndex struct {
	mu    sync.RWMutex
	bands map[uint64][]int
	ids   []string
	sigs  []uint64
}

// NewMemoryIndex returns an empty index.
func NewMemoryIndex() *MemoryIndex {
	return &MemoryIndex{bands: make(map[uint64][]int)}
}

// Add implements SketchIndex.
func (m *MemoryIndex) Add(id string, sig uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := len(m.ids)
	m.ids = append(m.ids, id)
	m.sigs = append(m.sigs, sig)
	for _, k := range Bands(sig) {
		m.bands[k] = append(m.bands[k], n)
	}
	return nil
}

// Near implements SketchIndex.
func (m *MemoryIndex) Near(sig uint64) ([]string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	type hit struct {
		n, d int
	}
	var hits []hit
	seen := map[int]bool{}
	for _, k := range Bands(sig) {
		for _, n := range m.bands[k] {
			if seen[n] {
				continue
			}
			seen[n] = true
			if d := Distance(sig, m.sigs[n]); d <= MaxNearDistance {
				hits = append(hits, hit{n, d})
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].d != hits[j].d {
			return hits[i].d < hits[j].d
		}
		return hits[i].n < hits[j].n
	})
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = m.ids[h.n]
	}
	return out, nil
}
