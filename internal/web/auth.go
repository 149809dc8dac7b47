package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
)

// Writes are authorised in one of two ways:
//
//   - scripts send the token as "Authorization: Bearer TOKEN"; browsers never
//     add that header on their own, so it cannot be forged cross-site;
//   - the UI logs in once (POST /login with the token) and gets an HttpOnly,
//     SameSite=Strict session cookie; every write from the UI then also
//     carries a CSRF token (form field csrf or header X-CSRF-Token) that only
//     pages of this server know, and must pass net/http's cross-origin check
//     (Sec-Fetch-Site / Origin).
//
// Both cookie values are HMACs keyed by the token, so a server started with a
// new token invalidates old sessions, and neither reveals the token.

const sessionCookie = "parallax_session"

type auth struct {
	token   string
	session string // expected cookie value
	csrf    string // expected CSRF token
	origin  *http.CrossOriginProtection
}

func newAuth(token string) auth {
	a := auth{token: token, origin: http.NewCrossOriginProtection()}
	if token != "" {
		a.session = mac(token, "session")
		a.csrf = mac(token, "csrf")
	}
	return a
}

func mac(key, msg string) string {
	m := hmac.New(sha256.New, []byte("parallax:"+key))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// loggedIn reports whether the request carries a valid session cookie.
func (a *auth) loggedIn(r *http.Request) bool {
	if a.token == "" {
		return false
	}
	ck, err := r.Cookie(sessionCookie)
	return err == nil && equal(ck.Value, a.session)
}

// csrfToken is the token pages put in their forms (empty when not logged in).
func (a *auth) csrfToken(r *http.Request) string {
	if !a.loggedIn(r) {
		return ""
	}
	return a.csrf
}

// authorize checks a write request.
func (s *Server) authorize(c *call) error {
	a := &s.auth
	r := c.r
	if a.token == "" {
		return errorf(http.StatusForbidden, "this server is read-only: start it with --token TOKEN (or --write) to allow uploads and curation")
	}
	if err := a.origin.Check(r); err != nil {
		return errorf(http.StatusForbidden, "cross-origin write refused")
	}
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || !equal(strings.TrimSpace(tok), a.token) {
			return errorf(http.StatusUnauthorized, "wrong token")
		}
		return nil
	}
	if !a.loggedIn(r) {
		return errorf(http.StatusUnauthorized, "this action needs the server's token: send Authorization: Bearer TOKEN, or log in at /login")
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		// Form field; for multipart bodies the wrapper's handler reads it
		// from the form before any file (see upload.go).
		got = csrfFromForm(r)
	}
	if !equal(got, a.csrf) {
		return errorf(http.StatusForbidden, "missing or wrong CSRF token: reload the page and try again")
	}
	return nil
}

// csrfFromForm reads the csrf field of a urlencoded form, or the csrf query
// parameter of a multipart upload form (its action URL carries it, so the
// check happens before the body is read).
func csrfFromForm(r *http.Request) string {
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		if err := r.ParseForm(); err == nil {
			return r.PostForm.Get("csrf")
		}
		return ""
	}
	return r.URL.Query().Get("csrf")
}

// login checks a token from the login form and sets the session cookie.
func (s *Server) login(c *call) (any, error) {
	a := &s.auth
	if a.token == "" {
		return nil, errorf(http.StatusForbidden, "this server is read-only: there is nothing to log in to")
	}
	if err := a.origin.Check(c.r); err != nil {
		return nil, errorf(http.StatusForbidden, "cross-origin login refused")
	}
	if err := c.r.ParseForm(); err != nil {
		return nil, errorf(http.StatusBadRequest, "bad form: %v", err)
	}
	if !equal(strings.TrimSpace(c.r.PostForm.Get("token")), a.token) {
		return nil, errorf(http.StatusUnauthorized, "wrong token")
	}
	http.SetCookie(c.w, &http.Cookie{Name: sessionCookie, Value: a.session, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: c.r.TLS != nil})
	return redirectResult{to: "/", data: okBody{OK: true}}, nil
}

// logout clears the session cookie.
func (s *Server) logout(c *call) (any, error) {
	if err := s.auth.origin.Check(c.r); err != nil {
		return nil, errorf(http.StatusForbidden, "cross-origin logout refused")
	}
	http.SetCookie(c.w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return redirectResult{to: "/", data: okBody{OK: true}}, nil
}

type okBody struct {
	OK bool `json:"ok"`
}
