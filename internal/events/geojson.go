package events

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/parallaxhq/parallax/internal/model"
)

// GeoJSON writes the dated events whose place has coordinates as a GeoJSON
// FeatureCollection (RFC 7946) of points, one feature per event, in the
// order given. Properties: id, type, summary, place, time_value,
// time_start, time_end, docs (the number of documents), participants.
// Events without a date or coordinates are left out: a map pin needs both.
func GeoJSON(evs []model.Event, coords func(entityID string) (lat, lon float64, ok bool)) ([]byte, error) {
	fc := featureCollection{Type: "FeatureCollection", Features: []feature{}}
	for _, ev := range evs {
		if ev.Place == "" || ev.Time.Start == "" || ev.Time.End == "" || coords == nil {
			continue
		}
		lat, lon, ok := coords(ev.Place)
		if !ok {
			continue
		}
		if math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, fmt.Errorf("events geojson: event %s: place %s has bad coordinates (%g, %g)", ev.ID, ev.Place, lat, lon)
		}
		parts := ev.Participants
		if parts == nil {
			parts = []string{}
		}
		fc.Features = append(fc.Features, feature{
			Type:     "Feature",
			ID:       ev.ID,
			Geometry: geometry{Type: "Point", Coordinates: [2]float64{lon, lat}},
			Properties: properties{
				ID: ev.ID, Type: ev.Type, Summary: ev.Summary, Place: ev.Place,
				TimeValue: ev.Time.Value, TimeStart: ev.Time.Start, TimeEnd: ev.Time.End,
				Docs: len(ev.Docs), Participants: parts,
			},
		})
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return nil, fmt.Errorf("events geojson: %w", err)
	}
	return b, nil
}

type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
}

type feature struct {
	Type       string     `json:"type"`
	ID         string     `json:"id"`
	Geometry   geometry   `json:"geometry"`
	Properties properties `json:"properties"`
}

type geometry struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // longitude, latitude
}

type properties struct {
	ID           string   `json:"id"`
	Type         string   `json:"type"`
	Summary      string   `json:"summary"`
	Place        string   `json:"place"`
	TimeValue    string   `json:"time_value"`
	TimeStart    string   `json:"time_start"`
	TimeEnd      string   `json:"time_end"`
	Docs         int      `json:"docs"`
	Participants []string `json:"participants"`
}
