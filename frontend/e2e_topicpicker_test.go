package frontend_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTopicPickerEnterOnAStaleList (review of conflictsscreen): an
// analyst types "Alpha", sees the matches, types on ("Alpha ref") and
// presses Enter at once, before the picker has asked the server about
// the longer text. The list shown is still the answer to "Alpha", whose
// first option is "Alpha casualties": Enter must not choose a topic whose
// title does not hold what was typed. (The typing and the Enter are one
// script, so the picker's debounce cannot run between them: no timing.)
func TestTopicPickerEnterOnAStaleList(t *testing.T) {
	s := startBrowser(t)
	srv := newServer(t, false)
	base := srv.URL
	b := newBundle(t)
	b.put("topic", map[string]any{"id": "alpha-cas", "title": "Alpha casualties", "unit": "people", "additive": true})
	b.put("topic", map[string]any{"id": "alpha-ref", "title": "Alpha refugees", "unit": "people", "additive": true})
	b.post(base)

	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the inbox", `document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false`)
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-topic`)), chromedp.KeyEvent("Alpha"))
	s.waitFor(t, "the matches of Alpha", `document.querySelectorAll('#cf-topic-list button[data-topic]').length === 2`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => {
		const el = document.getElementById('cf-topic');
		el.value = 'Alpha ref';
		el.dispatchEvent(new Event('input', { bubbles: true }));
		el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
	})()`))
	// Settled: a topic chosen, or the matches of "Alpha ref" listed.
	s.waitFor(t, "the picker settled", `location.search.includes('topic=') || document.querySelectorAll('#cf-topic-list button[data-topic]').length === 1`)
	if got := eval[string](t, s, `new URLSearchParams(location.search).get('topic') || ''`); got != "" && got != "alpha-ref" {
		t.Errorf("typed %q and pressed Enter: topic %q chosen (the first of the earlier matches of %q), want alpha-ref or none yet", "Alpha ref", got, "Alpha")
	}
	s.checkClean(t)
}
