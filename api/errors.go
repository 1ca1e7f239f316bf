package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/claimdesk/claimdesk/claims"
)

// Codes of failures that belong to HTTP rather than to the domain.
const (
	codeUnsupportedMediaType claims.Code = "unsupported_media_type"
	codePreconditionRequired claims.Code = "precondition_required"
	codeMethodNotAllowed     claims.Code = "method_not_allowed"
)

// retryAfter is the Retry-After, in seconds, of a 503 whose handler set
// none of its own (see export).
const retryAfter = "1"

// statusOf maps every error code to its HTTP status. It is the only place
// that does.
var statusOf = map[claims.Code]int{
	claims.CodeInvalid:       http.StatusUnprocessableEntity,
	claims.CodeMalformed:     http.StatusBadRequest,
	claims.CodeNotFound:      http.StatusNotFound,
	claims.CodeConflict:      http.StatusConflict,
	claims.CodeStale:         http.StatusPreconditionFailed,
	claims.CodeTooLarge:      http.StatusRequestEntityTooLarge,
	claims.CodeInternal:      http.StatusInternalServerError,
	codeUnsupportedMediaType: http.StatusUnsupportedMediaType,
	codePreconditionRequired: http.StatusPreconditionRequired,
	codeMethodNotAllowed:     http.StatusMethodNotAllowed,
	claims.CodeUnavailable:   http.StatusServiceUnavailable,
	codeUnauthorized:         http.StatusUnauthorized,
	codeForbidden:            http.StatusForbidden,
	codeBadHost:              http.StatusForbidden,
	codeTooMany:              http.StatusTooManyRequests,
}

// problem is an RFC 9457 problem details object with claimdesk's
// extension members.
type problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail"`
	Instance string         `json:"instance"`
	Code     claims.Code    `json:"code"`
	Errors   []fieldProblem `json:"errors,omitempty"`
	// CurrentVersion is the stored version, on a 412.
	CurrentVersion int    `json:"current_version,omitempty"`
	RequestID      string `json:"request_id,omitempty"`
}

// fieldProblem names one field at fault. Pointer is the RFC 6901 pointer
// into the request body; it is empty for query parameters.
type fieldProblem struct {
	Field   string `json:"field"`
	Pointer string `json:"pointer,omitempty"`
	Detail  string `json:"detail"`
}

// staleError is a CodeStale failure that knows the version now stored.
type staleError struct {
	err     error
	current int
	tag     string // its ETag
}

func (e *staleError) Error() string { return e.err.Error() }
func (e *staleError) Unwrap() error { return e.err }

// statusClientClosed is the status of a request whose client went away
// before its answer was ready (nginx's 499): nobody reads the answer, and
// it is no failure of claimdesk's, so it is neither a 5xx in the metrics
// nor an error in the log.
const statusClientClosed = 499

// writeError answers err as a problem. Internal errors are logged in full
// and answered with "internal error" only. An error that is the request's
// own cancellation, its client gone, is a bare 499.
func (h *handler) writeError(c *gin.Context, err error) {
	if errors.Is(err, context.Canceled) && errors.Is(c.Request.Context().Err(), context.Canceled) {
		c.AbortWithStatus(statusClientClosed)
		return
	}
	code := claims.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		code, status = claims.CodeInternal, http.StatusInternalServerError
	}
	p := problem{
		Type:      "urn:claimdesk:problem:" + string(code),
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    claims.ErrorMessage(err),
		Instance:  c.Request.URL.Path,
		Code:      code,
		RequestID: c.GetString(requestIDKey),
	}
	if code == claims.CodeInternal {
		p.Detail = "internal error"
		h.log.ErrorContext(c.Request.Context(), "request failed",
			"error", err.Error(), "method", c.Request.Method, "path", c.Request.URL.Path, "request_id", p.RequestID)
	} else {
		// Field names in a body's problems are paths into it; elsewhere
		// (listings) they name query parameters.
		inBody := c.Request.Method == http.MethodPost || c.Request.Method == http.MethodPatch
		for _, f := range claims.ErrorFields(err) {
			fp := fieldProblem{Field: f.Field, Detail: f.Detail}
			if inBody && f.Field != ifMatchHeader {
				fp.Pointer = pointer(f.Field)
			}
			p.Errors = append(p.Errors, fp)
		}
	}
	if status == http.StatusServiceUnavailable && c.Writer.Header().Get("Retry-After") == "" {
		c.Header("Retry-After", retryAfter)
	}
	if se := (*staleError)(nil); errors.As(err, &se) {
		p.CurrentVersion = se.current
		c.Header("ETag", se.tag)
	}
	if status == http.StatusUnauthorized {
		c.Header("WWW-Authenticate", `Bearer realm="claimdesk"`)
	}
	body, mErr := json.Marshal(p)
	if mErr != nil {
		body = []byte(`{"type":"urn:claimdesk:problem:internal","title":"Internal Server Error","status":500,"code":"internal"}`)
	}
	c.Data(status, "application/problem+json", body)
	c.Abort()
}

// pointer turns a field path such as "provenance.relays[1].url" into the
// JSON pointer "/provenance/relays/1/url".
func pointer(field string) string {
	if field == "" {
		return ""
	}
	r := strings.NewReplacer("~", "~0", "/", "~1")
	var b strings.Builder
	for part := range strings.SplitSeq(field, ".") {
		name, idx, _ := strings.Cut(part, "[")
		b.WriteString("/" + r.Replace(name))
		for idx != "" {
			var n string
			n, idx, _ = strings.Cut(idx, "]")
			b.WriteString("/" + n)
			idx = strings.TrimPrefix(idx, "[")
		}
	}
	return b.String()
}

// fieldErr returns a claims.Error of the given code with field problems.
func fieldErr(code claims.Code, msg string, fields ...claims.FieldError) error {
	return &claims.Error{Code: code, Message: msg, Fields: fields}
}
