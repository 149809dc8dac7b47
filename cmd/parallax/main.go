// Command parallax turns a pile of news articles about one story, from
// outlets that disagree, into a cross-referenced picture. See the README.
package main

import (
	"os"

	"github.com/parallaxhq/parallax/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
