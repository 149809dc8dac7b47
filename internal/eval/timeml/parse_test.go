package timeml

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

const sample = `<?xml version="1.0" ?>
<TimeML>
<DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
It's <EVENT eid="e1" class="OCCURRENCE">turning</EVENT> out to be a bad <TIMEX3 tid="t83" type="DURATION" value="P1W">week</TIMEX3> for Asia &amp; Europe. <TIMEX3 tid="t1" type="DATE" value="PRESENT_REF">Now</TIMEX3> prices fell <TIMEX3 tid="t2" type="DATE" value="1998-01-07">yesterday</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>`

func TestParse(t *testing.T) {
	doc, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if doc.DCT != "1998-01-08" {
		t.Errorf("DCT %q", doc.DCT)
	}
	want := []struct{ text, typ, value string }{
		{"week", "DURATION", "P1W"}, {"Now", "DATE", "PRESENT_REF"}, {"yesterday", "DATE", "1998-01-07"},
	}
	if len(doc.Timexes) != len(want) {
		t.Fatalf("%d timexes, want %d", len(doc.Timexes), len(want))
	}
	for k, w := range want {
		tx := doc.Timexes[k]
		if tx.Text != w.text || tx.Type != w.typ || tx.Value != w.value || doc.Text[tx.Start:tx.End] != w.text {
			t.Errorf("timex %d: %+v, want %+v", k, tx, w)
		}
	}
	if !strings.Contains(doc.Text, "Asia & Europe") {
		t.Errorf("entities not decoded: %q", doc.Text)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
	}{
		{"no text", `<TimeML><DCT><TIMEX3 value="1998-01-08" functionInDocument="CREATION_TIME">x</TIMEX3></DCT></TimeML>`, ErrNoText},
		{"no dct", `<TimeML><TEXT>hello</TEXT></TimeML>`, ErrNoDCT},
	}
	for _, c := range cases {
		if _, err := Parse(strings.NewReader(c.in)); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := Parse(strings.NewReader("<TimeML><TEXT>unclosed <b")); err == nil {
		t.Errorf("truncated XML: want an error")
	}
}

func TestScore(t *testing.T) {
	doc := Document{Name: "d", Text: "Now prices fell yesterday and last week.", Timexes: []Timex{
		{Start: 0, End: 3, Text: "Now", Value: "PRESENT_REF", Type: "DATE"},
		{Start: 16, End: 25, Text: "yesterday", Value: "1998-01-07", Type: "DATE"},
		{Start: 30, End: 39, Text: "last week", Value: "1998-W01", Type: "DATE"},
	}}
	sys := []Timex{
		{Start: 0, End: 3, Value: "PRESENT_REF", Type: "DATE"},  // strict, right value
		{Start: 16, End: 25, Value: "1998-01-06", Type: "DATE"}, // strict, wrong value
		{Start: 35, End: 39, Value: "1998-W01", Type: "DATE"},   // relaxed, right value
		{Start: 4, End: 10, Value: "P1D", Type: "DURATION"},     // spurious
	}
	var f Figures
	errs := Score(&f, doc, sys)
	f.finish()
	if f.Strict != 2 || f.Relaxed != 3 || f.ValueOK != 2 || f.System != 4 || f.Gold != 3 {
		t.Errorf("counts %+v", f)
	}
	if len(errs) != 2 {
		t.Errorf("%d errors, want 2 (one value, one spurious)", len(errs))
	}
	if f.ValueF1 < 0.57 || f.ValueF1 > 0.58 { // P 2/4, R 2/3
		t.Errorf("value F1 %.3f, want 0.571", f.ValueF1)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Add(`<TimeML><TEXT><TIMEX3 value="x">a<TIMEX3>b</TIMEX3></TIMEX3></TEXT></TimeML>`)
	f.Add(`<TEXT></TIMEX3>&bogus;<TIMEX3 type="DATE"></TEXT>`)
	f.Fuzz(func(t *testing.T, in string) {
		doc, err := Parse(strings.NewReader(in))
		if err != nil && !errors.Is(err, ErrNoDCT) {
			return
		}
		for _, tx := range doc.Timexes {
			if tx.Start < 0 || tx.End > len(doc.Text) || tx.Start >= tx.End || doc.Text[tx.Start:tx.End] != tx.Text {
				t.Fatalf("bad span %+v in %q", tx, doc.Text)
			}
		}
		if err == nil {
			Score(&Figures{}, doc, Tag(doc))
		}
	})
}

func TestReportJSON(t *testing.T) {
	var f Figures
	f.finish()
	b, err := json.Marshal(Report{Overall: f, Files: 3})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	o, _ := m["overall"].(map[string]any)
	for _, k := range []string{"strict_f1", "relaxed_f1", "value_f1", "precision", "recall"} {
		if _, ok := o[k]; !ok {
			t.Errorf("overall.%s missing in %s", k, b)
		}
	}
	if m["files"] != 3.0 {
		t.Errorf("files = %v", m["files"])
	}
}
