package resolve_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
	"github.com/parallaxhq/parallax/internal/resolve"
)

// aside adds to d the mentions of a removed line, given as "Text/TYPE"
// found in order in the line.
func aside(t testing.TB, d resolve.DocMentions, line string, mentions ...string) resolve.DocMentions {
	t.Helper()
	li := len(d.Lines)
	d.Lines = append(d.Lines, line)
	from := 0
	for _, m := range mentions {
		i := strings.LastIndex(m, "/")
		surface, typ := m[:i], m[i+1:]
		j := strings.Index(line[from:], surface)
		if j < 0 {
			t.Fatalf("aside mention %q not in line %q", surface, line)
		}
		start := from + j
		d.Aside = append(d.Aside, resolve.AsideMention{Line: li, Mention: model.Mention{Start: start, End: start + len(surface), Text: surface, Type: typ}})
		from = start + len(surface)
	}
	return d
}

// TestAsideMentions checks that mentions in removed lines join the
// document's entities (aliases, counts, documents), are read with the cues
// of their own line only, and get entity ids of their own in AsideEntity.
func TestAsideMentions(t *testing.T) {
	a := doc(t, "a", "Colonel Tomas Varga led the Andean Guard.", "Colonel Tomas Varga/PERSON", "Andean Guard/ORG")
	a = aside(t, a, "Varga visits the Andean Guard (AG) in Kivanga", "Varga/PERSON", "Andean Guard/ORG", "AG/ORG", "Kivanga/PLACE")
	a = aside(t, a, "Inés Kadri, Guard founder, dies", "Inés Kadri/PERSON", "Guard/ORG")
	b := doc(t, "b", "Nothing here names Varga's guard.", "Varga/PERSON")
	res, err := resolve.Resolve([]resolve.DocMentions{a, b}, nil, noKB())
	if err != nil {
		t.Fatal(err)
	}
	byAlias := map[string]model.Entity{}
	for _, e := range res.Entities {
		for _, al := range e.Aliases {
			byAlias[al.Text] = e
		}
	}
	varga := byAlias["Colonel Tomas Varga"]
	if byAlias["Varga"].ID != varga.ID {
		t.Errorf("aside short form Varga not joined to Colonel Tomas Varga: %+v", res.Entities)
	}
	if varga.Mentions != 3 || !slices.Equal(varga.Docs, []string{"a", "b"}) {
		t.Errorf("Varga: %d mentions in %v, want 3 in [a b]", varga.Mentions, varga.Docs)
	}
	if byAlias["AG"].ID != byAlias["Andean Guard"].ID {
		t.Errorf("acronym in brackets within an aside line not read")
	}
	if byAlias["Kivanga"].ID == "" || byAlias["Kivanga"].Docs[0] != "a" {
		t.Errorf("a name only in an aside line must still be an entity of its document")
	}
	if len(res.AsideEntity) != 2 || len(res.AsideEntity[0]) != len(a.Aside) || res.AsideEntity[0][0] != varga.ID {
		t.Errorf("AsideEntity = %v", res.AsideEntity)
	}
	if len(res.MentionEntity[0]) != len(a.Mentions) {
		t.Errorf("MentionEntity covers aside mentions: %v", res.MentionEntity)
	}
	// without Lines the mentions still count, the cues are not read
	a.Lines = nil
	if _, err := resolve.Resolve([]resolve.DocMentions{a, b}, nil, noKB()); err != nil {
		t.Fatal(err)
	}
}
