package api

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// getComparison sends GET path to e's handler with the given headers,
// as a client would (no OpenAPI check: a gzipped body is not JSON).
func getComparison(t *testing.T, e *env, path string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	for i := 0; i < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

// gunzip decodes a gzip stream with the standard library.
func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gzip header: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip stream: %v", err)
	}
	return out
}

// checkEncoded checks the headers of a 200 comparison in encoding enc
// ("" or "gzip") and returns its JSON, decoded from gzip when need be.
func checkEncoded(t *testing.T, what string, rec *httptest.ResponseRecorder, enc string) []byte {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: %d %s", what, rec.Code, rec.Body)
	}
	h := rec.Header()
	if got := h.Get("Content-Encoding"); got != enc {
		t.Errorf("%s: Content-Encoding %q, want %q", what, got, enc)
	}
	if !strings.Contains(strings.Join(h.Values("Vary"), ","), "Accept-Encoding") {
		t.Errorf("%s: Vary %q lacks Accept-Encoding", what, h.Values("Vary"))
	}
	if got := h.Get("Content-Length"); got != strconv.Itoa(rec.Body.Len()) {
		t.Errorf("%s: Content-Length %s, body %d bytes", what, got, rec.Body.Len())
	}
	if h.Get("ETag") == "" {
		t.Errorf("%s: no ETag", what)
	}
	body := rec.Body.Bytes()
	if enc == "gzip" {
		body = gunzip(t, body)
	}
	var c comparison
	if err := json.Unmarshal(body, &c); err != nil {
		t.Fatalf("%s: the body is no comparison: %v", what, err)
	}
	return body
}

// TestComparisonEncodings: the comparison comes gzipped to a client that
// accepts gzip, decoding to exactly the plain body, from the first
// request (the cache filled) and from the next (served from the cache);
// each encoding has its own ETag, answered 304 when sent back; a write to
// the topic changes both.
func TestComparisonEncodings(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		const path = "/api/v1/topics/t-ru/comparison?limit=5000"
		const browser = "gzip, deflate, br, zstd"

		zipped := getComparison(t, e, path, "Accept-Encoding", browser) // fills the cache
		fromZip := checkEncoded(t, "gzip, first", zipped, "gzip")
		plain := getComparison(t, e, path)
		body := checkEncoded(t, "identity", plain, "")
		if !bytes.Equal(fromZip, body) {
			t.Fatalf("the gzipped body decodes to\n%s\nthe plain body is\n%s", fromZip, body)
		}
		again := getComparison(t, e, path, "Accept-Encoding", "gzip")
		if !bytes.Equal(checkEncoded(t, "gzip, cached", again, "gzip"), body) {
			t.Errorf("the cached gzipped body does not decode to the plain body")
		}
		for _, ae := range []string{"gzip;q=0", "identity", "br", "*;q=0.5, gzip;q=0"} {
			checkEncoded(t, "Accept-Encoding "+ae, getComparison(t, e, path, "Accept-Encoding", ae), "")
		}
		if got := getComparison(t, e, path, "Accept-Encoding", "*"); got.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("Accept-Encoding *: Content-Encoding %q, want gzip", got.Header().Get("Content-Encoding"))
		}
		tagPlain, tagZip := plain.Header().Get("ETag"), zipped.Header().Get("ETag")
		if tagPlain == tagZip || again.Header().Get("ETag") != tagZip {
			t.Fatalf("ETags: plain %s, gzip %s then %s; want one per encoding, stable", tagPlain, tagZip, again.Header().Get("ETag"))
		}

		notModified := func(what string, headers ...string) {
			t.Helper()
			rec := getComparison(t, e, path, headers...)
			if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
				t.Errorf("%s: %d with %d bytes, want 304 and no body", what, rec.Code, rec.Body.Len())
			}
		}
		notModified("plain, its ETag", "If-None-Match", tagPlain)
		notModified("plain, its ETag weak", "If-None-Match", `"x", W/`+tagPlain)
		notModified("gzip, its ETag", "If-None-Match", tagZip, "Accept-Encoding", browser)
		// The other encoding's tag names another representation.
		checkEncoded(t, "gzip with the plain ETag", getComparison(t, e, path, "If-None-Match", tagPlain, "Accept-Encoding", "gzip"), "gzip")
		checkEncoded(t, "plain with the gzip ETag", getComparison(t, e, path, "If-None-Match", tagZip), "")
		// Another query is another resource, with the same version.
		if rec := getComparison(t, e, "/api/v1/topics/t-ru/comparison?limit=1"); rec.Code != http.StatusOK {
			t.Errorf("limit=1: %d", rec.Code)
		}

		// A write to the topic: neither old tag matches, and both forms
		// show the write.
		e.doJSON(t, request{method: "PATCH", path: "/api/v1/topics/t-ru", body: `{"title":"Renamed topic"}`, headers: map[string]string{"If-Match": "*"}}, http.StatusOK, nil)
		newZip := getComparison(t, e, path, "If-None-Match", tagZip, "Accept-Encoding", "gzip")
		newPlain := getComparison(t, e, path, "If-None-Match", tagPlain)
		zb, pb := checkEncoded(t, "gzip after the write", newZip, "gzip"), checkEncoded(t, "plain after the write", newPlain, "")
		if !bytes.Equal(zb, pb) {
			t.Errorf("after the write, the gzipped body differs from the plain one")
		}
		for _, b := range [][]byte{zb, pb} {
			var c comparison
			if json.Unmarshal(b, &c); c.Topic == nil || c.Topic.Title != "Renamed topic" {
				t.Errorf("after the write, the comparison shows the topic %+v", c.Topic)
			}
		}
		if newZip.Header().Get("ETag") == tagZip || newPlain.Header().Get("ETag") == tagPlain || newZip.Header().Get("ETag") == newPlain.Header().Get("ETag") {
			t.Errorf("ETags after the write: gzip %s (was %s), plain %s (was %s)", newZip.Header().Get("ETag"), tagZip, newPlain.Header().Get("ETag"), tagPlain)
		}
		notModified("gzip, its new ETag", "If-None-Match", newZip.Header().Get("ETag"), "Accept-Encoding", "gzip")

		// HEAD: the headers of GET, no body.
		req := httptest.NewRequest("HEAD", path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		head := httptest.NewRecorder()
		e.h.ServeHTTP(head, req)
		if head.Code != http.StatusOK || head.Body.Len() != 0 || head.Header().Get("Content-Length") != newZip.Header().Get("Content-Length") {
			t.Errorf("HEAD: %d, %d bytes, Content-Length %s; want 200, none, %s", head.Code, head.Body.Len(), head.Header().Get("Content-Length"), newZip.Header().Get("Content-Length"))
		}
	})
}

// TestBodyCacheCountsBothForms: the cache's bound holds the plain and the
// gzipped bodies together, and keeps no body over a quarter of it.
func TestBodyCacheCountsBothForms(t *testing.T) {
	c := newBodyCache(100)
	entry := func(plain, zipped int) bodyEntry {
		return bodyEntry{plain: make([]byte, plain), gzipped: make([]byte, zipped)}
	}
	c.put("a", "1", entry(15, 10))
	c.put("b", "1", entry(15, 10))
	c.put("c", "1", entry(15, 10))
	if c.c.Bytes() != 75 {
		t.Fatalf("three entries of 15+10 bytes: size %d, want 75", c.c.Bytes())
	}
	c.put("d", "1", entry(20, 5)) // 100 bytes: all fit
	c.put("e", "1", entry(1, 1))  // evicts a, the least recently used
	if _, ok := c.get("a", "1"); ok || c.c.Bytes() != 77 {
		t.Errorf("after e: a kept %v, size %d; want a evicted, size 77", ok, c.c.Bytes())
	}
	c.put("b", "1", entry(1, 1)) // replaces b
	if c.c.Bytes() != 54 {
		t.Errorf("b replaced by 1+1 bytes: size %d, want 54", c.c.Bytes())
	}
	c.put("big", "1", entry(20, 6)) // over a quarter of the limit, both forms counted
	if _, ok := c.get("big", "1"); ok {
		t.Errorf("an entry of 20+6 bytes kept under a limit of 100")
	}
	if e, ok := c.get("d", "1"); !ok || len(e.plain) != 20 || len(e.gzipped) != 5 {
		t.Errorf("d: %v %d+%d", ok, len(e.plain), len(e.gzipped))
	}
	if _, ok := c.get("d", "2"); ok {
		t.Errorf("d found at another version")
	}
}
