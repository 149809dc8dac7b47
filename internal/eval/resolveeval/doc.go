// Package resolveeval scores entity resolution against a gold file (the
// eval/seeds/gold.json format): B-cubed precision, recall and F1 of entity
// clusters over the gold alias strings, merges of must_not_merge pairs, and
// gold places linked within 25 km. It owns the scoring only; it refuses to
// run the resolver itself, so the CLI can score whatever the store holds
// (`parallax eval resolve GOLD.json`).
//
// Scoring is written here rather than taken from a coreference scorer
// (CoNLL's reference scorer is Perl and scores mention spans): the gold
// lists alias strings, not spans, so the items are (gold entity, alias)
// pairs, each assigned to the predicted entity that lists the alias.
package resolveeval
