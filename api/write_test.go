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
