package api

import (
	"net/url"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

func with(h map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range h {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// TestHistoryAPI edits a claim with reasons as an analyst, reads its
// history, restores the first version, deletes it (cascade) and has an
// admin bring it back, on SQLite and PostgreSQL.
func TestHistoryAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newAccountsEnv(t, s, false)
		e.addUsers(t)
		seed(t, newEnv(t, s, nil))
		bob, cat := bearer(e.tokens[claims.RoleAnalyst]), bearer(e.tokens[claims.RoleAdmin])
		path := "/api/v1/claims/cl-indy"

		e.doJSON(t, request{method: "PATCH", path: path, headers: with(bob, "If-Match", `"1"`, reasonHeader, "the article was corrected"),
			body: `{"quantity_text":"about 900"}`}, 200, nil)
		e.doJSON(t, request{method: "PATCH", path: path, headers: with(bob, "If-Match", `"2"`),
			body: `{"quantity_text":"nearly 1,000","reason":"a second correction"}`}, 200, nil)
		rec := e.do(t, request{method: "PATCH", path: path, headers: with(bob, "If-Match", `"3"`), body: `{"quantity_text":"1,000","reason":7}`})
		if p := decodeProblem(t, rec); rec.Code != 422 || problemFields(p)[0] != "reason" {
			t.Errorf("a numeric reason = %d %s, want 422 naming reason", rec.Code, rec.Body)
		}

		var h struct{ Items []claims.Change }
		e.doJSON(t, request{method: "GET", path: path + "/history", headers: bearer(e.tokens[claims.RoleViewer])}, 200, &h)
		if len(h.Items) != 3 {
			t.Fatalf("history has %d lines, want 3", len(h.Items))
		}
		if l := h.Items[1]; l.Actor != "bob" || l.Reason != "the article was corrected" || l.Version != 2 || !strings.Contains(string(l.After), "about 900") {
			t.Errorf("line 2 = %+v", l)
		}
		if l := h.Items[2]; l.Reason != "a second correction" {
			t.Errorf("line 3 reason = %q, want the body's reason", l.Reason)
		}

		var line claims.Change
		e.doJSON(t, request{method: "POST", path: path + "/restore", headers: bob, body: `{"version":1,"reason":"back to the original"}`}, 200, &line)
		var c claims.Claim
		e.doJSON(t, request{method: "GET", path: path, headers: bob}, 200, &c)
		if line.Version != 4 || line.RestoredFrom != 1 || line.Reason != "back to the original" || c.QuantityText != "800" || c.Version != 4 {
			t.Errorf("restore of v1: line %+v, claim v%d %q", line, c.Version, c.QuantityText)
		}

		rec = e.do(t, request{method: "DELETE", path: path, headers: with(bob, "If-Match", `"4"`)})
		if p := decodeProblem(t, rec); rec.Code != 409 || !strings.Contains(p.Detail, "cascade=true") {
			t.Errorf("delete of a linked claim = %d %q, want 409 asking for cascade=true", rec.Code, p.Detail)
		}
		e.doJSON(t, request{method: "DELETE", path: path + "?cascade=true", headers: with(bob, "If-Match", `"4"`, reasonHeader, "duplicate")}, 204, nil)
		e.doJSON(t, request{method: "GET", path: path, headers: bob}, 404, nil)
		rec = e.do(t, request{method: "POST", path: "/api/v1/claims", headers: bob,
			body: `{"id":"cl-indy","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"5","provenance":{"source_id":"s-indy"}}`})
		if p := decodeProblem(t, rec); rec.Code != 409 || !strings.Contains(p.Detail, `claim "cl-indy" was deleted by bob`) {
			t.Errorf("create with a deleted ID = %d %q, want 409 naming the deleted claim", rec.Code, p.Detail)
		}

		var trash struct{ Items []claims.Change }
		e.doJSON(t, request{method: "GET", path: "/api/v1/trash", headers: cat}, 200, &trash)
		if len(trash.Items) != 2 || trash.Items[0].Reason != "duplicate" && trash.Items[1].Reason != "duplicate" {
			t.Errorf("trash = %+v, want the claim and its link", trash.Items)
		}
		e.doJSON(t, request{method: "POST", path: "/api/v1/trash/claims/cl-indy/restore", headers: bob}, 403, nil)
		e.doJSON(t, request{method: "POST", path: "/api/v1/trash/claims/cl-indy/restore", headers: cat}, 200, &line)
		if line.Version != 6 || line.Actor != "cat" {
			t.Errorf("undelete line = %+v, want v6 by cat", line)
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/links/l-1", headers: bob}, 200, nil)
		// An If-Match from before the delete does not match the record brought back.
		e.doJSON(t, request{method: "PATCH", path: path, headers: with(bob, "If-Match", `"1"`), body: `{"quote":"x"}`}, 412, nil)
	})
}

// TestReasonHeaderInUTF8 deletes with a reason in Cyrillic, which a
// browser can only send percent-encoded in the RFC 8187 form, and refuses
// a malformed one naming the reason.
func TestReasonHeaderInUTF8(t *testing.T) {
	s := storetest.SQLite(t)
	e := newAccountsEnv(t, s, false)
	e.addUsers(t)
	bob := bearer(e.tokens[claims.RoleAnalyst])
	e.doJSON(t, request{method: "POST", path: "/api/v1/sources", headers: bob, body: `{"id":"s-dup","name":"ТАСС (дубль)"}`}, 201, nil)
	rec := e.do(t, request{method: "DELETE", path: "/api/v1/sources/s-dup", headers: with(bob, "If-Match", `"1"`, reasonHeader, "UTF-8''%zz")})
	if p := decodeProblem(t, rec); rec.Code != 422 || len(problemFields(p)) == 0 || problemFields(p)[0] != "reason" {
		t.Errorf("a malformed encoded reason = %d %s, want 422 naming reason", rec.Code, rec.Body)
	}
	e.doJSON(t, request{method: "GET", path: "/api/v1/sources/s-dup", headers: bob}, 200, nil)
	const why = "дубль ТАСС, 100% тот же"
	enc := "UTF-8''" + strings.ReplaceAll(url.QueryEscape(why), "+", "%20")
	e.doJSON(t, request{method: "DELETE", path: "/api/v1/sources/s-dup", headers: with(bob, "If-Match", `"1"`, reasonHeader, enc)}, 204, nil)
	var h struct{ Items []claims.Change }
	e.doJSON(t, request{method: "GET", path: "/api/v1/sources/s-dup/history", headers: bob}, 200, &h)
	if n := len(h.Items); n != 2 || h.Items[1].Action != claims.ActionDelete || h.Items[1].Reason != why {
		t.Errorf("history = %+v, want a delete with reason %q", h.Items, why)
	}
}
