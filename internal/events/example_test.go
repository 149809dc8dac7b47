package events_test

import (
	"fmt"
	"strings"

	"github.com/parallaxhq/parallax/internal/events"
	"github.com/parallaxhq/parallax/internal/lang"
	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/timex"
)

// input prepares one document the way the pipeline does, with its place
// names given (the pipeline takes them from lang.Analyze).
func input(doc, text, published string, places ...string) events.Input {
	toks := lang.Tokenize(text)
	var ms []model.Mention
	for _, p := range places {
		i := strings.Index(text, p)
		ms = append(ms, model.Mention{Start: i, End: i + len(p), Text: p, Type: model.Place})
	}
	anchor, _ := timex.ParseAnchor(published)
	return events.Input{DocID: doc, Text: text, Tokens: toks, Sentences: lang.SplitSentences(text, toks),
		Mentions: ms, Times: timex.Find(text, anchor), Published: published}
}

func ExampleExtract() {
	in := input("a", "Militants retreated from the town of Tel Rifaat last week.", "2019-03-14", "Tel Rifaat")
	for _, m := range events.Extract(in) {
		fmt.Println(m.Type, m.Trigger, m.Place, m.Time.Value, m.Time.Start, m.Time.End)
	}
	// Output: retreat retreated Tel Rifaat 2019-W10 2019-03-04 2019-03-10
}

func ExampleMerge() {
	a := input("a", "Militants retreated from the town of Tel Rifaat last week.", "2019-03-14", "Tel Rifaat")
	b := input("b", "The liberation of Tel Rifaat in March was a turning point.", "2019-04-02", "Tel Rifaat")
	evs := events.Merge([]events.DocEvents{
		{Doc: "a", Text: a.Text, Events: events.Extract(a)},
		{Doc: "b", Text: b.Text, Events: events.Extract(b)},
	}, events.DefaultMergeOptions())
	for _, ev := range evs {
		fmt.Println(ev.Summary, ev.Docs, len(ev.Evidence))
	}
	// Output: Liberation of Tel Rifaat (2019-W10) [a b] 2
}
