// Command trainner rebuilds internal/lang/model/ner.bin from CoNLL-format
// training data with lang.DefaultTrainOptions; `go generate ./internal/lang`
// runs it on the shared CoNLL-2003 train split. `parallax train ner` calls
// the same lang.TrainNER function.
package main

import (
	"bytes"
	"flag"
	"log"
	"os"

	"github.com/parallaxhq/parallax/internal/lang"
)

func main() {
	conll := flag.String("conll", "", "CoNLL-format training file")
	out := flag.String("out", "model/ner.bin", "model file to write")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	f, err := os.Open(*conll)
	if err != nil {
		log.Fatalf("trainner: %v", err)
	}
	defer f.Close()
	opts := lang.DefaultTrainOptions()
	opts.Seed = *seed
	opts.Log = os.Stderr
	m, err := lang.TrainNER(f, opts)
	if err != nil {
		log.Fatalf("trainner: %v", err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		log.Fatalf("trainner: %v", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatalf("trainner: %v", err)
	}
	log.Printf("trainner: wrote %s (%d bytes)", *out, buf.Len())
}
