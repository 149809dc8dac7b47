// Command basemap builds internal/web/assets/countries.txt.gz, the offline
// base map of the story page, from Natural Earth country outlines as shipped
// in the npm package world-atlas (TopoJSON, ISC licence; Natural Earth data
// is in the public domain).
//
// Run it through `go generate ./internal/web`, which installs the package
// into gen/basemap/node_modules (git-ignored) with npm and runs this
// program. The output is committed, so building parallax never needs npm.
//
// Output, one country a line, tab-separated, gzip-compressed:
//
//	name  minlon minlat maxlon maxlat  path
//
// path is SVG path data in (longitude, -latitude) degrees with two decimals,
// each ring "M x y L x y ... Z", points closer than -tolerance to the
// previous kept point dropped. The server scales x by cos(latitude) of the
// view and crops with the SVG viewBox; no projection library is needed for
// a regional map of a story's places, which is why this is written by hand.
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
	"path/filepath"
	"sort"
	"strings"
)

type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []geometry `json:"geometries"`
	} `json:"objects"`
}

type geometry struct {
	Type       string          `json:"type"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

func main() {
	npm := flag.String("npm", "node_modules", "directory holding the installed npm packages")
	res := flag.String("res", "50m", "world-atlas resolution: 110m, 50m or 10m")
	tol := flag.Float64("tolerance", 0.04, "drop points closer than this (degrees) to the previous kept point")
	out := flag.String("out", "../../assets/countries.txt.gz", "output file")
	flag.Parse()
	if err := run(filepath.Join(*npm, "world-atlas", "countries-"+*res+".json"), *out, *tol); err != nil {
		log.Fatal(err)
	}
}

func run(in, out string, tol float64) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var topo topology
	if err := json.Unmarshal(data, &topo); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	arcs := decodeArcs(topo)
	type country struct {
		name string
		bbox [4]float64
		path string
	}
	var cs []country
	for _, g := range topo.Objects["countries"].Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return err
			}
		default:
			continue
		}
		bbox := [4]float64{180, 90, -180, -90}
		var b strings.Builder
		for _, poly := range polys {
			for _, ring := range poly {
				pts := unwrap(ringPoints(arcs, ring))
				pts = simplify(pts, tol)
				if len(pts) < 3 {
					continue
				}
				rings := [][][2]float64{pts}
				if shifted, ok := shiftBack(pts); ok {
					rings = append(rings, shifted)
				}
				for _, pts := range rings {
					for i, p := range pts {
						bbox[0], bbox[1] = math.Min(bbox[0], p[0]), math.Min(bbox[1], p[1])
						bbox[2], bbox[3] = math.Max(bbox[2], p[0]), math.Max(bbox[3], p[1])
						if i == 0 {
							b.WriteString("M")
						} else if i == 1 {
							b.WriteString("L")
						} else {
							b.WriteString(" ")
						}
						fmt.Fprintf(&b, "%s %s", num(p[0]), num(-p[1]))
					}
					b.WriteString("Z")
				}
			}
		}
		if b.Len() == 0 {
			continue
		}
		name := strings.NewReplacer("\t", " ", "\n", " ").Replace(g.Properties.Name)
		cs = append(cs, country{name, bbox, b.String()})
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(gz)
	for _, c := range cs {
		fmt.Fprintf(w, "%s\t%s %s %s %s\t%s\n", c.name, num(c.bbox[0]), num(c.bbox[1]), num(c.bbox[2]), num(c.bbox[3]), c.path)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	log.Printf("%d countries written to %s", len(cs), out)
	return f.Close()
}

// decodeArcs turns quantized, delta-encoded TopoJSON arcs into degrees.
func decodeArcs(t topology) [][][2]float64 {
	out := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(arc))
		for j, p := range arc {
			if t.Transform != nil {
				x, y = x+p[0], y+p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		out[i] = pts
	}
	return out
}

// ringPoints joins a ring's arcs; a negative index ~i is arc i reversed.
func ringPoints(arcs [][][2]float64, ring []int) [][2]float64 {
	var pts [][2]float64
	for _, idx := range ring {
		var a [][2]float64
		if idx >= 0 {
			a = arcs[idx]
		} else {
			src := arcs[^idx]
			a = make([][2]float64, len(src))
			for i := range src {
				a[i] = src[len(src)-1-i]
			}
		}
		if len(pts) > 0 && len(a) > 0 {
			a = a[1:] // arcs share their end points
		}
		pts = append(pts, a...)
	}
	return pts
}

// unwrap makes a ring that crosses the antimeridian continuous, letting its
// longitudes run past 180 instead of jumping across the map.
func unwrap(pts [][2]float64) [][2]float64 {
	out := make([][2]float64, len(pts))
	shift := 0.0
	for i, p := range pts {
		if i > 0 {
			d := p[0] + shift - out[i-1][0]
			if d > 180 {
				shift -= 360
			} else if d < -180 {
				shift += 360
			}
		}
		out[i] = [2]float64{p[0] + shift, p[1]}
	}
	return out
}

// shiftBack returns a copy of a ring moved by 360 degrees when part of it
// lies beyond ±180, so that the part shows at the other edge of the map.
func shiftBack(pts [][2]float64) ([][2]float64, bool) {
	lo, hi := pts[0][0], pts[0][0]
	for _, p := range pts {
		lo, hi = math.Min(lo, p[0]), math.Max(hi, p[0])
	}
	var d float64
	switch {
	case hi > 180:
		d = -360
	case lo < -180:
		d = 360
	default:
		return nil, false
	}
	out := make([][2]float64, len(pts))
	for i, p := range pts {
		out[i] = [2]float64{p[0] + d, p[1]}
	}
	return out, true
}

func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 4 {
		return pts
	}
	out := [][2]float64{pts[0]}
	for _, p := range pts[1 : len(pts)-1] {
		q := out[len(out)-1]
		if math.Abs(p[0]-q[0]) >= tol || math.Abs(p[1]-q[1]) >= tol {
			out = append(out, p)
		}
	}
	return out
}

func num(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}
