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
