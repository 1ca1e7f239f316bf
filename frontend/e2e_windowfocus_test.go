package frontend_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConflictsNextSupersededKeepsFocusOnTheFilter: "Next" is clicked and,
// before its window arrives, the analyst moves to the severity filter and
// changes it; the read of the next window is dropped, and the focus must
// stay on the filter the analyst is using, not jump into the list.
func TestConflictsNextSupersededKeepsFocusOnTheFilter(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, false).URL
	importConflicts(t, base, 180)
	idle := `(document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false)`
	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the first window", idle+` && !!document.querySelector('[data-testid=next-conflicts]') && !document.querySelector('[data-testid=next-conflicts]').hidden`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => {
		document.querySelector('[data-testid=next-conflicts]').click();
		const sev = document.getElementById('cf-severity');
		sev.focus();
		sev.value = 'severe';
		sev.dispatchEvent(new Event('change'));
	})()`))
	s.waitFor(t, "the severe conflicts", idle+` && location.search === '?severity=severe'`)
	if got := eval[string](t, s, `document.activeElement.id || document.activeElement.className || document.activeElement.tagName`); got != "cf-severity" {
		t.Errorf("focus on %q after the next window was superseded by a filter change, want cf-severity", got)
	}
	s.checkClean(t)
}
