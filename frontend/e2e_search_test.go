package frontend_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchScreen searches the demo from the header of another screen,
// narrows by a facet and follows a result, checking every count against the
// API.
func TestSearchScreen(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL

	// "/" focuses the header's search box from any screen, and Enter searches.
	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the inbox", `!!document.querySelector('main h1')`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`), chromedp.KeyEvent("/"))
	s.waitFor(t, "the search box focused", `document.activeElement && document.activeElement.closest('#site-search') !== null`)
	s.do(t, chromedp.KeyEvent("Bogdanov\r"))
	s.waitFor(t, "the results", `location.pathname === '/search' && document.querySelectorAll('.result-card').length > 0`)

	var api struct {
		Claims struct {
			Items []struct {
				Item struct {
					ID string `json:"id"`
				} `json:"item"`
			} `json:"items"`
		} `json:"claims"`
		Claimants []struct{} `json:"claimants"`
		Facets    struct {
			Total  int `json:"total"`
			Counts map[string][]struct {
				Value string `json:"value"`
				Label string `json:"label"`
				Count int    `json:"count"`
			} `json:"counts"`
		} `json:"facets"`
	}
	call(t, "GET", base+"/api/v1/search?facets=true&limit=50&q=Bogdanov", nil, &api)
	if len(api.Claims.Items) == 0 {
		t.Fatal("the API finds no claim for Bogdanov in the demo: the test's premise is broken")
	}
	if got := eval[int](t, s, `document.querySelectorAll('.result-card').length`); got != len(api.Claims.Items) {
		t.Errorf("%d result cards, the API returns %d claims", got, len(api.Claims.Items))
	}
	if got := eval[string](t, s, `document.querySelector('.result-card a[href^="/claims/"]').getAttribute('href')`); got != "/claims/"+api.Claims.Items[0].Item.ID {
		t.Errorf("first card links to %s, want the best match %s", got, api.Claims.Items[0].Item.ID)
	}
	// The matching words are marked, as text.
	marks := eval[[]string](t, s, `[...document.querySelectorAll('.result-card mark')].map((m) => m.textContent)`)
	if len(marks) == 0 || !strings.EqualFold(marks[0], "Bogdanov") {
		t.Errorf("marked words %q, want Bogdanov", marks)
	}
	if got := eval[int](t, s, `document.querySelectorAll('.result-group li').length`); got < len(api.Claimants) {
		t.Errorf("%d matching topics, claimants and sources listed, want at least the %d claimants", got, len(api.Claimants))
	}
	// The sidebar shows the API's counts.
	years := api.Facets.Counts["year"]
	if len(years) == 0 {
		t.Fatal("no year facet for Bogdanov's claims: the premise is broken")
	}
	got := eval[[]string](t, s, `[...document.querySelectorAll('.facet[aria-label=Year] .facet-value')].map((a) => a.innerText.replace(/\s+/g, ' '))`)
	if len(got) != len(years) || got[0] != years[0].Value+" "+strconv.Itoa(years[0].Count) {
		t.Errorf("year facet shows %q, the API counts %+v", got, years)
	}
	s.screenshot(t, "search-results", false)

	// A facet narrows the results and the URL keeps it.
	s.do(t, chromedp.Click(chromedp.CSS(`.facet[aria-label=Year] .facet-value`)))
	s.waitFor(t, "the narrowed results", `new URLSearchParams(location.search).get('from') === `+jsString(years[0].Value))
	s.waitFor(t, "the cards", `document.querySelectorAll('.result-card').length === `+strconv.Itoa(min(years[0].Count, 50)))
	s.waitFor(t, "the filter chip", `document.querySelectorAll('.filter-chips .filter-chip').length > 0`)

	// Browsing without words: filters alone, as cards. The grade is the
	// demo's most frequent one.
	var all facetsAnswer
	call(t, "GET", base+"/api/v1/claims?facets=true&limit=1", nil, &all)
	grade := all.Facets.Counts["grade"][0]
	s.do(t, chromedp.Navigate(base+"/search?grade="+url.QueryEscape(grade.Value)))
	s.waitFor(t, "the browse screen", `!!document.querySelector('.summary-line') && document.querySelector('.summary-line').textContent.startsWith(`+jsString(strconv.Itoa(grade.Count)+" claim")+`)`)
	if got := eval[int](t, s, `document.querySelectorAll('.result-card').length`); got != min(grade.Count, 50) {
		t.Errorf("%d cards for grade %s, the API counts %d", got, grade.Value, grade.Count)
	}
	s.screenshot(t, "browse-by-grade", false)

	// The search box is on every screen; a phone gets the sidebar above the results.
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics", `!!document.querySelector('main h1')`)
	if !eval[bool](t, s, `!!document.querySelector('header #site-search input[type=search]')`) {
		t.Error("no search box in the header of the topics screen")
	}
	s.checkClean(t)
}

// searchIDs returns the IDs of the claims the API finds for q, in its order.
func searchIDs(t *testing.T, base, q string) []string {
	t.Helper()
	ids, _ := searchAnswer(t, base, q)
	return ids
}

// searchAnswer returns the IDs of the claims the API finds for q, in its
// order, and the Latin spelling it searched instead of q, if it did.
func searchAnswer(t *testing.T, base, q string) (ids []string, searchedAs string) {
	t.Helper()
	var res struct {
		Claims struct {
			Items []struct {
				Item struct {
					ID string `json:"id"`
				} `json:"item"`
			} `json:"items"`
		} `json:"claims"`
		SearchedAs string `json:"searched_as"`
	}
	call(t, "GET", base+"/api/v1/search?limit=50&q="+url.QueryEscape(q), nil, &res)
	ids = make([]string, len(res.Claims.Items))
	for i, it := range res.Claims.Items {
		ids[i] = it.Item.ID
	}
	return ids, res.SearchedAs
}

// TestSearchInRussian types names and places in Russian, in oblique
// cases, into the search boxes: the demo records Bogdanov and Syria in
// English, so the words as typed match no claim, the server searches
// their Latin spelling, and the screen shows its claims, saying so. A
// Russian phrase the claims hold is found as typed.
func TestSearchInRussian(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	for q, latin := range map[string]string{"Богданова": "Bogdanov*", "Сирии": "Syria"} {
		if _, as := searchAnswer(t, base, q); as != latin {
			t.Fatalf("the API searches %q as %q, want %q: the test's premise is broken", q, as, latin)
		}
	}
	cards := func() []string {
		return eval[[]string](t, s, `[...document.querySelectorAll('.result-card .result-title a')].map((a) => decodeURIComponent(a.getAttribute('href').slice('/claims/'.length)))`)
	}

	// A name in the genitive, from the header's box.
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics", `!!document.querySelector('main h1')`)
	s.do(t, chromedp.Click(chromedp.CSS(`#site-search input`)), chromedp.KeyEvent("Богданова\r"))
	s.waitFor(t, "the Latin spelling's results", `location.pathname === '/search' && document.querySelectorAll('.result-card').length > 0`)
	want := searchIDs(t, base, "Bogdanov*")
	if len(want) == 0 {
		t.Fatal("the API finds no claim for Bogdanov* in the demo: the premise is broken")
	}
	if got := cards(); !slices.Equal(got, want) {
		t.Errorf("cards for Богданова: %v, want Bogdanov*'s %v", got, want)
	}
	if got := eval[string](t, s, `document.querySelector('[data-testid=latin-note]').textContent`); !strings.Contains(got, "“Богданова”") || !strings.Contains(got, "“Bogdanov*”") {
		t.Errorf("the note says %q, want it to name both spellings", got)
	}
	if got := eval[string](t, s, `document.querySelector('main h1').textContent`); got != "Search: Богданова" {
		t.Errorf("heading %q, want the query as typed", got)
	}
	s.screenshot(t, "search-russian-name", false)

	// A place in another case, from the browse screen's box: the
	// gazetteer's English name, not a transliteration ("Sirii").
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent("Сирии\r"))
	s.waitFor(t, "the place's results", `new URLSearchParams(location.search).get('q') === 'Сирии' && !document.querySelector('main[aria-busy]') && !!document.querySelector('[data-testid=latin-note]')`)
	want = searchIDs(t, base, "Syria")
	if len(want) == 0 {
		t.Fatal("the API finds no claim for Syria in the demo: the premise is broken")
	}
	if got := cards(); !slices.Equal(got, want) {
		t.Errorf("cards for Сирии: %v, want Syria's %v", got, want)
	}
	s.waitFor(t, "the count", `!document.querySelector('.summary-line').textContent.startsWith('Counting')`)
	if got := eval[string](t, s, `document.querySelector('.summary-line').textContent`); got != strconv.Itoa(len(want))+" claims match “Syria”" {
		t.Errorf("summary line %q, want %d claims of Syria", got, len(want))
	}

	// A name the press spells otherwise than BGN/PCGN: searched in both
	// spellings, and the note names them as spellings.
	const bortnikov = "Александра Бортникова"
	_, as := searchAnswer(t, base, bortnikov)
	if as != "Aleksandr* OR Alexander* Bortnikov*" {
		t.Fatalf("the API searches %q as %q, want Aleksandr* OR Alexander* Bortnikov*: the test's premise is broken", bortnikov, as)
	}
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent(bortnikov+"\r"))
	s.waitFor(t, "the spellings' results", `new URLSearchParams(location.search).get('q') === '`+bortnikov+`' && !document.querySelector('main[aria-busy]') && !!document.querySelector('[data-testid=latin-note]')`)
	want = searchIDs(t, base, as)
	if len(want) == 0 {
		t.Fatal("the API finds no claim of Alexander Bortnikov in the demo: the premise is broken")
	}
	if got := cards(); !slices.Equal(got, want) {
		t.Errorf("cards for %s: %v, want %v", bortnikov, got, want)
	}
	if got, note := eval[string](t, s, `document.querySelector('[data-testid=latin-note]').textContent`),
		"Nothing matches “"+bortnikov+"” as written: these claims match “Aleksandr* OR Alexander* Bortnikov*”, its spellings in Latin letters (* stands for any ending)."; got != note {
		t.Errorf("the note says %q, want %q", got, note)
	}
	s.waitFor(t, "the count", `!document.querySelector('.summary-line').textContent.startsWith('Counting')`)
	line := strconv.Itoa(len(want)) + " claims match “Aleksandr* OR Alexander* Bortnikov*”"
	if len(want) == 1 {
		line = "1 claim matches “Aleksandr* OR Alexander* Bortnikov*”"
	}
	if got := eval[string](t, s, `document.querySelector('.summary-line').textContent`); got != line {
		t.Errorf("summary line %q, want %d claims of the spellings", got, len(want))
	}
	s.screenshot(t, "search-russian-spellings", false)

	// A place the gazetteer only guesses at is not read as that guess
	// ("Ракка" is one letter from Dhaka's Russian name): nothing matches.
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent("Ракка\r"))
	s.waitFor(t, "the empty answer", `new URLSearchParams(location.search).get('q') === 'Ракка' && !document.querySelector('main[aria-busy]') && !!document.querySelector('main .empty')`)
	if eval[bool](t, s, `!!document.querySelector('[data-testid=latin-note]')`) {
		t.Error("a note for Ракка, which matches nothing in either spelling")
	}

	// Russian words the claims hold are found as typed, with no note.
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent("несколько десятков\r"))
	s.waitFor(t, "the phrase's results", `new URLSearchParams(location.search).get('q') === 'несколько десятков' && !document.querySelector('main[aria-busy]') && document.querySelectorAll('.result-card').length > 0`)
	if got, want := cards(), searchIDs(t, base, "несколько десятков"); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("cards for несколько десятков: %v, want the API's %v", got, want)
	}
	if eval[bool](t, s, `!!document.querySelector('[data-testid=latin-note]')`) {
		t.Error("a note for words found as typed")
	}

	// A place of several words: the server quotes it as a phrase, the
	// screen names it in its own quotes only.
	b := newBundle(t)
	b.put("source", map[string]any{"id": "uae-src", "name": "Gulf News", "kind": "news"})
	b.put("claimant", map[string]any{"id": "uae-who", "name": "Gulf News"})
	b.put("topic", map[string]any{"id": "uae-topic", "title": "Foreign workers", "unit": "people"})
	b.put("claim", map[string]any{"id": "uae-claim", "topic_id": "uae-topic", "claimant_id": "uae-who", "quantity_text": "300",
		"quote": "Some 300 arrived in the United Arab Emirates", "provenance": map[string]any{"source_id": "uae-src"}})
	b.put("claim", map[string]any{"id": "shoigu-claim", "topic_id": "uae-topic", "claimant_id": "uae-who", "quantity_text": "300",
		"quote": "Sergei Shoigu put it at 300", "provenance": map[string]any{"source_id": "uae-src"}})
	b.post(base)
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent("ОАЭ\r"))
	s.waitFor(t, "the place's results", `new URLSearchParams(location.search).get('q') === 'ОАЭ' && !document.querySelector('main[aria-busy]') && !!document.querySelector('[data-testid=latin-note]')`)
	if got := eval[string](t, s, `document.querySelector('[data-testid=latin-note]').textContent`); !strings.Contains(got, "“United Arab Emirates”") || strings.Contains(got, `"`) {
		t.Errorf("the note says %q, want it to name “United Arab Emirates” in no straight quotes", got)
	}
	s.waitFor(t, "the count", `!document.querySelector('.summary-line').textContent.startsWith('Counting')`)
	if got := eval[string](t, s, `document.querySelector('.summary-line').textContent`); got != "1 claim matches “United Arab Emirates”" {
		t.Errorf("summary line %q, want 1 claim of “United Arab Emirates”", got)
	}

	// A quoted name in its spellings: the phrases keep their quotes in
	// the note, which would otherwise read as one run of four words.
	const shoigu = `"Сергей Шойгу"`
	if _, as := searchAnswer(t, base, shoigu); as != `"Sergey Shoygu" OR "Sergei Shoigu"` {
		t.Fatalf("the API searches %s as %s: the test's premise is broken", shoigu, as)
	}
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent(shoigu+"\r"))
	s.waitFor(t, "the phrases' results", `new URLSearchParams(location.search).get('q') === '`+shoigu+`' && !document.querySelector('main[aria-busy]') && !!document.querySelector('[data-testid=latin-note]')`)
	if got, note := eval[string](t, s, `document.querySelector('[data-testid=latin-note]').textContent`),
		"Nothing matches "+shoigu+" as written: these claims match \"Sergey Shoygu\" OR \"Sergei Shoigu\", its spellings in Latin letters."; got != note {
		t.Errorf("the note says %q, want %q", got, note)
	}
	s.screenshot(t, "search-russian-phrases", false)
	s.checkClean(t)
}

// TestBrowseShowsClaimsBeforeCounts holds back every request for facet
// counts, as counting a million claims by every facet is slow: the cards
// show at once, the sidebar says it is counting, and the counts, the total
// and the claimants' names on the cards come when the counts are let
// through.
func TestBrowseShowsClaimsBeforeCounts(t *testing.T) {
	s := startBrowser(t)
	base, release := holdCounts(t)

	waitCards := func(what string, want int) {
		t.Helper()
		s.waitFor(t, what, `document.querySelectorAll('.result-card').length === `+strconv.Itoa(want))
		if !eval[bool](t, s, `!!document.querySelector('[data-testid=facets-loading]') && document.querySelector('.facets').getAttribute('aria-busy') === 'true'`) {
			t.Errorf("%s: no sign that the counts are on their way", what)
		}
		if got := eval[string](t, s, `document.querySelector('.summary-line').textContent`); got != "Counting the claims…" {
			t.Errorf("%s: summary line %q while counting", what, got)
		}
	}

	// Browsing without words: the newest claims, uncounted.
	var newest struct {
		Items []struct{} `json:"items"`
	}
	call(t, "GET", base+"/api/v1/claims?limit=50", nil, &newest)
	s.do(t, chromedp.Navigate(base+"/search"))
	waitCards("the newest claims", len(newest.Items))

	// A search: its cards before the counts.
	want := searchIDs(t, base, "Syria")
	if len(want) == 0 {
		t.Fatal("the API finds no claim for Syria in the demo: the premise is broken")
	}
	s.do(t, chromedp.Navigate(base+"/search?q=Syria"))
	waitCards("Syria's claims", len(want))
	s.screenshot(t, "search-counting", false)

	release()
	var counted facetsAnswer
	call(t, "GET", base+"/api/v1/search?facets=true&limit=1&q=Syria", nil, &counted)
	s.waitFor(t, "the counts", `!document.querySelector('.facets[aria-busy]') && !!document.querySelector('.facet[aria-label=Year]')`)
	if got, want := eval[string](t, s, `document.querySelector('.summary-line').textContent`), strconv.Itoa(counted.Facets.Total)+" claims match"; got != want {
		t.Errorf("summary line %q, want %q", got, want)
	}
	years := counted.Facets.Counts["year"]
	got := eval[[]string](t, s, `[...document.querySelectorAll('.facet[aria-label=Year] .facet-value')].map((a) => a.innerText.replace(/\s+/g, ' '))`)
	if len(got) != len(years) || got[0] != years[0].Value+" "+strconv.Itoa(years[0].Count) {
		t.Errorf("year facet shows %q, the API counts %+v", got, years)
	}
	// The cards, drawn again, name their claimants.
	if got := eval[int](t, s, `[...document.querySelectorAll('.result-card .result-title a')].filter((a) => a.textContent.includes(': ')).length`); got == 0 {
		t.Error("no card names its claimant once the counts came")
	}
	if n := eval[int](t, s, `document.querySelectorAll('.result-card').length`); n != len(want) {
		t.Errorf("%d cards after the counts, want %d", n, len(want))
	}
	s.checkClean(t)
}

// holdCounts starts a server of the demo that holds back every request
// for facet counts until release is called or the browser cancels it.
func holdCounts(t *testing.T) (base string, release func()) {
	t.Helper()
	h := newHandler(t, true)
	hold := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(hold) }) }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("facets") == "true" {
			select {
			case <-hold:
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(release)
	return srv.URL, release
}

// TestBrowseLeavesSlowCounts searches again and again while no count
// comes, as an analyst does at a million claims where counting takes a
// minute: the browser opens at most six connections to a server, so the
// counts of the searches left behind must be cancelled for the next
// search's claims to come at all.
func TestBrowseLeavesSlowCounts(t *testing.T) {
	s := startBrowser(t)
	base, _ := holdCounts(t)
	s.do(t, chromedp.Navigate(base+"/search"))
	s.waitFor(t, "the browse screen", `!!document.querySelector('.browse-q')`)
	for _, q := range []string{"Syria", "Iraq", "Bogdanov", "Islamic", "fighters", "Chechens", "foreign", "Syria"} {
		if len(searchIDs(t, base, q)) == 0 {
			t.Fatalf("the API finds no claim for %q in the demo: the premise is broken", q)
		}
		s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent(q+"\r"))
		s.waitFor(t, q+"'s claims", `new URLSearchParams(location.search).get('q') === `+jsString(q)+` && !document.querySelector('main[aria-busy]') && document.querySelectorAll('.result-card').length > 0`)
	}
	s.checkClean(t)
}

// TestBrowseCountsKeepTheFocus puts the keyboard's focus on a card while
// the counts are on their way: when they come and name the cards'
// claimants, the focus stays on that card's link (drawing the cards again
// dropped it to the page's body, and a keyboard user back to the top).
func TestBrowseCountsKeepTheFocus(t *testing.T) {
	s := startBrowser(t)
	base, release := holdCounts(t)
	s.do(t, chromedp.Navigate(base+"/search?q=Syria"))
	s.waitFor(t, "Syria's claims", `document.querySelectorAll('.result-card').length > 1 && !document.querySelector('main[aria-busy]')`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.result-card .result-title a')[1].focus()`))
	href := eval[string](t, s, `document.activeElement.getAttribute('href')`)
	release()
	s.waitFor(t, "the counts", `!document.querySelector('.facets[aria-busy]') && !!document.querySelector('.facet[aria-label=Claimant]')`)
	if got := eval[string](t, s, `document.activeElement.getAttribute('href') || document.activeElement.tagName`); got != href {
		t.Errorf("the focus is on %q once the counts came, want it still on %q", got, href)
	}
	// The card names its claimant, as the API has it.
	var claim struct {
		ClaimantID string `json:"claimant_id"`
	}
	call(t, "GET", base+"/api/v1"+href, nil, &claim)
	var claimant struct {
		Name string `json:"name"`
	}
	call(t, "GET", base+"/api/v1/claimants/"+url.PathEscape(claim.ClaimantID), nil, &claimant)
	if got := eval[string](t, s, `document.querySelector('.result-card .result-title a[href=`+jsString(href)+`]').textContent`); !strings.HasPrefix(got, claimant.Name+": ") {
		t.Errorf("the card says %q, want it to begin with its claimant, %q", got, claimant.Name)
	}
	s.checkClean(t)
}

// facetsAnswer is what a test reads of a listing's or search's facets.
type facetsAnswer struct {
	Facets struct {
		Total  int `json:"total"`
		Counts map[string][]struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"counts"`
	} `json:"facets"`
}
