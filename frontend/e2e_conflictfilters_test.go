package frontend_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// pickTopic chooses a topic in the conflicts screen's picker: it types
// text, waits for the topic among the matches and clicks it.
func pickTopic(t *testing.T, s *session, text, id string) {
	t.Helper()
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-topic`)), chromedp.KeyEvent(text))
	option := `#cf-topic-list button[data-topic=` + jsString(id) + `]`
	s.waitFor(t, "the topic among the matches", `!!document.querySelector(`+jsString(option)+`)`)
	s.do(t, chromedp.Click(chromedp.CSS(option)))
	s.waitFor(t, "the topic chosen", `location.search.includes(`+jsString("topic="+url.QueryEscape(id))+`)`)
}

// conflictRow is a conflict as the oracle reads it from the API.
type conflictRow struct {
	TopicID  string  `json:"topic_id"`
	ClaimA   string  `json:"claim_a"`
	ClaimB   string  `json:"claim_b"`
	Severity float64 `json:"severity"`
}

// allConflicts reads every conflict, unfiltered, following the cursors.
func allConflicts(t *testing.T, base string) []conflictRow {
	t.Helper()
	var out []conflictRow
	for cursor := ""; ; {
		q := url.Values{"limit": {"500"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Items      []conflictRow `json:"items"`
			NextCursor string        `json:"next_cursor"`
		}
		call(t, "GET", base+"/api/v1/conflicts?"+q.Encode(), nil, &page)
		out = append(out, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			return out
		}
	}
}

// TestConflictsFilteredByTheServer stores more conflicts than the screen
// reads (5,000), all severe, and a quiet topic whose few major conflicts
// rank below all of them: the topic picker finds the quiet topic by its
// title, the screen then lists its conflicts, all of them, and the major
// band lists them too; the count line says when it covers only the first
// 5,000; the URL reproduces the view, back returns to it, and a server that
// fails while filtering is shown failing.
func TestConflictsFilteredByTheServer(t *testing.T) {
	const read, shown = 5000, 200
	s := startBrowser(t)
	srv := newServer(t, false)
	base := srv.URL
	importConflicts(t, base, 180)
	b := newBundle(t)
	b.put("topic", map[string]any{"id": "qt", "title": "Quiet topic", "unit": "people", "additive": true})
	for i, n := range []int{100, 300, 320, 100} {
		b.put("claim", map[string]any{"id": fmt.Sprintf("q%d", i), "topic_id": "qt", "claimant_id": fmt.Sprintf("cc%d", i),
			"quantity_text": strconv.Itoa(n), "said_on": "2015-01-01",
			"scope": map[string]any{"places": []string{"Syria"}, "measure": "current"}, "provenance": map[string]any{"source_id": "cs"}})
	}
	b.post(base)

	// The oracle: every conflict, read whole and narrowed here.
	all := allConflicts(t, base)
	var quiet, major []conflictRow
	for _, c := range all {
		if c.TopicID == "qt" {
			quiet = append(quiet, c)
		}
		if c.Severity >= 2 && c.Severity < 5 {
			major = append(major, c)
		}
	}
	if len(all) <= read || len(quiet) == 0 || len(major) == 0 {
		t.Fatalf("%d conflicts, %d of the quiet topic, %d major: want more than %d, and some of each", len(all), len(quiet), len(major), read)
	}
	for _, c := range all[:read] {
		if c.TopicID == "qt" || c.Severity < 5 {
			t.Fatalf("the first %d conflicts hold %+v: the quiet topic's and the major ones should rank below them", read, c)
		}
	}
	count := func() string {
		return eval[string](t, s, `document.querySelector('[data-testid=conflict-count]').textContent`)
	}
	rows := func() []string {
		return eval[[]string](t, s, `[...document.querySelectorAll('.conflict-item')].map((li) => li.dataset.topic + '|' + li.dataset.conflict)`)
	}
	want := func(cs []conflictRow) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = c.TopicID + "|" + c.ClaimA + "|" + c.ClaimB
		}
		return out
	}
	idle := `(document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false)`

	// Unfiltered: the first 5,000 of more, said so.
	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the inbox", `document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(shown))
	if got, want := count(), fmt.Sprintf("The 5,000 highest-priority of more than 5,000 conflicts; the first %d shown", shown); got != want {
		t.Errorf("count %q, want %q", got, want)
	}
	// A factor of hundreds of millions is written with thousands
	// separators, as the server's severity (rounded to three figures)
	// gives it: 536,870,912 is 537,000,000.
	if got := eval[string](t, s, `document.querySelector('.conflict-item .sev-badge').textContent`); !strings.Contains(got, "537,000,000×") {
		t.Errorf("first badge %q, want its factor with separators, 537,000,000×", got)
	}
	// The explanation beside it writes the same figure the same way.
	if got := eval[string](t, s, `document.querySelector('.conflict-item .expl').textContent`); !strings.Contains(got, " 537,000,000× ") {
		t.Errorf("first explanation %q, want the badge's figure, 537,000,000×", got)
	}
	capped := func() string {
		return eval[string](t, s, `(() => { const el = document.querySelector('[data-testid=conflicts-capped]'); return el.hidden ? '' : el.textContent; })()`)
	}
	if got, want := capped(), "To have the text filter and the sorts cover all, narrow with a topic, a severity or a status."; !strings.HasSuffix(got, want) {
		t.Errorf("capped notice %q, want it to end %q", got, want)
	}

	// The picker says when more topics match than it lists (180 titles,
	// all with conflicts, hold "Conflict fixture"; 12 listed).
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-topic`)), chromedp.KeyEvent("Conflict fixture"))
	s.waitFor(t, "the matches", `document.querySelectorAll('#cf-topic-list button[data-topic]').length === 12 && document.getElementById('cf-topic-count').textContent.includes('Conflict fixture')`)
	if got, want := eval[string](t, s, `document.getElementById('cf-topic-count').textContent`), "Topics whose title or description holds “Conflict fixture”: 12 with conflicts; more match: type more to narrow."; got != want {
		t.Errorf("picker count %q, want %q", got, want)
	}
	s.screenshot(t, "conflicts-topic-picker-more", false)
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById('cf-topic').value = ''`), chromedp.KeyEvent(kb.Escape))
	if n := eval[int](t, s, `document.querySelectorAll('#cf-topic-list button').length`); n != 0 {
		t.Errorf("%d matches listed after Escape", n)
	}

	// A severity chosen, still more than 5,000: the notice offers only
	// the filters not chosen.
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('cf-severity'); el.value = 'severe'; el.dispatchEvent(new Event('change')); })()`))
	s.waitFor(t, "the severe conflicts", idle+` && location.search === '?severity=severe'`)
	if got, want := capped(), "To have the text filter and the sorts cover all, narrow with a topic or a status."; !strings.HasSuffix(got, want) {
		t.Errorf("capped notice with a severity chosen %q, want it to end %q", got, want)
	}
	s.screenshot(t, "conflicts-capped", false)
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('cf-severity'); el.value = ''; el.dispatchEvent(new Event('change')); })()`))
	s.waitFor(t, "any severity again", idle+` && location.search === ''`)

	// The quiet topic, found by its title though none of its conflicts
	// is among the first 5,000: all of its conflicts.
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-topic`)), chromedp.KeyEvent("quiet"))
	s.waitFor(t, "the matches", `!!document.querySelector('#cf-topic-list button[data-topic=qt]')`)
	if got, want := eval[string](t, s, `document.querySelector('#cf-topic-list button[data-topic=qt]').textContent`), fmt.Sprintf("Quiet topic %d conflict", len(quiet)); got != want && got != want+"s" {
		t.Errorf("the option %q, want %q(s)", got, want)
	}
	s.screenshot(t, "conflicts-topic-picker", false)
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-topic-list button[data-topic=qt]`)))
	s.waitFor(t, "the quiet topic's conflicts", idle+` && location.search === '?topic=qt' && document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(len(quiet)))
	if got := rows(); fmt.Sprint(got) != fmt.Sprint(want(quiet)) {
		t.Errorf("rows %q, want the quiet topic's %q", got, want(quiet))
	}
	if got, want := count(), fmt.Sprintf("%d conflict", len(quiet)); got != want && got != want+"s" {
		t.Errorf("count %q, want %q(s)", got, want)
	}
	if !eval[bool](t, s, `document.querySelector('[data-testid=conflicts-capped]').hidden`) {
		t.Error("a notice of conflicts not read, though all the topic's were")
	}
	s.screenshot(t, "conflicts-topic", false)

	// The link reproduces the view; the severity band asks the server.
	s.do(t, chromedp.Reload())
	s.waitFor(t, "the quiet topic reloaded", idle+` && document.querySelector('[data-testid=cf-topic-chosen]').textContent.includes('Quiet topic') && document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(len(quiet)))
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=cf-topic-chosen] button`)))
	s.waitFor(t, "all topics again", idle+` && location.search === '' && document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(shown))
	if got := eval[string](t, s, `document.activeElement.id`); got != "cf-topic" {
		t.Errorf("focus on %q after all topics, want the topic search", got)
	}
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('cf-severity'); el.value = 'major'; el.dispatchEvent(new Event('change')); })()`))
	s.waitFor(t, "the major conflicts", idle+` && location.search === '?severity=major'`)
	if got := rows(); fmt.Sprint(got) != fmt.Sprint(want(major)) {
		t.Errorf("major rows %q, want %q", got, want(major))
	}
	if got, want := count(), fmt.Sprintf("%d conflict", len(major)); got != want && got != want+"s" {
		t.Errorf("count %q, want %q(s)", got, want)
	}
	s.screenshot(t, "conflicts-major", false)

	// Away to a claim and back: the same view.
	s.do(t, chromedp.Click(chromedp.CSS(`.conflict-item .pair a[href^="/claims/"]`)))
	s.waitFor(t, "the claim", `location.pathname.startsWith('/claims/')`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`history.back()`))
	s.waitFor(t, "the major conflicts again", idle+` && location.search === '?severity=major' && document.getElementById('cf-severity').value === 'major' && document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(len(major)))

	// The server fails while filtering: said, not a stale list.
	srv.Close()
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('cf-status'); el.value = 'open'; el.dispatchEvent(new Event('change')); })()`))
	s.waitFor(t, "the error", `!!document.querySelector('[data-testid=conflicts-error] [role=alert]')`)
	if got := eval[string](t, s, `document.querySelector('[data-testid=conflicts-error]').textContent`); got != "The conflicts could not be read: the claimdesk server cannot be reached" {
		t.Errorf("error %q", got)
	}
	if n := len(rows()); n != 0 {
		t.Errorf("%d rows drawn beside the error", n)
	}
	s.screenshot(t, "conflicts-error", false)
	s.checkClean(t)
}
