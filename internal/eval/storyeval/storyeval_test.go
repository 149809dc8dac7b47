package storyeval

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestScore(t *testing.T) {
	gold := map[string]string{"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
	tests := []struct {
		name      string
		pred      map[string]string
		b3p, b3r  float64
		pairP     float64
		pairR     float64
		predicted int
	}{
		{"perfect", map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}, 1, 1, 1, 1, 2},
		{"all in one", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x"},
			(3*3.0/5 + 2*2.0/5) / 5, 1, 4.0 / 10, 1, 1},
		{"singletons", map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"},
			1, (3*1.0/3 + 2*1.0/2) / 5, 1, 0, 5},
		{"missing items are singletons", map[string]string{"a": "x", "b": "x", "d": "y", "e": "y", "zz": "x"},
			1, (2*2.0/3 + 1.0/3 + 2) / 5, 1, 2.0 / 4, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(gold, tt.pred)
			for _, c := range []struct {
				what      string
				got, want float64
			}{{"B3 P", s.BCubedP, tt.b3p}, {"B3 R", s.BCubedR, tt.b3r}, {"pair P", s.PairP, tt.pairP}, {"pair R", s.PairR, tt.pairR}} {
				if math.Abs(c.got-c.want) > 1e-9 {
					t.Errorf("%s = %.4f, want %.4f", c.what, c.got, c.want)
				}
			}
			if s.Items != 5 || s.GoldClusters != 2 || s.Predicted != tt.predicted {
				t.Errorf("counts %+v", s)
			}
			if want := f1(s.BCubedP, s.BCubedR); s.BCubedF1 != want {
				t.Errorf("B3 F1 %.4f, want %.4f", s.BCubedF1, want)
			}
		})
	}
	if s := Score(map[string]string{}, nil); s.Items != 0 || s.BCubedF1 != 0 {
		t.Errorf("empty gold: %+v", s)
	}
}

func TestReadGold(t *testing.T) {
	tests := []struct {
		in      string
		n       int
		wantErr bool
	}{
		{`{"key":"url","clusters":{"u1":"s1","u2":"s1"},"meta":{"u1":{"name":"x","title":"t"}}}`, 2, false},
		{`{"key":"url","clusters":{}}`, 0, true},
		{`{"clusters":{"u1":""}}`, 0, true},
		{`[1,2]`, 0, true},
		{``, 0, true},
	}
	for _, tt := range tests {
		g, err := ReadGold(strings.NewReader(tt.in))
		if (err != nil) != tt.wantErr || len(g.Clusters) != tt.n {
			t.Errorf("ReadGold(%q) = %d clusters, %v", tt.in, len(g.Clusters), err)
		}
		if err != nil && !errors.Is(err, ErrBadGold) {
			t.Errorf("ReadGold(%q) error %v is not ErrBadGold", tt.in, err)
		}
	}
}

func TestReadArticles(t *testing.T) {
	tests := []struct {
		in      string
		n       int
		wantErr string
	}{
		{"{\"url\":\"u1\",\"title\":\"t\",\"text\":\"x\",\"published\":null}\n\n{\"url\":\"u2\",\"published\":\"2020-01-02\"}\n", 2, ""},
		{"{\"url\":\"u1\"}\nnot json\n", 0, "line 2"},
		{"{\"title\":\"no url\"}\n", 0, "line 1"},
		{"", 0, ""},
	}
	for _, tt := range tests {
		arts, err := ReadArticles(strings.NewReader(tt.in))
		if tt.wantErr == "" && (err != nil || len(arts) != tt.n) {
			t.Errorf("ReadArticles(%q) = %d, %v", tt.in, len(arts), err)
		}
		if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrBadArticle)) {
			t.Errorf("ReadArticles(%q) error %v, want one naming %q", tt.in, err, tt.wantErr)
		}
	}
}

func FuzzReadArticles(f *testing.F) {
	f.Add("{\"url\":\"u1\",\"title\":\"t\",\"text\":\"x\",\"published\":null}\n")
	f.Add("{\"url\":1}\n")
	f.Add("\xff\n{}")
	f.Fuzz(func(t *testing.T, s string) {
		arts, err := ReadArticles(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, a := range arts {
			if a.URL == "" {
				t.Fatal("article without url accepted")
			}
		}
	})
}

func FuzzReadGold(f *testing.F) {
	f.Add(`{"key":"url","clusters":{"u1":"s1"}}`)
	f.Add(`{"clusters":{"":"s"}}`)
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ReadGold(strings.NewReader(s))
		if err != nil {
			return
		}
		sc := Score(g.Clusters, g.Clusters)
		if sc.BCubedF1 != 1 || sc.PairF1 != 1 {
			t.Fatalf("gold scored against itself: %+v", sc)
		}
	})
}
