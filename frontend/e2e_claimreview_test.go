package frontend_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/frontend"
)

// TestClaimPageClaimReview: the page of a graded claim carries its
// ClaimReview as JSON-LD in the HTML the server sends, and Chromium loads
// it under the Content-Security-Policy without a violation. An inline
// script added afterwards is refused and reported, which shows that the
// policy is enforced and the violations are seen.
func TestClaimPageClaimReview(t *testing.T) {
	s := startBrowser(t)
	store := storetest.SQLite(t)
	if _, err := demo.Load(context.Background(), service.New(store, nil)); err != nil {
		t.Fatal(err)
	}
	pub := exchange.Publisher{Name: "Example Newsroom", URL: "https://newsroom.example.org/"}
	srv := httptest.NewUnstartedServer(nil)
	srv.Start()
	t.Cleanup(srv.Close)
	pub.BaseURL = srv.URL
	srv.Config.Handler = api.NewHandler(api.Options{Store: store, Assets: frontend.FS, Publisher: pub})

	var list struct {
		Items []struct {
			ID, Grade string
		} `json:"items"`
	}
	call(t, http.MethodGet, srv.URL+"/api/v1/claims?grade=contested&limit=1", nil, &list)
	if len(list.Items) != 1 {
		t.Fatal("the demo has no contested claim")
	}
	id := list.Items[0].ID

	// What the server sends, before any script runs.
	res, err := http.Get(srv.URL + "/claims/" + id)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindSubmatch(raw)
	if m == nil {
		t.Fatalf("the HTML of /claims/%s has no JSON-LD:\n%s", id, raw)
	}

	s.do(t, chromedp.Navigate("about:blank"))
	if _, err := chromedp.Call(s.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
	}); err != nil {
		t.Fatal(err)
	}
	s.do(t, chromedp.Navigate(srv.URL+"/claims/"+id))
	s.waitFor(t, "the claim page", `document.readyState === 'complete' && document.querySelector('main').innerText.trim().length > 0`)
	ld := eval[string](t, s, `document.querySelector('head script[type="application/ld+json"]').textContent`)
	var got, sent map[string]any
	if err := json.Unmarshal([]byte(ld), &got); err != nil {
		t.Fatalf("the JSON-LD in the page is not JSON: %v", err)
	}
	if err := json.Unmarshal(m[1], &sent); err != nil {
		t.Fatal(err)
	}
	if got["@type"] != "ClaimReview" || got["url"] != srv.URL+"/claims/"+id || got["url"] != sent["url"] {
		t.Errorf("JSON-LD in Chromium: @type %v, url %v; sent url %v", got["@type"], got["url"], sent["url"])
	}
	if r, _ := got["reviewRating"].(map[string]any); r["alternateName"] != exchange.GradeWords["contested"] {
		t.Errorf("reviewRating = %v, want the contested grade in words", got["reviewRating"])
	}
	if v := eval[[]string](t, s, `window.__csp`); len(v) != 0 {
		t.Errorf("CSP violations loading the claim page: %q", v)
	}
	s.screenshot(t, "claim-page-claimreview", false)
	s.checkClean(t)

	// The control: an inline script is refused and reported.
	eval[int](t, s, `(() => { const e = document.createElement('script'); e.textContent = 'window.__ran = 1'; document.head.appendChild(e); return 0; })()`)
	s.waitFor(t, "the violation report", `window.__csp.length > 0`)
	if ran := eval[bool](t, s, `window.__ran === 1`); ran {
		t.Errorf("an inline script ran: the policy is not enforced")
	}
	s.mu.Lock()
	s.console = nil
	s.mu.Unlock()

	// The export page links the other formats; the Excel CSV starts with
	// the UTF-8 byte order mark and the QuickStatements with its comment.
	s.do(t, chromedp.Navigate(srv.URL+"/transfer"))
	s.waitFor(t, "the export links", `!!document.querySelector('[data-testid="export-quickstatements"]')`)
	head, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](`(async () => {
		const csv = new Uint8Array(await (await fetch(document.querySelector('[data-testid="export-csv"]').href)).arrayBuffer());
		const qs = await (await fetch(document.querySelector('[data-testid="export-quickstatements"]').href)).text();
		return Array.from(csv.slice(0, 3)).join(',') + '|' + qs.slice(0, 36);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if head != "239,187,191|/* claimdesk export, QuickStatements" {
		t.Errorf("export links fetch %q, want a byte order mark and QuickStatements", head)
	}
	s.checkClean(t)
}
