package frontend_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSeverityBadgeReadsTheExplanationsFigure lists the demo's conflicts:
// each badge gives the factor as the explanation beside it does, the same
// figure written the same way ("25.5×", "32,800×"), where the badge once
// rounded 25.5 to "26×" next to "by 25.5x", and the explanations wrote
// "32800x" beside a badge's "32,800×". A conflict whose explanation gives
// no factor (an analyst's link to a claim without a number) is not
// checked.
func TestSeverityBadgeReadsTheExplanationsFigure(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the conflicts", `document.querySelectorAll('.conflict-item').length > 0`)
	rows := eval[[][]string](t, s, `[...document.querySelectorAll('.conflict-item')].map((li) => [li.querySelector('.sev-badge').textContent, li.querySelector('.expl').textContent])`)
	checked := 0
	factorIn := regexp.MustCompile(`[0-9][0-9,.]*[x×]`)
	for _, r := range rows {
		badge, expl := r[0], r[1]
		if !factorIn.MatchString(expl) {
			continue // an analyst's link to a claim with no number: no factor said
		}
		i := strings.LastIndex(badge, " ")
		figure := badge[i+1:]
		if !strings.HasSuffix(figure, "×") || !strings.Contains(expl, " "+figure) {
			t.Errorf("badge %q, explanation %q: the explanation does not give %s", badge, expl, figure)
		}
		checked++
	}
	if checked < 5 {
		t.Fatalf("%d conflicts listed, want the demo's", checked)
	}
}
