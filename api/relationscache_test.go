package api

import (
	"bytes"
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// relationsCounter counts the prepared topics the store is asked for: a
// relations page answered from the cache asks for none.
type relationsCounter struct {
	*gormstore.Store
	n atomic.Int64
}

func (s *relationsCounter) PreparedTopic(ctx context.Context, topicID string) (*xref.Prepared, []*claims.Link, error) {
	s.n.Add(1)
	return s.Store.PreparedTopic(ctx, topicID)
}

// TestRelationsFirstPageFollowsWrites: a claim's first page of relations
// is computed once while nothing it shows changes, and after each kind of write that changes it (a claim added
// to the topic, a claim of the parent topic edited, a claimant renamed, a
// link, a review) the next request answers, byte for byte, what a handler
// with empty caches computes, which differs from the answer before the
// write. A later page is never cached; a claim that does not exist is a
// 404 each time.
func TestRelationsFirstPageFollowsWrites(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		seedConflicting(t, s, 300)
		counter := &relationsCounter{Store: s}
		e, cached, fresh, check := firstPages(t, s, counter, &counter.n, s.RelationsVersion, "relations")
		h := e.h
		// A claim of t-5, whose parent is t-0.
		var child claims.Page[*claims.Claim]
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims?topic_id=t-5&limit=1"}, http.StatusOK, &child)
		var parent claims.Page[*claims.Claim]
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims?topic_id=t-0&limit=1"}, http.StatusOK, &parent)
		if len(child.Items) == 0 || len(parent.Items) == 0 {
			t.Fatal("seed: no claim in t-5 or t-0")
		}
		target := child.Items[0]
		base := "/api/v1/claims/" + target.ID + "/relations"
		first, conflicts := base+"?limit=10", base+"?kind=conflicts&limit=5"
		all := []string{first, conflicts}
		for _, p := range all {
			check("first", p, true)
			check("again", p, !cached)
		}
		check("parameters in another order", base+"?limit=5&kind=conflicts", !cached)

		var page relationsPage
		e.doJSON(t, request{method: "GET", path: first}, http.StatusOK, &page)
		if page.NextCursor == "" || len(page.Items) < 2 {
			t.Fatalf("seed: %s has no next page or fewer than 2 relations", first)
		}
		next := first + "&cursor=" + page.NextCursor
		check("later page", next, true)
		check("later page again", next, true)
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims/no-such-claim/relations"}, http.StatusNotFound, nil)
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims/no-such-claim/relations"}, http.StatusNotFound, nil)

		other, another := page.Items[0].OtherID, page.Items[1].OtherID
		var otherClaim claims.Claim
		e.doJSON(t, request{method: "GET", path: "/api/v1/claims/" + other}, http.StatusOK, &otherClaim)
		ifMatch := map[string]string{"If-Match": "*"}
		for _, wr := range []struct {
			name string
			req  request
		}{
			{"claim added", request{method: "POST", path: "/api/v1/claims",
				body: `{"topic_id":"t-5","claimant_id":"c-01","quantity_text":"about 900000","said_on":"2015-10","provenance":{"source_id":"s-1"}}`}},
			{"claim of the parent edited", request{method: "PATCH", path: "/api/v1/claims/" + parent.Items[0].ID,
				body: `{"quantity_text":"exactly 7"}`, headers: ifMatch}},
			{"claimant renamed", request{method: "PATCH", path: "/api/v1/claimants/" + otherClaim.ClaimantID,
				body: `{"name":"Renamed claimant"}`, headers: ifMatch}},
			{"link written", request{method: "POST", path: "/api/v1/links",
				body: `{"from_id":"` + target.ID + `","to_id":"` + another + `","kind":"contradicts","note":"checked by hand"}`}},
			{"review written", request{method: "POST", path: "/api/v1/reviews",
				body: `{"claim_a":"` + target.ID + `","claim_b":"` + other + `","status":"reviewed","resolution":"a different count"}`}},
		} {
			for _, p := range all {
				getJSONBody(t, h, p) // cached before the write
			}
			old := fresh(first)
			status := map[string]int{"PATCH": http.StatusOK, "POST": http.StatusCreated}[wr.req.method]
			e.doJSON(t, wr.req, status, nil)
			if got := check("after "+wr.name, first, true); bytes.Equal(got, old) {
				t.Errorf("after %s: %s unchanged: the write is not one that shows", wr.name, first)
			}
			check("after "+wr.name, conflicts, true)
		}
	})
}
