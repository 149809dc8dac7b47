package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// ReplaceEntities implements store.Store.
func (s *Store) ReplaceEntities(ctx context.Context, ents []model.Entity, mentionEntity map[string][]string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM entities", "DELETE FROM entity_names", "DELETE FROM entity_docs", "DELETE FROM doc_entities"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	insE, err := tx.PrepareContext(ctx, "INSERT INTO entities(id, name, type, mentions, data) VALUES (?,?,?,?,?)")
	if err != nil {
		return err
	}
	defer insE.Close()
	insN, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO entity_names(name, entity_id) VALUES (?,?)")
	if err != nil {
		return err
	}
	defer insN.Close()
	insD, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO entity_docs(entity_id, doc_id) VALUES (?,?)")
	if err != nil {
		return err
	}
	defer insD.Close()
	for _, e := range ents {
		data, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := insE.ExecContext(ctx, e.ID, e.Name, e.Type, e.Mentions, string(data)); err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
		if _, err := insN.ExecContext(ctx, strings.ToLower(e.Name), e.ID); err != nil {
			return err
		}
		for _, a := range e.Aliases {
			if _, err := insN.ExecContext(ctx, strings.ToLower(a.Text), e.ID); err != nil {
				return err
			}
		}
		for _, d := range e.Docs {
			if _, err := insD.ExecContext(ctx, e.ID, d); err != nil {
				return err
			}
		}
	}
	insM, err := tx.PrepareContext(ctx, "INSERT INTO doc_entities(doc_id, ids) VALUES (?, ?)")
	if err != nil {
		return err
	}
	defer insM.Close()
	for doc, ids := range mentionEntity {
		data, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		if _, err := insM.ExecContext(ctx, doc, string(data)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Entities implements store.Store.
func (s *Store) Entities(ctx context.Context, f store.EntityFilter) ([]model.Entity, error) {
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
	return queryJSON[model.Entity](ctx, s.db, q, args...)
}

// Entity implements store.Store.
func (s *Store) Entity(ctx context.Context, ref string) (model.Entity, error) {
	var e model.Entity
	ents, err := queryJSON[model.Entity](ctx, s.db, "SELECT data FROM entities WHERE id = ?", ref)
	if err != nil {
		return e, err
	}
	if len(ents) == 0 {
		ents, err = queryJSON[model.Entity](ctx, s.db, `SELECT data FROM entities WHERE id IN
			(SELECT entity_id FROM entity_names WHERE name = ?) ORDER BY mentions DESC LIMIT 1`, strings.ToLower(strings.TrimSpace(ref)))
		if err != nil {
			return e, err
		}
	}
	if len(ents) == 0 {
		return e, fmt.Errorf("entity %q: %w", ref, store.ErrNotFound)
	}
	return ents[0], nil
}

// Mentions implements store.Store.
func (s *Store) Mentions(ctx context.Context, entity string, limit int) ([]model.Mention, error) {
	limit = limitOf(limit)
	rows, err := s.db.QueryContext(ctx, `SELECT d.id FROM entity_docs e JOIN documents d ON d.id = e.doc_id
		WHERE e.entity_id = ? ORDER BY d.seq`, entity)
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
	out := []model.Mention{}
	for _, id := range docs {
		a, err := s.Analysis(ctx, id)
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
	return out, nil
}

// ReplaceEvents implements store.Store.
func (s *Store) ReplaceEvents(ctx context.Context, evs []model.Event) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM events", "DELETE FROM event_refs"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	for _, ev := range evs {
		data, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO events(id, start, data) VALUES (?,?,?)", ev.ID, ev.Time.Start, string(data)); err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
		refs := append(append([]string{ev.Place}, ev.Participants...), ev.Docs...)
		for _, r := range refs {
			if r == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO event_refs(event_id, ref) VALUES (?,?)", ev.ID, r); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]model.Event, error) {
	q := "SELECT id, start FROM events WHERE 1=1"
	var args []any
	for _, ref := range []string{f.Entity, f.Doc} {
		if ref != "" {
			q += " AND id IN (SELECT event_id FROM event_refs WHERE ref = ?)"
			args = append(args, ref)
		}
	}
	if f.Story != "" {
		q += " AND id IN (SELECT event_id FROM event_refs WHERE ref IN (SELECT doc_id FROM story_docs WHERE story_id = ?))"
		args = append(args, f.Story)
	}
	q += " ORDER BY start = '', start, id"
	if f.Limit > 0 {
		// Ordered and cut on (id, start) alone; the event blobs are read
		// for the kept ones only.
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	q = "SELECT e.data FROM (" + q + ") t JOIN events e ON e.id = t.id ORDER BY t.start = '', t.start, t.id"
	return queryJSON[model.Event](ctx, s.db, q, args...)
}

// StoryCandidates implements store.Store.
func (s *Store) StoryCandidates(ctx context.Context, keys []string, minShared, limit int) ([]store.StoryState, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	if minShared < 1 {
		minShared = 1
	}
	// One bounded index range per key (its most recent postings), counted
	// per story; the story blobs are read for the winners only.
	keys = distinct(keys)
	var b strings.Builder
	args := make([]any, 0, 2*len(keys)+2)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString("SELECT * FROM (SELECT story_id, updated FROM story_keys WHERE key = ? ORDER BY updated DESC LIMIT ?)")
		args = append(args, k, store.StoryKeyPostings)
	}
	args = append(args, minShared, limitOf(limit))
	rows, err := s.db.QueryContext(ctx, `WITH p(story_id, updated) AS (`+b.String()+`),
		top AS (SELECT story_id, count(*) AS n, max(updated) AS u FROM p GROUP BY story_id HAVING count(*) >= ?
			ORDER BY n DESC, u DESC, story_id LIMIT ?)
		SELECT st.id, st.data FROM top JOIN story_state st ON st.id = top.story_id ORDER BY top.n DESC, top.u DESC, st.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.StoryState
	for rows.Next() {
		var st store.StoryState
		if err := rows.Scan(&st.ID, &st.Data); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// distinct returns keys without repeats, in first-seen order.
func distinct(keys []string) []string {
	seen := make(map[string]bool, len(keys))
	out := keys[:0:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// AbsorbStory implements store.Store.
func (s *Store) AbsorbStory(ctx context.Context, from, into string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE story_docs SET story_id = ? WHERE story_id = ?", into, from); err != nil {
		return err
	}
	for _, q := range []string{"DELETE FROM story_state WHERE id = ?", "DELETE FROM story_keys WHERE story_id = ?", "DELETE FROM stories WHERE id = ?"} {
		if _, err := tx.ExecContext(ctx, q, from); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// docsCountedKey is the meta key under which CountKeys counts documents.
const docsCountedKey = "key_df_docs"

// CountKeys implements store.Store.
func (s *Store) CountKeys(ctx context.Context, keys []string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO key_df(key, n) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1")
	if err != nil {
		return err
	}
	defer stmt.Close()
	seen := make(map[string]bool, len(keys))
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		if _, err := stmt.ExecContext(ctx, k); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, '1')
		ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`, docsCountedKey); err != nil {
		return err
	}
	return tx.Commit()
}

// KeyFreqs implements store.Store.
func (s *Store) KeyFreqs(ctx context.Context, keys []string) (int, []int, error) {
	var docs int
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", docsCountedKey).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, nil, err
	}
	fmt.Sscan(v, &docs)
	df := make([]int, len(keys))
	if len(keys) == 0 {
		return docs, df, nil
	}
	pos := make(map[string][]int, len(keys))
	for i, k := range keys {
		pos[k] = append(pos[k], i)
	}
	for start := 0; start < len(keys); start += 500 {
		chunk := keys[start:min(len(keys), start+500)]
		ph := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		args := make([]any, len(chunk))
		for i, k := range chunk {
			args[i] = k
		}
		rows, err := s.db.QueryContext(ctx, "SELECT key, n FROM key_df WHERE key IN ("+ph+")", args...)
		if err != nil {
			return 0, nil, err
		}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				rows.Close()
				return 0, nil, err
			}
			for _, i := range pos[k] {
				df[i] = n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, nil, err
		}
	}
	return docs, df, nil
}

// PutStory implements store.Store.
func (s *Store) PutStory(ctx context.Context, st store.StoryState, docs []string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	data := st.Data
	if data == nil {
		data = []byte{}
	}
	var updated int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(updated), 0) + 1 FROM story_state").Scan(&updated); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO story_state(id, data, updated) VALUES (?, ?, ?)`, st.ID, data, updated); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM story_keys WHERE story_id = ?", st.ID); err != nil {
		return err
	}
	for _, k := range st.Keys {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO story_keys(key, story_id, updated) VALUES (?,?,?)", k, st.ID, updated); err != nil {
			return err
		}
	}
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO story_docs(doc_id, story_id) VALUES (?,?)", d, st.ID); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// StoryStates implements store.Store.
func (s *Store) StoryStates(ctx context.Context) ([]store.StoryState, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id, data FROM story_state ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.StoryState
	for rows.Next() {
		var st store.StoryState
		if err := rows.Scan(&st.ID, &st.Data); err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// StoryMembers implements store.Store.
func (s *Store) StoryMembers(ctx context.Context) (map[string][]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT sd.story_id, sd.doc_id FROM story_docs sd JOIN documents d ON d.id = sd.doc_id ORDER BY d.seq")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var st, doc string
		if err := rows.Scan(&st, &doc); err != nil {
			return nil, err
		}
		out[st] = append(out[st], doc)
	}
	return out, rows.Err()
}

// DeleteStory implements store.Store.
func (s *Store) DeleteStory(ctx context.Context, id string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM story_state WHERE id = ?", "DELETE FROM story_keys WHERE story_id = ?", "DELETE FROM story_docs WHERE story_id = ?", "DELETE FROM stories WHERE id = ?"} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ReplaceStories implements store.Store.
func (s *Store) ReplaceStories(ctx context.Context, stories []model.Story) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM stories"); err != nil {
		return err
	}
	for _, st := range stories {
		data, err := json.Marshal(st)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO stories(id, data, first) VALUES (?,?,?)", st.ID, string(data), st.First); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Stories implements store.Store.
func (s *Store) Stories(ctx context.Context) ([]model.Story, error) {
	return queryJSON[model.Story](ctx, s.db, "SELECT data FROM stories ORDER BY first, id")
}

// StoryPage lists limit stories from offset in the order of Stories (the
// query package's fast path for story listings).
func (s *Store) StoryPage(ctx context.Context, offset, limit int) ([]model.Story, error) {
	return queryJSON[model.Story](ctx, s.db, "SELECT data FROM stories ORDER BY first, id LIMIT ? OFFSET ?", limit, offset)
}

// ReplaceQuotes implements store.Store.
func (s *Store) ReplaceQuotes(ctx context.Context, qs []model.Quote) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM quotes"); err != nil {
		return err
	}
	idx := map[string]int{}
	for _, q := range qs {
		data, err := json.Marshal(q)
		if err != nil {
			return err
		}
		i := idx[q.Doc]
		idx[q.Doc] = i + 1
		if _, err := tx.ExecContext(ctx, "INSERT INTO quotes(doc_id, idx, kind, speaker_entity, data) VALUES (?,?,?,?,?)", q.Doc, i, q.Kind, q.Speaker.Entity, string(data)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Quotes implements store.Store.
func (s *Store) Quotes(ctx context.Context, f store.QuoteFilter) ([]model.Quote, error) {
	q := "SELECT q.data FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE 1=1"
	var args []any
	if f.Doc != "" {
		q += " AND q.doc_id = ?"
		args = append(args, f.Doc)
	}
	if f.Entity != "" {
		q += " AND q.speaker_entity = ?"
		args = append(args, f.Entity)
	}
	if f.Kind != "" {
		q += " AND q.kind = ?"
		args = append(args, f.Kind)
	}
	q += " ORDER BY d.seq, q.idx LIMIT ? OFFSET ?"
	args = append(args, limitOf(f.Limit), f.Offset)
	return queryJSON[model.Quote](ctx, s.db, q, args...)
}

// ReplaceContradictions implements store.Store.
func (s *Store) ReplaceContradictions(ctx context.Context, cs []model.Contradiction) error {
	return s.replaceJSON(ctx, "DELETE FROM contradictions", "INSERT INTO contradictions(seq, data) VALUES (?, ?)", len(cs), func(i int) ([]any, any) {
		return []any{i}, cs[i]
	})
}

// Contradictions implements store.Store.
func (s *Store) Contradictions(ctx context.Context) ([]model.Contradiction, error) {
	return queryJSON[model.Contradiction](ctx, s.db, "SELECT data FROM contradictions ORDER BY seq")
}

// EachContradictionContaining calls fn, in the order of Contradictions,
// with each contradiction whose stored JSON contains one of terms (ASCII
// letters matched without regard to case) until fn returns false: the
// query package's prefilter, which decodes only these.
func (s *Store) EachContradictionContaining(ctx context.Context, terms []string, fn func(model.Contradiction) bool) error {
	if len(terms) == 0 {
		return nil
	}
	var b strings.Builder
	args := make([]any, len(terms))
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteString(`data LIKE ? ESCAPE '\'`)
		args[i] = "%" + likeEscape(t) + "%"
	}
	rows, err := s.db.QueryContext(ctx, "SELECT data FROM contradictions WHERE "+b.String()+" ORDER BY seq", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return err
		}
		var c model.Contradiction
		if err := json.Unmarshal(data, &c); err != nil {
			return err
		}
		if !fn(c) {
			return nil
		}
	}
	return rows.Err()
}

// ReplaceFrames implements store.Store.
func (s *Store) ReplaceFrames(ctx context.Context, fs []model.Frame) error {
	return s.replaceJSON(ctx, "DELETE FROM frames", "INSERT OR REPLACE INTO frames(entity_id, doc_id, outlet, data) VALUES (?,?,?,?)", len(fs), func(i int) ([]any, any) {
		return []any{fs[i].Entity, fs[i].Doc, fs[i].Outlet}, fs[i]
	})
}

// Frames implements store.Store.
func (s *Store) Frames(ctx context.Context, f store.FrameFilter) ([]model.Frame, error) {
	q := "SELECT f.data FROM frames f JOIN documents d ON d.id = f.doc_id WHERE 1=1"
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
	q += " ORDER BY f.entity_id, d.seq"
	return queryJSON[model.Frame](ctx, s.db, q, args...)
}

// AddDecision implements store.Store.
func (s *Store) AddDecision(ctx context.Context, data []byte) (store.Decision, error) {
	d := store.Decision{Created: now(), Data: data}
	res, err := s.db.ExecContext(ctx, "INSERT INTO decisions(created, data) VALUES (?, ?)", d.Created, string(data))
	if err != nil {
		return d, err
	}
	d.Seq, err = res.LastInsertId()
	return d, err
}

// Decisions implements store.Store.
func (s *Store) Decisions(ctx context.Context) ([]store.Decision, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT seq, created, data FROM decisions ORDER BY seq")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Decision
	for rows.Next() {
		var d store.Decision
		var data string
		if err := rows.Scan(&d.Seq, &d.Created, &data); err != nil {
			return nil, err
		}
		d.Data = []byte(data)
		out = append(out, d)
	}
	return out, rows.Err()
}

// SetMeta implements store.Store.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", key, value)
	return err
}

// Meta implements store.Store.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (s *Store) replaceJSON(ctx context.Context, del, ins string, n int, row func(i int) ([]any, any)) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, del); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, ins)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := 0; i < n; i++ {
		args, v := row(i)
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, append(args, string(data))...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func queryJSON[T any](ctx context.Context, db *sql.DB, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var data string
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
