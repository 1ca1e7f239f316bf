package quantity

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Readings of parser Version 10, each figure stated from the package
// doc's rules and the vague table (several and несколько are 3 to 9, a
// few 2 to 5), not from a run of the parser.

// A range whose end is a vague quantity is one range from the vague
// quantity's low end (or to its high end), where it was refused as two
// quantities.
func TestRangeVagueEnd(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"от нескольких сотен до тысячи", rng(300, 1000).approx()},
		{"от нескольких сотен до тысячи человек", rng(300, 1000).approx().unit("человек")},
		{"from several hundred to a thousand", rng(300, 1000).approx()},
		{"between several hundred and a thousand", rng(300, 1000).approx()},
		{"from a few dozen to a hundred", rng(24, 100).approx()},
		{"от нескольких десятков до сотни", rng(30, 100).approx()},
		// The vague end shares the other's scale as a figure would.
		{"от нескольких до 10 тысяч", rng(3000, 10000).approx()},
		// A vague second end is read to its high end.
		{"от сотни до нескольких тысяч", rng(100, 9000).approx()},
		{"от 300 до нескольких тысяч", rng(300, 9000).approx()},
		// Unchanged: a vague bound alone, and ranges of figures.
		{"до нескольких тысяч", upper(9000, "up_to+vague:neskolko").approx()},
		{"up to several thousand", upper(9000, "up_to+vague:several").approx()},
		{"от 300 до тысячи", rng(300, 1000)},
	})
	runRefusals(t, []refusal{
		// Five or five thousand? The first end may share the vague
		// end's scale or not.
		{"от пяти до нескольких тысяч", "two quantities found"},
	})
	// Two sources' figures in running text: each end is read alone, a
	// vague one as the vague quantity it is, not as the bound it gave.
	for _, tt := range []struct {
		text string
		want []want
	}{
		{"The prefecture and the unions: from 300 to several thousand.", []want{
			exact(300, "numeral").span("300"),
			{Low: v(3000), High: v(9000), Best: v(5000), Approx: true, Kind: Vague, Rule: "vague:several", Span: "several thousand"}}},
		{"The police and the organisers counted between several hundred and 5,000 respectively.", []want{
			{Low: v(300), High: v(900), Best: v(500), Approx: true, Kind: Vague, Rule: "vague:several", Span: "several hundred"},
			exact(5000, "numeral").span("5,000")}},
	} {
		qs := Extract(tt.text)
		if len(qs) != len(tt.want) {
			t.Errorf("Extract(%q): %d quantities, want %d", tt.text, len(qs), len(tt.want))
			continue
		}
		for i, q := range qs {
			if g := got(tt.text, q); !reflect.DeepEqual(g, tt.want[i]) {
				t.Errorf("Extract(%q)[%d] = %+v, want %+v", tt.text, i, g, tt.want[i])
			}
		}
	}
	q, err := Parse("от нескольких сотен до тысячи")
	if err != nil {
		t.Fatal(err)
	}
	if want := "from the low end of 300-900"; !strings.Contains(q.Explanation, want) {
		t.Errorf("explanation %q does not say %q", q.Explanation, want)
	}
}

// A verb after a figure is never its unit: a Russian past tense
// ("погибли", "получили", "собрались") or an English past form that does
// not end in "-ed" ("ran", "lost").
func TestVerbIsNoUnit(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"200 погибли", exact(200, "numeral").span("200")},
		{"около 200 погибли", approxW(180, 200, 220, "okolo").span("около 200")},
		{"19 получили ранения", exact(19, "numeral").span("19")},
		{"5 погибло", exact(5, "numeral").span("5")},
		{"30 собрались", exact(30, "numeral").span("30")},
		{"20 ran", exact(20, "numeral").span("20")},
		{"50 lost their homes", exact(50, "numeral").span("50")},
		// Nouns that end as such verbs do stay units.
		{"3 цели", exact(3, "numeral").unit("цели")},
		{"2 мили", exact(2, "numeral").unit("мили")},
		{"2 балла", exact(2, "numeral").unit("балла")},
		{"7 чел", exact(7, "numeral").unit("чел")},
		{"200 человек погибли", exact(200, "numeral").unit("человек").span("200 человек")},
	})
}

// A currency's or "процент"'s genitive plural before a figure hedges it
// as "около" does, as a count noun there already did.
func TestInvertedCurrency(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"рублей 500", approxW(450, 500, 550, "okolo").unit("RUB")},
		{"заплатил рублей 500 в месяц", approxW(450, 500, 550, "okolo").unit("RUB").span("рублей 500")},
		{"рублей 500 тысяч", approxW(450000, 500000, 550000, "okolo").unit("RUB")},
		{"долларов 100", approxW(90, 100, 110, "okolo").unit("USD")},
		{"процентов 5", approxW(4.5, 5, 5.5, "okolo").unit("percent")},
		{"долларов 200-300", rng(200, 300).approx().unit("USD").rule("okolo+range")},
		// As before: a figure with a unit of its own, a rate, "евро".
		{"рублей 500 человек", exact(500, "numeral").unit("человек").span("500 человек")},
		{"курс доллара 90", exact(90, "numeral").span("90")},
		{"курс евро 100", exact(100, "numeral").span("100")},
	})
	// A figure before the currency keeps it ("3 млн рублей"), and a date
	// after it is no sum.
	for _, tt := range []struct {
		text  string
		spans []string
	}{
		{"Собрали 3 млн рублей 500 тысяч из них потратили.", []string{"3 млн рублей", "500 тысяч"}},
		{"Выплаты в рублях 12 марта.", nil},
		{"Цена рублей 12 марта не менялась.", nil},
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

// An adjective that qualifies the counted noun ("foreign", "other",
// "других") leaves the noun as the unit, as a place's adjective does.
func TestQualifierUnit(t *testing.T) {
	t.Parallel()
	runTable(t, defaultParser, []parseCase{
		{"300 foreign fighters", exact(300, "numeral").unit("fighters")},
		{"some 70,000 foreign terrorist fighters have fought",
			approxW(63000, 70000, 77000, "about").unit("fighters").span("some 70,000 foreign terrorist fighters")},
		{"between 70 and 80 different countries", rng(70, 80).unit("countries")},
		{"more than 5,025 active-duty troops deployed", lower(5026, "more_than").unit("troops").span("more than 5,025 active-duty troops")},
		{"50 new anti-tank missiles", exact(50, "numeral").unit("missiles")},
		{"11 more people died", exact(11, "numeral").unit("people").span("11 more people")},
		{"50 других людей", exact(50, "numeral").unit("людей")},
		{"40 разных стран", exact(40, "numeral").unit("стран")},
		// No noun after the qualifier: no unit.
		{"300 more arrived", exact(300, "numeral").span("300")},
		{"tens of thousands more marching", want{Low: v(20000), High: v(99999), Best: v(45000), Approx: true, Kind: Vague, Rule: "vague:tens"}.span("tens of thousands")},
		{"2,000 additional active duty U.S. troops", exact(2000, "numeral").span("2,000")},
	})
}
