package resolve_test

import (
	"reflect"
	"testing"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/resolve"
)

// TestGroupsStandForText checks that resolving from the local entities
// LocalEntities found (DocMentions.Groups, no text, no lines) gives what
// resolving from the texts gives, with decisions replayed, so the
// pipeline can drop each text once its document is analysed.
func TestGroupsStandForText(t *testing.T) {
	if _, err := kb.Load(); err != nil {
		t.Fatal(err)
	}
	src := benchSource(t)
	a := doc(t, "aside", "Colonel Tomas Varga led the Andean Guard.", "Colonel Tomas Varga/PERSON", "Andean Guard/ORG")
	a = aside(t, a, "Varga visits the Andean Guard (AG) in Kivanga", "Varga/PERSON", "Andean Guard/ORG", "AG/ORG", "Kivanga/PLACE")
	docs := append(scaled(src, 4000), src...)
	docs = append(docs, a)
	decisions := []resolve.Decision{{Kind: resolve.Merge, Entity: "qassem-soleimani", Other: "Hadi al-Amiri"}, {Kind: resolve.Split, Entity: "qassem-soleimani", Alias: "Soleimani"}}
	want, err := resolve.Resolve(docs, decisions, resolve.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := resolve.NewResolver(resolve.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		g, err := resolve.LocalEntities(d, resolve.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if len(g) != len(d.Mentions)+len(d.Aside) {
			t.Fatalf("%s: %d groups for %d mentions", d.Doc, len(g), len(d.Mentions)+len(d.Aside))
		}
		d.Groups, d.Text, d.Lines = g, "", nil
		rs.Add(&d)
	}
	got, err := rs.Resolve(decisions)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("resolution from groups differs from resolution from texts")
	}
}
