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
		// A code that is an English word is one only in capitals.
		{"try 5 times", exact(5, "numeral").unit("times").span("5 times")},
		{"5 gel packs", exact(5, "numeral").unit("gel").span("5 gel")},
		// What read right before still does.
		{"3 million dollars", exact(3e6, "numeral").unit("USD")},
		{"5 млн фунтов", exact(5e6, "numeral").unit("GBP")},
		{"5 млн рублей", exact(5e6, "numeral").unit("RUB")},
		{"3 млн российских рублей", exact(3e6, "numeral").unit("RUB")},
		{"c. $3 million", about(2.7e6, 3e6, 3.3e6).unit("USD")},
		{"$3 million Canadian dollars", exact(3e6, "numeral").unit("USD").span("$3 million")},
	})
	checkSpanUnits(t, defaultParser, []spanUnit{
		{"The deal is worth 3 million Canadian dollars, it said.", "3 million Canadian dollars", "CAD"},
		{"Штраф составил 3 млн белорусских рублей.", "3 млн белорусских рублей", "BYN"},
		{"Билет стоит 300 грн. за поездку.", "300 грн.", "UAH"},
	})
}
