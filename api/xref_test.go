package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// comparedOf returns the claim of a comparison with the given ID.
func comparedOf(t *testing.T, cmpn comparison, id string) comparedClaim {
	t.Helper()
	for _, c := range cmpn.Claims {
		if c.Claim.ID == id {
			return c
		}
	}
	t.Fatalf("claim %s is not in the comparison", id)
	return comparedClaim{}
}

func (e *env) comparison(t *testing.T, topicID string) comparison {
	t.Helper()
	var out comparison
	e.doJSON(t, request{method: "GET", path: "/api/v1/topics/" + topicID + "/comparison"}, http.StatusOK, &out)
	return out
}

// TestFoundingExample takes Bogdanov's "a few dozen" against The
// Independent's "about 800" through the API, from creating the records to
// an analyst's verdict that survives recomputation.
func TestFoundingExampleCrossReferenced(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		for _, r := range []struct{ path, body string }{
			{"/api/v1/topics", `{"id":"t-ru","title":"Russians fighting with IS","additive":true}`},
			{"/api/v1/sources", `{"id":"s-tass","name":"TASS","kind":"agency","url":"https://tass.com/"}`},
			{"/api/v1/sources", `{"id":"s-indy","name":"The Independent","kind":"news","url":"https://www.independent.co.uk/"}`},
			{"/api/v1/claimants", `{"id":"c-bogdanov","name":"Mikhail Bogdanov","role":"Deputy Foreign Minister"}`},
			{"/api/v1/claimants", `{"id":"c-indy","name":"The Independent","kind":"organisation"}`},
			{"/api/v1/claims", `{"id":"cl-bogdanov","topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"a few dozen",
				"said_on":"2014-10","scope":{"places":["Syria","Iraq"]},"provenance":{"source_id":"s-tass"}}`},
			{"/api/v1/claims", `{"id":"cl-indy","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"about 800",
				"said_on":"2014-09-29","scope":{"places":["Syria"]},"provenance":{"source_id":"s-indy","relays":[{"source_id":"s-tass"}]}}`},
		} {
			e.doJSON(t, request{method: "POST", path: r.path, body: r.body}, http.StatusCreated, nil)
		}

		got := e.comparison(t, "t-ru")
		for _, side := range []struct{ id, against string }{{"cl-bogdanov", "cl-indy"}, {"cl-indy", "cl-bogdanov"}} {
			cs := comparedOf(t, got, side.id).Summary
			if cs.ConflictCount != 1 || cs.WorstSeverity != 12 || cs.WorstAgainst != side.against || cs.WorstRelation != xref.Contradicts {
				t.Errorf("%s: %d conflicts, worst %g against %s (%s); want 1, 12 against %s (contradicts)",
					side.id, cs.ConflictCount, cs.WorstSeverity, cs.WorstAgainst, cs.WorstRelation, side.against)
			}
			for _, w := range []string{"Syria", "Mikhail Bogdanov", "The Independent"} {
				if !strings.Contains(cs.WorstExplanation, w) {
					t.Errorf("%s: explanation %q does not name %q", side.id, cs.WorstExplanation, w)
				}
			}
		}
		indy := comparedOf(t, got, "cl-indy")
		if indy.Claimant.Name != "The Independent" || indy.Source.Name != "The Independent" || len(indy.Relays) != 1 || indy.Relays[0].Name != "TASS" {
			t.Errorf("claimant, source, relays of cl-indy = %+v, %+v, %+v", indy.Claimant, indy.Source, indy.Relays)
		}
		if got.Summary.ClaimCount != 2 || got.Summary.Spread < 12 || got.Summary.IndependentOrigins != 2 || got.Summary.OpenConflicts != 1 {
			t.Errorf("summary = %+v", got.Summary)
		}
		if len(got.Groups) != 2 {
			t.Errorf("groups = %+v, want two: the numbers share no range", got.Groups)
		}

		var conflicts claims.Page[conflictItem]
		e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?status=open&min_severity=10"}, http.StatusOK, &conflicts)
		if len(conflicts.Items) != 1 || conflicts.Items[0].A.ClaimantName == "" || conflicts.Items[0].B.QuantityText == "" {
			t.Fatalf("open conflicts = %+v, want the founding pair, named", conflicts.Items)
		}
		var rels relationsPage
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-indy/relations?kind=contradicts"}, http.StatusOK, &rels)
		if rels.Total != 1 || rels.Items[0].OtherID != "cl-bogdanov" || rels.Items[0].Status != claims.ReviewOpen {
			t.Errorf("relations of cl-indy = %+v", rels)
		}

		// Dismissing the conflict in a review changes its status.
		var rv claims.Review
		e.doJSON(t, request{method: "POST", path: "/api/v1/reviews",
			body: `{"claim_a":"cl-indy","claim_b":"cl-bogdanov","status":"dismissed","resolution":"Syria alone, another year"}`},
			http.StatusCreated, &rv)
		e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?status=open"}, http.StatusOK, &conflicts)
		if len(conflicts.Items) != 0 {
			t.Errorf("open conflicts after the review = %+v, want none", conflicts.Items)
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?topic_id=t-ru"}, http.StatusOK, &conflicts)
		if len(conflicts.Items) != 1 || conflicts.Items[0].Status != claims.ReviewDismissed {
			t.Errorf("conflicts of the topic after the review = %+v, want it dismissed", conflicts.Items)
		}
		e.doJSON(t, request{method: "POST", path: "/api/v1/reviews", body: `{"claim_a":"cl-bogdanov","claim_b":"cl-indy"}`}, http.StatusConflict, nil)
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/reviews/" + rv.ID, headers: map[string]string{"If-Match": `"1"`},
			body: `{"status":"reviewed"}`}, http.StatusOK, &rv)
		if got := e.comparison(t, "t-ru").Summary.OpenConflicts; got != 0 {
			t.Errorf("open conflicts after marking it reviewed = %d, want 0", got)
		}

		// An analyst's unrelated link removes the conflict, and survives a
		// claim write that recomputes the topic.
		e.doJSON(t, request{method: "POST", path: "/api/v1/links",
			body: `{"id":"l-1","from_id":"cl-indy","to_id":"cl-bogdanov","kind":"unrelated","note":"different populations"}`},
			http.StatusCreated, nil)
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/cl-bogdanov", headers: map[string]string{"If-Match": "*"},
			body: `{"notes":"said in Sochi"}`}, http.StatusOK, nil)
		got = e.comparison(t, "t-ru")
		if cs := comparedOf(t, got, "cl-indy").Summary; cs.ConflictCount != 0 || len(got.Conflicts) != 0 {
			t.Errorf("after the unrelated link and a claim write: %+v, conflicts %+v", cs, got.Conflicts)
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-indy/relations"}, http.StatusOK, &rels)
		if rels.Total != 1 || rels.Items[0].Kind != xref.Unrelated || !rels.Items[0].Manual || rels.Items[0].LinkID != "l-1" {
			t.Errorf("relations after the link = %+v", rels)
		}

		// The topics list carries the stored summary on request.
		var topics struct {
			Items []struct {
				ID      string             `json:"id"`
				Summary *xref.TopicSummary `json:"summary"`
			} `json:"items"`
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics?include=summary"}, http.StatusOK, &topics)
		if len(topics.Items) != 1 || topics.Items[0].Summary == nil || topics.Items[0].Summary.ClaimCount != 2 {
			t.Errorf("topics with summary = %+v", topics.Items)
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics?include=everything"}, http.StatusUnprocessableEntity, nil)
	})
}

// TestSummariesAfterUpdateAndDelete checks the comparison follows claim
// writes made through the API.
func TestSummariesAfterUpdateAndDelete(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		before := e.comparison(t, "t-ru")
		if before.Summary.ClaimCount != 2 || before.Summary.ConflictCount != 2 {
			t.Fatalf("seeded comparison = %+v, want 2 claims in conflict (the contradicts link)", before.Summary)
		}
		e.doJSON(t, request{method: "POST", path: "/api/v1/claims", body: `{"id":"cl-3","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"790",
			"said_on":"2014-10","scope":{"places":["Syria"]},"provenance":{"source_id":"s-indy"}}`}, http.StatusCreated, nil)
		if got := e.comparison(t, "t-ru").Summary.ClaimCount; got != 3 {
			t.Errorf("claim count after a create = %d, want 3", got)
		}
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/links/l-1", headers: map[string]string{"If-Match": "*"}}, http.StatusNoContent, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/claims/cl-bogdanov", headers: map[string]string{"If-Match": "*"}}, http.StatusNoContent, nil)
		after := e.comparison(t, "t-ru")
		if after.Summary.ClaimCount != 2 || after.Summary.ConflictCount != 0 {
			t.Errorf("after deleting Bogdanov's claim: %+v", after.Summary)
		}
		for _, c := range after.Claims {
			if c.Summary.WorstAgainst == "cl-bogdanov" {
				t.Errorf("%s is still compared with the deleted claim", c.Claim.ID)
			}
		}
	})
}

// TestDemoComparisons loads the demo dataset and reads its comparisons as
// an analyst would.
func TestDemoComparisons(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		if _, err := demo.Load(context.Background(), service.New(s, nil)); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		e := newEnv(t, s, nil)
		ru := e.comparison(t, "topic-russians-is")
		var rels relationsPage
		relation := func(a, b string) xref.Relation {
			t.Helper()
			e.doJSON(t, request{method: "GET", path: "/api/v1/claims/" + a + "/relations?limit=500"}, http.StatusOK, &rels)
			for _, r := range rels.Items {
				if r.OtherID == b {
					return r
				}
			}
			t.Fatalf("no relation from %s to %s", a, b)
			return xref.Relation{}
		}
		for _, tt := range []struct {
			a, b     string
			wantKind xref.Kind
			words    []string
		}{
			{"r5-independent-2014", "r4-bogdanov-2014", xref.Contradicts, []string{"Syria", "Bogdanov", "The Independent"}},
			{"r12-smirnov-2015-09", "r12b-smirnov-2015-09-perviy-kanal", xref.Drift, []string{"2,400", "2,500"}},
			{"r20b-putin-2017-02-mt", "r20c-putin-2017-02-elvisti", xref.Drift, []string{"hedges"}},
		} {
			r := relation(tt.a, tt.b)
			if r.Kind != tt.wantKind {
				t.Errorf("%s vs %s = %s, want %s: %s", tt.a, tt.b, r.Kind, tt.wantKind, r.Explanation)
			}
			for _, w := range tt.words {
				if !strings.Contains(r.Explanation, w) {
					t.Errorf("%s vs %s: %q does not mention %q", tt.a, tt.b, r.Explanation, w)
				}
			}
		}
		if cs := comparedOf(t, ru, "r5-independent-2014").Summary; cs.WorstAgainst == "" || cs.ConflictCount == 0 {
			t.Errorf("The Independent's 800 is in no conflict: %+v", cs)
		}
		// The FSB's rising figures: its director's 200 then 500, its
		// deputy's 1,700 then 2,400.
		superseded := map[string]string{}
		for _, sr := range ru.Series {
			for _, en := range sr.Entries {
				superseded[en.ClaimID] = en.SupersededBy
			}
		}
		for old, next := range map[string]string{"r1-bortnikov-2013-06": "r2-bortnikov-2013-10", "r8-smirnov-2015-04": "r12-smirnov-2015-09"} {
			if superseded[old] != next || comparedOf(t, ru, old).Summary.SupersededBy != next {
				t.Errorf("revision series: %s is superseded by %q, want %s", old, superseded[old], next)
			}
		}
		if ru.Summary.IndependentOrigins >= ru.Summary.ClaimCount || ru.Summary.IndependentOrigins < 2 {
			t.Errorf("independent origins = %d of %d claims: repeats must collapse", ru.Summary.IndependentOrigins, ru.Summary.ClaimCount)
		}
		if ru.Summary.Consensus == nil || ru.Summary.Consensus.ClaimCount < 2 || ru.Summary.SpreadAllTime <= 10 {
			t.Errorf("summary lacks a consensus of several claims or a wide spread: %+v", ru.Summary)
		}

		// Chechen counts never conflict with Russian ones, unless a part
		// is above the whole.
		ch := e.comparison(t, "topic-chechens")
		parentIDs := map[string]bool{}
		for _, c := range ru.Claims {
			parentIDs[c.Claim.ID] = true
		}
		for _, c := range ch.Claims {
			if parentIDs[c.Summary.WorstAgainst] && c.Summary.WorstRelation != xref.PartExceedsWhole {
				t.Errorf("Chechen claim %s vs Russian %s: %s", c.Claim.ID, c.Summary.WorstAgainst, c.Summary.WorstRelation)
			}
		}
		var conflicts claims.Page[conflictItem]
		e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?limit=500"}, http.StatusOK, &conflicts)
		for i, c := range conflicts.Items {
			if i > 0 && c.Severity > conflicts.Items[i-1].Severity {
				t.Errorf("conflicts are not sorted by severity at %d", i)
			}
			if c.TopicID == "topic-chechens" && (parentIDs[c.ClaimA] || parentIDs[c.ClaimB]) {
				t.Errorf("a Chechen conflict names a Russian claim: %+v", c)
			}
		}
		// Every topic reads: each has a stored summary and every claim one.
		var topics claims.Page[topicItem]
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics?include=summary&limit=100"}, http.StatusOK, &topics)
		total := 0
		for _, tp := range topics.Items {
			if tp.Summary == nil {
				t.Errorf("topic %s has no summary", tp.ID)
				continue
			}
			total += tp.Summary.ClaimCount
			if n := len(e.comparison(t, tp.ID).Claims); n != tp.Summary.ClaimCount {
				t.Errorf("topic %s: %d compared claims, summary says %d", tp.ID, n, tp.Summary.ClaimCount)
			}
		}
		if total != 62 {
			t.Errorf("claims over all topics = %d, want the demo's 62", total)
		}
	})
}

// TestComparisonPaging pages a topic's claims.
func TestComparisonPaging(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	seed(t, e)
	for i := range 5 {
		e.doJSON(t, request{method: "POST", path: "/api/v1/claims", body: fmt.Sprintf(`{"topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"%d","provenance":{"source_id":"s-indy"}}`, 100+i)}, http.StatusCreated, nil)
	}
	var ids []string
	for cur := ""; ; {
		var page comparison
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/t-ru/comparison?limit=3&cursor=" + cur}, http.StatusOK, &page)
		for _, c := range page.Claims {
			ids = append(ids, c.Claim.ID)
		}
		if cur = page.NextCursor; cur == "" {
			break
		}
	}
	if len(ids) != 7 || !slices.IsSorted(ids) {
		t.Errorf("paged claims = %v, want 7 in ID order", ids)
	}
	for _, q := range []string{"limit=0", "limit=5001", "cursor=nonsense", "sort=title"} {
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/t-ru/comparison?" + q}, http.StatusUnprocessableEntity, nil)
	}
	e.doJSON(t, request{method: "GET", path: "/api/v1/topics/t-nope/comparison"}, http.StatusNotFound, nil)
	e.doJSON(t, request{method: "GET", path: "/api/v1/claims/nope/relations"}, http.StatusNotFound, nil)
	for _, q := range []string{"status=closed", "min_severity=0.5", "min_severity=NaN", "min_severity=%2BInf", "sort=severity", "limit=501"} {
		prob := decodeProblem(t, e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?" + q}, http.StatusUnprocessableEntity, nil))
		if name, _, _ := strings.Cut(q, "="); !slices.Contains(problemFields(prob), name) {
			t.Errorf("conflicts?%s: fields %v, want %s", q, problemFields(prob), name)
		}
	}
	for _, q := range []string{"kind=nope", "limit=100000", "limit=0"} {
		prob := decodeProblem(t, e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-bogdanov/relations?" + q}, http.StatusUnprocessableEntity, nil))
		if name, _, _ := strings.Cut(q, "="); !slices.Contains(problemFields(prob), name) {
			t.Errorf("relations?%s: fields %v, want %s", q, problemFields(prob), name)
		}
	}
}

// TestPlaces adds a place through the API and sees a comparison change.
func TestPlaces(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/topics/t-ru", headers: map[string]string{"If-Match": "*"}, body: `{"additive":true}`}, http.StatusOK, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/links/l-1", headers: map[string]string{"If-Match": "*"}}, http.StatusNoContent, nil)
		e.doJSON(t, request{method: "POST", path: "/api/v1/claims", body: `{"id":"cl-dabiq","topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"900",
			"said_on":"2014-09-29","scope":{"places":["Dabiq"]},"provenance":{"source_id":"s-tass"}}`}, http.StatusCreated, nil)
		if got := comparedOf(t, e.comparison(t, "t-ru"), "cl-dabiq").Summary; got.ConflictCount != 0 || !slices.Contains(got.UnknownPlaces, "Dabiq") {
			t.Fatalf("before Dabiq is known: %+v", got)
		}
		var p place
		e.doJSON(t, request{method: "POST", path: "/api/v1/places", body: `{"name":"Dabiq","aliases":["Dabiq al-Kabir","Дабик"],"in":["SY"]}`}, http.StatusCreated, &p)
		if p.ID != "custom:dabiq" || !p.Custom {
			t.Errorf("created place = %+v", p)
		}
		if got := comparedOf(t, e.comparison(t, "t-ru"), "cl-dabiq").Summary; got.ConflictCount != 1 || got.WorstRelation != xref.Contradicts {
			t.Errorf("after adding Dabiq inside Syria: %+v, want 900 in Dabiq to contradict 800 in Syria", got)
		}
		var list struct{ Items []place }
		e.doJSON(t, request{method: "GET", path: "/api/v1/places"}, http.StatusOK, &list)
		var sy, dabiq bool
		for _, pl := range list.Items {
			sy = sy || pl.ID == "SY" && !pl.Custom
			dabiq = dabiq || pl.ID == "custom:dabiq" && pl.Custom && slices.Contains(pl.In, "SY")
		}
		if !sy || !dabiq {
			t.Errorf("places list lacks Syria (built in) or Dabiq (custom, in SY)")
		}
		e.doJSON(t, request{method: "POST", path: "/api/v1/places", body: `{"name":"Syria"}`}, http.StatusUnprocessableEntity, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/places/SY"}, http.StatusUnprocessableEntity, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/places/Dabiq"}, http.StatusNoContent, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/places/Dabiq"}, http.StatusNotFound, nil)
	})
}

// TestComparisonCacheFollowsWrites: a comparison served from the cache
// shows every write made since, whatever it changed.
func TestComparisonCacheFollowsWrites(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		ifMatch := map[string]string{"If-Match": "*"}
		for _, w := range []struct {
			name  string
			write request
			shows func(c comparison) bool
		}{
			{"claim", request{method: "PATCH", path: "/api/v1/claims/cl-indy", body: `{"quantity_text":"about 900"}`},
				func(c comparison) bool { return comparedOf(t, c, "cl-indy").Claim.QuantityText == "about 900" }},
			{"topic", request{method: "PATCH", path: "/api/v1/topics/t-ru", body: `{"title":"Renamed topic"}`},
				func(c comparison) bool { return c.Topic.Title == "Renamed topic" }},
			{"claimant", request{method: "PATCH", path: "/api/v1/claimants/c-indy", body: `{"name":"The Independent (UK)"}`},
				func(c comparison) bool { return comparedOf(t, c, "cl-indy").Claimant.Name == "The Independent (UK)" }},
			{"source", request{method: "PATCH", path: "/api/v1/sources/s-tass", body: `{"name":"TASS agency"}`},
				func(c comparison) bool {
					for _, cc := range c.Claims {
						if cc.Source.Name == "TASS agency" || slices.ContainsFunc(cc.Relays, func(r relayRef) bool { return r.Name == "TASS agency" }) {
							return true
						}
					}
					return false
				}},
			{"review", request{method: "POST", path: "/api/v1/reviews", body: `{"claim_a":"cl-indy","claim_b":"cl-bogdanov","status":"dismissed","resolution":"another year"}`},
				func(c comparison) bool { return len(c.Reviews) == 1 && c.Summary.OpenConflicts == 0 }},
		} {
			before := e.comparison(t, "t-ru")
			if w.shows(before) {
				t.Fatalf("%s: the comparison shows the write before it", w.name)
			}
			_ = e.comparison(t, "t-ru") // served from the cache
			if w.write.method == "PATCH" {
				w.write.headers = ifMatch
			}
			want := http.StatusOK
			if w.write.method == "POST" {
				want = http.StatusCreated
			}
			e.doJSON(t, w.write, want, nil)
			if !w.shows(e.comparison(t, "t-ru")) {
				t.Errorf("%s: the comparison after the write does not show it", w.name)
			}
		}
	})
}
