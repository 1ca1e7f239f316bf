package api

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// sessionInfo is what GET /api/v1/session answers: who is signed in, how,
// and the CSRF token their cookie's writes need.
type sessionInfo struct {
	Name      string      `json:"name"`
	Role      claims.Role `json:"role"`
	Via       string      `json:"via"`
	CSRFToken string      `json:"csrf_token,omitempty"`
}

// session answers who is signed in, or 401.
func (h *handler) session(c *gin.Context) {
	a, ok := actor(c)
	if !ok {
		h.need(claims.RoleViewer)(c)
		return
	}
	info := sessionInfo{Name: a.Name, Role: a.Role, Via: c.GetString(viaKey)}
	if info.Via == viaSession {
		ck, _ := c.Cookie(sessionCookie)
		info.CSRFToken = claims.CSRFToken(ck)
	}
	c.JSON(http.StatusOK, info)
}

type loginRequest struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// dummyUser makes a log-in for an unknown name cost one hash comparison,
// like one for a known name, so the time taken does not tell them apart.
// It is hashed on first use (a server with accounts does that when it is
// made, see New), not when the package starts: every claimdesk command
// imports this package, and a bcrypt hash is a noticeable part of a short
// command's CPU time.
var dummyUser = sync.OnceValue(func() *claims.User {
	u := &claims.User{}
	_ = u.SetPassword("not a password of anyone")
	return u
})

// login checks a name and password and starts a session: an HttpOnly,
// SameSite=Lax cookie, Secure when the request came over TLS.
func (h *handler) login(c *gin.Context) {
	var req loginRequest
	if err := decodeBody(c, h.maxBody, &req, "session"); err != nil {
		h.writeError(c, err)
		return
	}
	if h.auth.accounts == nil {
		h.writeError(c, claims.Errorf(claims.CodeNotFound, "this server has no accounts"))
		return
	}
	keys := []string{"user:" + req.Name, "ip:" + hostOnly(c.Request.RemoteAddr)}
	if wait := h.auth.limiter.wait(keys...); wait > 0 {
		secs := int((wait + time.Second - 1) / time.Second)
		c.Header("Retry-After", strconv.Itoa(secs))
		h.writeError(c, claims.Errorf(codeTooMany, "too many failed log-ins: try again in %d seconds", secs))
		return
	}
	ctx := c.Request.Context()
	u, err := h.auth.accounts.FindUser(ctx, req.Name)
	if err != nil && claims.ErrorCode(err) != claims.CodeNotFound {
		h.writeError(c, err)
		return
	}
	if u == nil {
		dummyUser().CheckPassword(req.Password)
	}
	if u == nil || !u.CheckPassword(req.Password) || u.Disabled {
		h.auth.limiter.fail(keys...)
		h.writeError(c, claims.Errorf(codeUnauthorized, "wrong name or password, or the user is disabled"))
		return
	}
	h.auth.limiter.succeed(keys...)
	secret, hash := claims.NewSecret()
	t := &claims.Token{UserID: u.ID, Kind: claims.TokenSession, Name: "browser session", Hash: hash,
		ExpiresAt: h.auth.now().Add(SessionLifetime)}
	if err := h.auth.accounts.CreateToken(ctx, t); err != nil {
		h.writeError(c, err)
		return
	}
	h.setCookie(c, secret, int(SessionLifetime/time.Second))
	c.JSON(http.StatusOK, sessionInfo{Name: u.Name, Role: u.Role, Via: viaSession, CSRFToken: claims.CSRFToken(secret)})
}

// logout ends the cookie's session.
func (h *handler) logout(c *gin.Context) {
	if c.GetString(viaKey) == viaSession {
		ck, _ := c.Cookie(sessionCookie)
		t, _, err := h.auth.accounts.FindToken(c.Request.Context(), claims.HashSecret(ck))
		if err == nil {
			err = h.auth.accounts.RevokeToken(c.Request.Context(), t.ID, h.auth.now())
		}
		if err != nil {
			h.writeError(c, err)
			return
		}
	}
	h.setCookie(c, "", -1)
	c.Status(http.StatusNoContent)
}

func (h *handler) setCookie(c *gin.Context, value string, maxAge int) {
	secure := c.Request.TLS != nil || c.GetHeader("X-Forwarded-Proto") == "https"
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
	})
}

// loginLimiter slows down guessing: after freeAttempts failures for a name
// or a client address, each further attempt must wait twice as long as the
// one before, up to maxDelay. It reads time from now, so tests step a
// clock instead of sleeping.
type loginLimiter struct {
	now      func() time.Time
	mu       sync.Mutex
	failures map[string]*failures
}

type failures struct {
	n     int
	until time.Time
}

const (
	freeAttempts    = 3
	maxDelay        = 15 * time.Minute
	maxLimiterKeys  = 100000
	firstLoginDelay = time.Second
)

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, failures: map[string]*failures{}}
}

// wait returns how long the caller must still wait, 0 if not at all.
func (l *loginLimiter) wait(keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	var longest time.Duration
	for _, k := range keys {
		if f := l.failures[k]; f != nil && f.until.After(now) {
			longest = max(longest, f.until.Sub(now))
		}
	}
	return longest
}

func (l *loginLimiter) fail(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.failures) >= maxLimiterKeys {
		for k, f := range l.failures {
			if f.until.Before(now) {
				delete(l.failures, k)
			}
		}
	}
	for _, k := range keys {
		f := l.failures[k]
		if f == nil {
			f = &failures{}
			l.failures[k] = f
		}
		f.n++
		if f.n >= freeAttempts {
			d := firstLoginDelay << min(f.n-freeAttempts, 20)
			f.until = now.Add(min(d, maxDelay))
		}
	}
}

func (l *loginLimiter) succeed(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, keys[0]) // the name's record; the address keeps its own
}
