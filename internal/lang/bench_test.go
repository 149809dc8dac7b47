package lang

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchText is the dev split's words rebuilt as plain text (or the seed
// corpus), so benchmarks measure news of realistic length and vocabulary.
func benchText(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join(sharedDir, "eval/ner/conll2003-dev.txt"))
	if err != nil {
		b.Skipf("shared CoNLL dev split not available: %v", err)
	}
	docs, err := ReadCoNLL(strings.NewReader(string(data)))
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
	return sb.String()
}

// BenchmarkAnalyze measures tokenise + sentence split + NER + quantities on
// one CPU; the tokens/s metric is per core.
func BenchmarkAnalyze(b *testing.B) {
	text := benchText(b)
	ntok := len(Tokenize(text))
	m, err := DefaultNER()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		m.Analyze(text)
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(ntok)*float64(b.N)/(processCPU()-cpu).Seconds(), "tokens/cpu-s")
}

// BenchmarkTokenizeSplit measures tokenising and sentence splitting alone.
func BenchmarkTokenizeSplit(b *testing.B) {
	text := benchText(b)
	ntok := len(Tokenize(text))
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		toks := Tokenize(text)
		SplitSentences(text, toks)
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// processCPU is the user+system CPU time of the process: on a shared
// machine, tokens per CPU second is the per-core figure wall time blurs.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
