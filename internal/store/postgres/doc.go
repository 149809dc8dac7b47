// Package postgres implements store.Store on PostgreSQL (through
// github.com/jackc/pgx/v5 and its pool), for running parallax with several
// workers on several machines; it owns the SQL and the schema and refuses to
// know anything of how documents are analysed or distributed.
//
// # Same answers as SQLite
//
// Every method means what it means in store/sqlite, and both pass
// store/storetest. Text columns that are compared or sorted use the "C"
// collation so that ids, names and dates order byte-wise, as in SQLite,
// whatever the database's locale. Full-text search uses a tsvector column
// (title weighted A, text B) with a GIN index over a text search
// configuration of our own, parallax_fts: the simple parser and dictionary
// (lower-case, no stemming, no stop words, like FTS5's unicode61) plus
// accent folding through the unaccent extension when the server allows it.
// Before indexing, punctuation becomes spaces, so PostgreSQL's parser sees
// the same words FTS5 does ("example.com" is two words, "3.5" two numbers).
// Queries are rebuilt from the user's words by parseQuery rather than
// handed to websearch_to_tsquery, because the SQLite store's query language
// (phrases, OR, prefix*) must mean the same here and websearch_to_tsquery
// has no prefix search and reads a leading "-" as NOT. Snippets are cut in
// Go with FTS5's own window choice and [ ] marks, not by ts_headline, which
// re-parses raw text with PostgreSQL's tokenizer and so cannot mark a word
// inside "example.com" that the index matched; TestSearchMatchesSQLite
// checks hits and snippets against the SQLite store.
//
// # Several stores, several processes
//
// The search_path parameter of the URL (postgres://.../db?search_path=run42)
// selects the schema; Open creates it when missing. Migrations are versioned
// in a schema_migrations table and run in one transaction under a
// pg_advisory_xact_lock, so any number of workers may start at once.
//
// # Exactly once
//
// PutDocuments writes a whole batch in one transaction with INSERT ... ON
// CONFLICT DO NOTHING. Document ids are content hashes, so a document that
// arrives twice (a redelivered queue message, a worker killed after its
// commit but before its ack, two workers given copies of one article) is
// stored once and only its extra source is remembered. Rows are written in
// key order so that concurrent overlapping batches wait for each other
// instead of deadlocking; a transaction the server aborts for a deadlock or
// serialization failure anyway is retried from the start.
//
// # Differences worth knowing
//
//   - Seq is taken from a sequence before insert, so under concurrent
//     writers a smaller Seq can become visible after a larger one: a reader
//     paging with DocFilter.After while workers are committing can miss a
//     document that commits late. Page again after ingestion settles.
//   - Only the first 128 Ki characters of a document's text are searchable
//     (a tsvector cannot exceed 1 MiB); the whole text is stored.
//   - PostgreSQL text cannot hold NUL bytes: each is stored as a space
//     (offsets stay valid). Invalid UTF-8 is refused with an error that
//     names the document.
package postgres
