package api

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// Codes of the failures of authentication and access.
const (
	codeUnauthorized claims.Code = "unauthorized"      // no credentials, or bad ones (401)
	codeForbidden    claims.Code = "forbidden"         // the role may not do this, or a CSRF token is missing (403)
	codeBadHost      claims.Code = "host_not_allowed"  // a local server asked under a foreign name (421)
	codeTooMany      claims.Code = "too_many_requests" // failed logins slowed down (429)
)

// Names of the session cookie and of the header that carries the CSRF
// token of cookie-authenticated writes.
const (
	sessionCookie = "claimdesk_session"
	csrfHeader    = "X-CSRF-Token"
	reasonHeader  = "X-Claimdesk-Reason"
	// SessionLifetime is how long a browser session lasts.
	SessionLifetime = 7 * 24 * time.Hour
	// MaxReasonLen is the longest reason for a change, in characters.
	MaxReasonLen = 1000
)

const actorKey, viaKey = "actor", "auth_via"

// Ways a request is authenticated.
const (
	viaOpen    = "open"    // a local server with no users: everyone is the local analyst
	viaToken   = "token"   // Authorization: Bearer
	viaSession = "session" // the session cookie
)

// auth is the state of authentication that outlives a request.
type auth struct {
	accounts claims.Accounts
	local    bool
	now      func() time.Time
	limiter  *loginLimiter
	// hasUsers becomes true once a user exists. Users are never deleted,
	// so it never goes back, and open mode ends for good.
	hasUsers atomic.Bool
}

// open reports whether requests without credentials act as the local
// analyst: a server without accounts (tests, embedding), or a loopback
// server whose database holds no user yet.
func (a *auth) open(ctx context.Context) (bool, error) {
	if a.accounts == nil {
		return true, nil
	}
	if !a.local || a.hasUsers.Load() {
		return false, nil
	}
	n, _, err := a.accounts.CountUsers(ctx)
	if err != nil {
		return false, err
	}
	if n > 0 {
		a.hasUsers.Store(true)
	}
	return n == 0, nil
}

// IsLoopbackHost reports whether host (a name or an address, without a
// port) can only mean this machine: localhost, a name under .localhost
// (RFC 6761), or a loopback address.
func IsLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// foreignOrigin reports a browser request sent by a page of another site:
// one whose Origin names another host than the request's (or than the
// host a reverse proxy forwarded), or that the browser marks cross-site.
// It is a second layer under the CSRF token, which such a page cannot
// read.
func foreignOrigin(r *http.Request) (string, bool) {
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return "Sec-Fetch-Site: cross-site", true
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return "", false
	}
	u, err := url.Parse(o)
	if err != nil || u.Host == "" {
		return "Origin " + strconv.Quote(o), true
	}
	for _, h := range []string{r.Host, r.Header.Get("X-Forwarded-Host")} {
		if h != "" && strings.EqualFold(u.Host, h) {
			return "", false
		}
	}
	return "Origin " + strconv.Quote(o), true
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// checkHost refuses, on a server listening on loopback only, requests
// addressed to any other name: a page that rebinds its own DNS name to
// 127.0.0.1 sends its own name as Host. A write whose Origin is a
// foreign site is refused too.
func (h *handler) checkHost(c *gin.Context) {
	if host := hostOnly(c.Request.Host); !IsLoopbackHost(host) {
		h.writeError(c, claims.Errorf(codeBadHost,
			"this claimdesk runs in local mode and answers only requests addressed to localhost or a loopback address, not %q "+
				"(a web page may be trying to reach it through DNS rebinding); to share it, create an admin user and listen on a network address", host))
		return
	}
	if o := c.GetHeader("Origin"); o != "" && o != "null" {
		if u, err := url.Parse(o); err != nil || !IsLoopbackHost(u.Hostname()) {
			h.writeError(c, claims.Errorf(codeForbidden, "requests from pages of another site (Origin %q) are refused", o))
			return
		}
	}
	c.Next()
}

// authenticate finds who makes the request: a Bearer token, else the
// session cookie (whose writes need the CSRF token), else nobody, or the
// local analyst on an open server. It refuses bad Bearer tokens outright;
// a stale cookie is ignored, so the log-in page can still be used.
func (h *handler) authenticate(c *gin.Context) {
	ctx := c.Request.Context()
	if hdr := c.GetHeader("Authorization"); hdr != "" {
		secret, ok := strings.CutPrefix(hdr, "Bearer ")
		if !ok || !claims.PlausibleSecret(strings.TrimSpace(secret)) {
			h.writeError(c, claims.Errorf(codeUnauthorized, "the Authorization header must be \"Bearer \" followed by a claimdesk token (cdk_…)"))
			return
		}
		u, err := h.credential(ctx, strings.TrimSpace(secret), claims.TokenAPI)
		if err != nil {
			h.writeError(c, err)
			return
		}
		h.setActor(c, claims.Actor{Name: u.Name, Role: u.Role}, viaToken)
		c.Next()
		return
	}
	if ck, err := c.Cookie(sessionCookie); err == nil && h.auth.accounts != nil && claims.PlausibleSecret(ck) {
		u, err := h.credential(ctx, ck, claims.TokenSession)
		if err == nil {
			if unsafeMethod(c.Request.Method) && !claims.EqualSecrets(c.GetHeader(csrfHeader), claims.CSRFToken(ck)) {
				h.writeError(c, claims.Errorf(codeForbidden, "a write made with the session cookie needs its CSRF token in the %s header", csrfHeader))
				return
			}
			if o, ok := foreignOrigin(c.Request); ok && unsafeMethod(c.Request.Method) {
				h.writeError(c, claims.Errorf(codeForbidden, "a write made with the session cookie from a page of another site (%s) is refused", o))
				return
			}
			h.setActor(c, claims.Actor{Name: u.Name, Role: u.Role}, viaSession)
			c.Next()
			return
		}
		if claims.ErrorCode(err) != codeUnauthorized {
			h.writeError(c, err)
			return
		}
	}
	open, err := h.auth.open(ctx)
	if err != nil {
		h.writeError(c, err)
		return
	}
	if open {
		h.setActor(c, claims.LocalActor, viaOpen)
	}
	c.Next()
}

// credential returns the user a secret of the given kind belongs to, or a
// codeUnauthorized error saying what is wrong with it.
func (h *handler) credential(ctx context.Context, secret string, kind claims.TokenKind) (*claims.User, error) {
	if h.auth.accounts == nil {
		return nil, claims.Errorf(codeUnauthorized, "this server has no accounts: send no credentials")
	}
	t, u, err := h.auth.accounts.FindToken(ctx, claims.HashSecret(secret))
	switch {
	case claims.ErrorCode(err) == claims.CodeNotFound || (err == nil && t.Kind != kind):
		return nil, claims.Errorf(codeUnauthorized, "unknown token: it may have been mistyped or its user may have signed out")
	case err != nil:
		return nil, err
	case t.RevokedAt != nil:
		return nil, claims.Errorf(codeUnauthorized, "the token %q was revoked", t.Name)
	case !t.Usable(h.auth.now()):
		return nil, claims.Errorf(codeUnauthorized, "the token %q expired at %s", t.Name, t.ExpiresAt.Format(time.RFC3339))
	case u.Disabled:
		return nil, claims.Errorf(codeUnauthorized, "the user %q is disabled", u.Name)
	}
	return u, nil
}

func (h *handler) setActor(c *gin.Context, a claims.Actor, via string) {
	c.Set(actorKey, a)
	c.Set(viaKey, via)
	ctx := claims.WithActor(c.Request.Context(), a)
	if r, err := headerReason(c.GetHeader(reasonHeader)); err == nil && r != "" {
		ctx = claims.WithReason(ctx, r)
	}
	c.Request = c.Request.WithContext(ctx)
}

// actor returns who makes the request, and false for nobody.
func actor(c *gin.Context) (claims.Actor, bool) {
	v, ok := c.Get(actorKey)
	if !ok {
		return claims.Actor{}, false
	}
	a, ok := v.(claims.Actor)
	return a, ok
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// need returns middleware that lets through only requests whose actor has
// at least the given role: 401 for nobody, 403 for a lesser role.
func (h *handler) need(role claims.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		a, ok := actor(c)
		if !ok {
			h.writeError(c, claims.Errorf(codeUnauthorized,
				"sign in first: POST /api/v1/session with a name and password, or send Authorization: Bearer TOKEN (claimdesk token create)"))
			return
		}
		if !a.Role.Allows(role) {
			h.writeError(c, claims.Errorf(codeForbidden, "%s %q may not do this: it needs the %s role", a.Role, a.Name, role))
			return
		}
		c.Next()
	}
}

// checkReason validates the reason a request carries in its header.
func (h *handler) checkReason(c *gin.Context) {
	r, err := headerReason(c.GetHeader(reasonHeader))
	if err == nil {
		err = reasonProblem(r)
	}
	if err != nil {
		h.writeError(c, err)
		return
	}
	c.Next()
}

// headerReason reads the reason header. A header carries Latin-1 at best
// and browsers refuse anything else, so a reason in another script comes
// as an RFC 8187 ext-value: the charset UTF-8, two apostrophes (around
// an optional language, ignored) and the text percent-encoded.
func headerReason(v string) (string, error) {
	charset, rest, ok := strings.Cut(v, "'")
	if !ok || !strings.EqualFold(charset, "utf-8") {
		return v, nil
	}
	_, enc, ok := strings.Cut(rest, "'")
	if !ok {
		return v, nil
	}
	r, err := url.PathUnescape(enc)
	if err != nil || !utf8.ValidString(r) {
		var p claims.Problems
		p.Add("reason", "the %s header's UTF-8'' form must be percent-encoded UTF-8 (RFC 8187)", reasonHeader)
		return "", p.Err("change")
	}
	return r, nil
}

func reasonProblem(r string) error {
	if !utf8.ValidString(r) || utf8.RuneCountInString(r) > MaxReasonLen {
		var p claims.Problems
		p.Add("reason", "must be UTF-8 text of at most %d characters", MaxReasonLen)
		return p.Err("change")
	}
	return nil
}

// takeReason removes a "reason" member from a request body and returns
// the context carrying it.
func takeReason(ctx context.Context, body any) (context.Context, error) {
	obj, ok := body.(map[string]any)
	if !ok {
		return ctx, nil
	}
	v, ok := obj["reason"]
	if !ok {
		return ctx, nil
	}
	delete(obj, "reason")
	s, ok := v.(string)
	if !ok {
		var p claims.Problems
		p.Add("reason", "must be a string")
		return ctx, p.Err("change")
	}
	if err := reasonProblem(s); err != nil {
		return ctx, err
	}
	if s == "" {
		return ctx, nil
	}
	return claims.WithReason(ctx, s), nil
}

// metricsAccess lets admins, and anyone on this machine, read /metrics.
func (h *handler) metricsAccess(c *gin.Context) {
	if ip := net.ParseIP(hostOnly(c.Request.RemoteAddr)); ip != nil && ip.IsLoopback() {
		c.Next()
		return
	}
	h.need(claims.RoleAdmin)(c)
}

// decodeBody reads a small JSON object into dst, strictly.
func decodeBody(c *gin.Context, limit int64, dst any, kind string) error {
	body, err := readJSON(c.Request.Body, limit)
	if err != nil {
		return err
	}
	return decodeStrict(body, dst, kind, nil)
}

// mayRead reports whether the request may read records: the frontend's
// pages are public, the data they embed is not.
func (h *handler) mayRead(c *gin.Context) bool {
	a, ok := actor(c)
	return ok && a.Role.Allows(claims.RoleViewer)
}
