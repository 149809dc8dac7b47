package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// docMeta is the JSON column holding the document's less-queried fields (the
// same shape as the SQLite store's).
type docMeta struct {
	Removed        []model.RemovedLine `json:"removed,omitempty"`
	LangSpans      []model.LangSpan    `json:"lang_spans,omitempty"`
	PublishedRange [2]string           `json:"published_range,omitempty"`
	PublishedNote  string              `json:"published_note,omitempty"`
}

func metaOf(d *model.Document) (string, error) {
	b, err := json.Marshal(docMeta{Removed: d.Removed, LangSpans: d.LangSpans, PublishedRange: d.PublishedRange, PublishedNote: d.PublishedNote})
	return string(b), err
}

// PutDocuments implements store.Store. The batch is one transaction. Rows
// are inserted with ON CONFLICT DO NOTHING in id order (and sources in
// source order), so workers writing overlapping batches at once neither
// duplicate a document nor deadlock each other; a document another worker
// is inserting makes this one wait for its commit and then counts as
// already stored. Arrival order (Seq) follows the order of recs.
func (s *Store) PutDocuments(ctx context.Context, recs []store.DocumentRecord) (int, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	// The first record of each id is the one stored; every record's source is remembered.
	first := make([]int, 0, len(recs))
	seen := make(map[string]bool, len(recs))
	for i := range recs {
		d := &recs[i].Doc
		if d.ID == "" {
			return 0, fmt.Errorf("put document %s: empty id", d.Source)
		}
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) {
			return 0, fmt.Errorf("put document %s (%s): text is not valid UTF-8, which PostgreSQL cannot store", d.ID, d.Source)
		}
		if !seen[d.ID] {
			seen[d.ID] = true
			first = append(first, i)
		}
	}
	var added int
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		added = 0
		// Seq values in arrival order, allocated before the id-ordered insert.
		rows, err := tx.Query(ctx, "SELECT nextval(pg_get_serial_sequence('documents', 'seq')) FROM generate_series(1, $1)", len(first))
		if err != nil {
			return err
		}
		seqs, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return fmt.Errorf("allocate seq: %w", err)
		}
		order := slices.Clone(first)
		seqOf := make(map[int]int64, len(first))
		for k, i := range first {
			seqOf[i] = seqs[k]
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(recs[a].Doc.ID, recs[b].Doc.ID) })
		var c docColumns
		for _, i := range order {
			if err := c.add(seqOf[i], &recs[i].Doc); err != nil {
				return err
			}
		}
		rows, err = tx.Query(ctx, `INSERT INTO documents(seq, id, source, url, format, title, outlet, author, published,
			published_basis, language, words, near_duplicate_of, simhash, text, meta, ingested_at)
			SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
				$9::text[], $10::text[], $11::text[], $12::int[], $13::text[], $14::bigint[], $15::text[], $16::text[], $17::text[]) AS u(seq, id)
			ORDER BY u.id COLLATE "C"
			ON CONFLICT (id) DO NOTHING RETURNING id`,
			c.seq, c.id, c.source, c.url, c.format, c.title, c.outlet, c.author, c.published,
			c.basis, c.language, c.words, c.near, c.simhash, c.text, c.meta, c.ingested)
		if err != nil {
			return fmt.Errorf("insert documents: %w", err)
		}
		insertedIDs, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return fmt.Errorf("insert documents: %w", err)
		}
		inserted := make(map[string]bool, len(insertedIDs))
		for _, id := range insertedIDs {
			inserted[id] = true
		}
		added = len(insertedIDs)

		// Every record's source, in source order.
		srcOrder := make([]int, len(recs))
		for i := range srcOrder {
			srcOrder[i] = i
		}
		slices.SortStableFunc(srcOrder, func(a, b int) int { return strings.Compare(recs[a].Doc.Source, recs[b].Doc.Source) })
		srcs, srcDocs := make([]string, 0, len(recs)), make([]string, 0, len(recs))
		for _, i := range srcOrder {
			srcs = append(srcs, text(recs[i].Doc.Source))
			srcDocs = append(srcDocs, recs[i].Doc.ID)
		}
		b := &pgx.Batch{}
		b.Queue(`INSERT INTO doc_sources(source, doc_id) SELECT * FROM unnest($1::text[], $2::text[]) AS u(source) ORDER BY u.source COLLATE "C"
			ON CONFLICT (source) DO NOTHING`, srcs, srcDocs)
		var bands []int64
		var bandDocs []string
		var newRecs []int
		for _, i := range order {
			r := &recs[i]
			if !inserted[r.Doc.ID] {
				continue
			}
			newRecs = append(newRecs, i)
			for _, band := range r.Bands {
				bands = append(bands, int64(band))
				bandDocs = append(bandDocs, r.Doc.ID)
			}
		}
		if len(bands) > 0 {
			b.Queue(`INSERT INTO bands(band, doc_id) SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING`, bands, bandDocs)
		}
		ids := make([]string, len(newRecs))
		as := make([]*model.Analysis, len(newRecs))
		for k, i := range newRecs {
			ids[k], as[k] = recs[i].Doc.ID, &recs[i].Analysis
		}
		if err := queueAnalyses(b, ids, as); err != nil {
			return err
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return 0, fmt.Errorf("put %d documents (first %s): %w", len(recs), recs[0].Doc.Source, err)
	}
	return added, nil
}

// docColumns holds a batch of documents column by column, for unnest.
type docColumns struct {
	seq, simhash                                              []int64
	words                                                     []int32
	id, source, url, format, title, outlet, author, published []string
	basis, language, near, text, meta, ingested               []string
}

func (c *docColumns) add(seq int64, d *model.Document) error {
	meta, err := metaOf(d)
	if err != nil {
		return fmt.Errorf("document %s: %w", d.ID, err)
	}
	ingested := d.IngestedAt
	if ingested == "" {
		ingested = now()
	}
	c.seq = append(c.seq, seq)
	c.simhash = append(c.simhash, int64(d.SimHash))
	c.words = append(c.words, int32(d.Words))
	c.id = append(c.id, d.ID)
	c.source = append(c.source, text(d.Source))
	c.url = append(c.url, text(d.URL))
	c.format = append(c.format, text(d.Format))
	c.title = append(c.title, text(d.Title))
	c.outlet = append(c.outlet, text(d.Outlet))
	c.author = append(c.author, text(d.Author))
	c.published = append(c.published, text(d.Published))
	c.basis = append(c.basis, d.PublishedBasis)
	c.language = append(c.language, d.Language)
	c.near = append(c.near, d.NearDuplicateOf)
	c.text = append(c.text, text(d.Text))
	c.meta = append(c.meta, meta)
	c.ingested = append(c.ingested, ingested)
	return nil
}

// queueAnalyses queues the statements that (re)write the analyses of ids:
// the analysis JSON and its mentions and quotes tables.
func queueAnalyses(b *pgx.Batch, ids []string, as []*model.Analysis) error {
	if len(ids) == 0 {
		return nil
	}
	datas := make([][]byte, len(ids))
	var mDoc, mText, mType, mEnt []string
	var mIdx, mStart, mEnd []int32
	var qDoc, qKind, qSpeaker, qData []string
	var qIdx []int32
	for k, id := range ids {
		a := as[k]
		a.Doc = id
		data, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("analysis of %s: %w", id, err)
		}
		datas[k] = data
		for i, m := range a.Mentions {
			mDoc = append(mDoc, id)
			mIdx = append(mIdx, int32(i))
			mStart = append(mStart, int32(m.Start))
			mEnd = append(mEnd, int32(m.End))
			mText = append(mText, text(m.Text))
			mType = append(mType, text(m.Type))
			mEnt = append(mEnt, text(m.Entity))
		}
		for i, q := range a.Quotes {
			q.Doc = id
			data, err := json.Marshal(q)
			if err != nil {
				return fmt.Errorf("quote of %s: %w", id, err)
			}
			qDoc = append(qDoc, id)
			qIdx = append(qIdx, int32(i))
			qKind = append(qKind, text(q.Kind))
			qSpeaker = append(qSpeaker, text(q.Speaker.Entity))
			qData = append(qData, string(data))
		}
	}
	b.Queue(`INSERT INTO analyses(doc_id, data) SELECT * FROM unnest($1::text[], $2::bytea[])
		ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data`, ids, datas)
	b.Queue(`DELETE FROM mentions WHERE doc_id = ANY($1)`, ids)
	if len(mDoc) > 0 {
		b.Queue(`INSERT INTO mentions(doc_id, idx, start_off, end_off, text, type, entity_id)
			SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[])`,
			mDoc, mIdx, mStart, mEnd, mText, mType, mEnt)
	}
	b.Queue(`DELETE FROM quotes WHERE doc_id = ANY($1)`, ids)
	if len(qDoc) > 0 {
		b.Queue(`INSERT INTO quotes(doc_id, idx, kind, speaker_entity, data) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`,
			qDoc, qIdx, qKind, qSpeaker, qData)
	}
	return nil
}

// UpdateAnalysis implements store.Store.
func (s *Store) UpdateAnalysis(ctx context.Context, docs []model.Document, as []model.Analysis) error {
	if len(docs) != len(as) {
		return fmt.Errorf("update analysis: %d documents but %d analyses", len(docs), len(as))
	}
	if len(docs) == 0 {
		return nil
	}
	// Last one wins for a repeated id, as with row-by-row updates.
	last := map[string]int{}
	for i := range docs {
		last[docs[i].ID] = i
	}
	order := make([]int, 0, len(last))
	for _, i := range last {
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(docs[a].ID, docs[b].ID) })
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var ids, pub, basis, near, metas []string
		for _, i := range order {
			d := &docs[i]
			meta, err := metaOf(d)
			if err != nil {
				return err
			}
			ids = append(ids, d.ID)
			pub = append(pub, text(d.Published))
			basis = append(basis, d.PublishedBasis)
			near = append(near, d.NearDuplicateOf)
			metas = append(metas, meta)
		}
		b := &pgx.Batch{}
		b.Queue(`UPDATE documents d SET published = u.p, published_basis = u.b, near_duplicate_of = u.n, meta = u.m
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, p, b, n, m) WHERE d.id = u.id`,
			ids, pub, basis, near, metas)
		aps := make([]*model.Analysis, len(order))
		for k, i := range order {
			aps[k] = &as[i]
		}
		if err := queueAnalyses(b, ids, aps); err != nil {
			return err
		}
		return tx.SendBatch(ctx, b).Close()
	})
}

// HasDocument implements store.Store.
func (s *Store) HasDocument(ctx context.Context, id string) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1)", id).Scan(&ok)
	return ok, err
}

// AddSource implements store.Store.
func (s *Store) AddSource(ctx context.Context, id, source string) error {
	_, err := s.pool.Exec(ctx, "INSERT INTO doc_sources(source, doc_id) VALUES ($1, $2) ON CONFLICT (source) DO NOTHING", text(source), id)
	return err
}

const docCols = `seq, id, source, url, format, title, outlet, author, published, published_basis, language, words, near_duplicate_of, simhash, meta, ingested_at`

func prefixCols(p string) string {
	cols := strings.Split(docCols, ", ")
	for i := range cols {
		cols[i] = p + cols[i]
	}
	return strings.Join(cols, ", ")
}

// docDest returns scan destinations for docCols (and text) into d.
func docDest(d *model.Document, seq, sim *int64, meta *string, withText bool) []any {
	dest := []any{seq, &d.ID, &d.Source, &d.URL, &d.Format, &d.Title, &d.Outlet, &d.Author, &d.Published, &d.PublishedBasis,
		&d.Language, &d.Words, &d.NearDuplicateOf, sim, meta, &d.IngestedAt}
	if withText {
		dest = append(dest, &d.Text)
	}
	return dest
}

// finishDoc fills the fields kept in the meta column; removed lines and
// language spans only come with the text.
func finishDoc(d *model.Document, seq, sim int64, meta string, withText bool) {
	d.Seq = seq
	d.SimHash = uint64(sim)
	var m docMeta
	if json.Unmarshal([]byte(meta), &m) == nil {
		d.PublishedRange, d.PublishedNote = m.PublishedRange, m.PublishedNote
		if withText {
			d.Removed, d.LangSpans = m.Removed, m.LangSpans
		}
	}
}

func scanDoc(row pgx.Row, withText bool) (model.Document, error) {
	var d model.Document
	var seq, sim int64
	var meta string
	if err := row.Scan(docDest(&d, &seq, &sim, &meta, withText)...); err != nil {
		return d, err
	}
	finishDoc(&d, seq, sim, meta, withText)
	return d, nil
}

// queryDocs lists documents (without text). Seq is set only when withSeq:
// the SQLite store leaves it out of near-duplicate results, and a
// document's JSON must not depend on the back end.
func (s *Store) queryDocs(ctx context.Context, withSeq bool, q string, args ...any) ([]model.Document, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Document{}
	for rows.Next() {
		d, err := scanDoc(rows, false)
		if err != nil {
			return nil, err
		}
		if !withSeq {
			d.Seq = 0
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Document implements store.Store.
func (s *Store) Document(ctx context.Context, id string) (model.Document, error) {
	d, err := scanDoc(s.pool.QueryRow(ctx, "SELECT "+docCols+", text FROM documents WHERE id = $1", id), true)
	d.Seq = 0 // as in the SQLite store: a document's JSON must not depend on the back end
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
	}
	return d, err
}

// FindDocument implements store.Store: by id, extra source, URL, absolute
// path, id prefix (6+ hex digits), then path suffix at a separator.
func (s *Store) FindDocument(ctx context.Context, ref string) (model.Document, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.IndexByte(ref, 0) >= 0 || !utf8.ValidString(ref) {
		return model.Document{}, fmt.Errorf("document %q: %w", ref, store.ErrNotFound)
	}
	type lookup struct{ q, arg string }
	lookups := []lookup{
		{"SELECT id FROM documents WHERE id = $1", ref},
		{"SELECT doc_id FROM doc_sources WHERE source = $1", ref},
		{"SELECT id FROM documents WHERE url = $1 AND url <> '' ORDER BY seq LIMIT 2", ref},
	}
	if abs, err := filepath.Abs(ref); err == nil {
		lookups = append(lookups, lookup{"SELECT doc_id FROM doc_sources WHERE source = $1", abs})
	}
	// Prefixes are ranges in "C" order: [p, p || U+10FFFF) holds every id
	// starting with p, and unlike LIKE with a parameter it can use the index.
	if len(ref) >= 6 && isHex(ref) {
		lookups = append(lookups, lookup{`SELECT id FROM documents WHERE id >= $1 AND id < $1 || chr(1114111) AND starts_with(id, $1) ORDER BY id LIMIT 2`, ref})
	}
	// A bare file name or a path suffix: match at a path separator, as a
	// prefix of the reversed path. The same document under two matching
	// paths is one match, not an ambiguity.
	suffix := reverse("/" + strings.TrimPrefix(filepath.ToSlash(ref), "./"))
	lookups = append(lookups, lookup{`SELECT DISTINCT doc_id FROM doc_sources
		WHERE reverse(source) >= $1 AND reverse(source) < $1 || chr(1114111) AND starts_with(reverse(source), $1) LIMIT 2`, suffix})
	for _, l := range lookups {
		rows, err := s.pool.Query(ctx, l.q, l.arg)
		if err != nil {
			return model.Document{}, fmt.Errorf("find document %q: %w", ref, err)
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return model.Document{}, fmt.Errorf("find document %q: %w", ref, err)
		}
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

// reverse reverses s by characters, as PostgreSQL's reverse() does.
func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// Documents implements store.Store.
func (s *Store) Documents(ctx context.Context, f store.DocFilter) ([]model.Document, error) {
	q := "SELECT " + docCols + " FROM documents WHERE seq > $1"
	args := []any{f.After}
	if f.Outlet != "" {
		args = append(args, f.Outlet)
		q += fmt.Sprintf(" AND outlet = $%d", len(args))
	}
	if f.Story != "" {
		args = append(args, f.Story)
		q += fmt.Sprintf(" AND id IN (SELECT doc_id FROM story_docs WHERE story_id = $%d)", len(args))
	}
	if f.Entity != "" {
		args = append(args, f.Entity)
		q += fmt.Sprintf(" AND id IN (SELECT doc_id FROM entity_docs WHERE entity_id = $%d)", len(args))
	}
	args = append(args, limitOf(f.Limit))
	q += fmt.Sprintf(" ORDER BY seq LIMIT $%d", len(args))
	return s.queryDocs(ctx, true, q, args...)
}

// CountDocuments implements store.Store.
func (s *Store) CountDocuments(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, "SELECT count(*) FROM documents").Scan(&n)
	return n, err
}

// Analysis implements store.Store.
func (s *Store) Analysis(ctx context.Context, id string) (model.Analysis, error) {
	var a model.Analysis
	var data []byte
	err := s.pool.QueryRow(ctx, "SELECT data FROM analyses WHERE doc_id = $1", id).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return a, fmt.Errorf("analysis of %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return a, err
	}
	if err := json.Unmarshal(data, &a); err != nil {
		return a, fmt.Errorf("analysis of %q: %w", id, err)
	}
	// Mentions carry their resolved entity in the mentions table.
	rows, err := s.pool.Query(ctx, "SELECT idx, entity_id FROM mentions WHERE doc_id = $1", id)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var e string
		if err := rows.Scan(&i, &e); err != nil {
			return a, err
		}
		if i >= 0 && i < len(a.Mentions) {
			a.Mentions[i].Entity = e
		}
	}
	return a, rows.Err()
}

// eachPage is how many documents EachDocument reads per query.
const eachPage = 500

// EachDocument implements store.Store. It pages by seq, holding no
// transaction open while fn runs.
func (s *Store) EachDocument(ctx context.Context, fn func(model.Document, model.Analysis) error) error {
	var after int64
	type item struct {
		d model.Document
		a model.Analysis
	}
	items := make([]item, 0, eachPage)
	for {
		rows, err := s.pool.Query(ctx, "SELECT "+prefixCols("d.")+", d.text, a.data FROM documents d JOIN analyses a ON a.doc_id = d.id WHERE d.seq > $1 ORDER BY d.seq LIMIT $2", after, eachPage)
		if err != nil {
			return err
		}
		items = items[:0]
		for rows.Next() {
			var it item
			var seq, sim int64
			var meta string
			var data []byte
			if err := rows.Scan(append(docDest(&it.d, &seq, &sim, &meta, true), &data)...); err != nil {
				rows.Close()
				return err
			}
			finishDoc(&it.d, seq, sim, meta, true)
			if err := json.Unmarshal(data, &it.a); err != nil {
				rows.Close()
				return fmt.Errorf("analysis of %s: %w", it.d.ID, err)
			}
			items = append(items, it)
			after = seq
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, it := range items {
			if err := fn(it.d, it.a); err != nil {
				return err
			}
		}
		if len(items) < eachPage {
			return nil
		}
	}
}

// NearDuplicates implements store.Store.
func (s *Store) NearDuplicates(ctx context.Context, bands []uint64) ([]model.Document, error) {
	if len(bands) == 0 {
		return nil, nil
	}
	bs := make([]int64, len(bands))
	for i, b := range bands {
		bs[i] = int64(b)
	}
	return s.queryDocs(ctx, false, "SELECT "+docCols+" FROM documents WHERE id IN (SELECT doc_id FROM bands WHERE band = ANY($1)) ORDER BY seq LIMIT 50", bs)
}
