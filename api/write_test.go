package api

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestBusyDatabaseIs503 holds SQLite's write lock from another connection
// (as an import in another process does): a write answers 503 with
// Retry-After and a problem, never 500, and writes nothing.
func TestBusyDatabaseIs503(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s := storetest.Open(t, path, gormstore.WithLockWait(50*time.Millisecond))
	e := newEnv(t, s, nil)
	seed(t, e)
	before := snapshot(t, s)

	other, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	rec := e.do(t, request{method: "POST", path: "/api/v1/topics", body: `{"title":"Written while the database is busy"}`})
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusServiceUnavailable || p.Code != claims.CodeUnavailable {
		t.Errorf("POST /api/v1/topics on a busy database = %d %s, want 503 unavailable; body: %s", rec.Code, p.Code, rec.Body)
	}
	if got := rec.Header().Get("Retry-After"); got == "" {
		t.Errorf("503 without Retry-After")
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, s); len(after) != len(before) {
		t.Errorf("the refused write left %d records, want %d", len(after), len(before))
	}
}

// TestOneImportAtATime starts an import whose body is still arriving and
// expects a second import to be refused with 409 until the first ends.
func TestOneImportAtATime(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	pr, pw := io.Pipe()
	first := httptest.NewRequest("POST", "/api/v1/import", pr)
	first.Header.Set("Content-Type", "application/x-ndjson")
	done := make(chan *httptest.ResponseRecorder)
	go func() {
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, first)
		done <- rec
	}()
	// The write returns once the import has read it: it holds its slot.
	if _, err := io.WriteString(pw, `{"type":"header","schema_version":1}`+"\n"); err != nil {
		t.Fatal(err)
	}
	rec := e.do(t, request{method: "POST", path: "/api/v1/import", headers: map[string]string{"Content-Type": "application/x-ndjson"},
		body: `{"type":"header","schema_version":1}` + "\n"})
	p := decodeProblem(t, rec)
	if rec.Code != http.StatusConflict || p.Code != claims.CodeConflict || !strings.Contains(p.Detail, "import is already running") {
		t.Errorf("a second import while one runs = %d %s %q, want 409 saying an import is running", rec.Code, p.Code, p.Detail)
	}
	pw.Close()
	if rec := <-done; rec.Code != http.StatusOK {
		t.Errorf("the first import = %d, want 200; body: %s", rec.Code, rec.Body)
	}
	rec = e.do(t, request{method: "POST", path: "/api/v1/import", headers: map[string]string{"Content-Type": "application/x-ndjson"},
		body: `{"type":"header","schema_version":1}` + "\n"})
	if rec.Code != http.StatusOK {
		t.Errorf("an import after the first ended = %d, want 200; body: %s", rec.Code, rec.Body)
	}
}

// TestRejectInsteadOfRewriting sends what encoding/json would silently
// change (invalid UTF-8, duplicate members) and an over-long search: each
// is a 422 naming where the fault is, and nothing is written.
func TestRejectInsteadOfRewriting(t *testing.T) {
	s := storetest.SQLite(t)
	e := newEnv(t, s, nil)
	seed(t, e)
	before := snapshot(t, s)
	for _, tc := range []struct {
		name, method, path, body string
		wantField, wantPointer   string
	}{
		{"invalid utf-8", "POST", "/api/v1/topics", "{\"title\":\"caf\xe9\"}", "title", "/title"},
		{"lone surrogate", "POST", "/api/v1/topics", `{"title":"\udc00"}`, "title", "/title"},
		{"duplicate id", "POST", "/api/v1/topics", `{"id":"t-a","title":"A","id":"t-b"}`, "id", "/id"},
		{"duplicate nested member", "POST", "/api/v1/claims", `{"topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"5","scope":{"places":["Syria"],"places":["Iraq"]},"provenance":{"source_id":"s-indy"}}`, "scope.places", "/scope/places"},
		{"duplicate member in a patch", "PATCH", "/api/v1/topics/t-ru", `{"title":"A","title":"B"}`, "title", "/title"},
		{"long q", "GET", "/api/v1/claims?q=" + strings.Repeat("a", MaxQueryText+1), "", "q", ""},
		{"invalid utf-8 in q", "GET", "/api/v1/topics?q=caf%E9", "", "q", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := request{method: tc.method, path: tc.path, body: tc.body}
			if tc.method == "PATCH" {
				r.headers = map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"}
			}
			rec := e.do(t, r)
			p := decodeProblem(t, rec)
			if rec.Code != http.StatusUnprocessableEntity || p.Code != claims.CodeInvalid {
				t.Fatalf("%s %s = %d %s, want 422 invalid; body: %s", tc.method, tc.path[:min(len(tc.path), 60)], rec.Code, p.Code, rec.Body)
			}
			if len(p.Errors) == 0 || p.Errors[0].Field != tc.wantField || p.Errors[0].Pointer != tc.wantPointer {
				t.Errorf("errors = %+v, want the first at field %q, pointer %q", p.Errors, tc.wantField, tc.wantPointer)
			}
		})
	}
	if after := snapshot(t, s); len(after) != len(before) {
		t.Errorf("refused requests changed the records: %d, want %d", len(after), len(before))
	}
	rec := e.do(t, request{method: "GET", path: "/api/v1/claims?q=" + strings.Repeat("a", MaxQueryText)})
	if rec.Code != http.StatusOK {
		t.Errorf("GET /api/v1/claims with q of %d characters = %d, want 200", MaxQueryText, rec.Code)
	}
}

// TestHeadWhereGet sends HEAD wherever the API answers GET: the same
// status and content type, no body.
func TestHeadWhereGet(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	seed(t, e)
	for _, path := range []string{"/healthz", "/readyz", "/api/v1/topics", "/api/v1/topics/t-ru", "/api/v1/claims?topic_id=t-ru",
		"/api/v1/topics/t-ru/comparison", "/api/v1/conflicts", "/api/v1/export?format=ndjson", "/api/v1/openapi.json", "/api/v1/claims/nope"} {
		get := httptest.NewRecorder()
		e.h.ServeHTTP(get, httptest.NewRequest("GET", path, nil))
		head := httptest.NewRecorder()
		e.h.ServeHTTP(head, httptest.NewRequest("HEAD", path, nil))
		if head.Code != get.Code || head.Header().Get("Content-Type") != get.Header().Get("Content-Type") {
			t.Errorf("HEAD %s = %d %q, GET = %d %q", path, head.Code, head.Header().Get("Content-Type"), get.Code, get.Header().Get("Content-Type"))
		}
		if head.Body.Len() != 0 {
			t.Errorf("HEAD %s has a body of %d bytes", path, head.Body.Len())
		}
	}
}
