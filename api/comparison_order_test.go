package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// seedOrderTopic imports topic t-big of n claims by 30 claimants: most
// agree on Syria, one in five, on Iraq, disagree among themselves by
// factors of 2 to 50, so that the claims' worst severities spread.
func seedOrderTopic(t testing.TB, s *gormstore.Store, n int) {
	t.Helper()
	seedOrderTopicAs(t, s, "", n)
}

// seedOrderTopicAs is seedOrderTopic with every ID prefixed by p, so that
// a store can hold two such topics.
func seedOrderTopicAs(t testing.TB, s *gormstore.Store, p string, n int) {
	t.Helper()
	b := newBundle(t)
	rec := b.rec
	rec("topic", map[string]any{"id": p + "t-big", "title": "Fighters", "unit": "people"})
	rec("source", map[string]any{"id": p + "s-0", "name": "Outlet", "kind": "news"})
	for i := range 30 {
		rec("claimant", map[string]any{"id": fmt.Sprintf("%sc-%d", p, i), "name": fmt.Sprintf("Claimant %d", i)})
	}
	for i := range n {
		text, place := "about 1000", "Syria"
		if i%5 == 0 {
			text, place = fmt.Sprintf("exactly %d", []int{100, 200, 1000, 5000}[i/5%4]), "Iraq"
		}
		rec("claim", map[string]any{"id": fmt.Sprintf("%scl-%04d", p, i), "topic_id": p + "t-big", "claimant_id": fmt.Sprintf("%sc-%d", p, i%30),
			"quantity_text": text, "said_on": fmt.Sprintf("2015-%02d-01", 1+i%4),
			"scope": map[string]any{"places": []string{place}, "measure": "current"}, "provenance": map[string]any{"source_id": p + "s-0"}})
	}
	if rep, err := exchange.Import(context.Background(), s, b, exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
		t.Fatalf("import: %v (%+v)", err, rep.Errors)
	}
}

// orderPage is what these tests read of a comparison page.
type orderPage struct {
	Claims []struct {
		Claim struct {
			ID string `json:"id"`
		} `json:"claim"`
		Summary struct {
			WorstSeverity float64 `json:"worst_severity"`
		} `json:"summary"`
	} `json:"claims"`
	Series []struct {
		ClaimantID string `json:"claimant_id"`
		Entries    []struct {
			ClaimID string `json:"claim_id"`
		} `json:"entries"`
	} `json:"series"`
	NextCursor string `json:"next_cursor"`
}

// seriesKeys names a page's series by their claimant and claims.
func seriesKeys(p orderPage) []string {
	var out []string
	for _, sr := range p.Series {
		k := sr.ClaimantID
		for _, e := range sr.Entries {
			k += " " + e.ClaimID
		}
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestComparisonOrderConflicts pages a topic in order=conflicts: the pages
// list every claim once, in the order of their worst severity, the most
// severe first, then by ID, as sorting the whole listing here does; each
// page carries the series with a figure on it, whole, and a page holding
// the whole topic all of them; a bad order or a cursor of the other order
// is 422 problem+json.
func TestComparisonOrderConflicts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		const n = 300
		seedOrderTopic(t, s, n)
		// Another topic, whose claims no page of t-big may list: the
		// cursor's condition is an OR, to be kept within the topic.
		seedOrderTopicAs(t, s, "x", 120)
		const path = "/api/v1/topics/t-big/comparison"

		var whole orderPage
		e.doJSON(t, request{method: "GET", path: path + "?limit=5000"}, http.StatusOK, &whole)
		if len(whole.Claims) != n || whole.NextCursor != "" {
			t.Fatalf("whole: %d claims, cursor %q", len(whole.Claims), whole.NextCursor)
		}
		type entry struct {
			id    string
			worst float64
		}
		want := make([]entry, len(whole.Claims))
		for i, c := range whole.Claims {
			want[i] = entry{c.Claim.ID, c.Summary.WorstSeverity}
		}
		slices.SortStableFunc(want, func(a, b entry) int {
			switch {
			case a.worst > b.worst:
				return -1
			case a.worst < b.worst:
				return 1
			}
			return strings.Compare(a.id, b.id)
		})
		if want[0].worst <= 1 || want[0].worst == want[n-1].worst {
			t.Fatalf("worst severities %g … %g: the fixture should spread them", want[0].worst, want[n-1].worst)
		}

		var wholeConflicts orderPage
		e.doJSON(t, request{method: "GET", path: path + "?limit=5000&order=conflicts"}, http.StatusOK, &wholeConflicts)
		if got, all := seriesKeys(wholeConflicts), seriesKeys(whole); len(all) == 0 || !slices.Equal(got, all) {
			t.Errorf("a page of the whole topic has %d series, want all %d", len(got), len(all))
		}

		var got []entry
		pages := 0
		for cursor := ""; ; pages++ {
			q := path + "?limit=37&order=conflicts"
			if cursor != "" {
				q += "&cursor=" + cursor
			}
			var p orderPage
			e.doJSON(t, request{method: "GET", path: q}, http.StatusOK, &p)
			on := map[string]bool{}
			for _, c := range p.Claims {
				got = append(got, entry{c.Claim.ID, c.Summary.WorstSeverity})
				on[c.Claim.ID] = true
			}
			// The page's series: those of the whole listing with a
			// figure on the page.
			var wantSeries []string
			for _, sr := range whole.Series {
				if slices.ContainsFunc(sr.Entries, func(x struct {
					ClaimID string `json:"claim_id"`
				}) bool {
					return on[x.ClaimID]
				}) {
					k := sr.ClaimantID
					for _, x := range sr.Entries {
						k += " " + x.ClaimID
					}
					wantSeries = append(wantSeries, k)
				}
			}
			slices.Sort(wantSeries)
			if gs := seriesKeys(p); !slices.Equal(gs, wantSeries) {
				t.Errorf("page %d: %d series, want the %d with a figure on it", pages, len(gs), len(wantSeries))
			}
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("order=conflicts over %d pages listed %d claims, first %v, want %d, first %v", pages+1, len(got), got[:min(3, len(got))], len(want), want[:3])
		}

		for _, q := range []string{"?order=severity", "?order=conflicts&order=claim_id", "?order=conflicts&cursor=" + whole.NextCursor + "x"} {
			rec := e.do(t, request{method: "GET", path: path + q})
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d, want 422", q, rec.Code)
				continue
			}
			if f := problemFields(decodeProblem(t, rec)); len(f) == 0 {
				t.Errorf("%s: a problem naming no field", q)
			}
		}
		// A cursor of the order by ID is no cursor of order=conflicts.
		var byID orderPage
		e.doJSON(t, request{method: "GET", path: path + "?limit=10"}, http.StatusOK, &byID)
		if rec := e.do(t, request{method: "GET", path: path + "?order=conflicts&cursor=" + byID.NextCursor}); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("a cursor of the order by ID in order=conflicts: %d, want 422", rec.Code)
		}
	})
}
