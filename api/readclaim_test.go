package api

import (
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestGetClaimReadsJSONColumns reads claims back from the real SQLite
// store through GET /api/v1/claims/{id}: tags, places, relays and the
// intervals as they were written, whether the store reads their columns
// itself (plain text) or leaves them to encoding/json (text that needed an
// escape: &, <, a quote); then the ETag, 304 and the 404 problem.
func TestGetClaimReadsJSONColumns(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	for _, p := range []struct{ path, body string }{
		{"/api/v1/topics", `{"id":"t-ru","title":"Russians with IS"}`},
		{"/api/v1/sources", `{"id":"s-tass","name":"TASS"}`},
		{"/api/v1/sources", `{"id":"s-indy","name":"The Independent"}`},
		{"/api/v1/claimants", `{"id":"c-bogdanov","name":"Mikhail Bogdanov"}`},
		{"/api/v1/claims", `{"id":"cl-plain","topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"about 5,000","quote":"q",
			"tags":["official","isis"],"scope":{"places":["Syria","Мосул"]},"analyst_interval":{"low":24,"high":60,"best":36},
			"provenance":{"source_id":"s-tass","relays":[{"source_id":"s-indy","url":"https://example.org/a","published_on":"2015-10"}]}}`},
		{"/api/v1/claims", `{"id":"cl-escaped","topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"40","quote":"q",
			"tags":["a&b","\"quoted\""],"scope":{"places":["Syria & Iraq"]},
			"provenance":{"source_id":"s-tass","relays":[{"source_id":"s-indy","url":"https://example.org/a?b=1&c=<2>","note":"line\nbreak"}]}}`},
	} {
		if rec := e.do(t, request{method: "POST", path: p.path, body: p.body}); rec.Code != 201 {
			t.Fatalf("POST %s: %d %s", p.path, rec.Code, rec.Body)
		}
	}
	var plain, escaped claims.Claim
	rec := e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-plain"}, 200, &plain)
	if !slices.Equal(plain.Tags, []string{"isis", "official"}) && !slices.Equal(plain.Tags, []string{"official", "isis"}) {
		t.Errorf("cl-plain tags = %q", plain.Tags)
	}
	if !slices.Equal(plain.Scope.Places, []string{"Syria", "Мосул"}) {
		t.Errorf("cl-plain places = %q", plain.Scope.Places)
	}
	if r := plain.Provenance.Relays; len(r) != 1 || r[0] != (claims.Relay{SourceID: "s-indy", URL: "https://example.org/a", PublishedOn: "2015-10"}) {
		t.Errorf("cl-plain relays = %+v", r)
	}
	if iv := plain.AnalystInterval; iv == nil || *iv.Low != 24 || *iv.High != 60 || *iv.Best != 36 {
		t.Errorf("cl-plain analyst_interval = %+v", iv)
	}
	if iv := plain.Parsed; iv == nil || iv.Low == nil || iv.High == nil || *iv.Low >= 5000 || *iv.High <= 5000 || !iv.Approx || iv.Rule == "" || iv.Explanation == "" {
		t.Errorf("cl-plain parsed_interval = %+v, want about 5,000 with its rule", iv)
	}
	tag := rec.Header().Get("ETag")
	if m := claimTagForm.FindStringSubmatch(tag); m == nil || m[1] != "1" {
		t.Errorf("ETag = %s, want \"1.<hash>\"", tag)
	}
	e.doJSON(t, request{method: "GET", path: "/api/v1/claims/cl-escaped"}, 200, &escaped)
	if !slices.Contains(escaped.Tags, "a&b") || !slices.Contains(escaped.Tags, `"quoted"`) {
		t.Errorf("cl-escaped tags = %q", escaped.Tags)
	}
	if !slices.Equal(escaped.Scope.Places, []string{"Syria & Iraq"}) {
		t.Errorf("cl-escaped places = %q", escaped.Scope.Places)
	}
	if r := escaped.Provenance.Relays; len(r) != 1 || r[0].URL != "https://example.org/a?b=1&c=<2>" || r[0].Note != "line\nbreak" {
		t.Errorf("cl-escaped relays = %+v", r)
	}
	if rec := e.do(t, request{method: "GET", path: "/api/v1/claims/cl-plain", headers: map[string]string{"If-None-Match": tag}}); rec.Code != 304 || rec.Body.Len() != 0 {
		t.Errorf("If-None-Match %s = %d %q, want 304 without a body", tag, rec.Code, rec.Body)
	}
	rec = e.do(t, request{method: "GET", path: "/api/v1/claims/cl-404"})
	if p := decodeProblem(t, rec); rec.Code != 404 || p.Code != claims.CodeNotFound || !strings.Contains(p.Detail, "cl-404") ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/problem+json") {
		t.Errorf("GET /claims/cl-404 = %d %s %+v, want a 404 problem naming cl-404", rec.Code, rec.Header().Get("Content-Type"), p)
	}
}
