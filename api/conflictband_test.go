package api

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestConflictsSeverityBand: min_severity with severity_below lists the
// conflicts of a half-open band of severity, by each sort and through the
// cursors, as the whole listing read once and narrowed here; severity_below
// that is no number above 1, or not above min_severity, is a problem naming
// it.
func TestConflictsSeverityBand(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		e := newEnv(t, s, nil)
		// Graded claims of every grade, so that a conflict's priority is
		// below its severity (ungraded only, priority is one factor of it).
		seedConflictingGraded(t, s, 300, []claims.Grade{claims.GradeConfirmed, claims.GradeFair, claims.GradeUngraded, claims.GradeContested, claims.GradeWeak, claims.GradeDiscounted, claims.GradeConfirmed})
		type item struct {
			TopicID  string  `json:"topic_id"`
			ClaimA   string  `json:"claim_a"`
			ClaimB   string  `json:"claim_b"`
			Severity float64 `json:"severity"`
		}
		// read follows the cursors of /conflicts?query, 7 a page.
		read := func(query string) []item {
			return allPages[item](t, e, "/api/v1/conflicts?limit=7&"+query)
		}
		for _, sort := range []string{"", "sort=-severity"} {
			all := read(sort)
			for _, band := range []struct {
				query    string
				min, max float64 // max 0: no upper bound
			}{{"min_severity=2&severity_below=5", 2, 5}, {"severity_below=2", 0, 2}, {"severity_below=5", 0, 5}, {"min_severity=5", 5, 0}} {
				var want []item
				for _, c := range all {
					if c.Severity >= band.min && (band.max == 0 || c.Severity < band.max) {
						want = append(want, c)
					}
				}
				what := fmt.Sprintf("%s %s", sort, band.query)
				if len(want) < 3 || len(want) == len(all) {
					t.Fatalf("%s: %d of %d conflicts in the band: the data should hold several in it and some outside", what, len(want), len(all))
				}
				if got := read(strings.TrimPrefix(sort+"&"+band.query, "&")); !slices.Equal(got, want) {
					t.Errorf("%s: %d conflicts listed, want the %d of the whole listing in the band, in its order", what, len(got), len(want))
				}
			}
		}
		for q, detail := range map[string]string{
			"severity_below=1":                 "above 1",
			"severity_below=0.5":               "above 1",
			"severity_below=five":              "above 1",
			"severity_below=NaN":               "above 1",
			"severity_below=%2BInf":            "above 1",
			"min_severity=5&severity_below=5":  "above min_severity (5)",
			"min_severity=10&severity_below=2": "above min_severity (10)",
		} {
			prob := decodeProblem(t, e.doJSON(t, request{method: "GET", path: "/api/v1/conflicts?" + q}, http.StatusUnprocessableEntity, nil))
			if len(prob.Errors) != 1 || prob.Errors[0].Field != "severity_below" || !strings.Contains(prob.Errors[0].Detail, detail) {
				t.Errorf("conflicts?%s: problems %+v, want one naming severity_below, saying %q", q, prob.Errors, detail)
			}
		}
	})
}
