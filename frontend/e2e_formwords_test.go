package frontend_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestClaimFormErrorsSayTheFormsWords saves the claim form with a topic and
// no figure: the error by "Quantity as said" names the form's own controls
// (the "The claimant gave no number" box, an analyst interval), not the
// API's fields no_number and analyst_interval, which the form never shows.
func TestClaimFormErrorsSayTheFormsWords(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, false).URL
	topicID := newTopic(t, base, "Protesters in the square")
	s.do(t, chromedp.Navigate(base+"/claims/new?topic="+topicID))
	s.waitFor(t, "the claim form", `!!document.querySelector('#f-quote')`)
	s.do(t, chromedp.Click(chromedp.CSS(`form button[type=submit]`)))
	s.waitFor(t, "the error by the quantity", `document.querySelector('#f-quantity').getAttribute('aria-invalid') === 'true'`)
	got := eval[string](t, s, `document.querySelector('#f-quantity-err').textContent`)
	if strings.Contains(got, "no_number") || strings.Contains(got, "analyst_interval") {
		t.Errorf("the error by the quantity says %q: the API's field names, not the form's", got)
	}
	if !strings.Contains(got, "The claimant gave no number") || !strings.Contains(got, "analyst interval") {
		t.Errorf("the error by the quantity says %q, want it to name the box “The claimant gave no number” and the analyst interval", got)
	}
	s.screenshot(t, "claimform-no-figure", false)
}

// TestClaimFormFocusesFirstErrorOnScreen saves the claim form with a topic
// and nothing else: three fields are at fault (the quantity, the claimant
// and the source), and focus goes to the first of them on the screen, the
// quantity, not the first the API listed.
func TestClaimFormFocusesFirstErrorOnScreen(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, false).URL
	topicID := newTopic(t, base, "Protesters in the square")
	s.do(t, chromedp.Navigate(base+"/claims/new?topic="+topicID))
	s.waitFor(t, "the claim form", `!!document.querySelector('#f-quote')`)
	s.do(t, chromedp.Click(chromedp.CSS(`form button[type=submit]`)))
	s.waitFor(t, "the errors", `document.querySelectorAll('[aria-invalid=true]').length === 3`)
	if got := eval[[]string](t, s, `[...document.querySelectorAll('[aria-invalid=true]')].map((e) => e.id)`); strings.Join(got, " ") != "f-quantity f-claimant f-source" {
		t.Errorf("fields marked invalid, in the page's order: %q, want f-quantity f-claimant f-source", got)
	}
	if got := eval[string](t, s, `document.activeElement.id`); got != "f-quantity" {
		t.Errorf("focus is on %q, want f-quantity, the first field at fault on the screen", got)
	}
}
