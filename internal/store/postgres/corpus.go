package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/store"
)

// ReplaceEntities implements store.Store.
func (s *Store) ReplaceEntities(ctx context.Context, ents []model.Entity, mentionEntity map[string][]string) error {
	var ids, names, types, datas []string
	var counts []int32
	var nName, nEnt, dEnt, dDoc []string
	seenName := map[[2]string]bool{}
	seenDoc := map[[2]string]bool{}
	for _, e := range ents {
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("entity %s: %w", e.ID, err)
		}
		ids = append(ids, e.ID)
		names = append(names, text(e.Name))
		types = append(types, e.Type)
		counts = append(counts, int32(e.Mentions))
		datas = append(datas, string(data))
		for _, n := range append([]string{e.Name}, aliasTexts(e.Aliases)...) {
			k := [2]string{text(strings.ToLower(n)), e.ID}
			if !seenName[k] {
				seenName[k] = true
				nName, nEnt = append(nName, k[0]), append(nEnt, k[1])
			}
		}
		for _, d := range e.Docs {
			k := [2]string{e.ID, d}
			if !seenDoc[k] {
				seenDoc[k] = true
				dEnt, dDoc = append(dEnt, e.ID), append(dDoc, d)
			}
		}
	}
	var mDoc, mEnt []string
	var mIdx []int32
	for doc, es := range mentionEntity {
		for i, id := range es {
			if id != "" {
				mDoc, mIdx, mEnt = append(mDoc, doc), append(mIdx, int32(i)), append(mEnt, id)
			}
		}
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("DELETE FROM entities")
		b.Queue("DELETE FROM entity_names")
		b.Queue("DELETE FROM entity_docs")
		b.Queue("UPDATE mentions SET entity_id = '' WHERE entity_id <> ''")
		b.Queue(`INSERT INTO entities(id, name, type, mentions, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[])`,
			ids, names, types, counts, datas)
		b.Queue(`INSERT INTO entity_names(name, entity_id) SELECT * FROM unnest($1::text[], $2::text[])`, nName, nEnt)
		b.Queue(`INSERT INTO entity_docs(entity_id, doc_id) SELECT * FROM unnest($1::text[], $2::text[])`, dEnt, dDoc)
		b.Queue(`UPDATE mentions m SET entity_id = u.e FROM unnest($1::text[], $2::int[], $3::text[]) AS u(d, i, e)
			WHERE m.doc_id = u.d AND m.idx = u.i`, mDoc, mIdx, mEnt)
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("replace %d entities: %w", len(ents), err)
		}
		return nil
	})
}

func aliasTexts(as []model.Alias) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Text
	}
	return out
}

// Entities implements store.Store.
func (s *Store) Entities(ctx context.Context, f store.EntityFilter) ([]model.Entity, error) {
	q := "SELECT data FROM entities WHERE true"
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Type != "" {
		q += " AND type = " + arg(strings.ToUpper(f.Type))
	}
	if f.Query != "" {
		q += " AND id IN (SELECT entity_id FROM entity_names WHERE strpos(name, " + arg(text(strings.ToLower(f.Query))) + ") > 0)"
	}
	if f.Doc != "" {
		q += " AND id IN (SELECT entity_id FROM entity_docs WHERE doc_id = " + arg(f.Doc) + ")"
	}
	q += " ORDER BY mentions DESC, id LIMIT " + arg(limitOf(f.Limit)) + " OFFSET " + arg(max(f.Offset, 0))
	return queryJSON[model.Entity](ctx, s, q, args...)
}

// Entity implements store.Store.
func (s *Store) Entity(ctx context.Context, ref string) (model.Entity, error) {
	var e model.Entity
	ents, err := queryJSON[model.Entity](ctx, s, "SELECT data FROM entities WHERE id = $1", text(ref))
	if err != nil {
		return e, err
	}
	if len(ents) == 0 {
		ents, err = queryJSON[model.Entity](ctx, s, `SELECT data FROM entities WHERE id IN
			(SELECT entity_id FROM entity_names WHERE name = $1) ORDER BY mentions DESC, id LIMIT 1`, text(strings.ToLower(strings.TrimSpace(ref))))
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
	rows, err := s.pool.Query(ctx, "SELECT doc_id, start_off, end_off, text, type, entity_id FROM mentions WHERE entity_id = $1 ORDER BY doc_id, start_off LIMIT $2", text(entity), limitOf(limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []model.Mention{}
	for rows.Next() {
		var m model.Mention
		if err := rows.Scan(&m.Doc, &m.Start, &m.End, &m.Text, &m.Type, &m.Entity); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ReplaceEvents implements store.Store.
func (s *Store) ReplaceEvents(ctx context.Context, evs []model.Event) error {
	var ids, starts, datas, rEv, rRef []string
	seen := map[[2]string]bool{}
	for _, ev := range evs {
		data, err := json.Marshal(ev)
		if err != nil {
			return fmt.Errorf("event %s: %w", ev.ID, err)
		}
		ids, starts, datas = append(ids, ev.ID), append(starts, ev.Time.Start), append(datas, string(data))
		for _, r := range append(append([]string{ev.Place}, ev.Participants...), ev.Docs...) {
			k := [2]string{ev.ID, text(r)}
			if r != "" && !seen[k] {
				seen[k] = true
				rEv, rRef = append(rEv, k[0]), append(rRef, k[1])
			}
		}
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("DELETE FROM events")
		b.Queue("DELETE FROM event_refs")
		b.Queue(`INSERT INTO events(id, start, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, ids, starts, datas)
		b.Queue(`INSERT INTO event_refs(event_id, ref) SELECT * FROM unnest($1::text[], $2::text[])`, rEv, rRef)
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("replace %d events: %w", len(evs), err)
		}
		return nil
	})
}

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]model.Event, error) {
	q := "SELECT data FROM events WHERE true"
	var args []any
	for _, ref := range []string{f.Entity, f.Doc} {
		if ref != "" {
			args = append(args, text(ref))
			q += fmt.Sprintf(" AND id IN (SELECT event_id FROM event_refs WHERE ref = $%d)", len(args))
		}
	}
	if f.Story != "" {
		args = append(args, f.Story)
		q += fmt.Sprintf(" AND id IN (SELECT event_id FROM event_refs WHERE ref IN (SELECT doc_id FROM story_docs WHERE story_id = $%d))", len(args))
	}
	q += " ORDER BY start = '', start, id"
	if f.Limit > 0 {
		args = append(args, f.Limit)
		q += fmt.Sprintf(" LIMIT $%d", len(args))
	}
	return queryJSON[model.Event](ctx, s, q, args...)
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
	rows, err := s.pool.Query(ctx, `WITH top AS (
			SELECT p.story_id, count(*) AS n, max(p.updated) AS u
			FROM (SELECT DISTINCT unnest($1::text[]) AS key) k
			CROSS JOIN LATERAL (SELECT story_id, updated FROM story_keys WHERE key = k.key ORDER BY updated DESC LIMIT $4) p
			GROUP BY p.story_id HAVING count(*) >= $2 ORDER BY n DESC, u DESC, p.story_id LIMIT $3)
		SELECT st.id, st.data FROM top JOIN story_state st ON st.id = top.story_id ORDER BY top.n DESC, top.u DESC, st.id`,
		textAll(keys), minShared, limitOf(limit), store.StoryKeyPostings)
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

// AbsorbStory implements store.Store.
func (s *Store) AbsorbStory(ctx context.Context, from, into string) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("UPDATE story_docs SET story_id = $2 WHERE story_id = $1", from, into)
		for _, q := range []string{"DELETE FROM story_state WHERE id = $1", "DELETE FROM story_keys WHERE story_id = $1", "DELETE FROM stories WHERE id = $1"} {
			b.Queue(q, from)
		}
		return tx.SendBatch(ctx, b).Close()
	})
}

// CountKeys implements store.Store.
func (s *Store) CountKeys(ctx context.Context, keys []string) error {
	return s.sendBatch(ctx, func(b *pgx.Batch) {
		// Sorted, distinct keys: concurrent writers lock rows in one order.
		b.Queue(`INSERT INTO key_df(key, n) SELECT k, 1 FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) u
			ON CONFLICT (key) DO UPDATE SET n = key_df.n + 1`, textAll(keys))
		b.Queue("UPDATE key_docs SET n = n + 1 WHERE id = 1")
	})
}

// KeyFreqs implements store.Store.
func (s *Store) KeyFreqs(ctx context.Context, keys []string) (int, []int, error) {
	var docs int
	if err := s.pool.QueryRow(ctx, "SELECT n FROM key_docs WHERE id = 1").Scan(&docs); err != nil {
		return 0, nil, err
	}
	df := make([]int, len(keys))
	if len(keys) == 0 {
		return docs, df, nil
	}
	rows, err := s.pool.Query(ctx, "SELECT key, n FROM key_df WHERE key = ANY($1)", textAll(keys))
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	got := map[string]int{}
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return 0, nil, err
		}
		got[k] = n
	}
	for i, k := range keys {
		df[i] = got[text(k)]
	}
	return docs, df, rows.Err()
}

func textAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = text(s)
	}
	return out
}

// PutStory implements store.Store.
func (s *Store) PutStory(ctx context.Context, st store.StoryState, docs []string) error {
	data := st.Data
	if data == nil {
		data = []byte{}
	}
	err := s.sendBatch(ctx, func(b *pgx.Batch) {
		b.Queue(`INSERT INTO story_state(id, data, updated) VALUES ($1, $2, nextval('story_updated'))
			ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated = excluded.updated`, st.ID, data)
		b.Queue("DELETE FROM story_keys WHERE story_id = $1", st.ID)
		b.Queue(`INSERT INTO story_keys(key, story_id, updated) SELECT DISTINCT k, $2::text, (SELECT updated FROM story_state WHERE id = $2)
			FROM unnest($1::text[]) AS k`, textAll(st.Keys), st.ID)
		b.Queue(`INSERT INTO story_docs(doc_id, story_id) SELECT DISTINCT d, $2::text FROM unnest($1::text[]) AS d
			ON CONFLICT (doc_id) DO UPDATE SET story_id = excluded.story_id`, docs, st.ID)
	})
	if err != nil {
		return fmt.Errorf("put story %s: %w", st.ID, err)
	}
	return nil
}

// StoryStates implements store.Store.
func (s *Store) StoryStates(ctx context.Context) ([]store.StoryState, error) {
	rows, err := s.pool.Query(ctx, "SELECT id, data FROM story_state ORDER BY id")
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
	rows, err := s.pool.Query(ctx, "SELECT sd.story_id, sd.doc_id FROM story_docs sd JOIN documents d ON d.id = sd.doc_id ORDER BY d.seq")
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
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, q := range []string{"DELETE FROM story_state WHERE id = $1", "DELETE FROM story_keys WHERE story_id = $1",
			"DELETE FROM story_docs WHERE story_id = $1", "DELETE FROM stories WHERE id = $1"} {
			b.Queue(q, id)
		}
		return tx.SendBatch(ctx, b).Close()
	})
}

// ReplaceStories implements store.Store.
func (s *Store) ReplaceStories(ctx context.Context, stories []model.Story) error {
	var ids, firsts, datas []string
	for _, st := range stories {
		data, err := json.Marshal(st)
		if err != nil {
			return fmt.Errorf("story %s: %w", st.ID, err)
		}
		ids, firsts, datas = append(ids, st.ID), append(firsts, st.First), append(datas, string(data))
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("DELETE FROM stories")
		b.Queue(`INSERT INTO stories(id, first, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`, ids, firsts, datas)
		return tx.SendBatch(ctx, b).Close()
	})
}

// Stories implements store.Store.
func (s *Store) Stories(ctx context.Context) ([]model.Story, error) {
	return queryJSON[model.Story](ctx, s, "SELECT data FROM stories ORDER BY first, id")
}

// ReplaceQuotes implements store.Store.
func (s *Store) ReplaceQuotes(ctx context.Context, qs []model.Quote) error {
	var docs, kinds, speakers, datas []string
	var idxs []int32
	idx := map[string]int32{}
	for _, q := range qs {
		data, err := json.Marshal(q)
		if err != nil {
			return fmt.Errorf("quote of %s: %w", q.Doc, err)
		}
		i := idx[q.Doc]
		idx[q.Doc] = i + 1
		docs, idxs, kinds = append(docs, q.Doc), append(idxs, i), append(kinds, text(q.Kind))
		speakers, datas = append(speakers, text(q.Speaker.Entity)), append(datas, string(data))
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("DELETE FROM quotes")
		b.Queue(`INSERT INTO quotes(doc_id, idx, kind, speaker_entity, data) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`,
			docs, idxs, kinds, speakers, datas)
		return tx.SendBatch(ctx, b).Close()
	})
}

// Quotes implements store.Store.
func (s *Store) Quotes(ctx context.Context, f store.QuoteFilter) ([]model.Quote, error) {
	q := "SELECT q.data FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE true"
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Doc != "" {
		q += " AND q.doc_id = " + arg(f.Doc)
	}
	if f.Entity != "" {
		q += " AND q.speaker_entity = " + arg(text(f.Entity))
	}
	if f.Kind != "" {
		q += " AND q.kind = " + arg(text(f.Kind))
	}
	q += " ORDER BY d.seq, q.idx LIMIT " + arg(limitOf(f.Limit)) + " OFFSET " + arg(max(f.Offset, 0))
	return queryJSON[model.Quote](ctx, s, q, args...)
}

// ReplaceContradictions implements store.Store.
func (s *Store) ReplaceContradictions(ctx context.Context, cs []model.Contradiction) error {
	seqs := make([]int32, len(cs))
	datas := make([]string, len(cs))
	for i, c := range cs {
		data, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("contradiction %q: %w", c.Topic, err)
		}
		seqs[i], datas[i] = int32(i), string(data)
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("DELETE FROM contradictions")
		b.Queue(`INSERT INTO contradictions(seq, data) SELECT * FROM unnest($1::int[], $2::text[])`, seqs, datas)
		return tx.SendBatch(ctx, b).Close()
	})
}

// Contradictions implements store.Store.
func (s *Store) Contradictions(ctx context.Context) ([]model.Contradiction, error) {
	return queryJSON[model.Contradiction](ctx, s, "SELECT data FROM contradictions ORDER BY seq")
}

// ReplaceFrames implements store.Store. A repeated (entity, document) pair
// keeps the last frame, as SQLite's INSERT OR REPLACE does.
func (s *Store) ReplaceFrames(ctx context.Context, fs []model.Frame) error {
	last := map[[2]string]int{}
	for i, f := range fs {
		last[[2]string{f.Entity, f.Doc}] = i
	}
	var ents, docs, outlets, datas []string
	for i, f := range fs {
		if last[[2]string{f.Entity, f.Doc}] != i {
			continue
		}
		data, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("frame %s/%s: %w", f.Entity, f.Doc, err)
		}
		ents, docs, outlets, datas = append(ents, text(f.Entity)), append(docs, f.Doc), append(outlets, text(f.Outlet)), append(datas, string(data))
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		b.Queue("DELETE FROM frames")
		b.Queue(`INSERT INTO frames(entity_id, doc_id, outlet, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
			ents, docs, outlets, datas)
		return tx.SendBatch(ctx, b).Close()
	})
}

// Frames implements store.Store.
func (s *Store) Frames(ctx context.Context, f store.FrameFilter) ([]model.Frame, error) {
	q := "SELECT f.data FROM frames f JOIN documents d ON d.id = f.doc_id WHERE true"
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Entity != "" {
		q += " AND f.entity_id = " + arg(text(f.Entity))
	}
	if f.Doc != "" {
		q += " AND f.doc_id = " + arg(f.Doc)
	}
	if f.Outlet != "" {
		q += " AND f.outlet = " + arg(text(f.Outlet))
	}
	q += " ORDER BY f.entity_id, d.seq"
	return queryJSON[model.Frame](ctx, s, q, args...)
}

// AddDecision implements store.Store.
func (s *Store) AddDecision(ctx context.Context, data []byte) (store.Decision, error) {
	d := store.Decision{Created: now(), Data: data}
	err := s.pool.QueryRow(ctx, "INSERT INTO decisions(created, data) VALUES ($1, $2) RETURNING seq", d.Created, text(string(data))).Scan(&d.Seq)
	return d, err
}

// Decisions implements store.Store.
func (s *Store) Decisions(ctx context.Context) ([]store.Decision, error) {
	rows, err := s.pool.Query(ctx, "SELECT seq, created, data FROM decisions ORDER BY seq")
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
	_, err := s.pool.Exec(ctx, "INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", text(key), text(value))
	return err
}

// Meta implements store.Store.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.pool.QueryRow(ctx, "SELECT value FROM meta WHERE key = $1", text(key)).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func queryJSON[T any](ctx context.Context, s *Store, q string, args ...any) ([]T, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
