package stories

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:generate sh gen_background.sh

// backgroundData is the share (parts per million) of ordinary English
// documents that contain each stem, derived from SUBTLEX-US word counts by
// gen_background.go. See NOTICE.
//
//go:embed background.tsv.gz
var backgroundData []byte

// background returns the embedded background document frequencies, stem ->
// share of documents, parsed once.
var background = sync.OnceValues(func() (map[string]float32, error) {
	zr, err := gzip.NewReader(bytes.NewReader(backgroundData))
	if err != nil {
		return nil, fmt.Errorf("background frequencies: %w", err)
	}
	out := make(map[string]float32, 1<<16)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		stem, ppm, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("background frequencies: bad line %q", sc.Text())
		}
		n, err := strconv.Atoi(ppm)
		if err != nil {
			return nil, fmt.Errorf("background frequencies: bad line %q: %w", sc.Text(), err)
		}
		out[stem] = float32(n) / 1e6
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("background frequencies: %w", err)
	}
	return out, nil
})

// backgroundShare is the share of background documents expected to contain
// an index key: a content term directly, an entity key through the stems of
// its words (a name of several words as if they were independent).
func (c *Clusterer) backgroundShare(key string) float64 {
	if c.bg == nil {
		return 0
	}
	name, isEntity := strings.CutPrefix(key, entityPrefix)
	if !isEntity {
		return float64(c.bg[key])
	}
	if s, ok := c.bgNames[name]; ok {
		return s
	}
	share := 1.0
	for w := range strings.FieldsSeq(name) {
		share *= float64(c.bg[c.stem(w)])
	}
	if len(c.bgNames) >= maxStemCache {
		clear(c.bgNames)
	}
	c.bgNames[name] = share
	return share
}

// stem is the content-term stem of a lower-case word, cached.
func (c *Clusterer) stem(lower string) string {
	if isNumeric(lower) {
		return lower
	}
	if s, ok := c.stems[lower]; ok {
		return s
	}
	return stemWord(lower, c.stems)
}
