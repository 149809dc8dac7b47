// Package query owns the read side of parallax: the listings and detail views
// that the CLI prints and the web API serves, built once on store.Store so
// that a page and its JSON twin always say the same thing. It renders
// nothing; it never writes.
//
// Listings come in pages (Page) with an opaque next token, the way Datasette
// pages its tables. Views that would be slow through the plain Store methods
// on a large corpus (co-mentioned entities, outlet stance, entity rows without
// their document lists, ranked search pages) use an optional interface when
// the store has one (see optional.go; store/sqlite implements them in
// views.go) and fall back to the Store methods otherwise, so PostgreSQL gives
// the same answers, only slower.
//
// Everything here is written by hand: the views are specific to parallax's
// data model and no library has them.
package query
