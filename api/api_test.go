package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// seed creates, through the API, a small world with stable IDs: a topic
// and a subtopic, two sources, two claimants, two claims and a link. The
// claims' quantities are plain numerals, which every version of the
// parser reads.
func seed(t *testing.T, e *env) {
	t.Helper()
	for _, r := range []struct{ path, body string }{
		{"/api/v1/topics", `{"id":"t-ru","title":"Russian nationals fighting with Islamic State","tags":["isis","russia"]}`},
		{"/api/v1/topics", `{"id":"t-chechens","title":"Chechens fighting with Islamic State","parent_id":"t-ru","tags":["isis"]}`},
		{"/api/v1/sources", `{"id":"s-tass","name":"TASS","kind":"agency","url":"https://tass.com/"}`},
		{"/api/v1/sources", `{"id":"s-indy","name":"The Independent","kind":"news","url":"https://www.independent.co.uk/"}`},
		{"/api/v1/claimants", `{"id":"c-bogdanov","name":"Mikhail Bogdanov","role":"Deputy Foreign Minister"}`},
		{"/api/v1/claimants", `{"id":"c-indy","name":"The Independent","kind":"organisation"}`},
		{"/api/v1/claims", `{"id":"cl-bogdanov","topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"40","quote":"several dozen Russians",
			"said_on":"2015-10","grade":"fair","rank":"preferred","tags":["official"],
			"provenance":{"source_id":"s-tass","relays":[{"source_id":"s-indy"}]}}`},
		{"/api/v1/claims", `{"id":"cl-indy","topic_id":"t-ru","claimant_id":"c-indy","quantity_text":"800","quote":"about 800 in Syria",
			"said_on":"2014-09-29","scope":{"places":["Syria"]},"provenance":{"source_id":"s-indy"}}`},
		{"/api/v1/links", `{"id":"l-1","from_id":"cl-indy","to_id":"cl-bogdanov","kind":"contradicts","note":"an order of magnitude apart"}`},
	} {
		e.doJSON(t, request{method: http.MethodPost, path: r.path, body: r.body}, http.StatusCreated, nil)
	}
}

// bad is a request that must fail with a problem and write nothing.
type bad struct {
	name       string
	method     string
	path       string
	headers    map[string]string
	body       string
	chunked    bool
	wantStatus int
	wantCode   claims.Code
	wantFields []string // errors[].field of the problem, in order; nil for none
}

func TestBadInput(t *testing.T) {
	big := `{"title":"` + strings.Repeat("x", DefaultMaxBodyBytes) + `"}`
	ifMatch1 := map[string]string{"If-Match": `"1"`}
	claim := func(extra string) string {
		prov := `,"provenance":{"source_id":"s-tass"}`
		if strings.Contains(extra, `"provenance"`) {
			prov = "" // extra has its own: a member appears once
		}
		return `{"topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"40"` + prov + extra + `}`
	}
	rows := []bad{
		// 400: the body cannot be decoded.
		{name: "malformed JSON", method: "POST", path: "/api/v1/topics", body: `{"title": "x",}`, wantStatus: 400, wantCode: claims.CodeMalformed},
		{name: "truncated JSON", method: "POST", path: "/api/v1/topics", body: `{"title": `, wantStatus: 400, wantCode: claims.CodeMalformed},
		{name: "empty body", method: "POST", path: "/api/v1/topics", headers: map[string]string{"Content-Type": "application/json"}, wantStatus: 400, wantCode: claims.CodeMalformed},
		{name: "trailing data", method: "POST", path: "/api/v1/topics", body: `{"title":"x"} {"title":"y"}`, wantStatus: 400, wantCode: claims.CodeMalformed},
		{name: "array body", method: "POST", path: "/api/v1/topics", body: `[{"title":"x"}]`, wantStatus: 400, wantCode: claims.CodeMalformed},
		{name: "malformed merge patch", method: "PATCH", path: "/api/v1/topics/t-ru", headers: ifMatch1, body: `{"title"`, wantStatus: 400, wantCode: claims.CodeMalformed},
		{name: "If-Match unquoted", method: "PATCH", path: "/api/v1/topics/t-ru", headers: map[string]string{"If-Match": "1"}, body: `{"title":"y"}`, wantStatus: 400, wantCode: claims.CodeMalformed, wantFields: []string{"If-Match"}},
		{name: "If-Match list", method: "DELETE", path: "/api/v1/topics/t-chechens", headers: map[string]string{"If-Match": `"1", "2"`}, wantStatus: 400, wantCode: claims.CodeMalformed, wantFields: []string{"If-Match"}},
		// 422: values break rules; the problem names each field.
		{name: "low > high", method: "POST", path: "/api/v1/claims", body: claim(`,"analyst_interval":{"low":900,"high":700}`), wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"analyst_interval.low"}},
		{name: "unknown topic_id", method: "POST", path: "/api/v1/claims", body: strings.Replace(claim(""), "t-ru", "t-nope", 1), wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"topic_id"}},
		{name: "unknown relay source", method: "POST", path: "/api/v1/claims", body: claim(`,"provenance":{"source_id":"s-tass","relays":[{"source_id":"s-nope"}]}`), wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"provenance.relays[0].source_id"}},
		{name: "bad URL", method: "POST", path: "/api/v1/sources", body: `{"name":"RIA","url":"ria.ru/news"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"url"}},
		{name: "bad nested URL", method: "POST", path: "/api/v1/claims", body: claim(`,"provenance":{"source_id":"s-tass","url":"javascript:alert(1)"}`), wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"provenance.url"}},
		{name: "empty title", method: "POST", path: "/api/v1/topics", body: `{"title":"  "}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"title"}},
		{name: "no title", method: "POST", path: "/api/v1/topics", body: `{}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"title"}},
		{name: "empty source name", method: "POST", path: "/api/v1/sources", body: `{"name":""}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"name"}},
		{name: "empty claimant name", method: "POST", path: "/api/v1/claimants", body: `{"kind":"person"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"name"}},
		{name: "claim without quantity", method: "POST", path: "/api/v1/claims", body: `{"topic_id":"t-ru","claimant_id":"c-bogdanov","provenance":{"source_id":"s-tass"}}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"quantity_text"}},
		{name: "link to itself", method: "POST", path: "/api/v1/links", body: `{"from_id":"cl-indy","to_id":"cl-indy","kind":"corroborates"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"to_id"}},
		{name: "wrong type", method: "POST", path: "/api/v1/topics", body: `{"title":5}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"title"}},
		{name: "wrong types nested", method: "POST", path: "/api/v1/claims", body: claim(`,"analyst_interval":{"low":"seven hundred"},"tags":["a",2]`), wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"analyst_interval.low", "tags[1]"}},
		{name: "fraction for integer", method: "POST", path: "/api/v1/topics", body: `{"title":"x","window_days":1.5}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"window_days"}},
		{name: "unknown field", method: "POST", path: "/api/v1/topics", body: `{"title":"x","titel":"y"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"titel"}},
		{name: "field in the wrong case", method: "POST", path: "/api/v1/topics", body: `{"Title":"x"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"Title"}},
		{name: "unknown nested field", method: "POST", path: "/api/v1/claims", body: claim(`,"scope":{"place":"Syria"}`), wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"scope.place"}},
		{name: "read-only version on create", method: "POST", path: "/api/v1/topics", body: `{"title":"x","version":7}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"version"}},
		{name: "read-only interval on create", method: "POST", path: "/api/v1/claims", body: claim(`,"interval":{"low":1},"interval_source":"analyst"`), wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"interval", "interval_source"}},
		{name: "bad id on create", method: "POST", path: "/api/v1/topics", body: `{"id":"no spaces","title":"x"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"id"}},
		{name: "patch low > high", method: "PATCH", path: "/api/v1/claims/cl-indy", headers: ifMatch1, body: `{"analyst_interval":{"low":900,"high":700}}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"analyst_interval.low"}},
		{name: "patch unknown field", method: "PATCH", path: "/api/v1/topics/t-ru", headers: ifMatch1, body: `{"titel":"y"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"titel"}},
		{name: "patch wrong type", method: "PATCH", path: "/api/v1/topics/t-ru", headers: ifMatch1, body: `{"additive":"yes"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"additive"}},
		{name: "patch removing a required field", method: "PATCH", path: "/api/v1/topics/t-ru", headers: ifMatch1, body: `{"title":null}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"title"}},
		{name: "patch to an unknown topic", method: "PATCH", path: "/api/v1/claims/cl-indy", headers: ifMatch1, body: `{"topic_id":"t-nope"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"topic_id"}},
		{name: "unknown query parameter", method: "GET", path: "/api/v1/claims?topic=t-ru", wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"topic"}},
		{name: "repeated query parameter", method: "GET", path: "/api/v1/claims?tag=a&tag=b", wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"tag"}},
		{name: "limit not a number", method: "GET", path: "/api/v1/topics?limit=ten", wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"limit"}},
		{name: "limit too large", method: "GET", path: "/api/v1/topics?limit=501", wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"limit"}},
		{name: "unknown sort", method: "GET", path: "/api/v1/topics?sort=colour", wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"sort"}},
		{name: "bad cursor", method: "GET", path: "/api/v1/topics?cursor=garbage", wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"cursor"}},
		{name: "bad date", method: "GET", path: "/api/v1/claims?from=2015-13", wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"from"}},
		{name: "parse no quantity", method: "POST", path: "/api/v1/parse", body: `{"text":"nobody knows"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"text"}},
		{name: "parse nothing", method: "POST", path: "/api/v1/parse", body: `{}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"text"}},
		{name: "parse text and texts", method: "POST", path: "/api/v1/parse", body: `{"text":"1","texts":["2"]}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"texts"}},
		{name: "extract for an unknown topic", method: "POST", path: "/api/v1/extract", body: `{"text":"about 800","topic_id":"t-nope"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"topic_id"}},
		{name: "parse unknown field", method: "POST", path: "/api/v1/parse", body: `{"txt":"1"}`, wantStatus: 422, wantCode: claims.CodeInvalid, wantFields: []string{"txt"}},
		// 404, 405.
		{name: "unknown topic", method: "GET", path: "/api/v1/topics/t-nope", wantStatus: 404, wantCode: claims.CodeNotFound},
		{name: "patch unknown claim", method: "PATCH", path: "/api/v1/claims/cl-nope", headers: ifMatch1, body: `{"notes":"x"}`, wantStatus: 404, wantCode: claims.CodeNotFound},
		{name: "delete unknown link", method: "DELETE", path: "/api/v1/links/l-nope", headers: ifMatch1, wantStatus: 404, wantCode: claims.CodeNotFound},
		{name: "unknown endpoint", method: "GET", path: "/api/v1/topix", wantStatus: 404, wantCode: claims.CodeNotFound},
		{name: "unknown API version", method: "POST", path: "/api/v2/topics", body: `{"title":"x"}`, wantStatus: 404, wantCode: claims.CodeNotFound},
		{name: "trailing slash", method: "POST", path: "/api/v1/topics/", body: `{"title":"x"}`, wantStatus: 404, wantCode: claims.CodeNotFound},
		{name: "PUT not allowed", method: "PUT", path: "/api/v1/topics/t-ru", body: `{"title":"x"}`, wantStatus: 405, wantCode: codeMethodNotAllowed},
		// 409.
		{name: "duplicate id", method: "POST", path: "/api/v1/topics", body: `{"id":"t-ru","title":"again"}`, wantStatus: 409, wantCode: claims.CodeConflict},
		{name: "delete a referenced topic", method: "DELETE", path: "/api/v1/topics/t-ru", headers: ifMatch1, wantStatus: 409, wantCode: claims.CodeConflict},
		{name: "delete a referenced source", method: "DELETE", path: "/api/v1/sources/s-indy", headers: ifMatch1, wantStatus: 409, wantCode: claims.CodeConflict},
		{name: "delete a linked claim", method: "DELETE", path: "/api/v1/claims/cl-indy", headers: ifMatch1, wantStatus: 409, wantCode: claims.CodeConflict},
		// 412, 428.
		{name: "patch stale", method: "PATCH", path: "/api/v1/topics/t-ru", headers: map[string]string{"If-Match": `"7"`}, body: `{"title":"y"}`, wantStatus: 412, wantCode: claims.CodeStale},
		{name: "delete stale", method: "DELETE", path: "/api/v1/links/l-1", headers: map[string]string{"If-Match": `"2"`}, wantStatus: 412, wantCode: claims.CodeStale},
		{name: "patch without If-Match", method: "PATCH", path: "/api/v1/topics/t-ru", body: `{"title":"y"}`, wantStatus: 428, wantCode: codePreconditionRequired},
		{name: "delete without If-Match", method: "DELETE", path: "/api/v1/links/l-1", wantStatus: 428, wantCode: codePreconditionRequired},
		// 413, 415.
		{name: "over the body limit", method: "POST", path: "/api/v1/topics", body: big, wantStatus: 413, wantCode: claims.CodeTooLarge},
		{name: "over the body limit, no Content-Length", method: "POST", path: "/api/v1/topics", body: big, chunked: true, wantStatus: 413, wantCode: claims.CodeTooLarge},
		{name: "patch over the body limit", method: "PATCH", path: "/api/v1/topics/t-ru", headers: ifMatch1, body: big, chunked: true, wantStatus: 413, wantCode: claims.CodeTooLarge},
		{name: "text/plain body", method: "POST", path: "/api/v1/topics", headers: map[string]string{"Content-Type": "text/plain"}, body: `{"title":"x"}`, wantStatus: 415, wantCode: codeUnsupportedMediaType},
		{name: "form body (curl -d)", method: "POST", path: "/api/v1/claimants", headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: `name=x`, wantStatus: 415, wantCode: codeUnsupportedMediaType},
		{name: "no Content-Type", method: "POST", path: "/api/v1/parse", headers: map[string]string{"Content-Type": ""}, body: `{"text":"1"}`, wantStatus: 415, wantCode: codeUnsupportedMediaType},
		{name: "merge-patch type on create", method: "POST", path: "/api/v1/topics", headers: map[string]string{"Content-Type": "application/merge-patch+json"}, body: `{"title":"x"}`, wantStatus: 415, wantCode: codeUnsupportedMediaType},
	}
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		for _, r := range rows {
			t.Run(r.name, func(t *testing.T) {
				before := snapshot(t, s)
				rec := e.do(t, request{method: r.method, path: r.path, headers: r.headers, body: r.body, chunked: r.chunked})
				if diff := cmp.Diff(snapshot(t, s), before); diff != "" {
					t.Errorf("the store changed (-after +before):\n%s", diff)
				}
				if rec.Code != r.wantStatus {
					t.Fatalf("%s %s = %d, want %d; body: %s", r.method, r.path, rec.Code, r.wantStatus, rec.Body)
				}
				p := decodeProblem(t, rec)
				if p.Code != r.wantCode || p.Status != r.wantStatus {
					t.Errorf("problem code, status = %s, %d; want %s, %d", p.Code, p.Status, r.wantCode, r.wantStatus)
				}
				if diff := cmp.Diff(problemFields(p), r.wantFields); diff != "" {
					t.Errorf("problem fields (-got +want):\n%s\nbody: %s", diff, rec.Body)
				}
				if p.Instance != strings.Split(r.path, "?")[0] {
					t.Errorf("instance = %q, want the request path", p.Instance)
				}
			})
		}
	})
}

// TestProblemDetails checks what the problems say beyond their code.
func TestProblemDetails(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	seed(t, e)

	rec := e.do(t, request{method: "POST", path: "/api/v1/topics", body: `{"title": "x",}`})
	if p := decodeProblem(t, rec); !strings.Contains(p.Detail, "byte offset 15") {
		t.Errorf("syntax error detail = %q, want the byte offset 15", p.Detail)
	}

	rec = e.do(t, request{method: "POST", path: "/api/v1/claims", body: `{"topic_id":"t-ru","claimant_id":"c-bogdanov","quantity_text":"40","provenance":{"source_id":"s-tass","relays":[{"source_id":"s-indy","url":"nope"}]}}`})
	p := decodeProblem(t, rec)
	want := []fieldProblem{{Field: "provenance.relays[0].url", Pointer: "/provenance/relays/0/url", Detail: "must be an absolute http or https URL"}}
	if diff := cmp.Diff(p.Errors, want); diff != "" {
		t.Errorf("nested field problem (-got +want):\n%s", diff)
	}

	rec = e.do(t, request{method: "GET", path: "/api/v1/topics?limit=0"})
	if p := decodeProblem(t, rec); len(p.Errors) != 1 || p.Errors[0].Pointer != "" {
		t.Errorf("a query parameter's problem = %+v, want one field with no body pointer", p.Errors)
	}

	rec = e.do(t, request{method: "PATCH", path: "/api/v1/topics/t-ru", headers: map[string]string{"If-Match": `"4"`}, body: `{"title":"y"}`})
	if p := decodeProblem(t, rec); p.CurrentVersion != 1 || rec.Header().Get("ETag") != `"1"` {
		t.Errorf("412 current_version = %d, ETag = %s; want 1 and \"1\"", p.CurrentVersion, rec.Header().Get("ETag"))
	}

	rec = e.do(t, request{method: "DELETE", path: "/api/v1/topics/t-ru"})
	if p := decodeProblem(t, rec); !strings.Contains(p.Detail, "ETag") {
		t.Errorf("428 detail = %q, want it to say how to get the ETag", p.Detail)
	}

	rec = e.do(t, request{method: "PUT", path: "/api/v1/topics/t-ru", body: `{}`})
	if got := rec.Header().Get("Allow"); !strings.Contains(got, "PATCH") || !strings.Contains(got, "DELETE") || !strings.Contains(got, "GET") {
		t.Errorf("405 Allow = %q, want GET, PATCH and DELETE", got)
	}

	rec = e.do(t, request{method: "POST", path: "/api/v1/topics", headers: map[string]string{"X-Request-ID": "trace-42"}, body: `{"title":""}`})
	if p := decodeProblem(t, rec); p.RequestID != "trace-42" || rec.Header().Get("X-Request-ID") != "trace-42" {
		t.Errorf("request_id = %q, header %q; want the caller's trace-42", p.RequestID, rec.Header().Get("X-Request-ID"))
	}
}

// TestInternalErrors forces failures of the store: they are 500s that say
// only "internal error", logged in full; a panic is one too.
func TestInternalErrors(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	for _, r := range []request{
		{method: "GET", path: "/api/v1/topics"},
		{method: "GET", path: "/api/v1/topics/t-ru"},
		{method: "POST", path: "/api/v1/topics", body: `{"title":"x"}`},
		{method: "PATCH", path: "/api/v1/topics/t-ru", headers: map[string]string{"If-Match": `"1"`}, body: `{"title":"x"}`},
		{method: "GET", path: "/api/v1/claims/cl-1"}, // panics
	} {
		rec := e.do(t, r)
		p := decodeProblem(t, rec)
		if rec.Code != 500 || p.Code != claims.CodeInternal || p.Detail != "internal error" {
			t.Errorf("%s %s = %d %+v, want 500 internal with detail \"internal error\"", r.method, r.path, rec.Code, p)
		}
		if strings.Contains(rec.Body.String(), "fake") {
			t.Errorf("%s %s leaks the cause: %s", r.method, r.path, rec.Body)
		}
	}
	log := e.log.String()
	for _, want := range []string{errFake.Error(), "fake: corrupt row"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}

	rec := e.do(t, request{method: "GET", path: "/readyz"})
	if p := decodeProblem(t, rec); rec.Code != 503 || p.Code != claims.CodeUnavailable {
		t.Errorf("GET /readyz with a failing store = %d %s, want 503 unavailable", rec.Code, p.Code)
	}
}

// TestCRUD walks one record of each kind through create, get, patch and
// delete.
func TestCRUD(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)

		var topic claims.Topic
		rec := e.doJSON(t, request{method: "POST", path: "/api/v1/topics", body: `{"title":" Foreign fighters in Syria ","measure":"people fighting"}`}, 201, &topic)
		if topic.ID == "" || topic.Version != 1 || topic.Title != "Foreign fighters in Syria" || topic.Unit != "people" {
			t.Errorf("created topic = %+v, want an ID, version 1, a trimmed title and the default unit", topic)
		}
		if got, want := rec.Header().Get("Location"), "/api/v1/topics/"+topic.ID; got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
		if got := rec.Header().Get("ETag"); got != `"1"` {
			t.Errorf("ETag on create = %q, want \"1\"", got)
		}

		var got claims.Topic
		rec = e.doJSON(t, request{method: "GET", path: "/api/v1/topics/" + topic.ID}, 200, &got)
		if diff := cmp.Diff(got, topic); diff != "" {
			t.Errorf("GET after POST (-got +want):\n%s", diff)
		}
		if rec.Header().Get("ETag") != `"1"` {
			t.Errorf("ETag on GET = %q, want \"1\"", rec.Header().Get("ETag"))
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/" + topic.ID, headers: map[string]string{"If-None-Match": `"1"`}}, 304, nil)
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/" + topic.ID, headers: map[string]string{"If-None-Match": `"2"`}}, 200, nil)

		// Read-only members that differ from the stored ones are refused,
		// and nothing is written.
		prob := e.doJSON(t, request{method: "PATCH", path: "/api/v1/topics/" + topic.ID,
			headers: map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"},
			body:    `{"description":"by country","version":99,"id":"other","created_at":"2000-01-01T00:00:00Z"}`}, 422, nil)
		fields := problemFields(decodeProblem(t, prob))
		slices.Sort(fields)
		if !slices.Equal(fields, []string{"created_at", "id", "version"}) {
			t.Errorf("read-only members changed by a patch: fields %v, want created_at, id, version", fields)
		}
		// A patch that changes nothing writes nothing: no new version.
		var same claims.Topic
		rec = e.doJSON(t, request{method: "PATCH", path: "/api/v1/topics/" + topic.ID,
			headers: map[string]string{"If-Match": `"1"`}, body: `{"title":` + strconv.Quote(topic.Title) + `}`}, 200, &same)
		if same.Version != 1 || rec.Header().Get("ETag") != `"1"` {
			t.Errorf("a patch that changes nothing moved the version to %d (ETag %s)", same.Version, rec.Header().Get("ETag"))
		}

		// A merge patch changes what it names, removes what it nulls and
		// accepts read-only members sent back unchanged, so a record read
		// with GET can be sent back whole.
		whole, err := json.Marshal(topic)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(whole, &doc); err != nil {
			t.Fatal(err)
		}
		doc["description"], doc["measure"], doc["tags"] = "by country", nil, []string{"syria"}
		whole, _ = json.Marshal(doc)
		var patched claims.Topic
		rec = e.doJSON(t, request{method: "PATCH", path: "/api/v1/topics/" + topic.ID,
			headers: map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"},
			body:    string(whole)}, 200, &patched)
		want := topic
		want.Description, want.Measure, want.Tags, want.Version = "by country", "", []string{"syria"}, 2
		if diff := cmp.Diff(patched, want, cmpIgnoreUpdated); diff != "" {
			t.Errorf("PATCH (-got +want):\n%s", diff)
		}
		if rec.Header().Get("ETag") != `"2"` {
			t.Errorf("ETag after PATCH = %q, want \"2\"", rec.Header().Get("ETag"))
		}
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/other"}, 404, nil)

		// If-Match: * overwrites whatever is stored.
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/topics/" + topic.ID, headers: map[string]string{"If-Match": "*"}, body: `{"window_days":30}`}, 200, &patched)
		if patched.WindowDays != 30 || patched.Version != 3 {
			t.Errorf("PATCH with If-Match * = %+v, want window_days 30 at version 3", patched)
		}

		e.doJSON(t, request{method: "DELETE", path: "/api/v1/topics/" + topic.ID, headers: map[string]string{"If-Match": `"3"`}}, 204, nil)
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/" + topic.ID}, 404, nil)

		// The other kinds, briefly.
		for _, r := range []struct{ coll, body, patch string }{
			{"sources", `{"name":"RIA Novosti","kind":"agency","language":"ru"}`, `{"url":"https://ria.ru/"}`},
			{"claimants", `{"name":"Ramzan Kadyrov"}`, `{"role":"Head of the Chechen Republic"}`},
			{"claims", `{"topic_id":"t-chechens","claimant_id":"c-indy","quantity_text":"500","provenance":{"source_id":"s-indy"}}`, `{"notes":"checked"}`},
			{"links", `{"from_id":"cl-bogdanov","to_id":"cl-indy","kind":"unrelated"}`, `{"note":"different scopes"}`},
		} {
			var created map[string]any
			e.doJSON(t, request{method: "POST", path: "/api/v1/" + r.coll, body: r.body}, 201, &created)
			path := "/api/v1/" + r.coll + "/" + created["id"].(string)
			e.doJSON(t, request{method: "GET", path: path}, 200, nil)
			var updated map[string]any
			e.doJSON(t, request{method: "PATCH", path: path, headers: map[string]string{"If-Match": `"1"`}, body: r.patch}, 200, &updated)
			var patch map[string]any
			must(t, json.Unmarshal([]byte(r.patch), &patch))
			for k, v := range patch {
				if updated[k] != v {
					t.Errorf("PATCH %s: %s = %v, want %v", path, k, updated[k], v)
				}
			}
			e.doJSON(t, request{method: "DELETE", path: path, headers: map[string]string{"If-Match": `"2"`}}, 204, nil)
			e.doJSON(t, request{method: "GET", path: path}, 404, nil)
		}
	})
}

var cmpIgnoreUpdated = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".UpdatedAt" }, cmp.Ignore())

// TestConcurrentPatch sends two PATCHes with the same If-Match at once:
// exactly one wins, the other is 412, and the winner's change is stored.
func TestConcurrentPatch(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		for round := range 5 {
			ifMatch := fmt.Sprintf(`"%d"`, round+1)
			var wg sync.WaitGroup
			codes := make([]int, 2)
			for i := range codes {
				wg.Go(func() {
					rec := e.do(t, request{method: "PATCH", path: "/api/v1/topics/t-ru", headers: map[string]string{"If-Match": ifMatch},
						body: fmt.Sprintf(`{"description":"analyst %d, round %d"}`, i, round)})
					codes[i] = rec.Code
				})
			}
			wg.Wait()
			slices.Sort(codes)
			if !slices.Equal(codes, []int{200, 412}) {
				t.Fatalf("round %d: two PATCHes with If-Match %s = %v, want one 200 and one 412", round, ifMatch, codes)
			}
		}
		var got claims.Topic
		e.doJSON(t, request{method: "GET", path: "/api/v1/topics/t-ru"}, 200, &got)
		if got.Version != 6 {
			t.Errorf("version after 5 rounds = %d, want 6", got.Version)
		}
	})
}
