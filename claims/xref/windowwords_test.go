package xref_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// TestConflictSaysHowFarApart: a conflict between claims a month or more
// apart says how many days apart they are and that the topic's window is
// what compares them; one between claims of nearly one date does not.
func TestConflictSaysHowFarApart(t *testing.T) {
	interval := func(lo, hi float64) *claims.Interval { return &claims.Interval{Low: &lo, High: &hi} }
	topic := &claims.Topic{Meta: claims.Meta{ID: "russians"}, Unit: "people", Additive: true}
	viewIn := func(topicID string, m claims.Measure, id, who, text string, said claims.Date, lo, hi float64, places ...string) xref.ClaimView {
		return xref.ClaimView{ClaimantName: who, Claim: &claims.Claim{
			Meta: claims.Meta{ID: id}, TopicID: topicID, ClaimantID: who,
			QuantityText: text, Interval: interval(lo, hi), SaidOn: said,
			Scope: claims.Scope{Places: places, Measure: m},
		}}
	}
	view := func(id, who, text string, said claims.Date, lo, hi float64, places ...string) xref.ClaimView {
		return viewIn("russians", claims.Current, id, who, text, said, lo, hi, places...)
	}
	bogdanov := view("r4", "Bogdanov", "a few dozen", "2014-09-29", 24, 60, "Syria", "Iraq")
	// 1 February 2015 is 125 days after 29 September 2014; a claim dated
	// February 2015 is at least that far.
	const (
		window     = " days apart, within the topic's 180-day window, so they are compared as counts of one time."
		days125    = " The two are 125" + window
		atLeast125 = " The two are at least 125" + window
		cumulative = claims.Cumulative
		foreignID  = "foreign"
	)
	whole := &claims.Topic{Meta: claims.Meta{ID: foreignID}, Unit: "people", Additive: true}
	child := &claims.Topic{Meta: claims.Meta{ID: "russians"}, Unit: "people", Additive: true, ParentID: foreignID}
	for _, tc := range []struct {
		name   string
		a, b   xref.ClaimView
		parent *claims.Topic
		kind   xref.Kind
		tail   string
	}{
		{"part of the area, a month later", view("r7", "Bortnikov", "around 1,700", "2015-02", 1530, 1870, "Iraq"), bogdanov, nil, xref.Contradicts, atLeast125},
		{"same area, a month later", view("r9", "Soufan", "several hundred", "2015-02", 300, 900, "Syria", "Iraq"), bogdanov, nil, xref.Conflicts, atLeast125},
		{"same area, a day later", view("r9", "Soufan", "several hundred", "2015-02-01", 300, 900, "Syria", "Iraq"), bogdanov, nil, xref.Conflicts, days125},
		{"same area, ten days later", view("r10", "Soufan", "several hundred", "2014-10-09", 300, 900, "Syria", "Iraq"), bogdanov, nil, xref.Conflicts, ""},
		{"a part above its whole, a day later", view("r9", "Soufan", "several hundred", "2015-02-01", 300, 900, "Syria"),
			viewIn(foreignID, claims.Current, "f1", "UN", "about 100", "2014-09-29", 90, 110, "Syria"), whole, xref.PartExceedsWhole, days125},
		{"a cumulative part above its whole, a day later", viewIn("russians", cumulative, "r9", "Soufan", "1,500", "2015-02-01", 1500, 1500, "Syria"),
			viewIn(foreignID, cumulative, "f1", "UN", "800", "2014-09-29", 800, 800, "Syria"), whole, xref.PartExceedsWhole, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := xref.NewContext(topic, nil, nil)
			if tc.parent != nil {
				ctx = xref.NewContext(child, nil, nil).WithParent(tc.parent)
			}
			r := xref.Relate(tc.a, tc.b, ctx)
			if r.Kind != tc.kind {
				t.Fatalf("kind %s, want %s: %s", r.Kind, tc.kind, r.Explanation)
			}
			says := strings.Contains(r.Explanation, "days apart")
			switch {
			case tc.tail != "" && !strings.HasSuffix(r.Explanation, tc.tail):
				t.Errorf("explanation %q\ndoes not end %q", r.Explanation, tc.tail)
			case tc.tail == "" && says:
				t.Errorf("explanation %q says how far apart the claims are; it should not", r.Explanation)
			}
		})
	}
}
