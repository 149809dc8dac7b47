package lang_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/kb"
	"github.com/parallaxhq/parallax/internal/lang"
)

// namesBenchText is the CoNLL dev split's words as plain text, followed by
// the seed corpus (names the lexicon knows), so the benchmark sees news of
// realistic length and vocabulary.
func namesBenchText(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join(lang.SharedDir, "eval/ner/conll2003-dev.txt"))
	if err != nil {
		b.Skipf("shared CoNLL dev split not available: %v", err)
	}
	docs, err := lang.ReadCoNLL(strings.NewReader(string(data)))
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, d := range docs {
		for _, s := range d.Sentences {
			sb.WriteString(strings.Join(s.Words, " "))
			sb.WriteString("\n")
		}
		sb.WriteString("\n")
	}
	files, _ := filepath.Glob(filepath.Join(lang.SharedDir, "corpus/seeds/*.txt"))
	for _, f := range files {
		if t, err := os.ReadFile(f); err == nil {
			sb.Write(t)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// BenchmarkAnalyzeNames measures the whole mention finder the pipeline runs
// (tokens, sentences, recogniser, lexicon, rules, TypeOf, quantities) on
// one CPU, against the recogniser alone on the same text.
func BenchmarkAnalyzeNames(b *testing.B) {
	text := namesBenchText(b)
	k, err := kb.Load()
	if err != nil {
		b.Fatal(err)
	}
	names := k.Names()
	ntok := len(lang.Tokenize(text))
	for _, bc := range []struct {
		name string
		run  func()
	}{
		{"recogniser", func() { lang.Analyze(text) }},
		{"recogniser+kb", func() { lang.AnalyzeNames(text, names) }},
		{"lexicon-only", func() {
			toks := lang.Tokenize(text)
			names.Lexicon.Find(toks, lang.SplitSentences(text, toks))
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			cpu := lang.ProcessCPU()
			for i := 0; i < b.N; i++ {
				bc.run()
			}
			b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
			b.ReportMetric(float64(ntok)*float64(b.N)/(lang.ProcessCPU()-cpu).Seconds(), "tokens/cpu-s")
		})
	}
}
