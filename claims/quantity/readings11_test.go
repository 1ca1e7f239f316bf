package quantity

import "testing"

// Readings of parser Version 11, each figure stated from the package
// doc's rules ("около" and its inversions are ±10%), not from a run of
// the parser.

// A nation's or people's adjective before the noun qualifies it, as
// "foreign" does: the noun is the unit.
func TestDemonymUnit(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"400 new Russian recruits", exact(400, "numeral").unit("recruits")},
		{"300 Chechen fighters", exact(300, "numeral").unit("fighters")},
		{"2,400 Russian citizens", exact(2400, "numeral").unit("citizens")},
		{"5,000 foreign and Russian fighters", exact(5000, "numeral").unit("fighters")},
		{"300 Syrian and Iraqi refugees", exact(300, "numeral").unit("refugees")},
		{"200 Tunisian jihadists", exact(200, "numeral").unit("jihadists")},
		{"1,700 Russian-speaking militants", exact(1700, "numeral").unit("militants")},
		{"300 North Korean troops", exact(300, "numeral").unit("troops")},
		{"50 Sri Lankan workers", exact(50, "numeral").unit("workers")},
		{"up to 3,000 Russian nationals from the Caucasus", upper(3000, "up_to").unit("nationals").span("up to 3,000 Russian nationals")},
		// With no noun after it the adjective names the people and stays
		// the unit; in lower case it is no nation's.
		{"300 Chinese were evacuated", exact(300, "numeral").unit("Chinese").span("300 Chinese")},
		{"300 Chechens", exact(300, "numeral").unit("Chechens")},
		// A year-like figure is a count after a lower-case "in", "by"
		// or "after", or with nothing before it; after a date
		// preposition opening the sentence it is a year (behaviour_test).
		{"Russia sent in 2000 Chechen fighters", exact(2000, "numeral").unit("fighters").span("2000 Chechen fighters")},
		{"the base was reinforced by 2000 Russian troops", exact(2000, "numeral").unit("troops").span("2000 Russian troops")},
		{"after 2000 Syrian refugees arrived", exact(2000, "numeral").unit("refugees").span("2000 Syrian refugees")},
		{"2014 Russian troops", exact(2014, "numeral").unit("troops")},
		{"численностью в 2000 человек", exact(2000, "numeral").unit("человек").span("2000 человек")},
		{"By 2015 Syrian refugees numbered over a million", lower(1000001, "more_than").span("over a million")},
	})
	for _, w := range []string{"russian", "chechen", "tunisian", "korean", "lankan", "dagestani"} {
		if !IsDemonym(w) {
			t.Errorf("IsDemonym(%q) = false", w)
		}
	}
	for _, w := range []string{"fighters", "russia", "new", "foreign"} {
		if IsDemonym(w) {
			t.Errorf("IsDemonym(%q) = true", w)
		}
	}
}

// "На" between an inverting noun and its figure hedges it as the noun
// alone does ("процентов на 5" as "процентов 5"), as it does after an
// inverted scale ("тысяч на 50 рублей"); a verb of change before them
// makes it a change, as "выросли тысяч на 50" is.
func TestInvertedNounNa(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"процентов на 5", approxW(4.5, 5, 5.5, "okolo").unit("percent")},
		{"процентов 5", approxW(4.5, 5, 5.5, "okolo").unit("percent")},
		{"рублей на 500", approxW(450, 500, 550, "okolo").unit("RUB")},
		{"долларов на 100", approxW(90, 100, 110, "okolo").unit("USD")},
		{"человек на 200", approxW(180, 200, 220, "okolo").unit("человек")},
		{"выросли процентов на 5", approxW(4.5, 5, 5.5, "change+okolo").unit("percent").kind(Change)},
		{"выросли на процентов 5", approxW(4.5, 5, 5.5, "change+okolo").unit("percent").kind(Change)},
		{"снизились процентов на 5", approxW(-5.5, -5, -4.5, "change+okolo").unit("percent").kind(Change)},
		{"выросло человек на 200", approxW(180, 200, 220, "change+okolo").unit("человек").kind(Change)},
		// The figure's own unit or duration keeps it its own.
		{"процентов на 5 школ", exact(5, "numeral").unit("школ").span("5 школ")},
		{"евро на 100", exact(100, "numeral").span("100")},
		// Interest on a sum is no percentage: a scale or a figure above
		// 100 after "процентов на" is the sum.
		{"процентов на 5 млрд", exact(5e9, "numeral").span("5 млрд")},
		{"Начислено процентов на 5 тысяч", exact(5000, "numeral").span("5 тысяч")},
		{"процентов на 300", exact(300, "numeral").span("300")},
	})
	for _, tt := range []struct{ text, span string }{
		{"Цены выросли процентов на 5 за год.", "выросли процентов на 5"},
		{"Купили продуктов рублей на 500.", "рублей на 500"},
		{"Скидка процентов на 5, не больше.", "процентов на 5"},
	} {
		q, ok := onlyQuantity(t, defaultParser, tt.text)
		if ok && (q.Text != tt.span || !q.Approx) {
			t.Errorf("%q: %q approx %v, want %q approx", tt.text, q.Text, q.Approx, tt.span)
		}
	}
}

// An abbreviation's dot before a capitalised word ends the sentence: the
// word opens the next one and is no unit.
func TestAbbrevDotEndsSentence(t *testing.T) {
	t.Parallel()
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"Погибли 1,5 тыс. Число раненых растёт.", "1,5 тыс.", ""},
		{"Пришли 10 тыс. Park Avenue была закрыта.", "10 тыс.", ""},
		// Within a sentence the unit after the dot is read as before.
		{"Пришли 5 тыс. человек.", "5 тыс. человек", "человек"},
		{"Работают 1,5 тыс. НКО.", "1,5 тыс. НКО", "НКО"},
	})
}

// IsPastVerb answers as the parser reads a word after a figure.
func TestIsPastVerb(t *testing.T) {
	t.Parallel()
	for _, w := range []string{"погибли", "пострадали", "получили", "погибло", "собрались", "ran", "lost"} {
		if !IsPastVerb(w) {
			t.Errorf("IsPastVerb(%q) = false", w)
		}
		if q, err := Parse("200 " + w); err != nil || q.Unit != "" {
			t.Errorf("Parse(%q) unit %q, err %v: want no unit", "200 "+w, q.Unit, err)
		}
	}
	// Nouns that end as verbs do, and participles in "-ed" that may name
	// what is counted ("2,900 suspected cases", "81 infected").
	for _, w := range []string{"цели", "село", "человек", "suspected", "infected", "fighters"} {
		if IsPastVerb(w) {
			t.Errorf("IsPastVerb(%q) = true", w)
		}
	}
}
