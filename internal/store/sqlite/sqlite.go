// Package sqlite implements store.Store on an embedded SQLite file through
// the pure-Go driver modernc.org/sqlite (no cgo), in WAL mode, with versioned
// migrations and an FTS5 full-text index. It owns the SQL; it knows nothing of
// how documents are analysed.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// Store is a store.Store on one SQLite file.
type Store struct {
	db   *sql.DB
	path string
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and migrates it to the
// current schema.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "cache_size(-65536)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + filepath.ToSlash(path) + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

func (s *Store) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this parallax (%d): upgrade parallax", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// docMeta is the JSON column holding the document's less-queried fields.
type docMeta struct {
	Removed        []model.RemovedLine `json:"removed,omitempty"`
	LangSpans      []model.LangSpan    `json:"lang_spans,omitempty"`
	PublishedRange [2]string           `json:"published_range,omitempty"`
	PublishedNote  string              `json:"published_note,omitempty"`
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// PutDocuments implements store.Store.
func (s *Store) PutDocuments(ctx context.Context, recs []store.DocumentRecord) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	added := 0
	for i := range recs {
		r := &recs[i]
		d := &r.Doc
		var exists int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE id = ?", d.ID).Scan(&exists); err != nil {
			return 0, err
		}
		if exists > 0 {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO doc_sources(source, doc_id) VALUES (?, ?)", d.Source, d.ID); err != nil {
				return 0, err
			}
			continue
		}
		meta, err := json.Marshal(docMeta{Removed: d.Removed, LangSpans: d.LangSpans, PublishedRange: d.PublishedRange, PublishedNote: d.PublishedNote})
		if err != nil {
			return 0, err
		}
		ingested := d.IngestedAt
		if ingested == "" {
			ingested = now()
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO documents(id, source, url, format, title, outlet, author, published, published_basis,
			language, words, near_duplicate_of, simhash, text, meta, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			d.ID, d.Source, d.URL, d.Format, d.Title, d.Outlet, d.Author, d.Published, d.PublishedBasis,
			d.Language, d.Words, d.NearDuplicateOf, int64(d.SimHash), d.Text, string(meta), ingested)
		if err != nil {
			return 0, fmt.Errorf("insert document %s (%s): %w", d.ID, d.Source, err)
		}
		seq, _ := res.LastInsertId()
		if _, err := tx.ExecContext(ctx, "INSERT INTO docs_fts(rowid, title, text) VALUES (?, ?, ?)", seq, d.Title, d.Text); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO doc_sources(source, doc_id) VALUES (?, ?)", d.Source, d.ID); err != nil {
			return 0, err
		}
		for _, b := range r.Bands {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO bands(band, doc_id) VALUES (?, ?)", int64(b), d.ID); err != nil {
				return 0, err
			}
		}
		if err := putAnalysis(ctx, tx, d.ID, &r.Analysis); err != nil {
			return 0, err
		}
		added++
	}
	return added, tx.Commit()
}

func putAnalysis(ctx context.Context, tx *sql.Tx, id string, a *model.Analysis) error {
	a.Doc = id
	data, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO analyses(doc_id, data) VALUES (?, ?)", id, data); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM quotes WHERE doc_id = ?", id); err != nil {
		return err
	}
	for i, q := range a.Quotes {
		q.Doc = id
		data, err := json.Marshal(q)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO quotes(doc_id, idx, kind, speaker_entity, data) VALUES (?,?,?,?,?)", id, i, q.Kind, q.Speaker.Entity, string(data)); err != nil {
			return err
		}
	}
	return nil
}

// UpdateAnalysis implements store.Store.
func (s *Store) UpdateAnalysis(ctx context.Context, docs []model.Document, as []model.Analysis) error {
	if len(docs) != len(as) {
		return fmt.Errorf("update analysis: %d documents but %d analyses", len(docs), len(as))
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i := range docs {
		d := &docs[i]
		meta, err := json.Marshal(docMeta{Removed: d.Removed, LangSpans: d.LangSpans, PublishedRange: d.PublishedRange, PublishedNote: d.PublishedNote})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET published = ?, published_basis = ?, near_duplicate_of = ?, meta = ? WHERE id = ?`,
			d.Published, d.PublishedBasis, d.NearDuplicateOf, string(meta), d.ID); err != nil {
			return err
		}
		if err := putAnalysis(ctx, tx, d.ID, &as[i]); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// HasDocument implements store.Store.
func (s *Store) HasDocument(ctx context.Context, id string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE id = ?", id).Scan(&n)
	return n > 0, err
}

// AddSource implements store.Store.
func (s *Store) AddSource(ctx context.Context, id, source string) error {
	_, err := s.db.ExecContext(ctx, "INSERT OR IGNORE INTO doc_sources(source, doc_id) VALUES (?, ?)", source, id)
	return err
}

const docCols = `seq, id, source, url, format, title, outlet, author, published, published_basis, language, words, near_duplicate_of, simhash, meta, ingested_at`

type scanner interface{ Scan(...any) error }

func scanDoc(sc scanner, withText bool) (model.Document, int64, error) {
	var d model.Document
	var seq, sim int64
	var meta string
	dest := []any{&seq, &d.ID, &d.Source, &d.URL, &d.Format, &d.Title, &d.Outlet, &d.Author, &d.Published, &d.PublishedBasis,
		&d.Language, &d.Words, &d.NearDuplicateOf, &sim, &meta, &d.IngestedAt}
	if withText {
		dest = append(dest, &d.Text)
	}
	if err := sc.Scan(dest...); err != nil {
		return d, 0, err
	}
	d.SimHash = uint64(sim)
	var m docMeta
	if err := json.Unmarshal([]byte(meta), &m); err == nil {
		d.PublishedRange, d.PublishedNote = m.PublishedRange, m.PublishedNote
		if withText {
			d.Removed, d.LangSpans = m.Removed, m.LangSpans
		}
	}
	return d, seq, nil
}

// Document implements store.Store.
func (s *Store) Document(ctx context.Context, id string) (model.Document, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+docCols+", text FROM documents WHERE id = ?", id)
	d, _, err := scanDoc(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
	}
	return d, err
}

// FindDocument implements store.Store.
func (s *Store) FindDocument(ctx context.Context, ref string) (model.Document, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return model.Document{}, fmt.Errorf("document %q: %w", ref, store.ErrNotFound)
	}
	queries := []struct {
		q   string
		arg string
	}{
		{"SELECT id FROM documents WHERE id = ?", ref},
		{"SELECT doc_id FROM doc_sources WHERE source = ?", ref},
		{"SELECT id FROM documents WHERE url = ? AND url <> ''", ref},
	}
	if abs, err := filepath.Abs(ref); err == nil {
		queries = append(queries, struct{ q, arg string }{"SELECT doc_id FROM doc_sources WHERE source = ?", abs})
	}
	if len(ref) >= 6 && isHex(ref) {
		queries = append(queries, struct{ q, arg string }{"SELECT id FROM documents WHERE id >= ? AND id < ? || x'ff' ORDER BY id LIMIT 2", ref})
	}
	// A bare file name or a path suffix: match at a path separator.
	queries = append(queries, struct{ q, arg string }{"SELECT DISTINCT doc_id FROM doc_sources WHERE source LIKE ? ESCAPE '\\' LIMIT 2", "%/" + likeEscape(strings.TrimPrefix(filepath.ToSlash(ref), "./"))})
	for _, q := range queries {
		args := []any{q.arg}
		if strings.Count(q.q, "?") == 2 {
			args = append(args, q.arg)
		}
		rows, err := s.db.QueryContext(ctx, q.q, args...)
		if err != nil {
			return model.Document{}, err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return model.Document{}, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		switch len(ids) {
		case 0:
			continue
		case 1:
			return s.Document(ctx, ids[0])
		default:
			return model.Document{}, fmt.Errorf("document %q is ambiguous: matches %s and %s (give more of the id or path)", ref, ids[0], ids[1])
		}
	}
	return model.Document{}, fmt.Errorf("document %q: %w", ref, store.ErrNotFound)
}

func isHex(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func limitOf(n int) int {
	if n <= 0 {
		return store.DefaultLimit
	}
	return n
}

// Documents implements store.Store.
func (s *Store) Documents(ctx context.Context, f store.DocFilter) ([]model.Document, error) {
	q := "SELECT " + docCols + " FROM documents d WHERE seq > ?"
	args := []any{f.After}
	if f.Outlet != "" {
		q += " AND outlet = ?"
		args = append(args, f.Outlet)
	}
	if f.Story != "" {
		q += " AND id IN (SELECT doc_id FROM story_docs WHERE story_id = ?)"
		args = append(args, f.Story)
	}
	if f.Entity != "" {
		q += " AND id IN (SELECT doc_id FROM entity_docs WHERE entity_id = ?)"
		args = append(args, f.Entity)
	}
	q += " ORDER BY seq LIMIT ?"
	args = append(args, limitOf(f.Limit))
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Document{}
	for rows.Next() {
		d, seq, err := scanDoc(rows, false)
		if err != nil {
			return nil, err
		}
		d.Seq = seq
		out = append(out, d)
	}
	return out, rows.Err()
}

// CountDocuments implements store.Store.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM documents").Scan(&n)
	return n, err
}

// Analysis implements store.Store.
func (s *Store) Analysis(ctx context.Context, id string) (model.Analysis, error) {
	var a model.Analysis
	var data []byte
	err := s.db.QueryRowContext(ctx, "SELECT data FROM analyses WHERE doc_id = ?", id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("analysis of %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal(data, &a); err != nil {
		return a, fmt.Errorf("analysis of %q: %w", id, err)
	}
	// Mentions carry the entity resolution gave them.
	if err := s.fillEntities(ctx, id, a.Mentions); err != nil {
		return a, err
	}
	return a, nil
}

func (s *Store) fillEntities(ctx context.Context, id string, ms []model.Mention) error {
	var ids string
	err := s.db.QueryRowContext(ctx, "SELECT ids FROM doc_entities WHERE doc_id = ?", id).Scan(&ids)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	var list []string
	if err := json.Unmarshal([]byte(ids), &list); err != nil {
		return fmt.Errorf("entities of %s: %w", id, err)
	}
	for i := range ms {
		if i < len(list) {
			ms[i].Entity = list[i]
		}
	}
	return nil
}

// EachDocument implements store.Store.
func (s *Store) EachDocument(ctx context.Context, fn func(model.Document, model.Analysis) error) error {
	var after int64
	const page = 500
	for {
		rows, err := s.db.QueryContext(ctx, "SELECT "+docCols+", text, a.data FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE seq > ? ORDER BY seq LIMIT ?", after, page)
		if err != nil {
			return err
		}
		type item struct {
			d          model.Document
			a          model.Analysis
			meta, data []byte
			err        error
		}
		var items []item
		for rows.Next() {
			var it item
			d := &it.d
			var seq, sim int64
			if err := rows.Scan(&seq, &d.ID, &d.Source, &d.URL, &d.Format, &d.Title, &d.Outlet, &d.Author, &d.Published, &d.PublishedBasis,
				&d.Language, &d.Words, &d.NearDuplicateOf, &sim, &it.meta, &d.IngestedAt, &d.Text, &it.data); err != nil {
				rows.Close()
				return err
			}
			d.SimHash = uint64(sim)
			d.Seq = seq
			items = append(items, it)
			after = seq
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// Decoding the JSON is most of the work: spread it over the cores,
		// then hand the documents over in order.
		var wg sync.WaitGroup
		workers := min(runtime.GOMAXPROCS(0), len(items))
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(items); i += workers {
					it := &items[i]
					var m docMeta
					if json.Unmarshal(it.meta, &m) == nil {
						it.d.Removed, it.d.LangSpans, it.d.PublishedRange, it.d.PublishedNote = m.Removed, m.LangSpans, m.PublishedRange, m.PublishedNote
					}
					if err := json.Unmarshal(it.data, &it.a); err != nil {
						it.err = fmt.Errorf("analysis of %s: %w", it.d.ID, err)
					}
					it.meta, it.data = nil, nil
				}
			}(w)
		}
		wg.Wait()
		for i := range items {
			if items[i].err != nil {
				return items[i].err
			}
		}
		for _, it := range items {
			if err := fn(it.d, it.a); err != nil {
				return err
			}
		}
		if len(items) < page {
			return nil
		}
	}
}

// NearDuplicates implements store.Store.
func (s *Store) NearDuplicates(ctx context.Context, bands []uint64) ([]model.Document, error) {
	if len(bands) == 0 {
		return nil, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?,", len(bands)), ",")
	args := make([]any, len(bands))
	for i, b := range bands {
		args[i] = int64(b)
	}
	// Near duplicates share most band keys; the documents sharing the most
	// come first, so the limit never hides a true near duplicate behind
	// chance single-band collisions.
	rows, err := s.db.QueryContext(ctx, "SELECT "+prefixCols("d.")+" FROM (SELECT doc_id, count(*) AS n FROM bands WHERE band IN ("+ph+
		") GROUP BY doc_id ORDER BY n DESC LIMIT 50) b JOIN documents d ON d.id = b.doc_id ORDER BY b.n DESC, d.seq", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Document
	for rows.Next() {
		d, _, err := scanDoc(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]store.SearchHit, error) {
	fq := ftsQuery(query)
	if fq == "" {
		return []store.SearchHit{}, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+prefixCols("d.")+`, snippet(docs_fts, 1, '[', ']', ' … ', 24), bm25(docs_fts, 4.0, 1.0) AS r
		FROM docs_fts JOIN documents d ON d.seq = docs_fts.rowid WHERE docs_fts MATCH ? ORDER BY r LIMIT ?`, fq, limitOf(limit))
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	out := []store.SearchHit{}
	for rows.Next() {
		var h store.SearchHit
		var seq, sim int64
		var meta string
		d := &h.Doc
		if err := rows.Scan(&seq, &d.ID, &d.Source, &d.URL, &d.Format, &d.Title, &d.Outlet, &d.Author, &d.Published, &d.PublishedBasis,
			&d.Language, &d.Words, &d.NearDuplicateOf, &sim, &meta, &d.IngestedAt, &h.Snippet, &h.Rank); err != nil {
			return nil, err
		}
		d.Seq = seq
		d.SimHash = uint64(sim)
		h.Rank = -h.Rank
		out = append(out, h)
	}
	return out, rows.Err()
}

func prefixCols(p string) string {
	cols := strings.Split(docCols, ", ")
	for i := range cols {
		cols[i] = p + cols[i]
	}
	return strings.Join(cols, ", ")
}

// ftsQuery turns user input into a safe FTS5 query: words are quoted terms
// (AND-ed), "quoted phrases" stay phrases, a trailing * keeps prefix search,
// and OR between words is kept. Nothing the user types can reach FTS5 syntax.
func ftsQuery(q string) string {
	var parts []string
	inPhrase := false
	for _, chunk := range strings.Split(q, `"`) {
		if inPhrase {
			if w := ftsWords(chunk); len(w) > 0 {
				parts = append(parts, `"`+strings.Join(w, " ")+`"`)
			}
		} else {
			for _, f := range strings.Fields(chunk) {
				if f == "OR" {
					// OR joins two terms: never first, never twice in a row.
					if len(parts) > 0 && parts[len(parts)-1] != "OR" {
						parts = append(parts, "OR")
					}
					continue
				}
				prefix := strings.HasSuffix(f, "*")
				for _, w := range ftsWords(f) {
					t := `"` + w + `"`
					if prefix {
						t += "*"
					}
					parts = append(parts, t)
				}
			}
		}
		inPhrase = !inPhrase
	}
	for len(parts) > 0 && parts[len(parts)-1] == "OR" {
		parts = parts[:len(parts)-1]
	}
	return strings.Join(parts, " ")
}

// ftsWords splits s into the letter/digit runs FTS5's unicode61 tokenizer sees.
func ftsWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && isWordRune(r))
	})
}
