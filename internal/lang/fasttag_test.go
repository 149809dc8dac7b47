package lang

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestFastTaggerAgrees checks that the word-cache path tags exactly as the
// plain path, on the CoNLL dev split and the seed articles, twice over (the
// second pass reads every word from the cache).
func TestFastTaggerAgrees(t *testing.T) {
	m, err := DefaultNER()
	if err != nil {
		t.Fatal(err)
	}
	if m.fast == nil {
		t.Fatal("the embedded model has no fast path")
	}
	var docs [][][]string
	if data, err := os.ReadFile(filepath.Join(sharedDir, "eval/ner/conll2003-dev.txt")); err == nil {
		cd, err := ReadCoNLL(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range cd {
			var sents [][]string
			for _, s := range d.Sentences {
				sents = append(sents, s.Words)
			}
			docs = append(docs, sents)
		}
	}
	files, _ := filepath.Glob(filepath.Join(sharedDir, "corpus/seeds/*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		toks := Tokenize(text)
		var sents [][]string
		for _, s := range SplitSentences(text, toks) {
			var ws []string
			for _, tk := range toks[s.TokenStart:s.TokenEnd] {
				ws = append(ws, tk.Text)
			}
			sents = append(sents, ws)
		}
		docs = append(docs, sents)
	}
	docs = append(docs, [][]string{{}}, [][]string{{"Hezbollah"}}, [][]string{{"al-Sakher", "'s"}, {}, {"U.S.", "forces"}})
	if len(docs) < 10 {
		t.Skip("shared CoNLL dev split and seeds not available")
	}
	for pass := 0; pass < 2; pass++ {
		for i, d := range docs {
			fast, slow := m.TagDocument(d), m.tagDocumentSlow(d)
			if !reflect.DeepEqual(fast, slow) {
				t.Fatalf("pass %d document %d: fast path tags differ\nfast %v\nslow %v", pass, i, fast, slow)
			}
		}
	}
}
