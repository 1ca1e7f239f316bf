package frontend_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimdesk/claimdesk/claims"
)

// TestTeamHistory logs in as an analyst, edits a claim with a reason,
// reads the change in the history tab and restores the earlier version;
// then a viewer sees the claim without the forms they cannot use.
func TestTeamHistory(t *testing.T) {
	s := startBrowser(t)
	srv, store := teamServer(t, map[string]claims.Role{"bob": claims.RoleAnalyst, "ann": claims.RoleViewer})
	ctx := context.Background()
	const id = "r11-kolokoltsev-2015-09"
	before, err := store.FindClaim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}

	logInAt(t, s, srv.URL, "/claims/"+id, "bob")
	s.screenshot(t, "team-signed-in", false)
	// The edit form offers today's measures, and since: the figure becomes a
	// running total since 2013 in the same edit.
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => {
		const m = document.querySelector('form.editor select[id$="-scope-measure"]');
		if (![...m.options].some((o) => o.value === 'cumulative')) throw new Error('no cumulative measure: ' + [...m.options].map((o) => o.value));
		m.value = 'cumulative';
		document.querySelector('form.editor input[id$="-since"]').value = '2013';
	})()`))
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('form.editor input[id$="-quantity_text"]').select()`),
		chromedp.KeyEvent("2,400"),
		chromedp.SendKeys(chromedp.CSS(`form.editor [data-testid=reason]`), "Kommersant corrected the figure"),
		chromedp.Click(chromedp.CSS(`form.editor button[type=submit]`)))
	s.waitFor(t, "the saved claim", `!!document.querySelector('main h1') && document.querySelector('main h1').textContent.includes('2,400')`)
	if edited, err := store.FindClaim(ctx, id); err != nil {
		t.Fatal(err)
	} else if edited.Scope.Measure != claims.Cumulative || edited.Since != "2013" {
		t.Errorf("after the edit: measure %q since %q, want cumulative since 2013", edited.Scope.Measure, edited.Since)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=history-box] summary`)))
	s.waitFor(t, "the history", `!!document.querySelector('main h1') && document.querySelector('main h1').textContent.includes('2,400') && !!document.querySelector('[data-testid=history] li.hist')`)
	s.waitFor(t, "the change in the history", `[...document.querySelectorAll('[data-testid=history] li.hist')].length === 2`)
	top := eval[string](t, s, `document.querySelector('[data-testid=history] li.hist').innerText`)
	if !strings.Contains(top, "Version 2") || !strings.Contains(top, "bob") || !strings.Contains(top, "Kommersant corrected the figure") ||
		!strings.Contains(top, before.QuantityText) || !strings.Contains(top, "2,400") {
		t.Errorf("history line %q: want version 2 by bob, the reason and the quantity's change from %q", top, before.QuantityText)
	}
	s.do(t, chromedp.ScrollIntoView(chromedp.CSS(`[data-testid=history]`)))
	s.screenshot(t, "team-history", false)

	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=restore-1]`)))
	s.waitFor(t, "the restored claim", `!!document.querySelector('main h1') && !document.querySelector('main h1').textContent.includes('2,400') && !!document.querySelector('[data-testid=history-box]')`)
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=history-box] summary`)))
	s.waitFor(t, "the restore in the history", `[...document.querySelectorAll('[data-testid=history] li.hist')].length === 3`)
	got, err := store.FindClaim(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	h, err := store.History(ctx, "claim", id)
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	if got.QuantityText != before.QuantityText || got.Version != 3 || last.Action != claims.ActionRestore || last.Actor != "bob" || last.RestoredFrom != 1 {
		t.Errorf("after restoring: claim v%d %q, last line %+v; want v3 %q restored by bob from version 1", got.Version, got.QuantityText, last, before.QuantityText)
	}
	s.do(t, chromedp.ScrollIntoView(chromedp.CSS(`[data-testid=history]`)))
	s.screenshot(t, "team-restored", false)

	logOut(t, s)
	logInAt(t, s, srv.URL, "/claims/"+id, "ann")
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=history-box] summary`)))
	s.waitFor(t, "the viewer's history", `[...document.querySelectorAll('[data-testid=history] li.hist')].length === 3`)
	hidden := eval[bool](t, s, `document.querySelector('form.editor').offsetParent === null &&
		[...document.querySelectorAll('.review-actions')].every((e) => e.offsetParent === null) &&
		!document.querySelector('[data-testid^=restore-]') && document.querySelector('[data-nav=new]').offsetParent === null`)
	if !hidden {
		t.Error("a viewer sees the edit form, a restore button or Enter claim")
	}
	s.screenshot(t, "team-viewer", false)
	s.checkClean(t)
}
