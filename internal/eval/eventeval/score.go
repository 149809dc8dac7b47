package eventeval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/parallaxhq/parallax/internal/model"
)

// Sentinel errors.
var (
	ErrNoEvents = errors.New("gold file has no events")
	ErrBadDate  = errors.New("bad gold date")
)

// Gold is the part of a gold file the scorer reads.
type Gold struct {
	Entities []GoldEntity `json:"entities"`
	Events   []GoldEvent  `json:"events"`
}

// GoldEntity is an entity with every surface form the corpus uses.
type GoldEntity struct {
	ID        string   `json:"id"`
	Type      string   `json:"type"`
	Canonical string   `json:"canonical"`
	Aliases   []string `json:"aliases"`
}

// GoldEvent is one real-world event: its type in words, the place entity
// id, the date range it lies in (each end YYYY, YYYY-MM or YYYY-MM-DD) and
// the documents that report it.
type GoldEvent struct {
	ID           string    `json:"id"`
	Type         string    `json:"type"`
	Place        string    `json:"place"`
	Time         [2]string `json:"time"`
	Docs         []string  `json:"docs"`
	Participants []string  `json:"participants,omitempty"`
}

// Report is the score of one timeline.
type Report struct {
	Gold  int `json:"gold"`
	Found int `json:"found"` // dated, right place, overlapping time
	// TypeAgree counts found events whose type matches the gold type words.
	TypeAgree int `json:"type_agree"`
	// Split counts found gold events matched by more than one event.
	Split int `json:"split"`
	// DocRecall is the share of (gold event, gold document) pairs whose
	// document the matching events cite.
	DocRecall float64 `json:"doc_recall"`
	// Predicted, Dated and Placed count the predicted events, those with a
	// time range and those with a place.
	Predicted int           `json:"predicted"`
	Dated     int           `json:"dated"`
	Placed    int           `json:"placed"`
	Events    []EventResult `json:"events"`
}

// EventResult is the outcome for one gold event.
type EventResult struct {
	ID      string   `json:"id"`
	Found   bool     `json:"found"`
	Matches []string `json:"matches,omitempty"` // predicted event ids
	Summary string   `json:"summary,omitempty"` // of the best match
	Docs    []string `json:"docs,omitempty"`    // gold documents the matches cite
	// Reason says why nothing matched: no event at the place, or only at
	// other times (listed).
	Reason string `json:"reason,omitempty"`
}

// ReadGold reads a gold file.
func ReadGold(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval events: %w", err)
	}
	defer f.Close()
	g, err := ParseGold(f)
	if err != nil {
		return nil, fmt.Errorf("eval events %s: %w", path, err)
	}
	return g, nil
}

// ParseGold decodes a gold file and checks its events.
func ParseGold(r io.Reader) (*Gold, error) {
	var g Gold
	if err := json.NewDecoder(r).Decode(&g); err != nil {
		return nil, err
	}
	if len(g.Events) == 0 {
		return nil, ErrNoEvents
	}
	for _, e := range g.Events {
		for _, t := range e.Time {
			if _, _, ok := dayRange(t); !ok {
				return nil, fmt.Errorf("event %s: %q: %w", e.ID, t, ErrBadDate)
			}
		}
	}
	return &g, nil
}

// Score reads the gold file and scores the predicted events. nameOf gives
// the display name of a predicted place entity; it is matched against the
// gold place's aliases.
func Score(goldPath string, predicted []model.Event, nameOf func(entityID string) string) (Report, error) {
	g, err := ReadGold(goldPath)
	if err != nil {
		return Report{}, err
	}
	return ScoreGold(g, predicted, nameOf), nil
}

// ScoreGold scores predicted events against parsed gold.
func ScoreGold(g *Gold, predicted []model.Event, nameOf func(entityID string) string) Report {
	aliases := map[string]map[string]bool{}
	for _, e := range g.Entities {
		set := map[string]bool{Normalise(e.ID): true, Normalise(e.Canonical): true}
		for _, a := range e.Aliases {
			set[Normalise(a)] = true
		}
		aliases[e.ID] = set
	}
	rep := Report{Gold: len(g.Events), Predicted: len(predicted)}
	type pred struct {
		ev    *model.Event
		name  string
		b, e  int
		dated bool
	}
	ps := make([]pred, len(predicted))
	for i := range predicted {
		ev := &predicted[i]
		p := pred{ev: ev}
		if ev.Place != "" {
			rep.Placed++
			p.name = ev.Place
			if nameOf != nil {
				if n := nameOf(ev.Place); n != "" {
					p.name = n
				}
			}
		}
		b, ok1 := day(ev.Time.Start)
		e, ok2 := day(ev.Time.End)
		if ok1 && ok2 && e >= b {
			p.b, p.e, p.dated = b, e, true
			rep.Dated++
		}
		ps[i] = p
	}
	docPairs, docHits := 0, 0
	for _, ge := range g.Events {
		r := EventResult{ID: ge.ID}
		gb, _, _ := dayRange(ge.Time[0])
		_, gend, _ := dayRange(ge.Time[1])
		names := aliases[ge.Place]
		if names == nil {
			names = map[string]bool{Normalise(ge.Place): true}
		}
		var atPlace []string
		cited := map[string]bool{}
		bestDocs := -1
		typeOK := false
		for _, p := range ps {
			if p.ev.Place == "" || !(names[Normalise(p.name)] || p.ev.Place == ge.Place) {
				continue
			}
			if !p.dated {
				atPlace = append(atPlace, p.ev.Time.Value+"(undated)")
				continue
			}
			if p.b > gend || p.e < gb {
				atPlace = append(atPlace, p.ev.Time.Value)
				continue
			}
			r.Matches = append(r.Matches, p.ev.ID)
			n := 0
			for _, d := range ge.Docs {
				for _, pd := range p.ev.Docs {
					if docMatches(pd, d) {
						cited[d] = true
						n++
						break
					}
				}
			}
			if n > bestDocs {
				bestDocs = n
				r.Summary = p.ev.Summary
			}
			if TypeMatches(ge.Type, p.ev.Type) {
				typeOK = true
			}
		}
		r.Found = len(r.Matches) > 0
		if r.Found {
			rep.Found++
			if len(r.Matches) > 1 {
				rep.Split++
			}
			if typeOK {
				rep.TypeAgree++
			}
		} else if len(atPlace) == 0 {
			r.Reason = "no event at the place"
		} else {
			sort.Strings(atPlace)
			r.Reason = "events at the place only at other times: " + strings.Join(atPlace, ", ")
		}
		for _, d := range ge.Docs {
			docPairs++
			if cited[d] {
				docHits++
				r.Docs = append(r.Docs, d)
			}
		}
		rep.Events = append(rep.Events, r)
	}
	if docPairs > 0 {
		rep.DocRecall = float64(docHits) / float64(docPairs)
	}
	return rep
}

// docMatches compares a predicted document id with a gold one: gold uses
// the file number ("003"), the store may use the file name or a hash with
// the source kept elsewhere, so a prefix match on the number is accepted.
func docMatches(pred, gold string) bool {
	return pred == gold || strings.HasPrefix(pred, gold+"_") || strings.HasPrefix(pred, gold+".")
}

// typeWords are the words of gold types each predicted type agrees with.
var typeWords = map[string][]string{
	"attack":       {"attack", "assault", "offensive", "battle"},
	"battle":       {"battle", "fight"},
	"siege":        {"siege"},
	"siege_broken": {"siege broken", "siege", "liberation"},
	"liberation":   {"liberation", "retake", "recapture"},
	"retreat":      {"retreat", "withdrawal", "liberation", "retake"},
	"fall":         {"overrun", "fall", "capture"},
	"capture":      {"capture", "overrun", "fall", "retake", "liberation"},
	"defence":      {"defence", "defense"},
	"strike":       {"strike", "drone strike", "air strike"},
	"killing":      {"killing", "assassination"},
	"statement":    {"statement"},
	"visit":        {"visit"},
	"meeting":      {"meeting"},
}

// TypeMatches reports whether a predicted type agrees with a gold type
// written in words ("battle/liberation", "killing (drone strike)").
func TypeMatches(gold, predicted string) bool {
	g := strings.ToLower(gold)
	for _, w := range typeWords[predicted] {
		if strings.Contains(g, w) {
			return true
		}
	}
	return false
}

// Normalise folds a name for alias comparison: lower case, letters and
// digits only, words separated by one space, a leading "the" dropped.
func Normalise(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// dayRange reads YYYY, YYYY-MM or YYYY-MM-DD into its first and last day.
func dayRange(s string) (int, int, bool) {
	parts := strings.Split(s, "-")
	y, err := strconv.Atoi(parts[0])
	if err != nil || len(parts[0]) != 4 {
		return 0, 0, false
	}
	switch len(parts) {
	case 1:
		return dayOf(y, 1, 1), dayOf(y, 12, 31), true
	case 2:
		m, err := strconv.Atoi(parts[1])
		if err != nil || m < 1 || m > 12 {
			return 0, 0, false
		}
		return dayOf(y, m, 1), dayOf(y, m+1, 1) - 1, true
	case 3:
		b, ok := day(s)
		return b, b, ok
	}
	return 0, 0, false
}

func day(s string) (int, bool) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, false
	}
	return int(t.Unix() / 86400), true
}

func dayOf(y, m, d int) int {
	return int(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
