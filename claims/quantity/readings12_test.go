package quantity

import "testing"

// Readings of parser Version 12, each stated by hand from the text and
// the package doc's rules ("около" is ±10%), not from a run of the
// parser.

// A nation's adjective before its own currency leaves the currency the
// unit, as "US dollars" does; another nation's adjective names another
// currency, which the lexicon does not have, and is not read as this one.
func TestNationCurrency(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"3 million Russian roubles", exact(3e6, "numeral").unit("RUB")},
		{"3 млн российских рублей", exact(3e6, "numeral").unit("RUB")},
		{"2000 российских рублей", exact(2000, "numeral").unit("RUB")},
		{"около 3 млн российских рублей", approxW(2.7e6, 3e6, 3.3e6, "okolo").unit("RUB")},
		{"3 million American dollars", exact(3e6, "numeral").unit("USD")},
		{"5 млн американских долларов", exact(5e6, "numeral").unit("USD")},
		{"500 японских иен", exact(500, "numeral").unit("JPY")},
		{"10 million Swiss francs", exact(1e7, "numeral").unit("CHF")},
		{"millions of Russian roubles", vague(2e6, 4.5e6, 9999999, "vague:millions").unit("RUB")},
		{"миллионы российских рублей", vague(2e6, 4.5e6, 9999999, "vague:millions").unit("RUB")},
		// What read right before still does.
		{"3 million roubles", exact(3e6, "numeral").unit("RUB")},
		{"3 million US dollars", exact(3e6, "numeral").unit("USD")},
		{"$3 million", exact(3e6, "numeral").unit("USD")},
		{"5 млн долларов США", exact(5e6, "numeral").unit("USD").span("5 млн долларов")},
		{"300 тыс. рублей", exact(3e5, "numeral").unit("RUB")},
		// Canadian dollars are no USD, Belarusian roubles no RUB: the
		// adjective, with no noun the lexicon does not know after it,
		// stays the unit, as "300 российских" does.
		{"3 million Canadian dollars", exact(3e6, "numeral").unit("Canadian").span("3 million Canadian")},
		{"3 млн белорусских рублей", exact(3e6, "numeral").unit("белорусских").span("3 млн белорусских")},
		// A currency of the figure's own is not replaced by another
		// after it.
		{"$3 million Russian roubles", exact(3e6, "numeral").unit("USD").span("$3 million")},
	})
}
