package postgres_test

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/postgres"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
	"github.com/parallaxhq/parallax/internal/store/storetest"
)

// defaultDSN is where the tests look for PostgreSQL when
// PARALLAX_TEST_POSTGRES is unset.
const defaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

var (
	baseOnce sync.Once
	baseDSN  string
	baseErr  error
)

// testDSN returns the DSN of the test server, or skips the test with the
// reason when there is none.
func testDSN(tb testing.TB) string {
	tb.Helper()
	baseOnce.Do(func() {
		baseDSN = os.Getenv("PARALLAX_TEST_POSTGRES")
		from := "PARALLAX_TEST_POSTGRES"
		if baseDSN == "" {
			baseDSN, from = defaultDSN, "default DSN (set PARALLAX_TEST_POSTGRES to choose)"
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, baseDSN)
		if err != nil {
			baseErr = fmt.Errorf("PostgreSQL not reachable at %s (%s): %v", baseDSN, from, err)
			return
		}
		conn.Close(ctx)
	})
	if baseErr != nil {
		tb.Skipf("skipping PostgreSQL test: %v", baseErr)
	}
	return baseDSN
}

// withSchema returns dsn selecting schema through search_path.
func withSchema(tb testing.TB, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			tb.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// freshDSN returns a DSN for a new random schema that is dropped when the
// test ends.
func freshDSN(tb testing.TB) string {
	base := testDSN(tb)
	var b [6]byte
	crand.Read(b[:])
	schema := "ptest_" + hex.EncodeToString(b[:])
	tb.Cleanup(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSchema(tb, base, schema)
}

func openFresh(tb testing.TB) *postgres.Store {
	tb.Helper()
	s, err := postgres.Open(context.Background(), freshDSN(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t) })
}

func TestReopenKeepsSchema(t *testing.T) {
	dsn := freshDSN(t)
	ctx := context.Background()
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetMeta(ctx, "a", "b"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if v, _ := s.Meta(ctx, "a"); v != "b" {
		t.Fatalf("meta lost across reopen: %q", v)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dsn := freshDSN(t)
	ctx := context.Background()
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "INSERT INTO schema_migrations(version, name) VALUES ($1, 'from the future')", postgres.SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.Open(ctx, dsn); err == nil || !strings.Contains(err.Error(), "newer than this parallax") {
		t.Fatalf("open of a newer schema: err=%v, want a refusal", err)
	}
}

// Several processes starting at once on an empty schema: one migrates, the
// others wait for it and find the schema current.
func TestConcurrentOpen(t *testing.T) {
	dsn := freshDSN(t)
	ctx := context.Background()
	const n = 6
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, dsn)
			if err == nil {
				s.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent open: %v", err)
		}
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var rows, max int
	if err := conn.QueryRow(ctx, "SELECT count(*), max(version) FROM schema_migrations").Scan(&rows, &max); err != nil {
		t.Fatal(err)
	}
	if rows != postgres.SchemaVersion() || max != postgres.SchemaVersion() {
		t.Fatalf("schema_migrations: %d rows, max %d; want %d", rows, max, postgres.SchemaVersion())
	}
}

func record(i int) store.DocumentRecord {
	id := fmt.Sprintf("%016x", uint64(i)*0x9e3779b97f4a7c15)
	text := fmt.Sprintf("Report %d from Amirli about the siege and the militia.", i)
	return store.DocumentRecord{
		Doc: model.Document{ID: id, Source: fmt.Sprintf("/corpus/%d.txt", i), Title: fmt.Sprintf("Report %d", i), Text: text,
			Outlet: "example.org", Language: "en", Words: len(strings.Fields(text)), Format: "text"},
		Analysis: model.Analysis{
			Mentions: []model.Mention{{Start: 17, End: 23, Text: "Amirli", Type: model.Place}},
			Quotes:   []model.Quote{{Kind: model.QuoteDirect, Text: "x", Speaker: model.Speaker{Text: "Someone"}}},
		},
		Bands: []uint64{uint64(i), uint64(i) + 1<<63},
	}
}

// Workers writing overlapping batches at once, each through its own store
// (its own pool, like separate processes), end with each document stored
// exactly once, every source remembered and the added counts summing to the
// number of distinct documents.
func TestConcurrentOverlappingPuts(t *testing.T) {
	dsn := freshDSN(t)
	ctx := context.Background()
	const (
		workers = 6
		docs    = 300
		batch   = 40
		rounds  = 8
	)
	var mu sync.Mutex
	added := 0
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := postgres.Open(ctx, dsn)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for range rounds {
				var recs []store.DocumentRecord
				for range batch {
					r := record(rng.IntN(docs))
					// Some copies come from another path: an extra source.
					if rng.IntN(4) == 0 {
						r.Doc.Source = fmt.Sprintf("/mirror/w%d/%s.txt", w, r.Doc.ID)
					}
					recs = append(recs, r)
				}
				n, err := s.PutDocuments(ctx, recs)
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				added += n
				mu.Unlock()
			}
			// Finally every document, so the end state is known.
			var all []store.DocumentRecord
			for i := range docs {
				all = append(all, record(i))
			}
			rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
			n, err := s.PutDocuments(ctx, all)
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			added += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("worker: %v", err)
	}
	s, err := postgres.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if added != docs {
		t.Errorf("added counts sum to %d, want %d", added, docs)
	}
	if n, err := s.CountDocuments(ctx); err != nil || n != docs {
		t.Fatalf("count = %d (%v), want %d", n, err, docs)
	}
	seen := map[string]int{}
	if err := s.EachDocument(ctx, func(d model.Document, a model.Analysis) error {
		seen[d.ID]++
		if len(a.Mentions) != 1 || len(a.Quotes) != 1 {
			return fmt.Errorf("document %s: analysis %d mentions, %d quotes", d.ID, len(a.Mentions), len(a.Quotes))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		if id := record(i).Doc.ID; seen[id] != 1 {
			t.Errorf("document %s seen %d times", id, seen[id])
		}
	}
	ms, err := s.Quotes(ctx, store.QuoteFilter{Limit: 10 * docs})
	if err != nil || len(ms) != docs {
		t.Errorf("quotes: %d (%v), want %d (one per document, none doubled)", len(ms), err, docs)
	}
}

// A batch repeating one id keeps the first record and remembers both sources.
func TestBatchWithRepeatedID(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	a, b := record(1), record(1)
	b.Doc.Source, b.Doc.Title = "/elsewhere/1.txt", "Other title"
	n, err := s.PutDocuments(ctx, []store.DocumentRecord{a, b})
	if err != nil || n != 1 {
		t.Fatalf("put: n=%d err=%v", n, err)
	}
	for _, ref := range []string{a.Doc.Source, b.Doc.Source} {
		d, err := s.FindDocument(ctx, ref)
		if err != nil || d.Title != a.Doc.Title {
			t.Errorf("FindDocument(%q) = %q %v, want the first record", ref, d.Title, err)
		}
	}
}

// Arrival order is the order of the batch, not the order of ids.
func TestSeqFollowsBatchOrder(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	recs := []store.DocumentRecord{record(5), record(1), record(3)}
	if _, err := s.PutDocuments(ctx, recs); err != nil {
		t.Fatal(err)
	}
	docs, err := s.Documents(ctx, store.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for i := range recs {
		want = append(want, recs[i].Doc.ID)
		got = append(got, docs[i].ID)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("arrival order %v, want %v", got, want)
	}
}

// Text PostgreSQL cannot hold as is: NUL bytes and a text whose tsvector
// would pass 1 MiB. Neither may make the batch fail.
func TestAwkwardText(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	nul := record(1)
	nul.Doc.Text = "Amirli\x00 siege"
	var big strings.Builder
	for i := 0; big.Len() < 4<<20; i++ {
		// Distinct words of 4-byte letters: the worst case for tsvector size.
		fmt.Fprintf(&big, "%c%c%c ", rune(0x20000+i%40000), rune(0x20000+i/40000), rune(0x20000+(i*7)%40000))
	}
	huge := record(2)
	huge.Doc.Text = "Amirli " + big.String()
	n, err := s.PutDocuments(ctx, []store.DocumentRecord{nul, huge})
	if err != nil || n != 2 {
		t.Fatalf("put: n=%d err=%v", n, err)
	}
	d, err := s.Document(ctx, nul.Doc.ID)
	if err != nil || d.Text != "Amirli  siege" {
		t.Fatalf("NUL text stored as %q (%v), want the NUL as a space", d.Text, err)
	}
	d, err = s.Document(ctx, huge.Doc.ID)
	if err != nil || len(d.Text) != len(huge.Doc.Text) {
		t.Fatalf("huge text: %d bytes stored (%v), want %d", len(d.Text), err, len(huge.Doc.Text))
	}
	hits, err := s.Search(ctx, "amirli", 10)
	if err != nil || len(hits) != 2 {
		t.Fatalf("search after awkward text: %d hits, %v", len(hits), err)
	}
	bad := record(3)
	bad.Doc.Text = "bad \xff byte"
	if _, err := s.PutDocuments(ctx, []store.DocumentRecord{bad}); err == nil || !strings.Contains(err.Error(), bad.Doc.ID) {
		t.Fatalf("invalid UTF-8: err=%v, want an error naming the document", err)
	}
}

func TestSearchPathSchemaNames(t *testing.T) {
	base := testDSN(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var b [4]byte
	crand.Read(b[:])
	suffix := hex.EncodeToString(b[:])
	for _, c := range []struct{ path, schema string }{
		{"PTest_Fold_" + suffix, "ptest_fold_" + suffix},
		{`"PTest Quoted ` + suffix + `"`, "PTest Quoted " + suffix},
		{"ptest_list_" + suffix + ", public", "ptest_list_" + suffix},
	} {
		t.Run(c.schema, func(t *testing.T) {
			defer conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{c.schema}.Sanitize()+" CASCADE")
			s, err := postgres.Open(ctx, withSchema(t, base, c.path))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if s.Schema() != c.schema {
				t.Errorf("schema %q, want %q", s.Schema(), c.schema)
			}
			var tables int
			if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = 'documents'", c.schema).Scan(&tables); err != nil || tables != 1 {
				t.Errorf("documents table in %q: %d (%v)", c.schema, tables, err)
			}
		})
	}
}

// BenchmarkPutDocuments writes batches of 100 small documents, on
// PostgreSQL and, for comparison, on the SQLite store.
func BenchmarkPutDocuments(b *testing.B) {
	for _, backend := range []string{"postgres", "sqlite"} {
		b.Run(backend, func(b *testing.B) {
			var s store.Store
			if backend == "postgres" {
				s = openFresh(b)
			} else {
				var err error
				if s, err = sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "b.db")); err != nil {
					b.Fatal(err)
				}
			}
			defer s.Close()
			ctx := context.Background()
			const batch = 100
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				recs := make([]store.DocumentRecord, batch)
				for i := range recs {
					recs[i] = record(n)
					n++
				}
				if _, err := s.PutDocuments(ctx, recs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	s := openFresh(b)
	defer s.Close()
	ctx := context.Background()
	var recs []store.DocumentRecord
	for i := range 5000 {
		recs = append(recs, record(i))
	}
	if _, err := s.PutDocuments(ctx, recs); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Search(ctx, `"report 4999" OR militia`, 10); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPutDocumentsWriters writes batches of 100 documents from several
// writers at once (as several workers would), each through its own pool.
func BenchmarkPutDocumentsWriters(b *testing.B) {
	for _, writers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			dsn := freshDSN(b)
			ctx := context.Background()
			stores := make([]*postgres.Store, writers)
			for i := range stores {
				s, err := postgres.Open(ctx, dsn)
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				stores[i] = s
			}
			const batch = 100
			var next sync.Mutex
			n := 0
			take := func() (int, bool) {
				next.Lock()
				defer next.Unlock()
				if n >= b.N*batch {
					return 0, false
				}
				n += batch
				return n - batch, true
			}
			b.ResetTimer()
			var wg sync.WaitGroup
			for _, s := range stores {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						first, ok := take()
						if !ok {
							return
						}
						recs := make([]store.DocumentRecord, batch)
						for i := range recs {
							recs[i] = record(first + i)
						}
						if _, err := s.PutDocuments(ctx, recs); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// A schema holding another tool's schema_migrations is refused, not
// misread as a parallax schema.
func TestForeignMigrationsTableRefused(t *testing.T) {
	dsn := freshDSN(t)
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := cfg.RuntimeParams["search_path"]
	conn, err := pgx.Connect(ctx, testDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema+"; CREATE TABLE "+schema+".schema_migrations (version BIGINT PRIMARY KEY, dirty BOOLEAN NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	if _, err := postgres.Open(ctx, dsn); err == nil || !strings.Contains(err.Error(), "another tool") {
		t.Fatalf("open: err=%v, want a refusal naming the foreign table", err)
	}
}
