package api

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// claimTagForm is the form of a claim's ETag the OpenAPI document gives.
var claimTagForm = regexp.MustCompile(`^"([0-9]+)\.[0-9a-f]{8}"$`)

// TestClaimETagFollowsTheParserVersion restamps a claim's parser version
// the way `claimdesk reparse` does for a claim a new parser reads as
// before (no new version): what GET returns changes, and so must the
// ETag, while its version stays. An If-None-Match of the old tag gets
// the new claim, of the new tag a 304; If-Match takes the old tag, the
// new one and the bare version alike, as only the version is compared.
func TestClaimETagFollowsTheParserVersion(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		seed(t, e)
		get := func(headers map[string]string) (*claims.Claim, string, int) {
			t.Helper()
			rec := e.do(t, request{method: "GET", path: "/api/v1/claims/cl-indy", headers: headers})
			var c claims.Claim
			if rec.Code == http.StatusOK {
				must(t, json.Unmarshal(rec.Body.Bytes(), &c))
			}
			return &c, rec.Header().Get("ETag"), rec.Code
		}
		before, tag1, _ := get(nil)
		if m := claimTagForm.FindStringSubmatch(tag1); m == nil || m[1] != "1" {
			t.Fatalf("ETag %q, want \"1.<8 hex digits>\"", tag1)
		}
		if _, again, _ := get(nil); again != tag1 {
			t.Errorf("ETag %q then %q for the same claim", tag1, again)
		}
		if _, _, code := get(map[string]string{"If-None-Match": tag1}); code != http.StatusNotModified {
			t.Errorf("If-None-Match of the current tag = %d, want 304", code)
		}

		must(t, s.StampParserVersion(context.Background(), before.ParserVersion+"+next", []string{"cl-indy"}))
		after, tag2, _ := get(nil)
		if after.Version != before.Version || after.ParserVersion == before.ParserVersion {
			t.Fatalf("after the restamp: version %d, parser %q; want version %d kept and the parser version changed", after.Version, after.ParserVersion, before.Version)
		}
		if m := claimTagForm.FindStringSubmatch(tag2); m == nil || m[1] != "1" || tag2 == tag1 {
			t.Errorf("ETag after the restamp %q (before %q): want another \"1.<hash>\"", tag2, tag1)
		}
		if got, _, code := get(map[string]string{"If-None-Match": tag1}); code != http.StatusOK || got.ParserVersion != after.ParserVersion {
			t.Errorf("If-None-Match of the tag before the restamp = %d, want 200 with the restamped claim", code)
		}
		if _, _, code := get(map[string]string{"If-None-Match": tag2}); code != http.StatusNotModified {
			t.Errorf("If-None-Match of the new tag = %d, want 304", code)
		}

		// The claim's page gives the claim's tag.
		if rec := e.do(t, request{method: "GET", path: "/api/v1/claims/cl-indy?include=page"}); rec.Header().Get("ETag") != tag2 {
			t.Errorf("the claim page's ETag %q, want the claim's %q", rec.Header().Get("ETag"), tag2)
		}

		// If-Match: the tag from before the restamp, the bare version and
		// the current tag each write at their version; the answer's tag is
		// what GET gives next.
		version := 1
		for _, ifMatch := range []func() string{
			func() string { return tag1 },
			func() string { return `"2"` },
			func() string { _, tag, _ := get(nil); return tag },
		} {
			im := ifMatch()
			rec := e.doJSON(t, request{method: "PATCH", path: "/api/v1/claims/cl-indy", headers: map[string]string{"If-Match": im},
				body: `{"notes":"checked against ` + strings.Trim(im, `"`) + `"}`}, http.StatusOK, nil)
			version++
			_, now, _ := get(nil)
			if m := claimTagForm.FindStringSubmatch(now); m == nil || m[1] != strconv.Itoa(version) || rec.Header().Get("ETag") != now {
				t.Errorf("PATCH with If-Match %s: ETag %q, GET then %q; want the same \"%d.<hash>\"", im, rec.Header().Get("ETag"), now, version)
			}
		}

		// A stale tag is a 412 whose ETag is the current one.
		_, current, _ := get(nil)
		rec := e.do(t, request{method: "PATCH", path: "/api/v1/claims/cl-indy", headers: map[string]string{"If-Match": tag2}, body: `{"notes":"late"}`})
		if p := decodeProblem(t, rec); rec.Code != http.StatusPreconditionFailed || p.CurrentVersion != version || rec.Header().Get("ETag") != current || !strings.Contains(p.Detail, "If-Match: "+current) {
			t.Errorf("stale PATCH = %d, current_version %d, ETag %q, detail %q; want 412 at %d with ETag %s", rec.Code, p.CurrentVersion, rec.Header().Get("ETag"), p.Detail, version, current)
		}
		rec = e.do(t, request{method: "DELETE", path: "/api/v1/claims/cl-bogdanov", headers: map[string]string{"If-Match": `"9.0123abcd"`}})
		if rec.Code != http.StatusPreconditionFailed || !claimTagForm.MatchString(rec.Header().Get("ETag")) {
			t.Errorf("stale DELETE = %d with ETag %q, want 412 with the claim's tag", rec.Code, rec.Header().Get("ETag"))
		}

		// A restore answers with the tag GET gives the restored claim.
		rec = e.doJSON(t, request{method: "POST", path: "/api/v1/claims/cl-indy/restore", body: `{"version":1}`}, http.StatusOK, nil)
		if _, now, _ := get(nil); rec.Header().Get("ETag") != now {
			t.Errorf("restore: ETag %q, GET then %q", rec.Header().Get("ETag"), now)
		}

		// Other records keep their bare version.
		if rec := e.do(t, request{method: "GET", path: "/api/v1/topics/t-ru"}); rec.Header().Get("ETag") != `"1"` {
			t.Errorf("a topic's ETag %q, want \"1\"", rec.Header().Get("ETag"))
		}
	})
}

// TestMalformedIfMatch: anything but one tag of the server's forms, or *,
// is a 400 problem that names the header, with no pointer into the body,
// and writes nothing.
func TestMalformedIfMatch(t *testing.T) {
	s := storetest.SQLite(t)
	e := newEnv(t, s, nil)
	seed(t, e)
	for _, im := range []string{`1`, `W/"1"`, `"1", "2"`, `"0"`, `"-1"`, `"1."`, `"1.5f0c91e"`, `"1.5f0c91e2a"`, `"1.5F0C91E2"`, `"1.5f0c91eg"`, `".5f0c91e2"`, `"x.5f0c91e2"`, `"1.2.5f0c91e2"`, `"`, `""`} {
		for _, r := range []request{
			{method: "PATCH", path: "/api/v1/claims/cl-indy", body: `{"notes":"x"}`},
			{method: "DELETE", path: "/api/v1/claims/cl-indy"},
			{method: "PATCH", path: "/api/v1/topics/t-ru", body: `{"title":"x"}`},
		} {
			before := snapshot(t, s)
			r.headers = map[string]string{"If-Match": im}
			rec := e.do(t, r)
			p := decodeProblem(t, rec)
			if rec.Code != http.StatusBadRequest || p.Code != claims.CodeMalformed || len(p.Errors) != 1 || p.Errors[0].Field != "If-Match" || p.Errors[0].Pointer != "" ||
				!strings.Contains(p.Detail, "If-Match") {
				t.Errorf("%s %s with If-Match %s = %d %s, want 400 malformed naming If-Match, no pointer", r.method, r.path, im, rec.Code, rec.Body)
			}
			if diff := cmp.Diff(snapshot(t, s), before); diff != "" {
				t.Errorf("%s with If-Match %s changed the store (-after +before):\n%s", r.method, im, diff)
			}
		}
	}
}

// BenchmarkClaimETag is what a claim's tag costs beside the bare version's
// (GET /claims/{id} as a whole: BenchmarkGetClaim/handler).
func BenchmarkClaimETag(b *testing.B) {
	c := &claims.Claim{Meta: claims.Meta{Version: 12}, ParserVersion: "quantity/2026-11+en,ru"}
	b.Run("version", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = etag(c.Version)
		}
	})
	b.Run("claim", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = claimETag(c)
		}
	})
}
