// Package ner owns the score of named-entity recognition on CoNLL-format
// files: entity-level precision, recall and F1, overall and per type, by
// the conlleval rule (an entity is right only when its span and type both
// match exactly), for parallax's recogniser and, in the same run and on the
// same sentences, for peer recognisers (jdkato/prose v2). It recognises
// nothing itself and never tunes anything.
//
// The conlleval rule is re-implemented here (a few dozen lines) rather than
// run from the original Perl script, because `parallax eval ner` must score
// offline with nothing but the Go binary; the tests pin its edge cases
// (I- tags that open an entity, entities that run to the sentence end,
// type changes inside a run).
//
// Peers are scored on the words of the file: each sentence is given to
// the peer as the words joined by spaces, and the peer's entities are
// mapped back to the words they cover (see prose.go for the label mapping).
// A peer that cannot produce a type (prose has no MISC) also gets an
// overall score restricted to the types it produces.
package ner
