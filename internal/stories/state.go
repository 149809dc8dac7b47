package stories

import (
	"math"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
)

// Weight is one term or entity key of a story's centroid.
//
// W is the mean over the story's documents of the key's length-normalised
// raw weight (1+log tf, before IDF), so that IDF can be applied at comparison
// time with the document frequencies of that moment.
type Weight struct {
	Key  string  `json:"k"`
	W    float64 `json:"w"`
	Name string  `json:"n,omitempty"` // display form, for entity keys
}

// StoryState is everything the clusterer keeps about one story between
// documents. It is a plain value that round-trips through JSON, and its size
// is bounded by Options (top terms, top entities), never by the number of
// documents in the story.
type StoryState struct {
	ID         string   `json:"id"`
	Docs       int      `json:"docs"`        // documents assigned so far
	Title      string   `json:"title"`       // representative headline
	TitleDoc   string   `json:"title_doc"`   // document the title came from
	TitleScore float64  `json:"title_score"` // how central that document was when it joined
	Terms      []Weight `json:"terms"`       // top content terms, heaviest first
	Entities   []Weight `json:"entities"`    // top entity keys, heaviest first
	// TermsRest and EntitiesRest are the squared IDF-weighted norm of the
	// centroid tail that pruning dropped, so cosines stay those of the
	// whole centroid.
	TermsRest    float64 `json:"terms_rest,omitempty"`
	EntitiesRest float64 `json:"entities_rest,omitempty"`
	// TermsNorm and EntitiesNorm are the IDF-weighted norms of the
	// centroid (tail included) when the story was last stored.
	TermsNorm    float64  `json:"terms_norm"`
	EntitiesNorm float64  `json:"entities_norm"`
	First        string   `json:"first,omitempty"` // earliest publication date (YYYY-MM-DD)
	Last         string   `json:"last,omitempty"`  // latest publication date
	Updated      int64    `json:"updated"`         // clusterer sequence number of the last change
	Keys         []string `json:"keys"`            // blocking keys the story is filed under
}

// Story renders the state as the shared model type. docs are the story's
// document ids, which the index (not the bounded state) keeps.
func (s StoryState) Story(docs []string, maxEntities int) model.Story {
	st := model.Story{
		ID:       s.ID,
		Title:    s.Title,
		Docs:     append([]string(nil), docs...),
		Entities: []string{},
		First:    s.First,
		Last:     s.Last,
	}
	seen := make(map[string]bool)
	for _, e := range s.Entities {
		if len(st.Entities) >= maxEntities {
			break
		}
		// Whole names first; a part ("williams") adds nothing when its
		// full name ("jamal williams") is already listed.
		if e.Name == "" || seen[strings.ToLower(e.Name)] {
			continue
		}
		seen[strings.ToLower(e.Name)] = true
		st.Entities = append(st.Entities, e.Name)
	}
	return st
}

// sparse is a weighted bag of keys.
type sparse map[string]float64

// centroid is a story's terms or entities in working form.
func centroidOf(ws []Weight) sparse {
	m := make(sparse, len(ws))
	for _, w := range ws {
		m[w.Key] = w.W
	}
	return m
}

// unitRaw scales raw weights to unit length.
func unitRaw(m map[string]float64) sparse {
	var n float64
	for _, v := range m {
		n += v * v
	}
	out := make(sparse, len(m))
	if n == 0 {
		return out
	}
	n = math.Sqrt(n)
	for k, v := range m {
		out[k] = v / n
	}
	return out
}

// mergeCentroid returns the weighted mean of two centroids holding na and nb
// documents.
func mergeCentroid(a sparse, na int, b sparse, nb int) sparse {
	out := make(sparse, len(a)+len(b))
	total := float64(na + nb)
	for k, v := range a {
		out[k] += v * float64(na) / total
	}
	for k, v := range b {
		out[k] += v * float64(nb) / total
	}
	return out
}

// prune keeps the n keys with the highest IDF-weighted value, so a story's
// state stays bounded however many documents join it. It also returns the
// squared IDF-weighted norm of what it dropped.
func prune(c sparse, idf func(string) float64, n int, names map[string]string) ([]Weight, float64) {
	// Sort by the IDF-weighted value (kept in W meanwhile), then store the
	// raw value.
	ws := make([]Weight, 0, len(c))
	for k, v := range c {
		ws = append(ws, Weight{Key: k, W: v * idf(k)})
	}
	sortWeights(ws)
	var rest float64
	if len(ws) > n {
		for _, w := range ws[n:] {
			rest += w.W * w.W
		}
		ws = ws[:n]
	}
	for i := range ws {
		ws[i].W = c[ws[i].Key]
		ws[i].Name = names[ws[i].Key]
	}
	return ws, rest
}
