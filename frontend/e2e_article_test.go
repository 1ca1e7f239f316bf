package frontend_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// storedClaim is what the article test reads back of a claim.
type storedClaim struct {
	ID           string `json:"id"`
	ClaimantID   string `json:"claimant_id"`
	QuantityText string `json:"quantity_text"`
	Unit         string `json:"unit"`
	Quote        string `json:"quote"`
	Scope        struct {
		Places     []string `json:"places"`
		Population string   `json:"population"`
		Group      string   `json:"group"`
	} `json:"scope"`
	Provenance struct {
		SourceID string `json:"source_id"`
		URL      string `json:"url"`
	} `json:"provenance"`
}

func topicClaims(t *testing.T, base, topicID string) []storedClaim {
	t.Helper()
	var page struct{ Items []storedClaim }
	call(t, "GET", base+"/api/v1/claims?topic_id="+topicID+"&limit=100", nil, &page)
	return page.Items
}

func claimantName(t *testing.T, base, id string) string {
	t.Helper()
	var c struct{ Name, Role string }
	call(t, "GET", base+"/api/v1/claimants/"+id, nil, &c)
	return c.Name
}

func newTopic(t *testing.T, base, title string) string {
	t.Helper()
	var topic struct {
		ID string `json:"id"`
	}
	call(t, "POST", base+"/api/v1/topics", map[string]any{"title": title, "additive": true}, &topic)
	return topic.ID
}

// pasteArticle fills the article screen's fields and asks for the claims.
func pasteArticle(t *testing.T, s *session, base, topicID, url, title, outlet, date, text string) {
	t.Helper()
	s.do(t, chromedp.Navigate(base+"/articles/new?topic="+topicID))
	s.waitFor(t, "the article screen", `document.querySelector('h1') && document.querySelector('h1').textContent === 'Paste an article'`)
	s.do(t,
		chromedp.SendKeys(chromedp.CSS("#a-url"), url),
		chromedp.SendKeys(chromedp.CSS("#a-title"), title),
		chromedp.SendKeys(chromedp.CSS("#a-outlet"), outlet),
		chromedp.SendKeys(chromedp.CSS("#a-date"), date),
	)
	s.paste(t, "#a-text", text)
}

// candidateButton is the selector of a candidate's button, found by the
// quantity marked in its sentence.
func candidateButton(t *testing.T, s *session, mark, button string) string {
	t.Helper()
	i := eval[int](t, s, `[...document.querySelectorAll('li.cand')].findIndex(li => li.querySelector('mark').textContent === `+jsString(mark)+`)`)
	if i < 0 {
		t.Fatalf("no candidate marks %q; candidates: %v", mark, eval[[]string](t, s, `[...document.querySelectorAll('li.cand mark')].map(m => m.textContent)`))
	}
	return `li.cand:nth-child(` + itoa(i+1) + `) button.` + button
}

// TestArticleScreen pastes a real-style article in each language and
// accepts three claims from each: the English one (the founding article)
// with three clicks, ending on the 12x contradiction on the topic page; the
// Russian one with the keyboard alone. Accepting a candidate again creates
// no second claim.
func TestArticleScreen(t *testing.T) {
	s := startBrowser(t)
	srv := newServer(t, false)
	base := srv.URL
	seed, err := os.ReadFile("../claims/article/testdata/seed_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	ru, err := os.ReadFile("../claims/article/testdata/ru_report.txt")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("founding article in three clicks", func(t *testing.T) {
		topicID := newTopic(t, base, "Russians fighting with Islamic State")
		const url = "https://www.themoscowtimes.com/2014/09/29/russia-calls-for-joint-effort-with-us-to-fight-islamic-state"
		pasteArticle(t, s, base, topicID, url, "Russia Calls for Joint Effort With U.S. to Fight Islamic State", "The Moscow Times", "2014-09-29", string(seed))
		s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
		s.waitFor(t, "the candidates", `document.querySelectorAll('li.cand').length >= 3`)
		marks := eval[[]string](t, s, `[...document.querySelectorAll('li.cand mark')].map(m => m.textContent)`)
		if strings.Join(marks, "|") != "between 70 and 80 different countries|a few dozen|about 800" {
			t.Errorf("candidates in reading order = %q", marks)
		}
		few := eval[string](t, s, `[...document.querySelectorAll('li.cand')].find(li => li.querySelector('mark').textContent === 'a few dozen').textContent`)
		for _, want := range []string{"Mikhail Bogdanov (Russia's deputy foreign minister)", "Russians fighting alongside Islamic State", "24", "60", "Syria, Iraq"} {
			if !strings.Contains(few, want) {
				t.Errorf("the few-dozen candidate %q does not show %q", few, want)
			}
		}
		// A topic without a population tree stores the phrase as counted,
		// with no choice to make and nothing to warn of.
		if got := eval[string](t, s, `(() => { const li = [...document.querySelectorAll('li.cand')].find(li => li.querySelector('mark').textContent === 'a few dozen'); return li.querySelectorAll('.cand-scope select').length + '|' + li.querySelector('.cand-notes').textContent; })()`); got != "0|" {
			t.Errorf("a topic without a tree: %q selects | notes, want none", got)
		}
		s.screenshot(t, "article-en-candidates", true)
		for _, m := range []string{"a few dozen", "about 800", "between 70 and 80 different countries"} {
			sel := candidateButton(t, s, m, "accept")
			s.do(t, chromedp.Click(chromedp.CSS(sel)))
			s.waitFor(t, m+" accepted", `document.querySelector(`+jsString(strings.TrimSuffix(sel, " button.accept"))+`).dataset.state === 'accepted'`)
		}
		s.screenshot(t, "article-en-accepted", true)
		cs := topicClaims(t, base, topicID)
		if len(cs) != 3 {
			t.Fatalf("%d claims on the topic, want 3", len(cs))
		}
		who := map[string]string{}
		for _, c := range cs {
			who[c.QuantityText] = claimantName(t, base, c.ClaimantID)
			if c.Provenance.URL != url || c.Provenance.SourceID == "" || c.Provenance.SourceID != cs[0].Provenance.SourceID {
				t.Errorf("%q: provenance %+v, want the article's source and URL", c.QuantityText, c.Provenance)
			}
			if !strings.HasPrefix(c.Scope.Population, "Russians fighting alongside") && c.QuantityText != "between 70 and 80 different countries" {
				t.Errorf("%q: population %q", c.QuantityText, c.Scope.Population)
			}
		}
		if who["a few dozen"] != "Mikhail Bogdanov" || who["about 800"] != "The Independent" || who["between 70 and 80 different countries"] != "Mikhail Bogdanov" {
			t.Errorf("claimants = %v", who)
		}
		var src struct{ Name, URL, Publisher string }
		call(t, "GET", base+"/api/v1/sources/"+cs[0].Provenance.SourceID, nil, &src)
		if src.URL != url || src.Publisher != "The Moscow Times" {
			t.Errorf("the article's source = %+v", src)
		}
		var claimants struct{ Items []struct{ Name string } }
		call(t, "GET", base+"/api/v1/claimants?limit=100", nil, &claimants)
		if len(claimants.Items) != 2 {
			t.Errorf("claimants %+v: Bogdanov's two claims should share one record", claimants.Items)
		}

		// The same article again: accepting a candidate twice creates nothing.
		pasteArticle(t, s, base, topicID, url, "Russia Calls for Joint Effort With U.S. to Fight Islamic State", "The Moscow Times", "2014-09-29", string(seed))
		s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
		s.waitFor(t, "the candidates again", `document.querySelectorAll('li.cand').length >= 3`)
		sel := candidateButton(t, s, "a few dozen", "accept")
		s.do(t, chromedp.Click(chromedp.CSS(sel)))
		s.waitFor(t, "accepted again", `document.querySelector(`+jsString(strings.TrimSuffix(sel, " button.accept"))+`).dataset.state === 'accepted'`)
		if got := eval[string](t, s, `document.querySelector(`+jsString(strings.TrimSuffix(sel, " button.accept")+" .cand-status")+`).textContent`); !strings.Contains(got, "Already accepted") {
			t.Errorf("second accept says %q, want already accepted", got)
		}
		if n := len(topicClaims(t, base, topicID)); n != 3 {
			t.Errorf("%d claims after accepting a candidate twice, want 3", n)
		}

		// The topic page shows the 12x contradiction.
		s.do(t, chromedp.Navigate(base+"/topics/"+topicID))
		s.waitFor(t, "the conflict", `!!document.querySelector('.conflict-item')`)
		text := eval[string](t, s, `document.querySelector('.conflict-item').textContent`)
		for _, want := range []string{"12", "Bogdanov", "Independent"} {
			if !strings.Contains(text, want) {
				t.Errorf("conflict %q does not mention %q", text, want)
			}
		}
		s.screenshot(t, "article-en-topic", true)
		s.checkClean(t)
	})

	t.Run("an ambiguous claimant and an edit", func(t *testing.T) {
		base := newServer(t, false).URL // its own claimants
		topicID := newTopic(t, base, "Мост: раненые")
		var a, b struct {
			ID string `json:"id"`
		}
		call(t, "POST", base+"/api/v1/claimants", map[string]any{"name": "Андрей Волков", "kind": "person", "role": "глава управления МЧС"}, &a)
		call(t, "POST", base+"/api/v1/claimants", map[string]any{"name": "Андрей Волков", "kind": "person", "role": "депутат"}, &b)
		pasteArticle(t, s, base, topicID, "https://example.ru/news/most-2", "Мост", "Новости Дона", "2024-05-15", string(ru))
		s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
		s.waitFor(t, "the candidates", `document.querySelectorAll('li.cand').length >= 5`)
		// Two records share the name: accepting asks which one.
		sel := candidateButton(t, s, "27 человек", "accept")
		li := strings.TrimSuffix(sel, " button.accept")
		s.do(t, chromedp.Click(chromedp.CSS(sel)))
		s.waitFor(t, "the choice", `document.querySelector(`+jsString(li)+`).dataset.state === 'choosing' && document.querySelectorAll(`+jsString(li+" .choose input[type=radio]")+`).length === 3`)
		s.screenshot(t, "article-choose-claimant", false)
		s.do(t, chromedp.Click(chromedp.CSS(li+` .choose input[value="`+b.ID+`"]`)), chromedp.Click(chromedp.CSS(li+` .choose button`)))
		s.waitFor(t, "accepted with the choice", `document.querySelector(`+jsString(li)+`).dataset.state === 'accepted'`)
		// Edit opens the fields; saving accepts with the analyst's words.
		sel = candidateButton(t, s, "около 300 спасателей", "edit")
		li = strings.TrimSuffix(sel, " button.edit")
		s.do(t, chromedp.Click(chromedp.CSS(sel)))
		s.waitFor(t, "the edit form", `!!document.querySelector(`+jsString(li+" form.cand-edit")+`)`)
		id := eval[string](t, s, `document.querySelector(`+jsString(li+" form.cand-edit input[id$=-counted]")+`).id`)
		eval[bool](t, s, `(document.getElementById(`+jsString(id)+`).value = '') === ''`)
		s.do(t, chromedp.SendKeys(chromedp.ID(id), "спасателей МЧС на месте"))
		s.do(t, chromedp.Click(chromedp.CSS(li+" form.cand-edit button[type=submit]")))
		s.waitFor(t, "accepted after the edit", `document.querySelector(`+jsString(li)+`).dataset.state === 'accepted'`)
		got := map[string]storedClaim{}
		for _, c := range topicClaims(t, base, topicID) {
			got[c.QuantityText] = c
		}
		if c := got["27 человек"]; c.ClaimantID != b.ID {
			t.Errorf("27 человек: claimant %q, want the chosen %q", c.ClaimantID, b.ID)
		}
		// The edit keeps the unit as read: "спасателей" is no word the
		// lexicon counts people with.
		if c := got["около 300 спасателей"]; c.Scope.Population != "спасателей МЧС на месте" || c.Unit != "спасателей" {
			t.Errorf("около 300 спасателей: population %q, unit %q; want the edited one, спасателей", c.Scope.Population, c.Unit)
		}
		s.checkClean(t)
	})

	t.Run("an ambiguous source", func(t *testing.T) {
		base := newServer(t, false).URL // its own sources
		topicID := newTopic(t, base, "Russians fighting with Islamic State")
		var site, print, near struct {
			ID string `json:"id"`
		}
		// Two records of the outlet itself, and one near name.
		call(t, "POST", base+"/api/v1/sources", map[string]any{"name": "The Moscow Times", "kind": "news", "url": "https://www.themoscowtimes.com/"}, &site)
		call(t, "POST", base+"/api/v1/sources", map[string]any{"name": "The Moscow Times", "kind": "news", "notes": "print edition"}, &print)
		call(t, "POST", base+"/api/v1/sources", map[string]any{"name": "Moscow Times Russian service", "kind": "news", "publisher": "The Moscow Times"}, &near)
		const url = "https://www.themoscowtimes.com/2014/09/29/russia-calls-for-joint-effort-with-us-to-fight-islamic-state"
		pasteArticle(t, s, base, topicID, url, "Russia Calls for Joint Effort With U.S. to Fight Islamic State", "The Moscow Times", "2014-09-29", string(seed))
		s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
		s.waitFor(t, "the candidates", `document.querySelectorAll('li.cand').length >= 3`)
		// Accepting asks for the source once: the three stored ones and a
		// new one, the first focused.
		sel := candidateButton(t, s, "a few dozen", "accept")
		li := strings.TrimSuffix(sel, " button.accept")
		s.do(t, chromedp.Click(chromedp.CSS(sel)))
		s.waitFor(t, "the source choice", `!document.getElementById('source-choice').hidden && document.querySelectorAll('#source-choice input[type=radio]').length === 4 && document.activeElement.matches('#source-choice input[type=radio]')`)
		if got := eval[string](t, s, `document.querySelector(`+jsString(li+" .cand-status")+`).textContent`); !strings.Contains(got, "source") {
			t.Errorf("the waiting candidate says %q, want it to ask for the source", got)
		}
		values := eval[[]string](t, s, `[...document.querySelectorAll('#source-choice input[type=radio]')].map(r => r.value)`)
		for _, want := range []string{site.ID, print.ID, near.ID, "new"} {
			if !strings.Contains(strings.Join(values, " "), want) {
				t.Errorf("the choice offers %v, want %s among them", values, want)
			}
		}
		s.screenshot(t, "article-choose-source", false)
		// By keyboard: down to the print edition, Enter.
		for range 4 {
			if eval[string](t, s, `document.activeElement.value`) == print.ID {
				break
			}
			s.do(t, chromedp.KeyEvent(kb.ArrowDown))
		}
		if got := eval[string](t, s, `document.activeElement.value`); got != print.ID {
			t.Fatalf("arrow keys reach %q, never the print edition %q", got, print.ID)
		}
		s.do(t, chromedp.KeyEvent(kb.Enter))
		s.waitFor(t, "accepted with the chosen source", `document.querySelector(`+jsString(li)+`).dataset.state === 'accepted' && document.getElementById('source-choice').hidden`)
		// The next claim of the article goes to the same source unasked.
		sel = candidateButton(t, s, "about 800", "accept")
		s.do(t, chromedp.Click(chromedp.CSS(sel)))
		s.waitFor(t, "about 800 accepted", `document.querySelector(`+jsString(strings.TrimSuffix(sel, " button.accept"))+`).dataset.state === 'accepted'`)
		if !eval[bool](t, s, `document.getElementById('source-choice').hidden`) {
			t.Error("the source was asked for twice")
		}
		cs := topicClaims(t, base, topicID)
		if len(cs) != 2 {
			t.Fatalf("%d claims, want 2", len(cs))
		}
		for _, c := range cs {
			if c.Provenance.SourceID != print.ID || c.Provenance.URL != url {
				t.Errorf("%q: provenance %+v, want the chosen source %s and the article's URL", c.QuantityText, c.Provenance, print.ID)
			}
		}

		// Another article of the outlet: this time a new source.
		const url2 = "https://www.themoscowtimes.com/2014/09/30/russia-and-islamic-state"
		pasteArticle(t, s, base, topicID, url2, "Russia and Islamic State", "The Moscow Times", "2014-09-30", string(seed))
		s.do(t, chromedp.Click(chromedp.CSS(`.article-form button[type=submit]`)))
		s.waitFor(t, "the candidates", `document.querySelectorAll('li.cand').length >= 3`)
		sel = candidateButton(t, s, "between 70 and 80 different countries", "accept")
		s.do(t, chromedp.Click(chromedp.CSS(sel)))
		s.waitFor(t, "the source choice", `!document.getElementById('source-choice').hidden`)
		s.do(t, chromedp.Click(chromedp.CSS(`#source-choice input[value="new"]`)), chromedp.Click(chromedp.CSS(`#source-choice button.primary`)))
		s.waitFor(t, "accepted with a new source", `document.querySelector(`+jsString(strings.TrimSuffix(sel, " button.accept"))+`).dataset.state === 'accepted'`)
		var made storedClaim
		for _, c := range topicClaims(t, base, topicID) {
			if c.Provenance.URL == url2 {
				made = c
			}
		}
		var src struct{ ID, Name, URL, Publisher string }
		call(t, "GET", base+"/api/v1/sources/"+made.Provenance.SourceID, nil, &src)
		if src.ID == site.ID || src.ID == print.ID || src.ID == near.ID || src.Name != "Russia and Islamic State" || src.URL != url2 || src.Publisher != "The Moscow Times" {
			t.Errorf("the new source = %+v, want one made for the article", src)
		}
		s.checkClean(t)
	})

	t.Run("Russian report by keyboard alone", func(t *testing.T) {
		topicID := newTopic(t, base, "Обрушение моста")
		s.do(t, chromedp.Navigate(base+"/articles/new?topic="+topicID))
		s.waitFor(t, "the article screen", `document.querySelector('h1') && document.querySelector('h1').textContent === 'Paste an article'`)
		// Tab from the topic to each field, type, paste the text, then
		// Ctrl+Enter: no pointer anywhere.
		s.do(t, chromedp.Focus(chromedp.CSS("#a-topic")))
		tab := func(id string) {
			t.Helper()
			for range 6 {
				if eval[string](t, s, `document.activeElement.id`) == id {
					return
				}
				s.do(t, chromedp.KeyEvent(kb.Tab))
			}
			t.Fatalf("Tab never reached #%s", id)
		}
		tab("a-url")
		s.do(t, chromedp.KeyEvent("https://example.ru/news/most"))
		tab("a-title")
		s.do(t, chromedp.KeyEvent("Число погибших возросло до 14"))
		tab("a-outlet")
		s.do(t, chromedp.KeyEvent("Новости Дона"))
		tab("a-date")
		s.do(t, chromedp.KeyEvent("2024-05-14"))
		tab("a-text")
		ctx := s.ctx
		if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: string(ru)}); err != nil {
			t.Fatal(err)
		}
		s.do(t, chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		s.waitFor(t, "the candidates", `document.querySelectorAll('li.cand').length >= 5`)
		s.waitFor(t, "focus on the first Accept", `document.activeElement.matches('li.cand button.accept')`)
		if got := eval[string](t, s, `document.activeElement.closest('li').querySelector('mark').textContent`); got != "14 человек" {
			t.Errorf("first focused candidate = %q, want 14 человек", got)
		}
		// Accept, accept, drop, accept: each one key press; the focus moves on.
		for step, key := range []string{"accept", "accept", "drop", "accept"} {
			cur := eval[string](t, s, `document.activeElement.closest('li').id`)
			if key == "drop" {
				s.do(t, chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
				if got := eval[string](t, s, `document.activeElement.className`); got != "drop" {
					t.Fatalf("step %d: two Tabs from Accept reach %q, want the Drop button", step, got)
				}
			}
			s.do(t, chromedp.KeyEvent(kb.Enter))
			want := map[string]string{"accept": "accepted", "drop": "dropped"}[key]
			s.waitFor(t, cur+" "+want, `document.getElementById(`+jsString(cur)+`).dataset.state === `+jsString(want))
			s.waitFor(t, "the focus on the next Accept", `document.activeElement.matches('li.cand button.accept') && document.activeElement.closest('li').id !== `+jsString(cur))
		}
		s.screenshot(t, "article-ru-keyboard", true)
		cs := topicClaims(t, base, topicID)
		if len(cs) != 3 {
			t.Fatalf("%d claims, want 3", len(cs))
		}
		got := map[string]string{}
		for _, c := range cs {
			got[c.QuantityText] = claimantName(t, base, c.ClaimantID)
		}
		want := map[string]string{"14 человек": "Андрей Волков", "27 человек": "Андрей Волков", "около 300 спасателей": "Андрей Волков"}
		for q, w := range want {
			if got[q] != w {
				t.Errorf("claim %q by %q, want %q (all: %v)", q, got[q], w, got)
			}
		}
		s.checkClean(t)
	})
}
