// Package eventeval scores a timeline of events against a gold file (the
// eval/seeds/gold.json format): a gold event is found when some predicted
// event is on the timeline (dated), at the gold place (its name is one of
// the gold place's aliases) and at a time overlapping the gold range. It
// also reports split events (one gold event told as several), the gold
// documents the matching events cite, and whether the types agree. It owns
// the scoring only; it refuses to extract or merge events itself, so the
// CLI can score whatever the store holds (`parallax eval seeds`).
//
// Written here rather than taken from an event-coreference scorer (CoNLL,
// ECB+ scorers score mention clusters by span): the gold lists one entry
// per real-world event with a place entity and a date range, not spans.
package eventeval
