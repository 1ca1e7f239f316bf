package frontend_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestTopicPickerSaysMoreWhenExactlyTwelveHaveConflicts: when exactly as
// many topics have conflicts as the picker lists (12), and others without
// conflicts also match, the picker's count must still say that more
// topics match; it must not read as if the 12 were all the topics.
func TestTopicPickerSaysMoreWhenExactlyTwelveHaveConflicts(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, false).URL
	b := newBundle(t)
	b.put("source", map[string]any{"id": "xs", "name": "Fixture outlet", "kind": "news"})
	for i := range 2 {
		b.put("claimant", map[string]any{"id": fmt.Sprintf("xc%d", i), "name": fmt.Sprintf("Claimant %d", i)})
	}
	put := func(id, title string, quantities ...int) {
		b.put("topic", map[string]any{"id": id, "title": title, "unit": "people", "additive": true})
		for i, q := range quantities {
			b.put("claim", map[string]any{"id": fmt.Sprintf("%s-%d", id, i), "topic_id": id, "claimant_id": fmt.Sprintf("xc%d", i),
				"quantity_text": strconv.Itoa(q), "said_on": "2015-01-01",
				"scope": map[string]any{"places": []string{"Syria"}, "measure": "current"}, "provenance": map[string]any{"source_id": "xs"}})
		}
	}
	for i := range 12 {
		put(fmt.Sprintf("x%02d", i), fmt.Sprintf("Disputed %02d", i), 10, 4000)
	}
	put("quiet", "Quiet topic")
	b.post(base)
	if n := len(allConflicts(t, base)); n < 12 {
		t.Fatalf("%d conflicts in the fixture, want one in each of 12 topics at least", n)
	}

	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the inbox", `document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false`)
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-topic`)), chromedp.KeyEvent(kb.ArrowDown))
	s.waitFor(t, "the topics", `document.querySelectorAll('#cf-topic-list button[data-topic]').length === 12`)
	live := eval[string](t, s, `document.getElementById('cf-topic-count').textContent`)
	if !strings.Contains(live, "more match") {
		t.Errorf("picker count %q: 13 topics exist, 12 listed, but it does not say more match", live)
	}
	s.checkClean(t)
}
