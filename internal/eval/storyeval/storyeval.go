package storyeval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Sentinel errors.
var (
	// ErrBadGold is returned when a gold file is not the expected shape.
	ErrBadGold = errors.New("bad story gold file")
	// ErrBadArticle is returned when a line of an article file is not an article.
	ErrBadArticle = errors.New("bad article record")
)

// Scores are the clustering figures over the gold items.
type Scores struct {
	Items        int     `json:"items"`         // gold items scored
	GoldClusters int     `json:"gold_clusters"` // distinct gold stories
	Predicted    int     `json:"predicted"`     // distinct predicted stories over the gold items
	BCubedP      float64 `json:"bcubed_p"`
	BCubedR      float64 `json:"bcubed_r"`
	BCubedF1     float64 `json:"bcubed_f1"`
	PairP        float64 `json:"pair_p"`
	PairR        float64 `json:"pair_r"`
	PairF1       float64 `json:"pair_f1"`
}

// String formats the headline figures on one line.
func (s Scores) String() string {
	return fmt.Sprintf("B3 P %.3f R %.3f F1 %.3f | pairwise P %.3f R %.3f F1 %.3f | %d items, %d gold, %d predicted",
		s.BCubedP, s.BCubedR, s.BCubedF1, s.PairP, s.PairR, s.PairF1, s.Items, s.GoldClusters, s.Predicted)
}

// Score compares a predicted clustering with the gold one. Both map an item
// key (a url) to a cluster id. Only gold items are scored; a gold item
// missing from predicted is a cluster of its own, and predicted items
// outside the gold are ignored.
func Score(gold, predicted map[string]string) Scores {
	items := make([]string, 0, len(gold))
	for k := range gold {
		items = append(items, k)
	}
	sort.Strings(items)
	// Predicted labels, with a unique singleton label for missing items.
	pred := make(map[string]string, len(items))
	for _, k := range items {
		if p, ok := predicted[k]; ok {
			pred[k] = "p\x00" + p
		} else {
			pred[k] = "missing\x00" + k
		}
	}
	goldSize := make(map[string]int)
	predSize := make(map[string]int)
	both := make(map[[2]string]int)
	for _, k := range items {
		g, p := gold[k], pred[k]
		goldSize[g]++
		predSize[p]++
		both[[2]string{g, p}]++
	}
	s := Scores{Items: len(items), GoldClusters: len(goldSize), Predicted: len(predSize)}
	if len(items) == 0 {
		return s
	}
	for _, k := range items {
		g, p := gold[k], pred[k]
		n := float64(both[[2]string{g, p}])
		s.BCubedP += n / float64(predSize[p])
		s.BCubedR += n / float64(goldSize[g])
	}
	s.BCubedP /= float64(len(items))
	s.BCubedR /= float64(len(items))
	s.BCubedF1 = f1(s.BCubedP, s.BCubedR)

	var tp, predPairs, goldPairs float64
	for _, n := range both {
		tp += pairs(n)
	}
	for _, n := range predSize {
		predPairs += pairs(n)
	}
	for _, n := range goldSize {
		goldPairs += pairs(n)
	}
	s.PairP = ratio(tp, predPairs)
	s.PairR = ratio(tp, goldPairs)
	s.PairF1 = f1(s.PairP, s.PairR)
	return s
}

func pairs(n int) float64 { return float64(n) * float64(n-1) / 2 }

// ratio is a/b, and 1 when there is nothing to get wrong (b == 0).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Gold is a story gold file: clusters by item key.
type Gold struct {
	Key      string            `json:"key"`
	Clusters map[string]string `json:"clusters"`
	Meta     map[string]struct {
		Name  string `json:"name"`
		Title string `json:"title"`
	} `json:"meta"`
}

// ReadGold parses a gold file ({"key": "url", "clusters": {url: story}}).
func ReadGold(r io.Reader) (Gold, error) {
	var g Gold
	dec := json.NewDecoder(r)
	if err := dec.Decode(&g); err != nil {
		return Gold{}, fmt.Errorf("%w: %w", ErrBadGold, err)
	}
	if len(g.Clusters) == 0 {
		return Gold{}, fmt.Errorf("%w: no clusters", ErrBadGold)
	}
	for k, v := range g.Clusters {
		if k == "" || v == "" {
			return Gold{}, fmt.Errorf("%w: empty key or cluster id", ErrBadGold)
		}
	}
	return g, nil
}

// Article is one record of a story dev file (JSON Lines).
type Article struct {
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	Text      string  `json:"text"`
	Published *string `json:"published"`
	Outlet    string  `json:"outlet,omitempty"`
}

// MaxArticleBytes bounds one line of an article file.
const MaxArticleBytes = 16 << 20

// ReadArticles parses a JSON Lines article file in arrival order. Blank lines
// are skipped; a malformed line is an error naming its line number.
func ReadArticles(r io.Reader) ([]Article, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxArticleBytes)
	var out []Article
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if len(trimSpace(b)) == 0 {
			continue
		}
		var a Article
		if err := json.Unmarshal(b, &a); err != nil {
			return nil, fmt.Errorf("line %d: %w: %w", line, ErrBadArticle, err)
		}
		if a.URL == "" {
			return nil, fmt.Errorf("line %d: %w: no url", line, ErrBadArticle)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return out, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}
