package sqlite

// Fast paths for the read-side views of package query (its optional
// interfaces: DocumentLookup, CoMentionCounter, EntityRowLister,
// OutletStanceSummer, FramePager, SearchPager, MentionPager, Counter,
// OutletLister, EntityNamer, EventByIDer). Each answers in one or two
// bounded queries what the plain store.Store methods can only answer by
// reading every row of a large entity or result table. They read only.

import (
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
// order, which is content-hash order: an unbiased sample).
func (s *Store) CoMentions(ctx context.Context, entity string, sampleDocs, limit int, fn func(id, name, typ string, docs int)) error {
	rows, err := s.db.QueryContext(ctx, `
		SELECT e.id, e.name, e.type, c.n FROM (
			SELECT o.entity_id AS id, count(*) AS n
			FROM (SELECT doc_id FROM entity_docs WHERE entity_id = ? LIMIT ?) d
			JOIN entity_docs o ON o.doc_id = d.doc_id
			WHERE o.entity_id <> ?
			GROUP BY o.entity_id
		) c JOIN entities e ON e.id = c.id
		ORDER BY c.n DESC, e.name LIMIT ?`, entity, sampleDocs, entity, limit)
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

// entityHead is the JSON of an entity with its document list cut out: the
// stored JSON is model.Entity as encoding/json writes it, fields in
// declaration order, so the list sits between `,"docs":[` and `],"mentions":`
// and neither can occur inside a JSON string (quotes there are escaped).
// The cut is done by SQLite, so the (possibly megabytes long) list is never
// copied out of the database.
const entityHead = `CASE WHEN instr(data, ',"docs":[') > 0 AND instr(data, '],"mentions":') > instr(data, ',"docs":[')
	THEN substr(data, 1, instr(data, ',"docs":[') + 8)
		|| substr(data, instr(data, ',"docs":[') + 9, min(%d, instr(data, '],"mentions":') - instr(data, ',"docs":[') - 9))
		|| '...' || substr(data, instr(data, '],"mentions":'))
	ELSE data END`

// docsPrefix is how many characters of the document list are kept: enough
// for maxDocs ids of 32 hex digits with their quotes and commas.
func docsPrefix(maxDocs int) int { return maxDocs * 40 }

// parseEntityHead decodes an entityHead value, keeping the whole ids of the
// cut document list (at most maxDocs of them).
func parseEntityHead(data string, maxDocs int) (model.Entity, error) {
	var e model.Entity
	i := strings.Index(data, `,"docs":[`)
	j := strings.Index(data, `...],"mentions":`)
	if i >= 0 && j > i {
		var keep []string
		for _, p := range strings.Split(data[i+9:j], ",") {
			if len(p) >= 2 && p[0] == '"' && p[len(p)-1] == '"' && len(keep) < maxDocs {
				keep = append(keep, p)
			}
		}
		data = data[:i+9] + strings.Join(keep, ",") + data[j+3:]
	}
	if err := json.Unmarshal([]byte(data), &e); err != nil {
		return e, err
	}
	if len(e.Docs) > maxDocs {
		e.Docs = e.Docs[:maxDocs]
	}
	return e, nil
}

// EntityRows lists entities like Entities with each Docs cut to maxDocs ids
// and the full number of documents in docCounts.
func (s *Store) EntityRows(ctx context.Context, f store.EntityFilter, maxDocs int) ([]model.Entity, []int, error) {
	q := "SELECT " + fmt.Sprintf(entityHead, docsPrefix(maxDocs)) + ", (SELECT count(*) FROM entity_docs WHERE entity_id = entities.id) FROM entities WHERE 1=1"
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
		var data string
		var n int
		if err := rows.Scan(&data, &n); err != nil {
			return nil, nil, err
		}
		e, err := parseEntityHead(data, maxDocs)
		if err != nil {
			return nil, nil, fmt.Errorf("entity row: %w", err)
		}
		ents = append(ents, e)
		counts = append(counts, n)
	}
	return ents, counts, rows.Err()
}

// EntityNames returns entities by id without documents or aliases.
func (s *Store) EntityNames(ctx context.Context, ids []string, fn func(e model.Entity)) error {
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), 500)]
		ids = ids[len(chunk):]
		rows, err := s.db.QueryContext(ctx, `SELECT id, name, type, CASE WHEN type = 'PLACE' THEN `+fmt.Sprintf(entityHead, 0)+` ELSE '' END
			FROM entities WHERE id IN (`+placeholders(len(chunk))+`)`, stringArgs(chunk)...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var e model.Entity
			var data string
			if err := rows.Scan(&e.ID, &e.Name, &e.Type, &data); err != nil {
				rows.Close()
				return err
			}
			if data != "" {
				if full, err := parseEntityHead(data, 0); err == nil {
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

// SearchPage runs a ranked full-text search and returns hits offset to
// offset+limit. Ranking (BM25, title weighted 4) runs inside FTS5 on row ids
// only; documents and snippets are read for the page alone.
func (s *Store) SearchPage(ctx context.Context, query string, offset, limit int) ([]store.SearchHit, error) {
	fq := ftsQuery(query)
	if fq == "" {
		return []store.SearchHit{}, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT rowid, rank FROM docs_fts WHERE docs_fts MATCH ? AND rank MATCH 'bm25(4.0, 1.0)'
		ORDER BY rank LIMIT ? OFFSET ?`, fq, limitOf(limit), offset)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	var seqs []any
	rank := map[int64]float64{}
	for rows.Next() {
		var seq int64
		var r float64
		if err := rows.Scan(&seq, &r); err != nil {
			rows.Close()
			return nil, err
		}
		seqs = append(seqs, seq)
		rank[seq] = -r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	out := []store.SearchHit{}
	if len(seqs) == 0 {
		return out, nil
	}
	args := append([]any{snippetOpen, snippetClose, fq}, seqs...)
	rows, err = s.db.QueryContext(ctx, `SELECT `+prefixCols("d.")+`, snippet(docs_fts, 1, ?, ?, ' … ', 24)
		FROM docs_fts JOIN documents d ON d.seq = docs_fts.rowid WHERE docs_fts MATCH ? AND docs_fts.rowid IN (`+placeholders(len(seqs))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	bySeq := map[int64]store.SearchHit{}
	for rows.Next() {
		var h store.SearchHit
		d, seq, err := scanDocWith(rows, &h.Snippet)
		if err != nil {
			return nil, err
		}
		d.Seq = seq
		h.Doc, h.Rank = d, rank[seq]
		bySeq[seq] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, seq := range seqs {
		if h, ok := bySeq[seq.(int64)]; ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// scanDocWith scans the document columns followed by one more column.
func scanDocWith(sc scanner, extra any) (model.Document, int64, error) {
	var d model.Document
	var seq, sim int64
	var meta string
	if err := sc.Scan(&seq, &d.ID, &d.Source, &d.URL, &d.Format, &d.Title, &d.Outlet, &d.Author, &d.Published, &d.PublishedBasis,
		&d.Language, &d.Words, &d.NearDuplicateOf, &sim, &meta, &d.IngestedAt, extra); err != nil {
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
// entity's documents a few at a time (in document-id order).
func (s *Store) EntityMentions(ctx context.Context, entity string, limit int) ([]model.Mention, error) {
	limit = limitOf(limit)
	out := []model.Mention{}
	after := ""
	for len(out) < limit {
		rows, err := s.db.QueryContext(ctx, "SELECT doc_id FROM entity_docs WHERE entity_id = ? AND doc_id > ? ORDER BY doc_id LIMIT 16", entity, after)
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
		if len(docs) < 16 {
			break
		}
		after = docs[len(docs)-1]
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
