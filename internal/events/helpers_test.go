package events

import (
	"regexp"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/timex"
)

var markup = regexp.MustCompile(`\[(PERSON|ORG|PLACE|MISC) ([^\]]+)\]`)

// marked turns a sentence with names marked up ("[PLACE Kobane]") into an
// Input: the names become mentions of that type, tokens and sentences come
// from lang and temporal expressions from timex against the publication
// date. Tests mark names by hand so that they exercise the event rules,
// not the tagger.
func marked(t testing.TB, doc, src, published string) Input {
	t.Helper()
	var b strings.Builder
	var ms []model.Mention
	last := 0
	for _, m := range markup.FindAllStringSubmatchIndex(src, -1) {
		b.WriteString(src[last:m[0]])
		start := b.Len()
		name := src[m[4]:m[5]]
		b.WriteString(name)
		ms = append(ms, model.Mention{Start: start, End: b.Len(), Text: name, Type: src[m[2]:m[3]]})
		last = m[1]
	}
	b.WriteString(src[last:])
	text := b.String()
	anchor := timex.UnknownAnchor
	if published != "" {
		a, err := timex.ParseAnchor(published)
		if err != nil {
			t.Fatal(err)
		}
		anchor = a
	}
	toks := lang.Tokenize(text)
	return Input{
		DocID: doc, Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks),
		Mentions: ms, Times: timex.Find(text, anchor), Published: published,
	}
}

// checkSpans asserts the offset invariant on every span a mention carries.
func checkSpans(t *testing.T, in Input, ms []Mention) {
	t.Helper()
	for _, m := range ms {
		if m.Start < 0 || m.End > len(in.Text) || m.Start > m.End {
			t.Fatalf("sentence span %d-%d out of range", m.Start, m.End)
		}
		if got := in.Text[m.TriggerSpan.Start:m.TriggerSpan.End]; got != m.Trigger {
			t.Errorf("trigger span %v is %q, want %q", m.TriggerSpan, got, m.Trigger)
		}
		if m.TriggerSpan.Start < m.Start || m.TriggerSpan.End > m.End {
			t.Errorf("trigger %q outside its sentence", m.Trigger)
		}
		if m.Place != "" {
			if got := in.Text[m.PlaceSpan.Start:m.PlaceSpan.End]; got != m.Place {
				t.Errorf("place span %v is %q, want %q", m.PlaceSpan, got, m.Place)
			}
		} else if m.PlaceSpan != (model.Span{}) {
			t.Errorf("place span %v without a place", m.PlaceSpan)
		}
		if m.TimeSpan.End > len(in.Text) || m.TimeSpan.Start > m.TimeSpan.End {
			t.Errorf("time span %v out of range", m.TimeSpan)
		}
	}
}
