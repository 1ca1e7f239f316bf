package quantity

import (
	"slices"
	"testing"
)

// Russian readings that were read confidently wrong: "от 300 человек" as
// exactly 300, "человек 200" and "с десяток" as exact figures, and
// "российских" as the unit of "300 российских боевиков". Each figure is
// stated from the package doc's rules, not from a run of the parser.

func TestRussianOtLowerBound(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"от 300 человек", lower(300, "at_least").unit("человек")},
		{"от 5 тысяч боевиков", lower(5000, "at_least").unit("боевиков")},
		{"От 300 человек воюют в Сирии.", lower(300, "at_least").unit("человек").span("От 300 человек")},
		{"воюют от 5 тысяч боевиков", lower(5000, "at_least").unit("боевиков").span("от 5 тысяч боевиков")},
		{"численность составляет от 300 человек", lower(300, "at_least").unit("человек").span("от 300 человек")},
		{"По оценкам, от 300 человек", lower(300, "at_least").unit("человек").span("от 300 человек")},
		{"Численность — от 5 тысяч", lower(5000, "at_least").span("от 5 тысяч")},
		{"от 5%", lower(5, "at_least").unit("percent")},
		// "от" that a word before it may govern: from 300 people, read
		// as before.
		{"получили письма от 300 человек", exact(300, "numeral").unit("человек").span("300 человек")},
		{"с 2014 года от 300 человек", exact(300, "numeral").unit("человек").span("300 человек")},
		{"письма от родных и от 300 человек", exact(300, "numeral").unit("человек").span("300 человек")},
		// A range is a range.
		{"от 300 до 500 человек", rng(300, 500).unit("человек")},
		{"Численность — от 5 тысяч до 7 тысяч", rng(5000, 7000).span("от 5 тысяч до 7 тысяч")},
		{"от 20 и не более 50", rng(20, 50)},
	})
	runRefusals(t, []refusal{
		{"от 2015 года", "only a year found"},
		{"воюют от 2015", "only a year found"},
		{"от 300 человек до 500", "two quantities found"},
	})
	// In running text: a date after "от" is no count, and "от 300
	// человек до 500" stays the two readings it had.
	for _, tt := range []struct {
		text  string
		spans []string
	}{
		{"Указ от 5 марта 2015 года вступил в силу.", nil},
		{"Пришли от 300 человек до 500.", []string{"300 человек", "до 500"}},
		{"Пришли письма от 300 человек, а воюют от 5 тысяч боевиков.", []string{"300 человек", "от 5 тысяч боевиков"}},
	} {
		var got []string
		for _, q := range Extract(tt.text) {
			got = append(got, q.Text)
		}
		if !slices.Equal(got, tt.spans) {
			t.Errorf("Extract(%q) spans %q, want %q", tt.text, got, tt.spans)
		}
	}
}

func TestRussianInvertedNoun(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		// "около 200" is 180 to 220; so is the inverted order.
		{"человек 200", approxW(180, 200, 220, "okolo").unit("человек")},
		{"На митинг пришло человек 200.", approxW(180, 200, 220, "okolo").unit("человек").span("человек 200")},
		{"Человек 300 собрались у здания.", approxW(270, 300, 330, "okolo").unit("Человек").span("Человек 300")},
		{"человек 200-300", want{Low: v(200), High: v(300), Best: v(250), Approx: true, Kind: Range, Unit: "человек", Rule: "okolo+range"}},
		// The figure has a unit or a year of its own: read alone.
		{"этот человек 20 лет работал", exact(20, "numeral").unit("лет").span("20 лет")},
		{"человек 5 раз звонил", exact(5, "numeral").unit("раз").span("5 раз")},
		// The noun belongs to the figure before it.
		{"300 человек", exact(300, "numeral").unit("человек")},
	})
	if qs := Extract("Пришли 300 человек 200 из них ушли."); len(qs) != 2 || qs[0].Text != "300 человек" || qs[1].Text != "200" || *qs[1].Low != 200 {
		t.Errorf("Extract: %+v, want 300 человек and a plain 200", qs)
	}
	if qs := Extract("Это человек 1990 года рождения."); len(qs) != 0 {
		t.Errorf("Extract: %+v, want no quantity (a year)", qs)
	}
}

func TestRussianSApprox(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"с десяток", approxW(9, 10, 11, "okolo")},
		{"с сотню", approxW(90, 100, 110, "okolo")},
		{"с тысячу", approxW(900, 1000, 1100, "okolo")},
		{"С десяток боевиков задержаны.", approxW(9, 10, 11, "okolo").unit("боевиков").span("С десяток боевиков")},
		{"с два десятка человек", approxW(18, 20, 22, "okolo").unit("человек")},
		{"с полтора десятка", approxW(13.5, 15, 16.5, "okolo")},
		// "с" as "with" (instrumental) and a numeral with no counted noun.
		{"встреча с тысячей человек", exact(1000, "numeral").unit("человек").span("тысячей человек")},
		{"с два", exact(2, "numeral").span("два")},
		// "Nearly two dozen" stays "nearly 24".
		{"nearly two dozen", approxW(21.6, 22.8, 23, "nearly")},
		{"nearly 24", approxW(21.6, 22.8, 23, "nearly")},
	})
}

func TestPlaceAdjectiveNotUnit(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"300 российских боевиков", exact(300, "numeral").unit("боевиков")},
		{"300 украинских военнопленных", exact(300, "numeral").unit("военнопленных")},
		{"1351 российский военнослужащий", exact(1351, "numeral").unit("военнослужащий")},
		{"115 российских мирных жителей", exact(115, "numeral").unit("жителей")},
		{"50 тысяч российских и сирийских военных", exact(50000, "numeral").unit("военных")},
		{"300 российских или чеченских боевиков", exact(300, "numeral").unit("боевиков")},
		{"300 российских и сирийских", exact(300, "numeral").unit("российских").span("300 российских")},
		{"300 российских и сирийских погибли", exact(300, "numeral").unit("российских").span("300 российских")},
		{"около 1,7 тысячи российских граждан", approxW(1530, 1700, 1870, "okolo").unit("граждан")},
		{"сотни российских военных", vague(200, 450, 999, "vague:hundreds").unit("военных")},
		// No noun after it: the adjective stays.
		{"300 российских", exact(300, "numeral").unit("российских")},
		{"300 гражданских погибли", exact(300, "numeral").unit("гражданских").span("300 гражданских")},
	})
}

// TestRussianUnitNounOfScale: "десяток", "сотня" before a scale count it
// ("два десятка тысяч" is 20,000), where the figure was read as 20 and a
// vague "thousands" after it.
func TestRussianUnitNounOfScale(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"два десятка тысяч человек", exact(20000, "numeral").unit("человек")},
		{"десяток тысяч", exact(10000, "numeral")},
		{"сотню тысяч", exact(100000, "numeral")},
		{"полтора десятка тысяч", exact(15000, "numeral")},
		{"с десяток тысяч человек", approxW(9000, 10000, 11000, "okolo").unit("человек")},
		{"около сотни тысяч человек", approxW(90000, 100000, 110000, "okolo").unit("человек")},
		{"более десятка тысяч", lower(10001, "more_than")},
		{"более двух десятков тысяч", lower(20001, "more_than")},
		{"от двух до трех десятков тысяч", rng(20000, 30000)},
		// No scale after it: as before.
		{"два десятка", exact(20, "numeral")},
		{"около сотни", approxW(90, 100, 110, "okolo")},
		{"несколько десятков тысяч", vague(30000, 50000, 90000, "vague:neskolko")},
	})
}

// TestRussianRangeEndsInGenitive: the ends of "от … до …" are in the
// genitive, where "тысячи" and "сотни", alone the plurals "thousands" and
// "hundreds", are the singular: one thousand, one hundred. Before, these
// ranges were refused as two quantities.
func TestRussianRangeEndsInGenitive(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"от 300 до тысячи", rng(300, 1000)},
		{"от сотни до тысячи человек", rng(100, 1000).unit("человек")},
		{"от тысячи до 5 тысяч", rng(1000, 5000)},
		{"от десятка до сотни", rng(10, 100)},
		// Unchanged: a scale after a numeral, the bounds alone.
		{"от 2 до 3 тысяч", rng(2000, 3000)},
		{"до тысячи человек", upper(1000, "up_to").unit("человек")},
	})
}
