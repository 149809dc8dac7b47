// Package frames owns framing: how one document portrays each actor it
// names, as a stance from -1 to +1 with the loaded words and epithets that
// carry it. It refuses to resolve entities across documents or to store
// anything: the caller passes the document's clean text, the lang output,
// and optionally a mention -> entity key function; without one, mentions
// are grouped within the document (DefaultEntityKeys).
//
// Evaluative words come from two embedded lists: the VADER lexicon (built
// by `go generate` from the npm package vader-sentiment, see
// internal/genlexicon and NOTICE), scaled down, and a hand-written list
// of conflict-reporting terms with roles (data/news_terms.tsv): epithets
// ("henchmen", "peace champion"), words that judge whoever acts
// ("assassinated", "liberated") or undergoes ("martyred"), evaluations the
// text reports others making ("praised"), and general-lexicon words that
// in war news describe events, not actors ("killed" as a state, "war").
// Each word is attached to the actor it is said of by shallow patterns
// over tokens: predication ("X was a peace champion", "exposed as a paper
// tiger"), apposition ("Daesh, the world's most notorious terror group"),
// possession and compounds ("his terrorist henchmen", "ISIS militants"),
// modification ("the 'fearless' Qassem Suleimani"), the agent of a verb,
// and, damped, nearness. Negation flips and damps ("not invincible"),
// hedges turn praise into doubt ("the supposedly 'moderate' president"),
// and words inside an attributed quote are the speaker's, not the
// outlet's, so they are discounted.
//
// Written by hand rather than taken from a library: VADER and its Go ports
// score whole sentences, and targeted sentiment models need a parser or a
// neural runtime; here the target is the point, and the attachment rules
// run in linear time over the lang tokens.
package frames
