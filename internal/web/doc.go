// Package web owns parallax's HTTP face: the JSON API under /api/, its
// OpenAPI description, and the analyst's web UI (search, documents with
// highlights, entities, stories with a timeline and a map, outlet
// comparison, uploads, curation, exports), served from one binary with
// every asset embedded. It reads through package query, the same views the
// CLI prints, so a page, its JSON twin and the CLI always agree; it holds no
// SQL and no analysis, and it never touches the file system on a request's
// say-so.
//
// Every UI page has a JSON twin (/documents/{id} and /api/documents/{id});
// listings page with a next token; errors are {"ok": false, "error": ...}
// with the right status. Handlers return a result or an error and one
// wrapper (render.go) writes JSON or HTML, status and headers.
//
// Security: article text is hostile, so all of it goes through html/template
// escaping (never template.HTML); the Content-Security-Policy allows no
// inline script or style; writes (uploads, curation) need the server's token
// as a bearer token or a login cookie plus a CSRF token, and are refused
// outright when the server runs without a token; request bodies, URLs and
// handler times are bounded; the server binds loopback unless told
// otherwise.
//
// Written by hand rather than with a web framework: net/http's pattern
// mux, html/template and embed cover routing, escaping and assets, and the
// few pieces on top (the OpenAPI description generated from the response
// types, the text highlighter, the SVG map) are specific to parallax. The
// base map is built from Natural Earth data by gen/basemap (go generate).
package web

//go:generate sh -c "cd gen/basemap && npm ci --ignore-scripts --no-audit --no-fund && go run . -npm node_modules -out ../../assets/countries.txt.gz"
