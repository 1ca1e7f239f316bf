package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// signalReader is an import body that says when the import first reads
// it, and then waits for the rest to arrive.
type signalReader struct {
	r       io.Reader
	reading chan struct{}
	once    bool
}

func (s *signalReader) Read(p []byte) (int, error) {
	if !s.once {
		s.once = true
		close(s.reading)
	}
	return s.r.Read(p)
}

// TestImportOneAtATimeAcrossReplicas runs two servers, each with its own
// store, on one PostgreSQL schema (two replicas). While an import on the
// first is reading its body (its transaction, and so its import lock,
// already taken), an import on the second gets 409 with a problem saying
// another import is running; once the first has committed, the second
// goes through. Nothing depends on timing: the first import's body is a
// pipe the test fills only after the second import has been refused.
func TestImportOneAtATimeAcrossReplicas(t *testing.T) {
	dsn, _ := storetest.PostgresDSN(t)
	one, two := newEnv(t, storetest.Open(t, dsn), nil), newEnv(t, storetest.Open(t, dsn), nil)

	// The document: an export of another database holding one topic.
	src := storetest.SQLite(t)
	if err := service.New(src, nil).CreateTopic(context.Background(), &claims.Topic{Meta: claims.Meta{ID: "t1"}, Title: "Russians fighting in Syria", Unit: "people"}); err != nil {
		t.Fatal(err)
	}
	doc := exportDoc(t, newEnv(t, src, nil), "?format=ndjson").Body.String()
	pr, pw := io.Pipe()
	body := &signalReader{r: pr, reading: make(chan struct{})}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/import", body)
	req.Header.Set("Content-Type", "application/x-ndjson")
	first := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		one.h.ServeHTTP(first, req)
	}()
	t.Cleanup(func() { // on failure, end the first import before its store closes
		pw.CloseWithError(io.ErrUnexpectedEOF)
		<-done
	})
	<-body.reading

	ndjson := map[string]string{"Content-Type": "application/x-ndjson"}
	rec := two.do(t, request{method: http.MethodPost, path: "/api/v1/import", headers: ndjson, body: doc})
	if rec.Code != http.StatusConflict {
		t.Fatalf("an import on the second replica while the first imports = %d, want 409; body: %s", rec.Code, rec.Body)
	}
	p := decodeProblem(t, rec)
	if p.Code != claims.CodeConflict || !strings.Contains(p.Detail, "another import") {
		t.Errorf("problem = %+v, want a conflict saying another import is running", p)
	}

	if _, err := io.WriteString(pw, doc); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	<-done
	if first.Code != http.StatusOK {
		t.Fatalf("the first import = %d, want 200; body: %s", first.Code, first.Body)
	}
	var rep exchange.Report
	if err := json.Unmarshal(first.Body.Bytes(), &rep); err != nil || !rep.Applied || rep.Created.Topics != 1 {
		t.Fatalf("the first import's report = %s (%v), want one topic created", first.Body, err)
	}

	// The lock went with the first import's transaction.
	two.doJSON(t, request{method: http.MethodPost, path: "/api/v1/import", headers: ndjson, body: doc}, http.StatusOK, &rep)
	if !rep.Applied || rep.Skipped.Topics != 1 {
		t.Errorf("the second replica's import afterwards: %+v, want applied with the topic skipped", rep)
	}
	if _, err := two.store.FindTopic(context.Background(), "t1"); err != nil {
		t.Errorf("the second replica does not see the first one's import: %v", err)
	}
}
