package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestClaimPageJSONLD: the HTML served for a reviewed claim's page holds
// the same ClaimReview as the export, in its head; other pages hold none.
func TestClaimPageJSONLD(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	if _, err := demo.Load(ctx, service.New(s, nil)); err != nil {
		t.Fatal(err)
	}
	pub := exchange.Publisher{Name: "Example Newsroom", URL: "https://newsroom.example.org/", BaseURL: "https://claims.example.org"}
	assets := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><html><head><title>claimdesk</title></head><body><main></main></body></html>")}}
	h := NewHandler(Options{Store: s, Assets: assets, Publisher: pub})
	get := func(method, path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
		return rec
	}

	var all []*claims.Claim
	s.EachClaim(ctx, exchange.Filter{}, func(c *claims.Claim) error {
		all = append(all, c)
		return nil
	})
	var graded, ungraded *claims.Claim
	for _, c := range all {
		if c.Grade != claims.GradeUngraded && graded == nil {
			graded = c
			continue
		}
		rv, err := s.ListReviews(ctx, claims.ReviewFilter{ClaimID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if ungraded == nil && len(rv.Items) == 0 {
			ungraded = c
		}
	}
	if graded == nil || ungraded == nil {
		t.Fatal("the demo lacks a graded claim or a claim without reviews")
	}
	ungraded.Grade = claims.GradeUngraded
	if err := s.UpdateClaim(ctx, ungraded); err != nil {
		t.Fatal(err)
	}
	// A quote that tries to close the script element stays inside it.
	graded.Quote = `says </script><script>alert(1)</script> "400"`
	if err := s.UpdateClaim(ctx, graded); err != nil {
		t.Fatal(err)
	}

	rec := get(http.MethodGet, "/claims/"+graded.ID)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /claims/%s = %d %s", graded.ID, rec.Code, rec.Header().Get("Content-Type"))
	}
	m := ldScript.FindAllStringSubmatch(body, -1)
	if len(m) != 1 {
		t.Fatalf("page holds %d JSON-LD blocks, want 1:\n%s", len(m), body)
	}
	if head := body[:strings.Index(body, "</head>")]; !strings.Contains(head, m[0][0]) {
		t.Errorf("the JSON-LD is not in the head")
	}
	if strings.Count(strings.ToLower(body), "<script") != 1 {
		t.Errorf("the quote opened a script element:\n%s", body)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(m[0][1]), &got); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}

	// The same review as the export's.
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	var buf strings.Builder
	if err := exchange.Export(ctx, s, &buf, exchange.ClaimReview, exchange.Filter{}, exchange.ExportOptions{Publisher: pub}); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(buf.String()), &doc); err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	for _, r := range doc.Graph {
		if r["@id"] == "urn:claimdesk:claim:"+graded.ID {
			want = r
		}
	}
	want["@context"] = "https://schema.org"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("page JSON-LD differs from the export (-export +page):\n%s", diff)
	}
	if got["url"] != "https://claims.example.org/claims/"+graded.ID || got["claimReviewed"] != graded.Quote {
		t.Errorf("url %v, claimReviewed %v", got["url"], got["claimReviewed"])
	}

	for _, p := range []string{"/claims/" + ungraded.ID, "/claims/new", "/claims/no-such-claim", "/", "/topics/topic-chechens"} {
		rec := get(http.MethodGet, p)
		if rec.Code != http.StatusOK || ldScript.MatchString(rec.Body.String()) {
			t.Errorf("GET %s = %d with JSON-LD %v, want the plain page", p, rec.Code, ldScript.MatchString(rec.Body.String()))
		}
	}
	if rec := get(http.MethodHead, "/claims/"+graded.ID); rec.Code != http.StatusOK {
		t.Errorf("HEAD /claims/%s = %d", graded.ID, rec.Code)
	}
}
