package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestPlaceSuggestion: a misspelt place is a 422 naming the field with the
// place meant, and writes nothing; a place far from every known one is
// kept as before.
func TestPlaceSuggestion(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	for _, r := range []struct{ path, body string }{
		{"/api/v1/topics", `{"id":"t1","title":"Fighters","additive":true}`},
		{"/api/v1/sources", `{"id":"s1","name":"TASS","kind":"agency"}`},
		{"/api/v1/claimants", `{"id":"k1","name":"Bogdanov"}`},
	} {
		e.doJSON(t, request{method: "POST", path: r.path, body: r.body}, http.StatusCreated, nil)
	}
	before := snapshot(t, e.store)
	rec := e.do(t, request{method: "POST", path: "/api/v1/claims", body: `{"topic_id":"t1","claimant_id":"k1","quantity_text":"a few dozen",
		"scope":{"places":["Iraq","Sirya"]},"provenance":{"source_id":"s1"}}`})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("claim in Sirya = %d, want 422; body %s", rec.Code, rec.Body)
	}
	p := decodeProblem(t, rec)
	if len(p.Errors) != 1 || p.Errors[0].Field != "scope.places[1]" || !strings.Contains(p.Errors[0].Detail, "did you mean Syria?") {
		t.Errorf("problem = %+v, want scope.places[1] with did you mean Syria?", p)
	}
	if after := snapshot(t, e.store); len(after) != len(before) {
		t.Errorf("a refused claim wrote records: %d before, %d after", len(before), len(after))
	}
	rec = e.do(t, request{method: "POST", path: "/api/v1/topics", body: `{"title":"Elsewhere","places":["Sirya"]}`})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "did you mean Syria?") {
		t.Errorf("topic in Sirya = %d %s, want 422 with the suggestion", rec.Code, rec.Body)
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/claims", body: `{"topic_id":"t1","claimant_id":"k1","quantity_text":"a few dozen",
		"scope":{"places":["Zyxwvut"]},"provenance":{"source_id":"s1"}}`}, http.StatusCreated, nil)
}
