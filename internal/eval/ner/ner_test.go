package ner

import (
	"encoding/json"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/parallaxhq/parallax/internal/lang"
)

func TestScore(t *testing.T) {
	cases := []struct {
		name          string
		gold, pred    [][]string
		correct, p, g int
	}{
		{"exact", [][]string{{"B-PER", "I-PER", "O"}}, [][]string{{"B-PER", "I-PER", "O"}}, 1, 1, 1},
		{"short span", [][]string{{"B-PER", "I-PER", "O"}}, [][]string{{"B-PER", "O", "O"}}, 0, 1, 1},
		{"wrong type", [][]string{{"B-LOC"}}, [][]string{{"B-ORG"}}, 0, 1, 1},
		{"iob1 opening", [][]string{{"I-LOC", "O", "B-ORG"}}, [][]string{{"B-LOC", "O", "I-ORG"}}, 2, 2, 2},
		{"type change inside run", [][]string{{"B-ORG", "I-ORG"}}, [][]string{{"B-ORG", "I-LOC"}}, 0, 2, 1},
		{"adjacent entities", [][]string{{"B-PER", "B-PER"}}, [][]string{{"B-PER", "I-PER"}}, 0, 1, 2},
		{"missing prediction", [][]string{{"B-MISC"}}, nil, 0, 0, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := Score(c.gold, c.pred)
			if s.Correct != c.correct || s.Predicted != c.p || s.Gold != c.g {
				t.Errorf("Score = %d correct, %d predicted, %d gold; want %d, %d, %d", s.Correct, s.Predicted, s.Gold, c.correct, c.p, c.g)
			}
		})
	}
}

func TestProseAlignment(t *testing.T) {
	words := []string{"Peter", "Blackburn", "visited", "Brussels", "and", "the", "U.S.", "on", "Friday", "."}
	tags, err := proseSentence(words)
	if err != nil {
		t.Fatal(err)
	}
	if len(tags) != len(words) {
		t.Fatalf("got %d tags for %d words", len(tags), len(words))
	}
	if tags[0] != "B-PER" || tags[3] != "B-LOC" {
		t.Errorf("prose tags %v: want Peter Blackburn PER and Brussels LOC", tags)
	}
}

// TestEvaluateDev scores the built-in model and prose on CoNLL-2003 dev.
func TestEvaluateDev(t *testing.T) {
	const dev = "../../../../shared/eval/ner/conll2003-dev.txt"
	if _, err := os.Stat(dev); err != nil {
		t.Skipf("CoNLL dev split not available (%v); clone shared/ beside the repo", err)
	}
	if testing.Short() {
		t.Skip("short mode: the peer takes a minute")
	}
	rep, err := Evaluate(dev, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	t.Logf("%s", b)
	if rep.Overall.F1 < 0.88 {
		t.Errorf("dev F1 %.4f < 0.88", rep.Overall.F1)
	}
	if p := rep.Peers["prose"]; rep.Overall.F1 <= p.Overall.F1 {
		t.Errorf("dev F1 %.4f not above prose %.4f", rep.Overall.F1, p.Overall.F1)
	}
}

// BenchmarkProse runs the peer on the same text as lang's BenchmarkAnalyze
// (the dev split's words as plain text, one document per call), with its
// own tokeniser and sentence splitter, for a side-by-side tokens/s figure.
func BenchmarkProse(b *testing.B) {
	const dev = "../../../../shared/eval/ner/conll2003-dev.txt"
	f, err := os.Open(dev)
	if err != nil {
		b.Skipf("CoNLL dev split not available: %v", err)
	}
	defer f.Close()
	docs, err := lang.ReadCoNLL(f)
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	ntok := 0
	for _, d := range docs {
		var sb strings.Builder
		for _, s := range d.Sentences {
			sb.WriteString(strings.Join(s.Words, " "))
			sb.WriteString("\n")
			ntok += len(s.Words)
		}
		texts = append(texts, sb.String())
	}
	model := proseModel()
	b.ResetTimer()
	var ru0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := prose.NewDocument(t, prose.UsingModel(model)); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	var ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	b.ReportMetric(float64(ntok)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
}
