package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxhq/parallax/internal/store/sqlite"
	"github.com/parallaxhq/parallax/internal/web"
)

// TestCurationSurvivesReanalysis records analyst decisions, ingests more
// documents (which re-runs the corpus analysis) and checks every decision
// still holds.
func TestCurationSurvivesReanalysis(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.txt", "Talks in Geneva\n\nThe envoy Staffan de Mistura met Walid Muallem in Geneva on Monday, officials said. Muallem told reporters the talks were useful.\n")
	b := write("b.txt", "Envoy returns\n\nStaffan de Mistura returned to Damascus, where Walid al-Moallem received him. Moallem said Syria wanted a political solution.\n")
	c := write("c.txt", "Ceasefire holds\n\nA ceasefire held in Aleppo on Sunday, according to the Syrian Observatory for Human Rights. De Mistura welcomed the calm.\n")
	db := filepath.Join(t.TempDir(), "cur.db")
	if code, _, errs := run(t, db, "ingest", a, b); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	type entity struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Type    string `json:"type"`
		Aliases []struct {
			Text string `json:"text"`
		} `json:"aliases"`
	}
	var mistura entity
	runJSON(t, db, &mistura, "entity", "Staffan de Mistura")
	// Rename, and add an alias the corpus does not use yet.
	if code, _, errs := run(t, db, "entity", "rename", mistura.ID, "Staffan de Mistura (UN envoy)"); code != 0 {
		t.Fatalf("rename: %s", errs)
	}
	if code, _, errs := run(t, db, "entity", "alias", "add", mistura.ID, "the UN envoy"); code != 0 {
		t.Fatalf("alias add: %s", errs)
	}
	// Unknown entities are refused, not stored.
	if code, _, _ := run(t, db, "entity", "merge", mistura.ID, "No Such Person"); code != 2 {
		t.Errorf("merge with an unknown entity: exit %d, want 2", code)
	}
	// More documents: the corpus is analysed again from scratch.
	if code, _, errs := run(t, db, "ingest", c); code != 0 {
		t.Fatalf("second ingest: %s", errs)
	}
	var after entity
	runJSON(t, db, &after, "entity", mistura.ID)
	if after.Name != "Staffan de Mistura (UN envoy)" {
		t.Errorf("rename lost after re-analysis: %q", after.Name)
	}
	hasAlias := func(e entity, a string) bool {
		for _, x := range e.Aliases {
			if x.Text == a {
				return true
			}
		}
		return false
	}
	if !hasAlias(after, "the UN envoy") {
		t.Errorf("added alias lost after re-analysis: %+v", after.Aliases)
	}
	if !hasAlias(after, "De Mistura") {
		t.Errorf("the new document's mention did not join the curated entity: %+v", after.Aliases)
	}
	// Splitting an alias off survives a plain re-analysis too.
	var moallem entity
	runJSON(t, db, &moallem, "entity", "Walid Muallem")
	if code, _, errs := run(t, db, "entity", "split", moallem.ID, "Moallem", "--name", "Moallem (other)"); code != 0 {
		t.Fatalf("split: %s", errs)
	}
	if code, _, errs := run(t, db, "analyze"); code != 0 {
		t.Fatalf("analyze: %s", errs)
	}
	var other entity
	runJSON(t, db, &other, "entity", "Moallem (other)")
	if other.ID == moallem.ID || !hasAlias(other, "Moallem") {
		t.Errorf("split lost after re-analysis: %+v (original %s)", other, moallem.ID)
	}
}

// TestWebCuration curates through the web server's API, wired as `parallax
// serve` wires it, on a real store: a write without the token is refused,
// with it the rename lands, an unknown entity is a 404 and a malformed op a
// 400.
func TestWebCuration(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(a, []byte("Talks in Geneva\n\nThe envoy Staffan de Mistura met Walid Muallem in Geneva on Monday, officials said. Muallem told reporters the talks were useful.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "web.db")
	if code, _, errs := run(t, db, "ingest", a); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	var mistura struct {
		ID string `json:"id"`
	}
	runJSON(t, db, &mistura, "entity", "Staffan de Mistura")

	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts := web.DefaultOptions()
	opts.Token = "test-token"
	opts.Curate = curator(st)
	srv, err := web.New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	post := func(token, body string) int {
		req, _ := http.NewRequest("POST", ts.URL+"/api/curate", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	rename := fmt.Sprintf(`{"op":"rename","args":[%q,"Staffan de Mistura (UN envoy)"]}`, mistura.ID)
	for _, c := range []struct {
		name, token, body string
		want              int
	}{
		{"no token", "", rename, http.StatusUnauthorized},
		{"wrong token", "nope", rename, http.StatusUnauthorized},
		{"unknown op", "test-token", `{"op":"explode","args":["a","b"]}`, http.StatusBadRequest},
		{"unknown entity", "test-token", `{"op":"merge","args":["no-such-entity","Walid Muallem"]}`, http.StatusNotFound},
		{"rename", "test-token", rename, http.StatusOK},
	} {
		if got := post(c.token, c.body); got != c.want && !(c.want == http.StatusUnauthorized && got == http.StatusForbidden) {
			t.Errorf("%s: status %d, want %d", c.name, got, c.want)
		}
	}
	var after struct {
		Name string `json:"name"`
	}
	runJSON(t, db, &after, "entity", mistura.ID)
	if after.Name != "Staffan de Mistura (UN envoy)" {
		t.Errorf("rename through the web API did not land: name %q", after.Name)
	}
}
