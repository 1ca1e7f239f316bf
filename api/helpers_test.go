package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/service"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	os.Exit(m.Run())
}

// spec is the OpenAPI document compiled for validating responses.
type spec struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
	mu       sync.Mutex
	schemas  map[string]*jsonschema.Schema
}

const specURL = "file:///claimdesk/openapi.json"

var loadSpec = sync.OnceValues(func() (*spec, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDocument()))
	if err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(specURL, doc); err != nil {
		return nil, err
	}
	return &spec{doc: doc.(map[string]any), compiler: c, schemas: map[string]*jsonschema.Schema{}}, nil
})

func openSpec(t testing.TB) *spec {
	t.Helper()
	s, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// schema compiles the schema at a JSON pointer into the document.
func (s *spec) schema(ptr string) (*jsonschema.Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sch, ok := s.schemas[ptr]; ok {
		return sch, nil
	}
	sch, err := s.compiler.Compile(specURL + "#" + ptr)
	if err != nil {
		return nil, err
	}
	s.schemas[ptr] = sch
	return sch, nil
}

// pathItem returns the document's path template matching a request path.
func (s *spec) pathItem(reqPath string) (string, map[string]any) {
	paths := s.doc["paths"].(map[string]any)
	if item, ok := paths[reqPath]; ok {
		return reqPath, item.(map[string]any)
	}
	segs := strings.Split(reqPath, "/")
	for tmpl, item := range paths {
		ts := strings.Split(tmpl, "/")
		if len(ts) != len(segs) {
			continue
		}
		match := true
		for i := range ts {
			if ts[i] != segs[i] && !(strings.HasPrefix(ts[i], "{") && segs[i] != "") {
				match = false
				break
			}
		}
		if match {
			return tmpl, item.(map[string]any)
		}
	}
	return "", nil
}

func escapePtr(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }

// checkResponse checks a response against the document: its status must be
// documented for the route, its content type declared, and a JSON body
// must match the schema. Every request the tests send goes through it.
func checkResponse(t testing.TB, method, path string, rec *httptest.ResponseRecorder) {
	t.Helper()
	s := openSpec(t)
	status := strconv.Itoa(rec.Code)
	tmpl, item := s.pathItem(path)
	var ptr string // of the response object
	op, _ := item[strings.ToLower(method)].(map[string]any)
	switch {
	case !strings.HasPrefix(path, "/api/") && tmpl == "":
		return // the frontend
	case op == nil:
		// An unknown API path or a method the path does not serve: a problem.
		if rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: status %d for an undocumented route", method, path, rec.Code)
			return
		}
		ptr = "/components/responses/NotFound"
	default:
		resp, ok := op["responses"].(map[string]any)[status].(map[string]any)
		if !ok {
			t.Errorf("%s %s: status %s is not documented for %s %s", method, path, status, method, tmpl)
			return
		}
		ptr = "/paths/" + escapePtr(tmpl) + "/" + strings.ToLower(method) + "/responses/" + status
		if ref, ok := resp["$ref"].(string); ok {
			ptr = strings.TrimPrefix(ref, "#")
		}
	}
	resp := s.lookup(ptr)
	content, _ := resp["content"].(map[string]any)
	if len(content) == 0 {
		if rec.Body.Len() != 0 {
			t.Errorf("%s %s: %d has a body, the document says none: %s", method, path, rec.Code, rec.Body)
		}
		return
	}
	mt, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	if _, ok := content[mt]; !ok {
		t.Errorf("%s %s: %d has Content-Type %q, the document says %v", method, path, rec.Code, mt, keys(content))
		return
	}
	if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return // text formats (metrics, CSV, NDJSON) are checked by their own tests
	}
	sch, err := s.schema(ptr + "/content/" + escapePtr(mt) + "/schema")
	if err != nil {
		t.Fatalf("compile schema for %s %s %d: %v", method, tmpl, rec.Code, err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Errorf("%s %s: %d body is not JSON: %v", method, path, rec.Code, err)
		return
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s %s: %d body does not match the document: %v\nbody: %s", method, path, rec.Code, err, rec.Body)
	}
}

// lookup returns the object at a JSON pointer into the document.
func (s *spec) lookup(ptr string) map[string]any {
	var v any = s.doc
	for _, p := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		p = strings.NewReplacer("~1", "/", "~0", "~").Replace(p)
		v = v.(map[string]any)[p]
	}
	m, _ := v.(map[string]any)
	return m
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// env is a handler over a store, with its log.
type env struct {
	h     http.Handler
	store Store
	log   *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func newEnv(t testing.TB, s Store, assets fs.FS) *env {
	t.Helper()
	buf := &syncBuffer{}
	h := NewHandler(Options{
		Store:   s,
		Logger:  slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Assets:  assets,
		Version: "test",
	})
	return &env{h: h, store: s, log: buf}
}

// request is one request to send.
type request struct {
	method  string
	path    string
	headers map[string]string
	body    string
	// chunked sends the body without a Content-Length.
	chunked bool
}

// do sends r and checks the response against the OpenAPI document. A body
// gets Content-Type: application/json unless r sets one.
func (e *env) do(t testing.TB, r request) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(r.method, r.path, strings.NewReader(r.body))
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.headers {
		if k == "Host" {
			req.Host = v
		}
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	if r.chunked {
		req.ContentLength = -1
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	checkResponse(t, r.method, req.URL.Path, rec)
	return rec
}

// doJSON sends r, requires wantStatus and decodes the body into out.
func (e *env) doJSON(t testing.TB, r request, wantStatus int, out any) *httptest.ResponseRecorder {
	t.Helper()
	rec := e.do(t, r)
	if rec.Code != wantStatus {
		t.Fatalf("%s %s = %d, want %d; body: %s", r.method, r.path, rec.Code, wantStatus, rec.Body)
	}
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", r.method, r.path, rec.Body, err)
		}
	}
	return rec
}

// create POSTs body to path, requires 201 Created and returns the new
// record's ID.
func (e *env) create(t testing.TB, path, body string) string {
	t.Helper()
	var out struct {
		ID string `json:"id"`
	}
	e.doJSON(t, request{method: http.MethodPost, path: path, body: body}, http.StatusCreated, &out)
	return out.ID
}

// decodeProblem decodes a problem body, requiring its content type.
func decodeProblem(t testing.TB, rec *httptest.ResponseRecorder) problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json; body: %s", ct, rec.Body)
	}
	var p problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("decode problem %s: %v", rec.Body, err)
	}
	return p
}

// snapshot lists every record of the store as kind/id -> version, to show
// that a failed request wrote nothing.
func snapshot(t testing.TB, s claims.Reader) map[string]int {
	t.Helper()
	ctx := context.Background()
	out := map[string]int{}
	opts := func(cursor string) claims.ListOptions {
		return claims.ListOptions{Limit: claims.MaxLimit, Cursor: cursor}
	}
	add := func(kind string, m claims.Meta) { out[kind+"/"+m.ID] = m.Version }
	for cur := ""; ; {
		p, err := s.ListTopics(ctx, claims.TopicFilter{ListOptions: opts(cur)})
		must(t, err)
		for _, r := range p.Items {
			add("topic", r.Meta)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := s.ListSources(ctx, claims.SourceFilter{ListOptions: opts(cur)})
		must(t, err)
		for _, r := range p.Items {
			add("source", r.Meta)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := s.ListClaimants(ctx, claims.ClaimantFilter{ListOptions: opts(cur)})
		must(t, err)
		for _, r := range p.Items {
			add("claimant", r.Meta)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := s.ListClaims(ctx, claims.ClaimFilter{ListOptions: opts(cur)})
		must(t, err)
		for _, r := range p.Items {
			add("claim", r.Meta)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	for cur := ""; ; {
		p, err := s.ListLinks(ctx, claims.LinkFilter{ListOptions: opts(cur)})
		must(t, err)
		for _, r := range p.Items {
			add("link", r.Meta)
		}
		if cur = p.Next; cur == "" {
			break
		}
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// problemFields returns the fields a problem names, in order.
func problemFields(p problem) []string {
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}

// errFake is the failure the fake store reports.
var errFake = errors.New("fake: disk on fire")

// failingStore is a store whose every used method fails, to force 500s
// and a failed readiness check; FindClaim panics.
type failingStore struct {
	Store
	failingWrites
}

// failingWrites makes failingStore a service.Persister, so that the
// handler writes through a service on it. It sits one level down, so that
// the ClaimReader of Persister gives way to Store's.
type failingWrites struct{ service.Persister }

func (failingStore) ListTopics(context.Context, claims.TopicFilter) (claims.Page[*claims.Topic], error) {
	return claims.Page[*claims.Topic]{}, errFake
}
func (failingStore) FindTopic(context.Context, string) (*claims.Topic, error) { return nil, errFake }
func (failingStore) CreateTopic(context.Context, *claims.Topic) error         { return errFake }
func (failingStore) FindClaim(context.Context, string) (*claims.Claim, error) {
	panic("fake: corrupt row")
}
func (failingStore) Ping(context.Context) error { return errFake }

// bundle builds an NDJSON exchange bundle: its header, then each record
// rec adds. It reads as the file, for exchange.Import.
type bundle struct {
	bytes.Buffer
	t testing.TB
}

func newBundle(t testing.TB) *bundle {
	b := &bundle{t: t}
	fmt.Fprintf(b, "{\"type\":\"header\",\"schema_version\":%d,\"exported_at\":\"2026-01-01T00:00:00Z\"}\n", claims.BundleSchemaVersion)
	return b
}

// rec adds a record of kind, v its fields.
func (b *bundle) rec(kind string, v map[string]any) {
	j, err := json.Marshal(v)
	if err != nil {
		b.t.Fatal(err)
	}
	fmt.Fprintf(b, "{\"type\":%q,\"record\":%s}\n", kind, j)
}

// allPages GETs path (which has a query) and every page after it by its
// next_cursor, and returns the items of all the pages in order.
func allPages[T any](t *testing.T, e *env, path string) []T {
	t.Helper()
	var out []T
	for cursor := ""; ; {
		p := path
		if cursor != "" {
			p += "&cursor=" + url.QueryEscape(cursor)
		}
		var page struct {
			Items      []T    `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		e.doJSON(t, request{method: "GET", path: p}, http.StatusOK, &page)
		out = append(out, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			return out
		}
	}
}
