package frontend_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// importTopics imports n topics titled "Topic NNNNN" in one request.
func importTopics(t *testing.T, base string, n int) {
	t.Helper()
	b := newBundle(t)
	for i := range n {
		b.put("topic", map[string]any{"id": fmt.Sprintf("t-%05d", i), "title": fmt.Sprintf("Topic %05d", i), "unit": "people"})
	}
	b.post(base)
}

// TestTopicsScreenCountsEveryTopic lists more topics than the screen read
// before (5,000): it counts and searches every one, draws the first SHOWN
// rows with a button for more, and typing narrows among all of them.
func TestTopicsScreenCountsEveryTopic(t *testing.T) {
	const n, shown = 5100, 300
	s := startBrowser(t)
	base := newServer(t, false).URL
	importTopics(t, base, n)

	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics", `document.querySelectorAll('tbody tr').length > 0`)
	status := func() string {
		return eval[string](t, s, `document.querySelector('.toolbar [role=status]').textContent`)
	}
	if got, want := status(), "5,100 of 5,100 topics, the first 300 shown: type a few words to narrow"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	if got := eval[int](t, s, `document.querySelectorAll('tbody tr').length`); got != shown {
		t.Errorf("%d rows drawn, want %d", got, shown)
	}
	s.screenshot(t, "topics-many", false)

	// "Show more" draws the next rows.
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=more-topics]`)))
	s.waitFor(t, "more rows", `document.querySelectorAll('tbody tr').length === `+strconv.Itoa(2*shown))

	// A topic past the first 5,000 is found by typing.
	s.do(t, chromedp.Click(chromedp.CSS(`#tq`)), chromedp.KeyEvent("Topic 0509"))
	s.waitFor(t, "the narrowed list", `document.querySelector('.toolbar [role=status]').textContent.startsWith('10 of ')`)
	titles := eval[[]string](t, s, `[...document.querySelectorAll('tbody .topic-title a')].map((a) => a.textContent)`)
	if len(titles) != 10 || titles[0] != "Topic 05090" || titles[9] != "Topic 05099" {
		t.Errorf("rows for \"Topic 0509\": %q, want Topic 05090 to Topic 05099", titles)
	}
	if eval[bool](t, s, `!document.querySelector('[data-testid=more-topics]').hidden`) {
		t.Error("a Show more button under a list drawn whole")
	}
	s.checkClean(t)
}
