package frontend_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestArticleScopeFromTree walks the founding article through the article
// screen against the demo's topics: each card offers the topic's tree for
// the population and the group, set from the counted phrase ("Russians
// fighting alongside Islamic State": Russian nationals, Islamic State),
// asked again when the topic changes, and says plainly what keeps a claim
// from being compared (a phrase the tree does not hold). The two accepted
// claims are stored with the tree's names and so contradict each other, 60
// against 720.
func TestArticleScopeFromTree(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	seed, err := os.ReadFile("../claims/article/testdata/seed_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://www.themoscowtimes.com/2014/09/29/russia-calls-for-joint-effort-with-us-to-fight-islamic-state"
	// First the parent topic, whose tree holds no Russians.
	pasteArticle(t, s, base, "topic-ex-ussr", url, "Russia Calls for Joint Effort With U.S. to Fight Islamic State", "The Moscow Times", "2014-09-29", string(seed))
	s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
	s.waitFor(t, "the candidates", `document.querySelectorAll('li.cand').length === 3`)
	card := func(mark string) string {
		t.Helper()
		return strings.TrimSuffix(candidateButton(t, s, mark, "accept"), " button.accept")
	}
	few, about, countries := card("a few dozen"), card("about 800"), card("between 70 and 80 different countries")
	value := func(sel string) string {
		t.Helper()
		return eval[string](t, s, `(() => { const el = document.querySelector(`+jsString(sel)+`); return el ? el.value : 'no control ' + `+jsString(sel)+`; })()`)
	}
	text := func(sel string) string {
		t.Helper()
		return eval[string](t, s, `(() => { const el = document.querySelector(`+jsString(sel)+`); return el ? el.textContent : ''; })()`)
	}
	if got := value(few + ` select[id$=-population]`); got != "Russians fighting alongside Islamic State" {
		t.Fatalf("the few-dozen card's population under the parent topic = %q, want the phrase as extracted", got)
	}
	const unplaced = "This figure counts “Russians fighting alongside Islamic State”, which is not one of the topic’s populations, so it will not be compared with the topic’s claims until you choose one."
	if got := text(few + " .cand-unplaced"); got != unplaced {
		t.Errorf("the few-dozen card says %q, want %q", got, unplaced)
	}

	// By keyboard, one of the tree's names: the note goes.
	s.do(t, chromedp.Focus(chromedp.CSS(few+` select[id$=-population]`)), chromedp.KeyEvent(kb.ArrowDown))
	s.waitFor(t, "the population chosen by keyboard", `document.querySelector(`+jsString(few+` select[id$=-population]`)+`).value === 'nationals of the former USSR'`)
	if got := text(few + " .cand-notes"); got != "" {
		t.Errorf("after choosing a population the card says %q, want nothing", got)
	}

	// The analyst chooses the demo topic: the cards are suggested again.
	const title = "Russian nationals fighting with the Islamic State"
	if !eval[bool](t, s, `(() => { const sel = document.getElementById('a-topic'); const o = [...sel.options].find(o => o.textContent === `+jsString(title)+`); if (!o) return false; sel.value = o.value; sel.dispatchEvent(new Event('change')); return true; })()`) {
		t.Fatalf("no topic %q to choose", title)
	}
	s.waitFor(t, "the suggestions for the topic", `document.querySelector(`+jsString(few+` select[id$=-population]`)+`).value === 'Russian nationals'`)
	for _, c := range []string{few, about} {
		pop, group := value(c+` select[id$=-population]`), value(c+` select[id$=-group]`)
		if pop != "Russian nationals" || group != "Islamic State" {
			t.Errorf("%s: population %q, group %q; want Russian nationals, Islamic State", c, pop, group)
		}
		if label := eval[string](t, s, `document.querySelector(`+jsString(c+` label[for$=-population]`)+`).textContent`); label != "Population" {
			t.Errorf("%s: the population's label = %q", c, label)
		}
		if note := text(c + " .cand-notes"); note != "" {
			t.Errorf("%s: says %q, want nothing against its comparison", c, note)
		}
	}
	// "countries" counts no people: both its phrase, which the tree does
	// not hold, and its unit keep it out.
	const countriesNote = "This figure counts “different countries”, which is not one of the topic’s populations, so it will not be compared with the topic’s claims until you choose one." +
		`The topic counts people; this figure is in "countries", so it will not be compared with the topic's figures in people.`
	if got := text(countries + " .cand-notes"); got != countriesNote {
		t.Errorf("the countries card says %q, want %q", got, countriesNote)
	}
	if got := eval[string](t, s, `document.getElementById(document.querySelector(`+jsString(countries+" button.accept")+`).getAttribute('aria-describedby')).textContent`); got != countriesNote {
		t.Errorf("the countries card's Accept is described by %q, want the note", got)
	}
	s.screenshot(t, "article-scope-cards", true)
	if bad := eval[[]string](t, s, contrastJS); len(bad) > 0 {
		t.Errorf("the cards:\n  %s", strings.Join(bad, "\n  "))
	}

	for _, c := range []string{few, about} {
		s.do(t, chromedp.Click(chromedp.CSS(c+" button.accept")))
		s.waitFor(t, c+" accepted or the source asked for", `document.querySelector(`+jsString(c)+`).dataset.state === 'accepted' || !document.getElementById('source-choice').hidden`)
		if !eval[bool](t, s, `document.getElementById('source-choice').hidden`) {
			s.do(t, chromedp.Click(chromedp.CSS(`#source-choice input[value="new"]`)), chromedp.Click(chromedp.CSS(`#source-choice button.primary`)))
		}
		s.waitFor(t, c+" accepted", `document.querySelector(`+jsString(c)+`).dataset.state === 'accepted'`)
		if !eval[bool](t, s, `document.querySelector(`+jsString(c+` select[id$=-population]`)+`).disabled`) {
			t.Errorf("%s: the population can still be changed after accepting", c)
		}
	}

	stored := map[string]storedClaim{}
	for _, c := range topicClaims(t, base, "topic-russians-is") {
		if c.Provenance.URL == url {
			stored[c.QuantityText] = c
		}
	}
	if len(stored) != 2 {
		t.Fatalf("claims from the article: %+v, want a few dozen and about 800", stored)
	}
	for q, c := range stored {
		if c.Scope.Population != "Russian nationals" || c.Scope.Group != "Islamic State" {
			t.Errorf("%q: stored population %q, group %q; want Russian nationals, Islamic State", q, c.Scope.Population, c.Scope.Group)
		}
	}
	var rel struct {
		Items []struct {
			OtherID  string  `json:"other_id"`
			Kind     string  `json:"kind"`
			Severity float64 `json:"severity"`
		}
	}
	call(t, "GET", base+"/api/v1/claims/"+stored["a few dozen"].ID+"/relations?limit=100", nil, &rel)
	var found bool
	for _, r := range rel.Items {
		if r.OtherID == stored["about 800"].ID {
			found = true
			if r.Kind != "contradicts" || r.Severity != 12 {
				t.Errorf("a few dozen against about 800: %s %v, want contradicts 12", r.Kind, r.Severity)
			}
		}
	}
	if !found {
		t.Errorf("no relation between the accepted claims among %+v", rel.Items)
	}
	s.checkClean(t)
}

// TestArticleUnitForTopic checks the unit a card stores its claim with: a
// figure of people ("about 500 Russians", the population suggested;
// "14 человек") is in the topic's unit, so its card warns of nothing and
// the claim is compared with the topic's (the demo's Bogdanov gave "a few
// dozen" that day: 500 contradicts it); any other unit is kept, a sum of
// money or "120 метров", and its card says it will not be compared with a
// topic counted in people.
func TestArticleUnitForTopic(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	const url = "https://example.org/2014/09/29/kadyrov-russians-syria"
	pasteArticle(t, s, base, "topic-russians-is", url, "Kadyrov on Russians in Syria", "Example Wire", "2014-09-29",
		"Ramzan Kadyrov said on Monday that about 500 Russians were fighting alongside the Islamic State in Syria.")
	s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
	s.waitFor(t, "the candidate", `document.querySelectorAll('li.cand').length === 1`)
	fighters := strings.TrimSuffix(candidateButton(t, s, "about 500 Russians", "accept"), " button.accept")
	if got := eval[string](t, s, `document.querySelector(`+jsString(fighters+" .cand-notes")+`).textContent`); got != "" {
		t.Errorf("the fighters card says %q, want nothing against its comparison", got)
	}
	s.do(t, chromedp.Click(chromedp.CSS(fighters+" button.accept")))
	s.waitFor(t, "accepted or the source asked for", `document.querySelector(`+jsString(fighters)+`).dataset.state === 'accepted' || !document.getElementById('source-choice').hidden`)
	if !eval[bool](t, s, `document.getElementById('source-choice').hidden`) {
		s.do(t, chromedp.Click(chromedp.CSS(`#source-choice input[value="new"]`)), chromedp.Click(chromedp.CSS(`#source-choice button.primary`)))
	}
	s.waitFor(t, "accepted", `document.querySelector(`+jsString(fighters)+`).dataset.state === 'accepted'`)
	var stored *storedClaim
	for _, c := range topicClaims(t, base, "topic-russians-is") {
		if c.Provenance.URL == url {
			stored = &c
		}
	}
	if stored == nil {
		t.Fatal("the claim was not stored")
	}
	if stored.QuantityText != "about 500 Russians" || stored.Unit != "" || stored.Scope.Population != "Russian nationals" || stored.Scope.Group != "Islamic State" {
		t.Errorf("stored %q in unit %q, population %q, group %q; want no unit (the topic's), Russian nationals, Islamic State",
			stored.QuantityText, stored.Unit, stored.Scope.Population, stored.Scope.Group)
	}
	var rel struct {
		Items []struct {
			OtherID  string  `json:"other_id"`
			Kind     string  `json:"kind"`
			Severity float64 `json:"severity"`
		}
	}
	call(t, "GET", base+"/api/v1/claims/"+stored.ID+"/relations?limit=100", nil, &rel)
	var found bool
	for _, r := range rel.Items {
		if r.OtherID == "r4-bogdanov-2014" {
			found = true
			// 450, the least "about 500" may be, is 7.5 times 60, the
			// most of "a few dozen".
			if r.Kind != "contradicts" || r.Severity != 7.5 {
				t.Errorf("about 500 against Bogdanov's a few dozen: %s %v, want contradicts 7.5", r.Kind, r.Severity)
			}
		}
	}
	if !found {
		t.Errorf("about 500 Russians is not compared with Bogdanov's a few dozen: relations %+v", rel.Items)
	}

	// The Russian report in a topic counted in people, with a sum in
	// roubles: the cards of people ("14 человек") warn of nothing; every
	// other word the lexicon does not count people with warns.
	ru, err := os.ReadFile("../claims/article/testdata/ru_report.txt")
	if err != nil {
		t.Fatal(err)
	}
	pasteArticle(t, s, base, newTopic(t, base, "Обрушение моста"), "https://example.ru/news/most-3", "Мост", "Новости Дона", "2024-05-15",
		string(ru)+"Ремонт моста обойдется в 50 млн рублей, добавил Волков.\n")
	s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
	s.waitFor(t, "the candidates", `[...document.querySelectorAll('li.cand mark')].some(m => m.textContent === '50 млн рублей')`)
	if got := eval[[]string](t, s, `[...document.querySelectorAll('li.cand')].filter(li => li.querySelector('.cand-unit')).map(li => li.querySelector('mark').textContent)`); strings.Join(got, "|") != "около 300 спасателей|40 единиц|11 погибших|120 метров|50 млн рублей" {
		t.Errorf("the cards warning of their unit: %q, want all but 14 человек, 27 человек and 9", got)
	}
	roubles := strings.TrimSuffix(candidateButton(t, s, "50 млн рублей", "accept"), " button.accept")
	const note = `The topic counts people; this figure is in "RUB", so it will not be compared with the topic's figures in people.`
	if got := eval[string](t, s, `document.querySelector(`+jsString(roubles+" .cand-unit")+`).textContent`); got != note {
		t.Errorf("the roubles card says %q, want %q", got, note)
	}
	s.screenshot(t, "article-ru-units", true)
	s.checkClean(t)
}

// holdTopicExtract starts a server of the demo that holds back every
// request for candidates asked for topicID until answer is called: with
// fail, the request fails as a server error; otherwise it is answered.
func holdTopicExtract(t *testing.T, topicID string) (base string, answer func(fail bool)) {
	t.Helper()
	h := newHandler(t, true)
	answers, done := make(chan bool), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/api/v1/extract" {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			var req struct {
				TopicID string `json:"topic_id"`
			}
			if json.Unmarshal(body, &req) == nil && req.TopicID == topicID {
				select {
				case fail := <-answers:
					if fail {
						w.Header().Set("Content-Type", "application/problem+json")
						w.WriteHeader(http.StatusInternalServerError)
						_, _ = w.Write([]byte(`{"title":"Internal Server Error","detail":"the store did not answer"}`))
						return
					}
				case <-r.Context().Done():
					return
				case <-done:
					return
				}
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(done) }) // before Close, which waits for a held request
	answer = func(fail bool) {
		t.Helper()
		select {
		case answers <- fail:
		case <-time.After(browserWait):
			t.Fatalf("no request for the candidates of %s to answer", topicID)
		}
	}
	return srv.URL, answer
}

// TestArticleTopicPending chooses the demo topic for the founding
// article's cards while the server has not yet answered for it: no card
// can be accepted (it would be stored with the other topic's population),
// each says it is reading the topic, and the answer brings the suggestion
// and Accept back. When the answer fails, the page says so and the cards
// keep no suggestion: each figure as extracted, and Accept works. The
// notes of a card are a polite live region, and both its selects are
// described by them.
func TestArticleTopicPending(t *testing.T) {
	s := startBrowser(t)
	base, answer := holdTopicExtract(t, "topic-russians-is")
	seed, err := os.ReadFile("../claims/article/testdata/seed_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	pasteArticle(t, s, base, "topic-ex-ussr", "https://www.themoscowtimes.com/2014/09/29/russia-calls-for-joint-effort-with-us-to-fight-islamic-state",
		"Russia Calls for Joint Effort With U.S. to Fight Islamic State", "The Moscow Times", "2014-09-29", string(seed))
	s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
	s.waitFor(t, "the candidates", `document.querySelectorAll('li.cand').length === 3`)
	few := strings.TrimSuffix(candidateButton(t, s, "a few dozen", "accept"), " button.accept")
	if got := eval[string](t, s, `document.querySelector(`+jsString(few+" .cand-notes")+`).getAttribute('aria-live') || 'none'`); got != "polite" {
		t.Errorf("the card's notes: aria-live %q, want polite", got)
	}
	for _, sel := range []string{"population", "group"} {
		if got := eval[string](t, s, `(() => { const el = document.querySelector(`+jsString(few+" select[id$=-"+sel+"]")+`); const d = document.getElementById(el.getAttribute('aria-describedby')); return d ? d.className : 'none'; })()`); got != "cand-notes" {
			t.Errorf("the %s select is described by %q, want the card's notes", sel, got)
		}
	}
	choose := func(id string) {
		t.Helper()
		if !eval[bool](t, s, `(() => { const sel = document.getElementById('a-topic'); if (![...sel.options].some(o => o.value === `+jsString(id)+`)) return false; sel.value = `+jsString(id)+`; sel.dispatchEvent(new Event('change')); return true; })()`) {
			t.Fatalf("no topic %s to choose", id)
		}
	}
	const cards = `[...document.querySelectorAll('li.cand:not(.refused)')]`
	const reading = cards + `.every(li => li.querySelector('button.accept').disabled && li.querySelector('.cand-status').textContent === 'Reading the topic…')`
	const ready = cards + `.every(li => !li.querySelector('button.accept').disabled && li.querySelector('.cand-status').textContent === '')`
	population := `document.querySelector(` + jsString(few+` select[id$=-population]`) + `).value`

	choose("topic-russians-is")
	s.waitFor(t, "every card reading the topic", reading)
	s.screenshot(t, "article-reading-topic", false)
	answer(false)
	s.waitFor(t, "the topic's suggestions", ready+` && `+population+` === 'Russian nationals'`)

	// Back to the parent topic (answered at once), then the demo topic
	// again, whose answer fails.
	choose("topic-ex-ussr")
	s.waitFor(t, "the parent topic's suggestions", ready+` && `+population+` === 'Russians fighting alongside Islamic State'`)
	choose("topic-russians-is")
	s.waitFor(t, "every card reading the topic again", reading)
	answer(true)
	s.waitFor(t, "the cards after the failure", ready+` && !document.querySelector('.article-screen p.err').hidden`)
	const says = "The topic’s populations and unit could not be read, so the cards suggest none: each figure is as extracted (the store did not answer)."
	if got := eval[string](t, s, `document.querySelector('.article-screen p.err').textContent`); got != says {
		t.Errorf("the page says %q, want %q", got, says)
	}
	if got := eval[string](t, s, population); got != "Russians fighting alongside Islamic State" {
		t.Errorf("after the failure the population is %q, want the phrase as extracted", got)
	}
	s.screenshot(t, "article-topic-failed", true)
	s.do(t, chromedp.Click(chromedp.CSS(few+" button.accept")))
	s.waitFor(t, "accepted or the source asked for", `document.querySelector(`+jsString(few)+`).dataset.state === 'accepted' || !document.getElementById('source-choice').hidden`)
	if !eval[bool](t, s, `document.getElementById('source-choice').hidden`) {
		s.do(t, chromedp.Click(chromedp.CSS(`#source-choice input[value="new"]`)), chromedp.Click(chromedp.CSS(`#source-choice button.primary`)))
	}
	s.waitFor(t, "accepted", `document.querySelector(`+jsString(few)+`).dataset.state === 'accepted'`)
}
