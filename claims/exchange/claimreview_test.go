package exchange_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// Where the rules below come from.
const (
	googleFactCheck = "Google Search Central, Fact check (ClaimReview) structured data, developers.google.com/search/docs/appearance/structured-data/factcheck"
	factCheckAPI    = "Google Fact Check Tools API, ClaimReviewMarkup and ClaimRating, developers.google.com/fact-check/tools/api/reference/rest/v1alpha1/pages"
	schemaOrgRating = "schema.org Rating: bestRating and worstRating"
)

var testPublisher = exchange.Publisher{Name: "Example Newsroom", URL: "https://newsroom.example.org/",
	Logo: "https://newsroom.example.org/logo.png", BaseURL: "https://claims.example.org/desk"}

// reviewCase is one ClaimReview with the claim it reviews.
type reviewCase struct {
	cr    map[string]any
	claim *claims.Claim
}

// get follows a dotted path through nested objects.
func get(v any, path string) (any, bool) {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

func text(v any, path string) string {
	x, _ := get(v, path)
	s, _ := x.(string)
	return s
}

func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil || claims.Date(s).Valid()
}

func absURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// claimReviewRules are the required and recommended properties that search
// engines publish for ClaimReview, each checked on every review; check
// returns what is wrong, or "".
var claimReviewRules = []struct {
	property, level, source string
	check                   func(r reviewCase) string
}{
	{"claimReviewed", "required", googleFactCheck + ": a short summary of the claim being evaluated", func(r reviewCase) string {
		if strings.TrimSpace(text(r.cr, "claimReviewed")) == "" {
			return "missing"
		}
		return ""
	}},
	{"reviewRating", "required", googleFactCheck + ": the assessment of the claim, a Rating", func(r reviewCase) string {
		if text(r.cr, "reviewRating.@type") != "Rating" {
			return "not a Rating"
		}
		return ""
	}},
	{"reviewRating.alternateName", "required", googleFactCheck + ": the truthfulness rating as a short word or phrase a reader understands; the textual value is the one search results show", func(r reviewCase) string {
		alt := text(r.cr, "reviewRating.alternateName")
		switch {
		case alt == "":
			return "missing"
		case alt == string(r.claim.Grade):
			return "the internal grade code, not words for a reader"
		}
		return ""
	}},
	{"url", "required", googleFactCheck + ": the page hosting the fact check, on the same domain as the page carrying the markup; " + factCheckAPI + ": only the page URL (plus an anchor) may be given", func(r reviewCase) string {
		want := testPublisher.ClaimPageURL(r.claim.ID)
		if got := text(r.cr, "url"); got != want || !absURL(got) {
			return fmt.Sprintf("%q, want the claim's page %q", got, want)
		}
		return ""
	}},
	{"author", "recommended", googleFactCheck + ": the publisher of the fact check (Organization or Person) with its name and url", func(r reviewCase) string {
		if text(r.cr, "author.@type") != "Organization" || text(r.cr, "author.name") != testPublisher.Name || text(r.cr, "author.url") != testPublisher.URL {
			return fmt.Sprintf("%v, want the deployment's organisation", r.cr["author"])
		}
		if text(r.cr, "author.logo.url") != testPublisher.Logo {
			return "lacks the organisation's logo"
		}
		return ""
	}},
	{"datePublished", "recommended", factCheckAPI + ": publishDate, the date the fact check was published", func(r reviewCase) string {
		if !isDate(text(r.cr, "datePublished")) {
			return "missing or not a date"
		}
		return ""
	}},
	{"itemReviewed", "recommended", googleFactCheck + ": the claim being reviewed, a Claim", func(r reviewCase) string {
		if text(r.cr, "itemReviewed.@type") != "Claim" {
			return "not a Claim"
		}
		return ""
	}},
	{"itemReviewed.author", "recommended", googleFactCheck + ": who made the claim, with name; " + factCheckAPI + ": claimAuthor", func(r reviewCase) string {
		if typ := text(r.cr, "itemReviewed.author.@type"); (typ != "Person" && typ != "Organization") || text(r.cr, "itemReviewed.author.name") == "" {
			return "no Person or Organization with a name"
		}
		return ""
	}},
	{"itemReviewed.datePublished", "recommended", googleFactCheck + ": when the claim was made; " + factCheckAPI + ": claimDate", func(r reviewCase) string {
		d := text(r.cr, "itemReviewed.datePublished")
		if (r.claim.SaidOn != "" || r.claim.PublishedOn != "") && !isDate(d) {
			return fmt.Sprintf("%q for a claim said on %q", d, r.claim.SaidOn)
		}
		return ""
	}},
	{"itemReviewed.appearance[].url", "recommended", googleFactCheck + ": the works in which the claim appears; " + factCheckAPI + ": claimAppearances = itemReviewed.appearance.url", func(r reviewCase) string {
		apps, _ := get(r.cr, "itemReviewed.appearance")
		list, _ := apps.([]any)
		if len(list) != len(r.claim.Provenance.Relays) {
			return fmt.Sprintf("%d appearances for %d relays", len(list), len(r.claim.Provenance.Relays))
		}
		for i, a := range list {
			if u := text(a, "url"); r.claim.Provenance.Relays[i].URL != "" && u != r.claim.Provenance.Relays[i].URL {
				return fmt.Sprintf("appearance %d has url %q, want the relay's %q", i, u, r.claim.Provenance.Relays[i].URL)
			}
		}
		return ""
	}},
	{"reviewRating.ratingValue", "recommended", factCheckAPI + ": a numeric rating, in the range worstRating to bestRating inclusive; " + googleFactCheck + ": a number-to-text rating scheme for numeric ratings", func(r reviewCase) string {
		v, ok := get(r.cr, "reviewRating.ratingValue")
		if r.claim.Grade == claims.GradeUngraded {
			if ok {
				return "an ungraded claim has a numeric rating"
			}
			return ""
		}
		best, _ := get(r.cr, "reviewRating.bestRating")
		worst, _ := get(r.cr, "reviewRating.worstRating")
		n, _ := v.(float64)
		b, _ := best.(float64)
		w, _ := worst.(float64)
		if !ok || b == 0 || n < w || n > b {
			return fmt.Sprintf("ratingValue %v outside [%v, %v]", v, worst, best)
		}
		return ""
	}},
	{"reviewRating.bestRating/worstRating", "recommended", schemaOrgRating + " default to 5 and 1; stated so the scale is explicit", func(r reviewCase) string {
		if r.claim.Grade == claims.GradeUngraded {
			return ""
		}
		if b, _ := get(r.cr, "reviewRating.bestRating"); b != 5.0 {
			return fmt.Sprintf("bestRating %v", b)
		}
		if w, _ := get(r.cr, "reviewRating.worstRating"); w != 1.0 {
			return fmt.Sprintf("worstRating %v", w)
		}
		return ""
	}},
}

// claimReviewCases exports s as ClaimReview with pub and pairs each review
// with its claim.
func claimReviewCases(t *testing.T, s *gormstore.Store, pub exchange.Publisher) []reviewCase {
	t.Helper()
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	var buf strings.Builder
	if err := exchange.Export(context.Background(), s, &buf, exchange.ClaimReview, exchange.Filter{},
		exchange.ExportOptions{Publisher: pub}); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(buf.String()), &doc); err != nil {
		t.Fatalf("ClaimReview export is not JSON: %v", err)
	}
	var out []reviewCase
	for _, cr := range doc.Graph {
		id := strings.TrimPrefix(text(cr, "@id"), "urn:claimdesk:claim:")
		c, err := s.FindClaim(context.Background(), id)
		if err != nil {
			t.Fatalf("review of %q: %v", id, err)
		}
		out = append(out, reviewCase{cr, c})
	}
	return out
}

func TestClaimReviewProperties(t *testing.T) {
	s := storetest.SQLite(t)
	loadDemo(t, s)
	// One claim with relays is graded, so appearances are checked.
	ctx := context.Background()
	var relayed *claims.Claim
	s.EachClaim(ctx, exchange.Filter{}, func(c *claims.Claim) error {
		if relayed == nil && len(c.Provenance.Relays) > 1 {
			relayed = c
		}
		return nil
	})
	if relayed == nil {
		t.Fatal("the demo has no claim with two relays")
	}
	relayed.Grade = claims.GradeContested
	if err := s.UpdateClaim(ctx, relayed); err != nil {
		t.Fatal(err)
	}
	cases := claimReviewCases(t, s, testPublisher)
	if len(cases) < 5 {
		t.Fatalf("%d reviews, want the demo's graded claims", len(cases))
	}
	grades := map[claims.Grade]bool{}
	for _, r := range cases {
		grades[r.claim.Grade] = true
		for _, rule := range claimReviewRules {
			if msg := rule.check(r); msg != "" {
				t.Errorf("claim %s: %s property %s: %s (rule: %s)", r.claim.ID, rule.level, rule.property, msg, rule.source)
			}
		}
	}
	if !grades[claims.GradeContested] || len(grades) < 3 {
		t.Errorf("the reviews cover grades %v, want several, contested among them", grades)
	}
	// Each grade says something different to a reader.
	seen := map[string]claims.Grade{}
	for _, g := range claims.Grades {
		w := exchange.GradeWords[g]
		if w == "" || seen[w] != "" {
			t.Errorf("grade %s reads %q, which is empty or shared with %s", g, w, seen[w])
		}
		seen[w] = g
	}

	// Without a publisher, the required url and the recommended author
	// are missing, and the rules say so: the table can fail.
	bare := claimReviewCases(t, s, exchange.Publisher{})
	failed := map[string]bool{}
	for _, r := range bare {
		for _, rule := range claimReviewRules {
			if rule.check(r) != "" {
				failed[rule.property] = true
			}
		}
	}
	if !failed["url"] || !failed["author"] || len(failed) != 2 {
		t.Errorf("without a publisher the rules failed %v, want exactly url and author", failed)
	}
}

func TestClaimReviewJSONEscapes(t *testing.T) {
	t.Parallel()
	c := &claims.Claim{Meta: claims.Meta{ID: "c1", UpdatedAt: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)},
		Quote: `</script><script>alert(1)</script> & more`, Grade: claims.GradeWeak}
	b, err := exchange.ClaimReviewJSON(exchange.ClaimReviewInput{Claim: c}, testPublisher)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(string(b)), "</script") || strings.ContainsAny(string(b), "<>") {
		t.Errorf("ClaimReviewJSON lets markup through: %s", b)
	}
	var cr map[string]any
	if err := json.Unmarshal(b, &cr); err != nil {
		t.Fatal(err)
	}
	if cr["claimReviewed"] != c.Quote || cr["@context"] != "https://schema.org" || cr["url"] != "https://claims.example.org/desk/claims/c1" {
		t.Errorf("ClaimReviewJSON = %s", b)
	}
}

func TestPublisherValidate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		p     exchange.Publisher
		field string
	}{
		{testPublisher, ""},
		{exchange.Publisher{}, ""},
		{exchange.Publisher{Name: "N", BaseURL: "claims.example.org"}, "public_url"},
		{exchange.Publisher{Name: "N", Logo: "javascript:alert(1)"}, "org_logo"},
		{exchange.Publisher{URL: "https://example.org"}, "org_name"},
	} {
		err := tt.p.Validate()
		var got string
		if e, ok := err.(*claims.Error); ok && len(e.Fields) > 0 {
			got = e.Fields[0].Field
		}
		if got != tt.field || (err == nil) != (tt.field == "") {
			t.Errorf("%+v.Validate() = %v, want a problem with %q", tt.p, err, tt.field)
		}
	}
}
