package web

import (
	"bufio"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/parallaxhq/parallax/internal/export"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

// route is one endpoint: its JSON twin under /api/, its page, and what the
// OpenAPI description says of it.
type route struct {
	method  string
	api     string // JSON path pattern ("" when the route is a page only)
	page    string // page path pattern ("" when API only)
	tmpl    string // page template
	title   string
	summary string
	params  []param
	resp    any      // a value of the JSON response type, for the description
	media   []string // response media types when not JSON (downloads)
	body    any      // a value of the JSON request body type, if any
	form    []param
	fn      handlerFunc
	write   bool // needs the token
	upload  bool // multipart body, bounded by MaxUploadBytes
	status  int  // success status (default 200)
	timeout time.Duration
}

// param is a query, path or form parameter.
type param struct {
	name, in, typ, desc string
	required            bool
	enum                []string
}

func qp(name, desc string) param { return param{name: name, in: "query", typ: "string", desc: desc} }
func qi(name, desc string) param { return param{name: name, in: "query", typ: "integer", desc: desc} }
func pathID(desc string) param {
	return param{name: "id", in: "path", typ: "string", desc: desc, required: true}
}
func qenum(name, desc string, v ...string) param {
	return param{name: name, in: "query", typ: "string", desc: desc, enum: v}
}

var (
	pLimit = qi("limit", "page size (default 50, at most 500)")
	pNext  = qp("next", "the next token of the previous page")
)

func (s *Server) routes() []route {
	get := http.MethodGet
	post := http.MethodPost
	return []route{
		{method: get, api: "/api/overview", page: "/{$}", tmpl: "index", title: "Overview",
			summary: "Counts, outlets, the most named entities and the stories", resp: query.Overview{}, fn: s.overview},
		{method: get, api: "/api/{$}", summary: "The endpoints of this API", resp: apiIndex{}, fn: s.apiIndex},
		{method: get, api: "/api/openapi.json", summary: "This OpenAPI description", resp: map[string]any{}, fn: s.openAPIDoc},
		{method: get, api: "/api/search", page: "/search", tmpl: "search", title: "Search",
			summary: "Full-text search over titles and texts, best matches first, with snippets",
			params:  []param{qp("q", `words (all required), "a phrase", a OR b, prefix*`), pLimit, pNext},
			resp:    listResponse[query.SearchHit]{}, fn: s.search},
		{method: get, api: "/api/documents", page: "/documents", tmpl: "documents", title: "Documents",
			summary: "Documents in arrival order",
			params:  []param{qp("outlet", "only this outlet"), qp("story", "only this story id"), qp("entity", "only documents naming this entity (id or name)"), pLimit, pNext},
			resp:    listResponse[query.DocumentView]{}, fn: s.documents},
		{method: get, api: "/api/documents/{id}", page: "/documents/{id}", tmpl: "document", title: "Document",
			summary: "One document (by id, id prefix, source or URL) with its text, removed lines, mentions, times, quotes, events and frames",
			params:  []param{pathID("document id, unique id prefix, source path or URL")},
			resp:    query.DocumentDetail{}, fn: s.document},
		{method: get, api: "/api/entities", page: "/entities", tmpl: "entities", title: "Entities",
			summary: "Entities, most mentioned first (docs holds the first 20 document ids; doc_count all)",
			params: []param{qenum("type", "only this type", model.Person, model.Org, model.Place, model.Misc),
				qp("q", "substring of a name or alias"), qp("doc", "only entities named in this document id"), pLimit, pNext},
			resp: listResponse[query.EntityRow]{}, fn: s.entities},
		{method: get, api: "/api/entities/{id}", page: "/entities/{id}", tmpl: "entity", title: "Entity",
			summary: "One entity (by id, name or alias): aliases with counts, documents (first 50; page on with documents_next), co-mentioned entities, stance by outlet, quotes, events",
			params:  []param{pathID("entity id, name or alias")},
			resp:    query.EntityDetail{}, fn: s.entity},
		{method: get, api: "/api/timeline", page: "/timeline", tmpl: "timeline", title: "Timeline",
			summary: "Events in time order, merged across documents, with place, participants and evidence",
			params: []param{qp("entity", "only events involving this entity (id or name)"), qp("doc", "only events reported by this document"),
				qp("story", "only events of this story"), qp("type", "only this event type"), qp("from", "events ending on or after YYYY[-MM[-DD]]"),
				qp("to", "events starting on or before YYYY[-MM[-DD]]"), pLimit, pNext},
			resp: listResponse[model.Event]{}, fn: s.timeline},
		{method: get, api: "/api/events/{id}", page: "/events/{id}", tmpl: "event", title: "Event",
			summary: "One event with its evidence", params: []param{pathID("event id")}, resp: eventDetail{}, fn: s.event},
		{method: get, api: "/api/stories", page: "/stories", tmpl: "stories", title: "Stories",
			summary: "Documents grouped into stories (docs holds the first 20 document ids; doc_count all)",
			params:  []param{qp("entity", "only stories whose top entities include this entity"), pLimit, pNext},
			resp:    listResponse[query.StoryRow]{}, fn: s.stories},
		{method: get, api: "/api/stories/{id}", page: "/stories/{id}", tmpl: "story", title: "Story",
			summary: "One story with its documents, timeline and places", params: []param{pathID("story id")},
			resp: query.StoryDetail{}, fn: s.story},
		{method: get, api: "/api/quotes", page: "/quotes", tmpl: "quotes", title: "Quotes",
			summary: "Direct and indirect quotes and according-to attributions",
			params: []param{qp("speaker", "only quotes by this entity (id or name)"), qp("doc", "only quotes in this document"),
				qenum("kind", "only this kind", model.QuoteDirect, model.QuoteIndirect, model.QuoteAccordingTo), pLimit, pNext},
			resp: listResponse[query.QuoteRow]{}, fn: s.quotes},
		{method: get, api: "/api/sources", page: "/sources", tmpl: "sources", title: "Sourcing",
			summary: "How each outlet sources its claims: named, anonymous, other outlets (over at most 20,000 quotes)",
			resp:    sourcesResponse{}, fn: s.sources},
		{method: get, api: "/api/contradictions", page: "/contradictions", tmpl: "contradictions", title: "Contradictions",
			summary: "Where outlets (or one article) contradict each other, each side with its sentence",
			params: []param{qp("entity", "only contradictions about this entity (id or name)"), qp("doc", "only contradictions with a side in this document"),
				qp("kind", "only this kind"), pLimit, pNext},
			resp: listResponse[model.Contradiction]{}, fn: s.contradictions},
		{method: get, api: "/api/frames", page: "/frames", tmpl: "frames", title: "Framing",
			summary: "How each outlet portrays each actor: stance from -1 to +1 with the loaded words",
			params:  []param{qp("entity", "only this entity (id or name)"), qp("doc", "only this document"), qp("outlet", "only this outlet"), pLimit, pNext},
			resp:    listResponse[model.Frame]{}, fn: s.frames},
		{method: get, api: "/api/compare", page: "/compare", tmpl: "compare", title: "Compare outlets",
			summary: "Outlets side by side on one entity or one event: what each claims, how it frames it, where they contradict each other",
			params:  []param{qp("entity", "entity id, name or alias"), qp("event", "event id")},
			resp:    query.Comparison{}, fn: s.compare},
		{method: get, api: "/api/exports", page: "/exports", tmpl: "exports", title: "Export",
			summary: "The export formats and their download URLs", resp: exportsResponse{}, fn: s.exports},
		{method: get, api: "/api/export", summary: "Download the store in one format (a file attachment)",
			params: []param{qenum("format", "export format", export.Formats...), qenum("table", "for csv: the table", export.Tables...)},
			media:  exportMediaTypes(), fn: s.export, timeout: s.opts.ExportTimeout},
		{method: get, api: "/api/ingest", page: "/ingest", tmpl: "ingest", title: "Upload",
			summary: "Whether uploads are allowed, and their limits", resp: uploadInfo{}, fn: s.uploadInfo},
		{method: post, api: "/api/ingest", page: "/ingest", tmpl: "ingested", title: "Upload",
			summary: "Upload files (multipart field file, repeatable) to ingest and analyse; needs the token",
			form:    []param{{name: "file", typ: "binary", desc: "a file in any format parallax ingests", required: true}},
			resp:    ingestResponse{}, fn: s.ingest, write: true, upload: true, timeout: s.opts.IngestTimeout},
		{method: post, api: "/api/curate", page: "/curate", summary: "Apply a curation decision (merge, split, rename, alias-add, alias-remove); needs the token",
			body: curateRequest{}, form: []param{{name: "op", typ: "string", required: true}, {name: "args", typ: "string", desc: "repeated, in order"}},
			resp: curateResponse{}, fn: s.curate, write: true, timeout: s.opts.IngestTimeout},
		{method: get, page: "/login", tmpl: "login", title: "Log in", fn: s.loginPage},
		{method: post, page: "/login", fn: s.login},
		{method: post, page: "/logout", fn: s.logout},
	}
}

// apiIndex lists the endpoints.
type apiIndex struct {
	OK        bool       `json:"ok"`
	OpenAPI   string     `json:"openapi"`
	Endpoints []endpoint `json:"endpoints"`
}

type endpoint struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	Page    string `json:"page,omitempty"`
	Summary string `json:"summary"`
}

func (s *Server) apiIndex(c *call) (any, error) {
	idx := apiIndex{OK: true, OpenAPI: "/api/openapi.json", Endpoints: []endpoint{}}
	for _, rt := range s.routes() {
		if rt.api == "" {
			continue
		}
		idx.Endpoints = append(idx.Endpoints, endpoint{Method: rt.method, Path: strings.TrimSuffix(rt.api, "{$}"), Page: strings.TrimSuffix(rt.page, "{$}"), Summary: rt.summary})
	}
	return idx, nil
}

// rawJSON is a response that is already JSON.
type rawJSON []byte

func (r rawJSON) MarshalJSON() ([]byte, error) { return r, nil }

func (s *Server) openAPIDoc(c *call) (any, error) { return rawJSON(s.spec), nil }

func (s *Server) overview(c *call) (any, error) {
	return query.Summary(c.r.Context(), s.st)
}

func (s *Server) search(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	p, err := query.SearchPage(c.r.Context(), s.st, query.SearchQuery{Q: c.q("q"), Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

func (s *Server) documents(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	ent, err := c.entityParam("entity")
	if err != nil {
		return nil, err
	}
	p, err := query.ListDocuments(c.r.Context(), s.st, query.DocQuery{Outlet: c.q("outlet"), Story: c.q("story"), Entity: ent, Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

func (s *Server) document(c *call) (any, error) {
	d, err := query.Document(c.r.Context(), s.st, c.r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if !c.html {
		return d, nil
	}
	return s.documentPage(c, d)
}

func (s *Server) entities(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	p, err := query.ListEntities(c.r.Context(), s.st, query.EntityQuery{Type: c.q("type"), Query: c.q("q"), Doc: c.q("doc"), Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

func (s *Server) entity(c *call) (any, error) {
	e, err := query.EntityView(c.r.Context(), s.st, c.r.PathValue("id"), query.PageEntityOptions())
	if err != nil {
		return nil, err
	}
	if !c.html {
		return e, nil
	}
	var docs []string
	for _, m := range e.Mentions {
		docs = append(docs, m.Doc)
	}
	names, err := query.DocNames(c.r.Context(), s.st, docs)
	if err != nil {
		return nil, err
	}
	p := entityPage{EntityDetail: e, CanCurate: s.opts.Curate != nil}
	for _, m := range e.Mentions {
		if n := len(p.MentionsByDoc); n == 0 || p.MentionsByDoc[n-1].Doc != m.Doc {
			p.MentionsByDoc = append(p.MentionsByDoc, mentionGroup{Doc: m.Doc, Label: names[m.Doc].Title})
		}
		g := &p.MentionsByDoc[len(p.MentionsByDoc)-1]
		g.Mentions = append(g.Mentions, m)
	}
	return p, nil
}

type entityPage struct {
	query.EntityDetail
	CanCurate     bool
	MentionsByDoc []mentionGroup
}

// mentionGroup is the mentions of an entity in one document.
type mentionGroup struct {
	Doc, Label string
	Mentions   []model.Mention
}

func (s *Server) timeline(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	ent, err := c.entityParam("entity")
	if err != nil {
		return nil, err
	}
	p, err := query.Timeline(c.r.Context(), s.st, query.EventQuery{Entity: ent, Doc: c.q("doc"), Story: c.q("story"), Type: c.q("type"),
		From: c.q("from"), To: c.q("to"), Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

// eventDetail is one event with the names it refers to.
type eventDetail struct {
	model.Event
	EntityNames   map[string]query.EntityName `json:"entity_names"`
	DocumentNames map[string]query.DocName    `json:"document_names"`
}

func (s *Server) event(c *call) (any, error) {
	ev, names, err := query.Event(c.r.Context(), s.st, c.r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	docs := eventDocs(ev)
	dn, err := query.DocNames(c.r.Context(), s.st, docs)
	if err != nil {
		return nil, err
	}
	return eventDetail{Event: ev, EntityNames: names, DocumentNames: dn}, nil
}

func eventDocs(ev model.Event) []string {
	ids := append([]string{}, ev.Docs...)
	for _, e := range ev.Evidence {
		ids = append(ids, e.Doc)
	}
	if len(ids) > 500 {
		ids = ids[:500]
	}
	return ids
}

func (s *Server) stories(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	ent, err := c.entityParam("entity")
	if err != nil {
		return nil, err
	}
	p, err := query.ListStories(c.r.Context(), s.st, query.StoryQuery{Entity: ent, Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

func (s *Server) story(c *call) (any, error) {
	d, err := query.Story(c.r.Context(), s.st, c.r.PathValue("id"), query.StoryOptions{})
	if err != nil {
		return nil, err
	}
	if !c.html {
		return d, nil
	}
	return storyPage{StoryDetail: d, Map: renderMap(d.Places), Timeline: renderTimeline(d.Events, d.Documents)}, nil
}

type storyPage struct {
	query.StoryDetail
	Map      *svgMap
	Timeline *svgTimeline
}

func (s *Server) quotes(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	sp, err := c.entityParam("speaker")
	if err != nil {
		return nil, err
	}
	p, err := query.ListQuotes(c.r.Context(), s.st, query.QuoteQuery{Doc: c.q("doc"), Speaker: sp, Kind: c.q("kind"), Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

type sourcesResponse struct {
	OK       bool                    `json:"ok"`
	Outlets  []query.SourcingProfile `json:"items"`
	Quotes   int                     `json:"quotes"`
	Complete bool                    `json:"complete"` // false when more quotes exist than were read
}

func (s *Server) sources(c *call) (any, error) {
	const most = 20000
	qs, err := s.st.Quotes(c.r.Context(), store.QuoteFilter{Limit: most + 1})
	if err != nil {
		return nil, err
	}
	complete := len(qs) <= most
	if !complete {
		qs = qs[:most]
	}
	prof, err := query.SourcingProfiles(c.r.Context(), s.st, qs)
	if err != nil {
		return nil, err
	}
	if prof == nil {
		prof = []query.SourcingProfile{}
	}
	return sourcesResponse{OK: true, Outlets: prof, Quotes: len(qs), Complete: complete}, nil
}

func (s *Server) contradictions(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	ent, err := c.entityParam("entity")
	if err != nil {
		return nil, err
	}
	p, err := query.ListContradictions(c.r.Context(), s.st, query.ContradictionQuery{Entity: ent, Doc: c.q("doc"), Kind: c.q("kind"), Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

func (s *Server) frames(c *call) (any, error) {
	limit, err := c.intParam("limit")
	if err != nil {
		return nil, err
	}
	ent, err := c.entityParam("entity")
	if err != nil {
		return nil, err
	}
	p, err := query.ListFrames(c.r.Context(), s.st, query.FrameQuery{Entity: ent, Doc: c.q("doc"), Outlet: c.q("outlet"), Limit: limit, Next: c.q("next")})
	if err != nil {
		return nil, err
	}
	return list(c, p), nil
}

func (s *Server) compare(c *call) (any, error) {
	if c.html && c.q("entity") == "" && c.q("event") == "" {
		// The bare page offers the most named entities to compare on.
		top, err := query.TopEntities(c.r.Context(), s.st, "", 30)
		if err != nil {
			return nil, err
		}
		return comparePage{Choices: top}, nil
	}
	cmp, err := query.Compare(c.r.Context(), s.st, query.CompareQuery{Entity: c.q("entity"), Event: c.q("event")}, query.CompareOptions{})
	if err != nil {
		return nil, err
	}
	if !c.html {
		return cmp, nil
	}
	return comparePage{Comparison: &cmp}, nil
}

type comparePage struct {
	*query.Comparison
	Choices []query.TopEntity
}

// exportsResponse lists the export formats.
type exportsResponse struct {
	OK      bool          `json:"ok"`
	Formats []exportEntry `json:"items"`
}

type exportEntry struct {
	Format      string `json:"format"`
	Table       string `json:"table,omitempty"`
	Description string `json:"description"`
	URL         string `json:"url"`
}

var exportDescriptions = map[string]string{
	"jsonl":   "everything, one {kind, data} record a line",
	"geojson": "places and dated events with coordinates (a FeatureCollection)",
	"gexf":    "the entity co-mention graph, for Gephi",
	"ftm":     "FollowTheMoney entities for OCCRP Aleph",
}

func (s *Server) exports(c *call) (any, error) {
	r := exportsResponse{OK: true, Formats: []exportEntry{}}
	for _, f := range export.Formats {
		if f == "csv" {
			for _, t := range export.Tables {
				r.Formats = append(r.Formats, exportEntry{Format: f, Table: t, Description: "the " + t + " table as CSV", URL: "/api/export?format=csv&table=" + url.QueryEscape(t)})
			}
			continue
		}
		r.Formats = append(r.Formats, exportEntry{Format: f, Description: exportDescriptions[f], URL: "/api/export?format=" + url.QueryEscape(f)})
	}
	return r, nil
}

var exportMedia = map[string]string{
	"jsonl":   "application/x-ndjson",
	"csv":     "text/csv; charset=utf-8",
	"geojson": "application/geo+json",
	"gexf":    "application/xml",
	"ftm":     "application/x-ndjson",
}

// exportMediaTypes lists the media types of the exports, once each.
func exportMediaTypes() []string {
	var out []string
	for _, f := range export.Formats {
		mt := strings.Split(exportMedia[f], ";")[0]
		if !slices.Contains(out, mt) {
			out = append(out, mt)
		}
	}
	return out
}

func (s *Server) export(c *call) (any, error) {
	format := c.q("format")
	if !slices.Contains(export.Formats, format) {
		return nil, errorf(http.StatusBadRequest, "format must be one of %s", strings.Join(export.Formats, ", "))
	}
	opts := export.Options{Format: format}
	name := "parallax." + format
	if format == "csv" {
		opts.Table = c.q("table")
		if opts.Table == "" {
			opts.Table = "entities"
		}
		if !slices.Contains(export.Tables, opts.Table) {
			return nil, errorf(http.StatusBadRequest, "table must be one of %s", strings.Join(export.Tables, ", "))
		}
		name = "parallax-" + opts.Table + ".csv"
	}
	ctx := c.r.Context()
	return streamResult{contentType: exportMedia[format], filename: name, write: func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		if err := export.Write(ctx, s.st, bw, opts); err != nil {
			return err
		}
		return bw.Flush()
	}}, nil
}

// curateRequest is the JSON body of POST /api/curate.
type curateRequest struct {
	Op   string   `json:"op"`
	Args []string `json:"args"`
}

type curateResponse struct {
	OK   bool     `json:"ok"`
	Op   string   `json:"op"`
	Args []string `json:"args"`
}

// curateArity gives the least and most arguments of each curation op.
var curateArity = map[string][2]int{
	"merge": {2, 2}, "split": {2, 4}, "rename": {2, 3}, "alias-add": {2, 2}, "alias-remove": {2, 2},
}

func (s *Server) curate(c *call) (any, error) {
	var req curateRequest
	ct, _, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		dec := json.NewDecoder(c.r.Body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			return nil, bodyErr("JSON body", err)
		}
	case "application/x-www-form-urlencoded":
		if err := c.r.ParseForm(); err != nil {
			return nil, bodyErr("form", err)
		}
		req.Op = c.r.PostForm.Get("op")
		for _, a := range c.r.PostForm["args"] {
			if a = strings.TrimSpace(a); a != "" {
				req.Args = append(req.Args, a)
			}
		}
	default:
		return nil, errorf(http.StatusUnsupportedMediaType, "send application/json {op, args} or a form")
	}
	ar, ok := curateArity[req.Op]
	if !ok {
		return nil, errorf(http.StatusBadRequest, "op must be merge, split, rename, alias-add or alias-remove")
	}
	if len(req.Args) < ar[0] || len(req.Args) > ar[1] {
		return nil, errorf(http.StatusBadRequest, "%s takes %d to %d arguments, not %d", req.Op, ar[0], ar[1], len(req.Args))
	}
	for _, a := range req.Args {
		if len(a) > 500 || strings.ContainsAny(a, "\x00\n\r") {
			return nil, errorf(http.StatusBadRequest, "argument %.40q is not a name", a)
		}
	}
	if s.opts.Curate == nil {
		return nil, errorf(http.StatusNotImplemented, "curation is not wired into this server yet; use `parallax entity %s ...`", strings.TrimPrefix(req.Op, "alias-"))
	}
	if err := s.opts.Curate(c.r.Context(), req.Op, req.Args); err != nil {
		return nil, err
	}
	// The first argument names the entity that stays (merge keeps it, split
	// and rename keep its id).
	to := "/entities/" + url.PathEscape(req.Args[0])
	return redirectResult{to: to, data: curateResponse{OK: true, Op: req.Op, Args: req.Args}}, nil
}

func (s *Server) loginPage(c *call) (any, error) {
	return loginPageData{ReadOnly: s.ReadOnly(), LoggedIn: s.auth.loggedIn(c.r)}, nil
}

type loginPageData struct {
	ReadOnly bool
	LoggedIn bool
}
