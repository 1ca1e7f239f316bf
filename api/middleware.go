package api

import (
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

const requestIDKey = "request_id"

// requestID takes the caller's X-Request-ID when it is a plausible
// identifier, else makes one, and echoes it so that a log line and a
// user's report can be matched.
func (h *handler) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if !claims.ValidID(id) {
		id = claims.NewID()
	}
	c.Set(requestIDKey, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

// logRequests writes one log line per request.
func (h *handler) logRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	if !h.log.Enabled(c.Request.Context(), level) {
		return
	}
	h.log.LogAttrs(c.Request.Context(), level, "request",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		slog.String("request_id", c.GetString(requestIDKey)),
	)
}

// recoverPanic turns a panic into a logged 500 problem.
func (h *handler) recoverPanic(c *gin.Context) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if r == http.ErrAbortHandler {
			panic(r)
		}
		err := fmt.Errorf("api: panic: %v\n%s", r, debug.Stack())
		if c.Writer.Written() {
			h.log.ErrorContext(c.Request.Context(), "panic after the response began", "error", err.Error(), "request_id", c.GetString(requestIDKey))
			c.Abort()
			return
		}
		h.writeError(c, err)
	}()
	c.Next()
}

// contentSecurityPolicy lets the frontend load only its own scripts,
// styles and images: user text can never become script.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// securityValues are the security headers' values, set as they are into
// every response's header map (the keys are canonical already): Set would
// canonicalize each key and allocate each value again, on every request.
// Header.Add appends to a copy (each slice is full), and net/http copies
// the values when it writes the header, so sharing them is safe.
var securityValues = [...][]string{
	{contentSecurityPolicy}, {"nosniff"}, {"no-referrer"},
}

func securityHeaders(c *gin.Context) {
	hd := c.Writer.Header()
	hd["Content-Security-Policy"] = securityValues[0][:1:1]
	hd["X-Content-Type-Options"] = securityValues[1][:1:1]
	hd["Referrer-Policy"] = securityValues[2][:1:1]
	c.Next()
}

// limitBody rejects a body-carrying request whose body is not JSON (415) or
// is declared larger than the limit (413), and caps what handlers can read
// of the rest, so a lying Content-Length gets a 413 too.
func (h *handler) limitBody(c *gin.Context) {
	m := c.Request.Method
	if m != http.MethodPost && m != http.MethodPatch && m != http.MethodPut {
		c.Next()
		return
	}
	accept := []string{"application/json"}
	if m == http.MethodPatch {
		accept = append(accept, "application/merge-patch+json")
	}
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || !slices.Contains(accept, mt) {
		h.writeError(c, claims.Errorf(codeUnsupportedMediaType,
			"the request body must be JSON: send Content-Type: %s", strings.Join(accept, " or ")))
		return
	}
	if c.Request.ContentLength > h.maxBody {
		h.writeError(c, tooLarge(h.maxBody))
		return
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, h.maxBody)
	c.Next()
}

func tooLarge(limit int64) error {
	return claims.Errorf(claims.CodeTooLarge, "the request body is larger than the limit of %d bytes", limit)
}
