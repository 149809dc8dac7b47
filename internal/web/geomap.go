package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/query"
)

//go:embed assets/countries.txt.gz
var countriesGz []byte

// country is one outline of the base map, in (lon, -lat) degrees.
type country struct {
	name string
	bbox [4]float64 // min lon, min lat, max lon, max lat
	path string
}

// basemap loads the embedded outlines once.
var basemap = sync.OnceValues(func() ([]country, error) {
	zr, err := gzip.NewReader(bytes.NewReader(countriesGz))
	if err != nil {
		return nil, fmt.Errorf("base map: %w", err)
	}
	var out []country
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 8<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) != 3 {
			continue
		}
		var c country
		c.name, c.path = parts[0], parts[2]
		for i, f := range strings.Fields(parts[1]) {
			if i < 4 {
				c.bbox[i], _ = strconv.ParseFloat(f, 64)
			}
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("base map: %w", err)
	}
	return out, nil
})

// svgMap is a story's map: country outlines cropped by the view box, and
// the places as points.
type svgMap struct {
	ViewBox   string
	Scale     string // x scale of the outlines (cos of the mid latitude)
	Countries []string
	Points    []mapPoint
	Stroke    float64
}

type mapPoint struct {
	ID, Name string
	X, Y, R  float64
	Label    bool
	FontSize float64
	LabelX   float64
	Events   int
	Docs     int
}

// renderMap lays out places on an equirectangular map scaled by the cosine
// of the mid latitude (good enough for the region of one story). The view
// frames the story's core: the places within 30 degrees of the weighted
// median place; the others are still drawn when they fall inside it and
// are listed below the map in any case.
func renderMap(places []query.Place) *svgMap {
	if len(places) == 0 {
		return nil
	}
	weight := func(p query.Place) int { return 3*p.Events + p.Docs }
	lons := make([]weighted, 0, len(places))
	lats := make([]weighted, 0, len(places))
	for _, p := range places {
		w := float64(weight(p) + 1)
		lons = append(lons, weighted{p.Lon, w})
		lats = append(lats, weighted{p.Lat, w})
	}
	cLon, cLat := weightedMedian(lons), weightedMedian(lats)
	minLon, minLat, maxLon, maxLat := cLon, cLat, cLon, cLat
	for _, p := range places {
		if math.Abs(p.Lon-cLon) <= 30 && math.Abs(p.Lat-cLat) <= 30 {
			minLon, maxLon = math.Min(minLon, p.Lon), math.Max(maxLon, p.Lon)
			minLat, maxLat = math.Min(minLat, p.Lat), math.Max(maxLat, p.Lat)
		}
	}
	// At least 6 degrees each way, 30 % margin, a landscape frame.
	grow := func(lo, hi, least float64) (float64, float64) {
		span := math.Max(hi-lo, least) * 1.3
		mid := (lo + hi) / 2
		return mid - span/2, mid + span/2
	}
	minLon, maxLon = grow(minLon, maxLon, 6)
	minLat, maxLat = grow(minLat, maxLat, 6)
	k := math.Max(0.2, math.Cos((minLat+maxLat)/2*math.Pi/180))
	w, h := (maxLon-minLon)*k, maxLat-minLat
	if w < h*1.6 { // widen to landscape
		extra := (h*1.6 - w) / k / 2
		minLon, maxLon = minLon-extra, maxLon+extra
		w = h * 1.6
	} else if h < w/2.2 {
		extra := (w/2.2 - h) / 2
		minLat, maxLat = minLat-extra, maxLat+extra
		h = w / 2.2
	}
	m := &svgMap{ViewBox: fmt.Sprintf("%.3f %.3f %.3f %.3f", minLon*k, -maxLat, w, h), Scale: fmt.Sprintf("%.4f", k), Stroke: 0.8}
	if cs, err := basemap(); err == nil {
		for _, c := range cs {
			if c.bbox[2] < minLon || c.bbox[0] > maxLon || c.bbox[3] < minLat || c.bbox[1] > maxLat {
				continue
			}
			m.Countries = append(m.Countries, c.path)
		}
	}
	// Heaviest places first; a label only where it does not crowd another.
	order := make([]int, len(places))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return weight(places[order[a]]) > weight(places[order[b]]) })
	font := w / 55
	var labelled []mapPoint
	for _, i := range order {
		p := places[i]
		if p.Lon < minLon || p.Lon > maxLon || p.Lat < minLat || p.Lat > maxLat {
			continue
		}
		r := w / 170 * (1 + math.Log1p(float64(weight(p)))/2)
		pt := mapPoint{ID: p.ID, Name: p.Name, X: p.Lon * k, Y: -p.Lat, R: r, FontSize: font, LabelX: p.Lon*k + r*1.4, Events: p.Events, Docs: p.Docs}
		if len(labelled) < 12 {
			free := true
			for _, q := range labelled {
				if math.Abs(q.Y-pt.Y) < font*1.3 && math.Abs(q.LabelX-pt.LabelX) < font*0.6*float64(len(q.Name)+2) {
					free = false
					break
				}
			}
			if free {
				pt.Label = true
				labelled = append(labelled, pt)
			}
		}
		m.Points = append(m.Points, pt)
	}
	// Draw the light ones first so the heavy ones stay on top.
	for i, j := 0, len(m.Points)-1; i < j; i, j = i+1, j-1 {
		m.Points[i], m.Points[j] = m.Points[j], m.Points[i]
	}
	return m
}

type weighted struct{ v, w float64 }

// weightedMedian returns the value at half of the total weight.
func weightedMedian(xs []weighted) float64 {
	sort.Slice(xs, func(i, j int) bool { return xs[i].v < xs[j].v })
	var total float64
	for _, x := range xs {
		total += x.w
	}
	acc := 0.0
	for _, x := range xs {
		acc += x.w
		if acc >= total/2 {
			return x.v
		}
	}
	return xs[len(xs)-1].v
}

// svgTimeline is a story's time axis: events (or, when none is dated, the
// documents by publication date) as marks between the first and last date.
type svgTimeline struct {
	Width, Height float64
	Marks         []timeMark
	Ticks         []timeTick
	Kind          string // "events" or "documents"
}

type timeMark struct {
	X, Y  float64
	Label string
	Href  string
	Date  string
}

type timeTick struct {
	X     float64
	Label string
}

// parseDay reads YYYY, YYYY-MM or YYYY-MM-DD as the first day it covers.
func parseDay(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(s) >= len(layout) {
			if t, err := time.Parse(layout, s[:len(layout)]); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func renderTimeline(evs []model.Event, docs []query.DocumentView) *svgTimeline {
	type item struct {
		t     time.Time
		label string
		href  string
		date  string
	}
	var items []item
	kind := "events"
	for _, ev := range evs {
		if t, ok := parseDay(ev.Time.Start); ok {
			items = append(items, item{t, ev.Type + ": " + ev.Summary, "/events/" + ev.ID, ev.Time.Value})
		}
	}
	if len(items) == 0 {
		kind = "documents"
		for _, d := range docs {
			if d.Published != nil {
				if t, ok := parseDay(*d.Published); ok {
					items = append(items, item{t, query.DocLabel(d) + ": " + d.Title, "/documents/" + d.ID, *d.Published})
				}
			}
		}
	}
	if len(items) == 0 {
		return nil
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].t.Before(items[j].t) })
	first, last := items[0].t, items[len(items)-1].t
	if !last.After(first) {
		first, last = first.AddDate(0, 0, -15), last.AddDate(0, 0, 15)
	}
	const width, left, right = 1000.0, 20.0, 20.0
	span := last.Sub(first).Seconds()
	x := func(t time.Time) float64 { return left + (width-left-right)*t.Sub(first).Seconds()/span }
	tl := &svgTimeline{Width: width, Kind: kind}
	stack := map[int]int{}
	for _, it := range items {
		px := x(it.t)
		slot := int(px / 8)
		y := 58 - float64(stack[slot])*9
		stack[slot]++
		if y < 8 {
			y = 8
		}
		tl.Marks = append(tl.Marks, timeMark{X: px, Y: y, Label: it.label, Href: it.href, Date: it.date})
	}
	// Ticks: years, or months when the span is short.
	years := last.Year() - first.Year()
	if years >= 2 {
		step := 1 + years/10
		for y := first.Year() + 1; y <= last.Year(); y += step {
			t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
			tl.Ticks = append(tl.Ticks, timeTick{x(t), strconv.Itoa(y)})
		}
	} else {
		months := int(last.Sub(first).Hours()/24/30) + 1
		step := 1 + months/12
		for t := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0); !t.After(last); t = t.AddDate(0, step, 0) {
			tl.Ticks = append(tl.Ticks, timeTick{x(t), t.Format("Jan 2006")})
		}
	}
	tl.Height = 90
	return tl
}
