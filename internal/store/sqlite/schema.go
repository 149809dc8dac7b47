package sqlite

// migrations are applied in order; the index+1 of a migration is its schema
// version, recorded in PRAGMA user_version. Never edit a released migration:
// append a new one.
var migrations = []string{
	// 1: documents, analyses, the entity of each mention, quotes, near-duplicate bands, full text.
	`
CREATE TABLE documents (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	id TEXT NOT NULL UNIQUE,
	source TEXT NOT NULL,
	url TEXT NOT NULL DEFAULT '',
	format TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	outlet TEXT NOT NULL DEFAULT '',
	author TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '',
	published_basis TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL DEFAULT '',
	words INTEGER NOT NULL DEFAULT 0,
	near_duplicate_of TEXT NOT NULL DEFAULT '',
	simhash INTEGER NOT NULL DEFAULT 0,
	text TEXT NOT NULL,
	meta TEXT NOT NULL DEFAULT '{}',
	ingested_at TEXT NOT NULL
);
CREATE INDEX documents_outlet ON documents(outlet);
CREATE INDEX documents_url ON documents(url) WHERE url <> '';
CREATE TABLE doc_sources (
	source TEXT PRIMARY KEY,
	doc_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX doc_sources_doc ON doc_sources(doc_id);
CREATE TABLE analyses (
	doc_id TEXT PRIMARY KEY,
	data BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE doc_entities (
	doc_id TEXT PRIMARY KEY,
	ids TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE quotes (
	doc_id TEXT NOT NULL,
	idx INTEGER NOT NULL,
	kind TEXT NOT NULL,
	speaker_entity TEXT NOT NULL DEFAULT '',
	data TEXT NOT NULL,
	PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker_entity);
CREATE TABLE bands (
	band INTEGER NOT NULL,
	doc_id TEXT NOT NULL,
	PRIMARY KEY (band, doc_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE docs_fts USING fts5(
	title, text,
	content='documents', content_rowid='seq',
	tokenize='unicode61 remove_diacritics 2'
);
`,
	// 2: corpus-wide results and curation.
	`
CREATE TABLE entities (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	type TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	data TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX entities_type ON entities(type, mentions);
CREATE TABLE entity_names (
	name TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	PRIMARY KEY (name, entity_id)
) WITHOUT ROWID;
CREATE TABLE entity_docs (
	entity_id TEXT NOT NULL,
	doc_id TEXT NOT NULL,
	PRIMARY KEY (entity_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX entity_docs_doc ON entity_docs(doc_id);
CREATE TABLE events (
	id TEXT PRIMARY KEY,
	start TEXT NOT NULL DEFAULT '',
	data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE event_refs (
	event_id TEXT NOT NULL,
	ref TEXT NOT NULL,
	PRIMARY KEY (ref, event_id)
) WITHOUT ROWID;
CREATE TABLE story_state (
	id TEXT PRIMARY KEY,
	data BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE story_keys (
	key TEXT NOT NULL,
	story_id TEXT NOT NULL,
	PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_story ON story_keys(story_id);
CREATE TABLE story_docs (
	doc_id TEXT PRIMARY KEY,
	story_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX story_docs_story ON story_docs(story_id);
CREATE TABLE stories (
	id TEXT PRIMARY KEY,
	data TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE contradictions (
	seq INTEGER PRIMARY KEY,
	data TEXT NOT NULL
);
CREATE TABLE frames (
	entity_id TEXT NOT NULL,
	doc_id TEXT NOT NULL,
	outlet TEXT NOT NULL,
	data TEXT NOT NULL,
	PRIMARY KEY (entity_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX frames_doc ON frames(doc_id);
CREATE TABLE decisions (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	created TEXT NOT NULL,
	data TEXT NOT NULL
);
CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
`,
	// 3: recency of stories and key document frequencies for story clustering.
	`
ALTER TABLE story_state ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE key_df (
	key TEXT PRIMARY KEY,
	n INTEGER NOT NULL
) WITHOUT ROWID;
`,
	// 4: story recency where lookups read it: on each key's postings (so a
	// lookup reads the most recent stories of a key off the index, without
	// the story blobs) and indexed on the states (the next recency is a
	// max over the index, not a scan).
	`
ALTER TABLE story_keys ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
UPDATE story_keys SET updated = coalesce((SELECT updated FROM story_state WHERE id = story_keys.story_id), 0);
CREATE INDEX story_keys_recent ON story_keys(key, updated DESC);
CREATE INDEX story_state_updated ON story_state(updated);
`,
	// 5: stories listed a page at a time in date order without reading
	// every story.
	`
ALTER TABLE stories ADD COLUMN first TEXT NOT NULL DEFAULT '';
UPDATE stories SET first = coalesce(json_extract(data, '$.first'), '');
CREATE INDEX stories_first ON stories(first, id);
`,
}
