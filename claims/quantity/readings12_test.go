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
		// Canadian dollars are no USD, Belarusian roubles no RUB. Until
		// Version 14, which has CAD and BYN, the adjective stayed the unit
		// ("Canadian", "белорусских") with no currency.
		{"3 million Canadian dollars", exact(3e6, "numeral").unit("CAD")},
		{"3 млн белорусских рублей", exact(3e6, "numeral").unit("BYN")},
		// A currency of the figure's own is not replaced by another
		// after it.
		{"$3 million Russian roubles", exact(3e6, "numeral").unit("USD").span("$3 million")},
	})
}

// Russian adjectives between the figure and the counted noun are passed
// over to the noun: any word with the genitive plural's adjective ending,
// when a word that can only be a noun follows, and two adjectives joined
// by "и" or "или" of any of the kinds.
func TestRussianAdjectiveUnit(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"около 2000 русскоязычных боевиков", approxW(1800, 2000, 2200, "okolo").unit("боевиков")},
		{"около 5000 иностранных и российских боевиков", approxW(4500, 5000, 5500, "okolo").unit("боевиков")},
		{"2000 российских и русскоязычных боевиков", exact(2000, "numeral").unit("боевиков")},
		{"200 раненых солдат", exact(200, "numeral").unit("солдат")},
		{"200 раненых человек", exact(200, "numeral").unit("человек")},
		{"200 погибших мирных жителей", exact(200, "numeral").unit("жителей")},
		{"300 рабочих мест", exact(300, "numeral").unit("мест")},
		{"1180 уголовных дел", exact(1180, "numeral").unit("дел")},
		{"200 военных самолетов", exact(200, "numeral").unit("самолетов")},
		{"200 убитых и раненых военных", exact(200, "numeral").unit("военных")},
		{"8 наших граждан", exact(8, "numeral").unit("граждан")},
		{"сотни молодых людей", vague(200, 450, 999, "vague:hundreds").unit("людей")},
		{"более 2 тысяч мирных граждан", lower(2001, "more_than").unit("граждан")},
		// What read right before still does.
		{"свыше 2400 граждан России", lower(2401, "more_than").unit("граждан").span("свыше 2400 граждан")},
		{"15 тысяч иностранных боевиков", exact(15000, "numeral").unit("боевиков")},
		{"около 300 чеченских боевиков", approxW(270, 300, 330, "okolo").unit("боевиков")},
		{"5 тысяч выходцев из России", exact(5000, "numeral").unit("выходцев").span("5 тысяч выходцев")},
		{"7 тысяч иностранных граждан", exact(7000, "numeral").unit("граждан")},
		{"2,000 foreign and Russian fighters", exact(2000, "numeral").unit("fighters")},
		{"500 граждан России", exact(500, "numeral").unit("граждан").span("500 граждан")},
		{"500 человек", exact(500, "numeral").unit("человек")},
		// A substantivised adjective with no noun after it is the unit.
		{"200 раненых", exact(200, "numeral").unit("раненых")},
		{"200 военных", exact(200, "numeral").unit("военных")},
		{"2000 российских", exact(2000, "numeral").unit("российских")},
		{"Погибли 2000 российских.", exact(2000, "numeral").unit("российских").span("2000 российских")},
		// Nor is a verb, a short participle, an adverb, a preposition or
		// a capitalised name passed to.
		{"200 погибли", exact(200, "numeral").span("200")},
		{"200 раненых доставлены в больницу", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых задержано", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых лежат в больнице", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых находятся в больнице", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых вчера", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 погибших среди мирных жителей", exact(200, "numeral").unit("погибших").span("200 погибших")},
		{"200 раненых там", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых хотел", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых домой", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых людям", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"2000 русскоязычных Сирии", exact(2000, "numeral").unit("русскоязычных").span("2000 русскоязычных")},
		{"200 раненых и погибших", exact(200, "numeral").unit("раненых").span("200 раненых")},
		// A qualifier with no noun after it is no unit, coordinated or
		// not.
		{"5 новых", exact(5, "numeral").span("5")},
		{"5000 иностранных и российских", exact(5000, "numeral").span("5000")},
	})
	runRefusals(t, []refusal{
		{"в 2014 году", "only a year found"},
	})
	// In running text the span runs to the noun.
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"В Сирии воюют около 2000 русскоязычных боевиков, сообщил источник.", "около 2000 русскоязычных боевиков", "боевиков"},
		{"Там находятся около 5000 иностранных и российских боевиков.", "около 5000 иностранных и российских боевиков", "боевиков"},
		{"Из них 200 раненых доставлены в больницу.", "200 раненых", "раненых"},
		{"He was paid 3 million Russian roubles.", "3 million Russian roubles", "RUB"},
		{"Ему заплатили 3 млн российских рублей.", "3 млн российских рублей", "RUB"},
	})
}
