package lang

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"strings"
	"sync"
)

//go:embed data/clusters.tsv.gz
var clustersData []byte

// wordClusters maps a lower-cased word to its coarse and fine cluster.
type wordClusters struct {
	fingerprint string
	paths       map[string][2]string
}

var defaultClusters = sync.OnceValue(func() *wordClusters {
	sum := sha256.Sum256(clustersData)
	wc := &wordClusters{fingerprint: hex.EncodeToString(sum[:8]), paths: map[string][2]string{}}
	if len(clustersData) == 0 {
		return wc
	}
	zr, err := gzip.NewReader(bytes.NewReader(clustersData))
	if err != nil {
		panic("lang: embedded clusters: " + err.Error())
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) == 3 {
			wc.paths[f[0]] = [2]string{f[1], f[2]}
		}
	}
	if err := sc.Err(); err != nil {
		panic("lang: embedded clusters: " + err.Error())
	}
	return wc
})

// FeatureWord is the form under which the recogniser's features, gazetteer
// and word clusters see a token: punctuation normalised to ASCII (curly
// quotes, dashes) and lower-cased.
func FeatureWord(tok string) string { return lowerASCIIFast(normalizeToken(tok)) }
