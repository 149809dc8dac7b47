package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/parallaxhq/parallax/internal/pipeline"
	"github.com/parallaxhq/parallax/internal/store"
)

// DefaultAddr is where the server listens unless told otherwise: loopback.
const DefaultAddr = "127.0.0.1:8080"

// Options configure a Server. Start from DefaultOptions.
type Options struct {
	// Addr is the listen address (host:port). DefaultAddr binds loopback.
	Addr string
	// Token authorises writes (uploads, curation). Empty: the server is
	// read-only and refuses every write with 403.
	Token string
	// MaxBodyBytes bounds request bodies other than uploads (default 1 MiB).
	MaxBodyBytes int64
	// MaxUploadBytes bounds one upload request, all files together (default 64 MiB).
	MaxUploadBytes int64
	// MaxUploadFiles bounds the files of one upload (default 100).
	MaxUploadFiles int
	// MaxURLBytes bounds the request URL (default 8 KiB).
	MaxURLBytes int
	// RequestTimeout bounds reading views (default 15 s).
	RequestTimeout time.Duration
	// ExportTimeout bounds an export download (default 30 min).
	ExportTimeout time.Duration
	// IngestTimeout bounds an upload's ingest and analysis (default 60 min).
	IngestTimeout time.Duration
	// ReadHeaderTimeout and IdleTimeout bound slow clients (defaults 10 s, 120 s).
	ReadHeaderTimeout time.Duration
	IdleTimeout       time.Duration
	// Curate applies an analyst's correction: op is merge, split, rename,
	// alias-add or alias-remove and args its arguments as the CLI takes
	// them (merge ENTITY OTHER; split ENTITY ALIAS [NAME [TYPE]]; rename
	// ENTITY NAME [TYPE]; alias-add/alias-remove ENTITY ALIAS). Nil: curation
	// answers 501.
	Curate func(ctx context.Context, op string, args []string) error
	// Ingest ingests the files of an upload directory (a server-made temp
	// directory). Nil: pipeline.Run with the default analyzer and corpus
	// stages, URL fetching disabled.
	Ingest func(ctx context.Context, st store.Store, dir string) (pipeline.Report, error)
	// Logger receives request errors (default slog.Default()).
	Logger *slog.Logger
}

// DefaultOptions returns the options parallax serve uses.
func DefaultOptions() Options {
	return Options{
		Addr:              DefaultAddr,
		MaxBodyBytes:      1 << 20,
		MaxUploadBytes:    64 << 20,
		MaxUploadFiles:    100,
		MaxURLBytes:       8 << 10,
		RequestTimeout:    15 * time.Second,
		ExportTimeout:     30 * time.Minute,
		IngestTimeout:     60 * time.Minute,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
}

func (o *Options) fill() {
	d := DefaultOptions()
	if o.Addr == "" {
		o.Addr = d.Addr
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = d.MaxBodyBytes
	}
	if o.MaxUploadBytes <= 0 {
		o.MaxUploadBytes = d.MaxUploadBytes
	}
	if o.MaxUploadFiles <= 0 {
		o.MaxUploadFiles = d.MaxUploadFiles
	}
	if o.MaxURLBytes <= 0 {
		o.MaxURLBytes = d.MaxURLBytes
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = d.RequestTimeout
	}
	if o.ExportTimeout <= 0 {
		o.ExportTimeout = d.ExportTimeout
	}
	if o.IngestTimeout <= 0 {
		o.IngestTimeout = d.IngestTimeout
	}
	if o.ReadHeaderTimeout <= 0 {
		o.ReadHeaderTimeout = d.ReadHeaderTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = d.IdleTimeout
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

// Server serves the API and the UI of one store.
type Server struct {
	st      store.Store
	opts    Options
	handler http.Handler
	pages   map[string]*template.Template
	spec    []byte
	auth    auth
	// ingestMu allows one upload's ingest at a time.
	ingestMu sync.Mutex
}

// New builds a server for st.
func New(st store.Store, opts Options) (*Server, error) {
	opts.fill()
	s := &Server{st: st, opts: opts, auth: newAuth(opts.Token)}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		s.register(mux, rt)
	}
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		c := &call{s: s, r: r, w: w, html: !strings.HasPrefix(r.URL.Path, "/api/")}
		s.render(c, nil, nil, &apiError{http.StatusNotFound, "no such page: " + clipString(r.URL.Path, 200)})
	})
	if s.spec, err = s.openAPI(); err != nil {
		return nil, err
	}
	s.handler = s.guard(mux)
	return s, nil
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// ReadOnly reports whether the server refuses writes (no token).
func (s *Server) ReadOnly() bool { return s.auth.token == "" }

// NewToken returns a random token for --write.
func NewToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Serve listens on opts.Addr and serves until ctx is done, then shuts down
// gracefully. ready, when set, is called with the bound address.
func (s *Server) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", s.opts.Addr, err)
	}
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.opts.Logger.Handler(), slog.LevelWarn),
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			return err
		}
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// IsLoopback reports whether addr's host is a loopback address or name.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// securityHeaders are set on every response.
var securityHeaders = map[string]string{
	"Content-Security-Policy":      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
	"X-Content-Type-Options":       "nosniff",
	"X-Frame-Options":              "DENY",
	"Referrer-Policy":              "no-referrer",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
	"Permissions-Policy":           "camera=(), microphone=(), geolocation=()",
}

// guard wraps every request: security headers, URL and body bounds, and
// recovery from a panicking handler.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaders {
			h.Set(k, v)
		}
		c := &call{s: s, r: r, w: w, html: !strings.HasPrefix(r.URL.Path, "/api/")}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.opts.Logger.Error("panic serving request", "path", r.URL.Path, "panic", v)
				s.render(c, nil, nil, &apiError{http.StatusInternalServerError, "internal error"})
			}
		}()
		if len(r.URL.RawQuery)+len(r.URL.Path) > s.opts.MaxURLBytes {
			s.render(c, nil, nil, &apiError{http.StatusRequestURITooLong, "request URL too long"})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func clipString(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
