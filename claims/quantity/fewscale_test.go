package quantity

import "testing"

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
		q, ok := onlyQuantity(t, p, tt.text)
		if !ok {
			continue
		}
		if q.Text != tt.span || !reads(&q, tt.low, tt.high) {
			t.Errorf("%q: got %q %v, want %q %v-%v", tt.text, q.Text, q.Explanation, tt.span, tt.low, tt.high)
		}
	}
}
