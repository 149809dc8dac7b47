package lang

import (
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

const sharedDir = "../../../shared"

// checkSpans asserts the offset invariant for every span of a Result.
func checkSpans(t *testing.T, text string, r Result) {
	t.Helper()
	checkTokenOffsets(t, text, r.Tokens)
	checkSentences(t, text, r.Tokens, r.Sentences)
	for _, s := range r.Sentences {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("sentence [%d,%d) out of range", s.Start, s.End)
		}
	}
	checkMentions(t, text, r.Mentions)
	for _, q := range r.Quantities {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End || text[q.Start:q.End] != q.Text {
			t.Fatalf("quantity %+v does not match text", q)
		}
	}
}

// checkMentions asserts the offset invariant of mentions, that they are in
// text order without overlaps, and that their types are known.
func checkMentions(t testing.TB, text string, ms []model.Mention) {
	t.Helper()
	end := 0
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
			t.Fatalf("mention %+v does not match text", m)
		}
		if m.Start < end {
			t.Fatalf("mention %+v overlaps the one before", m)
		}
		end = m.End
		switch m.Type {
		case model.Person, model.Org, model.Place, model.Misc:
		default:
			t.Fatalf("mention %+v has unknown type", m)
		}
	}
}
