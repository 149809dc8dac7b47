// Package nercheck holds no code: its test measures entity resolution with
// mentions from the real mention finder (internal/lang, alone and with the
// knowledge base's names as the pipeline runs it) rather than gold aliases,
// on the seed corpus and on resolve's held-out articles. It is a package of
// its own so that package resolve never depends on the recogniser, not even
// in its tests.
package nercheck
