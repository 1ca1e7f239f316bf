package frontend_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// importBigTopic imports one topic "big" of n claims by 50 claimants, one
// in ten of them in conflict.
func importBigTopic(t *testing.T, base string, n int) {
	t.Helper()
	b := newBundle(t)
	put := b.put
	put("source", map[string]any{"id": "bs", "name": "Fixture outlet", "kind": "news"})
	for i := range 50 {
		put("claimant", map[string]any{"id": fmt.Sprintf("bc%d", i), "name": fmt.Sprintf("Claimant %d", i)})
	}
	put("topic", map[string]any{"id": "big", "title": "A large topic", "unit": "people"})
	for i := range n {
		// Most agree on Syria; one in ten, in Iraq, disagree among
		// themselves by a factor of 50.
		text, place := "about 1000", "Syria"
		if i%10 == 0 {
			text, place = fmt.Sprintf("exactly %d", []int{100, 5000}[i/10%2]), "Iraq"
		}
		put("claim", map[string]any{"id": fmt.Sprintf("b%05d", i), "topic_id": "big", "claimant_id": fmt.Sprintf("bc%d", i%50),
			"quantity_text": text, "said_on": fmt.Sprintf("2015-%02d-01", 1+i%3),
			"scope": map[string]any{"places": []string{place}, "measure": "current"}, "provenance": map[string]any{"source_id": "bs"}})
	}
	b.post(base)
}

// TestComparisonPagesALargeTopic opens a topic larger than the screen
// reads at once: it draws the first 200 claims, those in conflict first,
// the most severe first, counts all of them in its summary, and a button
// draws 200 more.
func TestComparisonPagesALargeTopic(t *testing.T) {
	const n, shown = 2500, 200
	s := startBrowser(t)
	base := newServer(t, false).URL
	importBigTopic(t, base, n)

	// The oracle: every claim's worst severity, read whole in the
	// default order (by ID), sorted here.
	type entry struct {
		ID    string
		Worst float64
	}
	var all []entry
	for cursor := ""; ; {
		var page struct {
			Claims []struct {
				Claim   struct{ ID string } `json:"claim"`
				Summary struct {
					WorstSeverity float64 `json:"worst_severity"`
				} `json:"summary"`
			} `json:"claims"`
			NextCursor string `json:"next_cursor"`
		}
		q := "?limit=5000"
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		call(t, "GET", base+"/api/v1/topics/big/comparison"+q, nil, &page)
		for _, c := range page.Claims {
			all = append(all, entry{c.Claim.ID, c.Summary.WorstSeverity})
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(all) != n {
		t.Fatalf("%d claims stored, want %d", len(all), n)
	}
	slices.SortFunc(all, func(a, b entry) int {
		if a.Worst != b.Worst {
			if a.Worst > b.Worst {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	if all[0].Worst <= 1 || all[shown].Worst <= 1 || all[2*shown].Worst > 1 {
		t.Fatalf("worst severities %g … %g: the fixture should put some claims in conflict and leave more out", all[0].Worst, all[2*shown].Worst)
	}
	firstIDs := func(k int) []string {
		ids := make([]string, k)
		for i := range k {
			ids[i] = all[i].ID
		}
		slices.Sort(ids)
		return ids
	}
	drawn := func() []string {
		ids := eval[[]string](t, s, `[...document.querySelectorAll('.cards .card')].map((c) => c.dataset.claim)`)
		slices.Sort(ids)
		return ids
	}

	s.do(t, chromedp.Navigate(base+"/topics/big"))
	s.waitFor(t, "the comparison", `!!document.querySelector('[data-testid=pager]') && document.querySelectorAll('.cards .card').length > 0`)
	s.screenshot(t, "comparison-large-topic", false)
	eval[bool](t, s, `(document.querySelector('.sortbar').scrollIntoView(), true)`)
	s.screenshot(t, "comparison-large-topic-plot", false)
	eval[bool](t, s, `(document.querySelector('[data-testid=pager]').scrollIntoView({ block: 'end' }), true)`)
	s.screenshot(t, "comparison-large-topic-pager", false)
	if got := eval[string](t, s, `document.querySelector('[data-testid=summary]').textContent`); !strings.HasPrefix(got, "2,500 claims · ") {
		t.Errorf("summary %q, want it to count all 2,500 claims", got)
	}
	if got := eval[string](t, s, `document.querySelector('[data-testid=pager]').textContent`); !strings.Contains(got, "Showing 200 of 2,500 claims") {
		t.Errorf("pager %q", got)
	}
	if got, want := drawn(), firstIDs(shown); !slices.Equal(got, want) {
		t.Errorf("drew %d claims %q…, want the %d in conflict first %q…", len(got), got[:min(5, len(got))], len(want), want[:5])
	}
	if got := eval[string](t, s, `document.querySelector('svg.plot').getAttribute('aria-label')`); !strings.Contains(got, "of 200 claims") {
		t.Errorf("plot label %q, want 200 claims plotted", got)
	}

	s.do(t, chromedp.Click(chromedp.CSS(`[data-testid=show-200]`)))
	s.waitFor(t, "200 more claims", `document.querySelectorAll('.cards .card').length === 400`)
	if got, want := drawn(), firstIDs(2*shown); !slices.Equal(got, want) {
		t.Errorf("drew %d claims after one click, want the first %d in conflict order", len(got), len(want))
	}
	if got := eval[string](t, s, `location.search`); got != "?shown=400" {
		t.Errorf("URL query %q, want ?shown=400 so that a reload keeps the page", got)
	}
	s.checkClean(t)
}
