package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// browser starts headless Chromium with a fresh profile and records what
// would betray injected markup: dialogs, exceptions and console or log
// errors (CSP violations among them).
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
	shots    string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("Chromium not found at %s (apt-get install -y chromium); skipping the browser test", chromiumPath)
	}
	shots := os.Getenv("PARALLAX_ARTIFACTS")
	if shots == "" {
		shots = t.TempDir()
	}
	shots = filepath.Join(shots, "web-screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA() })
	b := &browser{ctx: ctx, shots: shots}
	if err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			b.problems = append(b.problems, "dialog: "+ev.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		case *runtime.EventExceptionThrown:
			b.problems = append(b.problems, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				b.problems = append(b.problems, "console error")
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError && !strings.Contains(ev.Entry.Text, "favicon") {
				b.problems = append(b.problems, "log: "+ev.Entry.Text)
			}
		}
	}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable the log: %v", err)
	}
	t.Logf("screenshots in %s", shots)
	return b
}

func (b *browser) run(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// shot saves a full-page PNG screenshot.
func (b *browser) shot(t *testing.T, name string) {
	t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.shots, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

func (b *browser) takeProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

func (b *browser) text(t *testing.T, sel string) string {
	t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

func (b *browser) count(t *testing.T, sel string) int {
	t.Helper()
	return b.eval(t, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

// eval evaluates a JavaScript expression that gives a number.
func (b *browser) eval(t *testing.T, expr string) int {
	t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return n
}

func TestBrowser(t *testing.T) {
	b := newBrowser(t)
	opts := DefaultOptions()
	opts.Token = "browser-test-token"
	_, ts, _ := newTestServer(t, opts)
	base := ts.URL

	// search -> document -> entity -> story -> compare, by clicking.
	t.Run("click-through", func(t *testing.T) {
		b.run(t, "search", chromedp.Navigate(base+"/search?q=soleimani"), chromedp.WaitVisible(chromedp.CSS("#hits")))
		if n := b.count(t, "#hits mark"); n == 0 {
			t.Errorf("search snippets have no highlighted match")
		}
		b.shot(t, "01-search")
		b.run(t, "open a hit", chromedp.Click(chromedp.CSS("#hits li a.title")), chromedp.WaitVisible(chromedp.CSS("#text")))
		if n := b.count(t, "#text a.m"); n == 0 {
			t.Errorf("document text has no linked names")
		}
		if n := b.count(t, "#text .s[id^='s-']"); n == 0 {
			t.Errorf("document text has no sentence anchors")
		}
		b.shot(t, "02-document")
		b.run(t, "open a person", chromedp.Click(chromedp.CSS("#text a.m-PERSON")), chromedp.WaitVisible(chromedp.CSS("#aliases")))
		if n := b.count(t, "#aliases tr"); n == 0 {
			t.Errorf("entity page lists no spellings")
		}
		if n := b.count(t, "#co-mentioned li"); n == 0 {
			t.Errorf("entity page lists no co-mentioned entities")
		}
		b.shot(t, "03-entity")
		entityURL, err := chromedp.Run(b.ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		b.run(t, "compare on the entity", chromedp.Click(chromedp.CSS("#compare-link")), chromedp.WaitVisible(chromedp.CSS("#outlets")))
		b.shot(t, "04-compare-entity")
		b.run(t, "back to the entity", chromedp.Navigate(entityURL), chromedp.WaitVisible(chromedp.CSS("#stories-link")))
		b.run(t, "its stories", chromedp.Click(chromedp.CSS("#stories-link")), chromedp.WaitVisible(chromedp.CSS("#stories")))
		b.run(t, "open a story", chromedp.Click(chromedp.CSS("#stories a")), chromedp.WaitVisible(chromedp.CSS("#story-map")))
		if n := b.count(t, "#story-map .land path"); n == 0 {
			t.Errorf("story map has no base map")
		}
		if n := b.count(t, "#story-map circle.place"); n == 0 {
			t.Errorf("story map has no places")
		}
		if n := b.count(t, "#story-timeline circle.mark"); n == 0 {
			t.Errorf("story timeline has no marks")
		}
		b.shot(t, "05-story")
		b.run(t, "compare on an event", chromedp.Click(chromedp.CSS("ol.timeline a[href^='/compare?event=']")), chromedp.WaitVisible(chromedp.CSS("#outlets")))
		b.shot(t, "06-compare-event")
		if p := b.takeProblems(); len(p) > 0 {
			t.Errorf("the browser reported: %q", p)
		}
	})

	// Every page renders with content and without a console error.
	t.Run("pages", func(t *testing.T) {
		ids := findIDs(t, ts)
		pages := []struct{ name, path, sel string }{
			{"overview", "/", "#counts"},
			{"documents", "/documents", "#documents"},
			{"entities", "/entities", "#entities"},
			{"timeline", "/timeline", "#timeline"},
			{"event", "/events/" + url.PathEscape(ids.event), "ul.evidence"},
			{"stories", "/stories", "#stories"},
			{"quotes", "/quotes", "#quotes"},
			{"sources", "/sources", "#sources"},
			{"contradictions", "/contradictions", "#contradictions"},
			{"frames", "/frames", "#frames"},
			{"compare-choices", "/compare", "ul.choices"},
			{"exports", "/exports", "#exports"},
			{"upload", "/ingest", "main"},
			{"not-found", "/documents/ffffffffffff", "#error"},
		}
		for i, p := range pages {
			b.run(t, p.name, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS(p.sel)))
			b.shot(t, fmt.Sprintf("%02d-%s", 10+i, p.name))
			if p.name == "not-found" {
				b.takeProblems() // the page's own 404 is logged
			}
		}
		if p := b.takeProblems(); len(p) > 0 {
			t.Errorf("the browser reported: %q", p)
		}
	})

	// A figure's link highlights its span: ?hl= server-side, #s-… in script.
	t.Run("anchors", func(t *testing.T) {
		ids := findIDs(t, ts)
		var doc struct {
			Mentions []struct{ Start, End int }
		}
		getJSON(t, ts, "/api/documents/"+ids.doc, &doc)
		if len(doc.Mentions) == 0 {
			t.Fatal("document has no mentions")
		}
		m := doc.Mentions[len(doc.Mentions)/2]
		anchor := fmt.Sprintf("s-%d-%d", m.Start, m.End)
		b.run(t, "script highlight", chromedp.Navigate(fmt.Sprintf("%s/documents/%s#%s", base, ids.doc, anchor)), chromedp.WaitVisible(chromedp.CSS("#text")))
		marked, err := chromedp.Run(b.ctx, chromedp.Poll[int](`document.querySelectorAll("#text .hl-js").length || null`, chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatalf("wait for the script: %v", err)
		}
		if marked == 0 {
			t.Errorf("#%s marked nothing", anchor)
		}
		b.run(t, "server highlight", chromedp.Navigate(fmt.Sprintf("%s/documents/%s?hl=%d-%d#%s", base, ids.doc, m.Start, m.End, anchor)), chromedp.WaitVisible(chromedp.CSS("#"+anchor)))
		cls, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.getElementById(%q).className`, anchor)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(cls, "hl") {
			t.Errorf("the linked span has class %q, want hl", cls)
		}
		b.shot(t, "30-document-highlight")
	})

	// Hostile documents are shown as text on every page that shows them.
	t.Run("hostile", func(t *testing.T) {
		for i, p := range pagesShowingHostile(t, ts) {
			b.run(t, p, chromedp.Navigate(base+p), chromedp.WaitReady(chromedp.CSS("body")), chromedp.Sleep(50*time.Millisecond))
			if b.eval(t, `window.__pwned === undefined ? 0 : 1`) != 0 {
				t.Errorf("%s: a payload ran", p)
			}
			if n := b.count(t, `script:not([src="/static/app.js"]), iframe, object, embed, img, [onerror], [onload], [onmouseover], [onfocus], [autofocus], a[href^="javascript:"]`); n > 0 {
				t.Errorf("%s: %d injected elements", p, n)
			}
			if strings.HasPrefix(p, "/documents/") && strings.Contains(p, "hl=") {
				if txt := b.text(t, "#text"); !strings.Contains(txt, "window.__pwned") {
					t.Errorf("%s: the payload is not shown as text", p)
				}
				b.shot(t, fmt.Sprintf("%02d-hostile-document", 40+i))
			}
		}
		if p := b.takeProblems(); len(p) > 0 {
			t.Errorf("the browser reported: %q", p)
		}
	})

	// Log in and upload through the UI.
	t.Run("upload", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "dispatch.txt")
		os.WriteFile(file, []byte("Browser upload. Qassem Soleimani was reported near Baiji in 2015, sources said.\n\nNothing else.\n"), 0o644)
		b.run(t, "log in", chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS("#login")),
			chromedp.SendKeys(chromedp.CSS(`input[name="token"]`), opts.Token),
			chromedp.Submit(chromedp.CSS("#login")), chromedp.WaitVisible(chromedp.CSS("#counts")))
		b.run(t, "upload", chromedp.Navigate(base+"/ingest"), chromedp.WaitVisible(chromedp.CSS("#upload")),
			chromedp.SetUploadFiles(chromedp.CSS(`input[type="file"]`), []string{file}),
			chromedp.Submit(chromedp.CSS("#upload")), chromedp.WaitVisible(chromedp.CSS("#ingest-report")))
		if txt := b.text(t, "#ingest-report"); !strings.Contains(txt, "1 added") {
			t.Errorf("upload report: %q", txt)
		}
		b.shot(t, "50-upload")
		if p := b.takeProblems(); len(p) > 0 {
			t.Errorf("the browser reported: %q", p)
		}
	})
}
