package frontend_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// TestAnalystDay is a day's work without the API: follow a source, fix a
// claim, review conflicts where they are read, filter the inbox, and each
// screen's requests counted.
func TestAnalystDay(t *testing.T) {
	s := startBrowser(t)
	srv := newServer(t, true)
	t.Run("requests per screen", func(t *testing.T) { requestsPerScreen(t, s, srv.URL) })
	t.Run("the plot at 360 and 1280 px", func(t *testing.T) { plotLabels(t, s, srv.URL) })
	t.Run("share the comparison", func(t *testing.T) { shareComparison(t, s, srv.URL) })
	t.Run("claim form: place slips, focus after a pick", func(t *testing.T) { claimFormHelp(t, s, srv.URL) })
	t.Run("follow a source link", func(t *testing.T) { followSource(t, s, srv.URL) })
	t.Run("review from the topic page", func(t *testing.T) { reviewOnTopic(t, s, srv.URL) })
	t.Run("inbox filters", func(t *testing.T) { inboxFilters(t, s, srv.URL) })
	t.Run("edit a claim's quantity", func(t *testing.T) { editQuantity(t, s, srv.URL) })
	t.Run("topics: close titles, rename, move", func(t *testing.T) { editTopic(t, s, srv.URL) })
	t.Run("topic: its places and who is counted", func(t *testing.T) { topicScope(t, s, srv.URL) })
}

// topicScope states a topic's place and its population tree in the topic
// form and sees two claims that were not compared become a contradiction:
// a count of Chechens above a count of Russians in Syria.
func topicScope(t *testing.T, s *session, base string) {
	var topic, src, a, b struct {
		ID string `json:"id"`
	}
	call(t, "POST", base+"/api/v1/topics", map[string]any{"title": "Fighters from the North Caucasus", "additive": true}, &topic)
	call(t, "POST", base+"/api/v1/sources", map[string]any{"name": "Kommersant"}, &src)
	call(t, "POST", base+"/api/v1/claimants", map[string]any{"name": "A regional official"}, &a)
	call(t, "POST", base+"/api/v1/claimants", map[string]any{"name": "A federal official"}, &b)
	for _, c := range []struct{ who, text, pop string }{{a.ID, "3,000", "Chechens"}, {b.ID, "2,000", "Russians"}} {
		call(t, "POST", base+"/api/v1/claims", map[string]any{
			"topic_id": topic.ID, "claimant_id": c.who, "quantity_text": c.text, "said_on": "2015-10",
			"provenance": map[string]any{"source_id": src.ID}, "scope": map[string]any{"population": c.pop},
		}, nil)
	}
	s.do(t, chromedp.Navigate(base+"/topics/"+topic.ID))
	s.waitFor(t, "the topic", ready+` && !!document.querySelector('details.topic-edit')`)
	if got := eval[string](t, s, `document.querySelector('[data-testid=summary]').textContent`); !strings.Contains(got, "0 open conflicts") {
		t.Fatalf("summary %q: want no conflict while neither place nor populations are stated", got)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`details.topic-edit summary`)))
	s.waitFor(t, "the topic form", `!!document.querySelector('#te-populations') && !!document.querySelector('details.topic-edit input[id$="-places"]')`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => {
		const f = document.querySelector('details.topic-edit form.editor');
		f.querySelector('input[id$="-places"]').value = 'Syria';
		f.querySelector('#te-populations').value = 'Russians = Russian nationals\nChechens < Russians';
	})()`))
	s.screenshot(t, "topic-scope-form", false)
	s.do(t, chromedp.Click(chromedp.CSS(`details.topic-edit form.editor button[type=submit]`)))
	s.waitFor(t, "the contradiction", `!!document.querySelector('[data-testid=flash]') && document.querySelector('[data-testid=summary]').textContent.includes('1 open conflict (1 contradiction)')`)
	var stored struct {
		Places      []string `json:"places"`
		Populations []struct {
			Name    string   `json:"name"`
			Broader string   `json:"broader"`
			Aliases []string `json:"aliases"`
		} `json:"populations"`
	}
	call(t, "GET", base+"/api/v1/topics/"+topic.ID, nil, &stored)
	if len(stored.Places) != 1 || stored.Places[0] != "Syria" || len(stored.Populations) != 2 ||
		stored.Populations[1].Name != "Chechens" || stored.Populations[1].Broader != "Russians" ||
		len(stored.Populations[0].Aliases) != 1 || stored.Populations[0].Aliases[0] != "Russian nationals" {
		t.Errorf("stored topic %+v: want Syria and Chechens within Russians (alias Russian nationals)", stored)
	}
	if got := eval[string](t, s, `document.querySelector('.conflict-list').textContent`); !strings.Contains(got, "narrower population") {
		t.Errorf("conflicts %q: want the narrower population named", got)
	}
	if got := eval[string](t, s, `document.querySelector('.cards .badge.place').textContent`); got != "Syria (the topic's)" {
		t.Errorf("a claim without places shows %q: want the topic's place", got)
	}
	s.screenshot(t, "topic-scope-verdict", true)
	// The claim form offers the topic's populations.
	s.do(t, chromedp.Navigate(base+"/claims/new?topic="+topic.ID))
	s.waitFor(t, "the topic's populations offered", `document.querySelector('#f-population')?.getAttribute('list') === 'f-populations' &&
		[...document.querySelectorAll('#f-populations option')].map(o => o.value).join('|') === 'Russians|Russian nationals|Chechens'`)
	s.checkClean(t)
}

// ready is true once the screen has rendered its heading.
const ready = `!!document.querySelector('main h1') && !document.querySelector('main [aria-busy=true]')`

// resources lists what the page fetched: path, status, bytes on the wire
// and decoded.
type resource struct {
	Path     string  `json:"path"`
	Status   int     `json:"status"`
	Transfer float64 `json:"transfer"`
	Encoded  float64 `json:"encoded"`
	Decoded  float64 `json:"decoded"`
}

const resourcesJS = `performance.getEntriesByType('resource').map(e => ({
	path: new URL(e.name).pathname + new URL(e.name).search, status: e.responseStatus || 0,
	transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))`

func requestsPerScreen(t *testing.T, s *session, base string) {
	for _, tc := range []struct {
		path, ready string
		maxAPI      int
	}{
		{"/conflicts", `document.querySelectorAll('.conflict-item').length > 10`, 1},
		{"/claims/r12-smirnov-2015-09", `document.querySelectorAll('.rel-list li').length > 10`, 1},
		{"/topics/topic-russians-is", `document.querySelectorAll('svg.plot .row').length > 10`, 2}, // the comparison and the parent topic's title
		{"/", `document.querySelectorAll('tbody tr').length > 0`, 1},
	} {
		s.do(t, chromedp.Navigate(base+tc.path))
		s.waitFor(t, tc.path, ready+` && `+tc.ready)
		res := eval[[]resource](t, s, resourcesJS)
		var calls []string
		for _, r := range res {
			// GET /api/v1/session (who is signed in) is asked once per page
			// load, not per screen.
			if strings.HasPrefix(r.Path, "/api/") && r.Path != "/api/v1/session" {
				calls = append(calls, r.Path)
			}
		}
		if tc.path == "/conflicts" { // the first screen of this browser: nothing cached
			for _, r := range res {
				if r.Path == "/css/app.css" && !(r.Encoded > 0 && r.Encoded < r.Decoded/2) {
					t.Errorf("app.css: %v bytes sent for %v: want it gzipped", r.Encoded, r.Decoded)
				}
			}
		}
		fcp := eval[float64](t, s, `(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime`)
		t.Logf("%s: %d requests (%d to the API), first contentful paint %.0f ms", tc.path, len(res)+1, len(calls), fcp)
		if len(calls) == 0 || len(calls) > tc.maxAPI {
			t.Errorf("%s made %d API calls, want 1 to %d: %q", tc.path, len(calls), tc.maxAPI, calls)
		}
		if fcp <= 0 {
			t.Errorf("%s: no first contentful paint recorded", tc.path)
		}
	}

	// Text comes gzipped, and a reload only revalidates: every asset
	// answers 304 with no body.
	s.do(t, chromedp.Navigate(base+"/topics/topic-russians-is"))
	s.waitFor(t, "the comparison", ready)
	s.do(t, chromedp.Reload())
	s.waitFor(t, "the comparison reloaded", ready+` && document.querySelectorAll('svg.plot .row').length > 10`)
	assets := 0
	for _, r := range eval[[]resource](t, s, resourcesJS) {
		if strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		assets++
		// A revalidated asset costs its headers only: under 1 KB.
		if r.Transfer >= 1024 {
			t.Errorf("reload fetched %s again: %v bytes (status %d)", r.Path, r.Transfer, r.Status)
		}
	}
	if assets < 10 {
		t.Errorf("the reload listed %d assets: want every module revalidated", assets)
	}
	s.checkClean(t)
}

func followSource(t *testing.T, s *session, base string) {
	// Point RIA Novosti's page at this server, so following it can be seen.
	var src struct{ Version int }
	call(t, "GET", base+"/api/v1/sources/src-ria", nil, &src)
	patchJSON(t, base+"/api/v1/sources/src-ria", src.Version, `{"url":"`+base+`/healthz?from=ria"}`)

	s.do(t, chromedp.Navigate(base+"/claims/r12-smirnov-2015-09"))
	s.waitFor(t, "the provenance", `document.querySelectorAll('.provenance .hop').length === 3`)
	links := eval[[]map[string]string](t, s, `[...document.querySelectorAll('.provenance a, .card a.ext')].filter(a => !a.href.startsWith(location.origin + '/claims') && !a.href.startsWith(location.origin + '/topics')).map(a => ({href: a.href, target: a.target, rel: a.rel}))`)
	if len(links) < 3 {
		t.Fatalf("provenance links %v: want the origin and both relays", links)
	}
	for _, l := range links {
		if l["target"] != "_blank" || l["rel"] != "noopener noreferrer" {
			t.Errorf("link %s: target %q rel %q, want a new tab with noopener noreferrer", l["href"], l["target"], l["rel"])
		}
	}
	text := eval[string](t, s, `document.querySelector('.provenance').innerText`)
	for _, want := range []string{"две тысячи четыреста", "(ru)", "SCO security meeting, Tashkent", "Official statement", "18 Sep 2015", "Polish"} {
		if !strings.Contains(strings.ToLower(text), strings.ToLower(want)) {
			t.Errorf("provenance does not show %q:\n%s", want, text)
		}
	}
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	opened := chromedp.WaitNewTarget(ctx, func(i *target.Info) bool { return strings.Contains(i.URL, "/healthz?from=ria") })
	s.do(t, chromedp.Click(chromedp.CSS(`.provenance .hop a.ext`)))
	select {
	case id := <-opened:
		tab, closeTab := chromedp.NewContext(s.ctx, chromedp.WithTargetID(id))
		defer closeTab()
		tctx, tcancel := context.WithTimeout(tab, browserWait)
		defer tcancel()
		opener, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.readyState === 'complete' && window.opener === null`))
		if err != nil || !opener {
			t.Errorf("the source's tab: opener cut %v, %v", opener, err)
		}
	case <-ctx.Done():
		t.Fatal("following the origin link opened no tab at the source's URL")
	}
	s.checkClean(t)
}

func reviewOnTopic(t *testing.T, s *session, base string) {
	s.do(t, chromedp.Navigate(base+"/topics/topic-russians-is"))
	s.waitFor(t, "the conflicts panel", `document.querySelectorAll('.conflicts-panel .conflict-item .review-actions').length > 0`)
	pair := eval[string](t, s, `document.querySelector('.conflicts-panel .conflict-item').dataset.conflict`)
	const note = "Bogdanov counts Syria and Iraq, the Independent Syria alone: both checked"
	s.do(t,
		chromedp.SendKeys(chromedp.CSS(`.conflicts-panel .conflict-item .review-note`), note),
		chromedp.Click(chromedp.CSS(`.conflicts-panel .conflict-item button[data-sets=reviewed]`)),
	)
	s.waitFor(t, "the review saved", `document.querySelector('.conflicts-panel .conflict-item .review-msg').textContent.includes('reviewed')`)
	var inbox struct {
		Items []struct {
			A          string `json:"claim_a"`
			B          string `json:"claim_b"`
			Status     string `json:"status"`
			Resolution string `json:"resolution"`
		} `json:"items"`
	}
	call(t, "GET", base+"/api/v1/conflicts?topic_id=topic-russians-is&limit=500", nil, &inbox)
	found := false
	for _, it := range inbox.Items {
		if it.A+"|"+it.B == pair {
			found = true
			if it.Status != "reviewed" || it.Resolution != note {
				t.Errorf("conflict %s after review: %s %q, want reviewed with the note", pair, it.Status, it.Resolution)
			}
		}
	}
	if !found {
		t.Fatalf("conflict %s not in the API's list", pair)
	}
	// Read again later, the review says when and why.
	s.do(t, chromedp.Navigate(base+"/topics/topic-russians-is"))
	s.waitFor(t, "the conflicts panel", `document.querySelectorAll('.conflicts-panel .conflict-item').length > 0`)
	line := eval[string](t, s, `document.querySelector('.conflicts-panel .conflict-item[data-conflict="`+pair+`"] .review-line').textContent`)
	if !strings.Contains(line, "Reviewed") || !strings.Contains(line, note) || !strings.Contains(line, fmt.Sprint(time.Now().Year())) {
		t.Errorf("review line %q: want Reviewed, the date and the note", line)
	}
	s.screenshot(t, "review-on-topic", false)
	s.checkClean(t)
}

func inboxFilters(t *testing.T, s *session, base string) {
	s.do(t, chromedp.Navigate(base+"/conflicts"))
	s.waitFor(t, "the inbox", `document.querySelectorAll('.conflict-item').length > 10`)
	total := eval[int](t, s, `document.querySelectorAll('.conflict-item').length`)
	set := func(id, v string) {
		s.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const el = document.getElementById('`+id+`'); el.value = `+jsString(v)+`; el.dispatchEvent(new Event('change')); })()`))
	}
	pickTopic(t, s, "Russian nationals", "topic-russians-is")
	set("cf-severity", "major")
	s.waitFor(t, "the topic's major conflicts", `location.search.includes('severity=major') && document.querySelector('.conflict-list')?.hasAttribute('aria-busy') === false`)
	n := eval[int](t, s, `document.querySelectorAll('.conflict-item').length`)
	if n == 0 || n >= total {
		t.Fatalf("topic and severity filters show %d of %d", n, total)
	}
	bad := eval[[]string](t, s, `[...document.querySelectorAll('.conflict-item')].filter(li => !li.classList.contains('major') || li.dataset.topic !== 'topic-russians-is').map(li => li.textContent.slice(0, 80))`)
	if len(bad) > 0 {
		t.Errorf("rows outside the filters: %q", bad)
	}
	s.do(t, chromedp.SendKeys(chromedp.CSS("#cf-q"), "Novikov"))
	s.waitFor(t, "the text filter", `[...document.querySelectorAll('.conflict-item')].length > 0 && [...document.querySelectorAll('.conflict-item')].every(li => li.textContent.includes('Novikov'))`)
	s.waitFor(t, "the filters in the URL", `location.search.includes('q=Novikov') && location.search.includes('severity=major')`)
	filtered := eval[int](t, s, `document.querySelectorAll('.conflict-item').length`)
	// The sort puts the worst first by default; by claimant, alphabetically.
	set("cf-sort", "claimant")
	names := eval[[]string](t, s, `[...document.querySelectorAll('.conflict-item .pair a:nth-child(2)')].map(a => a.textContent)`)
	for i := 1; i < len(names); i++ {
		if strings.Compare(names[i-1], names[i]) > 0 && !strings.HasPrefix(names[i], strings.Split(names[i-1], ":")[0]) {
			t.Errorf("sorted by claimant, %q comes before %q", names[i-1], names[i])
		}
	}
	// A link to the filtered inbox opens it filtered.
	s.do(t, chromedp.Reload())
	s.waitFor(t, "the inbox reloaded", `document.querySelectorAll('.conflict-item').length > 0`)
	if got := eval[int](t, s, `document.querySelectorAll('.conflict-item').length`); got != filtered {
		t.Errorf("reloaded filtered inbox shows %d, want %d", got, filtered)
	}
	s.screenshot(t, "inbox-filtered", false)
	s.checkClean(t)
}

func editQuantity(t *testing.T, s *session, base string) {
	// Kolokoltsev's 1,800 conflicts with Smirnov's 2,400 and fits Novikov's
	// about 2,000 (1,800-2,200); as 2,600 it is the other way round: 1.08x
	// from 2,400 roughly agrees, 1.18x above 2,200 is beyond the tolerance
	// of an approximate estimate beside an exact one (x1.155).
	const id = "r11-kolokoltsev-2015-09"
	conflictWith := func(other string) bool {
		return eval[bool](t, s, `!!document.querySelector('.rel-list.conflicts li[data-other="`+other+`"]')`)
	}
	s.do(t, chromedp.Navigate(base+"/claims/"+id))
	s.waitFor(t, "the conflicts", `!!document.querySelector('.rel-list.conflicts li[data-other="r12-smirnov-2015-09"]')`)
	if conflictWith("r10a-novikov-2015-intel") {
		t.Fatal("1,800 is listed as conflicting with about 2,000")
	}
	// Someone else saves a note meanwhile: the edit is stale.
	var c struct{ Version int }
	call(t, "GET", base+"/api/v1/claims/"+id, nil, &c)
	patchJSON(t, base+"/api/v1/claims/"+id, c.Version, `{"notes":"checked against the Kommersant transcript"}`)

	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('form.editor input[id$="-quantity_text"]').select()`),
		chromedp.KeyEvent("2,600"), chromedp.Click(chromedp.CSS(`form.editor button[type=submit]`)))
	s.waitFor(t, "the stale note", `!document.querySelector('form.editor .stale').hidden`)
	stale := eval[string](t, s, `document.querySelector('form.editor .stale').innerText`)
	if !strings.Contains(stale, "Notes") || !strings.Contains(stale, "Kommersant transcript") || !strings.Contains(stale, "quantity text") {
		t.Errorf("stale note %q: want their change (notes) and mine (quantity text)", stale)
	}
	s.screenshot(t, "edit-stale", false)
	s.do(t, chromedp.Click(chromedp.CSS(`form.editor .stale button.primary`)))
	s.waitFor(t, "the saved claim", `!!document.querySelector('[data-testid=flash]') && document.querySelector('h1').textContent.includes('2,600')`)
	if got := eval[string](t, s, `document.querySelector('[data-testid=flash]').textContent`); !strings.Contains(got, "Saved") || !strings.Contains(got, "quantity text") {
		t.Errorf("confirmation %q: want Saved and the field", got)
	}
	if conflictWith("r12-smirnov-2015-09") || !conflictWith("r10a-novikov-2015-intel") {
		t.Errorf("after the edit: conflicts with Smirnov's 2,400 %v (want false), with Novikov's about 2,000 %v (want true)",
			conflictWith("r12-smirnov-2015-09"), conflictWith("r10a-novikov-2015-intel"))
	}
	var after struct {
		QuantityText string `json:"quantity_text"`
		Notes        string `json:"notes"`
	}
	call(t, "GET", base+"/api/v1/claims/"+id, nil, &after)
	if after.QuantityText != "2,600" || !strings.Contains(after.Notes, "Kommersant") {
		t.Errorf("stored claim: quantity %q, notes %q: want mine and theirs", after.QuantityText, after.Notes)
	}
	s.screenshot(t, "edit-saved", false)
	s.checkClean(t)
}

// patchJSON sends a merge patch at version and fails the test unless it
// is applied.
func patchJSON(t *testing.T, url string, version int, body string) {
	t.Helper()
	req, err := http.NewRequest("PATCH", url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/merge-patch+json")
	req.Header.Set("If-Match", fmt.Sprintf(`"%d"`, version))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("PATCH %s: %d", url, res.StatusCode)
	}
}

func topicCount(t *testing.T, base string) int {
	var list struct{ Items []struct{ ID string } }
	call(t, "GET", base+"/api/v1/topics?limit=500", nil, &list)
	return len(list.Items)
}

func editTopic(t *testing.T, s *session, base string) {
	before := topicCount(t, base)
	s.do(t, chromedp.Navigate(base+"/"))
	s.waitFor(t, "the topics", `document.querySelectorAll('tbody tr').length > 0`)
	// The list links each topic by its readable name.
	if href := eval[string](t, s, `document.querySelector('tr[data-topic="topic-russians-is"] a').getAttribute('href')`); href != "/topics/russian-nationals-fighting-with-the-islamic-state" {
		t.Errorf("topic link %q, want its slug", href)
	}
	s.do(t, chromedp.Click(chromedp.CSS(`button[aria-controls="new-topic"]`)),
		chromedp.SendKeys(chromedp.CSS("#nt-title"), "Russian nationals fightng with Islamic State"))
	s.waitFor(t, "the close-title warning", `!document.querySelector('#nt-similar').hidden && document.querySelector('#nt-similar').textContent.includes('Russian nationals fighting with the Islamic State')`)
	s.do(t, chromedp.Click(chromedp.CSS(`#new-topic button[type=submit]`)))
	s.waitFor(t, "the second press asked for", `document.querySelector('#new-topic button[type=submit]').textContent === 'Create anyway'`)
	if n := topicCount(t, base); n != before {
		t.Fatalf("a topic was created before the warning was confirmed: %d topics, had %d", n, before)
	}
	s.screenshot(t, "topic-close-title", false)
	// The very same title is refused by the server, naming the topic.
	s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('#nt-title').select()`),
		chromedp.KeyEvent("Russian nationals fighting with the Islamic State!"),
		chromedp.Click(chromedp.CSS(`#new-topic button[type=submit]`)))
	s.waitFor(t, "the warning again", `document.querySelector('#new-topic button[type=submit]').textContent === 'Create anyway'`)
	s.do(t, chromedp.Click(chromedp.CSS(`#new-topic button[type=submit]`)))
	s.waitFor(t, "the refusal by the title", `document.querySelector('#nt-title-err').textContent.includes('topic-russians-is')`)
	if n := topicCount(t, base); n != before {
		t.Errorf("a duplicate title was accepted: %d topics, had %d", n, before)
	}

	// Rename a topic and move it under another parent.
	s.do(t, chromedp.Navigate(base+"/topics/topic-ex-ussr-other"))
	s.waitFor(t, "the topic", `!!document.querySelector('details.topic-edit')`)
	s.do(t, chromedp.Click(chromedp.CSS(`details.topic-edit summary`)))
	s.waitFor(t, "the topic form", `!!document.querySelector('details.topic-edit form.editor select[id$="-parent_id"]')`)
	s.do(t, chromedp.Evaluate[chromedp.Void](`(() => {
		const f = document.querySelector('details.topic-edit form.editor');
		f.querySelector('input[id$="-title"]').value = 'Central Asian and Caucasian fighters';
		f.querySelector('select[id$="-parent_id"]').value = 'topic-foreign-fighters';
	})()`), chromedp.Click(chromedp.CSS(`details.topic-edit form.editor button[type=submit]`)))
	s.waitFor(t, "the renamed topic", `location.pathname === '/topics/central-asian-and-caucasian-fighters' && !!document.querySelector('[data-testid=flash]') && document.querySelector('h1').textContent === 'Central Asian and Caucasian fighters'`)
	if got := eval[string](t, s, `document.querySelector('.crumbs').textContent`); !strings.Contains(got, "Foreign fighters in Syria and Iraq") {
		t.Errorf("crumbs %q: want the new parent", got)
	}
	var topic struct {
		Title    string `json:"title"`
		ParentID string `json:"parent_id"`
	}
	call(t, "GET", base+"/api/v1/topics/topic-ex-ussr-other", nil, &topic)
	if topic.Title != "Central Asian and Caucasian fighters" || topic.ParentID != "topic-foreign-fighters" {
		t.Errorf("stored topic %+v: want the new title and parent", topic)
	}
	s.screenshot(t, "topic-edited", false)
	s.checkClean(t)
}

// plotCheckJS lists what is wrong with the comparison plot, from the boxes
// the browser laid out: a name, badge, tick or "no number" cut by the
// plot's edge, two of them overlapping, a badge covering a point.
const plotCheckJS = `(() => {
	const svg = document.querySelector('svg.plot:not(.swatch)');
	const f = svg.getBoundingClientRect();
	const name = (el) => el.getAttribute('class') + ' "' + (el.textContent || '').slice(0, 30) + '"';
	const labels = [...svg.querySelectorAll('.row-label, .sev-bg, .tick, .no-number')].map(el => [name(el), el.getBoundingClientRect()]);
	const dots = [...svg.querySelectorAll('.exact, .best')].map(el => el.getBoundingClientRect());
	const cut = (p, q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1;
	const out = [];
	for (const [n, b] of labels) {
		if (b.left < f.left - 0.5 || b.right > f.right + 0.5 || b.top < f.top - 0.5 || b.bottom > f.bottom + 0.5) out.push('clipped: ' + n);
	}
	for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
		if (cut(labels[i][1], labels[j][1])) out.push('overlap: ' + labels[i][0] + ' / ' + labels[j][0]);
	}
	for (const [n, b] of labels) if (n.startsWith('sev-bg') && dots.some(d => cut(b, d))) out.push('covers a point: ' + n);
	return out;
})()`

func plotLabels(t *testing.T, s *session, base string) {
	const topic = "/topics/topic-russians-is"
	defer s.do(t, chromedp.EmulateViewport(1360, 900))
	for _, w := range []int64{360, 1280} {
		s.do(t, chromedp.EmulateViewport(w, 800))
		for _, view := range []string{"", "?view=conflicts"} {
			s.do(t, chromedp.Navigate(base+topic+view))
			s.waitFor(t, "the plot", `document.querySelectorAll('svg.plot:not(.swatch) .row').length > 3 && document.querySelectorAll('[data-testid=legend] li').length > 0`)
			s.do(t, chromedp.Sleep(150*time.Millisecond)) // the plot redraws to the laid-out width
			if bad := eval[[]string](t, s, plotCheckJS); len(bad) > 0 {
				t.Errorf("%d px %s: %d faults:\n  %s", w, view, len(bad), strings.Join(bad, "\n  "))
			}
			if w == 360 && view == "" {
				// The check sees a fault when there is one: a badge pushed
				// half out of the frame, over a name.
				n := eval[int](t, s, `(() => {
					const svg = document.querySelector('svg.plot:not(.swatch)');
					const l = svg.querySelector('.row-label').getBBox();
					const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
					r.setAttribute('class', 'sev-bg planted'); r.setAttribute('x', -20); r.setAttribute('y', l.y); r.setAttribute('width', 60); r.setAttribute('height', 20);
					svg.appendChild(r);
					const n = `+plotCheckJS+`.length;
					r.remove();
					return n;
				})()`)
				if n < 2 {
					t.Errorf("a badge planted over a name and across the edge gave %d faults, want at least 2", n)
				}
			}
			if w == 360 {
				// Names are whole unless they are longer than the plot is wide.
				short := eval[[]string](t, s, `[...document.querySelectorAll('svg.plot:not(.swatch) .row-label')].filter(l => l.textContent.endsWith('…') && l.getComputedTextLength() < document.querySelector('svg.plot:not(.swatch)').getBoundingClientRect().width - 60).map(l => l.textContent)`)
				if len(short) > 0 {
					t.Errorf("360 px %s: names cut short with room to spare: %q", view, short)
				}
			}
			// A number is drawn only between two claims that have one.
			if bad := eval[[]string](t, s, `[...document.querySelectorAll('svg.plot:not(.swatch) .conflict')].filter(g => {
				const [a, b] = g.dataset.conflict.split('|');
				const none = [a, b].some(id => { const r = document.querySelector('svg.plot:not(.swatch) .row[data-claim="' + id + '"]'); return !r || !!r.querySelector('.no-number'); });
				const t = g.querySelector('.sev-text');
				return t && (none || t.textContent === '1×');
			}).map(g => g.dataset.conflict)`); len(bad) > 0 {
				t.Errorf("%d px %s: conflicts with a number drawn though a claim has none: %q", w, view, bad)
			}
			// Every kind of mark drawn is in the legend.
			legend := eval[string](t, s, `document.querySelector('[data-testid=legend]').textContent`)
			for sel, word := range map[string]string{".bar": "range", ".exact": "exact", ".best": "best estimate", ".open": "open bound", ".consensus": "consensus",
				".conflict.severe": "severe", ".conflict.major": "major", ".conflict.minor": "minor", ".strike": "deprecated", ".no-number": "no number"} {
				if eval[bool](t, s, `!!document.querySelector('svg.plot:not(.swatch) `+sel+`')`) && !strings.Contains(legend, word) {
					t.Errorf("%d px %s: the plot draws %s but the legend %q does not say %q", w, view, sel, legend, word)
				}
			}
			s.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('.plot-wrap').scrollIntoView()`))
			s.screenshot(t, fmt.Sprintf("plot-%d%s", w, strings.ReplaceAll(view, "?view=", "-")), false)
		}
	}
	// Only conflicts: the most severe pair is side by side.
	var cmp struct {
		Conflicts []struct {
			A        string  `json:"claim_a"`
			B        string  `json:"claim_b"`
			Severity float64 `json:"severity"`
			Status   string  `json:"status"`
		} `json:"conflicts"`
	}
	call(t, "GET", base+"/api/v1/topics/topic-russians-is/comparison", nil, &cmp)
	worst := cmp.Conflicts[0]
	for _, c := range cmp.Conflicts {
		if c.Status != "dismissed" && c.Severity > worst.Severity {
			worst = c
		}
	}
	order := eval[[]string](t, s, `[...document.querySelectorAll('.cards .card')].map(c => c.dataset.claim)`)
	ia, ib := slices.Index(order, worst.A), slices.Index(order, worst.B)
	if ia < 0 || ib < 0 || ia-ib != 1 && ib-ia != 1 {
		t.Errorf("only conflicts: the worst pair %s, %s at %d and %d of %q, want side by side", worst.A, worst.B, ia, ib, order)
	}
	s.checkClean(t)
}

// waitFile waits for a downloaded file to be complete and returns it.
func waitFile(t *testing.T, dir, name string, complete func([]byte) bool) []byte {
	t.Helper()
	deadline := time.Now().Add(browserWait)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil && complete(b) {
			return b
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s was not downloaded", name)
	return nil
}

func shareComparison(t *testing.T, s *session, base string) {
	s.do(t, chromedp.Navigate(base+"/topics/topic-russians-is?view=conflicts"))
	s.waitFor(t, "the plot", `document.querySelectorAll('svg.plot:not(.swatch) .conflict').length > 3`)
	const file = "claimdesk-russian-nationals-fighting-with-the-islamic-state-conflicts"
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=download-svg]`)))
	pic := waitFile(t, s.download, file+".svg", func(b []byte) bool { return bytes.HasSuffix(bytes.TrimSpace(b), []byte("</svg>")) })
	dec := xml.NewDecoder(bytes.NewReader(pic))
	names, texts := 0, []string{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				if a.Name.Local == "class" {
					t.Fatalf("the SVG still needs the stylesheet: <%s class=%q>", tok.Name.Local, a.Value)
				}
			}
			if tok.Name.Local == "text" {
				names++
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"Russian nationals fighting with the Islamic State", "Mikhail Bogdanov", "Alexander Bortnikov", "25.5×"} {
		if !strings.Contains(all, want) {
			t.Errorf("the SVG does not say %q", want)
		}
	}
	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=download-png]`)))
	png := waitFile(t, s.download, file+".png", func(b []byte) bool { return bytes.HasSuffix(b, []byte("IEND\xaeB`\x82")) })
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || len(png) < 24 {
		t.Fatal("the PNG download is not a PNG")
	}
	if w := binary.BigEndian.Uint32(png[16:20]); w != 1800 {
		t.Errorf("the PNG is %d px wide, want 1800 (the picture at twice its size)", w)
	}
	if err := os.WriteFile(filepath.Join(s.shots, "shared-comparison.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}

	// The CSV export of the topic, from its page.
	href := eval[string](t, s, `document.querySelector('[data-testid=export-csv]').href`)
	res, err := http.Get(href)
	if err != nil {
		t.Fatal(err)
	}
	csv, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !bytes.Contains(csv, []byte("r4-bogdanov-2014")) {
		t.Errorf("CSV export %s: %d %s, %d bytes", href, res.StatusCode, res.Header.Get("Content-Type"), len(csv))
	}

	// Printed, the page is the comparison alone.
	ctx, cancel := context.WithTimeout(s.ctx, browserWait)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	hidden := eval[[]string](t, s, `['header.top', '.share', '.topic-edit', '.review-actions', 'form'].filter(sel => [...document.querySelectorAll(sel)].some(el => getComputedStyle(el).display !== 'none'))`)
	shown := eval[bool](t, s, `getComputedStyle(document.querySelector('.cards')).display !== 'none' && getComputedStyle(document.querySelector('svg.plot')).display !== 'none'`)
	s.screenshot(t, "print", false)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		t.Fatal(err)
	}
	if len(hidden) > 0 || !shown {
		t.Errorf("printed: controls still shown %q, cards and plot shown %v", hidden, shown)
	}
	s.checkClean(t)
}

func claimFormHelp(t *testing.T, s *session, base string) {
	s.do(t, chromedp.Navigate(base+"/claims/new?topic=topic-russians-is"))
	s.waitFor(t, "the claim form", `!!document.querySelector('#f-places')`)
	s.do(t, chromedp.SendKeys(chromedp.CSS("#f-places"), "Syira\r"), chromedp.SendKeys(chromedp.CSS("#f-places"), "Iraq\r"))
	s.waitFor(t, "the slip flagged", `document.querySelector('[data-testid=f-places-warn]').textContent.includes('Did you mean Syria?')`)
	if got := eval[[]string](t, s, `[...document.querySelectorAll('.chip.unknown')].map(c => c.textContent)`); len(got) != 1 || !strings.Contains(got[0], "Syira") {
		t.Errorf("flagged chips %q, want Syira alone", got)
	}
	// A pick in the claimant type-ahead moves on to the next field.
	s.do(t, chromedp.SendKeys(chromedp.CSS("#f-claimant"), "Bogdanov"))
	s.waitFor(t, "a claimant match", `!!document.querySelector('#f-claimant-list button')`)
	s.do(t, chromedp.Click(chromedp.CSS("#f-claimant-list button")))
	s.waitFor(t, "the focus on the next field", `document.activeElement !== document.body && !document.activeElement.closest('.picker:has(#f-claimant)') && (document.querySelector('#f-claimant').compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING) > 0`)
	s.screenshot(t, "claim-form-place", false)
	s.checkClean(t)
}
