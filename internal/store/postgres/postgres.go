package postgres

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parallaxhq/parallax/internal/store"
)

// Store is a store.Store on one PostgreSQL schema.
type Store struct {
	pool   *pgxpool.Pool
	schema string // first schema of search_path, "" when the server default is used
}

var _ store.Store = (*Store)(nil)

// migrationLockKey is the pg_advisory_xact_lock key every parallax process
// takes while it migrates, whatever its schema: migrations are short and
// rare, and one lock also serialises creating the shared unaccent extension.
const migrationLockKey int64 = 0x70617261_6c6c6178 // "parallax"

// maxTxAttempts bounds retries of a transaction that lost a deadlock or a
// serialization conflict to another writer.
const maxTxAttempts = 6

// Open connects to the database named by dsn (a postgres:// URL or a
// key=value string), creates the schema named first in its search_path
// parameter if missing, and migrates it to the current version. Several
// processes may Open the same database at once.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse %s: %w", redact(dsn), err)
	}
	if _, ok := cfg.ConnConfig.RuntimeParams["application_name"]; !ok {
		cfg.ConnConfig.RuntimeParams["application_name"] = "parallax"
	}
	schema, err := firstSchema(cfg.ConnConfig.RuntimeParams["search_path"])
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", redact(dsn), err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect %s: %w", redact(dsn), err)
	}
	s := &Store{pool: pool, schema: schema}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %s: %w", redact(dsn), err)
	}
	return s, nil
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations) }

// Schema returns the schema the store lives in ("" for the server default).
func (s *Store) Schema() string { return s.schema }

// Close closes every connection of the store.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// firstSchema returns the first schema named in a search_path value, folded
// as PostgreSQL folds identifiers, or "" when there is none of ours to create
// ("$user", empty).
func firstSchema(searchPath string) (string, error) {
	first, _, _ := strings.Cut(searchPath, ",")
	first = strings.TrimSpace(first)
	switch {
	case first == "" || first == "$user" || first == `"$user"`:
		return "", nil
	case strings.HasPrefix(first, `"`):
		if len(first) < 2 || !strings.HasSuffix(first, `"`) {
			return "", fmt.Errorf("search_path %q: unterminated quoted schema name", searchPath)
		}
		return strings.ReplaceAll(first[1:len(first)-1], `""`, `"`), nil
	default:
		// Unquoted identifiers fold to lower case (ASCII only, as the server does).
		return strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, first), nil
	}
}

// redact hides a password in a DSN for error messages.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		rest := dsn[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				return dsn[:i+3] + rest[:c] + ":***" + rest[at:]
			}
		}
		return dsn
	}
	if strings.Contains(dsn, "password") {
		return "(connection string)"
	}
	return dsn
}

func (s *Store) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLockKey); err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
		if s.schema != "" {
			// Look first: CREATE SCHEMA IF NOT EXISTS needs the CREATE
			// privilege even when the schema is there.
			var exists bool
			if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", s.schema).Scan(&exists); err != nil {
				return fmt.Errorf("look up schema %s: %w", s.schema, err)
			}
			if !exists {
				if _, err := tx.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{s.schema}.Sanitize()); err != nil {
					return fmt.Errorf("create schema %s: %w", s.schema, err)
				}
			}
		}
		// Our table is the one in the current schema (where unqualified
		// names are created). Look before creating it, so that a role allowed
		// only to read and write rows can open a schema an administrator
		// migrated, and refuse another tool's table of the same name.
		var cols int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM pg_attribute
			WHERE attrelid = to_regclass(quote_ident(current_schema()) || '.schema_migrations')
			AND attname IN ('version', 'name', 'applied_at') AND NOT attisdropped`).Scan(&cols); err != nil {
			return fmt.Errorf("look up schema_migrations: %w", err)
		}
		var other bool
		if cols == 0 {
			if err := tx.QueryRow(ctx, "SELECT to_regclass(quote_ident(current_schema()) || '.schema_migrations') IS NOT NULL").Scan(&other); err != nil {
				return fmt.Errorf("look up schema_migrations: %w", err)
			}
		}
		switch {
		case cols == 3:
		case cols == 0 && !other:
			if _, err := tx.Exec(ctx, `CREATE TABLE schema_migrations (
				version INTEGER PRIMARY KEY,
				name TEXT NOT NULL,
				applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
				return fmt.Errorf("schema_migrations: %w", err)
			}
		default:
			return errors.New("the schema already has a schema_migrations table of another tool: give parallax a schema of its own with ?search_path=NAME")
		}
		var v int
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&v); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if v > len(migrations) {
			return fmt.Errorf("database schema version %d is newer than this parallax (%d): upgrade parallax", v, len(migrations))
		}
		for i := v; i < len(migrations); i++ {
			if err := migrations[i].apply(ctx, tx); err != nil {
				return fmt.Errorf("migration %d (%s): %w", i+1, migrations[i].name, err)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", i+1, migrations[i].name); err != nil {
				return fmt.Errorf("migration %d: %w", i+1, err)
			}
		}
		return nil
	})
}

// inTx runs fn in a transaction, running it again from the start when the
// server aborted it to break a deadlock or a serialization conflict with
// another writer. fn must not keep state across attempts.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	for attempt := 1; ; attempt++ {
		err := pgx.BeginFunc(ctx, s.pool, fn)
		if err == nil || attempt >= maxTxAttempts || !retryable(err) {
			return err
		}
		// Back off with jitter so the two losers do not collide again.
		d := time.Duration(attempt*attempt)*5*time.Millisecond + rand.N(10*time.Millisecond)
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(d):
		}
	}
}

// sendBatch runs the statements queued by fill as one round trip. pgx sends
// a batch with a single Sync, so PostgreSQL runs it as one implicit
// transaction: all statements or none. Deadlocks and serialisation
// failures are retried like inTx's.
func (s *Store) sendBatch(ctx context.Context, fill func(b *pgx.Batch)) error {
	for attempt := 1; ; attempt++ {
		b := &pgx.Batch{}
		fill(b)
		err := s.pool.SendBatch(ctx, b).Close()
		if err == nil || attempt >= maxTxAttempts || !retryable(err) {
			return err
		}
		d := time.Duration(attempt*attempt)*5*time.Millisecond + rand.N(10*time.Millisecond)
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(d):
		}
	}
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40P01" || pgErr.Code == "40001")
}

// text makes a Go string storable in a PostgreSQL text column, which cannot
// hold NUL bytes: each becomes a space, so byte offsets into the text stay
// valid.
func text(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", " ")
}

func limitOf(n int) int {
	if n <= 0 {
		return store.DefaultLimit
	}
	return n
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }
