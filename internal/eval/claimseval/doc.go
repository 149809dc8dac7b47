// Package claimseval scores quotes, contradictions and frames against a
// gold file in the eval/seeds/gold.json format: the share of gold quotes
// found and attributed to the right speaker (anonymous sources marked as
// such), the gold contradictions surfaced with both sides, and the sign of
// the stance for each gold (document, actor) pair. It owns the scoring
// only; it refuses to run the extractors, so `parallax eval seeds` can
// score whatever the pipeline stored.
//
// It is written here rather than taken from a library because the gold is
// this project's own format: quotes and contradiction sides are given as
// text, not offsets, so matching is by word overlap (the longest common
// word subsequence covering most of the gold text), and actors are gold
// entity ids matched to predicted frames through their aliases.
package claimseval
