package frontend_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConflictWithAnotherTopicsClaimNamesItsClaimant: in the demo, Elena
// Sutormina's 7,000 for Syria (fighters from the former USSR other than
// Russia) exceeds Sergei Rudskoy's "up to 4,500", a claim of the parent
// topic. The topic's page names Rudskoy in its conflicts list and on the
// card, where it showed the claim's ID ("r25-rudskoy-2015") and "exceeds
// its whole another claim".
func TestConflictWithAnotherTopicsClaimNamesItsClaimant(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	s.do(t, chromedp.Navigate(base+"/topics/topic-ex-ussr-other"))
	s.waitFor(t, "the conflicts list", `document.querySelectorAll('.conflict-item .pair').length > 0`)
	pairs := eval[[]string](t, s, `[...document.querySelectorAll('.conflict-item .pair')].map((p) => p.textContent)`)
	lines := eval[[]string](t, s, `[...document.querySelectorAll('.card-conflict')].map((p) => p.textContent)`)
	found := false
	for _, p := range pairs {
		if strings.Contains(p, "r25-rudskoy-2015") {
			t.Errorf("conflict pair %q shows the other topic's claim by its ID", p)
		}
		if strings.Contains(p, "Sergei Rudskoy") {
			found = true
		}
	}
	if !found {
		t.Errorf("no conflict pair names Sergei Rudskoy: %q", pairs)
	}
	for _, l := range lines {
		if strings.Contains(l, "another claim") || strings.Contains(l, "r25-rudskoy-2015") {
			t.Errorf("card conflict line %q does not name the other claim's claimant", l)
		}
	}
	if len(lines) == 0 {
		t.Errorf("no card shows a conflict line")
	}
}
