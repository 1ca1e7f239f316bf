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
