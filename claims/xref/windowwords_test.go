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
	view := func(id, who, text string, said claims.Date, lo, hi float64, places ...string) xref.ClaimView {
		return xref.ClaimView{ClaimantName: who, Claim: &claims.Claim{
			Meta: claims.Meta{ID: id}, TopicID: "russians", ClaimantID: who,
			QuantityText: text, Interval: interval(lo, hi), SaidOn: said,
			Scope: claims.Scope{Places: places, Measure: claims.Current},
		}}
	}
	bogdanov := view("r4", "Bogdanov", "a few dozen", "2014-09-29", 24, 60, "Syria", "Iraq")
	const months = " The two are 125 days apart, within the topic's 180-day window, so they are compared as counts of one time."
	for _, tc := range []struct {
		name  string
		other xref.ClaimView
		kind  xref.Kind
		tail  string
	}{
		// 1 February 2015 is 125 days after 29 September 2014.
		{"part of the area, months later", view("r7", "Bortnikov", "around 1,700", "2015-02", 1530, 1870, "Iraq"), xref.Contradicts, months},
		{"same area, months later", view("r9", "Soufan", "several hundred", "2015-02", 300, 900, "Syria", "Iraq"), xref.Conflicts, months},
		{"same area, ten days later", view("r10", "Soufan", "several hundred", "2014-10-09", 300, 900, "Syria", "Iraq"), xref.Conflicts, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := xref.Relate(tc.other, bogdanov, xref.NewContext(topic, nil, nil))
			if r.Kind != tc.kind {
				t.Fatalf("kind %s, want %s: %s", r.Kind, tc.kind, r.Explanation)
			}
			says := strings.Contains(r.Explanation, "days apart")
			switch {
			case tc.tail != "" && !strings.HasSuffix(r.Explanation, tc.tail):
				t.Errorf("explanation %q\ndoes not end %q", r.Explanation, tc.tail)
			case tc.tail == "" && says:
				t.Errorf("explanation %q says how far apart claims ten days apart are", r.Explanation)
			}
		})
	}
}
