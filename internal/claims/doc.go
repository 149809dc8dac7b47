// Package claims owns attribution and cross-source comparison: it finds who
// says what in one document (direct quotes, indirect speech, "according to"
// attributions, mottos), marks anonymous and media sources, reads claims
// normalised enough to compare across documents (who is credited for an
// event, counts, whether something happened, whether a place came out well
// or ruined, the text opposing a claim it reports), and finds the
// contradictions among them. It refuses to resolve entities, store anything
// or read outside input: it takes the clean text and what internal/lang
// found in it, and leaves speaker entity ids to the caller (Speaker.Entity
// stays empty; SpeakerStart/SpeakerEnd locate the name).
//
// The extractors are written by hand rather than taken from a library: the
// Go NLP libraries (prose, the sentences tokenizer) stop at tokens, tags and
// entities, and quote attribution systems (CoreNLP's QuoteAttributionAnnotator,
// the Stanford and spaCy-based attributors) need a parser and a JVM or
// Python runtime, which this offline single-binary tool cannot ship. Here a
// small closed vocabulary (reporting verbs, source nouns, outlet words)
// and shallow noun-phrase scans over the lang tokens do the job in linear
// time with no regular expressions.
//
// Offsets are byte offsets into Input.Text: text[q.Start:q.End] == q.Text
// for every quote, text[c.Start:c.End] == c.Text for every claim.
//
// Topics are "<kind>:..." keys built from FoldKey'd names so that documents
// can be compared without resolution; Contradictions re-keys them through
// ContradictionOptions.Canonical when resolved ids are known. A topic part
// starting with "~" (an unnamed object such as "~victory") and every
// "dispute:" topic compare only within one document.
package claims
