package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"

	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// Benchmarks of whole pages (handler, query, template) on a large store:
// set PARALLAX_BENCH_DB to a store file, e.g. the load test's
// /tmp/parallax-load-50000.db.
func benchServer(b *testing.B) (*Server, store.Store) {
	path := os.Getenv("PARALLAX_BENCH_DB")
	if path == "" {
		b.Skip("set PARALLAX_BENCH_DB to a store file to benchmark pages on it")
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	s, err := New(st, DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	return s, st
}

func BenchmarkPages(b *testing.B) {
	s, st := benchServer(b)
	top, err := st.Entities(context.Background(), store.EntityFilter{Type: "ORG", Limit: 1})
	if err != nil || len(top) == 0 {
		b.Fatal("no entity", err)
	}
	id := url.PathEscape(top[0].ID)
	for _, p := range []string{"/entities/" + id, "/api/entities/" + id, "/search?q=soleimani", "/api/search?q=soleimani",
		"/compare?entity=" + id, "/", "/entities", "/documents"} {
		b.Run(p, func(b *testing.B) {
			for b.Loop() {
				w := httptest.NewRecorder()
				s.Handler().ServeHTTP(w, httptest.NewRequest("GET", p, nil))
				if w.Code != 200 {
					b.Fatalf("%s: %d", p, w.Code)
				}
			}
		})
	}
}
