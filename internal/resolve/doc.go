// Package resolve owns entity resolution: it turns the named-entity
// mentions of many documents into entities (one per real-world person,
// organisation or place however its name is spelt), links them to the
// offline knowledge base (package kb) and replays the analyst's curation
// decisions. It refuses to find mentions (that is internal/lang's job: it
// takes []model.Mention as given, noisy spans and wrong types included) and
// never touches storage.
//
// # Pipeline
//
// Resolve runs five steps, each linear in the number of mentions:
//
//  1. Each mention is read: quotes, brackets and a possessive are trimmed
//     ("Suleimani’s" → "Suleimani"), titles are split from the name
//     ("Lieutenant General Qassem Soleimani" → title "lieutenant general",
//     name "qassem soleimani"; "Supreme Leader of the Islamic Republic of Iran
//     Ayatollah Ali Khamenei" → "ali khamenei"), a title alone is a role
//     ("the Leader"), and region words are noted ("Dayr al-Zawr Province").
//     An organisation written with a generic head after it ("Tahrir al-Sham
//     fighters", "Popular Mobilization units") also lists the name without
//     it as an alias, a form the document uses. Mentions found in lines
//     cleaning removed (DocMentions.Aside: related-post titles, image
//     credits) are read the same way and count like the others, but have no
//     offsets into the clean text.
//  2. Within a document, mentions are grouped: one name key, one entity;
//     "Expansion (ACR)" and "Name [Translation]" in the text; titles written
//     before a name; naming cues ("which Iraqis now call Jaref al-Nasr",
//     "whose real name is", "X, or Y"; never a bare "X or Y", nor between
//     two names the knowledge base knows as different entries: "Iraq or
//     Syria"), each read within one line of text; short forms to the full name in the document
//     ("Barzani" → "Masoud Barzani", "ISIS" → "Islamic State of Iraq and
//     Syria"); roles to the person introduced with that title ("the Leader");
//     affiliations and generic heads ("Iraqi Popular Mobilization units" =
//     "Popular Mobilization"); and lone misspellings ("Falljuah").
//  3. Each document group is linked to the knowledge base: exactly by any of
//     its names' keys (with titles, without, without affiliation or generic
//     head, the head of an of-phrase: "Quds Force of the Iranian
//     Revolutionary Guards" → "quds force"), or approximately through the
//     skeleton index. Bare surnames match only weak aliases. Places are
//     linked last, after each document's countries are counted, so that an
//     ambiguous name goes to the country the story is about (see placeScore:
//     Ramadi in Iraq, not Yemen; Tripoli in Lebanon or Libya by its
//     neighbours).
//  4. Across documents, groups join when they link to one knowledge-base
//     entry, share an exact name, or are spellings of one name within a
//     blocking key; bare surnames and acronyms then join the one cluster
//     they can name. Two different knowledge-base entries, and a person
//     with a place, are never joined.
//  5. Decisions (merge, split, rename, alias add/remove) are replayed in
//     order, and ids are given: the knowledge-base id when linked, else a
//     slug of the canonical name. See Decision for how references survive
//     re-analysis.
//
// # Similarity
//
// Names are compared on phonetic codes (package translit). translit.Key
// folds a name to lowercase ASCII, drops the Arabic article and possessives
// and unifies "abd", "bin" and "abu" compounds; Phonetic then reads each word
// into symbols, with digraphs as one sound (sh, kh, gh, th, dh, zh/j) and
// vowels folded to the three Arabic and Persian classes (a; e/i/ee/ei/ai/ay;
// o/u/ou/oo/aw), doubled letters collapsed and a final h after a vowel
// dropped. Distance is a weighted optimal-string-alignment distance on those
// codes: a vowel edit costs 0.4 (0.8 at the end of a word), near consonants
// cost 0.3 (q/k/g/gh for qaf, t/th, d/dh, b/p, s/z) or 0.5 (s/sh, j/g),
// h/y/v inserted or dropped 0.5, two neighbours swapped 0.6, any other
// consonant 1. Similarity = 1 − distance / length of the longer code.
// Worked examples:
//
//	Soleimani / Suleimani / Sulaimani / Solemani   all "sulimani"   1.00
//	Qods / Quds                                    "quds"            1.00
//	Daesh / Daish / Daisch                         "diS"             1.00
//	Dayr al-Zawr / Deir ez-Zor                     "dirzur"          1.00
//	Qassem / Qasm          qasim / qasm:    one vowel dropped         0.92
//	Fallujah / Falljuah    faluJa / falJua: u and J swapped           0.90
//	Amirli / Amrili        amirli / amrili: i and r swapped           0.90
//	Baghdad / Baghdadi     baGdad / baGdadi: final vowel added        0.89, but see nisba
//	Soleimani / Solomon    sulimani / sulumun                         0.80 (the skeletons
//	                       agree, SLMN, which TokenSimilarity raises to 0.8)
//	Qassem / Qaani         qasim / qani                               0.60
//	Iran / Oman            iran / uman                                0.65
//
// Person names are compared word by word (translit.Align): each word of the
// shorter name must match, in order, a word of the longer at TokenMin (0.78)
// or more, with no unmatched word after the last match. So "Qasim Solomon"
// matches "Qassem Soleimani" (0.9 mean), "Soleimani" matches its last word,
// and "Qasim al-Araji" does not (araji finds no partner), nor "Ismail Qaani"
// (neither word does). Other names are compared whole, and only when they
// have as many words or one skeleton: "Hezbollah" never meets "Hezbollah
// Brigades". Across documents two unlinked spellings merge at NameMin (0.88),
// or at ContextNameMin (0.78) when their documents also link another entity
// in common; a name and the same name plus "-i" (the nisba: Baghdad /
// Baghdadi, Iraq / Iraqi) never merge. Look-alikes the knowledge base knows
// (Quds Force / IRGC, Iran / IRGC, Hezbollah / Kata'ib Hezbollah) are kept
// apart by their different entries.
//
// # Scale
//
// No step compares all pairs. Within a document, groups are compared with
// each other (a document has tens of names). Across documents, names are
// compared only inside blocks that share a key: the exact name key, the
// skeleton of the whole name (consonant classes, translit.Skeleton:
// Soleimani and Solomon are both SLMN), the skeleton of a person's surname,
// and an acronym's initials; and only distinct names are compared, at most
// MaxBlockNames per block. Knowledge-base lookups are cached per name key.
// BenchmarkResolve measures 25k to 200k mentions (RESULTS.md).
//
// The matching is written here rather than taken from a library: the
// string-distance and phonetic packages available for Go (Levenshtein,
// Jaro-Winkler, Soundex, Metaphone) are built for English spelling and
// neither fold Arabic and Persian transliteration variants together (q/k/gh,
// ou/u, ei/ay, the article) nor keep look-alikes such as Baghdad and
// Baghdadi apart.
package resolve
