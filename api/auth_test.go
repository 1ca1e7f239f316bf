package api

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// testClock is a clock tests step by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// accountsEnv is a server with accounts: one user of each role, each with
// an API token, and a clock the test steps.
type accountsEnv struct {
	*env
	store  *gormstore.Store
	clock  *testClock
	tokens map[claims.Role]string
	users  map[claims.Role]*claims.User
}

const testPassword = "correct horse battery"

func newAccountsEnv(t *testing.T, s *gormstore.Store, local bool) *accountsEnv {
	t.Helper()
	old := claims.PasswordCost
	claims.PasswordCost = bcrypt.MinCost
	t.Cleanup(func() { claims.PasswordCost = old })
	clock := &testClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	buf := &syncBuffer{}
	h := NewHandler(Options{
		Store: s, Accounts: s, Local: local, Now: clock.now, Version: "test",
		Logger: slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	e := &accountsEnv{env: &env{h: h, store: s, log: buf}, store: s, clock: clock,
		tokens: map[claims.Role]string{}, users: map[claims.Role]*claims.User{}}
	return e
}

// addUsers creates ann the viewer, bob the analyst and cat the admin, each
// with an API token.
func (e *accountsEnv) addUsers(t *testing.T) {
	t.Helper()
	for name, role := range map[string]claims.Role{"ann": claims.RoleViewer, "bob": claims.RoleAnalyst, "cat": claims.RoleAdmin} {
		u := &claims.User{Name: name, Role: role}
		must(t, u.SetPassword(testPassword))
		must(t, e.store.CreateUser(t.Context(), u))
		secret, hash := claims.NewSecret()
		must(t, e.store.CreateToken(t.Context(), &claims.Token{UserID: u.ID, Kind: claims.TokenAPI, Name: name + "'s script", Hash: hash}))
		e.tokens[role], e.users[role] = secret, u
	}
}

func bearer(secret string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + secret}
}

// access is who may use a route: public routes need nobody, the others a
// role at least. metrics is admins, or anyone on loopback.
type access string

const (
	public  access = "public"
	viewer  access = "viewer"
	analyst access = "analyst"
	admin   access = "admin"
)

// routeAccess is the access policy, written out route by route as the
// issue states it: viewers read, analysts write records, admins import.
// TestRoleTable fails for a route of the router missing here.
var routeAccess = map[string]access{
	"GET /healthz":                         public,
	"GET /readyz":                          public,
	"GET /metrics":                         admin,
	"GET /api/v1/session":                  viewer, // who am I: 401 for nobody
	"POST /api/v1/session":                 public,
	"DELETE /api/v1/session":               viewer,
	"GET /api/v1/openapi.json":             viewer,
	"POST /api/v1/extract":                 viewer,
	"POST /api/v1/parse":                   viewer,
	"GET /api/v1/topics":                   viewer,
	"POST /api/v1/topics":                  analyst,
	"GET /api/v1/topics/:id":               viewer,
	"PATCH /api/v1/topics/:id":             analyst,
	"DELETE /api/v1/topics/:id":            analyst,
	"GET /api/v1/sources":                  viewer,
	"POST /api/v1/sources":                 analyst,
	"GET /api/v1/sources/:id":              viewer,
	"PATCH /api/v1/sources/:id":            analyst,
	"DELETE /api/v1/sources/:id":           analyst,
	"GET /api/v1/claimants":                viewer,
	"POST /api/v1/claimants":               analyst,
	"GET /api/v1/claimants/:id":            viewer,
	"PATCH /api/v1/claimants/:id":          analyst,
	"DELETE /api/v1/claimants/:id":         analyst,
	"GET /api/v1/claims":                   viewer,
	"POST /api/v1/claims":                  analyst,
	"GET /api/v1/claims/:id":               viewer,
	"PATCH /api/v1/claims/:id":             analyst,
	"DELETE /api/v1/claims/:id":            analyst,
	"GET /api/v1/links":                    viewer,
	"POST /api/v1/links":                   analyst,
	"GET /api/v1/links/:id":                viewer,
	"PATCH /api/v1/links/:id":              analyst,
	"DELETE /api/v1/links/:id":             analyst,
	"GET /api/v1/topics/:id/comparison":    viewer,
	"GET /api/v1/claims/:id/relations":     viewer,
	"GET /api/v1/conflicts":                viewer,
	"GET /api/v1/search":                   viewer,
	"GET /api/v1/reviews":                  viewer,
	"POST /api/v1/reviews":                 analyst,
	"GET /api/v1/reviews/:id":              viewer,
	"PATCH /api/v1/reviews/:id":            analyst,
	"DELETE /api/v1/reviews/:id":           analyst,
	"GET /api/v1/places":                   viewer,
	"POST /api/v1/places":                  analyst,
	"DELETE /api/v1/places/:name":          analyst,
	"GET /api/v1/export":                   viewer,
	"GET /api/v1/export/schema.json":       viewer,
	"POST /api/v1/import":                  admin,
	"GET /api/v1/topics/:id/history":       viewer,
	"POST /api/v1/topics/:id/restore":      analyst,
	"GET /api/v1/sources/:id/history":      viewer,
	"POST /api/v1/sources/:id/restore":     analyst,
	"GET /api/v1/claimants/:id/history":    viewer,
	"POST /api/v1/claimants/:id/restore":   analyst,
	"GET /api/v1/claims/:id/history":       viewer,
	"POST /api/v1/claims/:id/restore":      analyst,
	"GET /api/v1/links/:id/history":        viewer,
	"POST /api/v1/links/:id/restore":       analyst,
	"GET /api/v1/reviews/:id/history":      viewer,
	"POST /api/v1/reviews/:id/restore":     analyst,
	"GET /api/v1/trash":                    admin,
	"POST /api/v1/trash/:kind/:id/restore": admin,
	"GET /api/v1/users":                    admin,
	"POST /api/v1/users":                   admin,
	"PATCH /api/v1/users/:name":            admin,
	"GET /api/v1/tokens":                   admin,
	"POST /api/v1/tokens":                  admin,
	"DELETE /api/v1/tokens/:id":            admin,
}

// TestRoleTable sends every route of the router as nobody and as each
// role, and checks that the roles the policy denies get 401 (nobody) or
// 403, and that the others get past authentication to the handler.
func TestRoleTable(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), false)
	e.addUsers(t)
	routes := newEngine(Options{Store: e.store, Accounts: e.store}).Routes()
	var seen []string
	for _, r := range routes {
		key := r.Method + " " + r.Path
		seen = append(seen, key)
		want, ok := routeAccess[key]
		if !ok {
			t.Errorf("%s has no entry in routeAccess: say which role it needs", key)
			continue
		}
		path := strings.NewReplacer(":id", "no-such-id", ":name", "no-such-place", ":kind", "claims").Replace(r.Path)
		for _, who := range []access{public, viewer, analyst, admin} {
			req := request{method: r.Method, path: path, headers: map[string]string{}}
			if who != public {
				req.headers = bearer(e.tokens[claims.Role(who)])
			}
			if r.Method == "PATCH" || r.Method == "DELETE" {
				req.headers["If-Match"] = `"1"`
			}
			if r.Method == "POST" || r.Method == "PATCH" {
				req.body = `{}`
			}
			if key == "POST /api/v1/session" {
				req.body = `{"name":"bob","password":"` + testPassword + `"}`
			}
			if key == "POST /api/v1/import" {
				req.body = `{"topics":[]}`
			}
			rec := e.do(t, req)
			allowed := rank(who) >= rank(want)
			switch {
			case allowed && (rec.Code == 401 || rec.Code == 403):
				t.Errorf("%s as %s = %d, want it let through (policy: %s); body: %s", key, who, rec.Code, want, rec.Body)
			case !allowed && who == public && rec.Code != 401:
				t.Errorf("%s as nobody = %d, want 401 (policy: %s)", key, rec.Code, want)
			case !allowed && who != public && rec.Code != 403:
				t.Errorf("%s as %s = %d, want 403 (policy: %s)", key, who, rec.Code, want)
			}
			if !allowed {
				if p := decodeProblem(t, rec); rec.Code == 401 && rec.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("%s: 401 without WWW-Authenticate: %+v", key, p)
				}
			}
		}
	}
	for key := range routeAccess {
		if !slices.Contains(seen, key) {
			t.Errorf("routeAccess names %s, which the router does not serve", key)
		}
	}
}

func rank(a access) int { return slices.Index([]access{public, viewer, analyst, admin}, a) }

// TestTokens checks that malformed, unknown, revoked and expired tokens and
// the tokens of disabled users are refused with 401 and a reason.
func TestTokens(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), false)
	e.addUsers(t)
	ctx := t.Context()
	bob := e.users[claims.RoleAnalyst]

	expiring, hash := claims.NewSecret()
	must(t, e.store.CreateToken(ctx, &claims.Token{UserID: bob.ID, Kind: claims.TokenAPI, Name: "short", Hash: hash, ExpiresAt: e.clock.now().Add(time.Hour)}))
	revoked, hash2 := claims.NewSecret()
	tok := &claims.Token{UserID: bob.ID, Kind: claims.TokenAPI, Name: "old", Hash: hash2}
	must(t, e.store.CreateToken(ctx, tok))
	unknown, _ := claims.NewSecret()

	get := func(h map[string]string) *httptest.ResponseRecorder {
		return e.do(t, request{method: "GET", path: "/api/v1/topics", headers: h})
	}
	if rec := get(bearer(expiring)); rec.Code != 200 {
		t.Fatalf("a fresh expiring token = %d, want 200; %s", rec.Code, rec.Body)
	}
	if rec := get(bearer(revoked)); rec.Code != 200 {
		t.Fatalf("a token before revocation = %d, want 200", rec.Code)
	}
	must(t, e.store.RevokeToken(ctx, tok.ID, e.clock.now()))
	e.clock.add(2 * time.Hour)

	cases := []struct {
		name    string
		headers map[string]string
		detail  string
	}{
		{"expired", bearer(expiring), "expired"},
		{"revoked", bearer(revoked), "revoked"},
		{"unknown", bearer(unknown), "unknown token"},
		{"not a claimdesk token", bearer("abc"), "Bearer"},
		{"truncated", bearer(unknown[:20]), "Bearer"},
		{"basic auth", map[string]string{"Authorization": "Basic Ym9iOnB3"}, "Bearer"},
		{"empty bearer", map[string]string{"Authorization": "Bearer "}, "Bearer"},
	}
	for _, tc := range cases {
		rec := get(tc.headers)
		p := decodeProblem(t, rec)
		if rec.Code != 401 || p.Code != codeUnauthorized || !strings.Contains(p.Detail, tc.detail) {
			t.Errorf("%s: %d %s %q, want 401 unauthorized mentioning %q", tc.name, rec.Code, p.Code, p.Detail, tc.detail)
		}
	}

	// A disabled user's tokens stop working.
	ann := e.users[claims.RoleViewer]
	ann.Disabled = true
	must(t, e.store.UpdateUser(ctx, ann))
	if rec := get(bearer(e.tokens[claims.RoleViewer])); rec.Code != 401 || !strings.Contains(decodeProblem(t, rec).Detail, "disabled") {
		t.Errorf("a disabled user's token = %d %s, want 401 naming the disabled user", rec.Code, rec.Body)
	}
}

// logIn posts a name and password and returns the response.
func (e *accountsEnv) logIn(t *testing.T, name, password string) *httptest.ResponseRecorder {
	t.Helper()
	body, _ := json.Marshal(loginRequest{Name: name, Password: password})
	return e.do(t, request{method: "POST", path: "/api/v1/session", body: string(body)})
}

// TestSessionCSRF logs in with a cookie, checks its attributes, then that
// a write with the cookie but without the CSRF token is refused and
// writes nothing, that one with it succeeds, and that log-out ends it.
func TestSessionCSRF(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), false)
	e.addUsers(t)
	rec := e.logIn(t, "bob", testPassword)
	if rec.Code != 200 {
		t.Fatalf("log in = %d: %s", rec.Code, rec.Body)
	}
	var info sessionInfo
	must(t, json.Unmarshal(rec.Body.Bytes(), &info))
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Name != sessionCookie || !cookies[0].HttpOnly ||
		cookies[0].SameSite != http.SameSiteLaxMode || cookies[0].Secure {
		t.Fatalf("cookies = %+v, want one HttpOnly SameSite=Lax session cookie, not Secure over plain HTTP", cookies)
	}
	if info.Name != "bob" || info.Role != claims.RoleAnalyst || info.CSRFToken == "" {
		t.Fatalf("session = %+v", info)
	}
	ck := map[string]string{"Cookie": sessionCookie + "=" + cookies[0].Value}
	with := func(extra map[string]string) map[string]string {
		h := map[string]string{}
		for k, v := range ck {
			h[k] = v
		}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}

	if rec := e.do(t, request{method: "GET", path: "/api/v1/topics", headers: ck}); rec.Code != 200 {
		t.Errorf("a read with the cookie = %d, want 200", rec.Code)
	}
	topic := `{"id":"t-1","title":"Crowd at the march","measure":"count","unit":"people"}`
	for _, bad := range []string{"", "0123456789abcdef0123456789abcdef", info.CSRFToken + "x"} {
		rec := e.do(t, request{method: "POST", path: "/api/v1/topics", body: topic, headers: with(map[string]string{csrfHeader: bad})})
		if p := decodeProblem(t, rec); rec.Code != 403 || p.Code != codeForbidden || !strings.Contains(p.Detail, "CSRF") {
			t.Errorf("a cookie write with CSRF token %q = %d %s, want 403 naming the CSRF token", bad, rec.Code, rec.Body)
		}
	}
	if _, err := e.store.FindTopic(t.Context(), "t-1"); claims.ErrorCode(err) != claims.CodeNotFound {
		t.Fatalf("a refused write stored the topic: %v", err)
	}
	// A page of another site cannot read the CSRF token; should one have
	// it, its Origin (or the browser's Sec-Fetch-Site) still gives it away.
	for _, foreign := range []map[string]string{
		{"Origin": "https://evil.example"},
		{"Origin": "null"},
		{"Origin": "http://example.com.evil.example"},
		{"Sec-Fetch-Site": "cross-site"},
	} {
		foreign[csrfHeader] = info.CSRFToken
		rec := e.do(t, request{method: "POST", path: "/api/v1/topics", body: topic, headers: with(foreign)})
		if p := decodeProblem(t, rec); rec.Code != 403 || p.Code != codeForbidden || !strings.Contains(p.Detail, "another site") {
			t.Errorf("a cookie write with %v = %d %s, want 403 naming another site", foreign, rec.Code, rec.Body)
		}
	}
	if _, err := e.store.FindTopic(t.Context(), "t-1"); claims.ErrorCode(err) != claims.CodeNotFound {
		t.Fatalf("a cross-site write stored the topic: %v", err)
	}
	// The frontend's own requests carry its Origin, the request's host.
	e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: topic, headers: with(map[string]string{csrfHeader: info.CSRFToken, "Origin": "http://example.com", "Sec-Fetch-Site": "same-origin"})}, 201, nil)

	// Another user's CSRF token does not fit this cookie.
	other := e.logIn(t, "cat", testPassword)
	var catInfo sessionInfo
	must(t, json.Unmarshal(other.Body.Bytes(), &catInfo))
	rec = e.do(t, request{method: "DELETE", path: "/api/v1/topics/t-1", headers: with(map[string]string{csrfHeader: catInfo.CSRFToken, "If-Match": `"1"`})})
	if rec.Code != 403 {
		t.Errorf("a write with another session's CSRF token = %d, want 403", rec.Code)
	}

	e.doJSON(t, request{method: "DELETE", path: "/api/v1/session", headers: with(map[string]string{csrfHeader: info.CSRFToken})}, 204, nil)
	if rec := e.do(t, request{method: "GET", path: "/api/v1/topics", headers: ck}); rec.Code != 401 {
		t.Errorf("a read with the cookie after log-out = %d, want 401", rec.Code)
	}
}

// TestLoginSlowdown checks that failed log-ins make the next attempts
// wait, by the injected clock, and that the wait ends.
func TestLoginSlowdown(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), false)
	e.addUsers(t)
	for i := range freeAttempts {
		if rec := e.logIn(t, "bob", "wrong password"); rec.Code != 401 {
			t.Fatalf("failed log-in %d = %d, want 401", i+1, rec.Code)
		}
	}
	rec := e.logIn(t, "bob", testPassword)
	if rec.Code != 429 || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("log-in right after %d failures = %d (Retry-After %q), want 429 and 1 second", freeAttempts, rec.Code, rec.Header().Get("Retry-After"))
	}
	e.clock.add(time.Second)
	if rec := e.logIn(t, "bob", "wrong again"); rec.Code != 401 {
		t.Fatalf("log-in after the wait = %d, want 401", rec.Code)
	}
	// The wait doubles.
	if rec := e.logIn(t, "bob", testPassword); rec.Code != 429 || rec.Header().Get("Retry-After") != "2" {
		t.Fatalf("after another failure = %d (Retry-After %q), want 429 and 2 seconds", rec.Code, rec.Header().Get("Retry-After"))
	}
	// An unknown name is slowed down the same way.
	for range freeAttempts {
		e.logIn(t, "mallory", "guess")
	}
	e.clock.add(2 * time.Second)
	if rec := e.logIn(t, "bob", testPassword); rec.Code != 200 {
		t.Fatalf("log-in once the wait is over = %d, want 200: %s", rec.Code, rec.Body)
	}
}

// TestLocalMode checks a loopback server: foreign Host names and foreign
// Origins are refused, everyone is the local analyst while no user exists,
// and log-in is needed once one does.
func TestLocalMode(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), true)
	for _, host := range []string{"evil.example", "evil.example:8080", "192.168.1.5:8080", "localhost.evil.example"} {
		rec := e.do(t, request{method: "GET", path: "/api/v1/topics", headers: map[string]string{"Host": host}})
		p := decodeProblem(t, rec)
		if rec.Code != 403 || p.Code != codeBadHost || !strings.Contains(p.Detail, "DNS rebinding") {
			t.Errorf("Host %s = %d %s, want 403 host_not_allowed", host, rec.Code, rec.Body)
		}
	}
	local := func(extra map[string]string) map[string]string {
		h := map[string]string{"Host": "127.0.0.1:8080"}
		for k, v := range extra {
			h[k] = v
		}
		return h
	}
	for _, host := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "app.localhost", "127.0.0.2"} {
		if rec := e.do(t, request{method: "GET", path: "/api/v1/topics", headers: map[string]string{"Host": host}}); rec.Code != 200 {
			t.Errorf("Host %s = %d, want 200", host, rec.Code)
		}
	}
	// A page of another site may not write, even with the right Host.
	topic := `{"id":"t-1","title":"Crowd","measure":"count","unit":"people"}`
	rec := e.do(t, request{method: "POST", path: "/api/v1/topics", body: topic, headers: local(map[string]string{"Origin": "https://evil.example"})})
	if rec.Code != 403 {
		t.Errorf("a write from a foreign Origin = %d, want 403", rec.Code)
	}
	// Open for one analyst: no credentials needed, and the author is "local".
	var s sessionInfo
	e.doJSON(t, request{method: "GET", path: "/api/v1/session", headers: local(nil)}, 200, &s)
	if s.Via != viaOpen || s.Name != claims.LocalActor.Name {
		t.Errorf("open session = %+v", s)
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: topic, headers: local(map[string]string{"Origin": "http://localhost:8080"})}, 201, nil)

	// Once a user exists, log-in is needed.
	e.addUsers(t)
	if rec := e.do(t, request{method: "GET", path: "/api/v1/topics", headers: local(nil)}); rec.Code != 401 {
		t.Errorf("a read without credentials once users exist = %d, want 401", rec.Code)
	}
	if rec := e.do(t, request{method: "GET", path: "/api/v1/topics", headers: local(bearer(e.tokens[claims.RoleViewer]))}); rec.Code != 200 {
		t.Errorf("a viewer's read = %d, want 200", rec.Code)
	}
}

// TestMetricsAccess checks that /metrics answers loopback clients and
// admins only.
func TestMetricsAccess(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), false)
	e.addUsers(t)
	get := func(remote string, h map[string]string) int {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = remote
		for k, v := range h {
			req.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		return rec.Code
	}
	for _, tc := range []struct {
		remote string
		h      map[string]string
		want   int
	}{
		{"127.0.0.1:5555", nil, 200},
		{"[::1]:5555", nil, 200},
		{"10.0.0.7:5555", nil, 401},
		{"10.0.0.7:5555", bearer(e.tokens[claims.RoleAnalyst]), 403},
		{"10.0.0.7:5555", bearer(e.tokens[claims.RoleAdmin]), 200},
	} {
		if got := get(tc.remote, tc.h); got != tc.want {
			t.Errorf("GET /metrics from %s with %v = %d, want %d", tc.remote, tc.h, got, tc.want)
		}
	}
}

// TestAuthorFromUser checks that links and reviews name their author from
// the authenticated user and that a client cannot set it.
func TestAuthorFromUser(t *testing.T) {
	e := newAccountsEnv(t, storetest.SQLite(t), false)
	e.addUsers(t)
	seed(t, newEnv(t, e.store, nil))
	bob := bearer(e.tokens[claims.RoleAnalyst])
	rec := e.do(t, request{method: "POST", path: "/api/v1/links", headers: bob,
		body: `{"id":"l-2","from_id":"cl-bogdanov","to_id":"cl-indy","kind":"unrelated","author":"Chief Editor (forged)"}`})
	if p := decodeProblem(t, rec); rec.Code != 422 || !slices.Contains(problemFields(p), "author") {
		t.Errorf("a link with an author = %d %s, want 422 naming author", rec.Code, rec.Body)
	}
	var l claims.Link
	e.doJSON(t, request{method: "POST", path: "/api/v1/links", headers: bob,
		body: `{"id":"l-2","from_id":"cl-bogdanov","to_id":"cl-indy","kind":"unrelated"}`}, 201, &l)
	if l.Author != "bob" {
		t.Errorf("author = %q, want bob", l.Author)
	}
	cat := bearer(e.tokens[claims.RoleAdmin])
	cat["If-Match"] = `"1"`
	rec = e.do(t, request{method: "PATCH", path: "/api/v1/links/l-2", headers: cat, body: `{"author":"bob (forged)"}`})
	if rec.Code != 422 {
		t.Errorf("a patch of the author = %d, want 422", rec.Code)
	}
	e.doJSON(t, request{method: "PATCH", path: "/api/v1/links/l-2", headers: cat, body: `{"note":"checked"}`}, 200, &l)
	if l.Author != "cat" {
		t.Errorf("author after cat's edit = %q, want cat", l.Author)
	}
}

// TestClaimPageNeedsReader checks that a claim page's embedded ClaimReview
// is served to readers only: the page is public, the data is not.
func TestClaimPageNeedsReader(t *testing.T) {
	s := storetest.SQLite(t)
	seed(t, newEnv(t, s, nil))
	e := newEnv(t, s, nil)
	review := `{"claim_a":"cl-bogdanov","claim_b":"cl-indy","status":"reviewed","resolution":"checked"}`
	e.doJSON(t, request{method: "POST", path: "/api/v1/reviews", body: review}, 201, nil)
	a := newAccountsEnv(t, s, false)
	a.addUsers(t)
	h := NewHandler(Options{Store: s, Accounts: s, Assets: fstest.MapFS{"index.html": {Data: []byte("<html><head></head><body></body></html>")}}})
	get := func(auth string) string {
		req := httptest.NewRequest("GET", "/claims/cl-indy", nil)
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	if body := get(""); strings.Contains(body, "ld+json") || strings.Contains(body, "checked") {
		t.Errorf("an anonymous claim page embeds the review: %s", body)
	}
	if body := get(a.tokens[claims.RoleViewer]); !strings.Contains(body, "ld+json") {
		t.Errorf("a viewer's claim page has no ClaimReview: %s", body)
	}
}
