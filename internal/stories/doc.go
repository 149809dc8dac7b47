// Package stories owns the incremental grouping of documents into stories
// (one real-world news event reported by many outlets); it does not extract
// entities, dates or text itself beyond a fallback, and it never reclusters
// the whole corpus: each document is placed once, with a bounded amount of
// work, against state kept in an Index.
//
// # Method
//
// A document is a bag of content terms (lower-cased, Snowball-stemmed, stop
// words dropped, numbers kept: "23 pirates" and "26 pirates" differ) and a
// bag of entity keys (each name whole and word by word, so "Jamal Williams"
// meets a later bare "Williams"). Entity names come from the caller's
// recogniser (Input.Entities); without them, runs of capitalised words stand
// in, where a word in a weak position (sentence start, title-case headline,
// shouted text) counts only if the document also capitalises it
// mid-sentence. The headline and the lede (the first LeadSentences
// sentences) count extra: news says what happened first and puts background,
// often an earlier look-alike event, further down.
//
// A story is the running mean of its documents' length-normalised raw
// weights, pruned to the TopTerms / TopEntities heaviest keys (the squared
// norm of the dropped tail is kept so cosines stay those of the whole
// centroid). IDF is applied at comparison time from document frequencies
// counted incrementally in the Index, blended with a background of
// BackgroundDocs ordinary English documents (SUBTLEX-US word counts, embedded)
// so that weights mean the same in a corpus about one story as in a mixed
// stream, and the first documents of a stream are weighed sensibly.
//
// Similarity is the mean of the IDF-weighted cosines of terms and of entity
// keys (EntityWeight), times a factor that decays when publication dates lie
// more than DateGraceDays apart. A document joins its most similar candidate
// story when the similarity reaches JoinThreshold (PairThreshold when that
// story is a single document, a noisier partner), and starts a story
// otherwise.
//
// Blocking: candidates are the stories that share the most blocking keys (a
// document's or story's BlockTerms heaviest terms and BlockEntities heaviest
// entity keys) in the Index's inverted index, at most Candidates of them, so
// the cost of placing a document does not grow with the corpus.
//
// Consolidation keeps stories stable when documents arrive in another
// order: after each update the story is compared with its own candidates,
// and a fragment (at most MergeSmallDocs documents, typically a document
// that arrived before its story was recognisable) merges into it when their
// similarity reaches the stricter MergeThreshold and the fragment has no
// better match anywhere. Two established stories merge only above
// MergeLargeThreshold: stories that are merely alike are more often
// look-alike events (two DUI arrests of one team's players) than one event.
//
// # State
//
// StoryState is a plain JSON-serialisable value whose size is bounded by the
// options, not by the number of documents. Index is the narrow interface the
// package needs from storage (candidates by keys, put, absorb, document
// frequencies); MemoryIndex implements it in memory, and a database backs it
// with a story table, a key -> story table and a term -> df table.
//
// # Why by hand
//
// No Go library offers incremental (single-pass, persistable, blocked) event
// clustering; the usual libraries cluster a fixed matrix all at once. The
// tokeniser and the capitalisation fallback are a few dozen lines tuned to
// what clustering needs (not offsets), so they are written here rather than
// borrowed from internal/lang; stemming uses github.com/kljensen/snowball.
//
// Figures on the ECB+ dev set and the scaling benchmark are in RESULTS.md.
package stories
