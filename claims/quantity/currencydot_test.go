package quantity

import "testing"

// TestCurrencyDot checks that a currency written in full leaves the dot
// after it to the sentence ("600 млрд рублей." ends at "рублей"), and that
// a shortened one ("руб.", "долл.") takes its dot.
func TestCurrencyDot(t *testing.T) {
	t.Parallel()
	p := New()
	tests := []struct{ text, span string }{
		{"Расходы составят 600 млрд рублей.", "600 млрд рублей"},
		{"Кредит выдали на 5 млн долларов. Потом ещё.", "5 млн долларов"},
		{"Билет стоит 600 руб. за поездку.", "600 руб."},
		{"Цена выросла до 5 долл. за баррель.", "до 5 долл."},
	}
	for _, tt := range tests {
		qs := p.Extract(tt.text)
		if len(qs) != 1 || qs[0].Text != tt.span || tt.text[qs[0].Start:qs[0].End] != tt.span {
			t.Errorf("%q: %+v, want one quantity %q", tt.text, qs, tt.span)
		}
	}
}
