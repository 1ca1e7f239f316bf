package xref

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// A change ("fell by 3,000") is not a count: it is never compared with
// one, and two changes are compared only over the same stated period,
// falls by their magnitudes, a rise against a fall as opposite directions.
func TestChangeClaims(t *testing.T) {
	t.Parallel()
	ctx := NewContext(russians, nil, nil)
	change := hedge(quantity.Change)
	fell3k := mk("ch1", "bortnikov", "fell by 3,000", -3000, -3000, change, in("Syria"), period("2015", "2016"))
	fell5k := mk("ch2", "soufan", "fell by 5,000", -5000, -5000, change, in("Syria"), period("2015", "2016"))
	fell4k := mk("ch3", "icsr", "fell by about 4,000", -4400, -3600, change, in("Syria"), period("2015", "2016"))
	rose := mk("ch4", "kadyrov", "rose by 1,000", 1000, 1000, change, in("Syria"), period("2015", "2016"))
	other := mk("ch5", "putin", "fell by 5,000", -5000, -5000, change, in("Syria"), period("2014", "2015"))
	unstated := mk("ch6", "smirnov", "fell by 5,000", -5000, -5000, change, in("Syria"))
	either := mk("ch7", "novikov", "changed by at most 500 either way", -500, 500, change, in("Syria"), period("2015", "2016"))
	count := mk("n1", "icsr", "3,000", 3000, 3000, in("Syria"), period("2015", "2016"))
	for _, tt := range []struct {
		name     string
		a, b     ClaimView
		kind     Kind
		severity float64
		says     string
	}{
		{"a fall beside a count of the same size", fell3k, count, NotComparable, 0, "a change is not compared with a count"},
		{"a count beside a fall", count, fell5k, NotComparable, 0, "a change is not compared with a count"},
		{"two falls over the same period", fell3k, fell5k, Conflicts, 1.67, "1.67× apart"},
		{"two falls that overlap", fell4k, mk("ch8", "putin", "fell by 3,800", -3800, -3800, change, in("Syria"), period("2015", "2016")), Consistent, 0, "overlap"},
		{"a rise and a fall", fell3k, rose, Conflicts, MaxSeverity, "opposite directions"},
		{"falls over different periods", fell5k, other, NotComparable, 0, "different or unstated periods"},
		{"a fall with no period", fell5k, unstated, NotComparable, 0, "different or unstated periods"},
		{"a change either way", fell3k, either, NotComparable, 0, "may be a rise or a fall"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := Relate(tt.a, tt.b, ctx)
			if r.Kind != tt.kind {
				t.Fatalf("kind %s, want %s: %s", r.Kind, tt.kind, r.Explanation)
			}
			if tt.severity != 0 && r.Severity != tt.severity {
				t.Errorf("severity %v, want %v: %s", r.Severity, tt.severity, r.Explanation)
			}
			if !strings.Contains(r.Explanation, tt.says) {
				t.Errorf("explanation %q does not say %q", r.Explanation, tt.says)
			}
		})
	}
}
