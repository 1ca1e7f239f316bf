package api

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestCachedAnswersSeeOtherReplicasWrites runs two servers, each with its
// own store, on one database (two replicas; on SQLite two stores on one
// file). The first keeps a search's first page with its facets, the
// first page of the conflicts, the facets across topics and a claim's
// relations in its caches; after each write through the second (a claim
// added, a claim edited, a topic renamed, a review written) every one of
// them answers, byte for byte, what a server with empty caches answers,
// and those the write shows differ from the answer before it. A search is answered
// from the cache when asked again (on PostgreSQL judged only in a quiet
// try: see keptAgain).
func TestCachedAnswersSeeOtherReplicasWrites(t *testing.T) {
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		s := storetest.Open(t, dsn)
		seedConflicting(t, s, 60)
		counter := &searchCounter{Store: s}
		one, two := newEnv(t, counter, nil), newEnv(t, storetest.Open(t, dsn), nil)
		fresh := func(path string) []byte { return getJSONBody(t, newEnv(t, s, nil).h, path) }
		var conflicts struct {
			Items []struct {
				TopicID string `json:"topic_id"`
				A       struct {
					ClaimID string `json:"claim_id"`
				} `json:"a"`
				B struct {
					ClaimID string `json:"claim_id"`
				} `json:"b"`
			} `json:"items"`
		}
		one.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?limit=50"}, http.StatusOK, &conflicts)
		if len(conflicts.Items) == 0 {
			t.Fatal("seed: no conflict")
		}
		topic, claimA, claimB := conflicts.Items[0].TopicID, conflicts.Items[0].A.ClaimID, conflicts.Items[0].B.ClaimID
		const (
			search = "/api/v1/search?q=Said&limit=20&facets=true"
			facets = "/api/v1/claims?limit=1&facets=true"
			listed = "/api/v1/conflicts?limit=50"
		)
		relations := "/api/v1/claims/" + claimA + "/relations"
		all := []string{search, facets, listed, relations}

		getJSONBody(t, one.h, search)
		keptAgain(t, "asked again", one.h, fresh, search, &counter.n, s.SearchVersion)

		ifMatch := map[string]string{"If-Match": "*"}
		for _, wr := range []struct {
			name    string
			req     request
			changes []string
		}{
			{"claim added", request{method: "POST", path: "/api/v1/claims",
				body: `{"topic_id":"` + topic + `","claimant_id":"c-01","quantity_text":"about 12","quote":"Said anew","said_on":"2015-10","provenance":{"source_id":"s-1"}}`},
				[]string{search, facets}},
			{"claim edited", request{method: "PATCH", path: "/api/v1/claims/" + claimA,
				body: `{"quantity_text":"exactly 7"}`, headers: ifMatch}, []string{relations}},
			{"topic renamed", request{method: "PATCH", path: "/api/v1/topics/" + topic,
				body: `{"title":"Retitled by the other replica"}`, headers: ifMatch}, []string{listed}},
			{"review written", request{method: "POST", path: "/api/v1/reviews",
				body: `{"claim_a":"` + claimA + `","claim_b":"` + claimB + `","status":"reviewed","resolution":"checked on the other replica"}`},
				[]string{listed}},
		} {
			old := make(map[string][]byte)
			for _, p := range all {
				getJSONBody(t, one.h, p) // cached before the write
				old[p] = getJSONBody(t, one.h, p)
			}
			status := map[string]int{"PATCH": http.StatusOK, "POST": http.StatusCreated}[wr.req.method]
			two.doJSON(t, wr.req, status, nil)
			for _, p := range all {
				if got, want := getJSONBody(t, one.h, p), fresh(p); !bytes.Equal(got, want) {
					t.Errorf("after %s through the other replica: %s:\n got %s\nwant %s", wr.name, p, got, want)
				}
			}
			for _, p := range wr.changes {
				if bytes.Equal(fresh(p), old[p]) {
					t.Errorf("after %s: %s unchanged: the write is not one that shows", wr.name, p)
				}
			}
		}
	})
}
