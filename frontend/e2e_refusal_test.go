package frontend_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestArticleRefusals pastes a report with a source's typo ("150,00"):
// the screen lists it in reading order as "not read: <reason>", with no
// Accept, and the analyst enters the figure by hand, which saves a claim.
func TestArticleRefusals(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, false).URL
	topicID := newTopic(t, base, "Митинг на площади")
	text := "Организаторы заявили, что на площадь пришли 150,00 человек.\n" +
		"По данным полиции, на митинге было около 3 тысяч человек."
	pasteArticle(t, s, base, topicID, "https://example.ru/news/miting", "Митинг", "Новости Дона", "2024-05-20", text)
	s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
	s.waitFor(t, "the candidates and the refusal", `document.querySelectorAll('li.cand').length === 2 && !!document.querySelector('li.cand.refused')`)
	marks := eval[[]string](t, s, `[...document.querySelectorAll('li.cand mark')].map(m => m.textContent)`)
	if strings.Join(marks, "|") != "150,00 человек|около 3 тысяч человек" {
		t.Errorf("rows in reading order = %q", marks)
	}
	li := `li.cand.refused`
	row := eval[string](t, s, `document.querySelector(`+jsString(li)+`).textContent`)
	if !strings.Contains(row, "not read:") || !strings.Contains(row, "a thousands group with a digit missing or one too many") {
		t.Errorf("the refused row says %q, want not read: and the reason", row)
	}
	if eval[bool](t, s, `!document.querySelector(`+jsString(li+" button.accept")+`).hidden`) {
		t.Error("the refused row offers Accept: there is no reading to accept")
	}
	if got := eval[string](t, s, `document.getElementById('cands-summary').textContent`); !strings.Contains(got, "1 not read") {
		t.Errorf("summary %q does not count the refusal", got)
	}
	s.screenshot(t, "article-refused", false)

	// Enter by hand: an empty figure is not saved; a typed one is.
	s.do(t, chromedp.Click(chromedp.CSS(li+" button.edit")))
	s.waitFor(t, "the edit form", `!!document.querySelector(`+jsString(li+" form.cand-edit")+`)`)
	qty := eval[string](t, s, `document.querySelector(`+jsString(li+" form.cand-edit input[id$=-qty]")+`).id`)
	if v := eval[string](t, s, `document.getElementById(`+jsString(qty)+`).value`); v != "" {
		t.Errorf("the figure field starts as %q, want empty", v)
	}
	s.do(t, chromedp.Click(chromedp.CSS(li+" form.cand-edit button[type=submit]")))
	if eval[string](t, s, `document.getElementById(`+jsString(qty)+`).getAttribute('aria-invalid')`) != "true" {
		t.Error("saving an empty figure was not refused")
	}
	s.do(t, chromedp.SendKeys(chromedp.ID(qty), "15 000 человек"))
	s.do(t, chromedp.Click(chromedp.CSS(li+" form.cand-edit button[type=submit]")))
	s.waitFor(t, "accepted by hand", `document.querySelector(`+jsString(li)+`).dataset.state === 'accepted'`)
	cs := topicClaims(t, base, topicID)
	if len(cs) != 1 || cs[0].QuantityText != "15 000 человек" || !strings.Contains(cs[0].Quote, "150,00 человек") {
		t.Fatalf("claims %+v, want the figure entered by hand with the sentence as quote", cs)
	}
	var c struct {
		Interval *struct{ Low, High *float64 }
	}
	call(t, "GET", base+"/api/v1/claims/"+cs[0].ID, nil, &c)
	if iv := c.Interval; iv == nil || iv.Low == nil || *iv.Low != 15000 || iv.High == nil || *iv.High != 15000 {
		t.Errorf("the claim entered by hand reads %+v, want 15,000", iv)
	}
	s.checkClean(t)
}
