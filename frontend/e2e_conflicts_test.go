package frontend_test

import (
	"fmt"
	"net/url"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
)

// importConflicts imports topics ct0… of 30 claims each, every figure
// twice the one before it, so that each topic holds conflicts.
func importConflicts(t *testing.T, base string, topics int) {
	t.Helper()
	b := newBundle(t)
	put := b.put
	put("source", map[string]any{"id": "cs", "name": "Fixture outlet", "kind": "news"})
	for i := range 30 {
		put("claimant", map[string]any{"id": fmt.Sprintf("cc%d", i), "name": fmt.Sprintf("Claimant %d", i)})
	}
	for k := range topics {
		put("topic", map[string]any{"id": fmt.Sprintf("ct%d", k), "title": fmt.Sprintf("Conflict fixture %d", k), "unit": "people", "additive": true})
		for i := range 30 {
			put("claim", map[string]any{"id": fmt.Sprintf("cf%d-%02d", k, i), "topic_id": fmt.Sprintf("ct%d", k), "claimant_id": fmt.Sprintf("cc%d", i),
				"quantity_text": strconv.Itoa(10 << i), "said_on": "2015-01-01",
				"scope": map[string]any{"places": []string{"Syria"}, "measure": "current"}, "provenance": map[string]any{"source_id": "cs"}})
		}
	}
	b.post(base)
}

// countConflicts reads every page of /conflicts?query.
func countConflicts(t *testing.T, base string, query url.Values) int {
	t.Helper()
	n := 0
	for cursor := ""; ; {
		q := url.Values{"limit": {"500"}}
		for k, v := range query {
			q[k] = v
		}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Items      []struct{} `json:"items"`
			NextCursor string     `json:"next_cursor"`
		}
		call(t, "GET", base+"/api/v1/conflicts?"+q.Encode(), nil, &page)
		n += len(page.Items)
		if page.NextCursor == "" {
			return n
		}
		cursor = page.NextCursor
	}
}

// TestConflictsInboxDrawsAPage lists more conflicts than the inbox draws
// at once: it counts them all, draws the first 200 with a button for
// more, and its text filter narrows among all of them.
func TestConflictsInboxDrawsAPage(t *testing.T) {
	const shown = 200
	s := startBrowser(t)
	base := newServer(t, false).URL
	importConflicts(t, base, 9)
	n := countConflicts(t, base, nil)
	if n <= shown {
		t.Fatalf("%d conflicts stored, want more than %d: the test's premise is broken", n, shown)
	}

	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the inbox", `document.querySelectorAll('.conflict-item').length > 0`)
	status := func() string {
		return eval[string](t, s, `document.querySelector('[data-testid=conflict-count]').textContent`)
	}
	if got, want := status(), fmt.Sprintf("%d conflicts; the first %d shown", n, shown); got != want {
		t.Errorf("count %q, want %q", got, want)
	}
	if got := eval[int](t, s, `document.querySelectorAll('.conflict-item').length`); got != shown {
		t.Errorf("%d conflicts drawn, want %d", got, shown)
	}
	if eval[bool](t, s, `!document.querySelector('[data-testid=conflicts-capped]').hidden`) {
		t.Error("a notice of conflicts not read, though all were")
	}
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=more-conflicts]`)))
	s.waitFor(t, "more conflicts", `document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(min(n, 2*shown)))

	// The text filter narrows among all: one topic's title.
	want := countConflicts(t, base, url.Values{"topic_id": {"ct7"}})
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-q`)), chromedp.KeyEvent("Conflict fixture 7"))
	s.waitFor(t, "the narrowed inbox", `document.querySelector('[data-testid=conflict-count]').textContent === `+jsString(fmt.Sprintf("%d of %d conflicts match “Conflict fixture 7”", want, n)))
	if got := eval[[]string](t, s, `[...new Set([...document.querySelectorAll('.conflict-item')].map((li) => li.dataset.topic))]`); len(got) != 1 || got[0] != "ct7" {
		t.Errorf("topics of the conflicts drawn: %q, want ct7 alone", got)
	}
	if got := eval[int](t, s, `document.querySelectorAll('.conflict-item').length`); got != want {
		t.Errorf("%d conflicts drawn for ct7, the API lists %d", got, want)
	}
	s.checkClean(t)
}
