package claims

import (
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

// quoteCase is one attribution pattern, with made-up names.
type quoteCase struct {
	name      string
	text      string
	opts      Options
	content   string // a substring the quote's text must contain
	kind      string
	speaker   string // a substring the speaker text must contain ("" = must be empty)
	anonymous bool
	media     bool
	none      bool // no quote may cover content
}

var quoteCases = []quoteCase{
	{name: "straight quote, speaker after", text: `"We will hold the bridge," Daniel Okafor said on Monday.`,
		content: "We will hold the bridge", kind: model.QuoteDirect, speaker: "Daniel Okafor"},
	{name: "curly quote, speaker before with colon", text: "Foreign Minister Laila Haddad told reporters: “The border stays closed until further notice.”",
		content: "The border stays closed", kind: model.QuoteDirect, speaker: "Laila Haddad"},
	{name: "inverted speaker after", text: "“The convoy never arrived,” said one police officer at the scene.",
		content: "The convoy never arrived", kind: model.QuoteDirect, speaker: "one police officer", anonymous: true},
	{name: "quote spanning sentences", text: "“We tried. We failed. We will try again next spring,” Maria Santos said.",
		content: "We tried. We failed. We will try again", kind: model.QuoteDirect, speaker: "Maria Santos"},
	{name: "pronoun resolved to the person before", text: "Maria Santos arrived in Lisbon on Monday. “The talks went well,” she said.",
		content: "The talks went well", kind: model.QuoteDirect, speaker: "Maria Santos"},
	{name: "title descriptor resolved to the person before", text: "General Viktor Orlov inspected the front line on Sunday. “Our men are ready,” the general said.",
		content: "Our men are ready", kind: model.QuoteDirect, speaker: "Viktor Orlov"},
	{name: "motto with possessive", text: "Colonel Ramon Ruiz rarely spoke to the press. His motto, ‘never retreat, never surrender’, was painted on every truck.",
		content: "never retreat, never surrender", kind: model.QuoteDirect, speaker: "Ramon Ruiz"},
	{name: "indirect with that, plural source", text: "Police officials said that three suspects were arrested near the port.",
		content: "three suspects were arrested", kind: model.QuoteIndirect, speaker: "Police officials", anonymous: true},
	{name: "indirect without that", text: "Mayor Ana Torres said the bridge would reopen in May.",
		content: "the bridge would reopen in May", kind: model.QuoteIndirect, speaker: "Ana Torres"},
	{name: "told an addressee", text: "A senior diplomat told the Baltic Herald the ceasefire had collapsed.",
		content: "the ceasefire had collapsed", kind: model.QuoteIndirect, speaker: "A senior diplomat", anonymous: true},
	{name: "credited X with Y", text: "The harbour master credited the coast guard with saving forty sailors.",
		content: "the coast guard with saving forty sailors", kind: model.QuoteIndirect, speaker: "The harbour master"},
	{name: "according to at the end", text: "The village was shelled overnight, according to local residents.",
		content: "The village was shelled overnight", kind: model.QuoteAccordingTo, speaker: "local residents", anonymous: true},
	{name: "according to an outlet at the start", text: "According to the Daily Herald, the mayor resigned on Friday.",
		content: "the mayor resigned on Friday", kind: model.QuoteAccordingTo, speaker: "Daily Herald", media: true},
	{name: "outlet reported that", text: "Coastal TV reported that the ferry sank near the island.",
		content: "the ferry sank near the island", kind: model.QuoteIndirect, speaker: "Coastal TV", media: true},
	{name: "as an outlet notes", text: "As the Northern Post notes, the vote was closer than expected.",
		content: "the vote was closer than expected", kind: model.QuoteAccordingTo, speaker: "Northern Post", media: true},
	{name: "trailing attribution", text: "Two soldiers were wounded in the ambush, military sources say.",
		content: "Two soldiers were wounded", kind: model.QuoteIndirect, speaker: "military sources", anonymous: true},
	{name: "named speaker with apposition", text: "Karim Nassar, a spokesman for the ministry, said the talks had failed.",
		content: "the talks had failed", kind: model.QuoteIndirect, speaker: "Karim Nassar"},
	{name: "speaker named in an aside", text: "One commander, who asked to be identified by his nickname, Abu Samir, said the assault began at dawn.",
		content: "the assault began at dawn", kind: model.QuoteIndirect, speaker: "Abu Samir"},
	{name: "verb of naming with a short quote", text: "Senator Mark Dillon hailed the pilot as a “true hero.”",
		content: "true hero", kind: model.QuoteDirect, speaker: "Mark Dillon"},
	{name: "scare quote is not a quote", text: "The so-called “peace plan” was rejected by both sides.",
		content: "peace plan", none: true},
	{name: "quote continued over paragraphs", text: "Prime Minister Jonas Berg said: \"The first phase is over.\n\n\"The second phase starts tomorrow.\"",
		content: "The second phase starts tomorrow", kind: model.QuoteDirect, speaker: "Jonas Berg"},
	{name: "outlet known only to the knowledge base", text: "Kompasu reported that the ferry sank near the island.",
		opts: Options{IsOutlet: func(n string) bool { return n == "Kompasu" }}, content: "the ferry sank", kind: model.QuoteIndirect, speaker: "Kompasu", media: true},
	{name: "relative clause source", text: "The network interviewed farmers living near the dam who say the water rose overnight.",
		content: "the water rose overnight", kind: model.QuoteIndirect, speaker: "farmers living near the dam", anonymous: true},
}

func TestQuotePatterns(t *testing.T) {
	for _, tc := range quoteCases {
		t.Run(tc.name, func(t *testing.T) {
			in := prepareTest("d", tc.text)
			qs := ExtractQuotes(in, tc.opts)
			checkOffsets(t, tc.text, qs)
			var got *model.Quote
			for i := range qs {
				if strings.Contains(qs[i].Text, tc.content) {
					got = &qs[i]
					break
				}
			}
			if tc.none {
				if got != nil {
					t.Fatalf("scare quote reported as %+v", *got)
				}
				return
			}
			if got == nil {
				t.Fatalf("no quote holding %q in %+v", tc.content, qs)
			}
			if got.Kind != tc.kind {
				t.Errorf("kind %q, want %q", got.Kind, tc.kind)
			}
			if !strings.Contains(got.Speaker.Text, tc.speaker) || tc.speaker == "" && got.Speaker.Text != "" {
				t.Errorf("speaker %q, want %q", got.Speaker.Text, tc.speaker)
			}
			if got.Speaker.Anonymous != tc.anonymous {
				t.Errorf("anonymous %v, want %v (speaker %q)", got.Speaker.Anonymous, tc.anonymous, got.Speaker.Text)
			}
			if got.Speaker.Media != tc.media {
				t.Errorf("media %v, want %v (speaker %q)", got.Speaker.Media, tc.media, got.Speaker.Text)
			}
		})
	}
}

// checkOffsets asserts the offsets invariant for quotes.
func checkOffsets(t testing.TB, text string, qs []model.Quote) {
	t.Helper()
	for _, q := range qs {
		if q.Start < 0 || q.End > len(text) || q.Start > q.End || text[q.Start:q.End] != q.Text {
			t.Fatalf("quote offsets [%d,%d) do not give its text %q", q.Start, q.End, q.Text)
		}
		if q.SpeakerEnd > 0 && (q.SpeakerStart < 0 || q.SpeakerEnd > len(text) || q.SpeakerStart > q.SpeakerEnd) {
			t.Fatalf("speaker offsets [%d,%d) out of range", q.SpeakerStart, q.SpeakerEnd)
		}
	}
}

func checkClaimOffsets(t testing.TB, text string, cs []model.Claim) {
	t.Helper()
	for _, c := range cs {
		if c.Start < 0 || c.End > len(text) || c.Start > c.End || text[c.Start:c.End] != c.Text {
			t.Fatalf("claim offsets [%d,%d) do not give its text %q", c.Start, c.End, c.Text)
		}
	}
}

func TestFindQuoteSpans(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{`He said "yes" and "no".`, []string{"yes", "no"}},
		{"Iran’s army wasn’t ready; ISIS’ ‘southern state.’ fell.", []string{"southern state."}},
		{"“Open quote runs to the paragraph end\n\nNext paragraph.", []string{"Open quote runs to the paragraph end"}},
		{"the ‘fearless’ general", []string{"fearless"}},
		{`stray 2014." mark`, nil},
		{"“outer ‘inner’ text”", []string{"outer ‘inner’ text", "inner"}},
	}
	for _, tc := range cases {
		spans := findQuoteSpans(tc.text, 1500)
		var got []string
		for _, s := range spans {
			got = append(got, tc.text[s.start:s.end])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: spans %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestFoldKeyAndSkeleton(t *testing.T) {
	cases := []struct{ in, key, skel string }{
		{"The Long War Journal", "long-war-journal", "lng-wr-jrnl"},
		{"Jurf al-Sakher", "jurf-sakher", "jrf-skr"},
		{"General Soleimani", "soleimani", "slmn"},
		{"Suleimani", "suleimani", "slmn"},
		{"Amrili", "amrili", "amrl"},
		{"Amerli", "amerli", "amrl"},
		{"Iran’s", "iran", "irn"},
		{"Qods Force", "qods-force", "kds-frk"},
		{"Quds Force", "quds-force", "kds-frk"},
	}
	for _, tc := range cases {
		if k := FoldKey(tc.in); k != tc.key {
			t.Errorf("FoldKey(%q) = %q, want %q", tc.in, k, tc.key)
		}
		if s := Skeleton(FoldKey(tc.in)); s != tc.skel {
			t.Errorf("Skeleton(%q) = %q, want %q", tc.in, s, tc.skel)
		}
	}
}
