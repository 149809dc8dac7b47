// Package cli owns the parallax command line: one file per command, each
// parsing its flags, calling the pipeline or the query package, and printing
// text for people or one JSON value for scripts (--json). It holds no
// analysis and no SQL.
//
// Exit codes: 0 success; 1 when some inputs failed or the command failed;
// 2 on usage errors (unknown command or flag, bad argument).
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/store"
	"github.com/parallaxhq/parallax/internal/store/sqlite"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// usageError marks an error as the user's invocation being wrong (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// partialError marks a run where some inputs failed but the rest succeeded (exit 1).
type partialError struct{ n int }

func (e partialError) Error() string { return fmt.Sprintf("%d input(s) failed", e.n) }

// env carries the global flags and the output streams to every command.
type env struct {
	db     string
	json   bool
	quiet  bool
	stdout io.Writer
	stderr io.Writer
	stdin  io.Reader
	// opener opens the store; tests may replace it.
	opener func(ctx context.Context, dsn string) (store.Store, error)
}

// OpenStore opens the store named by dsn: a postgres:// URL selects
// PostgreSQL, anything else is a SQLite file path.
var OpenStore = func(ctx context.Context, dsn string) (store.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if openPostgres == nil {
			return nil, errors.New("PostgreSQL support is not built into this binary")
		}
		return openPostgres(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// openPostgres is set by the postgres wiring file.
var openPostgres func(ctx context.Context, dsn string) (store.Store, error)

func (e *env) open(ctx context.Context) (store.Store, error) {
	return e.opener(ctx, e.db)
}

// Main runs the command line and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdout: stdout, stderr: stderr, stdin: stdin, opener: OpenStore}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var pe partialError
	if errors.As(err, &pe) {
		return ExitFailed
	}
	fmt.Fprintln(stderr, "parallax:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return ExitUsage
	}
	return ExitFailed
}

func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires at most", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRoot(e *env) *cobra.Command {
	defDB := os.Getenv("PARALLAX_DB")
	if defDB == "" {
		defDB = "./parallax.db"
	}
	root := &cobra.Command{
		Use:   "parallax",
		Short: "See one story from every side: cross-reference news articles from outlets that disagree",
		Long: `parallax ingests news articles (text, HTML, WARC, JSON Lines, RSS/Atom, URLs), cleans them,
finds who and what is named and merges the spellings, puts places on a map and events on a
timeline, extracts who claims what, and shows where outlets agree and contradict each other.
Every figure links back to the sentence it came from. Everything runs offline.`,
		Example: `  parallax ingest articles/            # ingest and analyse a directory
  parallax docs                         # list documents
  parallax entities --type PERSON       # who is named, with spellings merged
  parallax --json contradictions        # machine-readable output`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&e.db, "db", defDB, "database: a SQLite file path or a postgres:// URL (env PARALLAX_DB)")
	root.PersistentFlags().BoolVar(&e.json, "json", false, "print one JSON value on stdout (an array for listings)")
	root.PersistentFlags().BoolVarP(&e.quiet, "quiet", "q", false, "no progress or notes on stderr")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	for _, add := range commands {
		root.AddCommand(add(e))
	}
	return root
}

// commands are registered by each command's file.
var commands []func(*env) *cobra.Command

func register(f func(*env) *cobra.Command) { commands = append(commands, f) }
