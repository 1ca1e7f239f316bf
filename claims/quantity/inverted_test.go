package quantity

import (
	"strings"
	"testing"
)

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
		// A preposition that never governs the genitive leaves the
		// inversion alone.
		{"Купили на тысяч 50 рублей, не больше.", "тысяч 50 рублей", 45000, 55000},
		{"Продукции продали на миллионов 5 рублей за год.", "миллионов 5 рублей", 4.5e6, 5.5e6},
		// "на" between the scale and its figure.
		{"Купили продуктов тысяч на 50 рублей, не больше.", "тысяч на 50 рублей", 45000, 55000},
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
		if !reads(got, tt.low, tt.high) {
			t.Errorf("%q: %q reads %v..%v, want %v..%v", tt.text, tt.span, got.Low, got.High, tt.low, tt.high)
		}
		if tt.text[got.Start:got.End] != got.Text {
			t.Errorf("%q: offsets %d..%d do not give %q", tt.text, got.Start, got.End, got.Text)
		}
	}
}

// TestInvertedScaleRefused checks that a scale belonging to a preposition
// or a quantifier before it, or before a share or a factor, is not read as
// an inverted scale: the figure after it is read alone, as it would be
// with no scale word before it.
func TestInvertedScaleRefused(t *testing.T) {
	t.Parallel()
	p := New()
	tests := []struct {
		text, span string
		low, high  float64
	}{
		{"из тысяч 300 человек пришли", "300 человек", 300, 300},
		{"Из тысяч 300 человек пришли.", "300 человек", 300, 300},
		{"Среди миллионов 2 процента", "2 процента", 2, 2},
		{"Для миллионов 40 рублей — пустяк.", "40 рублей", 40, 40},
		{"Из сотен тысяч 20 человек ушли.", "20 человек", 20, 20},
		{"Из нескольких тысяч 15 человек ушли.", "15 человек", 15, 15},
		// A share or a factor after the figure ("3 раза" is no quantity:
		// "" asks only that nothing be read as an inverted scale).
		{"Было тысяч 5 процентов.", "5 процентов", 5, 5},
		{"Выросло тысяч 3 раза.", "", 0, 0},
		// "на" after the scale with no verb of change before it and no
		// money after the figure: the scale is vague, the figure its own.
		{"Власти выделили миллионов на 5 школ.", "5 школ", 5, 5},
		{"Компания потеряла миллионов на 3 больше, чем годом ранее.", "", 0, 0},
	}
	for _, tt := range tests {
		qs := p.Extract(tt.text)
		var got *Quantity
		for i := range qs {
			if qs[i].Rule == "okolo" {
				t.Errorf("%q: %q read as an inverted scale (%v..%v)", tt.text, qs[i].Text, qs[i].Low, qs[i].High)
			}
			if qs[i].Text == tt.span {
				got = &qs[i]
			}
		}
		if tt.span == "" {
			continue
		}
		if got == nil {
			t.Errorf("%q: no quantity %q in %+v", tt.text, tt.span, qs)
			continue
		}
		if !reads(got, tt.low, tt.high) {
			t.Errorf("%q: %q reads %v..%v, want %v..%v", tt.text, tt.span, got.Low, got.High, tt.low, tt.high)
		}
	}
}

// TestInvertedScalePrefilter checks the ID test extract makes before it asks
// invertedScale: every spelling that lower-cases to a word of
// invertedScales is a word token whose ID passes it.
func TestInvertedScalePrefilter(t *testing.T) {
	t.Parallel()
	lex := New().lex
	for w := range invertedScales {
		if strings.Contains(w, "ё") {
			t.Fatalf("%q holds ё: the prefilter's ID would be that of its folded form", w)
		}
		r := []rune(w)
		title := strings.ToUpper(string(r[:1])) + string(r[1:])
		for _, form := range []string{w, title, strings.ToUpper(w)} {
			toks := lex.tokenize(form, nil)
			if len(toks) != 1 || toks[0].kind != tWord {
				t.Fatalf("%q: %d tokens, want one word", form, len(toks))
			}
			if !lex.mayBeInvertedScale(toks[0].id) {
				t.Errorf("%q (ID %d) does not pass the prefilter", form, toks[0].id)
			}
		}
	}
	for _, form := range []string{"сотен", "тысяча", "миллион", "people", "Тысячи"} {
		if toks := lex.tokenize(form, nil); lex.mayBeInvertedScale(toks[0].id) {
			t.Errorf("%q passes the prefilter", form)
		}
	}
}

// TestInvertedScaleAfterChange checks that a verb of change, "на" and an
// inverted scale ("выросли на тысяч 50", "выросли тысяч на 50") are one
// change of about the
// scaled figure, hedged as after "около", not a change of "thousands"
// followed by a bare figure; a fall negates it.
func TestInvertedScaleAfterChange(t *testing.T) {
	t.Parallel()
	p := New()
	tests := []struct {
		text, span string
		low, high  float64
	}{
		{"За год цены выросли на тысяч 50 рублей за метр.", "выросли на тысяч 50 рублей", 45000, 55000},
		{"Зарплаты снизились на тысяч 10 рублей, говорят рабочие.", "снизились на тысяч 10 рублей", -11000, -9000},
		{"Население сократилось на тысяч 20-30 человек.", "сократилось на тысяч 20-30 человек", -30000, -20000},
		// "на" after the scale: the same change.
		{"За год цены выросли тысяч на 50 рублей за метр.", "выросли тысяч на 50 рублей", 45000, 55000},
	}
	for _, tt := range tests {
		q, ok := onlyQuantity(t, p, tt.text)
		if !ok {
			continue
		}
		if q.Text != tt.span || tt.text[q.Start:q.End] != q.Text || q.Kind != Change {
			t.Errorf("%q: %q (%s) at %d..%d, want the change %q", tt.text, q.Text, q.Kind, q.Start, q.End, tt.span)
		}
		if !reads(&q, tt.low, tt.high) {
			t.Errorf("%q: %q reads %v, want %v..%v", tt.text, q.Text, q.Explanation, tt.low, tt.high)
		}
	}
}

// TestHedgeBeforeNa checks that a hedge or a bound before "на" holds the
// figure after it ("примерно на 85 млрд" is about 85 billion, not exactly
// 85 billion; "почти" is up to 10% under, 18,000-19,999), with a verb
// of change before it or not.
func TestHedgeBeforeNa(t *testing.T) {
	t.Parallel()
	p := New()
	tests := []struct {
		text, span string
		kind       Kind
		low, high  float64
	}{
		{"У населения находится наличных долларов примерно на 85 млрд в долларовом выражении.", "примерно на 85 млрд", Approximate, 76.5e9, 93.5e9},
		{"Выручка выросла примерно на 50 тысяч рублей за год.", "выросла примерно на 50 тысяч рублей", Change, 45000, 55000},
		{"Добыча снизилась почти на 20 тысяч тонн.", "снизилась почти на 20 тысяч тонн", Change, -19999, -18000},
	}
	for _, tt := range tests {
		q, ok := onlyQuantity(t, p, tt.text)
		if !ok {
			continue
		}
		if q.Text != tt.span || q.Kind != tt.kind {
			t.Errorf("%q: %q (%s), want %q (%s)", tt.text, q.Text, q.Kind, tt.span, tt.kind)
		}
		if !reads(&q, tt.low, tt.high) {
			t.Errorf("%q: %q reads %v, want %v..%v", tt.text, q.Text, q.Explanation, tt.low, tt.high)
		}
	}
}

// onlyQuantity returns the one quantity p reads in text; any other number
// of them is an error of the test, and false.
func onlyQuantity(t *testing.T, p *Parser, text string) (Quantity, bool) {
	t.Helper()
	qs := p.Extract(text)
	if len(qs) != 1 {
		t.Errorf("%q: %d quantities %+v, want one", text, len(qs), qs)
		return Quantity{}, false
	}
	return qs[0], true
}

// spanUnit is a text of running prose with the span and unit of the one
// quantity in it.
type spanUnit struct{ text, span, unit string }

// checkSpanUnits extracts the one quantity of each text and checks its
// span and unit.
func checkSpanUnits(t *testing.T, p *Parser, tests []spanUnit) {
	t.Helper()
	for _, tt := range tests {
		q, ok := onlyQuantity(t, p, tt.text)
		if ok && (q.Text != tt.span || q.Unit != tt.unit) {
			t.Errorf("%q: %q unit %q, want %q unit %q", tt.text, q.Text, q.Unit, tt.span, tt.unit)
		}
	}
}

// reads reports whether q reads exactly low to high.
func reads(q *Quantity, low, high float64) bool {
	return q.Low != nil && q.High != nil && *q.Low == low && *q.High == high
}
