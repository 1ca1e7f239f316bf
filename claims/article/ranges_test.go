package article_test

import (
	"fmt"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestRangeOfOneSource checks that a range given by one source stays one
// candidate when another source in the sentence gives a figure of its
// own, and that a range two sources share is still split into their two
// counts.
func TestRangeOfOneSource(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct {
		text string
		want []string // text low..high claimant, one a candidate
	}{
		{"Police said 5,000-7,000 with organisers saying 15,000.",
			[]string{"5,000-7,000 5000..7000 Police", "15,000 15000..15000 organisers"}},
		{"Police said 5,000-20,000 with organisers saying 15,000.",
			[]string{"5,000-20,000 5000..20000 Police", "15,000 15000..15000 organisers"}},
		{"Organisers counted 3,000 while police said 5,000 to 7,000.",
			[]string{"3,000 3000..3000 Organisers", "5,000 to 7,000 5000..7000 police"}},
		{"Police said 5,000-7,000 marched.",
			[]string{"5,000-7,000 5000..7000 Police"}},
		// Both sources before the range, neither with a figure of its own:
		// the range is their two counts.
		{"In Marseille, the prefecture and the CGT counted marchers (15,000 to 40,000).",
			[]string{"15,000 15000..15000 -", "40,000 40000..40000 -"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range x.Extract(tt.text) {
			who := "-"
			if c.Claimant != nil {
				who = c.Claimant.Name
			}
			var lo, hi float64
			if c.Low != nil {
				lo = *c.Low
			}
			if c.High != nil {
				hi = *c.High
			}
			got = append(got, fmt.Sprintf("%s %v..%v %s", c.Text, lo, hi, who))
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
