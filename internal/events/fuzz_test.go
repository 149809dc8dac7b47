package events

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/timex"
)

// fuzzInput analyses arbitrary text the cheap way: capitalised words are
// mentions whose type depends on their first letter, so that places,
// people and organisations all occur.
func fuzzInput(text string) Input {
	toks := lang.Tokenize(text)
	var ms []model.Mention
	kinds := []string{model.Place, model.Person, model.Org, model.Misc}
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if unicode.IsUpper(r) {
			ms = append(ms, model.Mention{Start: t.Start, End: t.End, Text: t.Text, Type: kinds[int(r)%len(kinds)]})
		}
	}
	anchor, _ := timex.ParseAnchor("2016-05-29")
	return Input{DocID: "f", Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks),
		Mentions: ms, Times: timex.Find(text, anchor), Published: "2016-05-29", PublishedRange: [2]string{"2016-05-20", "2016-06-10"}}
}

// FuzzExtract feeds arbitrary text (article text is outside input) through
// Extract and Merge: no panics, every span inside the text and equal to
// the text it claims.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Fighters retreated from the town of Tel Rifaat last week.",
		"In Amirli in August and in Samarra in June, he helped to drive the militants back.",
		"The city was under siege from June to the end of August 2014. They were able to break the siege.",
		"Soleimani was martyred in a January 3 drone strike as he arrived in Baghdad.",
		"The battle that took place there, in the region of Jaref, was liberated by the Popular Mobilization.",
		"Mosul fell.\n\nThe fall of\n\n(Mosul) in June",
		"",
		"siege siege siege of of of the the city city",
		"\xff\xfe broke the siege of \x00 Kobane",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		in := fuzzInput(text)
		ms := ExtractMentions(in, DefaultOptions())
		for _, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("sentence %d-%d outside text of %d bytes", m.Start, m.End, len(text))
			}
			if text[m.TriggerSpan.Start:m.TriggerSpan.End] != m.Trigger {
				t.Fatalf("trigger span %v != %q", m.TriggerSpan, m.Trigger)
			}
			if m.Place != "" && text[m.PlaceSpan.Start:m.PlaceSpan.End] != m.Place {
				t.Fatalf("place span %v != %q", m.PlaceSpan, m.Place)
			}
			if m.TimeSpan.Start < 0 || m.TimeSpan.End > len(text) || m.TimeSpan.Start > m.TimeSpan.End {
				t.Fatalf("time span %v outside text", m.TimeSpan)
			}
			if _, ok := types[m.Type]; !ok {
				t.Fatalf("unknown type %q", m.Type)
			}
		}
		var evs []model.EventMention
		for _, m := range ms {
			evs = append(evs, m.EventMention)
		}
		for _, ev := range Merge([]DocEvents{{Doc: "f", Text: text, Events: evs}}, DefaultMergeOptions()) {
			for _, e := range ev.Evidence {
				if text[e.Start:e.End] != e.Text {
					t.Fatalf("evidence %d-%d != %q", e.Start, e.End, e.Text)
				}
			}
			if ev.Summary == "" || ev.ID == "" || strings.ContainsAny(ev.ID, " \n") {
				t.Fatalf("bad event %+v", ev)
			}
		}
	})
}

// TestSeedSpans checks the offset invariant on every span the extractor
// emits for the seed articles, with the real tagger.
func TestSeedSpans(t *testing.T) {
	run := runSeeds(t)
	n := 0
	for _, in := range run.inputs {
		ms := ExtractMentions(in, DefaultOptions())
		checkSpans(t, in, ms)
		n += len(ms)
	}
	if n == 0 {
		t.Fatal("no mentions in the seeds")
	}
}
