// Package timeml owns the TempEval-3 task A scorer behind `parallax eval
// time`: it reads TimeML files (the creation time in <DCT>, the text in
// <TEXT> with inline TIMEX3 tags), runs the timex tagger on the plain text
// anchored at the creation time, and reports extent F1 (strict and relaxed)
// and value F1. It refuses to tag or normalise anything itself.
//
// The parser is written on encoding/xml rather than a TimeML library because
// only the DCT and the TIMEX3 spans of <TEXT> are needed, with byte offsets
// into the plain text the tagger sees; no maintained Go TimeML library exists.
package timeml
