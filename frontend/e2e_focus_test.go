package frontend_test

import (
	"strings"
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

	// The focus is on the index-th item of selector.
	focusedAt := func(selector string, index int) {
		t.Helper()
		if got := eval[int](t, s, `[...document.querySelectorAll(`+jsString(selector)+`)].indexOf(document.activeElement)`); got != index {
			focus := eval[string](t, s, `document.activeElement.outerHTML.slice(0, 120)`)
			t.Errorf("focus on item %d of %s (%s), want item %d", got, selector, focus, index)
		}
	}

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
		// Only that box announces the shortcut, not the header's too.
		if got := eval[string](t, s, `[...document.querySelectorAll('[aria-keyshortcuts="/"]')].map((e) => e.className || e.name).join(' ')`); got != "browse-q" {
			t.Errorf("boxes announcing / on the browse screen: %q, want only its own (browse-q)", got)
		}
	})

	t.Run("topics", func(t *testing.T) {
		s.do(t, chromedp.Navigate(base+"/"))
		s.waitFor(t, "the topics", `document.querySelectorAll('tbody tr').length === 300`)
		s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=more-topics]`)))
		s.waitFor(t, "the rest", `document.querySelectorAll('tbody tr').length === 311`)
		focusedAt("tbody tr", 300)
	})

	t.Run("browse", func(t *testing.T) {
		s.do(t, chromedp.Navigate(base+"/search"))
		s.waitFor(t, "the cards", `document.querySelectorAll('.result-card').length === 50`)
		s.do(t, chromedp.Click(chromedp.CSS(`.browse-results > button`)))
		s.waitFor(t, "more cards", `document.querySelectorAll('.result-card').length === 100`)
		focusedAt(".result-card", 50)
	})

	t.Run("conflicts", func(t *testing.T) {
		s.do(t, chromedp.Navigate(base+"/conflicts"))
		s.waitFor(t, "the conflicts", `document.querySelectorAll('.conflict-item').length === 200`)
		s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=more-conflicts]`)))
		s.waitFor(t, "more conflicts", `document.querySelectorAll('.conflict-item').length > 200`)
		focusedAt(".conflict-item", 200)
	})

	t.Run("comparison", func(t *testing.T) {
		s.do(t, chromedp.Navigate(base+"/topics/big"))
		s.waitFor(t, "the pager", `!!document.querySelector('[data-testid=show-200]') && document.querySelectorAll('.cards .card').length === 200`)
		before := eval[[]string](t, s, `[...document.querySelectorAll('.cards .card')].map((c) => c.dataset.claim)`)
		s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=show-200]`)))
		s.waitFor(t, "200 more claims", `document.querySelectorAll('.cards .card').length === 400`)
		shown := make(map[string]bool, len(before))
		for _, id := range before {
			shown[id] = true
		}
		cards := eval[[]string](t, s, `[...document.querySelectorAll('.cards .card')].map((c) => c.dataset.claim)`)
		first := -1
		for i, id := range cards {
			if !shown[id] {
				first = i
				break
			}
		}
		if first < 0 {
			t.Fatal("no card added by Show 200 more")
		}
		focusedAt(".cards .card", first)
		// The added claims, mixed among the others by date, are marked
		// and counted, and the count is announced.
		marked := eval[[]string](t, s, `[...document.querySelectorAll('.cards .card.added')].map((c) => c.dataset.claim)`)
		for _, id := range marked {
			if shown[id] {
				t.Errorf("claim %s marked added, though shown before", id)
			}
		}
		if len(marked) != 200 {
			t.Errorf("%d claims marked added, want the 200", len(marked))
		}
		if got := eval[int](t, s, `document.querySelectorAll('.cards .card.added .added-tag').length`); got != 200 {
			t.Errorf("%d added claims say so in words, want 200", got)
		}
		// The tag is not in the heading that names the card.
		if got := eval[[]string](t, s, `[...document.querySelectorAll('.cards .card.added')].slice(0, 3).map((c) => c.querySelector('h3').textContent)`); len(got) == 0 || strings.Contains(strings.Join(got, "|"), "added") {
			t.Errorf("headings of added cards %q: want the names alone", got)
		}
		// The topic holds the n (2,100) claims imported.
		if got, want := eval[string](t, s, `document.getElementById('announce').textContent`), "Showing 400 of 2,100 claims; the 200 added are marked."; n != 2100 || got != want {
			t.Errorf("announced %q, want %q", got, want)
		}
		if got := eval[string](t, s, `document.querySelector('[data-testid=pager]').textContent`); !strings.Contains(got, "The 200 added are marked “added”, each in its place by date.") {
			t.Errorf("pager %q: want it to say the 200 added are marked", got)
		}
		s.screenshot(t, "comparison-more-focus", false)
	})
	s.checkClean(t)
}
