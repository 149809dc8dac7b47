// Package clean owns turning one raw document into clean text and what it
// says about itself: main text from HTML, page furniture removed from plain
// text with a reason for every removed line, title, outlet, author, stated
// publication date (basis "metadata" or "text"), the language of the
// document and of each paragraph, and content keys and SimHash sketches for
// exact and near-duplicate detection. It refuses to read files, decode
// archives or feeds (ingest does), to infer dates from the text's relative
// expressions (timex does), or to touch the store: it takes bytes and
// returns values.
//
// Main text comes from go-trafilatura with its readability and DOM-distiller
// fallbacks, the best of the Go extractors on the article-extraction
// benchmark (see RESULTS.md); its tree is rendered here, with a blank line
// between paragraphs, because the library's own text output runs the
// paragraphs together. The furniture rules (lines.go) are written by hand:
// no library judges a plain-text line by its length, vocabulary, position
// and repetition, and the same rules clean what extractors let through.
// They use a small lexicon of interface words (lexicon.go), never whole
// sentences of any site. Language identification is whatlanggo's, behind a
// script check and an English function-word test that make it cheap; date
// lines, SimHash and its band keys are written here because each is a few
// dozen lines whose exact behaviour the rest of parallax depends on.
package clean
