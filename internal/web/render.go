package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parallaxhq/parallax/internal/query"
	"github.com/parallaxhq/parallax/internal/store"
)

// call is one request as a handler sees it.
type call struct {
	s    *Server
	r    *http.Request
	w    http.ResponseWriter
	rt   *route
	html bool // render the page, not its JSON twin
}

// handlerFunc returns a result to render or an error; it never writes the
// response itself.
type handlerFunc func(c *call) (any, error)

// apiError is an error with the HTTP status it answers with.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func errorf(status int, format string, a ...any) *apiError {
	return &apiError{status, fmt.Sprintf(format, a...)}
}

// errorBody is every error's JSON: {"ok": false, "error": ..., "status": ...}.
type errorBody struct {
	OK     bool   `json:"ok"`
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// streamResult is a download written straight to the client.
type streamResult struct {
	contentType string
	filename    string
	write       func(w io.Writer) error
}

// redirectResult sends a page to another page after a form post (303); the
// JSON twin gets data.
type redirectResult struct {
	to   string
	data any
}

// listResponse is a listing's JSON: Datasette-style, with the next token and
// the URL of the next page.
type listResponse[T any] struct {
	OK bool `json:"ok"`
	query.Page[T]
	NextURL *string `json:"next_url"`
}

// list wraps a page of a listing for rendering.
func list[T any](c *call, p query.Page[T]) listResponse[T] {
	lr := listResponse[T]{OK: true, Page: p}
	if p.Next != nil {
		q := c.r.URL.Query()
		q.Set("next", *p.Next)
		u := c.r.URL.Path + "?" + q.Encode()
		lr.NextURL = &u
	}
	return lr
}

// q returns a query parameter, trimmed and bounded.
func (c *call) q(name string) string {
	v := strings.TrimSpace(c.r.URL.Query().Get(name))
	if len(v) > 1000 {
		v = v[:1000]
	}
	return v
}

// intParam reads an integer query parameter (0 when absent).
func (c *call) intParam(name string) (int, error) {
	v := c.q(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 1_000_000 {
		return 0, errorf(http.StatusBadRequest, "%s must be a non-negative number, not %q", name, clipString(v, 40))
	}
	return n, nil
}

// entityParam resolves an entity id or name given in a query parameter.
func (c *call) entityParam(name string) (string, error) {
	ref := c.q(name)
	if ref == "" {
		return "", nil
	}
	return query.ResolveEntityRef(c.r.Context(), c.s.st, ref)
}

// register mounts a route's JSON twin and page.
func (s *Server) register(mux *http.ServeMux, rt route) {
	serve := func(html bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			timeout := rt.timeout
			if timeout == 0 {
				timeout = s.opts.RequestTimeout
			}
			ctx, cancel := context.WithTimeout(r.Context(), timeout)
			defer cancel()
			r = r.WithContext(ctx)
			rc := http.NewResponseController(w)
			rc.SetWriteDeadline(time.Now().Add(timeout + 5*time.Second))
			if rt.method == http.MethodPost {
				rc.SetReadDeadline(time.Now().Add(min(timeout, 10*time.Minute)))
				limit := s.opts.MaxBodyBytes
				if rt.upload {
					limit = s.opts.MaxUploadBytes
				}
				r.Body = http.MaxBytesReader(w, r.Body, limit)
			}
			c := &call{s: s, r: r, w: w, rt: &rt, html: html}
			if rt.write {
				if err := s.authorize(c); err != nil {
					s.render(c, nil, nil, err)
					return
				}
			}
			v, err := rt.fn(c)
			s.render(c, &rt, v, err)
		}
	}
	if rt.api != "" {
		mux.HandleFunc(rt.method+" "+rt.api, serve(false))
	}
	if rt.page != "" {
		mux.HandleFunc(rt.method+" "+rt.page, serve(true))
	}
}

// statusOf maps an error to its HTTP status and the message shown.
func (s *Server) statusOf(c *call, err error) (int, string) {
	var ae *apiError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.msg
	case errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over the limit of %d bytes", mbe.Limit)
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, err.Error()
	case errors.Is(err, query.ErrBadRequest):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the request took too long and was stopped; narrow it (filters, smaller pages)"
	case errors.Is(err, context.Canceled):
		return 499, "request cancelled"
	}
	s.opts.Logger.Error("request failed", "method", c.r.Method, "path", c.r.URL.Path, "err", err)
	return http.StatusInternalServerError, "internal error (see the server log)"
}

// render is the one place responses are written: JSON for /api/, HTML for
// pages, errors as {"ok": false, ...} or an error page.
func (s *Server) render(c *call, rt *route, v any, err error) {
	w := c.w
	if err != nil {
		status, msg := s.statusOf(c, err)
		if status == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="parallax"`)
		}
		if c.html {
			s.writePage(c, status, "error", "Error", errorBody{OK: false, Error: msg, Status: status})
			return
		}
		writeJSON(w, status, errorBody{OK: false, Error: msg, Status: status})
		return
	}
	switch r := v.(type) {
	case streamResult:
		h := w.Header()
		h.Set("Content-Type", r.contentType)
		h.Set("Content-Disposition", `attachment; filename="`+r.filename+`"`)
		h.Set("Cache-Control", "no-store")
		if err := r.write(w); err != nil {
			s.opts.Logger.Error("stream failed", "path", c.r.URL.Path, "err", err)
		}
		return
	case redirectResult:
		if c.html {
			http.Redirect(w, c.r, r.to, http.StatusSeeOther)
			return
		}
		v = r.data
	}
	if c.html && rt != nil && rt.tmpl != "" {
		s.writePage(c, http.StatusOK, rt.tmpl, rt.title, v)
		return
	}
	status := http.StatusOK
	if rt != nil && rt.status != 0 {
		status = rt.status
	}
	writeJSON(w, status, v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// HTML escaping stays on: hostile text can never become markup, even in
	// a browser that ignores the content type.
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		json.NewEncoder(&buf).Encode(errorBody{OK: false, Error: "internal error: " + err.Error(), Status: status})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// twinURL is the JSON twin of the page at u.
func twinURL(u *url.URL) string {
	p := u.Path
	if p == "/" {
		p = "/overview"
	}
	t := "/api" + p
	if u.RawQuery != "" {
		t += "?" + u.RawQuery
	}
	return t
}
