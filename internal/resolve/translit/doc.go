// Package translit owns the name keys that entity resolution and the
// knowledge base share: folding Latin-script names to ASCII, the lookup key
// (Key), the phonetic code of a word (Phonetic), its consonant skeleton for
// blocking (Skeleton), and the weighted distance between codes (Distance,
// Similarity, Align). It refuses any policy: which names are the same entity
// is decided by package resolve, with types and context.
//
// It is written by hand, without golang.org/x/text or a phonetic-matching
// library, for two reasons: the knowledge base's index is built with these
// keys at generation time, so they must not drift with a dependency, and no
// available algorithm treats the ways Arabic, Persian, Kurdish and Russian
// names are written in Latin script (q/k/g/gh for one letter, ou for u,
// ei/ay for one diphthong, the article al-/el-/ad-/as-) as one spelling.
// See the package resolve documentation for worked examples.
package translit
