// Package export owns writing a store's contents in formats other tools
// read: JSON Lines (everything, one record a line), CSV (one table),
// GeoJSON (places and dated events on a map), GEXF (the entity co-mention
// graph, for Gephi) and FollowTheMoney entities (for OCCRP Aleph). It reads
// through store.Store and never writes to it.
//
// The writers are small and ours: GEXF and FtM are simple documented
// formats, and no maintained Go library covers either.
package export

import (
	"context"
	"crypto/sha1"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/parallaxhq/parallax/internal/events"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// Formats lists the export formats.
var Formats = []string{"jsonl", "csv", "geojson", "gexf", "ftm"}

// Tables lists what the CSV export can write.
var Tables = []string{"documents", "entities", "mentions", "events", "quotes", "frames", "contradictions"}

// Options choose what to export.
type Options struct {
	Format string
	Table  string // for CSV; default "entities"
}

// Write exports st to w.
func Write(ctx context.Context, st store.Store, w io.Writer, opts Options) error {
	switch opts.Format {
	case "jsonl":
		return writeJSONL(ctx, st, w)
	case "csv":
		return writeCSV(ctx, st, w, opts.Table)
	case "geojson":
		return writeGeoJSON(ctx, st, w)
	case "gexf":
		return writeGEXF(ctx, st, w)
	case "ftm":
		return writeFtM(ctx, st, w)
	}
	return fmt.Errorf("unknown export format %q (want one of %s)", opts.Format, strings.Join(Formats, ", "))
}

func allEntities(ctx context.Context, st store.Store) ([]model.Entity, error) {
	return st.Entities(ctx, store.EntityFilter{Limit: 1 << 30})
}

func writeJSONL(ctx context.Context, st store.Store, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	put := func(kind string, v any) error {
		return enc.Encode(struct {
			Kind string `json:"kind"`
			Data any    `json:"data"`
		}{kind, v})
	}
	err := st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		return put("document", struct {
			model.Document
			Mentions   []model.Mention  `json:"mentions"`
			Times      []model.TimeExpr `json:"times"`
			Quantities []model.Quantity `json:"quantities"`
		}{d, a.Mentions, a.Times, a.Quantities})
	})
	if err != nil {
		return err
	}
	ents, err := allEntities(ctx, st)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if err := put("entity", e); err != nil {
			return err
		}
	}
	evs, err := st.Events(ctx, store.EventFilter{})
	if err != nil {
		return err
	}
	for _, e := range evs {
		if err := put("event", e); err != nil {
			return err
		}
	}
	sts, err := st.Stories(ctx)
	if err != nil {
		return err
	}
	for _, s := range sts {
		if err := put("story", s); err != nil {
			return err
		}
	}
	qs, err := st.Quotes(ctx, store.QuoteFilter{Limit: 1 << 30})
	if err != nil {
		return err
	}
	for _, q := range qs {
		if err := put("quote", q); err != nil {
			return err
		}
	}
	cs, err := st.Contradictions(ctx)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if err := put("contradiction", c); err != nil {
			return err
		}
	}
	fs, err := st.Frames(ctx, store.FrameFilter{})
	if err != nil {
		return err
	}
	for _, f := range fs {
		if err := put("frame", f); err != nil {
			return err
		}
	}
	return nil
}

func ftoa(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', 5, 64)
}

func writeCSV(ctx context.Context, st store.Store, w io.Writer, table string) error {
	if table == "" {
		table = "entities"
	}
	cw := csv.NewWriter(w)
	defer cw.Flush()
	row := func(cols ...string) error {
		for i, c := range cols {
			cols[i] = csvSafe(c)
		}
		return cw.Write(cols)
	}
	switch table {
	case "documents":
		row("id", "source", "url", "title", "outlet", "author", "published", "published_basis", "language", "words", "near_duplicate_of")
		err := st.EachDocument(ctx, func(d model.Document, _ model.Analysis) error {
			return row(d.ID, d.Source, d.URL, d.Title, d.Outlet, d.Author, d.Published, d.PublishedBasis, d.Language, strconv.Itoa(d.Words), d.NearDuplicateOf)
		})
		if err != nil {
			return err
		}
	case "entities":
		ents, err := allEntities(ctx, st)
		if err != nil {
			return err
		}
		row("id", "name", "type", "mentions", "documents", "aliases", "lat", "lon", "wikidata", "geonames")
		for _, e := range ents {
			var al []string
			for _, a := range e.Aliases {
				al = append(al, a.Text)
			}
			wd, gn := "", ""
			if e.KB != nil {
				wd = e.KB.Wikidata
				if e.KB.GeoNames != 0 {
					gn = strconv.Itoa(e.KB.GeoNames)
				}
			}
			row(e.ID, e.Name, e.Type, strconv.Itoa(e.Mentions), strconv.Itoa(len(e.Docs)), strings.Join(al, "|"), ftoa(e.Lat), ftoa(e.Lon), wd, gn)
		}
	case "mentions":
		row("doc", "start", "end", "text", "type", "entity")
		err := st.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
			ms, err := st.Analysis(ctx, d.ID) // carries resolved entity ids
			if err != nil {
				return err
			}
			for _, m := range ms.Mentions {
				if err := row(d.ID, strconv.Itoa(m.Start), strconv.Itoa(m.End), m.Text, m.Type, m.Entity); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	case "events":
		evs, err := st.Events(ctx, store.EventFilter{})
		if err != nil {
			return err
		}
		row("id", "type", "time", "start", "end", "place", "participants", "documents", "summary")
		for _, e := range evs {
			row(e.ID, e.Type, e.Time.Value, e.Time.Start, e.Time.End, e.Place, strings.Join(e.Participants, "|"), strings.Join(e.Docs, "|"), e.Summary)
		}
	case "quotes":
		qs, err := st.Quotes(ctx, store.QuoteFilter{Limit: 1 << 30})
		if err != nil {
			return err
		}
		row("doc", "kind", "speaker", "speaker_entity", "anonymous", "cue", "text", "start", "end")
		for _, q := range qs {
			row(q.Doc, q.Kind, q.Speaker.Text, q.Speaker.Entity, strconv.FormatBool(q.Speaker.Anonymous), q.Cue, q.Text, strconv.Itoa(q.Start), strconv.Itoa(q.End))
		}
	case "frames":
		fs, err := st.Frames(ctx, store.FrameFilter{})
		if err != nil {
			return err
		}
		row("entity", "name", "doc", "outlet", "stance", "label", "evidence")
		for _, f := range fs {
			var ev []string
			for _, e := range f.Evidence {
				ev = append(ev, e.Text)
			}
			row(f.Entity, f.Name, f.Doc, f.Outlet, strconv.FormatFloat(f.Stance, 'f', 3, 64), f.Label, strings.Join(ev, "|"))
		}
	case "contradictions":
		cs, err := st.Contradictions(ctx)
		if err != nil {
			return err
		}
		row("n", "topic", "kind", "confidence", "side", "doc", "outlet", "claim", "start", "end")
		for i, c := range cs {
			for j, s := range c.Sides {
				row(strconv.Itoa(i+1), c.Topic, c.Kind, strconv.FormatFloat(c.Confidence, 'f', 3, 64), strconv.Itoa(j+1), s.Doc, s.Outlet, s.Claim, strconv.Itoa(s.Start), strconv.Itoa(s.End))
			}
		}
	default:
		return fmt.Errorf("unknown CSV table %q (want one of %s)", table, strings.Join(Tables, ", "))
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe defuses spreadsheet formula injection from hostile article text.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

// writeGeoJSON writes one FeatureCollection: the dated events with
// coordinates (events.GeoJSON, "kind" absent) followed by every place with
// coordinates (properties kind "place", id, name, mentions, docs).
func writeGeoJSON(ctx context.Context, st store.Store, w io.Writer) error {
	ents, err := allEntities(ctx, st)
	if err != nil {
		return err
	}
	byID := map[string]model.Entity{}
	for _, e := range ents {
		byID[e.ID] = e
	}
	evs, err := st.Events(ctx, store.EventFilter{})
	if err != nil {
		return err
	}
	raw, err := events.GeoJSON(evs, func(id string) (float64, float64, bool) {
		e, ok := byID[id]
		if !ok || e.Lat == nil || e.Lon == nil {
			return 0, 0, false
		}
		return *e.Lat, *e.Lon, true
	})
	if err != nil {
		return err
	}
	var fc struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(raw, &fc); err != nil {
		return err
	}
	for _, e := range ents {
		if e.Lat == nil || e.Lon == nil {
			continue
		}
		f, err := json.Marshal(map[string]any{"type": "Feature", "id": e.ID,
			"geometry":   map[string]any{"type": "Point", "coordinates": [2]float64{*e.Lon, *e.Lat}},
			"properties": map[string]any{"kind": "place", "id": e.ID, "name": e.Name, "mentions": e.Mentions, "docs": len(e.Docs)}})
		if err != nil {
			return err
		}
		fc.Features = append(fc.Features, f)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(fc)
}

// CoMentions returns the entity co-mention graph: for each pair of entities
// named in the same document, the number of such documents.
func CoMentions(ents []model.Entity) map[[2]string]int {
	byDoc := map[string][]string{}
	for _, e := range ents {
		for _, d := range e.Docs {
			byDoc[d] = append(byDoc[d], e.ID)
		}
	}
	edges := map[[2]string]int{}
	for _, ids := range byDoc {
		sort.Strings(ids)
		if len(ids) > 200 { // a document naming hundreds of entities adds noise, not signal
			ids = ids[:200]
		}
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				edges[[2]string{ids[i], ids[j]}]++
			}
		}
	}
	return edges
}

func writeGEXF(ctx context.Context, st store.Store, w io.Writer) error {
	ents, err := allEntities(ctx, st)
	if err != nil {
		return err
	}
	type attvalue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	type node struct {
		ID     string     `xml:"id,attr"`
		Label  string     `xml:"label,attr"`
		Values []attvalue `xml:"attvalues>attvalue"`
	}
	type edge struct {
		ID     int    `xml:"id,attr"`
		Source string `xml:"source,attr"`
		Target string `xml:"target,attr"`
		Weight int    `xml:"weight,attr"`
	}
	type attribute struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title,attr"`
		Type  string `xml:"type,attr"`
	}
	type graph struct {
		DefaultEdgeType string      `xml:"defaultedgetype,attr"`
		Attributes      []attribute `xml:"attributes>attribute"`
		Nodes           []node      `xml:"nodes>node"`
		Edges           []edge      `xml:"edges>edge"`
	}
	type gexf struct {
		XMLName xml.Name `xml:"gexf"`
		XMLNS   string   `xml:"xmlns,attr"`
		Version string   `xml:"version,attr"`
		Creator string   `xml:"meta>creator"`
		Graph   graph    `xml:"graph"`
	}
	g := gexf{XMLNS: "http://gexf.net/1.3", Version: "1.3", Creator: "parallax"}
	g.Graph.DefaultEdgeType = "undirected"
	g.Graph.Attributes = []attribute{{"type", "type", "string"}, {"mentions", "mentions", "integer"}, {"docs", "documents", "integer"}}
	for _, e := range ents {
		g.Graph.Nodes = append(g.Graph.Nodes, node{ID: e.ID, Label: e.Name, Values: []attvalue{
			{"type", e.Type}, {"mentions", strconv.Itoa(e.Mentions)}, {"docs", strconv.Itoa(len(e.Docs))}}})
	}
	edges := CoMentions(ents)
	keys := make([][2]string, 0, len(edges))
	for k := range edges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for i, k := range keys {
		g.Graph.Edges = append(g.Graph.Edges, edge{ID: i, Source: k[0], Target: k[1], Weight: edges[k]})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(g); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// ftmEntity is a FollowTheMoney entity: a schema name and multi-valued
// string properties.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func ftmID(parts ...string) string {
	h := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	return "parallax-" + hex.EncodeToString(h[:])
}

func writeFtM(ctx context.Context, st store.Store, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	ents, err := allEntities(ctx, st)
	if err != nil {
		return err
	}
	entID := map[string]string{}
	schemaOf := map[string]string{}
	for _, e := range ents {
		schema := map[string]string{model.Person: "Person", model.Org: "Organization", model.Place: "Address", model.Misc: "LegalEntity"}[e.Type]
		if schema == "" || e.Type == model.Misc {
			continue // MISC (nationalities, events, works) has no good FtM schema
		}
		id := ftmID("entity", e.ID)
		entID[e.ID] = id
		schemaOf[e.ID] = schema
		props := map[string][]string{}
		if schema == "Address" {
			props["full"] = []string{e.Name}
			if e.Lat != nil && e.Lon != nil {
				props["latitude"] = []string{ftoa(e.Lat)}
				props["longitude"] = []string{ftoa(e.Lon)}
			}
			if e.Country != "" {
				props["country"] = []string{strings.ToLower(e.Country)}
			}
		} else {
			props["name"] = []string{e.Name}
			for _, a := range e.Aliases {
				if a.Text != e.Name {
					props["alias"] = append(props["alias"], a.Text)
				}
			}
		}
		if e.KB != nil && e.KB.Wikidata != "" {
			props["wikidataId"] = []string{e.KB.Wikidata}
		}
		if err := enc.Encode(ftmEntity{ID: id, Schema: schema, Properties: props}); err != nil {
			return err
		}
	}
	err = st.EachDocument(ctx, func(d model.Document, _ model.Analysis) error {
		docID := ftmID("doc", d.ID)
		props := map[string][]string{"title": {d.Title}, "bodyText": {d.Text}, "fileName": {d.Source}}
		if d.URL != "" {
			props["sourceUrl"] = []string{d.URL}
		}
		if d.Published != "" {
			props["publishedAt"] = []string{d.Published}
		}
		if d.Language != "" {
			props["language"] = []string{d.Language}
		}
		if d.Outlet != "" {
			props["publisher"] = []string{d.Outlet}
		}
		if d.Author != "" {
			props["author"] = []string{d.Author}
		}
		if err := enc.Encode(ftmEntity{ID: docID, Schema: "Article", Properties: props}); err != nil {
			return err
		}
		a, err := st.Analysis(ctx, d.ID)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, m := range a.Mentions {
			id, ok := entID[m.Entity]
			if !ok || seen[m.Entity+"\x00"+m.Text] {
				continue
			}
			seen[m.Entity+"\x00"+m.Text] = true
			mp := map[string][]string{"document": {docID}, "resolved": {id}, "name": {m.Text}, "detectedSchema": {schemaOf[m.Entity]}}
			if err := enc.Encode(ftmEntity{ID: ftmID("mention", d.ID, m.Entity, m.Text), Schema: "Mention", Properties: mp}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	evs, err := st.Events(ctx, store.EventFilter{})
	if err != nil {
		return err
	}
	for _, ev := range evs {
		props := map[string][]string{"name": {ev.Summary}, "summary": {ev.Type}}
		if ev.Time.Start != "" {
			props["startDate"] = []string{ev.Time.Start}
		}
		if ev.Time.End != "" {
			props["endDate"] = []string{ev.Time.End}
		}
		if id, ok := entID[ev.Place]; ok {
			props["addressEntity"] = []string{id}
		}
		for _, p := range ev.Participants {
			if id, ok := entID[p]; ok {
				props["involved"] = append(props["involved"], id)
			}
		}
		if err := enc.Encode(ftmEntity{ID: ftmID("event", ev.ID), Schema: "Event", Properties: props}); err != nil {
			return err
		}
	}
	return nil
}
