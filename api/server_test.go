package api

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestOpenAPIRoutes checks that the router serves every operation of the
// document and the document describes every route of the router.
func TestOpenAPIRoutes(t *testing.T) {
	eng := newEngine(Options{Store: failingStore{}})
	var served []string
	for _, r := range eng.Routes() {
		segs := strings.Split(r.Path, "/")
		for i, s := range segs {
			if strings.HasPrefix(s, ":") {
				segs[i] = "{" + s[1:] + "}"
			}
		}
		served = append(served, r.Method+" "+strings.Join(segs, "/"))
	}
	var documented []string
	for path, item := range openSpec(t).doc["paths"].(map[string]any) {
		for method := range item.(map[string]any) {
			if slices.Contains([]string{"get", "put", "post", "patch", "delete", "head", "options"}, method) {
				documented = append(documented, strings.ToUpper(method)+" "+path)
			}
		}
	}
	slices.Sort(served)
	slices.Sort(documented)
	if diff := cmp.Diff(served, documented); diff != "" {
		t.Errorf("routes (-served +documented):\n%s", diff)
	}
	if len(served) < 29 {
		t.Errorf("%d routes served, want the 29 of the route table", len(served))
	}
}

func TestOpenAPIDocument(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	var doc map[string]any
	e.doJSON(t, request{method: "GET", path: "/api/v1/openapi.json"}, 200, &doc)
	if doc["openapi"] != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", doc["openapi"])
	}
	// Every schema the document names compiles.
	s := openSpec(t)
	for name := range s.doc["components"].(map[string]any)["schemas"].(map[string]any) {
		if _, err := s.schema("/components/schemas/" + name); err != nil {
			t.Errorf("schema %s: %v", name, err)
		}
	}
}

func TestHealth(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), nil)
	var h map[string]string
	e.doJSON(t, request{method: "GET", path: "/healthz"}, 200, &h)
	if h["status"] != "ok" || h["version"] != "test" {
		t.Errorf("GET /healthz = %v, want status ok and the version", h)
	}
	e.doJSON(t, request{method: "GET", path: "/readyz"}, 200, &h)
	if h["status"] != "ready" {
		t.Errorf("GET /readyz = %v, want ready", h)
	}
}

// TestMiddleware checks the headers of every response and the request log.
func TestMiddleware(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	rec := e.do(t, request{method: "GET", path: "/healthz", headers: map[string]string{"X-Request-ID": "bad id with spaces"}})
	for k, want := range map[string]string{
		"Content-Security-Policy": contentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
	} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	id := rec.Header().Get("X-Request-ID")
	if id == "" || id == "bad id with spaces" {
		t.Errorf("X-Request-ID = %q, want a fresh ID in place of an invalid one", id)
	}
	var line map[string]any
	for l := range strings.SplitSeq(strings.TrimSpace(e.log.String()), "\n") {
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
	}
	for _, k := range []string{"method", "path", "status", "duration_ms", "request_id"} {
		if _, ok := line[k]; !ok {
			t.Errorf("request log %v lacks %s", line, k)
		}
	}
	if line["request_id"] != id || line["status"] != 200.0 || line["path"] != "/healthz" {
		t.Errorf("request log = %v, want request_id %s, status 200 and the path", line, id)
	}
}

func TestAssets(t *testing.T) {
	assets := fstest.MapFS{
		"index.html":     {Data: []byte("<!doctype html><title>claimdesk</title>")},
		"css/app.css":    {Data: []byte("body{}")},
		"js/main.js":     {Data: []byte("import './api.js'")},
		"js/views/x.txt": {Data: []byte("x")},
	}
	e := newEnv(t, failingStore{}, assets)
	for _, tc := range []struct {
		method, path string
		wantStatus   int
		wantBody     string
		wantType     string
		wantNoCache  bool
	}{
		{"GET", "/", 200, "<!doctype html>", "text/html", true},
		{"GET", "/topics/01abc/compare", 200, "<!doctype html>", "text/html", true},
		{"GET", "/css", 200, "<!doctype html>", "text/html", true}, // a directory is no file: no listing
		{"HEAD", "/claims", 200, "", "text/html", true},
		{"GET", "/css/app.css", 200, "body{}", "text/css", true},
		{"GET", "/js/main.js", 200, "import", "text/javascript", true},
		{"GET", "/js/missing.js", 404, "", "application/problem+json", false},
		{"GET", "/api/v1/nothing", 404, `"code":"not_found"`, "application/problem+json", false},
		{"POST", "/topics", 405, `"code":"method_not_allowed"`, "application/problem+json", false},
	} {
		rec := e.do(t, request{method: tc.method, path: tc.path})
		if rec.Code != tc.wantStatus || !strings.Contains(rec.Body.String(), tc.wantBody) || !strings.HasPrefix(rec.Header().Get("Content-Type"), tc.wantType) {
			t.Errorf("%s %s = %d %q %q, want %d with %q, %s", tc.method, tc.path, rec.Code, rec.Header().Get("Content-Type"), rec.Body, tc.wantStatus, tc.wantBody, tc.wantType)
		}
		if got := rec.Header().Get("Cache-Control") == "no-cache"; got != tc.wantNoCache {
			t.Errorf("%s %s: Cache-Control = %q, want no-cache %v", tc.method, tc.path, rec.Header().Get("Cache-Control"), tc.wantNoCache)
		}
		if rec.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s %s: no Content-Security-Policy", tc.method, tc.path)
		}
	}
	// Without assets only the API is served.
	rec := newEnv(t, failingStore{}, nil).do(t, request{method: "GET", path: "/"})
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET / without assets = %d, want 404", rec.Code)
	}
}

// TestAssetCaching: an asset comes with a content-hash ETag, a reload
// that sends it back gets 304 with no body, and text is gzipped for a
// client that accepts it.
func TestAssetCaching(t *testing.T) {
	big := strings.Repeat("body { color: black; }\n", 200)
	assets := fstest.MapFS{
		"index.html":  {Data: []byte("<!doctype html><title>claimdesk</title>")},
		"css/app.css": {Data: []byte(big)},
		"js/main.js":  {Data: []byte("import './api.js'")},
	}
	srv := httptest.NewServer(NewHandler(Options{Store: failingStore{}, Assets: assets}))
	defer srv.Close()
	get := func(path string, hdr map[string]string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		// A Transport that does not ask for gzip itself, so the test
		// sees the encoding the server chose.
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	css := get("/css/app.css", nil)
	css.Body.Close()
	tag := css.Header.Get("ETag")
	js := get("/js/main.js", nil)
	js.Body.Close()
	if tag == "" || tag == js.Header.Get("ETag") {
		t.Fatalf("ETags app.css %q, main.js %q: want one per content", tag, js.Header.Get("ETag"))
	}
	for _, p := range []string{"/css/app.css", "/topics/x"} {
		first := get(p, nil)
		first.Body.Close()
		again := get(p, map[string]string{"If-None-Match": first.Header.Get("ETag")})
		body, _ := io.ReadAll(again.Body)
		again.Body.Close()
		if again.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("GET %s revalidated: %d with %d bytes, want 304 and no body", p, again.StatusCode, len(body))
		}
	}
	zipped := get("/css/app.css", map[string]string{"Accept-Encoding": "gzip"})
	defer zipped.Body.Close()
	if zipped.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(zipped.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("app.css: Content-Encoding %q, Vary %q; want gzip, Accept-Encoding", zipped.Header.Get("Content-Encoding"), zipped.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || string(plain) != big {
		t.Errorf("gunzipped app.css differs from the file (err %v)", err)
	}
	if n, _ := strconv.Atoi(zipped.Header.Get("Content-Length")); n >= len(big) {
		t.Errorf("gzipped Content-Length %s, file %d bytes", zipped.Header.Get("Content-Length"), len(big))
	}
}

// TestExtract finds each quantity of a quote that holds two, which the
// parse endpoint refuses as ambiguous.
func TestExtract(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	quote := "The number practically doubled to around 1,700, up from 800 a year earlier."
	var got struct {
		Items []struct {
			Text       string
			Low, High  *float64
			Start, End int
		}
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{"text":` + strconv.Quote(quote) + `}`}, 200, &got)
	if len(got.Items) != 2 {
		t.Fatalf("extract found %d quantities, want 2: %+v", len(got.Items), got.Items)
	}
	for _, it := range got.Items {
		if quote[it.Start:it.End] != it.Text {
			t.Errorf("span %d-%d is %q, the item says %q", it.Start, it.End, quote[it.Start:it.End], it.Text)
		}
	}
	if first := got.Items[0]; first.Low == nil || *first.Low != 1530 {
		t.Errorf("first quantity = %+v, want around 1,700 read from 1,530", first)
	}
	e.doJSON(t, request{method: "POST", path: "/api/v1/parse", body: `{"text":` + strconv.Quote(quote) + `}`}, 422, nil)
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{}`}, 422, nil)
	var none struct{ Items []any }
	e.doJSON(t, request{method: "POST", path: "/api/v1/extract", body: `{"text":"no figures here"}`}, 200, &none)
	if none.Items == nil || len(none.Items) != 0 {
		t.Errorf("text without quantities gave %+v, want an empty list", none.Items)
	}
}
