package api

import (
	"bytes"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// exportDoc downloads an export. JSON bodies are checked against the
// OpenAPI document and the exchange schema; other formats against the
// declared content type.
func exportDoc(t *testing.T, e *env, query string) *httptest.ResponseRecorder {
	t.Helper()
	path := "/api/v1/export" + query
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	mt, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	if mt == "application/json" || mt == "application/ld+json" || rec.Code != http.StatusOK {
		checkResponse(t, http.MethodGet, req.URL.Path, rec)
	} else if mt != "application/x-ndjson" && mt != "text/csv" && mt != "text/plain" {
		t.Errorf("GET %s: Content-Type %q is not documented", path, mt)
	}
	return rec
}

func validateExport(t *testing.T, doc []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := jsonschema.UnmarshalJSON(bytes.NewReader(exchange.Schema))
	must(t, err)
	must(t, c.AddResource("schema.json", sch))
	compiled, err := c.Compile("schema.json")
	must(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	must(t, err)
	if err := compiled.Validate(inst); err != nil {
		t.Errorf("export does not match the exchange schema: %v", err)
	}
}

func TestExportDownloads(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		if _, err := demo.Load(context.Background(), service.New(s, nil)); err != nil {
			t.Fatal(err)
		}
		e := newEnv(t, s, nil)
		tests := []struct {
			query, wantType, wantName string
		}{
			{"", "application/json", "claimdesk-all-"},
			{"?format=ndjson", "application/x-ndjson", "claimdesk-all-"},
			{"?format=csv&topic_id=topic-chechens", "text/csv; charset=utf-8", "claimdesk-topic-chechens-"},
			{"?format=claimreview", "application/ld+json", "claimdesk-all-"},
			{"?format=wikidata", "application/json", "claimdesk-all-"},
			{"?format=quickstatements", "text/plain; charset=utf-8", "claimdesk-all-"},
			{"?format=csv&excel=true", "text/csv; charset=utf-8", "claimdesk-all-"},
			{"?history=true", "application/json", "claimdesk-all-"},
			{"?format=ndjson&history=true&topic_id=topic-chechens", "application/x-ndjson", "claimdesk-topic-chechens-"},
		}
		for _, tt := range tests {
			rec := exportDoc(t, e, tt.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET /export%s = %d: %s", tt.query, rec.Code, rec.Body)
			}
			if got := rec.Header().Get("Content-Type"); got != tt.wantType {
				t.Errorf("GET /export%s: Content-Type %q, want %q", tt.query, got, tt.wantType)
			}
			if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="`+tt.wantName) {
				t.Errorf("GET /export%s: Content-Disposition %q, want a file named %s…", tt.query, cd, tt.wantName)
			}
			if tt.query == "" || tt.query == "?history=true" {
				validateExport(t, rec.Body.Bytes())
			}
			if hist := strings.Contains(rec.Body.String(), `"action":"create"`); hist != strings.Contains(tt.query, "history=true") {
				t.Errorf("GET /export%s: history in the document %v", tt.query, hist)
			}
			if bom := bytes.HasPrefix(rec.Body.Bytes(), []byte("\ufeff")); bom != strings.Contains(tt.query, "excel=true") {
				t.Errorf("GET /export%s: byte order mark %v", tt.query, bom)
			}
		}
		for q, field := range map[string]string{"?format=json&excel=true": "excel", "?format=csv&excel=maybe": "excel",
			"?format=csv&history=true": "history", "?history=maybe": "history"} {
			rec := exportDoc(t, e, q)
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"`+field+`"`) {
				t.Errorf("GET /export%s = %d %s, want 422 naming %s", q, rec.Code, rec.Body, field)
			}
		}
		for _, q := range []string{"?format=xml", "?topic_id=no-such-topic", "?topic_id=bad%20id"} {
			if rec := exportDoc(t, e, q); rec.Code != http.StatusUnprocessableEntity && rec.Code != http.StatusNotFound {
				t.Errorf("GET /export%s = %d, want 422 or 404", q, rec.Code)
			}
		}
		rec := e.do(t, request{method: http.MethodGet, path: "/api/v1/export/schema.json"})
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), exchange.Schema) {
			t.Errorf("GET /export/schema.json = %d, want the schema", rec.Code)
		}
	})
}

func TestImportRoundTripAndReports(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
		if _, err := demo.Load(context.Background(), service.New(src, nil)); err != nil {
			t.Fatal(err)
		}
		doc := exportDoc(t, newEnv(t, src, nil), "?format=ndjson").Body.String()
		var dst *gormstore.Store
		if strings.HasSuffix(t.Name(), "/postgres") {
			dst = storetest.Postgres(t)
		} else {
			dst = storetest.SQLite(t)
		}
		e := newEnv(t, dst, nil)
		ndjson := map[string]string{"Content-Type": "application/x-ndjson"}
		var rep exchange.Report
		e.doJSON(t, request{method: http.MethodPost, path: "/api/v1/import?dry_run=true", headers: ndjson, body: doc}, http.StatusOK, &rep)
		if !rep.DryRun || rep.Applied || rep.Created.Claims != 62 || len(snapshot(t, dst)) != 0 {
			t.Errorf("dry run report = %+v, want 62 claims to create and nothing written", rep)
		}
		e.doJSON(t, request{method: http.MethodPost, path: "/api/v1/import", headers: ndjson, body: doc}, http.StatusOK, &rep)
		if !rep.Applied || rep.Created.Claims != 62 {
			t.Errorf("import report = %+v, want 62 claims created", rep)
		}
		e.doJSON(t, request{method: http.MethodPost, path: "/api/v1/import", headers: ndjson, body: doc}, http.StatusOK, &rep)
		if rep.Skipped.Claims != 62 || rep.Created.Total()+rep.Updated.Total() != 0 {
			t.Errorf("second import report = %+v, want everything skipped", rep)
		}
		again := exportDoc(t, e, "?format=ndjson").Body.String()
		if a, b := strings.SplitN(doc, "\n", 2), strings.SplitN(again, "\n", 2); a[1] != b[1] {
			t.Errorf("export after import differs from the export imported")
		}
	})
}

func TestImportHostile(t *testing.T) {
	s := storetest.SQLite(t)
	e := newEnv(t, s, nil)
	small := NewHandler(Options{Store: s, MaxImportBytes: 100})
	header := `{"type":"header","schema_version":1}` + "\n"
	topic := `{"type":"topic","record":{"id":"t1","title":"T","unit":"people"}}` + "\n"
	tests := []struct {
		name        string
		contentType string
		body        string
		small       bool
		wantStatus  int
		wantField   string // the first error's field, if any
	}{
		{"malformed json", "application/json", `{"schema_version":1,"topics":[{`, false, 400, "$.topics[0]"},
		{"wrong type", "application/json", `{"schema_version":1,"topics":[{"id":"t1","title":5}]}`, false, 422, "$.topics[0].title"},
		{"bad value", "application/json", `{"schema_version":1,"topics":[{"id":"t1","title":"","unit":"people"}]}`, false, 422, "$.topics[0].title"},
		{"huge string", "application/x-ndjson", header + `{"type":"topic","record":{"id":"t1","title":"` + strings.Repeat("x", 2<<20) + `"}}`, false, 422, "line 2"},
		{"deep nesting", "application/json", `{"schema_version":1,"topics":[` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `]}`, false, 422, "$.topics[0]"},
		{"over the limit", "application/x-ndjson", header + topic + topic, true, 413, ""},
		{"duplicate ids", "application/x-ndjson", header + topic + topic, false, 422, "line 3: id"},
		{"dangling reference", "application/x-ndjson", header + `{"type":"topic","record":{"id":"t2","title":"T","unit":"people","parent_id":"nope"}}`, false, 422, "line 2: parent_id"},
		{"invalid utf-8", "application/x-ndjson", header + "{\"type\":\"topic\",\"record\":{\"id\":\"t1\",\"title\":\"caf\xe9\",\"unit\":\"people\"}}\n", false, 422, "line 2: title"},
		{"lone surrogate", "application/json", `{"schema_version":1,"topics":[{"id":"t1","title":"\ud800","unit":"people"}]}`, false, 422, "$.topics[0].title"},
		{"duplicate key", "application/json", `{"schema_version":1,"topics":[{"id":"t1","id":"t2","title":"T","unit":"people"}]}`, false, 422, "$.topics[0].id"},
		{"duplicate key in ndjson", "application/x-ndjson", header + `{"type":"topic","record":{"id":"t1","title":"T","title":"U","unit":"people"}}` + "\n", false, 422, "line 2: title"},
		{"duplicate member of the document", "application/json", `{"schema_version":1,"schema_version":1}`, false, 422, "$.schema_version"},
		{"invalid utf-8 in csv", "text/csv", "id,topic_id,claimant_id,source_id,quote\nc1,t1,k1,s1,caf\xe9\n", false, 422, "line 2: quote"},
		{"csv header without a separator", "text/csv", "id topic_id claimant_id source_id\r\nc1 t1 k1 s1\r\n", false, 400, "line 1"},
		{"csv header over 1 MiB", "text/csv", "id;" + strings.Repeat(" ", 1<<20) + "\n", false, 400, "line 1"},
		{"unsupported type", "text/plain", "hello", false, 415, ""},
		{"bad dry_run", "application/json", `{"schema_version":1}`, false, 422, "dry_run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/api/v1/import"
			if tt.name == "bad dry_run" {
				path += "?dry_run=maybe"
			}
			req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			rec := httptest.NewRecorder()
			if tt.small {
				small.ServeHTTP(rec, req)
			} else {
				e.h.ServeHTTP(rec, req)
			}
			checkResponse(t, http.MethodPost, req.URL.Path, rec)
			if rec.Code != tt.wantStatus {
				t.Fatalf("POST %s (%s) = %d, want %d: %.300s", path, tt.name, rec.Code, tt.wantStatus, rec.Body)
			}
			var p struct {
				Code   string
				Errors []fieldProblem
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatalf("problem body: %v", err)
			}
			if tt.wantField != "" && (len(p.Errors) == 0 || !strings.HasPrefix(p.Errors[0].Field, tt.wantField)) {
				t.Errorf("errors = %+v, want the first at %q", p.Errors, tt.wantField)
			}
			if n := len(snapshot(t, s)); n != 0 {
				t.Errorf("a refused import wrote %d records", n)
			}
		})
	}
}

// TestWikidataIDs: topics and sources take a Wikidata item ID, normalised
// to upper case, and refuse anything else naming the field.
func TestWikidataIDs(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	var topic struct {
		WikidataID string `json:"wikidata_id"`
	}
	e.doJSON(t, request{method: http.MethodPost, path: "/api/v1/topics", body: `{"id":"wd-t","title":"T","wikidata_id":" q4115189 "}`}, http.StatusCreated, &topic)
	if topic.WikidataID != "Q4115189" {
		t.Errorf("topic wikidata_id = %q, want Q4115189", topic.WikidataID)
	}
	for _, tt := range []struct{ path, body string }{
		{"/api/v1/topics", `{"title":"T","wikidata_id":"P31"}`},
		{"/api/v1/topics", `{"title":"T","wikidata_id":"Q0123"}`},
		{"/api/v1/sources", `{"name":"S","wikidata_id":"Guardian"}`},
	} {
		rec := e.do(t, request{method: http.MethodPost, path: tt.path, body: tt.body})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"wikidata_id"`) {
			t.Errorf("POST %s %s = %d %s, want 422 naming wikidata_id", tt.path, tt.body, rec.Code, rec.Body)
		}
	}
}
