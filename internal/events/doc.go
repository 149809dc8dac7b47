// Package events owns event mentions and events: it finds reports of
// battles, sieges, liberations, retreats, falls of towns, defences, air and
// drone strikes, killings, statements, visits and meetings in one document
// (Extract), with who, where and when read from the sentence and its
// neighbours, merges them across documents into events (Merge) and writes
// the dated, placed ones as GeoJSON (GeoJSON). It refuses to tokenise, tag
// names, resolve entities, geocode or store anything: tokens, sentences,
// mentions and temporal expressions come in from internal/lang and
// internal/timex, and entity ids and coordinates come in as functions from
// the caller, so the package never imports the store, the resolver or the
// knowledge base.
//
// The extractor is written by hand rather than taken from a library: the
// event extractors with trained models (ACE/ERE-style, GDELT's TABARI and
// PETRARCH) need parsers or Python and do not give byte offsets into our
// clean text; what the product needs is a fast, explainable rule set over a
// trigger lexicon (verbs and their nominalisations, inflected by simple
// rules in lexicon.go) with light syntax for places, times and roles, which
// runs at tens of megabytes a second on one core and can be read and tuned
// by an analyst. Merging is a greedy clustering inside blocks (same place,
// or same target for killings, same agent for statements), so it grows
// close to linearly with the number of mentions.
//
// Time is never made more precise than the text allows: a mention takes the
// temporal expression of its sentence (or of the previous sentence when the
// place is carried over from it), else the publication month for an event
// reported as under way, else only the bound "before publication"
// (PAST_REF), else nothing.
package events
