package api

import (
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestUsersAndTokensAPI has an admin add a user, give them a token that
// works, list it without its secret, revoke it, disable the user, and
// refuses changes that would leave no enabled admin, on SQLite and
// PostgreSQL.
func TestUsersAndTokensAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newAccountsEnv(t, s, false)
		e.addUsers(t)
		cat := bearer(e.tokens[claims.RoleAdmin])

		var dan claims.User
		e.doJSON(t, request{method: "POST", path: "/api/v1/users", headers: cat,
			body: `{"name":"dan","role":"analyst","password":"dan's long password"}`}, 201, &dan)
		if dan.Name != "dan" || dan.Role != claims.RoleAnalyst || dan.ID == "" || dan.Disabled {
			t.Errorf("created %+v", dan)
		}
		if rec := e.do(t, request{method: "POST", path: "/api/v1/users", headers: cat,
			body: `{"name":"dan","role":"viewer","password":"another long password"}`}); rec.Code != 409 {
			t.Errorf("a second dan = %d, want 409", rec.Code)
		}
		for body, field := range map[string]string{
			`{"name":"eve","role":"boss","password":"a long enough password"}`:                "role",
			`{"name":"eve","role":"viewer","password":"short"}`:                               "password",
			`{"name":"e v e","role":"viewer","password":"a long enough password"}`:            "name",
			`{"name":"eve","role":"viewer","password":"a long enough password","admin":true}`: "admin",
		} {
			rec := e.do(t, request{method: "POST", path: "/api/v1/users", headers: cat, body: body})
			if f := problemFields(decodeProblem(t, rec)); rec.Code != 422 || !strings.Contains(strings.Join(f, ","), field) {
				t.Errorf("POST %s = %d %v, want 422 naming %s", body, rec.Code, f, field)
			}
		}
		if rec := e.do(t, request{method: "GET", path: "/api/v1/users", headers: cat}); rec.Code != 200 ||
			strings.Contains(rec.Body.String(), "$2") || strings.Contains(strings.ToLower(rec.Body.String()), "password") ||
			!strings.Contains(rec.Body.String(), `"name":"dan"`) {
			t.Errorf("GET users = %d %s: want dan, and no password or hash", rec.Code, rec.Body)
		}

		var tok struct {
			claims.Token
			Secret string `json:"secret"`
		}
		rec := e.doJSON(t, request{method: "POST", path: "/api/v1/tokens", headers: cat, body: `{"user":"dan","name":"dan's CI","expires_in":"720h"}`}, 201, &tok)
		if !claims.PlausibleSecret(tok.Secret) || tok.UserName != "dan" || !tok.ExpiresAt.Equal(e.clock.now().Add(720*time.Hour)) ||
			rec.Header().Get("Cache-Control") != "no-store" {
			t.Fatalf("new token = %+v (Cache-Control %q)", tok, rec.Header().Get("Cache-Control"))
		}
		var who sessionInfo
		e.doJSON(t, request{method: "GET", path: "/api/v1/session", headers: bearer(tok.Secret)}, 200, &who)
		if who.Name != "dan" || who.Role != claims.RoleAnalyst {
			t.Errorf("the new token acts as %+v, want dan the analyst", who)
		}
		rec = e.do(t, request{method: "GET", path: "/api/v1/tokens?user=dan", headers: cat})
		if rec.Code != 200 || strings.Contains(rec.Body.String(), tok.Secret) || strings.Contains(rec.Body.String(), claims.HashSecret(tok.Secret)) ||
			!strings.Contains(rec.Body.String(), "dan's CI") {
			t.Errorf("GET tokens = %d %s: want dan's CI without its secret or hash", rec.Code, rec.Body)
		}
		for body, field := range map[string]string{`{"user":"nobody"}`: "user", `{"user":"dan","expires_in":"soon"}`: "expires_in", `{}`: "user"} {
			rec := e.do(t, request{method: "POST", path: "/api/v1/tokens", headers: cat, body: body})
			if f := problemFields(decodeProblem(t, rec)); rec.Code != 422 || !strings.Contains(strings.Join(f, ","), field) {
				t.Errorf("POST tokens %s = %d %v, want 422 naming %s", body, rec.Code, f, field)
			}
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/tokens?user=nobody", headers: cat}, 404, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/tokens/" + tok.ID, headers: cat}, 204, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/tokens/" + tok.ID, headers: cat}, 204, nil)
		e.doJSON(t, request{method: "DELETE", path: "/api/v1/tokens/no-such-token", headers: cat}, 404, nil)
		if rec := e.do(t, request{method: "GET", path: "/api/v1/session", headers: bearer(tok.Secret)}); rec.Code != 401 {
			t.Errorf("a revoked token = %d, want 401", rec.Code)
		}

		// Disabling a user stops their other credentials; enabling them
		// brings them back; a new password works.
		e.doJSON(t, request{method: "POST", path: "/api/v1/tokens", headers: cat, body: `{"user":"dan"}`}, 201, &tok)
		var got claims.User
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/users/dan", headers: cat, body: `{"disabled":true}`}, 200, &got)
		if !got.Disabled {
			t.Errorf("after disabling: %+v", got)
		}
		if rec := e.do(t, request{method: "GET", path: "/api/v1/session", headers: bearer(tok.Secret)}); rec.Code != 401 {
			t.Errorf("a disabled user's token = %d, want 401", rec.Code)
		}
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/users/dan", headers: cat, body: `{"disabled":false,"role":"viewer","password":"dan's new password"}`}, 200, &got)
		e.doJSON(t, request{method: "GET", path: "/api/v1/session", headers: bearer(tok.Secret)}, 200, &who)
		if who.Role != claims.RoleViewer {
			t.Errorf("after enabling as a viewer: %+v", who)
		}
		if rec := e.logIn(t, "dan", "dan's new password"); rec.Code != 200 {
			t.Errorf("log-in with the new password = %d %s", rec.Code, rec.Body)
		}
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/users/nobody", headers: cat, body: `{"disabled":true}`}, 404, nil)
		if rec := e.do(t, request{method: "PATCH", path: "/api/v1/users/dan", headers: cat, body: `{"role":"boss"}`}); rec.Code != 422 {
			t.Errorf("role boss = %d, want 422", rec.Code)
		}

		// cat is the only admin: neither demoted nor disabled.
		for _, body := range []string{`{"role":"analyst"}`, `{"disabled":true}`} {
			rec := e.do(t, request{method: "PATCH", path: "/api/v1/users/cat", headers: cat, body: body})
			if p := decodeProblem(t, rec); rec.Code != 409 || !strings.Contains(p.Detail, "no enabled admin") {
				t.Errorf("the last admin %s = %d %q, want 409", body, rec.Code, p.Detail)
			}
		}
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/users/dan", headers: cat, body: `{"role":"admin"}`}, 200, nil)
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/users/cat", headers: cat, body: `{"role":"analyst"}`}, 200, nil)
		if rec := e.do(t, request{method: "GET", path: "/api/v1/users", headers: cat}); rec.Code != 403 {
			t.Errorf("cat, now an analyst = %d, want 403", rec.Code)
		}
	})
}

// TestFirstUserIsAdmin: a local server with no users runs open; the first
// user it makes through the API must be an admin, or nobody could manage
// the others.
func TestFirstUserIsAdmin(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), true)
	local := map[string]string{"Host": "127.0.0.1:8080"}
	rec := e.do(t, request{method: "POST", path: "/api/v1/users", headers: local, body: `{"name":"bob","role":"analyst","password":"a long enough password"}`})
	if p := decodeProblem(t, rec); rec.Code != 409 || !strings.Contains(p.Detail, "no enabled admin") {
		t.Errorf("a first analyst = %d %q, want 409", rec.Code, p.Detail)
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/users", headers: local, body: `{"name":"cat","role":"admin","password":"a long enough password"}`}, 201, nil)
	if rec := e.do(t, request{method: "GET", path: "/api/v1/users", headers: local}); rec.Code != 401 {
		t.Errorf("after the first admin, an anonymous request = %d, want 401: open mode ends", rec.Code)
	}
}
