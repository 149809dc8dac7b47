package events

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// rep builds one report: "type place start..end" ("" for no time,
// "..END" for before END), with optional agents and targets.
func rep(doc, typ, place, when string, roles ...string) DocEvents {
	m := model.EventMention{Doc: doc, Type: typ, Trigger: typ, Place: place, Start: 0, End: 0}
	switch {
	case strings.HasPrefix(when, ".."):
		m.Time = model.TimeValue{Value: "PAST_REF", End: when[2:]}
	case when != "":
		p := strings.SplitN(when, "..", 2)
		b, _ := parseDay(p[0])
		e, _ := parseDay(p[1])
		m.Time = model.TimeValue{Value: coarseValue(b, e), Start: p[0], End: p[1]}
	}
	for _, r := range roles {
		switch {
		case strings.HasPrefix(r, "agent:"):
			m.Agents = append(m.Agents, r[6:])
		case strings.HasPrefix(r, "target:"):
			m.Targets = append(m.Targets, r[7:])
		}
	}
	return DocEvents{Doc: doc, Events: []model.EventMention{m}}
}

func TestMergeRules(t *testing.T) {
	coords := map[string][2]float64{
		"kobane": {36.89, 38.35}, "ayn al-arab": {36.891, 38.352}, "jarabulus": {36.82, 38.01},
		"iraq": {33, 44}, "mosul": {36.34, 43.13},
	}
	opts := DefaultMergeOptions()
	opts.Coords = func(id string) (float64, float64, bool) {
		p, ok := coords[id]
		return p[0], p[1], ok
	}
	cases := []struct {
		name    string
		reports []DocEvents
		events  int    // events after merging
		first   string // summary of the first event, when given
	}{
		{"battle, liberation and retreat of one town in one week are one event", []DocEvents{
			rep("a", Battle, "Kobane", "2015-01-20..2015-01-26"),
			rep("b", Liberation, "Kobane", "2015-01-01..2015-01-31"),
			rep("c", Retreat, "kobane", "2015-01-19..2015-01-25"),
		}, 1, "Liberation of Kobane (2015-01-20/2015-01-25)"},
		{"fall and liberation of one town are two events even when times overlap", []DocEvents{
			rep("a", Fall, "Mosul", "2014-01-01..2014-12-31"),
			rep("b", Liberation, "Mosul", "2014-06-01..2014-06-30"),
		}, 2, ""},
		{"one type, one town, years apart: two events", []DocEvents{
			rep("a", Battle, "Mosul", "2014-06-01..2014-06-30"),
			rep("b", Battle, "Mosul", "2017-07-01..2017-07-31"),
		}, 2, "Battle of Mosul (2014-06)"},
		{"a coarse date joins the precise event it covers", []DocEvents{
			rep("a", Battle, "Mosul", "2017-07-01..2017-07-31"),
			rep("b", Liberation, "Mosul", "2017-01-01..2017-12-31"),
		}, 1, "Liberation of Mosul (2017-07)"},
		{"different towns: different events", []DocEvents{
			rep("a", Battle, "Kobane", "2015-01-01..2015-01-31"),
			rep("b", Battle, "Jarabulus", "2015-01-01..2015-01-31"),
		}, 2, ""},
		{"two spellings a few hundred metres apart are one place", []DocEvents{
			rep("a", Siege, "Kobane", "2014-10-01..2014-10-31"),
			rep("b", Siege, "Ayn al-Arab", "2014-10-01..2014-10-31"),
		}, 1, ""},
		{"a killing merges by its victim, whatever the place", []DocEvents{
			rep("a", Killing, "Baghdad", "2020-01-03..2020-01-03", "target:Qasem Soleimani", "agent:United States"),
			rep("b", Killing, "Iraq", "..2020-02-12", "target:Qasem Soleimani"),
			rep("c", Killing, "", "", "target:Qasem Soleimani", "agent:Trump"),
		}, 1, "Killing of Qasem Soleimani in Baghdad (2020-01-03)"},
		{"an undated report joins the event it can be", []DocEvents{
			rep("a", Battle, "Mosul", "2016-10-17..2016-10-17"),
			rep("b", Battle, "Mosul", "..2016-11-01"),
			rep("c", Battle, "Mosul", ""),
		}, 1, "Battle of Mosul (2016-10-17)"},
		{"a report before the event's start cannot be it", []DocEvents{
			rep("a", Battle, "Mosul", "2016-10-17..2016-10-17"),
			rep("b", Battle, "Mosul", "..2015-01-01"),
		}, 2, ""},
		{"undated reports of one town make one undated event", []DocEvents{
			rep("a", Attack, "Jarabulus", "..2016-01-01"),
			rep("b", Battle, "Jarabulus", "..2016-03-01"),
		}, 1, "Battle of Jarabulus (before 2016-01-01)"},
		{"nothing to place it: dropped", []DocEvents{
			rep("a", Battle, "", "2016-10-17..2016-10-17"),
			rep("b", Killing, "", "2016-10-17..2016-10-17", "agent:ISIS"),
		}, 0, ""},
		{"an undated report in a country: dropped", []DocEvents{
			rep("a", Battle, "Iraq", "..2016-01-01"),
		}, 0, ""},
		{"statements by one speaker at one time merge without a place", []DocEvents{
			rep("a", Statement, "", "2017-11-21..2017-11-21", "agent:Soleimani"),
			rep("b", Statement, "", "2017-11-01..2017-11-30", "agent:Soleimani"),
		}, 1, "Statement by Soleimani (2017-11-21)"},
		{"a statement and a battle are different events", []DocEvents{
			rep("a", Statement, "Mosul", "2017-07-10..2017-07-10", "agent:Abadi"),
			rep("b", Liberation, "Mosul", "2017-07-01..2017-07-31"),
		}, 2, ""},
		{"casualties belong to the battle, which names it", []DocEvents{
			rep("a", Killing, "Kobane", "2015-01-10..2015-01-10"),
			rep("b", Battle, "Kobane", "2015-01-01..2015-01-31"),
		}, 1, "Battle of Kobane (2015-01-10)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs := Merge(c.reports, opts)
			if len(evs) != c.events {
				var got []string
				for _, e := range evs {
					got = append(got, e.Summary)
				}
				t.Fatalf("%d events %q, want %d", len(evs), got, c.events)
			}
			if c.first != "" && evs[0].Summary != c.first {
				t.Errorf("summary %q, want %q", evs[0].Summary, c.first)
			}
			// the order of the input does not change the result
			rev := slices.Clone(c.reports)
			slices.Reverse(rev)
			again := Merge(rev, opts)
			if len(again) != len(evs) {
				t.Fatalf("reversed input gave %d events, want %d", len(again), len(evs))
			}
			for i := range evs {
				if again[i].ID != evs[i].ID || again[i].Summary != evs[i].Summary || !slices.Equal(again[i].Docs, evs[i].Docs) {
					t.Errorf("reversed input: %s %q %v, want %s %q %v", again[i].ID, again[i].Summary, again[i].Docs, evs[i].ID, evs[i].Summary, evs[i].Docs)
				}
			}
		})
	}
}

func TestMergeEvidenceAndParticipants(t *testing.T) {
	text := "Rebels retook Kobane. Kurdish fighters of the YPG liberated Kobane in January 2015."
	docs := []DocEvents{{Doc: "x", Text: text, Events: []model.EventMention{
		{Doc: "x", Type: Liberation, Trigger: "retook", Start: 0, End: 21, Place: "Kobane", Agents: []string{"Rebels"}, Time: model.TimeValue{Value: "PAST_REF", End: "2015-03-01"}},
		{Doc: "x", Type: Liberation, Trigger: "liberated", Start: 22, End: len(text), Place: "Kobane", Agents: []string{"YPG"}, Time: model.TimeValue{Value: "2015-01", Start: "2015-01-01", End: "2015-01-31"}},
	}}}
	ids := map[string]string{"kobane": "Q1", "ypg": "Q2"}
	opts := DefaultMergeOptions()
	opts.EntityOf = func(_, s string) string { return ids[strings.ToLower(s)] }
	opts.NameOf = func(id string) string { return map[string]string{"Q1": "Kobani"}[id] }
	evs := Merge(docs, opts)
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	if ev.Place != "Q1" || !slices.Equal(ev.Participants, []string{"Q2"}) || ev.Summary != "Liberation of Kobani (2015-01)" {
		t.Errorf("got %+v", ev)
	}
	if len(ev.Evidence) != 2 || ev.Evidence[0].Text != "Rebels retook Kobane." || ev.Evidence[1].Text != text[22:] {
		t.Errorf("evidence %+v", ev.Evidence)
	}
	if ev.Time != (model.TimeValue{Value: "2015-01", Start: "2015-01-01", End: "2015-01-31"}) {
		t.Errorf("time %+v", ev.Time)
	}
	// ids are stable from run to run
	if again := Merge(docs, opts); again[0].ID != ev.ID {
		t.Errorf("id changed: %s then %s", ev.ID, again[0].ID)
	}
}

func TestGeoJSONGolden(t *testing.T) {
	evs := Merge([]DocEvents{
		rep("a", Liberation, "Kobane", "2015-01-01..2015-01-31", "agent:YPG"),
		rep("b", Battle, "Kobane", "2015-01-20..2015-01-26"),
		rep("c", Fall, "Mosul", "2014-06-10..2014-06-10"),
		rep("d", Battle, "Nowhere", "2014-06-10..2014-06-10"), // no coordinates: left out
		rep("e", Battle, "Jarabulus", "..2016-01-01"),         // undated: left out
	}, DefaultMergeOptions())
	coords := func(id string) (float64, float64, bool) {
		p, ok := map[string][2]float64{"kobane": {36.89, 38.35}, "mosul": {36.34, 43.13}, "jarabulus": {36.82, 38.01}}[id]
		return p[0], p[1], ok
	}
	b, err := GeoJSON(evs, coords)
	if err != nil {
		t.Fatal(err)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	pretty.WriteByte('\n')
	golden := filepath.Join("testdata", "events.geojson")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(pretty.Bytes(), want) {
		t.Errorf("GeoJSON differs from %s (run with -update after checking):\n%s", golden, pretty.Bytes())
	}
	if _, err := GeoJSON(evs, func(string) (float64, float64, bool) { return 95, 0, true }); err == nil {
		t.Error("latitude 95 accepted")
	}
}
