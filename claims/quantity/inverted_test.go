package quantity

import "testing"

// TestInvertedScale checks that a Russian scale in the genitive plural
// before a figure ("тысяч 50–60", the colloquial inversion) scales the
// figure, hedged as after "около", and is one quantity with it; and that a
// scale after its figure is read as before.
func TestInvertedScale(t *testing.T) {
	t.Parallel()
	p := New()
	tests := []struct {
		text, span string
		low, high  float64
	}{
		{"Тут тысяч 50–60, не меньше.", "тысяч 50–60", 50000, 60000},
		{"На площади было тысяч 20-30 человек.", "тысяч 20-30 человек", 20000, 30000},
		{"Собралось тысяч 50 человек.", "тысяч 50 человек", 45000, 55000},
		{"Потратили миллиардов 2 рублей, не меньше.", "миллиардов 2 рублей", 1.8e9, 2.2e9},
		// The scale after its figure: no inversion.
		{"Пришли 50 тысяч человек.", "50 тысяч человек", 50000, 50000},
		{"Из ста тысяч 40 человек ушли.", "40 человек", 40, 40},
	}
	for _, tt := range tests {
		qs := p.Extract(tt.text)
		var got *Quantity
		for i := range qs {
			if qs[i].Text == tt.span {
				got = &qs[i]
			}
		}
		if got == nil {
			t.Errorf("%q: no quantity %q in %+v", tt.text, tt.span, qs)
			continue
		}
		if got.Low == nil || got.High == nil || *got.Low != tt.low || *got.High != tt.high {
			t.Errorf("%q: %q reads %v..%v, want %v..%v", tt.text, tt.span, got.Low, got.High, tt.low, tt.high)
		}
		if tt.text[got.Start:got.End] != got.Text {
			t.Errorf("%q: offsets %d..%d do not give %q", tt.text, got.Start, got.End, got.Text)
		}
	}
}
