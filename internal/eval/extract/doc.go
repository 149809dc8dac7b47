// Package extract owns the score of main-text extraction on the
// article-extraction benchmark (Scrapinghub's rule: multisets of 4-token
// shingles, per-page tp/fp/fn normalised to one, precision and recall averaged
// over pages, F1 of the means); it does not extract anything itself and knows
// nothing of any extractor beyond the function it is handed.
//
// The rule is re-implemented here rather than run from the benchmark's Python
// script because parallax must score offline, inside `parallax eval extract`,
// with no Python on the machine; the tests pin the edge cases of the original
// (texts of fewer than four tokens, empty texts, pages with nothing to find).
package extract
