package quantity

import (
	"math"
	"testing"
)

// TestFewOfAScaleInEveryCase checks that "несколько" with a unit noun
// (десяток, сотня, дюжина) is one vague quantity in every case of the
// plural, not only the genitive: "о нескольких десятках россиян" is 30 to
// 90 Russians, as "несколько десятков россиян" is, and not "нескольких"
// (3 to 9) beside "десятках" (20 to 99).
func TestFewOfAScaleInEveryCase(t *testing.T) {
	t.Parallel()
	p := New()
	tests := []struct {
		text, span string
		low, high  float64
	}{
		{"Речь идёт о нескольких десятках россиян.", "нескольких десятках россиян", 30, 90},
		{"Помощь оказали нескольким десяткам семей.", "нескольким десяткам семей", 30, 90},
		{"Он встречался с несколькими десятками беженцев.", "несколькими десятками беженцев", 30, 90},
		{"Город управлялся несколькими сотнями боевиков.", "несколькими сотнями боевиков", 300, 900},
		{"Речь шла о нескольких сотнях человек.", "нескольких сотнях человек", 300, 900},
		{"Несколько десятков россиян воюют там.", "Несколько десятков россиян", 30, 90},
		// Without "несколько" the plural stays the vague "tens".
		{"Речь идёт о десятках россиян.", "десятках россиян", 20, 99},
	}
	for _, tt := range tests {
		qs := p.Extract(tt.text)
		if len(qs) != 1 {
			t.Errorf("%q: %d quantities, want one (%q)", tt.text, len(qs), tt.span)
			for _, q := range qs {
				t.Logf("  %q %v-%v", q.Text, deref(q.Low), deref(q.High))
			}
			continue
		}
		q := qs[0]
		if q.Text != tt.span || deref(q.Low) != tt.low || deref(q.High) != tt.high {
			t.Errorf("%q: got %q %v-%v, want %q %v-%v", tt.text, q.Text, deref(q.Low), deref(q.High), tt.span, tt.low, tt.high)
		}
	}
}

// deref reads a bound, NaN when it is missing (never equal to a wanted one).
func deref(f *float64) float64 {
	if f == nil {
		return math.NaN()
	}
	return *f
}
