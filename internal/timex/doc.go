// Package timex owns temporal expressions in English news text: it finds
// them, normalises them to TIMEX3 values relative to an anchor date (the
// publication date, or unknown), and infers a document's publication date
// from what its text says when the document carries none. It refuses to
// guess: an expression it cannot resolve keeps an empty value, and an
// inference reports the whole range the evidence allows.
//
// # Tagging
//
// Find and FindExprs tokenise the text (byte offsets kept exactly) and run
// hand-written rules over the tokens, in the tradition of HeidelTime: explicit
// word lists (months, weekdays, units, number words, seasons, parts of day)
// and one method per expression class (calendar dates, numeric dates,
// weekdays, years, decades and centuries, seasons, financial quarters,
// relative references, PRESENT_REF/PAST_REF/FUTURE_REF words, durations,
// sets, clock times). Every match becomes a Meaning that does not depend on
// the anchor, so expressions found without a date can be resolved again
// (Resolve) once the date is known. Yearless dates take their year from the
// anchor: the nearest such date when it lies within about ten weeks, else
// the one the tense of the sentence points to. "a year earlier" and "the
// year-ago quarter" refer to the last period the text mentioned.
//
// The rules are written by hand rather than taken from a library because no
// Go library normalises TIMEX3 values; HeidelTime and SUTime are Java
// programs with rule files that cannot be embedded in a static Go binary,
// and a learned tagger would need training data the project does not have
// beyond the TimeBank dev set, which is kept for measurement. Rules are also
// fast (no model) and every decision can be read and corrected.
//
// # Publication dates
//
// DateLine finds a date line under the title ("Jan 06 2021"). InferPublished
// ties relative expressions ("last week", "around 3 weeks ago", "the 40th
// day since ...") to a dated event named in the same sentence, taken from a
// small curated list of well-known news events of 2000-2025 (data/events.tsv,
// own work, CC0), matched through transliteration-tolerant consonant
// skeletons (Jurf al-Sakher = Jaref al-Sakher, Soleimani = Suleimani); it
// also uses events reported as under way and the latest dates mentioned as
// past as lower bounds. Conflicting evidence is settled by weight (finer
// units weigh more), and the result is a range, a point date and a note
// naming the evidence. PublicationDate combines the two.
package timex
