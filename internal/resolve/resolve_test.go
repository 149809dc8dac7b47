package resolve_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve"
)

// doc builds a document whose mentions are the given "Text/TYPE" strings,
// found in order in the text (each mention's offsets point at its text).
func doc(t testing.TB, id, text string, mentions ...string) resolve.DocMentions {
	t.Helper()
	d := resolve.DocMentions{Doc: id, Text: text}
	from := 0
	for _, m := range mentions {
		i := strings.LastIndex(m, "/")
		surface, typ := m[:i], m[i+1:]
		j := strings.Index(text[from:], surface)
		if j < 0 {
			t.Fatalf("%s: mention %q not found after byte %d", id, surface, from)
		}
		start := from + j
		d.Mentions = append(d.Mentions, model.Mention{Doc: id, Start: start, End: start + len(surface), Text: surface, Type: typ})
		from = start + len(surface)
	}
	return d
}

// groups returns, for each mention text, the entity id it resolved to.
func groups(t testing.TB, docs []resolve.DocMentions, opts resolve.Options, ds ...resolve.Decision) (map[string]string, resolve.Result) {
	t.Helper()
	res, err := resolve.Resolve(docs, ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for i, d := range docs {
		for j, m := range d.Mentions {
			if d.Text != "" && d.Text[m.Start:m.End] != m.Text {
				t.Fatalf("offsets of %q do not match the text", m.Text)
			}
			key := d.Doc + ":" + m.Text
			if prev, ok := out[key]; ok && prev != res.MentionEntity[i][j] {
				t.Fatalf("%s resolved to both %s and %s", key, prev, res.MentionEntity[i][j])
			}
			out[key] = res.MentionEntity[i][j]
		}
	}
	return out, res
}

func noKB() resolve.Options {
	o := resolve.DefaultOptions()
	o.NoKB = true
	return o
}

// TestSameEntity lists mention sets that must resolve to one entity, and
// look-alike sets that must not.
func TestSameEntity(t *testing.T) {
	tests := []struct {
		name  string
		opts  resolve.Options
		docs  func(t testing.TB) []resolve.DocMentions
		same  [][]string // each inner list: "doc:Text" keys of one entity
		apart [][2]string
	}{
		{
			name: "titles and possessives within a document",
			opts: noKB(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{doc(t, "a",
					"Lieutenant General Qassem Soleimani arrived. General Soleimani spoke. Suleimani’s men cheered.",
					"Lieutenant General Qassem Soleimani/PERSON", "General Soleimani/PERSON", "Suleimani’s/PERSON")}
			},
			same: [][]string{{"a:Lieutenant General Qassem Soleimani", "a:General Soleimani", "a:Suleimani’s"}},
		},
		{
			name: "surname to full name within a document",
			opts: noKB(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{doc(t, "a", "Masoud Barzani said Iran helped. Barzani added more.",
					"Masoud Barzani/PERSON", "Iran/PLACE", "Barzani/PERSON")}
			},
			same:  [][]string{{"a:Masoud Barzani", "a:Barzani"}},
			apart: [][2]string{{"a:Barzani", "a:Iran"}},
		},
		{
			name: "acronyms defined in brackets",
			opts: noKB(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{doc(t, "a",
					"the Islamic State of Iraq and Syria (ISIS) and the Quds Force of Iran's Islamic Revolution Guards Corps (IRC) met ISIS.",
					"Islamic State of Iraq and Syria/ORG", "ISIS/ORG", "Quds Force/ORG", "Islamic Revolution Guards Corps/ORG", "IRC/ORG", "ISIS/ORG")}
			},
			same:  [][]string{{"a:Islamic State of Iraq and Syria", "a:ISIS"}, {"a:Islamic Revolution Guards Corps", "a:IRC"}},
			apart: [][2]string{{"a:Quds Force", "a:IRC"}, {"a:ISIS", "a:IRC"}},
		},
		{
			name: "a title written before the name, then used alone",
			opts: noKB(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{doc(t, "a",
					"a letter to Leader of the Islamic Revolution Ayatollah Seyyed Ali Khamenei. Later the Leader replied.",
					"Leader of the Islamic Revolution/PERSON", "Ayatollah Seyyed Ali Khamenei/PERSON", "the Leader/PERSON")}
			},
			same: [][]string{{"a:Leader of the Islamic Revolution", "a:Ayatollah Seyyed Ali Khamenei", "a:the Leader"}},
		},
		{
			name: "bracketed translation and a naming cue",
			opts: noKB(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{doc(t, "a",
					"the battle in Jaref al-Sakher [Rocky Cliff], which Iraqis now like to call Jaref al-Nasr [Victory Cliff]. Karbala (Iraq) was calm.",
					"Jaref al-Sakher/PLACE", "Rocky Cliff/PLACE", "Jaref al-Nasr/PLACE", "Victory Cliff/PLACE", "Karbala/PLACE", "Iraq/PLACE")}
			},
			same: [][]string{{"a:Jaref al-Sakher", "a:Rocky Cliff", "a:Jaref al-Nasr", "a:Victory Cliff"}},
		},
		{
			name: "transliterations across documents",
			opts: noKB(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{
					doc(t, "a", "Qassem Soleimani fought Daesh near Fallujah.", "Qassem Soleimani/PERSON", "Daesh/ORG", "Fallujah/PLACE"),
					doc(t, "b", "Qasem Suleimani fought Daish near Falljuah.", "Qasem Suleimani/PERSON", "Daish/ORG", "Falljuah/PLACE"),
					doc(t, "c", "Qasim Sulaimani fought Daisch.", "Qasim Sulaimani/PERSON", "Daisch/ORG"),
				}
			},
			same: [][]string{
				{"a:Qassem Soleimani", "b:Qasem Suleimani", "c:Qasim Sulaimani"},
				{"a:Daesh", "b:Daish", "c:Daisch"},
				{"a:Fallujah", "b:Falljuah"},
			},
		},
		{
			name: "look-alike people stay apart",
			opts: resolve.DefaultOptions(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{
					doc(t, "a", "Qassem Soleimani and Ismail Qaani", "Qassem Soleimani/PERSON", "Ismail Qaani/PERSON"),
					doc(t, "b", "Qasim al-Araji spoke; Qaani listened.", "Qasim al-Araji/PERSON", "Qaani/PERSON"),
					doc(t, "c", "Abu Bakr al-Baghdadi and Abu Omar al-Baghdadi in Baghdad", "Abu Bakr al-Baghdadi/PERSON", "Abu Omar al-Baghdadi/PERSON", "Baghdad/PLACE"),
					doc(t, "d", "Baghdadi fled Baghdad.", "Baghdadi/PLACE", "Baghdad/PLACE"),
				}
			},
			same: [][]string{{"a:Ismail Qaani", "b:Qaani"}, {"c:Baghdad", "d:Baghdad"}},
			apart: [][2]string{
				{"a:Qassem Soleimani", "a:Ismail Qaani"}, {"a:Qassem Soleimani", "b:Qasim al-Araji"},
				{"c:Abu Bakr al-Baghdadi", "c:Abu Omar al-Baghdadi"}, {"c:Baghdad", "c:Abu Bakr al-Baghdadi"},
				{"d:Baghdadi", "d:Baghdad"},
			},
		},
		{
			name: "look-alike organisations stay apart",
			opts: resolve.DefaultOptions(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{
					doc(t, "a", "Hezbollah and the Quds Force in Iran", "Hezbollah/ORG", "Quds Force/ORG", "Iran/PLACE"),
					doc(t, "b", "the Hezbollah Brigades and the IRGC in Iran", "Hezbollah Brigades/ORG", "IRGC/ORG", "Iran/PLACE"),
				}
			},
			same: [][]string{{"a:Iran", "b:Iran"}},
			apart: [][2]string{
				{"a:Hezbollah", "b:Hezbollah Brigades"}, {"a:Quds Force", "b:IRGC"}, {"b:IRGC", "b:Iran"},
			},
		},
		{
			name: "look-alikes apart without the knowledge base",
			opts: noKB(),
			docs: func(t testing.TB) []resolve.DocMentions {
				return []resolve.DocMentions{
					doc(t, "a", "Hezbollah fighters", "Hezbollah/ORG"),
					doc(t, "b", "the Hezbollah Brigades", "Hezbollah Brigades/ORG"),
					doc(t, "c", "Baghdadi in Baghdad", "Baghdadi/PERSON", "Baghdad/PLACE"),
					doc(t, "d", "Baghdad again", "Baghdad/PLACE"),
				}
			},
			apart: [][2]string{{"a:Hezbollah", "b:Hezbollah Brigades"}, {"c:Baghdadi", "d:Baghdad"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := tt.docs(t)
			got, res := groups(t, docs, tt.opts)
			for _, set := range tt.same {
				for _, k := range set[1:] {
					if got[k] == "" || got[k] != got[set[0]] {
						t.Errorf("%s → %q, %s → %q: want one entity\n%s", set[0], got[set[0]], k, got[k], dump(res))
					}
				}
			}
			for _, p := range tt.apart {
				if got[p[0]] == got[p[1]] {
					t.Errorf("%s and %s both → %q: want two entities", p[0], p[1], got[p[0]])
				}
			}
		})
	}
}

func dump(res resolve.Result) string {
	var b strings.Builder
	for _, e := range res.Entities {
		fmt.Fprintf(&b, "  %s %s %q %v\n", e.ID, e.Type, e.Name, e.Aliases)
	}
	return b.String()
}

func TestPlaces(t *testing.T) {
	tests := []struct {
		name, text string
		mentions   []string
		place      string // mention text
		wantID     string
		wantCC     string
	}{
		{"ambiguous name goes to the story's country", "Iraqi forces near Ramadi and Fallujah in Iraq.",
			[]string{"Ramadi/PLACE", "Fallujah/PLACE", "Iraq/PLACE"}, "Ramadi", "ramadi-iq", "IQ"},
		{"Tripoli in Lebanon", "Clashes in Tripoli, north of Beirut, Lebanon.",
			[]string{"Tripoli/PLACE", "Beirut/PLACE", "Lebanon/PLACE"}, "Tripoli", "", "LB"},
		{"Tripoli in Libya", "Clashes in Tripoli and Benghazi, Libya.",
			[]string{"Tripoli/PLACE", "Benghazi/PLACE", "Libya/PLACE"}, "Tripoli", "", "LY"},
		{"a province is the region", "Bukamal, located in Dayr al-Zawr Province",
			[]string{"Bukamal/PLACE", "Dayr al-Zawr Province/PLACE"}, "Dayr al-Zawr Province", "deir-ez-zor-sy-region", "SY"},
		{"misspelt place", "the battle of Falljuah in Iraq", []string{"Falljuah/PLACE", "Iraq/PLACE"}, "Falljuah", "fallujah", "IQ"},
		{"transposed letters", "Amrili city in Iraq", []string{"Amrili/PLACE", "Iraq/PLACE"}, "Amrili", "amirli", "IQ"},
		{"country name before a town called Iraq", "the war in Iraq", []string{"Iraq/PLACE"}, "Iraq", "iraq", "IQ"},
		{"mistyped country acronym", "the US and Iran", []string{"US/ORG", "Iran/PLACE"}, "US", "united-states", "US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(t, "a", tt.text, tt.mentions...)
			res, err := resolve.Resolve([]resolve.DocMentions{d}, nil, resolve.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			var id string
			for j, m := range d.Mentions {
				if m.Text == tt.place {
					id = res.MentionEntity[0][j]
				}
			}
			for _, e := range res.Entities {
				if e.ID != id {
					continue
				}
				if tt.wantID != "" && e.ID != tt.wantID {
					t.Errorf("%s → %s, want %s", tt.place, e.ID, tt.wantID)
				}
				if e.Country != tt.wantCC || e.Lat == nil {
					t.Errorf("%s → %s in %q (lat %v), want country %s with coordinates", tt.place, e.ID, e.Country, e.Lat, tt.wantCC)
				}
				return
			}
			t.Errorf("%s resolved to %q, not an entity", tt.place, id)
		})
	}
}

// TestDeterministic checks that ids and alias sets do not depend on the
// order documents arrive in.
func TestDeterministic(t *testing.T) {
	docs := []resolve.DocMentions{
		doc(t, "a", "Qassem Soleimani and Abu Zeinab in Amerli", "Qassem Soleimani/PERSON", "Abu Zeinab/PERSON", "Amerli/PLACE"),
		doc(t, "b", "Qasem Suleimani and Abu Zainab in Amirli", "Qasem Suleimani/PERSON", "Abu Zainab/PERSON", "Amirli/PLACE"),
		doc(t, "c", "Soleimani and Ahmad Abu Reesha", "Soleimani/PERSON", "Ahmad Abu Reesha/PERSON"),
		doc(t, "d", "Ahmed Abu Risha in Ramadi", "Ahmed Abu Risha/PERSON", "Ramadi/PLACE"),
	}
	for _, opts := range []resolve.Options{resolve.DefaultOptions(), noKB()} {
		a, err := resolve.Resolve(docs, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		rev := slices.Clone(docs)
		slices.Reverse(rev)
		b, err := resolve.Resolve(rev, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Entities, b.Entities) {
			t.Errorf("entities differ with document order (NoKB=%v):\n%s---\n%s", opts.NoKB, dump(a), dump(b))
		}
	}
}

// TestDecisionsSurviveReanalysis applies the same decisions to a first
// collection and to the collection grown by new documents (one of which
// makes another spelling of an entity more common): each decision still
// finds its entity and has the same effect.
func TestDecisionsSurviveReanalysis(t *testing.T) {
	first := []resolve.DocMentions{
		doc(t, "a", "Qassem Soleimani met Abu Zeinab. Qasim Solomon was there.", "Qassem Soleimani/PERSON", "Abu Zeinab/PERSON", "Qasim Solomon/PERSON"),
		doc(t, "b", "Abu Izrail and Ayyub al-Rubaie were filmed.", "Abu Izrail/PERSON", "Ayyub al-Rubaie/PERSON"),
		doc(t, "c", "the Fearless returned to Samarra", "the Fearless/MISC", "Samarra/PLACE"),
	}
	decisions := []resolve.Decision{
		{Kind: resolve.Split, Entity: "qassem-soleimani", Alias: "Qasim Solomon", Name: "Qasim Solomon"},
		{Kind: resolve.Merge, Entity: "Abu Izrail", Other: "Ayyub al-Rubaie"},
		{Kind: resolve.Rename, Entity: "abu-zeinab", Name: "Abu Zeinab (militia commander)"},
		{Kind: resolve.AddAlias, Entity: "Qassem Soleimani", Alias: "the Fearless"},
	}
	check := func(docs []resolve.DocMentions, label string) {
		got, res := groups(t, docs, resolve.DefaultOptions(), decisions...)
		if len(res.Skipped) > 0 {
			t.Errorf("%s: skipped %+v", label, res.Skipped)
		}
		if got["a:Qasim Solomon"] == got["a:Qassem Soleimani"] {
			t.Errorf("%s: split undone: Qasim Solomon still in %s", label, got["a:Qassem Soleimani"])
		}
		if got["b:Abu Izrail"] != got["b:Ayyub al-Rubaie"] {
			t.Errorf("%s: merge lost: %s vs %s", label, got["b:Abu Izrail"], got["b:Ayyub al-Rubaie"])
		}
		if got["c:the Fearless"] != got["a:Qassem Soleimani"] {
			t.Errorf("%s: alias lost: the Fearless → %s", label, got["c:the Fearless"])
		}
		for _, e := range res.Entities {
			if e.ID == got["a:Abu Zeinab"] && e.Name != "Abu Zeinab (militia commander)" {
				t.Errorf("%s: rename lost: %s is %q", label, e.ID, e.Name)
			}
		}
	}
	check(first, "first run")
	grown := append(slices.Clone(first),
		doc(t, "d", "Abu Zainab, Abu Zainab and Abu Izrael", "Abu Zainab/PERSON", "Abu Zainab/PERSON", "Abu Izrael/PERSON"),
		doc(t, "e", "Qasem Soleimani and Qasim Solomon", "Qasem Soleimani/PERSON", "Qasim Solomon/PERSON"),
	)
	check(grown, "after new documents")
}

func TestNoDocuments(t *testing.T) {
	if _, err := resolve.Resolve(nil, nil, resolve.DefaultOptions()); err == nil {
		t.Error("no error for no documents")
	}
}

func FuzzResolve(f *testing.F) {
	f.Add("Qassem Soleimani (IRGC) met Soleimani’s men in Amerli.", "Qassem Soleimani", "IRGC")
	f.Add("the Leader, Ali Khamenei", "the Leader", "Ali Khamenei")
	f.Add("\xff\xfe", "\xff", "x")
	f.Fuzz(func(t *testing.T, text, a, b string) {
		d := resolve.DocMentions{Doc: "f", Text: text}
		for _, s := range []string{a, b} {
			if i := strings.Index(text, s); i >= 0 && s != "" {
				d.Mentions = append(d.Mentions, model.Mention{Start: i, End: i + len(s), Text: s, Type: model.Person})
			}
		}
		d.Mentions = append(d.Mentions, model.Mention{Start: -5, End: 1 << 30, Text: a, Type: model.Org}) // bad offsets must not panic
		// the same strings as mentions of a removed line, with lines and
		// offsets that may be out of range
		d.Lines = []string{b}
		d.Aside = []resolve.AsideMention{
			{Line: 0, Mention: model.Mention{Start: 0, End: len(b), Text: b, Type: model.Person}},
			{Line: 3, Mention: model.Mention{Start: 2, End: 1, Text: a, Type: model.Place}},
			{Line: -1, Mention: model.Mention{Text: a, Type: model.Org}},
		}
		res, err := resolve.Resolve([]resolve.DocMentions{d}, nil, noKB())
		if err != nil {
			t.Fatal(err)
		}
		if len(res.MentionEntity[0]) != len(d.Mentions) || len(res.AsideEntity[0]) != len(d.Aside) {
			t.Fatal("ids not aligned with mentions")
		}
	})
}
