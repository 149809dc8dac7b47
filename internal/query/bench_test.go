package query

import (
	"context"
	"os"
	"testing"

	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// Benchmarks of the views on a large store: set PARALLAX_BENCH_DB to a
// store file (the web load test caches one under /tmp).
func benchStore(b *testing.B) store.Store {
	path := os.Getenv("PARALLAX_BENCH_DB")
	if path == "" {
		b.Skip("set PARALLAX_BENCH_DB to a store file to benchmark the views on it")
	}
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func BenchmarkEntityView(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	for _, typ := range []string{"PERSON", "ORG", "PLACE"} {
		ents, err := st.Entities(ctx, store.EntityFilter{Type: typ, Limit: 1})
		if err != nil || len(ents) == 0 {
			b.Fatal(err)
		}
		b.Run(typ+"/"+ents[0].ID, func(b *testing.B) {
			for b.Loop() {
				if _, err := EntityView(ctx, st, ents[0].ID, PageEntityOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSearchPage(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	for _, q := range []string{"soleimani", "amirli siege", `"quds force" OR "qods force"`, "sulaim*", "karimi", "baiji fighters",
		"fallujah", "brigade", "isis", "hezbollah brigades", "jurf al sakhar", "drone strike baghdad", "al-muhandis", "tikrit"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, err := SearchPage(ctx, st, SearchQuery{Q: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkListEntities(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	for _, q := range []EntityQuery{{}, {Type: "PLACE"}, {Query: "al-"}} {
		b.Run(q.Type+q.Query, func(b *testing.B) {
			for b.Loop() {
				if _, err := ListEntities(ctx, st, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSummary(b *testing.B) {
	st := benchStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := Summary(ctx, st); err != nil {
			b.Fatal(err)
		}
	}
}
