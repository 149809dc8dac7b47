package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/parallaxhq/parallax/internal/web"
)

func init() { register(serveCmd) }

func serveCmd(e *env) *cobra.Command {
	opts := web.DefaultOptions()
	var write bool
	c := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Serve the web UI and the JSON API (under /api/) of the store",
		Long: `Serve the analyst's web UI and its JSON API: search, documents with highlights, entities,
stories with a timeline and a map, outlet comparison, quotes, contradictions, framing, exports.
Every page has a JSON twin under /api/ (described at /api/openapi.json).

The server binds loopback unless --addr says otherwise. It is read-only unless it has a token:
--token TOKEN (or env PARALLAX_TOKEN) sets one, --write makes one up and prints it. Writes
(uploads, curation) then need "Authorization: Bearer TOKEN", or a browser logged in at /login.`,
		Example: `  parallax serve                          # read-only on http://127.0.0.1:8080
  parallax serve --write                  # allow uploads; prints the token
  PARALLAX_TOKEN=s3cret parallax serve --addr 0.0.0.0:8080
  curl -s 'http://127.0.0.1:8080/api/search?q=amirli'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Token == "" {
				opts.Token = os.Getenv("PARALLAX_TOKEN")
			}
			if write && opts.Token == "" {
				opts.Token = web.NewToken()
			}
			st, err := e.open(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			opts.Curate = curator(st)
			srv, err := web.New(st, opts)
			if err != nil {
				return err
			}
			if !web.IsLoopback(opts.Addr) {
				fmt.Fprintf(e.stderr, "parallax: warning: %s is reachable from other machines; article text is shown to anyone who can connect\n", opts.Addr)
			}
			return srv.Serve(cmd.Context(), func(addr string) {
				fmt.Fprintf(e.stderr, "parallax: serving %s on http://%s (JSON API under /api/, description at /api/openapi.json)\n", e.db, addr)
				if opts.Token == "" {
					fmt.Fprintln(e.stderr, "parallax: read-only: start with --write or --token to allow uploads and curation")
				} else {
					fmt.Fprintf(e.stderr, "parallax: writes need the token %s (log in at http://%s/login, or send Authorization: Bearer TOKEN)\n", opts.Token, addr)
				}
			})
		},
	}
	c.Flags().StringVar(&opts.Addr, "addr", opts.Addr, "listen address host:port (loopback unless told otherwise)")
	c.Flags().StringVar(&opts.Token, "token", "", "token that authorises uploads and curation (env PARALLAX_TOKEN); none: read-only")
	c.Flags().BoolVar(&write, "write", false, "allow writes with a newly made token, printed at start")
	c.Flags().Int64Var(&opts.MaxUploadBytes, "max-upload-bytes", opts.MaxUploadBytes, "largest upload request, in bytes")
	c.Flags().DurationVar(&opts.RequestTimeout, "timeout", opts.RequestTimeout, "longest time a page or API request may take")
	return c
}
