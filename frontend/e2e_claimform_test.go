package frontend_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// paste inserts text into the focused field at once, as a paste does: one
// input event, not one per key.
func (s *session) paste(t *testing.T, sel, text string) {
	t.Helper()
	s.do(t, chromedp.Focus(chromedp.CSS(sel)))
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		t.Fatalf("paste into %s: %v", sel, err)
	}
}

// extracted is an item of POST /api/v1/extract.
type extracted struct {
	Text        string `json:"text"`
	Explanation string `json:"explanation"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
}

func extractAPI(t *testing.T, base, text string) []extracted {
	t.Helper()
	var out struct{ Items []extracted }
	if code := call(t, "POST", base+"/api/v1/extract", map[string]string{"text": text}, &out); code != 200 {
		t.Fatalf("POST /extract %q = %d", text, code)
	}
	return out.Items
}

// parseRefusal is the server's reason for refusing text: the detail of
// the first member at fault in POST /api/v1/parse's problem.
func parseRefusal(t *testing.T, base, text string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text})
	res, err := http.Post(base+"/api/v1/parse", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var problem struct {
		Errors []struct{ Detail string } `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&problem); err != nil || res.StatusCode != 422 || len(problem.Errors) == 0 || problem.Errors[0].Detail == "" {
		t.Fatalf("POST /parse %q = %d %+v (%v), want 422 with a reason", text, res.StatusCode, problem, err)
	}
	return problem.Errors[0].Detail
}

// quantitiesInQuote: a quote with several numbers offers each one, the
// first chosen; the analyst switches with the keyboard or by selecting
// text; Cyrillic offsets land on the right characters; text typed by hand
// that the parser refuses shows the server's reason by the field.
func quantitiesInQuote(t *testing.T, s *session, base string) {
	const two = "The number practically doubled to around 1,700, up from 800 a year earlier."
	items := extractAPI(t, base, two)
	if len(items) != 2 || items[1].Text != "800" {
		t.Fatalf("the server finds %+v in %q, want two quantities, the second 800", items, two)
	}
	s.do(t, chromedp.Navigate(base+"/claims/new"))
	s.waitFor(t, "the claim form", `!!document.querySelector('#f-quote')`)
	s.paste(t, "#f-quote", two)
	s.waitFor(t, "both quantities marked", `document.querySelectorAll('#quote-preview mark').length === 2 && document.querySelector('#f-quantity').value !== ''`)

	marks := eval[[]string](t, s, `[...document.querySelectorAll('#quote-preview mark')].map(m => m.textContent)`)
	if marks[0] != items[0].Text || marks[1] != items[1].Text {
		t.Errorf("marked %q, want %q and %q", marks, items[0].Text, items[1].Text)
	}
	if got := eval[string](t, s, `document.querySelector('#quote-preview').textContent`); got != two {
		t.Errorf("preview reads %q, want the quote", got)
	}
	radios := eval[[]string](t, s, `[...document.querySelectorAll('#found [role=radiogroup] input[type=radio]')].map(r => (r.checked ? '*' : '') + r.closest('label').textContent)`)
	if len(radios) != 2 || !strings.HasPrefix(radios[0], "*"+items[0].Text) || !strings.HasPrefix(radios[1], items[1].Text) {
		t.Errorf("choices = %q, want both quantities, the first checked", radios)
	}
	if got := eval[string](t, s, `document.querySelector('#found [role=radiogroup]').getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' ')`); got == "" {
		t.Error("the choice of quantities has no label")
	}
	if got := eval[string](t, s, `document.querySelector('#f-quantity').value`); got != items[0].Text {
		t.Errorf("quantity as said = %q, want the first found, %q", got, items[0].Text)
	}
	if got := eval[string](t, s, `document.querySelector('#reading').textContent`); !strings.Contains(got, items[0].Explanation) {
		t.Errorf("reading = %q, want the first quantity's explanation %q", got, items[0].Explanation)
	}
	s.screenshot(t, "claimform-found", false)
	if bad := eval[[]string](t, s, contrastJS); len(bad) > 0 {
		t.Errorf("the quantities found:\n  %s", strings.Join(bad, "\n  "))
	}

	// The keyboard moves to the second quantity.
	s.do(t, chromedp.Focus(chromedp.CSS(`#found input[type=radio]:checked`)), chromedp.KeyEvent(kb.ArrowRight))
	s.waitFor(t, "the second quantity chosen", `document.querySelector('#f-quantity').value === '800'`)
	if got := eval[string](t, s, `document.querySelector('#quote-preview mark.chosen').textContent`); got != "800" {
		t.Errorf("the preview marks %q as chosen, want 800", got)
	}
	if got := eval[string](t, s, `document.querySelector('#reading').textContent`); !strings.Contains(got, items[1].Explanation) {
		t.Errorf("reading = %q, want the second quantity's explanation %q", got, items[1].Explanation)
	}
	// Selecting a quantity in the quote chooses it; selecting other words reads just them.
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const q = document.querySelector('#f-quote'); q.focus(); q.setSelectionRange(`+itoa(items[0].Start)+`, `+itoa(items[0].End)+`); })()`))
	s.waitFor(t, "the first quantity chosen by selecting it", `document.querySelector('#f-quantity').value === `+jsString(items[0].Text)+` && document.querySelector('#found input[type=radio]').checked`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('#f-quote').setSelectionRange(0, 10)`))
	s.waitFor(t, "the selection read alone", `document.querySelector('#f-quantity').value === 'The number' && document.querySelector('#f-quantity-err').textContent !== ''`)
	if n := eval[int](t, s, `document.querySelectorAll('#found input[type=radio]:checked').length`); n != 0 {
		t.Errorf("%d quantities still checked after reading a selection of other words", n)
	}

	// Text typed by hand is read alone; the server's reason shows by the field.
	const typed = "two quantities, 5 and 6"
	problem := parseRefusal(t, base, typed)
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const q = document.querySelector('#f-quantity'); q.value = ''; q.dispatchEvent(new Event('input', { bubbles: true })); })()`),
		chromedp.SendKeys(chromedp.CSS("#f-quantity"), typed))
	s.waitFor(t, "the server's reason", `document.querySelector('#f-quantity-err').textContent === `+jsString(problem))
	if !eval[bool](t, s, `(() => { const q = document.querySelector('#f-quantity'); const e = document.querySelector('#f-quantity-err'); return q.getAttribute('aria-invalid') === 'true' && q.closest('.field').contains(e) && q.getAttribute('aria-describedby').split(' ').includes(e.id) && e.getClientRects().length > 0; })()`) {
		t.Error("the reason is not shown by “Quantity as said”, or the field is not marked invalid and described by it")
	}
	if got := eval[string](t, s, `document.querySelector('#reading').textContent`); strings.Contains(got, "Read as") {
		t.Errorf("reading = %q after a refused quantity", got)
	}
	s.screenshot(t, "claimform-reason", false)
	// Choosing a found quantity again clears the complaint.
	s.do(t, chromedp.Click(chromedp.CSS(`#found label.choice:nth-child(2)`)))
	s.waitFor(t, "800 chosen again", `document.querySelector('#f-quantity').value === '800' && document.querySelector('#f-quantity-err').textContent === '' && !document.querySelector('#f-quantity').hasAttribute('aria-invalid')`)

	// On a phone the choices wrap and nothing overflows.
	s.do(t, chromedp.EmulateViewport(360, 800))
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('#f-quote').scrollIntoView()`))
	if w := eval[int](t, s, `document.documentElement.scrollWidth`); w > 360 {
		t.Errorf("the form is %d px wide on a 360 px screen", w)
	}
	s.screenshot(t, "claimform-found-phone", false)
	s.do(t, chromedp.EmulateViewport(1360, 900))

	// Byte offsets of a Cyrillic quote are not string indices.
	const ru = "По данным ФСБ, около 1700 россиян воюют в Ираке."
	ruItems := extractAPI(t, base, ru)
	if len(ruItems) != 1 {
		t.Fatalf("the server finds %+v in %q, want one quantity", ruItems, ru)
	}
	want := ru[ruItems[0].Start:ruItems[0].End]
	s.do(t, chromedp.Navigate(base+"/claims/new"))
	s.waitFor(t, "the claim form", `!!document.querySelector('#f-quote')`)
	s.paste(t, "#f-quote", ru)
	s.waitFor(t, "the Cyrillic quantity marked", `document.querySelectorAll('#quote-preview mark').length === 1`)
	got := eval[[]string](t, s, `(() => { const m = document.querySelector('#quote-preview mark'); const p = document.querySelector('#quote-preview'); return [p.textContent.slice(0, p.textContent.indexOf(m.textContent)), m.textContent, document.querySelector('#f-quantity').value]; })()`)
	if got[0] != ru[:ruItems[0].Start] || got[1] != want || got[2] != want {
		t.Errorf("marked %q after %q, quantity as said %q; want %q after %q", got[1], got[0], got[2], want, ru[:ruItems[0].Start])
	}

	// A quote without a quantity says so and points to "no number".
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const q = document.querySelector('#f-quote'); q.value = ''; q.dispatchEvent(new Event('input', { bubbles: true })); })()`))
	s.paste(t, "#f-quote", "He would not say how many.")
	s.waitFor(t, "no quantity found", `document.querySelector('#found-msg').textContent.includes('No quantity found')`)
	if got := eval[string](t, s, `document.querySelector('#found-msg').textContent`); !strings.Contains(got, "gave no number") {
		t.Errorf("message = %q, want it to point to the no-number option", got)
	}
	if got := eval[string](t, s, `document.querySelector('#f-no_number').labels[0].textContent`); got != "The claimant gave no number" {
		t.Errorf("no-number option labelled %q", got)
	}
	if got := eval[string](t, s, `document.querySelector('#f-quantity').value`); got != "" {
		t.Errorf("quantity as said = %q for a quote without a quantity", got)
	}
	s.screenshot(t, "claimform-none", false)
	s.checkClean(t)
}
