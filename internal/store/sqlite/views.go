package sqlite

// Fast paths for the read-side views of package query (its optional
// interfaces: DocumentLookup, CoMentionCounter, EntityRowLister,
// OutletStanceSummer, FramePager, SearchPager, MentionPager, Counter,
// OutletLister, EntityNamer, EventByIDer). Each answers in one or two
// bounded queries what the plain store.Store methods can only answer by
// reading every row of a large entity or result table. They read only.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// snippet markers; the same values as query.SnippetOpen and SnippetClose
// (not imported: the store does not depend on its readers).
const (
	snippetOpen  = "\ue000"
	snippetClose = "\ue001"
)

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func stringArgs(ss []string) []any {
	args := make([]any, len(ss))
	for i, s := range ss {
		args[i] = s
	}
	return args
}

// DocumentsByID returns the documents (without text) of ids; unknown ids are
// left out.
func (s *Store) DocumentsByID(ctx context.Context, ids []string) ([]model.Document, error) {
	out := []model.Document{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := s.db.QueryContext(ctx, "SELECT "+docCols+" FROM documents WHERE id IN ("+placeholders(len(chunk))+")", stringArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			d, seq, err := scanDoc(rows, false)
			if err != nil {
				rows.Close()
				return nil, err
			}
			d.Seq = seq
			out = append(out, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CoMentions counts the entities named in the same documents as entity,
// over a sample of at most sampleDocs of its documents (in document-id
// order, which is content-hash order: an unbiased sample), most frequent
// first, ties by id. Names are read for the limit rows kept only: entity
// rows are wide (they hold the document lists), so touching one per
// candidate would cost more than the counting.
func (s *Store) CoMentions(ctx context.Context, entity string, sampleDocs, limit int, fn func(id, name, typ string, docs int)) error {
	rows, err := s.db.QueryContext(ctx, `
		SELECT e.id, e.name, e.type, c.n FROM (
			SELECT o.entity_id AS id, count(*) AS n
			FROM (SELECT doc_id FROM entity_docs WHERE entity_id = ? LIMIT ?) d
			JOIN entity_docs o ON o.doc_id = d.doc_id
			WHERE o.entity_id <> ?
			GROUP BY o.entity_id
			ORDER BY n DESC, o.entity_id LIMIT ?
		) c JOIN entities e ON e.id = c.id
		ORDER BY c.n DESC, c.id`, entity, sampleDocs, entity, limit)
	if err != nil {
		return fmt.Errorf("co-mentions of %s: %w", entity, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, name, typ string
		var n int
		if err := rows.Scan(&id, &name, &typ, &n); err != nil {
			return err
		}
		fn(id, name, typ, n)
	}
	return rows.Err()
}

// EntityByRef looks an entity up like Entity, decoding its document list
// by hand: encoding/json spends tens of milliseconds on the list of an
// entity named in tens of thousands of documents, splitting it takes one.
func (s *Store) EntityByRef(ctx context.Context, ref string) (model.Entity, error) {
	var data string
	err := s.db.QueryRowContext(ctx, "SELECT data FROM entities WHERE id = ?", ref).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.db.QueryRowContext(ctx, `SELECT data FROM entities WHERE id IN
			(SELECT entity_id FROM entity_names WHERE name = ?) ORDER BY mentions DESC LIMIT 1`, strings.ToLower(strings.TrimSpace(ref))).Scan(&data)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return model.Entity{}, fmt.Errorf("entity %q: %w", ref, store.ErrNotFound)
	}
	if err != nil {
		return model.Entity{}, err
	}
	return decodeEntity(data)
}

// decodeEntity decodes a stored entity, splitting a document list of plain
// ids itself and leaving anything else to encoding/json.
func decodeEntity(data string) (model.Entity, error) {
	var e model.Entity
	i := strings.Index(data, `,"docs":[`)
	j := strings.Index(data, `],"mentions":`)
	if i < 0 || j < i || strings.ContainsRune(data[i+9:j], '\\') {
		err := json.Unmarshal([]byte(data), &e)
		return e, err
	}
	if err := json.Unmarshal([]byte(data[:i]+data[j+1:]), &e); err != nil {
		return e, err
	}
	list := data[i+9 : j]
	e.Docs = []string{}
	if list == "" {
		return e, nil
	}
	e.Docs = make([]string, 0, strings.Count(list, ",")+1)
	for _, p := range strings.Split(list, ",") {
		if len(p) < 2 || p[0] != '"' || p[len(p)-1] != '"' {
			e.Docs = nil
			err := json.Unmarshal([]byte(data), &e)
			return e, err
		}
		e.Docs = append(e.Docs, p[1:len(p)-1])
	}
	return e, nil
}

// Entity rows are wide: the stored JSON holds the entity's whole document
// list, megabytes for an entity named in tens of thousands of documents.
// The views below cut the list out in Go (bytes.Index is fast; SQLite's
// instr() is not) and count it without decoding it. The stored JSON is
// model.Entity as encoding/json writes it, fields in declaration order, so
// the list sits between `,"docs":[` and the first `],"mentions":`, and
// neither can occur inside a JSON string (quotes there are escaped).

var (
	docsOpen  = []byte(`,"docs":[`)
	docsClose = []byte(`],"mentions":`)
)

// decodeEntityRow decodes a stored entity keeping at most maxDocs of its
// document ids, and returns the number of documents.
func decodeEntityRow(data []byte, maxDocs int) (model.Entity, int, error) {
	var e model.Entity
	i := bytes.Index(data, docsOpen)
	j := bytes.Index(data, docsClose)
	if i < 0 || j < i || bytes.IndexByte(data[i+len(docsOpen):j], '\\') >= 0 {
		if err := json.Unmarshal(data, &e); err != nil {
			return e, 0, err
		}
		n := len(e.Docs)
		if n > maxDocs {
			e.Docs = e.Docs[:maxDocs]
		}
		return e, n, nil
	}
	list := data[i+len(docsOpen) : j]
	head := make([]byte, 0, i+len(data)-j)
	head = append(append(head, data[:i]...), data[j+1:]...)
	if err := json.Unmarshal(head, &e); err != nil {
		return e, 0, err
	}
	e.Docs = []string{}
	if len(list) == 0 {
		return e, 0, nil
	}
	n := bytes.Count(list, []byte{','}) + 1
	for len(list) > 0 && len(e.Docs) < maxDocs {
		k := bytes.IndexByte(list, ',')
		item := list
		if k >= 0 {
			item, list = list[:k], list[k+1:]
		} else {
			list = nil
		}
		if len(item) < 2 || item[0] != '"' || item[len(item)-1] != '"' {
			return e, n, fmt.Errorf("entity %s: malformed document list", e.ID)
		}
		e.Docs = append(e.Docs, string(item[1:len(item)-1]))
	}
	return e, n, nil
}

// EntityRows lists entities like Entities with each Docs cut to maxDocs ids
// and the full number of documents in docCounts.
func (s *Store) EntityRows(ctx context.Context, f store.EntityFilter, maxDocs int) ([]model.Entity, []int, error) {
	q := "SELECT data FROM entities WHERE 1=1"
	var args []any
	if f.Type != "" {
		q += " AND type = ?"
		args = append(args, strings.ToUpper(f.Type))
	}
	if f.Query != "" {
		q += " AND id IN (SELECT entity_id FROM entity_names WHERE name LIKE ? ESCAPE '\\')"
		args = append(args, "%"+likeEscape(strings.ToLower(f.Query))+"%")
	}
	if f.Doc != "" {
		q += " AND id IN (SELECT entity_id FROM entity_docs WHERE doc_id = ?)"
		args = append(args, f.Doc)
	}
	q += " ORDER BY mentions DESC, id LIMIT ? OFFSET ?"
	args = append(args, limitOf(f.Limit), f.Offset)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	ents, counts := []model.Entity{}, []int{}
	for rows.Next() {
		var data sql.RawBytes
		if err := rows.Scan(&data); err != nil {
			return nil, nil, err
		}
		e, n, err := decodeEntityRow(data, maxDocs)
		if err != nil {
			return nil, nil, fmt.Errorf("entity row: %w", err)
		}
		ents = append(ents, e)
		counts = append(counts, n)
	}
	return ents, counts, rows.Err()
}

// TopEntities lists the most mentioned entities of a type ("" for any) from the
// entity table's narrow columns (the wide JSON is never read).
func (s *Store) TopEntities(ctx context.Context, typ string, limit int, fn func(id, name, typ string, mentions int)) error {
	q, args := "SELECT id, name, type, mentions FROM entities WHERE type = ? ORDER BY mentions DESC, id LIMIT ?", []any{typ, limitOf(limit)}
	if typ == "" {
		q, args = "SELECT id, name, type, mentions FROM entities ORDER BY mentions DESC, id LIMIT ?", []any{limitOf(limit)}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name, t string
		var n int
		if err := rows.Scan(&id, &name, &t, &n); err != nil {
			return err
		}
		fn(id, name, t, n)
	}
	return rows.Err()
}

// EntityNames returns entities by id without documents or aliases; only
// places (for their coordinates) have their stored JSON read.
func (s *Store) EntityNames(ctx context.Context, ids []string, fn func(e model.Entity)) error {
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := s.db.QueryContext(ctx, `SELECT id, name, type, CASE WHEN type = 'PLACE' THEN data ELSE '' END
			FROM entities WHERE id IN (`+placeholders(len(chunk))+`)`, stringArgs(chunk)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var e model.Entity
			var data sql.RawBytes
			if err := rows.Scan(&e.ID, &e.Name, &e.Type, &data); err != nil {
				rows.Close()
				return err
			}
			if len(data) > 0 {
				if full, _, err := decodeEntityRow(data, 0); err == nil {
					e.Lat, e.Lon, e.Country, e.KB = full.Lat, full.Lon, full.Country, full.KB
				}
			}
			fn(e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// OutletStances sums up at most sample frames of entity per outlet; frames
// of documents without an outlet are grouped per document under "doc:" +
// id. At most 200 groups, the largest first. The stance is read straight
// from the stored JSON (model.Frame as encoding/json writes it: the first
// `"stance":` is the field, since quotes inside strings are escaped), which
// is several times faster than parsing each frame.
func (s *Store) OutletStances(ctx context.Context, entity string, sample int, fn func(outlet string, frames int, mean, min, max float64)) error {
	rows, err := s.db.QueryContext(ctx, `
		SELECT k, count(*), avg(st), min(st), max(st) FROM (
			SELECT CASE WHEN outlet = '' THEN 'doc:' || doc_id ELSE outlet END AS k,
				CAST(substr(data, instr(data, '"stance":') + 9, 32) AS REAL) AS st
			FROM frames WHERE entity_id = ? LIMIT ?)
		GROUP BY k ORDER BY count(*) DESC, k LIMIT 200`, entity, sample)
	if err != nil {
		return fmt.Errorf("stance of %s: %w", entity, err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		var mean, lo, hi sql.NullFloat64
		if err := rows.Scan(&k, &n, &mean, &lo, &hi); err != nil {
			return err
		}
		fn(k, n, mean.Float64, lo.Float64, hi.Float64)
	}
	return rows.Err()
}

// FramesPage lists one page of frames by entity and document id.
func (s *Store) FramesPage(ctx context.Context, f store.FrameFilter, offset, limit int) ([]model.Frame, error) {
	q := "SELECT f.data FROM frames f WHERE 1=1"
	var args []any
	if f.Entity != "" {
		q += " AND f.entity_id = ?"
		args = append(args, f.Entity)
	}
	if f.Doc != "" {
		q += " AND f.doc_id = ?"
		args = append(args, f.Doc)
	}
	if f.Outlet != "" {
		q += " AND f.outlet = ?"
		args = append(args, f.Outlet)
	}
	// Key order (entity, document id): no sort, however many frames match.
	q += " ORDER BY f.entity_id, f.doc_id LIMIT ? OFFSET ?"
	args = append(args, limitOf(limit), offset)
	return queryJSON[model.Frame](ctx, s.db, q, args...)
}

// EntityDocuments lists documents naming entity after the arrival number
// after, in arrival order. docCount, the number of documents naming the
// entity (0 when unknown), picks the plan: for a frequent entity, walk the
// documents in order and probe the entity's index (a few probes per row
// listed); for a rare one, read its documents through the index and sort
// them.
func (s *Store) EntityDocuments(ctx context.Context, entity string, docCount int, after int64, limit int) ([]model.Document, error) {
	if docCount <= 0 {
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM entity_docs WHERE entity_id = ?", entity).Scan(&docCount); err != nil {
			return nil, err
		}
	}
	var total int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM documents").Scan(&total); err != nil {
		return nil, err
	}
	q := "SELECT " + prefixCols("d.") + " FROM documents d JOIN entity_docs e ON e.doc_id = d.id WHERE e.entity_id = ? AND d.seq > ? ORDER BY d.seq LIMIT ?"
	if int64(docCount)*20 >= total {
		q = "SELECT " + prefixCols("d.") + " FROM documents d WHERE d.seq > ? AND EXISTS (SELECT 1 FROM entity_docs e WHERE e.entity_id = ? AND e.doc_id = d.id) ORDER BY d.seq LIMIT ?"
	}
	args := []any{entity, after, limitOf(limit)}
	if strings.Contains(q, "EXISTS") {
		args = []any{after, entity, limitOf(limit)}
	}
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

// firstSearchWindow is the arrival window a search ranks in first. Ranking
// (BM25 reads every matching row's column sizes) costs in proportion to
// the matches ranked, so a query matching most of a large corpus is ranked
// over the latest 2,000 documents; when that window holds too few matches
// it widens to where the matches seen so far say a full page lies (each
// try also pays BM25's pass over the terms' whole document lists, so the
// window jumps rather than creeps), up to the whole corpus.
const firstSearchWindow = 2000

// SearchPage runs a ranked full-text search and returns hits offset to
// offset+limit. Ranking (BM25, title weighted 4) runs inside FTS5 on row ids
// only, within the newest window of arrivals that yields a full page (see
// firstSearchWindow); documents and snippets are read for the page alone.
func (s *Store) SearchPage(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, error) {
	fq := ftsQuery(query)
	if fq == "" {
		return []store.SearchHit{}, nil
	}
	var last int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM documents").Scan(&last); err != nil {
		return nil, err
	}
	need := offset + limitOf(limit)
	var out []store.SearchHit
	for w := int64(firstSearchWindow); ; {
		from := last - w
		// ORDER BY the rank column (not a bm25() expression) lets FTS5 sort
		// row ids itself; snippets are then made for the rows returned only.
		rows, err := s.db.QueryContext(ctx, `SELECT `+prefixCols("d.")+`, snippet(docs_fts, 1, ?, ?, ' … ', 24), docs_fts.rank
			FROM docs_fts JOIN documents d ON d.seq = docs_fts.rowid
			WHERE docs_fts MATCH ? AND docs_fts.rank MATCH 'bm25(4.0, 1.0)' AND docs_fts.rowid > ?
			ORDER BY docs_fts.rank LIMIT ?`, snippetOpen, snippetClose, fq, from, need)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		out = out[:0]
		for rows.Next() {
			var h store.SearchHit
			d, seq, err := scanDocWith(rows, &h.Snippet, &h.Rank)
			if err != nil {
				rows.Close()
				return nil, err
			}
			d.Seq = seq
			h.Doc, h.Rank = d, -h.Rank
			out = append(out, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		if len(out) >= need || from <= 0 {
			break
		}
		// Widen to where a full page should be, by the density seen.
		if len(out) == 0 {
			w = last
		} else {
			w = min(last, max(w*4, w*int64(need)*3/2/int64(len(out))))
		}
	}
	if offset >= len(out) {
		return []store.SearchHit{}, nil
	}
	return out[offset:], nil
}

// scanDocWith scans the document columns followed by more columns.
func scanDocWith(sc scanner, extra ...any) (model.Document, int64, error) {
	var d model.Document
	var seq, sim int64
	var meta string
	dest := []any{&seq, &d.ID, &d.Source, &d.URL, &d.Format, &d.Title, &d.Outlet, &d.Author, &d.Published, &d.PublishedBasis,
		&d.Language, &d.Words, &d.NearDuplicateOf, &sim, &meta, &d.IngestedAt}
	if err := sc.Scan(append(dest, extra...)...); err != nil {
		return d, 0, err
	}
	d.SimHash = uint64(sim)
	var m docMeta
	if json.Unmarshal([]byte(meta), &m) == nil {
		d.PublishedRange, d.PublishedNote = m.PublishedRange, m.PublishedNote
	}
	return d, seq, nil
}

// EntityMentions lists at most limit mentions of entity, reading the
// entity's documents a few at a time (in document-id order; 4, then 8,
// then 16 a time), so that a frequent entity costs a handful of analyses.
func (s *Store) EntityMentions(ctx context.Context, entity string, limit int) ([]model.Mention, error) {
	limit = limitOf(limit)
	out := []model.Mention{}
	after := ""
	batch := 4
	for len(out) < limit {
		rows, err := s.db.QueryContext(ctx, "SELECT doc_id FROM entity_docs WHERE entity_id = ? AND doc_id > ? ORDER BY doc_id LIMIT ?", entity, after, batch)
		if err != nil {
			return nil, err
		}
		var docs []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			docs = append(docs, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, id := range docs {
			a, err := s.Analysis(ctx, id)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			for _, m := range a.Mentions {
				if m.Entity == entity {
					m.Doc = id
					out = append(out, m)
					if len(out) == limit {
						return out, nil
					}
				}
			}
		}
		if len(docs) < batch {
			break
		}
		after = docs[len(docs)-1]
		batch = min(batch*2, 16)
	}
	return out, nil
}

// Counts counts the rows of each kind of result.
func (s *Store) Counts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range []struct{ name, q string }{
		{"documents", "SELECT count(*) FROM documents"},
		{"entities", "SELECT count(*) FROM entities"},
		{"events", "SELECT count(*) FROM events"},
		{"stories", "SELECT count(*) FROM stories"},
		{"quotes", "SELECT count(*) FROM quotes"},
		{"contradictions", "SELECT count(*) FROM contradictions"},
		{"frames", "SELECT count(*) FROM frames"},
		{"outlets", "SELECT count(DISTINCT outlet) FROM documents WHERE outlet <> ''"},
	} {
		var n int
		if err := s.db.QueryRowContext(ctx, t.q).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t.name, err)
		}
		out[t.name] = n
	}
	return out, nil
}

// Outlets lists outlets with their number of documents, most first.
func (s *Store) Outlets(ctx context.Context, limit int, fn func(outlet string, docs int)) error {
	rows, err := s.db.QueryContext(ctx, "SELECT outlet, count(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?", limitOf(limit))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var o string
		var n int
		if err := rows.Scan(&o, &n); err != nil {
			return err
		}
		fn(o, n)
	}
	return rows.Err()
}

// EventByID returns one event.
func (s *Store) EventByID(ctx context.Context, id string) (model.Event, error) {
	evs, err := queryJSON[model.Event](ctx, s.db, "SELECT data FROM events WHERE id = ?", id)
	if err != nil {
		return model.Event{}, err
	}
	if len(evs) == 0 {
		return model.Event{}, fmt.Errorf("event %q: %w", id, store.ErrNotFound)
	}
	return evs[0], nil
}
