package web

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/parallaxhq/parallax/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// newTestServer serves a private copy of the seed store.
func newTestServer(t testing.TB, opts Options) (*Server, *httptest.Server, store.Store) {
	t.Helper()
	st := openSeedStore(t)
	s, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts, st
}

// getJSON fetches path and decodes the JSON answer into v (if not nil).
func getJSON(t testing.TB, ts *httptest.Server, path string, v any) (int, []byte) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: not JSON: %v\n%.300s", path, err, body)
		}
	}
	return resp.StatusCode, body
}

// specRouter loads the server's OpenAPI description, checks it is valid
// and returns a router for validating responses.
func specRouter(t testing.TB, ts *httptest.Server) routers.Router {
	t.Helper()
	_, raw := getJSON(t, ts, "/api/openapi.json", nil)
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatalf("load OpenAPI: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("the OpenAPI description is invalid: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: ts.URL}}
	r, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// validate checks one response against the description.
func validate(t testing.TB, router routers.Router, req *http.Request, resp *http.Response, body []byte) {
	t.Helper()
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s: not in the OpenAPI description: %v", req.Method, req.URL.Path, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: resp.StatusCode, Header: resp.Header, Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s (%d): response does not match the description: %v\n%.400s", req.Method, req.URL, resp.StatusCode, err, body)
	}
}

// ids finds a document, entity, event and story of the test store.
type testIDs struct{ doc, entity, event, story, hostile string }

func findIDs(t testing.TB, ts *httptest.Server) testIDs {
	var ids testIDs
	var docs struct{ Items []struct{ ID, Source string } }
	getJSON(t, ts, "/api/documents", &docs)
	for _, d := range docs.Items {
		if ids.doc == "" && !strings.Contains(d.Source, "hostile") {
			ids.doc = d.ID
		}
		if strings.HasSuffix(d.Source, "hostile.txt") {
			ids.hostile = d.ID
		}
	}
	var ents struct{ Items []struct{ ID string } }
	getJSON(t, ts, "/api/entities?type=PERSON&limit=1", &ents)
	var evs struct{ Items []struct{ ID string } }
	getJSON(t, ts, "/api/timeline?limit=1", &evs)
	var sts struct{ Items []struct{ ID string } }
	getJSON(t, ts, "/api/stories?limit=1", &sts)
	if ids.doc == "" || ids.hostile == "" || len(ents.Items) == 0 || len(evs.Items) == 0 || len(sts.Items) == 0 {
		t.Fatalf("test store lacks documents, entities, events or stories: %+v %+v %+v %+v", docs, ents, evs, sts)
	}
	ids.entity, ids.event, ids.story = ents.Items[0].ID, evs.Items[0].ID, sts.Items[0].ID
	return ids
}

func TestAPIMatchesOpenAPI(t *testing.T) {
	_, ts, _ := newTestServer(t, DefaultOptions())
	router := specRouter(t, ts)
	ids := findIDs(t, ts)
	esc := url.PathEscape
	cases := []struct {
		name   string
		path   string
		status int
	}{
		{"index", "/api/", 200},
		{"overview", "/api/overview", 200},
		{"search", "/api/search?q=soleimani", 200},
		{"search phrase", "/api/search?q=%22Quds+Force%22+OR+%22Qods+Force%22&limit=2", 200},
		{"search empty", "/api/search?q=", 200},
		{"search hostile", "/api/search?q=script", 200},
		{"documents", "/api/documents", 200},
		{"documents page", "/api/documents?limit=2", 200},
		{"documents by outlet", "/api/documents?outlet=nowhere", 200},
		{"documents by entity", "/api/documents?entity=" + esc(ids.entity), 200},
		{"documents bad token", "/api/documents?next=abc", 400},
		{"document", "/api/documents/" + ids.doc, 200},
		{"document by prefix", "/api/documents/" + ids.doc[:10], 200},
		{"document hostile", "/api/documents/" + ids.hostile, 200},
		{"document missing", "/api/documents/ffffffffffffffff", 404},
		{"entities", "/api/entities", 200},
		{"entities by type", "/api/entities?type=place&limit=3", 200},
		{"entities by name", "/api/entities?q=sol", 200},
		{"entities bad type", "/api/entities?type=ALIEN", 400},
		{"entity", "/api/entities/" + esc(ids.entity), 200},
		{"entity by alias", "/api/entities/Soleimani", 200},
		{"entity missing", "/api/entities/no-such-entity", 404},
		{"timeline", "/api/timeline", 200},
		{"timeline by entity", "/api/timeline?entity=" + esc(ids.entity) + "&from=2014&to=2015-06", 200},
		{"timeline unknown entity", "/api/timeline?entity=nobody-at-all", 404},
		{"event", "/api/events/" + esc(ids.event), 200},
		{"event missing", "/api/events/nope", 404},
		{"stories", "/api/stories", 200},
		{"story", "/api/stories/" + esc(ids.story), 200},
		{"story missing", "/api/stories/nope", 404},
		{"quotes", "/api/quotes", 200},
		{"quotes direct", "/api/quotes?kind=direct&limit=5", 200},
		{"quotes bad kind", "/api/quotes?kind=shouted", 400},
		{"sources", "/api/sources", 200},
		{"contradictions", "/api/contradictions", 200},
		{"contradictions by entity", "/api/contradictions?entity=" + esc(ids.entity), 200},
		{"frames", "/api/frames", 200},
		{"frames by entity", "/api/frames?entity=" + esc(ids.entity) + "&limit=2", 200},
		{"compare entity", "/api/compare?entity=" + esc(ids.entity), 200},
		{"compare event", "/api/compare?event=" + esc(ids.event), 200},
		{"compare nothing", "/api/compare", 400},
		{"exports", "/api/exports", 200},
		{"export csv", "/api/export?format=csv&table=documents", 200},
		{"export geojson", "/api/export?format=geojson", 200},
		{"export bad", "/api/export?format=pdf", 400},
		{"upload info", "/api/ingest", 200},
		{"limit bad", "/api/entities?limit=-3", 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+c.path, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, c.status, body)
			}
			validate(t, router, req, resp, body)
			if c.status >= 400 {
				var e errorBody
				if json.Unmarshal(body, &e) != nil || e.OK || e.Error == "" || e.Status != c.status {
					t.Errorf("error body %s is not {ok: false, error, status}", body)
				}
			}
		})
	}
}

// Listings page through every row with the next token.
func TestListingsPage(t *testing.T) {
	_, ts, st := newTestServer(t, DefaultOptions())
	want, _ := st.CountDocuments(context.Background())
	for _, path := range []string{"/api/documents?limit=2", "/api/entities?limit=7", "/api/quotes?limit=4", "/api/search?q=amirli&limit=1"} {
		seen := map[string]bool{}
		next := path
		pages := 0
		for next != "" {
			var page struct {
				OK      bool
				Items   []json.RawMessage
				Next    *string `json:"next"`
				NextURL *string `json:"next_url"`
			}
			if code, body := getJSON(t, ts, next, &page); code != 200 || !page.OK {
				t.Fatalf("GET %s: %d %s", next, code, body)
			}
			for _, it := range page.Items {
				seen[string(it)] = true
			}
			pages++
			if (page.Next == nil) != (page.NextURL == nil) {
				t.Fatalf("%s: next and next_url disagree", next)
			}
			next = ""
			if page.NextURL != nil {
				next = *page.NextURL
			}
			if pages > 200 {
				t.Fatalf("%s: paging does not end", path)
			}
		}
		if pages < 2 {
			t.Errorf("%s: only one page; want several", path)
		}
		if strings.HasPrefix(path, "/api/documents") && len(seen) != want {
			t.Errorf("%s: paged through %d documents, store has %d", path, len(seen), want)
		}
	}
}

// The description is a whole document: kept as a golden file so that a
// change to the API shows up in review.
func TestOpenAPIGolden(t *testing.T) {
	s, err := New(nil, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "openapi.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, append(s.spec, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestOpenAPIGolden -update)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(s.spec)) {
		t.Errorf("the OpenAPI description changed; review and run go test -run TestOpenAPIGolden -update")
	}
}
