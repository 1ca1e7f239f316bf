package frontend_test

import (
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenReady is true when the router has drawn a screen or its error.
const screenReady = `(!!document.querySelector('main h1') || !!document.querySelector('main .error-box')) && !document.querySelector('main[aria-busy=true]')`

// shownAt opens path and returns the screen's heading ("" on an error)
// and the entries of the top navigation marked as the current page.
func shownAt(t *testing.T, s *session, base, path string) (heading string, current []string) {
	t.Helper()
	s.do(t, chromedp.Navigate(base+path))
	s.waitFor(t, path, screenReady)
	return eval[string](t, s, `document.querySelector('main h1')?.textContent || ''`),
		eval[[]string](t, s, `[...document.querySelectorAll('nav [data-nav][aria-current=page]')].map((a) => a.textContent)`)
}

// TestBarePaths: the paths an analyst types from the navigation's, a
// folder up or with a trailing slash, open the screen they name, with
// its entry of the navigation current, not "Not found".
func TestBarePaths(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	for _, c := range []struct{ path, heading, current string }{
		{"/topics", "Topics", "Topics"},
		{"/topics/", "Topics", "Topics"},
		{"/claims", "Browse claims", "Browse"},
		{"/claims/", "Browse claims", "Browse"},
		{"/conflicts/", "Conflicts", "Conflicts"},
		{"/search/", "Browse claims", "Browse"},
		{"/transfer/", "Import and export", "Import/Export"},
		{"/articles", "Paste an article", "Paste article"},
		{"/admin", "Users and tokens", "Users"},
		{"/admin/", "Users and tokens", "Users"},
		{"/trash/", "Trash", "Trash"},
	} {
		heading, current := shownAt(t, s, base, c.path)
		if heading != c.heading || !slices.Equal(current, []string{c.current}) {
			t.Errorf("%s shows %q with %q current, want %q with %q current", c.path, heading, current, c.heading, c.current)
		}
		if c.path == "/topics" {
			s.screenshot(t, "bare-path-topics", false)
		}
	}
	// What names no screen is still not found.
	if heading, _ := shownAt(t, s, base, "/topic"); heading != "" || !eval[bool](t, s, `document.querySelector('main .error-box').textContent.includes('Not found')`) {
		t.Errorf("/topic shows %q, want Not found", heading)
	}
	s.checkClean(t)
}

// TestCurrentNavEntry visits every screen the navigation opens, the
// search results and the screens reached from them, and checks which
// entry of the navigation is marked current (aria-current=page, which
// the stylesheet draws): the entry whose screen it is or lies under,
// none on the header's search results (the header's search box, not
// "Browse", opened them), the log-in page and a path that names no
// screen; "Browse" on a search from the Browse screen's own box.
func TestCurrentNavEntry(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, true).URL
	want := func(where string, entry ...string) {
		t.Helper()
		got := eval[[]string](t, s, `[...document.querySelectorAll('nav [data-nav][aria-current=page]')].map((a) => a.textContent)`)
		if !slices.Equal(got, entry) {
			t.Errorf("%s: %q current, want %q", where, got, entry)
		}
	}
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics", screenReady)
	for _, c := range []struct{ entry, heading string }{
		{"Conflicts", "Conflicts"},
		{"Enter claim", "Enter a claim"},
		{"Paste article", "Paste an article"},
		{"Import/Export", "Import and export"},
		{"Browse", "Browse claims"},
		{"Trash", "Trash"},
		{"Users", "Users and tokens"},
		{"Topics", "Topics"},
	} {
		s.do(t, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('nav [data-nav]')].find((a) => a.textContent === `+jsString(c.entry)+`).click()`))
		s.waitFor(t, c.heading, screenReady+` && document.querySelector('main h1').textContent === `+jsString(c.heading))
		want("after a click on "+c.entry, c.entry)
	}

	// The header's search box opens the search results: no entry of the
	// navigation did, so none is current; "Browse" then browses.
	s.do(t, chromedp.Click(chromedp.CSS(`#site-search input`)), chromedp.KeyEvent("Bogdanov\r"))
	s.waitFor(t, "the search results", screenReady+` && document.querySelector('main h1').textContent === 'Search: Bogdanov'`)
	want("the search results")
	s.screenshot(t, "nav-search-results", false)
	// narrow clicks the first value of the sidebar's facets, once counted.
	narrow := func(what string) {
		t.Helper()
		s.waitFor(t, "the counts of "+what, `!!document.querySelector('.facet-value')`)
		s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.facet-value').click()`))
		s.waitFor(t, what+" narrowed", screenReady+` && location.search.includes('&')`)
	}
	narrow("the search results")
	want("the search results narrowed by a facet")
	s.do(t, chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('nav [data-nav]')].find((a) => a.textContent === 'Browse').click()`))
	s.waitFor(t, "browsing", screenReady+` && document.querySelector('main h1').textContent === 'Browse claims'`)
	want("Browse after the search results", "Browse")

	// A search from the Browse screen's own box is browsing: "Browse"
	// stays current on its results, narrowed by a facet, and at their
	// address opened anew; so it does on a search from that box on the
	// header's search results, or where an empty search from the header
	// led.
	s.do(t, chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent("Syria\r"))
	s.waitFor(t, "the results of Browse's box", screenReady+` && document.querySelector('main h1').textContent === 'Search: Syria'`)
	want("a search from Browse's own box", "Browse")
	s.screenshot(t, "nav-browse-search", false)
	narrow("the results of Browse's box")
	want("a search from Browse's own box narrowed by a facet", "Browse")
	link := eval[string](t, s, `location.pathname + location.search`)
	s.do(t, chromedp.Navigate(base+link))
	s.waitFor(t, link, screenReady+` && document.querySelector('main h1').textContent === 'Search: Syria'`)
	want(link+" (a search from Browse's own box, opened anew)", "Browse")
	for _, from := range []string{"/search?q=Bogdanov", "/search"} {
		s.do(t, chromedp.Navigate(base+from))
		s.waitFor(t, from, screenReady+` && !!document.querySelector('.browse-q')`)
		s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.browse-q').value = ''`), chromedp.Click(chromedp.CSS(`.browse-q`)), chromedp.KeyEvent("Syria\r"))
		s.waitFor(t, "a search from Browse's box at "+from, screenReady+` && document.querySelector('main h1').textContent === 'Search: Syria'`)
		want("a search from Browse's own box at "+from, "Browse")
	}

	for _, c := range []struct {
		path  string
		entry []string
	}{
		{"/topics/topic-russians-is", []string{"Topics"}},
		{"/topics/topic-russians-is/series", []string{"Topics"}},
		{"/claims/r4-bogdanov-2014", []string{"Topics"}},
		{"/sources/src-kommersant", []string{"Browse"}},
		{"/claimants/cl-bogdanov", []string{"Browse"}},
		{"/search?q=Syria", nil},
		{"/search?topic_id=topic-russians-is", []string{"Browse"}},
		{"/claims?q=Syria", []string{"Browse"}},
		{"/claims/new?topic=topic-russians-is", []string{"Enter claim"}},
		{"/conflicts?status=reviewed", []string{"Conflicts"}},
		{"/login", nil},
		{"/nowhere", nil},
	} {
		s.do(t, chromedp.Navigate(base+c.path))
		s.waitFor(t, c.path, screenReady)
		want(c.path, c.entry...)
	}
	s.checkClean(t)
}
