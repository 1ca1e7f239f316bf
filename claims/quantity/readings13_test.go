package quantity

import "testing"

// Readings of parser Version 13, stated by hand from the text: a
// preposition or pronoun after a substantivised adjective is no noun to
// pass on to, and a count noun before "и" is counted itself rather than
// read as the first of two adjectives (found in review of Version 12).
func TestRussianAdjectiveUnitStops(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"около 1000 протестующих против войны задержаны", approxW(900, 1000, 1100, "okolo").unit("протестующих").span("около 1000 протестующих")},
		{"200 проголосовавших против", exact(200, "numeral").unit("проголосовавших").span("200 проголосовавших")},
		{"300 убитых вокруг Бахмута", exact(300, "numeral").unit("убитых").span("300 убитых")},
		{"около 500 погибших близ Бахмута", approxW(450, 500, 550, "okolo").unit("погибших").span("около 500 погибших")},
		{"400 пострадавших перед этим", exact(400, "numeral").unit("пострадавших").span("400 пострадавших")},
		{"150 погибших подряд", exact(150, "numeral").unit("погибших").span("150 погибших")},
		{"200 военных назад", exact(200, "numeral").unit("военных").span("200 военных")},
		{"тысячи погибших всех национальностей", vague(2000, 4500, 9999, "vague:thousands").unit("погибших").span("тысячи погибших")},
		{"300 военных и мирных жителей", exact(300, "numeral").unit("военных").span("300 военных")},
		// Two adjectives before a noun still reach it.
		{"около 5000 иностранных и российских боевиков", approxW(4500, 5000, 5500, "okolo").unit("боевиков")},
	})
}
