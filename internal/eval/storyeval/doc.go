// Package storyeval owns the scoring of story clusterings against a gold
// clustering (B-cubed and pairwise precision, recall and F1) and the readers
// for the story dev files; it does not cluster anything itself.
//
// B-cubed follows Bagga & Baldwin (1998): per item, precision is the share of
// its predicted cluster that shares its gold cluster, recall the share of its
// gold cluster that shares its predicted cluster, both averaged over items.
// Pairwise figures (as in Miranda et al., EMNLP 2018) count item pairs put
// in one cluster. A gold item the prediction lacks counts as a cluster of its
// own. The scorer is a few dozen lines, written here rather than imported so
// that the exact conventions (missing items, empty denominators) are the
// ones the dev set README states.
package storyeval
