package frontend_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestLongListsKeepTheFocus: on a topic of 2,100 claims and 311 topics,
// counts have thousands separators, "/" on the browse screen goes to its
// own search box, and each "Show more" leaves the keyboard's focus on the
// first row or card it added, not on the page.
func TestLongListsKeepTheFocus(t *testing.T) {
	const n = 2100
	s := startBrowser(t)
	base := newServer(t, false).URL
	importBigTopic(t, base, n)
	importTopics(t, base, 310)

	t.Run("counts", func(t *testing.T) {
		s.do(t, chromedp.Navigate(base+"/?q=large"))
		s.waitFor(t, "the large topic", `!!document.querySelector('tr[data-topic=big]')`)
		if got := eval[string](t, s, `document.querySelector('tr[data-topic=big] td[data-col=claims]').textContent`); got != "2,100" {
			t.Errorf("claims of the large topic shown as %q, want 2,100", got)
		}
		s.do(t, chromedp.Navigate(base+"/search"))
		s.waitFor(t, "the total", `(document.querySelector('.summary-line') || {}).textContent === '2,100 claims'`)
	})

	t.Run("slash on browse", func(t *testing.T) {
		s.do(t, chromedp.Navigate(base+"/search?q=Claimant"))
		s.waitFor(t, "the browse screen", `document.querySelectorAll('.result-card').length > 0`)
		s.do(t, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`), chromedp.KeyEvent("/"))
		s.waitFor(t, "a box focused", `document.activeElement && document.activeElement.tagName === 'INPUT'`)
		if !eval[bool](t, s, `document.activeElement.classList.contains('browse-q') && document.activeElement.value === 'Claimant'`) {
			t.Errorf("/ on the browse screen focused %s, want its own search box, untouched", eval[string](t, s, `document.activeElement.outerHTML`))
		}
	})

	s.checkClean(t)
}
