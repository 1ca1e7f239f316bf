package frontend_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/frontend"
)

// xss is stored as quotes and names: it must show as text, never run.
const xss = `<img src=x onerror=alert(1)>`

// session is one headless Chromium shared by the subtests, with what the
// page reported: console messages and JavaScript dialogs.
type session struct {
	ctx   context.Context
	shots string

	mu       sync.Mutex
	console  []string
	dialogs  []string
	download string
}

// browserWait bounds every wait on the browser. It is long on purpose: a
// step that is correct finishes far sooner, and only a broken one waits it
// out, so a loaded machine never fails a test by being slow.
const browserWait = 2 * time.Minute

func (s *session) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		body, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.activeElement.outerHTML.slice(0, 300) + '\n' + document.body.innerText.slice(0, 1500)`))
		t.Fatalf("browser: %v\nfocus and page text:\n%s", err, body)
	}
}

func eval[T any](t *testing.T, s *session, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript expression until it is true.
func (s *session) waitFor(t *testing.T, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr)); err != nil {
		body, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 2000)`))
		t.Fatalf("waiting for %s: %v\npage text:\n%s", what, err, body)
	}
}

// screenshot saves the viewport, or the whole page when full is set.
func (s *session) screenshot(t *testing.T, name string, full bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(s.shots, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

func (s *session) checkClean(t *testing.T) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.console {
		if strings.Contains(m, "Content Security Policy") || strings.Contains(m, "Refused to") || strings.HasPrefix(m, "exception") {
			t.Errorf("console: %s", m)
		}
	}
	if len(s.dialogs) > 0 {
		t.Errorf("dialogs opened: %q", s.dialogs)
	}
	s.console, s.dialogs = nil, nil
}

func startBrowser(t *testing.T) *session {
	t.Helper()
	exe := "/usr/bin/chromium"
	if _, err := os.Stat(exe); err != nil {
		p, lerr := exec.LookPath("chromium")
		if lerr != nil {
			if os.Getenv("CLAIMDESK_REQUIRE_BROWSER") == "1" {
				t.Fatalf("chromium is not installed and CLAIMDESK_REQUIRE_BROWSER=1")
			}
			t.Skip("chromium is not installed: skipping the end-to-end tests (set CLAIMDESK_REQUIRE_BROWSER=1 to fail instead)")
		}
		exe = p
	}
	shots := os.Getenv("CLAIMDESK_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1360, 900),
	)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	s := &session{ctx: ctx, shots: shots, download: t.TempDir()}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			s.mu.Lock()
			s.dialogs = append(s.dialogs, ev.Message)
			s.mu.Unlock()
			go func() {
				_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			}()
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			s.mu.Lock()
			text := m.Text
			if m.IsException() {
				text = "exception: " + text
			}
			s.console = append(s.console, text)
			s.mu.Unlock()
		}
	}()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: s.download,
	}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	return s
}

func newServer(t *testing.T, loadDemo bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(newHandler(t, loadDemo))
	t.Cleanup(srv.Close)
	return srv
}

// newHandler is the application over a store of its own, with the demo
// loaded or not, for a test server that wraps it.
func newHandler(t *testing.T, loadDemo bool) http.Handler {
	t.Helper()
	store := storetest.SQLite(t)
	if loadDemo {
		if _, err := demo.Load(context.Background(), service.New(store, nil)); err != nil {
			t.Fatalf("load demo: %v", err)
		}
	}
	return api.NewHandler(api.Options{Store: store, Assets: frontend.FS})
}

// call sends a JSON request to the API and decodes the answer into out.
func call(t *testing.T, method, url string, body, out any) int {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, url, err, b)
		}
	}
	if res.StatusCode >= 300 && out != nil {
		t.Fatalf("%s %s: %d %s", method, url, res.StatusCode, b)
	}
	return res.StatusCode
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestEndToEnd(t *testing.T) {
	s := startBrowser(t)
	blank := newServer(t, false)
	demoSrv := newServer(t, true)

	t.Run("founding example through the form", func(t *testing.T) { foundingExample(t, s, blank.URL) })
	t.Run("validation error next to its field", func(t *testing.T) { validationError(t, s, blank.URL) })
	t.Run("every quantity in a quote", func(t *testing.T) { quantitiesInQuote(t, s, blank.URL) })
	t.Run("user text is never markup", func(t *testing.T) { userTextIsText(t, s, blank.URL) })
	t.Run("demo topics, keyboard and a phone", func(t *testing.T) { demoTopics(t, s, demoSrv.URL) })
	t.Run("export matches the API", func(t *testing.T) { exportTopic(t, s, demoSrv.URL) })
	t.Run("demo screens and timeline", func(t *testing.T) { demoScreens(t, s, demoSrv.URL) })
	t.Run("import through the page", func(t *testing.T) { importFile(t, s, demoSrv.URL, newServer(t, false).URL) })
	t.Run("contrast and landmarks, light and dark", func(t *testing.T) { accessibility(t, s, demoSrv.URL) })
}

type claimEntry struct {
	quote, claimant, role, kind, source string
	places                              []string
	saidOn                              string
}

func enterClaim(t *testing.T, s *session, base, topicID string, c claimEntry) {
	t.Helper()
	s.do(t, chromedp.Navigate(base+"/claims/new?topic="+topicID))
	s.waitFor(t, "the claim form", `!!document.querySelector('#f-quote') && document.querySelector('#f-topic').value === `+jsString(topicID))
	s.do(t, chromedp.SendKeys(chromedp.CSS("#f-quote"), c.quote))
	s.waitFor(t, "the quantity read live", `document.querySelector('#f-quantity').value !== '' && document.querySelector('#reading').textContent.includes('Read as')`)

	for _, p := range []struct{ id, name string }{{"f-claimant", c.claimant}, {"f-source", c.source}} {
		s.do(t,
			chromedp.Click(chromedp.CSS(`button[aria-controls="`+p.id+`-new"]`)),
			chromedp.SendKeys(chromedp.CSS("#"+p.id+"-new-name"), p.name),
		)
		if p.id == "f-claimant" {
			s.do(t, chromedp.SendKeys(chromedp.CSS("#f-claimant-new-role"), c.role),
				chromedp.SetValue(chromedp.CSS("#f-claimant-new-kind"), c.kind))
		}
		s.do(t, chromedp.Click(chromedp.CSS("#"+p.id+"-new button.primary")))
		s.waitFor(t, p.name+" chosen", `(() => { const c = document.querySelector('#`+p.id+`').parentElement.querySelector('.chosen'); return !c.hidden && c.textContent.includes(`+jsString(p.name)+`); })()`)
	}
	for _, pl := range c.places {
		s.do(t, chromedp.SendKeys(chromedp.CSS("#f-places"), pl+"\r"))
	}
	s.do(t,
		chromedp.SendKeys(chromedp.CSS("#f-population"), "Russian nationals"),
		chromedp.SendKeys(chromedp.CSS("#f-group"), "Islamic State"),
		chromedp.SendKeys(chromedp.CSS("#f-said_on"), c.saidOn),
		chromedp.Focus(chromedp.CSS("#f-quote")),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	)
	s.waitFor(t, "the comparison after saving", `location.pathname === '/topics/`+topicID+`'`)
}

func foundingExample(t *testing.T, s *session, base string) {
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics screen", `document.querySelector('h1') && document.querySelector('h1').textContent === 'Topics'`)
	// No accounts exist: the header says nobody signs in, not "local admin".
	if got := eval[string](t, s, `document.querySelector('#user').textContent`); got != "Single-user mode: no sign-in" {
		t.Errorf("header user bar without accounts = %q, want the single-user mode", got)
	}
	s.do(t,
		chromedp.Click(chromedp.CSS(`button[aria-controls="new-topic"]`)),
		chromedp.SendKeys(chromedp.CSS("#nt-title"), "Russians fighting with Islamic State"),
		chromedp.Click(chromedp.CSS(`#new-topic button[type=submit]`)),
	)
	s.waitFor(t, "the new topic's page", `location.pathname.startsWith('/topics/')`)
	topicID := strings.TrimPrefix(eval[string](t, s, `location.pathname`), "/topics/")

	enterClaim(t, s, base, topicID, claimEntry{
		quote: "I think we're talking about a few dozen.", claimant: "Mikhail Bogdanov", role: "Deputy Foreign Minister",
		kind: "person", source: "Kommersant", places: []string{"Syria", "Iraq"}, saidOn: "2014-09-29",
	})
	enterClaim(t, s, base, topicID, claimEntry{
		quote: "About 800 Russians are fighting alongside Islamic State in Syria alone.", claimant: "The Independent",
		role: "British newspaper", kind: "organisation", source: "The Independent", places: []string{"Syria"}, saidOn: "2014-09",
	})

	s.waitFor(t, "two cards", `document.querySelectorAll('.card').length === 2`)
	if eval[bool](t, s, `!!document.querySelector('.notice')`) {
		s.screenshot(t, "comparison-partial", false)
		t.Fatal("the topic page shows a notice instead of the comparison: conflicts cannot be shown")
	}
	s.waitFor(t, "the conflict", `!!document.querySelector('.conflict-item')`)
	text := eval[string](t, s, `document.querySelector('.conflict-item').textContent`)
	for _, want := range []string{"12", "Syria", "Bogdanov", "Independent"} {
		if !strings.Contains(text, want) {
			t.Errorf("conflict %q does not mention %q", text, want)
		}
	}
	if got := eval[string](t, s, `document.querySelector('[data-testid=summary]').textContent`); !strings.Contains(got, "2 claims") || !strings.Contains(got, "1 open conflict") {
		t.Errorf("summary line = %q, want 2 claims and 1 open conflict", got)
	}
	// The plot's conflict explains itself on keyboard focus, too.
	// Cards carry a compact line, not the explanation a third time.
	const expl = "a count for part of the area"
	if n := eval[int](t, s, `[...document.querySelectorAll('.card')].filter(c => c.textContent.includes(`+jsString(expl)+`)).length`); n != 0 {
		t.Errorf("%d cards repeat the full explanation", n)
	}
	lines := eval[[]string](t, s, `[...document.querySelectorAll('.card .card-conflict')].map(p => p.textContent)`)
	if len(lines) != 2 || !strings.Contains(strings.Join(lines, "|"), "Severe 12× · contradicts The Independent") {
		t.Errorf("card conflict lines = %q, want two compact lines naming the other claimant", lines)
	}
	// The floating explanation takes no room until used, and moves nothing.
	if eval[bool](t, s, `!document.querySelector('.plot-tip').hidden`) {
		t.Error("the plot's explanation shows before anything is focused")
	}
	before := eval[float64](t, s, `document.querySelector('.card').getBoundingClientRect().top + scrollY`)
	s.do(t, chromedp.Focus(chromedp.CSS(`svg .conflict`)))
	s.waitFor(t, "the explanation on focus", `!document.querySelector('.plot-tip').hidden && document.querySelector('.plot-tip').textContent.includes('Syria')`)
	if after := eval[float64](t, s, `document.querySelector('.card').getBoundingClientRect().top + scrollY`); after != before {
		t.Errorf("focusing a conflict moved the cards from %v to %v", before, after)
	}
	if got := eval[string](t, s, `document.activeElement.getAttribute('aria-label')`); !strings.Contains(got, "12") || !strings.Contains(got, "Bogdanov") {
		t.Errorf("focused conflict's label = %q, want its factor and claimants", got)
	}
	if got := eval[string](t, s, `document.activeElement.getAttribute('aria-describedby').split(' ').map(id => document.getElementById(id).textContent).join(' ')`); !strings.Contains(got, expl) {
		t.Errorf("focused conflict's description = %q, want the explanation", got)
	}
	s.screenshot(t, "comparison-founding", true)
	s.do(t, chromedp.EmulateViewport(1280, 800))
	s.do(t, chromedp.Navigate(base+"/topics/"+topicID))
	// The README's picture: nothing focused, so both ranges show.
	s.waitFor(t, "the plot's conflict", `!!document.querySelector('svg .conflict')`)
	s.screenshot(t, "readme-comparison", false)
	s.do(t, chromedp.EmulateViewport(1360, 900))
	// The card's line leads to the pair in the conflicts list.
	s.do(t, chromedp.Click(chromedp.CSS(`.card .card-conflict a`)))
	s.waitFor(t, "the pair focused", `document.activeElement.classList.contains('conflict-item')`)
	checkConsensus(t, s, base, topicID)
	s.do(t, chromedp.Navigate(base+"/topics/"+topicID+"?view=timeline"))
	s.waitFor(t, "the timeline", `document.querySelectorAll('svg .tl-point').length === 2`)
	if n := eval[int](t, s, `document.querySelectorAll('svg .tl-point .tl-range').length`); n != 2 {
		t.Errorf("%d ranges drawn on the timeline, want 2", n)
	}
	s.screenshot(t, "timeline-founding", false)
	s.checkClean(t)
}

func validationError(t *testing.T, s *session, base string) {
	var topics struct {
		Items []struct{ ID string } `json:"items"`
	}
	call(t, "GET", base+"/api/v1/topics", nil, &topics)
	if len(topics.Items) == 0 {
		t.Fatal("no topic: the founding example, which makes it, failed")
	}
	topicID := topics.Items[0].ID
	s.do(t, chromedp.Navigate(base+"/claims/new?topic="+topicID))
	s.waitFor(t, "the claim form", `!!document.querySelector('#f-quote')`)
	s.do(t, chromedp.SendKeys(chromedp.CSS("#f-quote"), "more than 400 Russian citizens"),
		chromedp.SendKeys(chromedp.CSS("#f-claimant"), "Bogdanov"))
	s.waitFor(t, "a claimant match", `!!document.querySelector('#f-claimant-list button')`)
	s.do(t, chromedp.Click(chromedp.CSS("#f-claimant-list button")),
		chromedp.SendKeys(chromedp.CSS("#f-source"), "Kommersant"))
	s.waitFor(t, "a source match", `!!document.querySelector('#f-source-list button')`)
	s.do(t, chromedp.Click(chromedp.CSS("#f-source-list button")),
		chromedp.SendKeys(chromedp.CSS("#f-said_on"), "2014-13-45"))
	s.waitFor(t, "the quantity read", `document.querySelector('#f-quantity').value !== ''`)
	s.do(t, chromedp.Click(chromedp.CSS(`form button[type=submit]`)))
	s.waitFor(t, "the error by said_on", `document.querySelector('#f-said_on').getAttribute('aria-invalid') === 'true'`)
	if got := eval[string](t, s, `document.querySelector('#f-said_on-err').textContent`); got == "" {
		t.Error("no error text next to said_on")
	}
	if got := eval[string](t, s, `document.activeElement.id`); got != "f-said_on" {
		t.Errorf("focus is on %q, want f-said_on", got)
	}
	if got := eval[int](t, s, `document.querySelectorAll('[aria-invalid=true]').length`); got != 1 {
		t.Errorf("%d fields marked invalid, want only said_on", got)
	}
	if got := eval[string](t, s, `document.querySelector('#f-said_on').getAttribute('aria-describedby')`); !strings.Contains(got, "f-said_on-err") {
		t.Errorf("said_on aria-describedby = %q, want its error", got)
	}
	s.screenshot(t, "form-error", true)
	s.checkClean(t)
}

func userTextIsText(t *testing.T, s *session, base string) {
	var topic, claimant, other, source, claim struct{ ID string }
	call(t, "POST", base+"/api/v1/topics", map[string]any{"title": xss, "description": xss, "additive": true, "tags": []string{"x"}}, &topic)
	call(t, "POST", base+"/api/v1/claimants", map[string]any{"name": xss, "role": xss}, &claimant)
	call(t, "POST", base+"/api/v1/claimants", map[string]any{"name": xss + " 2"}, &other)
	call(t, "POST", base+"/api/v1/sources", map[string]any{"name": xss}, &source)
	call(t, "POST", base+"/api/v1/claims", map[string]any{
		"topic_id": topic.ID, "claimant_id": claimant.ID, "quote": "about 800 " + xss, "quantity_text": "about 800",
		"provenance": map[string]any{"source_id": source.ID}, "scope": map[string]any{"places": []string{xss}, "population": xss},
		"said_on": "2014-09",
	}, &claim)
	call(t, "POST", base+"/api/v1/claims", map[string]any{
		"topic_id": topic.ID, "claimant_id": other.ID, "quote": "a few dozen " + xss, "quantity_text": "a few dozen",
		"provenance": map[string]any{"source_id": source.ID}, "scope": map[string]any{"places": []string{xss}, "population": xss}, "said_on": "2014-09",
	}, nil)
	call(t, "POST", base+"/api/v1/claims", map[string]any{
		"topic_id": topic.ID, "claimant_id": claimant.ID, "quote": xss + " 1,700", "quantity_text": "1,700",
		"provenance": map[string]any{"source_id": source.ID}, "said_on": "2015-02", "rank": "deprecated", "deprecation_reason": xss,
	}, nil)
	pages := []string{"/", "/topics/" + topic.ID, "/topics/" + topic.ID + "?view=timeline", "/topics/" + topic.ID + "/series",
		"/claims/" + claim.ID, "/conflicts", "/transfer", "/claims/new?topic=" + topic.ID}
	for _, p := range pages {
		s.do(t, chromedp.Navigate(base+p))
		s.waitFor(t, p+" showing the payload as text", `document.body.innerText.includes(`+jsString(xss)+`) || document.querySelector('#f-topic') && [...document.querySelectorAll('#f-topic option')].some(o => o.textContent === `+jsString(xss)+`)`)
		if n := eval[int](t, s, `document.querySelectorAll('img, [onerror]').length`); n != 0 {
			t.Errorf("%s: %d img or onerror elements were created from user text", p, n)
		}
	}
	s.do(t, chromedp.Navigate(base+"/topics/"+topic.ID))
	s.waitFor(t, "the comparison", `document.querySelectorAll('.card').length === 3`)
	if got := eval[string](t, s, `document.querySelector('.card.deprecated .dep-reason').textContent`); !strings.Contains(got, xss) {
		t.Errorf("deprecation reason = %q, want the payload as text", got)
	}
	s.screenshot(t, "xss", true)
	checkConsensus(t, s, base, topic.ID)
	s.checkClean(t)
}

func demoTopics(t *testing.T, s *session, base string) {
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "six topics", `document.querySelectorAll('tbody tr').length === 6`)
	counts := eval[[]string](t, s, `[...document.querySelectorAll('td[data-col=claims]')].map(td => td.textContent)`)
	total := 0
	for _, c := range counts {
		var n int
		if _, err := fmt.Sscan(c, &n); err != nil || n == 0 {
			t.Errorf("topic claim count %q, want a positive number", c)
		}
		total += n
	}
	if total != 62 {
		t.Errorf("topic claim counts add up to %d, want 62", total)
	}
	s.screenshot(t, "topics", false)

	// Keyboard only: Tab from the top of the page to the first topic, Enter.
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	reached := false
	for range 30 {
		s.do(t, chromedp.KeyEvent("\t"))
		if eval[bool](t, s, `!!document.activeElement.closest('.topic-title')`) {
			reached = true
			break
		}
	}
	if !reached {
		t.Fatal("Tab never reached a topic link")
	}
	s.do(t, chromedp.KeyEvent("\r"))
	s.waitFor(t, "a comparison opened by keyboard", `location.pathname.startsWith('/topics/') && document.querySelectorAll('.card').length > 0`)
	s.waitFor(t, "the plot", `document.querySelectorAll('svg.plot .row').length > 0`)

	s.do(t, chromedp.Navigate(base+"/topics/topic-russians-is"))
	s.waitFor(t, "the Russians comparison", `document.querySelectorAll('svg.plot .row').length > 5`)
	s.screenshot(t, "comparison-demo", false)
	checkConsensus(t, s, base, "topic-russians-is")

	s.do(t, chromedp.EmulateViewport(360, 780))
	defer s.do(t, chromedp.EmulateViewport(1360, 900))
	for _, p := range []string{"/", "/topics/topic-russians-is", "/topics/topic-russians-is?view=timeline", "/claims/new", "/conflicts", "/transfer", "/topics/topic-russians-is/series"} {
		s.do(t, chromedp.Navigate(base+p))
		s.waitFor(t, p+" rendered", `!!document.querySelector('main h1') && !document.querySelector('main [aria-busy=true]')`)
		s.do(t, chromedp.Sleep(150*time.Millisecond)) // let the plot redraw to the new width
		if w := eval[[]int](t, s, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
			t.Errorf("%s at 360 px: page is %d px wide, viewport %d", p, w[0], w[1])
		}
		if p == "/topics/topic-russians-is" {
			s.screenshot(t, "comparison-360", false)
		}
	}
	s.checkClean(t)
}

func exportTopic(t *testing.T, s *session, base string) {
	const topicID = "topic-russians-is"
	res, err := http.Get(base + "/api/v1/export?format=json&topic_id=" + topicID)
	if err != nil {
		t.Fatal(err)
	}
	apiBody, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/export: %d", res.StatusCode)
	}
	s.do(t, chromedp.Navigate(base+"/topics/"+topicID))
	s.waitFor(t, "the export link", `!!document.querySelector('[data-testid=export-topic]')`)
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=export-topic]`)))
	var got []byte
	deadline := time.Now().Add(browserWait)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(s.download, "*.json"))
		if len(files) == 1 {
			if got, err = os.ReadFile(files[0]); err == nil && json.Valid(got) {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if len(got) == 0 {
		t.Fatal("no JSON file was downloaded")
	}
	if err := sameExport(got, apiBody); err != nil {
		t.Error(err)
	}
	s.checkClean(t)
}

// sameExport compares two exports, ignoring when each was made.
func sameExport(got, want []byte) error {
	var g, w map[string]any
	if err := json.Unmarshal(got, &g); err != nil {
		return fmt.Errorf("downloaded file: %v", err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		return fmt.Errorf("API export: %v", err)
	}
	delete(g, "exported_at")
	delete(w, "exported_at")
	if len(g) == 0 {
		return errors.New("downloaded export is empty")
	}
	if d := cmp.Diff(w, g); d != "" {
		return fmt.Errorf("downloaded export differs from the API's (-api +download):\n%s", d)
	}
	return nil
}
