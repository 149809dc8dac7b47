package clean

import (
	"math/rand"
	"sort"
	"strings"
	"testing"
)

func TestContentKey(t *testing.T) {
	a := "Army retakes the town\n\nThe offensive began at dawn."
	same := []string{
		"  Army retakes the town\r\n\r\n\tThe offensive   began at dawn.  ",
		"Army retakes the town The offensive began at dawn.",
		"Army retakes the town\u00a0\nThe offensive began at dawn.",
	}
	for _, s := range same {
		if ContentKey(s) != ContentKey(a) {
			t.Errorf("ContentKey differs for a whitespace variant %q", s)
		}
	}
	// NFC and NFD spellings of "é" are one text.
	if ContentKey("caf\u00e9") != ContentKey("cafe\u0301") {
		t.Errorf("ContentKey differs between NFC and NFD")
	}
	for _, s := range []string{"army retakes the town\n\nThe offensive began at dawn.", "Army retakes the town. The offensive began at dawn.", ""} {
		if ContentKey(s) == ContentKey(a) {
			t.Errorf("ContentKey equal for different text %q", s)
		}
	}
	if k := ContentKey(a); len(k) != 32 {
		t.Errorf("key %q is not 32 hex digits", k)
	}
}

func TestSimHashNearDuplicates(t *testing.T) {
	seeds := loadSeeds(t)
	var names []string
	for n := range seeds {
		names = append(names, n)
	}
	sort.Strings(names)
	sigs := map[string]uint64{}
	for _, n := range names {
		text := Text(seeds[n], DefaultOptions()).Text
		sigs[n] = SimHash(text)
		// The same article with its whitespace changed, a furniture line
		// added and one word of a sentence changed stays near.
		paras := strings.Split(text, "\n\n")
		paras[2] = strings.Replace(paras[2], " the ", " a ", 1)
		edited := strings.Join(paras, "\n") + "\n\nShare this article"
		if d := Distance(SimHash(text), SimHash(edited)); d > MaxNearDistance {
			t.Errorf("%s: edited copy is %d bits away, want <= %d", n, d, MaxNearDistance)
		}
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			if d := Distance(sigs[a], sigs[b]); d <= 10 {
				t.Errorf("different articles %s and %s only %d bits apart", a, b, d)
			}
		}
	}
}

// TestBandsPigeonhole checks the property the index relies on: signatures
// within MaxNearDistance bits share at least one band key.
func TestBandsPigeonhole(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 10000; i++ {
		a := r.Uint64()
		b := a
		for k := 0; k < 1+r.Intn(MaxNearDistance); k++ {
			b ^= 1 << uint(r.Intn(64))
		}
		shared := false
		ka, kb := Bands(a), Bands(b)
		for j := range ka {
			shared = shared || ka[j] == kb[j]
		}
		if !shared {
			t.Fatalf("%016x and %016x (%d bits apart) share no band", a, b, Distance(a, b))
		}
	}
	keys := Bands(0)
	if len(keys) != 21 {
		t.Errorf("%d band keys, want 21", len(keys))
	}
	for j, k := range keys {
		if k>>56 != uint64(j) {
			t.Errorf("band %d key %x does not carry its band number", j, k)
		}
	}
}

func TestMemoryIndex(t *testing.T) {
	idx := NewMemoryIndex()
	var _ SketchIndex = idx
	base := uint64(0xdeadbeefcafef00d)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(idx.Add("exact", base))
	must(idx.Add("two-bits", base^0b101))
	must(idx.Add("four-bits", base^0b1111))
	must(idx.Add("six-bits", base^0b111111))
	must(idx.Add("far", ^base))
	got, err := idx.Near(base)
	must(err)
	if strings.Join(got, ",") != "exact,two-bits,four-bits" {
		t.Errorf("Near = %v, want [exact two-bits four-bits]", got)
	}
	if got, _ := idx.Near(0x0123456789abcdef); len(got) != 0 {
		t.Errorf("Near of an unrelated signature = %v", got)
	}
}

func BenchmarkMemoryIndexNear(b *testing.B) {
	idx := NewMemoryIndex()
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 100000; i++ {
		_ = idx.Add("d", r.Uint64())
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = idx.Near(r.Uint64())
	}
}
