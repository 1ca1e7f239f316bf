package claims

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error for callers. Package api maps each Code to an
// HTTP status; the CLI maps them to messages.
type Code string

// The codes a claimdesk operation can fail with.
const (
	CodeInvalid   Code = "invalid"   // a value breaks a rule (422)
	CodeMalformed Code = "malformed" // the input cannot be decoded at all (400)
	CodeNotFound  Code = "not_found" // no record with that ID (404)
	CodeConflict  Code = "conflict"  // duplicate key, or the record is still referenced (409)
	CodeStale     Code = "stale"     // the caller's version is out of date (412)
	CodeTooLarge  Code = "too_large" // the input is over a size limit (413)
	// CodeUnavailable: the database could not be had in time (a lock
	// wait timed out, a transaction kept colliding); the same request
	// may succeed a little later (503 with Retry-After).
	CodeUnavailable Code = "unavailable"
	CodeInternal    Code = "internal" // anything else (500)
)

// FieldError names one field at fault and why. Field is a dotted JSON path
// such as "analyst_interval.low" or "scope.places[1]".
type FieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// Error is a failure whose Message is safe to show to users. Err is the
// underlying cause, for logs only.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Detail)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns a CodeNotFound error for the kind of record and its ID.
func NotFound(kind, id string) error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf("%s %q not found", kind, id)}
}

// ErrorCode returns the Code of the first *Error in err's chain, or
// CodeInternal when there is none. It returns "" for a nil error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the user-safe message of the first *Error in err's
// chain, or "internal error".
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorFields returns the field errors of the first *Error in err's chain.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors during validation.
type Problems []FieldError

// Add records that field is at fault.
func (p *Problems) Add(field, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Detail: fmt.Sprintf(format, args...)})
}

// Err returns nil when nothing was recorded, else a CodeInvalid *Error
// whose message summarises what is wrong with the kind of record.
func (p Problems) Err(kind string) error {
	if len(p) == 0 {
		return nil
	}
	msg := fmt.Sprintf("invalid %s: %s: %s", kind, p[0].Field, p[0].Detail)
	if len(p) > 1 {
		msg = fmt.Sprintf("invalid %s: %d fields are at fault, first %s: %s", kind, len(p), p[0].Field, p[0].Detail)
	}
	return &Error{Code: CodeInvalid, Message: msg, Fields: p}
}
