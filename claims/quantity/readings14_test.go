package quantity

import "testing"

// Readings of parser Version 14, each stated by hand from the text and
// Russian grammar, not from a run of the parser.

// After a figure that ends in 2, 3 or 4 (but not 12 to 14) Russian puts
// the noun in the genitive singular ("3 боевика", read with the noun as
// written), and an adjective before it in the genitive plural: the noun
// is the unit as it is without the adjective. Words in "-а" or "-я" that
// are no nouns, verbs and figures of other endings keep the readings
// they had.
func TestRussianFewNounAfterAdjective(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"3 русскоязычных боевика", exact(3, "numeral").unit("боевика")},
		{"22 местных жителя", exact(22, "numeral").unit("жителя")},
		{"104 местных жителя", exact(104, "numeral").unit("жителя")},
		{"33 русскоязычных боевика", exact(33, "numeral").unit("боевика")},
		{"2 раненых бойца", exact(2, "numeral").unit("бойца")},
		{"4 раненых человека", exact(4, "numeral").unit("человека")},
		{"3 убитых мирных жителя", exact(3, "numeral").unit("жителя")},
		{"три русскоязычных боевика", exact(3, "numeral").unit("боевика")},
		{"двадцать два местных жителя", exact(22, "numeral").unit("жителя")},
		{"2-3 русскоязычных боевика", rng(2, 3).unit("боевика")},
		// What read right before still does.
		{"3 боевика", exact(3, "numeral").unit("боевика")},
		{"4 иностранных наемника", exact(4, "numeral").unit("наемника")},
		{"2 российских военнослужащих", exact(2, "numeral").unit("военнослужащих")},
		{"более 3 русскоязычных боевиков", lower(4, "more_than").unit("боевиков")},
		{"2 тысячи местных жителей", exact(2000, "numeral").unit("жителей")},
		// After other figures the genitive singular is no counted noun
		// but the owner: 12 or 200 workers of the plant.
		{"12 рабочих завода", exact(12, "numeral").unit("рабочих").span("12 рабочих")},
		{"200 рабочих завода", exact(200, "numeral").unit("рабочих").span("200 рабочих")},
		// Adverbs, conjunctions and verbs in "-а" or "-я" are no nouns.
		{"3 раненых вчера", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"2 погибших сегодня", exact(2, "numeral").unit("погибших").span("2 погибших")},
		{"3 раненых когда", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"2 раненых пока", exact(2, "numeral").unit("раненых").span("2 раненых")},
		{"3 раненых сначала", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"3 раненых находятся в больнице", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"2 раненых доставлены", exact(2, "numeral").unit("раненых").span("2 раненых")},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"В бою погибли 3 русскоязычных боевика, сообщил источник.", "3 русскоязычных боевика", "боевика"},
		{"Пострадали 22 местных жителя.", "22 местных жителя", "жителя"},
	})
}

// The genitive plural of a feminine noun in "-та" ends as a verb's present
// does ("ракет" as "ждет"): the few such nouns a figure counts are known
// by name; a verb after a substantivised adjective still is no unit.
func TestRussianNounsInT(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"300 крылатых ракет", exact(300, "numeral").unit("ракет")},
		{"около 50 крылатых ракет", approxW(45, 50, 55, "okolo").unit("ракет")},
		{"100 бетонных плит", exact(100, "numeral").unit("плит")},
		// What read right before still does.
		{"300 ракет", exact(300, "numeral").unit("ракет")},
		{"50 баллистических ракет", exact(50, "numeral").unit("ракет")},
		{"50 тяжелых танков", exact(50, "numeral").unit("танков")},
		{"20 боевых самолетов", exact(20, "numeral").unit("самолетов")},
		{"200 раненых ждет помощи", exact(200, "numeral").unit("раненых").span("200 раненых")},
		{"200 раненых лежат в больнице", exact(200, "numeral").unit("раненых").span("200 раненых")},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"Россия выпустила 300 крылатых ракет по Украине.", "300 крылатых ракет", "ракет"},
	})
}

// Currencies added in Version 14, by word, code, symbol and a nation's
// adjective before a word other currencies share ("Canadian dollars",
// "белорусских рублей", "сирийских фунтов"). A word several currencies
// share with no nation before it names none ("динаров", "lira") and is
// the unit as written; a code that is an English word too ("TRY", "GEL",
// "AMD", "CAD") is one only in capitals.
func TestCurrencies14(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"3 million Canadian dollars", exact(3e6, "numeral").unit("CAD")},
		{"3 млн канадских долларов", exact(3e6, "numeral").unit("CAD")},
		{"C$3 million", exact(3e6, "numeral").unit("CAD")},
		{"CA$3 million", exact(3e6, "numeral").unit("CAD")},
		{"ca 300", about(270, 300, 330)},
		{"CAD 3 million", exact(3e6, "numeral").unit("CAD")},
		{"3 million CAD", exact(3e6, "numeral").unit("CAD")},
		{"millions of Canadian dollars", vague(2e6, 4.5e6, 9999999, "vague:millions").unit("CAD")},
		{"A$5 million", exact(5e6, "numeral").unit("AUD")},
		{"5 млн австралийских долларов", exact(5e6, "numeral").unit("AUD")},
		{"3 млн белорусских рублей", exact(3e6, "numeral").unit("BYN")},
		{"5 million Belarusian roubles", exact(5e6, "numeral").unit("BYN")},
		{"5 million Belarusian rubles", exact(5e6, "numeral").unit("BYN")},
		{"BYN 500", exact(500, "numeral").unit("BYN")},
		{"5 млн гривен", exact(5e6, "numeral").unit("UAH")},
		{"5 млн грн", exact(5e6, "numeral").unit("UAH")},
		{"300 гривен", exact(300, "numeral").unit("UAH")},
		{"₴500", exact(500, "numeral").unit("UAH")},
		{"5 million hryvnias", exact(5e6, "numeral").unit("UAH")},
		{"5 млрд тенге", exact(5e9, "numeral").unit("KZT")},
		{"5 billion tenge", exact(5e9, "numeral").unit("KZT")},
		{"5 млн турецких лир", exact(5e6, "numeral").unit("TRY")},
		{"5 million Turkish lira", exact(5e6, "numeral").unit("TRY")},
		{"TRY 5 million", exact(5e6, "numeral").unit("TRY")},
		{"₺500", exact(500, "numeral").unit("TRY")},
		{"10 млн сирийских фунтов", exact(1e7, "numeral").unit("SYP")},
		{"10 млн сирийских лир", exact(1e7, "numeral").unit("SYP")},
		{"10 million Syrian pounds", exact(1e7, "numeral").unit("SYP")},
		{"10 млн ливанских фунтов", exact(1e7, "numeral").unit("LBP")},
		{"10 million Lebanese pounds", exact(1e7, "numeral").unit("LBP")},
		{"10 million Egyptian pounds", exact(1e7, "numeral").unit("EGP")},
		{"5 млн иракских динаров", exact(5e6, "numeral").unit("IQD")},
		{"5 million Iraqi dinars", exact(5e6, "numeral").unit("IQD")},
		{"5 млн иранских риалов", exact(5e6, "numeral").unit("IRR")},
		{"5 million Iranian rials", exact(5e6, "numeral").unit("IRR")},
		{"5 млн саудовских риялов", exact(5e6, "numeral").unit("SAR")},
		{"5 million Saudi riyals", exact(5e6, "numeral").unit("SAR")},
		{"5 млн эмиратских дирхамов", exact(5e6, "numeral").unit("AED")},
		{"5 млн шекелей", exact(5e6, "numeral").unit("ILS")},
		{"5 million shekels", exact(5e6, "numeral").unit("ILS")},
		{"₪500", exact(500, "numeral").unit("ILS")},
		{"5 млн лари", exact(5e6, "numeral").unit("GEL")},
		{"GEL 5 million", exact(5e6, "numeral").unit("GEL")},
		{"5 млн драмов", exact(5e6, "numeral").unit("AMD")},
		{"AMD 5 million", exact(5e6, "numeral").unit("AMD")},
		{"5 млн манатов", exact(5e6, "numeral").unit("AZN")},
		{"5 млн злотых", exact(5e6, "numeral").unit("PLN")},
		{"5 million zlotys", exact(5e6, "numeral").unit("PLN")},
		{"500 zł", exact(500, "numeral").unit("PLN")},
		{"5 млн чешских крон", exact(5e6, "numeral").unit("CZK")},
		{"5 million Czech korunas", exact(5e6, "numeral").unit("CZK")},
		{"5 млн форинтов", exact(5e6, "numeral").unit("HUF")},
		{"5 million forints", exact(5e6, "numeral").unit("HUF")},
		{"миллионы канадских долларов", vague(2e6, 4.5e6, 9999999, "vague:millions").unit("CAD")},
		// A word several currencies share, with no nation before it, is
		// no currency.
		{"5 млн лир", exact(5e6, "numeral").unit("лир")},
		{"5 million lira", exact(5e6, "numeral").unit("lira")},
		{"5 млн динаров", exact(5e6, "numeral").unit("динаров")},
		// A code that is an English word is one only in capitals ("5 gel
		// packs": see TestCodesInCapitals).
		{"try 5 times", exact(5, "numeral").unit("times").span("5 times")},
		// What read right before still does.
		{"3 million dollars", exact(3e6, "numeral").unit("USD")},
		{"5 млн фунтов", exact(5e6, "numeral").unit("GBP")},
		{"5 млн рублей", exact(5e6, "numeral").unit("RUB")},
		{"3 млн российских рублей", exact(3e6, "numeral").unit("RUB")},
		{"c. $3 million", about(2.7e6, 3e6, 3.3e6).unit("USD")},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"The deal is worth 3 million Canadian dollars, it said.", "3 million Canadian dollars", "CAD"},
		{"Штраф составил 3 млн белорусских рублей.", "3 млн белорусских рублей", "BYN"},
		{"Билет стоит 300 грн. за поездку.", "300 грн.", "UAH"},
	})
}

// A nation's adjective before a word several currencies share names that
// nation's currency; where the lexicon has none of the nation's, or the
// adjective names no nation ("new"), the word is the unit as written, as
// before Version 14: it was "Jordanian", "иорданских" or no unit at all.
func TestCurrencyWordAfterAdjective(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"5 million Jordanian dinars", exact(5e6, "numeral").unit("JOD")},
		{"5 million Libyan dinars", exact(5e6, "numeral").unit("LYD")},
		{"5 million Kuwaiti dinars", exact(5e6, "numeral").unit("KWD")},
		{"5 million Algerian dinars", exact(5e6, "numeral").unit("DZD")},
		{"5 million Serbian dinars", exact(5e6, "numeral").unit("RSD")},
		{"5 million Yemeni rials", exact(5e6, "numeral").unit("YER")},
		{"5 million Qatari riyals", exact(5e6, "numeral").unit("QAR")},
		{"5 million Moroccan dirhams", exact(5e6, "numeral").unit("MAD")},
		{"5 million Swedish crowns", exact(5e6, "numeral").unit("SEK")},
		{"5 million Norwegian crowns", exact(5e6, "numeral").unit("NOK")},
		{"millions of Libyan dinars", vague(2e6, 4.5e6, 9999999, "vague:millions").unit("LYD")},
		{"5 млн иорданских динаров", exact(5e6, "numeral").unit("JOD")},
		{"5 млн ливийских динаров", exact(5e6, "numeral").unit("LYD")},
		{"5 млн кувейтских динаров", exact(5e6, "numeral").unit("KWD")},
		{"5 млн йеменских риалов", exact(5e6, "numeral").unit("YER")},
		{"5 млн катарских риалов", exact(5e6, "numeral").unit("QAR")},
		{"5 млн марокканских дирхамов", exact(5e6, "numeral").unit("MAD")},
		{"5 млн шведских крон", exact(5e6, "numeral").unit("SEK")},
		{"5 млн норвежских крон", exact(5e6, "numeral").unit("NOK")},
		{"5 million Armenian drams", exact(5e6, "numeral").unit("AMD")},
		// No nation, or one the lexicon has no currency of: the word.
		{"5 million new dinars", exact(5e6, "numeral").unit("dinars")},
		{"5 млн новых динаров", exact(5e6, "numeral").unit("динаров")},
		{"5 млн новых турецких лир", exact(5e6, "numeral").unit("лир")},
		{"5 млн похищенных динаров", exact(5e6, "numeral").unit("динаров")},
	})
}

// A code that is an English word too (TRY, AMD, ILS) is none in a
// headline in capitals, and a code of the currencies added in Version 14
// before a figure is one only where a scale word, a sign or the end of
// the text follows the figure: a word there is what the figure counts
// ("Hong Kong SAR 2024", "AMD 3000 series"). "drams" alone are a measure
// of whisky as often as Armenian money; "ca$300" is circa $300.
func TestCodesInCapitals(t *testing.T) {
	t.Parallel()
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"TURKISH COURT TO TRY 14 JOURNALISTS OVER COUP ATTEMPT", "14 JOURNALISTS", "JOURNALISTS"},
		{"COURT WILL TRY 12 OFFICERS", "12 OFFICERS", "OFFICERS"},
		{"TRY 3 SUSPECTS OVER ATTACK", "3 SUSPECTS", "SUSPECTS"},
		{"AMD 3000 series", "3000 series", "series"},
		{"ILS 27 approach", "27 approach", "approach"},
		{"He had 2 drams of whisky.", "2 drams", "drams"},
		// What read right before still does.
		{"The fine was TRY 500.", "TRY 500", "TRY"},
		{"Exports reached TRY 14.5 billion in May.", "TRY 14.5 billion", "TRY"},
		{"The court fined him 5 million TRY.", "5 million TRY", "TRY"},
		{"The bank lent SAR 5 million.", "SAR 5 million", "SAR"},
		{"Oil traded at USD 40 per barrel.", "USD 40", "USD"},
	})
	runTable(t, defaultParser, []parseCase{
		{"5 drams", exact(5, "numeral").unit("drams")},
		{"ca$300", about(270, 300, 330).unit("USD")},
		{"CA$3 million", exact(3e6, "numeral").unit("CAD")},
	})
	for _, text := range []string{"Hong Kong SAR 2024 was approved", "Macau SAR 2019 budget"} {
		if qs := defaultParser.Extract(text); len(qs) != 0 {
			t.Errorf("%q: %+v, want no quantity", text, qs)
		}
	}
	// A code in lower case is a word: "gel" after the figure is no GEL.
	for _, text := range []string{"5 gel packs", "5 amd chips"} {
		if q, ok := onlyQuantity(t, defaultParser, text); ok && IsCurrencyCode(q.Unit) {
			t.Errorf("%q: unit %q, want no currency", text, q.Unit)
		}
	}
}

// Other nations' dollars: by the letters glued before "$" ("HK$",
// "CDN$"), and a bare "$" before a figure that another nation's dollar
// follows ("$3 million CAD"). They read USD before.
func TestOtherDollars(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"CDN$3 million", exact(3e6, "numeral").unit("CAD")},
		{"Cdn$3 million", exact(3e6, "numeral").unit("CAD")},
		{"CAD$1.2 million", exact(1.2e6, "numeral").unit("CAD")},
		{"$3 million CAD", exact(3e6, "numeral").unit("CAD")},
		{"$3 million Canadian dollars", exact(3e6, "numeral").unit("CAD")},
		{"$5 million AUD", exact(5e6, "numeral").unit("AUD")},
		{"$5 million Australian dollars", exact(5e6, "numeral").unit("AUD")},
		{"HK$200 million", exact(2e8, "numeral").unit("HKD")},
		{"NZ$50 million", exact(5e7, "numeral").unit("NZD")},
		{"S$5 million", exact(5e6, "numeral").unit("SGD")},
		{"5 млн сингапурских долларов", exact(5e6, "numeral").unit("SGD")},
		// Letters before "$" that name a dollar the parser does not know
		// (Taiwan's, Brazil's real): no currency rather than USD.
		{"NT$500 million", exact(5e8, "numeral").span("$500 million")},
		{"R$5 million", exact(5e6, "numeral").span("$5 million")},
		// What read right before still does.
		{"$3 million", exact(3e6, "numeral").unit("USD")},
		{"US$3 million", exact(3e6, "numeral").unit("USD")},
		{"$3 million dollars", exact(3e6, "numeral").unit("USD")},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"The tower sold for HK$200 million last year.", "HK$200 million", "HKD"},
	})
}

// After a preposition that governs no accusative ("у", "среди", "для")
// a figure of 2, 3 or 4 puts no noun in the genitive singular: the
// substantivised adjective stays the unit. Nor is a short participle
// ("обнаружена", "изъята"), a verb in the feminine past or a feminine
// nominative ("девушка") a genitive singular; nouns in "-на" and "-та"
// still are ("ветерана", "члена", "бандита").
func TestRussianFewNotGenitive(t *testing.T) {
	t.Parallel()
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"У 3 пострадавших диагностирована контузия.", "3 пострадавших", "пострадавших"},
		{"Врачи сообщили, что у 2 раненых обнаружена инфекция.", "2 раненых", "раненых"},
		{"у 3 заболевших выявлена пневмония", "3 заболевших", "заболевших"},
		{"у 2 задержанных изъята взрывчатка", "2 задержанных", "задержанных"},
		{"у 2 пострадавших ампутирована нога", "2 пострадавших", "пострадавших"},
		{"среди 2 погибших женщина", "2 погибших", "погибших"},
		// What read right before still does.
		{"у 3 раненых бойцов", "3 раненых бойцов", "бойцов"},
		{"В 2 жилых дома попали снаряды.", "2 жилых дома", "дома"},
	})
	runTable(t, defaultParser, []parseCase{
		{"2 пострадавших госпитализирована", exact(2, "numeral").unit("пострадавших").span("2 пострадавших")},
		{"3 раненых эвакуирована", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"2 задержанных получила", exact(2, "numeral").unit("задержанных").span("2 задержанных")},
		{"2 раненых девушка", exact(2, "numeral").unit("раненых").span("2 раненых")},
		{"3 погибших женщина", exact(3, "numeral").unit("погибших").span("3 погибших")},
		{"3 раненых школьница", exact(3, "numeral").unit("раненых").span("3 раненых")},
		// Nouns in "-на", "-та" and "-ка" are still reached.
		{"2 иностранных ветерана", exact(2, "numeral").unit("ветерана")},
		{"3 раненых капитана", exact(3, "numeral").unit("капитана")},
		{"3 российских члена", exact(3, "numeral").unit("члена")},
		{"2 российских бизнесмена", exact(2, "numeral").unit("бизнесмена")},
		{"3 убитых бандита", exact(3, "numeral").unit("бандита")},
		{"2 раненых ребенка", exact(2, "numeral").unit("ребенка")},
		{"3 раненых подростка", exact(3, "numeral").unit("подростка")},
		{"2 следственных отдела", exact(2, "numeral").unit("отдела")},
		{"2 подбитых танка", exact(2, "numeral").unit("танка")},
		{"2 ограбленных банка", exact(2, "numeral").unit("банка")},
		{"2 уволенных клерка", exact(2, "numeral").unit("клерка")},
		{"2 раненых иностранка", exact(2, "numeral").unit("раненых").span("2 раненых")},
		{"2 раненых пенсионерка", exact(2, "numeral").unit("раненых").span("2 раненых")},
	})
}

// Adverbs, gerunds and pronouns in "-а" or "-я" after a substantivised
// adjective are no nouns (ruNotNounsInA).
func TestRussianFewNotNouns(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"2 погибших позавчера", exact(2, "numeral").unit("погибших").span("2 погибших")},
		{"3 погибших несмотря на", exact(3, "numeral").unit("погибших").span("3 погибших")},
		{"2 раненых судя по всему", exact(2, "numeral").unit("раненых").span("2 раненых")},
		{"3 раненых навсегда", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"2 погибших наверняка", exact(2, "numeral").unit("погибших").span("2 погибших")},
		{"3 раненых слегка", exact(3, "numeral").unit("раненых").span("3 раненых")},
		{"3 пострадавших никуда", exact(3, "numeral").unit("пострадавших").span("3 пострадавших")},
		{"2 раненых покуда", exact(2, "numeral").unit("раненых").span("2 раненых")},
		{"3 раненых себя", exact(3, "numeral").unit("раненых").span("3 раненых")},
	})
}

// A substantivised adjective that is mostly a noun ("военнослужащих",
// "служащих", "заключенных") keeps its reading after 2, 3 or 4 when a
// genitive singular follows: that is its owner. Others ("рабочих")
// qualify the noun after them as often and read it ("3 рабочих места").
func TestRussianFewOwner(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"3 военнослужащих батальона", exact(3, "numeral").unit("военнослужащих").span("3 военнослужащих")},
		{"2 служащих банка", exact(2, "numeral").unit("служащих").span("2 служащих")},
		{"3 заключенных лагеря", exact(3, "numeral").unit("заключенных").span("3 заключенных")},
		// What read right before still does.
		{"3 рабочих места", exact(3, "numeral").unit("места")},
		{"2 российских военнослужащих", exact(2, "numeral").unit("военнослужащих")},
		{"200 военнослужащих батальона", exact(200, "numeral").unit("военнослужащих").span("200 военнослужащих")},
	})
}

// A headline in Title Case or capitals writes the noun after a group's
// name capitalised too: the noun, a count noun or a group's members, is
// still the unit, as it is in running text ("200 Hezbollah fighters").
// The group's name stays the unit when no such noun follows.
func TestGroupNameInHeadlines(t *testing.T) {
	t.Parallel()
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"200 Hezbollah Fighters Killed In Israeli Strikes", "200 Hezbollah Fighters", "Fighters"},
		{"300 Islamic State Fighters Killed In Airstrike", "300 Islamic State Fighters", "Fighters"},
		{"5 HAMAS FIGHTERS KILLED", "5 HAMAS FIGHTERS", "FIGHTERS"},
		{"ISRAEL KILLS 3 HEZBOLLAH COMMANDERS", "3 HEZBOLLAH COMMANDERS", "COMMANDERS"},
		{"Three Hezbollah Commanders Killed", "Three Hezbollah Commanders", "Commanders"},
		// What read right before still does.
		{"200 Hezbollah fighters killed", "200 Hezbollah fighters", "fighters"},
		{"300 Taliban Attacked The Base", "300 Taliban", "Taliban"},
		{"1,000 Shell Gas Stations Closed", "1,000 Shell", "Shell"},
		{"40 Hezbollah Members Of Parliament Resign", "40 Hezbollah Members", "Members"},
	})
	runTable(t, defaultParser, []parseCase{
		{"300 US Overseas Bases", exact(300, "numeral").unit("").span("300")},
		{"1,000 ISIS", exact(1000, "numeral").unit("ISIS")},
	})
}

// A code of the later currencies after a figure and before a plural noun
// in lower case is an acronym that qualifies the noun: search and rescue
// teams, AMD's chips, CAD drawings. Alone, before any other word or
// before the figure it is still money, and so are the older codes.
func TestCodeBeforeNoun(t *testing.T) {
	t.Parallel()
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"They sent 5 SAR teams to the site.", "5 SAR teams", "teams"},
		{"3 SAR helicopters took off", "3 SAR helicopters", "helicopters"},
		{"The lab bought 10 AMD chips.", "10 AMD chips", "chips"},
		{"He sent 20 CAD drawings", "20 CAD drawings", "drawings"},
		{"40 CAD files were lost", "40 CAD files", "files"},
		// What read right before still does.
		{"It costs 5 SAR.", "5 SAR", "SAR"},
		{"He earns 500 AMD per month.", "500 AMD", "AMD"},
		{"The bank lent SAR 5 million.", "SAR 5 million", "SAR"},
		{"She is paid 20 CAD a day.", "20 CAD", "CAD"},
		{"It costs $5 CAD.", "$5 CAD", "CAD"},
		{"He found 5 USD bills", "5 USD", "USD"},
		{"They paid 300 EUR fees", "300 EUR", "EUR"},
	})
}

// "Pounds" after a figure is a weight before "of" and what it weighs, and
// the singular is one before a munition, as an adjective, which is read
// as the hyphenated "2,000-pound bombs" is: a compound adjective, no
// quantity. Alone, before "sterling", or before "of" and money, it is
// sterling still.
func TestPoundsOfWeight(t *testing.T) {
	t.Parallel()
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"The truck carried 2,000 pounds of explosives.", "2,000 pounds", "pounds"},
		{"Police found 3,000 pounds of TNT", "3,000 pounds", "pounds"},
		// What read right before still does.
		{"He was paid 2,000 pounds.", "2,000 pounds", "GBP"},
		{"He was paid £2,000.", "£2,000", "GBP"},
		{"He was paid 2,000 pounds sterling.", "2,000 pounds", "GBP"},
		{"He got a fine of 2,000 pounds", "2,000 pounds", "GBP"},
		{"It cost 5 million pounds of taxpayers' money", "5 million pounds", "GBP"},
		{"It caused 2,000 pounds of damage", "2,000 pounds", "GBP"},
		{"He lost 5,000 pounds of the money", "5,000 pounds", "GBP"},
	})
	for _, text := range []string{"Israel asked for 2,000 pound bombs", "US Sends 2,000 Pound Bombs To Israel",
		"Israel asked for 2,000-pound bombs"} {
		if qs := defaultParser.Extract(text); len(qs) != 0 {
			t.Errorf("%q: %+v, want no quantity", text, qs)
		}
	}
}

// "U.S. dollars" is the currency "US dollars" is.
func TestUSDotDollars(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"300 million U.S. dollars", exact(3e8, "numeral").unit("USD")},
		{"300 million US dollars", exact(3e8, "numeral").unit("USD")},
		{"5 U.S. troops", exact(5, "numeral").unit("troops")},
	})
}
