package resolveeval

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve/translit"
)

// Gold is the part of a gold file (eval/seeds/gold.json format) the scorer reads.
type Gold struct {
	Entities     []GoldEntity `json:"entities"`
	MustNotMerge [][]string   `json:"must_not_merge"`
}

// GoldEntity is one real-world entity with every surface form the corpus uses.
type GoldEntity struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Canonical string   `json:"canonical"`
	Wikidata  string   `json:"wikidata,omitempty"`
	Aliases   []string `json:"aliases"`
	Docs      []string `json:"docs"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
}

// ReadGold reads a gold file.
func ReadGold(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval resolve: %w", err)
	}
	defer f.Close()
	g, err := ParseGold(f)
	if err != nil {
		return nil, fmt.Errorf("eval resolve %s: %w", path, err)
	}
	return g, nil
}

// ParseGold decodes a gold file.
func ParseGold(r io.Reader) (*Gold, error) {
	var g Gold
	if err := json.NewDecoder(r).Decode(&g); err != nil {
		return nil, err
	}
	if len(g.Entities) == 0 {
		return nil, fmt.Errorf("no entities")
	}
	for i, e := range g.Entities {
		if e.ID == "" {
			return nil, fmt.Errorf("entity %d has no id", i)
		}
	}
	for i, p := range g.MustNotMerge {
		if len(p) != 2 {
			return nil, fmt.Errorf("must_not_merge pair %d has %d ids", i, len(p))
		}
	}
	return &g, nil
}

// Options tunes scoring.
type Options struct {
	PlaceRadiusKm float64 // a place counts as linked within this distance (default 25)
}

// Report is the outcome of scoring predicted entities against a gold file.
type Report struct {
	Items     int     `json:"items"` // gold (entity, alias) pairs scored
	Found     int     `json:"found"` // of which some predicted entity lists the alias
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Missing are gold aliases no predicted entity lists ("entity: alias").
	Missing []string `json:"missing,omitempty"`
	// Violations are must_not_merge pairs found in one predicted entity.
	Violations []Violation `json:"violations,omitempty"`
	// Places checks every gold place that has coordinates.
	Places       []PlaceCheck `json:"places"`
	PlacesLinked int          `json:"places_linked"`
	// Entities shows, for each gold entity, the predicted entities its
	// aliases went to (for diagnosis).
	Entities []EntityCheck `json:"entities"`
}

// Violation is a must_not_merge pair merged into one predicted entity.
type Violation struct {
	A, B      string
	Predicted string
}

// PlaceCheck is the link found for one gold place.
type PlaceCheck struct {
	Gold       string   `json:"gold"`
	Predicted  string   `json:"predicted,omitempty"`
	DistanceKm *float64 `json:"distance_km,omitempty"`
	Linked     bool     `json:"linked"`
}

// EntityCheck maps one gold entity's aliases to predicted entities.
type EntityCheck struct {
	Gold      string            `json:"gold"`
	Predicted map[string]string `json:"predicted"` // alias → predicted id ("" = not found)
}

// titles are words gold aliases may carry or lack ("with or without titles
// such as General"). The scorer keeps its own short list rather than use the
// resolver's, so that it does not grade the resolver by its own rules.
var titles = map[string]bool{
	"general": true, "lieutenant": true, "major": true, "brigadier": true, "colonel": true,
	"ayatollah": true, "grand": true, "sayyid": true, "sayyed": true, "seyyed": true, "sheikh": true,
	"president": true, "prime": true, "minister": true, "supreme": true, "king": true, "prince": true,
	"mr": true, "dr": true, "gen": true, "imam": true, "hajj": true, "haj": true, "commander": true,
}

func aliasKey(s string) string { return translit.Key(s) }

func untitledKey(s string) string {
	ts := strings.Fields(translit.Key(s))
	i := 0
	for i < len(ts)-1 && titles[ts[i]] {
		i++
	}
	return strings.Join(ts[i:], " ")
}

// Score compares predicted entities with the gold. Each gold (entity, alias)
// pair is an item; its predicted cluster is the predicted entity listing the
// alias (case-insensitive, possessives and the Arabic article ignored, with
// or without leading titles), the one with the most uses of it when several
// do. B-cubed precision and recall are averaged over items; an alias no
// prediction lists is a cluster of its own.
func Score(g *Gold, pred []model.Entity, opts Options) Report {
	if opts.PlaceRadiusKm == 0 {
		opts.PlaceRadiusKm = 25
	}
	type hit struct {
		entity int
		count  int
	}
	exact := map[string][]hit{}
	untitled := map[string][]hit{}
	for i, e := range pred {
		for _, a := range e.Aliases {
			exact[aliasKey(a.Text)] = append(exact[aliasKey(a.Text)], hit{i, a.Count})
			untitled[untitledKey(a.Text)] = append(untitled[untitledKey(a.Text)], hit{i, a.Count})
		}
		// the canonical name is an alias too
		exact[aliasKey(e.Name)] = append(exact[aliasKey(e.Name)], hit{i, 0})
	}
	pick := func(hs []hit) int {
		sum := map[int]int{}
		for _, h := range hs {
			sum[h.entity] += h.count
		}
		best, bc := -1, -1
		for e, c := range sum {
			if c > bc || (c == bc && (pred[e].Mentions > pred[best].Mentions ||
				(pred[e].Mentions == pred[best].Mentions && pred[e].ID < pred[best].ID))) {
				best, bc = e, c
			}
		}
		return best
	}
	var rep Report
	type item struct {
		gold int
		pred int // -1-itemIndex when not found (a cluster of its own)
	}
	var items []item
	for gi, ge := range g.Entities {
		ec := EntityCheck{Gold: ge.ID, Predicted: map[string]string{}}
		seen := map[string]bool{}
		for _, a := range ge.Aliases {
			k := aliasKey(a)
			if seen[k] {
				continue
			}
			seen[k] = true
			p := -1
			if hs := exact[k]; len(hs) > 0 {
				p = pick(hs)
			} else if hs := untitled[untitledKey(a)]; len(hs) > 0 {
				p = pick(hs)
			}
			if p < 0 {
				rep.Missing = append(rep.Missing, ge.ID+": "+a)
				items = append(items, item{gi, -1 - len(items)})
				ec.Predicted[a] = ""
				continue
			}
			rep.Found++
			items = append(items, item{gi, p})
			ec.Predicted[a] = pred[p].ID
		}
		rep.Entities = append(rep.Entities, ec)
	}
	rep.Items = len(items)
	// B-cubed
	byPred := map[int][]int{}
	byGold := map[int][]int{}
	for i, it := range items {
		byPred[it.pred] = append(byPred[it.pred], i)
		byGold[it.gold] = append(byGold[it.gold], i)
	}
	var p, r float64
	for _, it := range items {
		same := 0
		for _, j := range byPred[it.pred] {
			if items[j].gold == it.gold {
				same++
			}
		}
		p += float64(same) / float64(len(byPred[it.pred]))
		r += float64(same) / float64(len(byGold[it.gold]))
	}
	if n := float64(len(items)); n > 0 {
		rep.Precision, rep.Recall = p/n, r/n
	}
	if rep.Precision+rep.Recall > 0 {
		rep.F1 = 2 * rep.Precision * rep.Recall / (rep.Precision + rep.Recall)
	}
	// must_not_merge
	predOf := map[string]map[int]bool{}
	for _, it := range items {
		id := g.Entities[it.gold].ID
		if predOf[id] == nil {
			predOf[id] = map[int]bool{}
		}
		if it.pred >= 0 {
			predOf[id][it.pred] = true
		}
	}
	for _, pair := range g.MustNotMerge {
		for pi := range predOf[pair[0]] {
			if predOf[pair[1]][pi] {
				rep.Violations = append(rep.Violations, Violation{A: pair[0], B: pair[1], Predicted: pred[pi].ID})
			}
		}
	}
	// places
	for gi, ge := range g.Entities {
		if ge.Lat == nil || ge.Lon == nil {
			continue
		}
		votes := map[int]int{}
		for _, it := range items {
			if it.gold == gi && it.pred >= 0 {
				votes[it.pred]++
			}
		}
		pc := PlaceCheck{Gold: ge.ID}
		best, bv := -1, 0
		for pi, v := range votes {
			if v > bv || (v == bv && pi < best) {
				best, bv = pi, v
			}
		}
		if best >= 0 {
			pe := pred[best]
			pc.Predicted = pe.ID
			if pe.Lat != nil && pe.Lon != nil {
				d := distanceKm(*ge.Lat, *ge.Lon, *pe.Lat, *pe.Lon)
				d = math.Round(d*10) / 10
				pc.DistanceKm = &d
				pc.Linked = d <= opts.PlaceRadiusKm
			}
		}
		if pc.Linked {
			rep.PlacesLinked++
		}
		rep.Places = append(rep.Places, pc)
	}
	sort.Strings(rep.Missing)
	return rep
}

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := (lat2-lat1)*math.Pi/180, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Format writes the report as text.
func (rep Report) Format(w io.Writer) {
	fmt.Fprintf(w, "alias B-cubed over %d gold aliases (%d found): precision %.3f  recall %.3f  F1 %.3f\n",
		rep.Items, rep.Found, rep.Precision, rep.Recall, rep.F1)
	fmt.Fprintf(w, "must_not_merge violations: %d\n", len(rep.Violations))
	for _, v := range rep.Violations {
		fmt.Fprintf(w, "  %s + %s in %s\n", v.A, v.B, v.Predicted)
	}
	fmt.Fprintf(w, "places linked within range: %d/%d\n", rep.PlacesLinked, len(rep.Places))
	for _, p := range rep.Places {
		if !p.Linked {
			d := "no coordinates"
			if p.DistanceKm != nil {
				d = fmt.Sprintf("%.1f km", *p.DistanceKm)
			}
			fmt.Fprintf(w, "  %s -> %q (%s)\n", p.Gold, p.Predicted, d)
		}
	}
	if len(rep.Missing) > 0 {
		fmt.Fprintf(w, "aliases not found: %s\n", strings.Join(rep.Missing, "; "))
	}
	for _, e := range rep.Entities {
		ids := map[string]bool{}
		for _, id := range e.Predicted {
			ids[id] = true
		}
		if len(ids) > 1 {
			var parts []string
			for _, a := range sortedAliases(e.Predicted) {
				parts = append(parts, a+"→"+orDash(e.Predicted[a]))
			}
			fmt.Fprintf(w, "  split %s: %s\n", e.Gold, strings.Join(parts, ", "))
		}
	}
}

func sortedAliases(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
