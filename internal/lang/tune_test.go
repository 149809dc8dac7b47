package lang

import (
	"flag"
	"os"
	"testing"
)

var tuneFlag = flag.Bool("tune", false, "train on CoNLL train and log dev F1 per epoch")
var tuneDecoder = flag.String("decoder", "viterbi", "decoder for -tune")
var tuneBits = flag.Int("bits", 20, "hash bits for -tune")
var tuneEpochs = flag.Int("epochs", 10, "epochs for -tune")
var tuneNoGaz = flag.Bool("nogaz", false, "")
var tuneNoClusters = flag.Bool("noclusters", false, "")
var tuneNoDoc = flag.Bool("nodoc", false, "")
var tuneLex = flag.Bool("lex", false, "lexical transitions")
var tuneAug = flag.Float64("aug", 0.5, "")
var tuneHoldout = flag.Bool("holdout", false, "tune on the last fifth of train instead of dev")

func TestTune(t *testing.T) {
	if !*tuneFlag {
		t.Skip("run with -tune")
	}
	f, err := os.Open("../../../shared/eval/ner/conll2003-train.txt")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	docs, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	df, err := os.Open("../../../shared/eval/ner/conll2003-dev.txt")
	if err != nil {
		t.Skip(err)
	}
	dev, err := ReadCoNLL(df)
	if err != nil {
		t.Fatal(err)
	}
	if *tuneHoldout {
		cut := len(docs) * 4 / 5
		docs, dev = docs[:cut], docs[cut:]
	}
	opts := DefaultTrainOptions()
	opts.Decoder = *tuneDecoder
	opts.HashBits = *tuneBits
	opts.Epochs = *tuneEpochs
	opts.Gazetteer = !*tuneNoGaz
	opts.Clusters = !*tuneNoClusters
	opts.DocumentFeatures = !*tuneNoDoc
	opts.AugmentFraction = *tuneAug
	opts.LexicalTransitions = *tuneLex
	opts.Log = os.Stderr
	opts.Dev = dev
	m, err := TrainNERDocuments(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	p, r, f1 := m.scoreDocuments(dev)
	t.Logf("final quantised dev: P %.4f R %.4f F1 %.4f", p, r, f1)
}
