package frontend_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNewTopicScope creates a topic with its place and its population
// tree through the new-topic form, as the topic's edit form offers them:
// a slip in the place is refused on the place's own line with the
// suggestion, and what is stored is what was typed.
func TestNewTopicScope(t *testing.T) {
	s := startBrowser(t)
	srv := newServer(t, false)
	base := srv.URL
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics page", ready+` && !!document.querySelector('button[aria-controls="new-topic"]')`)
	s.do(t, chromedp.Click(chromedp.CSS(`button[aria-controls="new-topic"]`)))
	s.waitFor(t, "the new-topic form", `!!document.querySelector('#nt-places') && !!document.querySelector('#nt-populations')`)
	if got := eval[string](t, s, `document.querySelector('label[for=nt-populations]').textContent + '|' + document.querySelector('#nt-places-hint').textContent`); !strings.HasPrefix(got, "Who is counted|Comma-separated") {
		t.Errorf("labels and hints %q: want the edit form's", got)
	}
	s.do(t, chromedp.SendKeys(chromedp.CSS("#nt-title"), "Civilians killed in the siege of Mariupol"),
		chromedp.SendKeys(chromedp.CSS("#nt-places"), "Mariupl"),
		chromedp.SendKeys(chromedp.CSS("#nt-populations"), "Civilians = residents\nChildren < Civilians"),
		chromedp.Click(chromedp.CSS(`#new-topic button[type=submit]`)))
	s.waitFor(t, "the slip refused on the place's line", `document.querySelector('#nt-places-err').textContent.includes('did you mean Mariupol?') &&
		document.querySelector('#nt-places').getAttribute('aria-invalid') === 'true'`)
	s.screenshot(t, "new-topic-place-slip", false)
	if n := topicCount(t, base); n != 0 {
		t.Fatalf("%d topics after the refusal, want none", n)
	}
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('#nt-places').value = 'Mariupol'`),
		chromedp.Click(chromedp.CSS(`#new-topic button[type=submit]`)))
	s.waitFor(t, "the new topic's page", `location.pathname.startsWith('/topics/') && !!document.querySelector('[data-testid=flash]')`)
	s.screenshot(t, "new-topic-created", false)
	var list struct {
		Items []struct {
			Title       string   `json:"title"`
			Places      []string `json:"places"`
			Populations []struct {
				Name    string   `json:"name"`
				Broader string   `json:"broader"`
				Aliases []string `json:"aliases"`
			} `json:"populations"`
		} `json:"items"`
	}
	call(t, "GET", base+"/api/v1/topics", nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("%d topics, want the one created", len(list.Items))
	}
	got := list.Items[0]
	if got.Title != "Civilians killed in the siege of Mariupol" || len(got.Places) != 1 || got.Places[0] != "Mariupol" ||
		len(got.Populations) != 2 || got.Populations[0].Name != "Civilians" || len(got.Populations[0].Aliases) != 1 || got.Populations[0].Aliases[0] != "residents" ||
		got.Populations[1].Name != "Children" || got.Populations[1].Broader != "Civilians" {
		t.Errorf("stored topic %+v: want Mariupol, and Children within Civilians (alias residents)", got)
	}
	s.checkClean(t)
}
