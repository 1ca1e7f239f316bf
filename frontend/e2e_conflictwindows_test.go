package frontend_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestConflictsNextWindowPast5000 stores more conflicts than the screen
// reads at a time (5,000) and fewer than twice as many: "Next" reads the
// rest through the server's cursor, in the server's order, in place of
// the first 5,000; the count line, the notice and the text filter say
// they cover conflicts 5,001 to the last; back from a claim returns to
// that window; "Previous" reads the first 5,000 again.
func TestConflictsNextWindowPast5000(t *testing.T) {
	const read, shown = 5000, 200
	s := startBrowser(t)
	base := newServer(t, false).URL
	importConflicts(t, base, 180)
	// The oracle: every conflict, read whole through the API's cursors.
	all := allConflicts(t, base)
	n := len(all)
	if n <= read+shown || n > 2*read {
		t.Fatalf("%d conflicts: want more than %d and at most %d, for a second window of more than one page", n, read+shown, 2*read)
	}
	keys := func(cs []conflictRow) []string {
		out := make([]string, len(cs))
		for i, c := range cs {
			out[i] = c.TopicID + "|" + c.ClaimA + "|" + c.ClaimB
		}
		return out
	}
	rows := func() []string {
		return eval[[]string](t, s, `[...document.querySelectorAll('.conflict-item')].map((li) => li.dataset.topic + '|' + li.dataset.conflict)`)
	}
	count := func() string {
		return eval[string](t, s, `document.querySelector('[data-testid=conflict-count]').textContent`)
	}
	visible := func(testid string) bool {
		return eval[bool](t, s, `(() => { const el = document.querySelector('[data-testid=`+testid+`]'); return !!el && !el.hidden && !el.closest('[hidden]'); })()`)
	}
	idle := `(document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false)`

	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the first window", idle+` && document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(shown))
	if got := rows(); !slices.Equal(got, keys(all[:shown])) {
		t.Errorf("first rows differ from the API's first %d", shown)
	}
	if visible("previous-conflicts") || !visible("next-conflicts") {
		t.Errorf("first window: previous shown %v, next shown %v; want next alone", visible("previous-conflicts"), visible("next-conflicts"))
	}
	if got, want := eval[string](t, s, `document.querySelector('[data-testid=next-conflicts]').textContent`), "Next 5,000: conflicts from 5,001"; got != want {
		t.Errorf("next button %q, want %q", got, want)
	}

	// The next window: the server's conflicts 5,001 to n, the first 200
	// drawn, then all of them; the focus on the first.
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=next-conflicts]`)))
	s.waitFor(t, "the second window", idle+` && document.querySelector('.conflict-item')?.dataset.conflict === `+jsString(all[read].ClaimA+"|"+all[read].ClaimB))
	if got := rows(); !slices.Equal(got, keys(all[read:read+shown])) {
		t.Errorf("second window's rows differ from the API's conflicts %d to %d", read+1, read+shown)
	}
	if got := eval[string](t, s, `document.activeElement.dataset.conflict || document.activeElement.tagName`); got != all[read].ClaimA+"|"+all[read].ClaimB {
		t.Errorf("focus on %q after next, want the window's first conflict", got)
	}
	total := fmt.Sprintf("%d,%03d", n/1000, n%1000)
	if got, want := count(), "Conflicts 5,001 to "+total+" by priority of "+total+"; the first 200 shown"; got != want {
		t.Errorf("count %q, want %q", got, want)
	}
	notice := eval[string](t, s, `document.querySelector('[data-testid=conflicts-capped]').textContent`)
	for _, want := range []string{"In all " + total + " conflicts match", "these are conflicts 5,001 to " + total + " by priority", "apply only to the " + strconv.Itoa(n-read) + " read"} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice %q lacks %q", notice, want)
		}
	}
	if !visible("previous-conflicts") || visible("next-conflicts") {
		t.Errorf("last window: previous shown %v, next shown %v; want previous alone", visible("previous-conflicts"), visible("next-conflicts"))
	}
	s.screenshot(t, "conflicts-second-window", false)
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=more-conflicts]`)))
	s.waitFor(t, "the whole second window", `document.querySelectorAll('.conflict-item').length === `+strconv.Itoa(min(n-read, 2*shown)))
	if got := rows(); !slices.Equal(got, keys(all[read:min(n, read+2*shown)])) {
		t.Errorf("second window after show more differs from the API's")
	}
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.pager').scrollIntoView()`))
	s.screenshot(t, "conflicts-window-pager", false)

	// The text filter covers the window read, and says so.
	topic := all[n-1].TopicID
	want := 0
	for _, c := range all[read:] {
		if c.TopicID == topic {
			want++
		}
	}
	title := "Conflict fixture " + strings.TrimPrefix(topic, "ct")
	// The whole title is set in one step, so that the count line never
	// answers a part of it; the wait is for the line that answers it all
	// (a wrong count fails the wait, which prints the line shown).
	filtered := fmt.Sprintf("%d of conflicts 5,001 to %s by priority of %s match “%s”", want, total, total, title)
	setText := func(v string) {
		s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('cf-q'); el.focus(); el.value = `+jsString(v)+`; el.dispatchEvent(new Event('input')); })()`))
	}
	setText(title)
	s.waitFor(t, "the filtered window", `document.querySelector('[data-testid=conflict-count]').textContent === `+jsString(filtered))
	setText("")
	s.waitFor(t, "the filter cleared", `document.querySelector('[data-testid=conflict-count]').textContent === `+jsString("Conflicts 5,001 to "+total+" by priority of "+total+"; the first 200 shown"))

	// Away to a claim and back: the same window.
	s.do(t, chromedp.Click(chromedp.CSS(`.conflict-item .pair a[href^="/claims/"]`)))
	s.waitFor(t, "the claim", `location.pathname.startsWith('/claims/')`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`history.back()`))
	s.waitFor(t, "the second window again", idle+` && location.pathname === '/conflicts' && document.querySelector('.conflict-item')?.dataset.conflict === `+jsString(all[read].ClaimA+"|"+all[read].ClaimB))
	if got := count(); !strings.HasPrefix(got, "Conflicts 5,001 to ") {
		t.Errorf("count after back %q, want the second window's", got)
	}

	// Previous: the first 5,000 again.
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=previous-conflicts]`)))
	s.waitFor(t, "the first window again", idle+` && document.querySelector('.conflict-item')?.dataset.conflict === `+jsString(all[0].ClaimA+"|"+all[0].ClaimB))
	if got := rows(); !slices.Equal(got, keys(all[:shown])) {
		t.Errorf("first window again differs from the API's first %d", shown)
	}
	if got, want := count(), "The 5,000 highest-priority of more than 5,000 conflicts; the first 200 shown"; got != want {
		t.Errorf("count %q, want %q", got, want)
	}
	s.checkClean(t)
}

// TestTopicPickerConflictsFirst: the picker lists the topics with
// conflicts first, each with its number of conflicts as the conflicts
// listing counts them, then those without, each run by title, twelve at
// most, saying so; a text narrows both runs.
func TestTopicPickerConflictsFirst(t *testing.T) {
	s := startBrowser(t)
	base := newServer(t, false).URL
	b := newBundle(t)
	b.put("source", map[string]any{"id": "cs", "name": "Fixture outlet", "kind": "news"})
	for i := range 4 {
		b.put("claimant", map[string]any{"id": fmt.Sprintf("cc%d", i), "name": fmt.Sprintf("Claimant %d", i)})
	}
	// Titles whose order interleaves the topics with conflicts (claims of
	// 10, 200, 4,000 and 80,000) and those without (none, or claims that
	// agree).
	type topic struct {
		id, title string
		claims    []int
	}
	topics := []topic{{"z-conf", "Zulu fighters", []int{10, 200, 4000, 80000}}, {"m-conf", "Mike fighters", []int{10, 4000}}}
	for i := range 11 {
		tp := topic{id: fmt.Sprintf("q%02d", i), title: fmt.Sprintf("%c quiet topic", 'A'+2*i)}
		if i%2 == 1 {
			tp.claims = []int{300, 300}
		}
		topics = append(topics, tp)
	}
	topics = append(topics, topic{"b-conf", "Bravo fighters", []int{10, 200, 4000}})
	for _, tp := range topics {
		b.put("topic", map[string]any{"id": tp.id, "title": tp.title, "unit": "people", "additive": true})
		for i, q := range tp.claims {
			b.put("claim", map[string]any{"id": fmt.Sprintf("%s-%d", tp.id, i), "topic_id": tp.id, "claimant_id": fmt.Sprintf("cc%d", i),
				"quantity_text": strconv.Itoa(q), "said_on": "2015-01-01",
				"scope": map[string]any{"places": []string{"Syria"}, "measure": "current"}, "provenance": map[string]any{"source_id": "cs"}})
		}
	}
	b.post(base)

	// The oracle: each topic's conflicts as the conflicts listing gives
	// them; the expected options sorted here by title.
	var with, without []topic
	counts := map[string]int{}
	for _, tp := range topics {
		counts[tp.id] = len(allConflictsOf(t, base, tp.id))
		if counts[tp.id] > 0 {
			with = append(with, tp)
		} else {
			without = append(without, tp)
		}
	}
	byTitle := func(a, b topic) int { return strings.Compare(a.title, b.title) }
	slices.SortFunc(with, byTitle)
	slices.SortFunc(without, byTitle)
	if len(with) != 3 || len(without) != 11 {
		t.Fatalf("%d topics with conflicts, %d without: want 3 and 11", len(with), len(without))
	}
	option := func(tp topic) string {
		if counts[tp.id] == 0 {
			return tp.title + " no conflicts"
		}
		if counts[tp.id] == 1 {
			return tp.title + " 1 conflict"
		}
		return fmt.Sprintf("%s %d conflicts", tp.title, counts[tp.id])
	}
	options := func() []string {
		return eval[[]string](t, s, `[...document.querySelectorAll('#cf-topic-list button[data-topic]')].map((b) => b.textContent)`)
	}
	live := func() string { return eval[string](t, s, `document.getElementById('cf-topic-count').textContent`) }

	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the inbox", `document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false`)
	// The down arrow in the empty box lists all topics.
	s.do(t, chromedp.Click(chromedp.CSS(`#cf-topic`)), chromedp.KeyEvent(kb.ArrowDown))
	s.waitFor(t, "the topics", `document.querySelectorAll('#cf-topic-list button[data-topic]').length > 0`)
	var wantOptions []string
	for _, tp := range with {
		wantOptions = append(wantOptions, option(tp))
	}
	for _, tp := range without[:12-len(with)] {
		wantOptions = append(wantOptions, option(tp))
	}
	if got := options(); !slices.Equal(got, wantOptions) {
		t.Errorf("options\n%q\nwant\n%q", got, wantOptions)
	}
	if got, want := live(), "Topics: 3 with conflicts, then 9 without; more match: type to narrow."; got != want {
		t.Errorf("picker count %q, want %q", got, want)
	}
	if got := eval[int](t, s, `document.querySelectorAll('#cf-topic-list li.first-without').length`); got != 1 {
		t.Errorf("%d lines before the topics without conflicts, want 1", got)
	}
	s.screenshot(t, "conflicts-topic-picker-conflicts-first", false)

	// A text narrows both runs: "fighters" is in the three topics with
	// conflicts only; "quiet" in none of them.
	s.do(t, chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent("fighters"))
	s.waitFor(t, "the fighters", `document.getElementById('cf-topic-count').textContent.includes('fighters')`)
	if got, want := options(), []string{option(with[0]), option(with[1]), option(with[2])}; !slices.Equal(got, want) {
		t.Errorf("options for fighters %q, want %q", got, want)
	}
	if got, want := live(), "Topics whose title or description holds “fighters”: 3 with conflicts."; got != want {
		t.Errorf("picker count %q, want %q", got, want)
	}
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById('cf-topic').value = ''`), chromedp.KeyEvent("quiet"))
	s.waitFor(t, "the quiet topics", `document.getElementById('cf-topic-count').textContent.includes('quiet')`)
	if got, want := live(), "Topics whose title or description holds “quiet”: 11 without conflicts."; got != want {
		t.Errorf("picker count %q, want %q", got, want)
	}
	s.checkClean(t)
}

// allConflictsOf reads every conflict of a topic through the API.
func allConflictsOf(t *testing.T, base, topicID string) []conflictRow {
	t.Helper()
	var out []conflictRow
	for _, c := range allConflicts(t, base) {
		if c.TopicID == topicID {
			out = append(out, c)
		}
	}
	return out
}
