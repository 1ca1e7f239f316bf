package frontend_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimdesk/claimdesk/api"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/frontend"
)

// TestConflictsTopicLinkUnread: a link to the conflicts of a topic the
// server fails to read (a 500 for GET /api/v1/topics/ct3, not a 404) says
// so and still lists only that topic's conflicts, by its ID, not every
// topic's.
func TestConflictsTopicLinkUnread(t *testing.T) {
	s := startBrowser(t)
	h := api.NewHandler(api.Options{Store: storetest.SQLite(t), Assets: frontend.FS})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/topics/ct3" {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"the database is busy"}`))
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	importConflicts(t, srv.URL, 4)
	want := countConflicts(t, srv.URL, url.Values{"topic_id": {"ct3"}})
	if total := countConflicts(t, srv.URL, nil); want == 0 || want == total {
		t.Fatalf("%d conflicts of ct3 of %d: want some, and others in other topics", want, total)
	}

	s.do(t, chromedp.Navigate(srv.URL+"/conflicts?topic=ct3"))
	s.waitFor(t, "the inbox", `document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false`)
	if got := eval[[]string](t, s, `[...new Set([...document.querySelectorAll('.conflict-item')].map((li) => li.dataset.topic))]`); len(got) != 1 || got[0] != "ct3" {
		t.Errorf("rows of topics %q, want only ct3's", got)
	}
	if got, want := eval[string](t, s, `document.querySelector('[data-testid=conflict-count]').textContent`), strconv.Itoa(want)+" conflicts"; got != want {
		t.Errorf("count %q, want %q", got, want)
	}
	if got, want := eval[string](t, s, `document.getElementById('cf-topic-err').textContent`), "The topic “ct3” could not be read (the database is busy): its conflicts are listed by its ID."; got != want {
		t.Errorf("picker's error %q, want %q", got, want)
	}
	if got := eval[string](t, s, `location.search`); got != "?topic=ct3" {
		t.Errorf("URL %q, want the topic kept", got)
	}
	s.checkClean(t)
}
