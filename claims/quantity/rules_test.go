package quantity

import (
	"strings"
	"testing"
)

// The rules of issue 10, one table a family, English and Russian rows
// side by side. Every silent misreading the issue lists is a row of
// TestSilentMisreadings.

func approxW(lo, best, hi float64, rule string) want {
	return want{Low: v(lo), High: v(hi), Best: v(best), Approx: true, Kind: Approximate, Rule: rule}
}

func change(lo, best, hi float64, rule string) want {
	return want{Low: v(lo), High: v(hi), Best: v(best), Kind: Change, Rule: rule}
}

// refusal is a Parse that must fail with a reason containing the text.
type refusal struct{ in, reason string }

func runRefusals(t *testing.T, tests []refusal) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			q, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %s %v-%v, want a refusal", tt.in, q.Kind, fmtPtr(q.Low), fmtPtr(q.High))
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("Parse(%q) error %q, want a reason containing %q", tt.in, err, tt.reason)
			}
		})
	}
}

func TestSilentMisreadings(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{".05", exact(0.05, "numeral")},
		{"point 35", exact(0.35, "numeral")},
		{"half a million", exact(500000, "numeral")},
		{"quarter million", exact(250000, "numeral")},
		{"one forty five", exact(145, "numeral")},
		{"4.75 k", exact(4750, "numeral")},
		{"≤ 250", upper(250, "up_to")},
		{"couldn't have been more than 3,000", upper(3000, "up_to")},
		{"350.000", exact(350000, "numeral")},
		{"JPY 640 trillion", exact(640e12, "numeral").unit("JPY")},
		{"четверть миллиона", exact(250000, "numeral")},
		{"не могло быть больше 3000", upper(3000, "up_to")},
	})
	runRefusals(t, []refusal{
		{"minus 3,400,000", "a sign before the number: negative quantities are not counts"},
		{"минус 3 400 000", "a sign before the number: negative quantities are not counts"},
		{"150,00", "a thousands group with a digit missing or one too many"},
		{"1.500", `may be 1,500 or 1.5`},
	})
}

func TestRuleFractions(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"3/4", pct(75, "fraction")},
		{"1/5", pct(20, "fraction")},
		{"a half", pct(50, "fraction")},
		{"three quarters", pct(75, "fraction")},
		{"two-thirds", approxW(66.66, 66.67, 66.67, "fraction").unit("percent").kind(Approximate)},
		{"half million", exact(500000, "numeral")},
		{"one and a half million", exact(1.5e6, "numeral")},
		{"one million and a half", exact(1.5e6, "numeral")},
		{"полмиллиона", exact(500000, "numeral")},
		{"полтора", exact(1.5, "numeral")},
		{"два с половиной", exact(2.5, "numeral")},
		{"два с половиной миллиона", exact(2.5e6, "numeral")},
		{"три четверти", pct(75, "fraction")},
		{"около полумиллиона", approxW(450000, 500000, 550000, "okolo")},
	})
	runRefusals(t, []refusal{
		{"9/11", "no usual fraction"},
		{"12/5", "no proportion"},
	})
}

func (w want) kind(k Kind) want { w.Kind = k; return w }

func TestRuleSuffixes(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"250k", exact(250000, "numeral")},
		{"7M", exact(7e6, "numeral")},
		{"4MM", exact(4e6, "numeral")},
		{"6mil", exact(6e6, "numeral")},
		{"1.2bn", exact(1.2e9, "numeral")},
		{"10k$", exact(10000, "numeral").unit("USD")},
		{"8k-12k", rng(8000, 12000)},
		{"250к", exact(250000, "numeral")},
		{"7М", exact(7e6, "numeral")},
		{"5 тыс.", exact(5000, "numeral")},
		{"3 млн", exact(3e6, "numeral")},
		{"1,5 млрд", exact(1.5e9, "numeral")},
		{"8к-12к", rng(8000, 12000)},
	})
	runRefusals(t, []refusal{
		{"4mm", "cannot read"}, // millimetres
		{"5м", "cannot read"},  // metres
	})
}

func TestRuleDecimals(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{".05", exact(0.05, "numeral")},
		{"0,5", exact(0.5, "numeral")},
		{"two point two million", exact(2.2e6, "numeral")},
		{"4 point 2", exact(4.2, "numeral")},
		{"point five", exact(0.5, "numeral")},
		{"один точка один", exact(1.1, "numeral")},
		{"1 точка 25", exact(1.25, "numeral")},
		{"0,05", exact(0.05, "numeral")},
		{"2,75 млн", exact(2.75e6, "numeral")},
	})
}

func TestRuleComparisons(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"< 250", upper(249, "fewer_than")},
		{"> 250", lower(251, "more_than")},
		{"≥ 250", lower(250, "at_least")},
		{"=< 250", upper(250, "up_to")},
		{">= 250", lower(250, "at_least")},
		{"500 or less", upper(500, "up_to")},
		{"equal to or less than 30", upper(30, "up_to")},
		{"no fewer than 40", lower(40, "at_least")},
		{"surpass 1,000", lower(1001, "more_than")},
		{"exceed 20,000", lower(20001, "more_than")},
		{"topped 500", lower(501, "more_than")},
		{"fell short of 1,000", upper(999, "fewer_than")},
		{"less than 5000 or equal", upper(5000, "up_to")},
		{"не менее 400", lower(400, "at_least")},
		{"не более 200", upper(200, "up_to")},
		{"свыше 1000", lower(1001, "more_than")},
		{"до 3000", upper(3000, "up_to")},
		{"не ниже 30", lower(30, "at_least")},
		{"< 250 человек", upper(249, "fewer_than").unit("человек")},
	})
}

func TestRuleNegation(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"couldn't be more than 3,000", upper(3000, "up_to")},
		{"could not exceed 500", upper(500, "up_to")},
		{"no more than 50", upper(50, "up_to")},
		{"not more than 50", upper(50, "up_to")},
		{"never more than 20", upper(20, "up_to")},
		{"wasn't more than 10", upper(10, "up_to")},
		{"couldn't be fewer than 200", lower(200, "at_least")},
		{"не больше 100", upper(100, "up_to")},
		{"не свыше 100", upper(100, "up_to")},
		{"никак не более 200", upper(200, "up_to")},
		{"не меньше чем 50", lower(50, "at_least")},
	})
}

func TestRuleTwoSided(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"greater than 50 and smaller than 400", rng(51, 399)},
		{"at most 90 and at least 30", rng(30, 90)},
		{"at least 2,000 but no more than 3,000", rng(2000, 3000)},
		{"40 through 60", rng(40, 60)},
		{"between 5 and 7 thousand", rng(5000, 7000)},
		{"не менее 20 и не более 50", rng(20, 50)},
		{"более 10, но менее 20", rng(11, 19)},
		{"от 5 до 7 тысяч", rng(5000, 7000)},
	})
}

func TestRulePluralsAndCompounds(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"4 dozens", exact(48, "numeral")},
		{"five billions", exact(5e9, "numeral")},
		{"three thousand millions", exact(3e9, "numeral")},
		{"thousands of millions", vague(2e9, 4.5e9, 9999999999, "vague:thousands")},
		{"tens of thousands", vague(20000, 45000, 99999, "vague:tens")},
		{"7 dollars 25 cents", exact(7.25, "numeral").unit("USD")},
		{"15 долларов 10 центов", exact(15.1, "numeral").unit("USD")},
		{"5 рублей 50 копеек", exact(5.5, "numeral").unit("RUB")},
		{"сотни тысяч", vague(200000, 450000, 999999, "vague:hundreds")},
		{"сотни миллиардов рублей", vague(2e11, 4.5e11, 999999999999, "vague:hundreds").unit("RUB")},
	})
}

func TestRuleSouthAsian(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"8 lakh", exact(8e5, "numeral")},
		{"two hundred crores", exact(2e9, "numeral")},
		{"3,72,150", exact(372150, "numeral")},
		{"Rs 47.66 lakh crore", exact(47.66e12, "numeral").unit("INR")},
		{"₹2 lakh crore", exact(2e12, "numeral").unit("INR")},
		{"Rs 1,24,000 crore", exact(1.24e12, "numeral").unit("INR")},
	})
	runRefusals(t, []refusal{
		{"Rs 7.500 crores", "may be 7,500 or 7.5"},
		{"Rs 83,7186 crore", "a thousands group with a digit missing or one too many"},
	})
}

func TestRuleSeparators(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"350.000", exact(350000, "numeral")},
		{"350 000", exact(350000, "numeral")},
		{"0.500", exact(0.5, "numeral")},
		{"1.500 человек", exact(1500, "numeral").unit("человек")},
		{"350.000 человек", exact(350000, "numeral").unit("человек")},
		{"12.345,67", exact(12345.67, "numeral")},
	})
	runRefusals(t, []refusal{
		{"1.500", "may be 1,500 or 1.5"},
		{"1,0000", "a thousands group with a digit missing or one too many"},
	})
}

func TestRuleCurrencyBefore(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"JPY 640 trillion", exact(640e12, "numeral").unit("JPY")},
		{"US$1.2bn", exact(1.2e9, "numeral").unit("USD")},
		{"€3,5 Mrd", exact(3.5e9, "numeral").unit("EUR")},
		{"₹2 lakh crore", exact(2e12, "numeral").unit("INR")},
		{"руб. 5 млрд", exact(5e9, "numeral").unit("RUB")},
		{"$2 млрд", exact(2e9, "numeral").unit("USD")},
	})
}

func TestRuleStatedError(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"45,000, give or take 15%", approxW(38250, 45000, 51750, "stated_error")},
		{"20,000 ± 5,000", approxW(15000, 20000, 25000, "stated_error")},
		{"52% plus or minus 3 points", approxW(49, 52, 55, "stated_error").unit("percent")},
		{"1,000 give or take", about(900, 1000, 1100)},
		{"12 000 ± 500 человек", approxW(11500, 12000, 12500, "stated_error").unit("человек")},
		{"200 плюс-минус 10%", approxW(180, 200, 220, "stated_error")},
	})
	runRefusals(t, []refusal{
		{"± 5,000", "a margin of error (±) with no figure before it"},
		{"плюс-минус 500", "a margin of error (±) with no figure before it"},
	})
}

func TestRuleZeroAndSmallWords(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"zero", exact(0, "numeral")},
		{"nil", exact(0, "numeral")},
		{"none", exact(0, "numeral")},
		{"a pair", exact(2, "numeral")},
		{"a couple", vague(2, 2, 3, "vague:couple")},
		{"a dozen", exact(12, "numeral")},
		{"more than zero", lower(1, "more_than")},
		{"ноль", exact(0, "numeral")},
		{"нуль человек", exact(0, "numeral").unit("человек")},
		{"пара", vague(2, 2, 3, "vague:couple")},
		{"дюжина", exact(12, "numeral")},
	})
}

func TestRuleClosenessHedges(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"close to 2,000", approxW(1800, 1900, 1999, "close_to")},
		{"just shy of 1,000", approxW(970, 990, 999, "just_shy_of")},
		{"upwards of 400", lower(400, "upwards_of")},
		{"north of 400", lower(401, "north_of")},
		{"north of $1bn", lower(1e9, "north_of").unit("USD")},
		{"in the region of 1,000", approxW(850, 1000, 1150, "in_the_region_of")},
		{"почти 2000", approxW(1800, 1900, 1999, "pochti")},
		{"без малого 1000", approxW(950, 980, 999, "bez_malogo")},
		{"более чем 400", lower(401, "bolee_chem")},
		{"около 800", approxW(720, 800, 880, "okolo")},
		{"порядка 2000", approxW(1800, 2000, 2200, "poryadka")},
	})
	// Every hedge has its own entry in the calibration table, with its
	// reasoning.
	for mod, key := range hedgeKey {
		h, ok := builtin.Hedges[key]
		if !ok || h.Why == "" {
			t.Errorf("hedge %s (%s) has no calibration entry with a why", key, modRule[mod])
		}
	}
}

func TestRuleSigns(t *testing.T) {
	runTable(t, defaultParser, []parseCase{
		{"fell by 5%", change(-5, -5, -5, "change").unit("percent")},
		{"rose by 5%", change(5, 5, 5, "change").unit("percent")},
		{"fell by 2,000", change(-2000, -2000, -2000, "change")},
		{"fell by about 5%", want{Low: v(-5.5), High: v(-4.5), Best: v(-5), Approx: true, Kind: Change, Unit: "percent", Rule: "change+about"}},
		{"-3.2%", change(-3.2, -3.2, -3.2, "change").unit("percent").span("3.2%")},
		{"минус 5 процентов", change(-5, -5, -5, "change").unit("percent")},
		{"снизился на 5%", change(-5, -5, -5, "change").unit("percent")},
		{"вырос на 3%", change(3, 3, 3, "change").unit("percent")},
	})
	runRefusals(t, []refusal{
		{"minus 5", "a sign before the number: negative quantities are not counts"},
		{"-504", "a sign before the number: negative quantities are not counts"},
		{"negative five hundred and four", "a sign before the number"},
		{"-5 человек", "a sign before the number"},
		{"минус 1200000", "a sign before the number"},
		{"-$5bn", "a sign before a sum"},
	})
}

// Ranges whose first end shares the second's scale word, suffix or zero
// groups: "700K-900K", "30-40,000" (30,000 to 40,000, the common reading
// of a shared multiplier), "1.2-1.5 million", "5–7 млн", "от 2 до 3 тыс.".
// The news forms come from stored pages: "AP reported 10 to 20,000
// people attended", "в 20-30 тысяч человек", "ranges of 1-3 million",
// "1 to 5 mln".
func TestSharedMultiplierRanges(t *testing.T) {
	t.Run("en", func(t *testing.T) {
		runTable(t, defaultParser, []parseCase{
			{"700K-900K", rng(700000, 900000)},
			{"700k–900k people", rng(700000, 900000).unit("people")},
			{"$700K-900K", rng(700000, 900000).unit("USD")},
			{"30-40,000", rng(30000, 40000)},
			{"30 to 40,000", rng(30000, 40000)},
			{"between 30 and 40,000", rng(30000, 40000)},
			{"10 to 20,000 people", rng(10000, 20000).unit("people")},
			{"5-10,000", rng(5000, 10000)},
			{"50-100,000", rng(50000, 100000)},
			{"1-2,000,000", rng(1e6, 2e6)},
			{"$30-40,000", rng(30000, 40000).unit("USD")},
			{"1.2-1.5 million", rng(1.2e6, 1.5e6)},
			{"1-3 million", rng(1e6, 3e6)},
			{"1 to 5 mln", rng(1e6, 5e6)},
			{"$2-3bn", rng(2e9, 3e9).unit("USD")},
			// The first end at or above the second's leading group: both
			// ends as written.
			{"100-1,000", rng(100, 1000)},
			{"between 800 and 1,500", rng(800, 1500)},
			{"0-5,000", rng(0, 5000)},
			{"10-15%", rng(10, 15).unit("percent")},
		})
		runRefusals(t, []refusal{
			{"3-400,000", "3,000 to 400,000 or 300,000 to 400,000"},
			{"1.5-2,000", "1.5 to 2,000, or 1,500 to 2,000"},
			{"3-4,500", "3 to 4,500, or 3,000 to 4,500"},
			{"5 to 3 million", "the figures fall (5,000,000 to 3,000,000)"},
		})
	})
	t.Run("ru", func(t *testing.T) {
		runTable(t, defaultParser, []parseCase{
			{"700К-900К", rng(700000, 900000)},
			{"700 тыс.-900 тыс.", rng(700000, 900000)},
			{"30–40 000", rng(30000, 40000)},
			{"от 30 до 40 000", rng(30000, 40000)},
			{"от 2 до 3 тыс.", rng(2000, 3000)},
			{"5–7 млн", rng(5e6, 7e6)},
			{"1,2–1,5 млн", rng(1.2e6, 1.5e6)},
			{"20-30 тысяч человек", rng(20000, 30000).unit("человек")},
			{"от 100 до 1 000", rng(100, 1000)},
		})
		runRefusals(t, []refusal{
			{"3-400 000", "3,000 to 400,000 or 300,000 to 400,000"},
			{"от 3 до 4 500", "3 to 4,500, or 3,000 to 4,500"},
			{"от 5 до 3 млн", "the figures fall (5,000,000 to 3,000,000)"},
		})
	})
}

// exFound is one quantity or refusal Extract reports, with its span.
type exFound struct {
	span, kind string
	low, high  float64
}

func TestExtractPairsRevisionsAndTypos(t *testing.T) {
	tests := []struct {
		in      string
		want    []exFound
		refused []string // spans refused, with a reason
	}{
		{"In Marseille, the prefecture and the CGT counted marchers (15,000 to 40,000).",
			[]exFound{{"15,000", "exact", 15000, 15000}, {"40,000", "exact", 40000, 40000}}, nil},
		{"The estimate was raised from 90,000 to 250,000.",
			[]exFound{{"90,000", "exact", 90000, 90000}, {"250,000", "exact", 250000, 250000}}, nil},
		{"Police and organisers gave 3,000 and 12,000 respectively; 5,000 to 7,000 people marched in Lyon.",
			[]exFound{{"3,000", "exact", 3000, 3000}, {"12,000", "exact", 12000, 12000}, {"5,000 to 7,000 people", "range", 5000, 7000}}, nil},
		// A source whose next figure is another has a count of its own:
		// the range is the other source's alone.
		{"Police said 5,000-7,000 with organisers saying 15,000.",
			[]exFound{{"5,000-7,000", "range", 5000, 7000}, {"15,000", "exact", 15000, 15000}}, nil},
		{"По данным полиции, 5–7 тысяч, по данным организаторов — 15 тысяч.",
			[]exFound{{"5–7 тысяч", "range", 5000, 7000}, {"15 тысяч", "exact", 15000, 15000}}, nil},
		{"Between 800 and 1,500 fighters left.", []exFound{{"Between 800 and 1,500 fighters", "range", 800, 1500}}, nil},
		{"Police counted 150,00 people.", nil, []string{"150,00 people"}},
		{"По данным полиции и организаторов, от 5 до 20 тысяч человек.",
			[]exFound{{"5", "exact", 5000, 5000}, {"20 тысяч человек", "exact", 20000, 20000}}, nil},
		{"Оценку повысили от 90 до 250 тысяч.",
			[]exFound{{"90", "exact", 90000, 90000}, {"250 тысяч", "exact", 250000, 250000}}, nil},
		{"МВД насчитало 150,00 человек, а в Москве от 5 до 7 тысяч.",
			[]exFound{{"от 5 до 7 тысяч", "range", 5000, 7000}}, []string{"150,00 человек"}},
		{"More than 400 dead and up to 3,000 wounded.",
			[]exFound{{"More than 400 dead", "lower_bound", 401, 0}, {"up to 3,000", "upper_bound", 0, 3000}}, nil},
		{"Turnout was more than 400 and fewer than 900 people.",
			[]exFound{{"more than 400 and fewer than 900 people", "range", 401, 899}}, nil},
		{"The index fell by 5% and 800 left.", []exFound{{"fell by 5%", "change", -5, -5}, {"800", "exact", 800, 800}}, nil},
		// A Russian revision with "с … до", as "from … to" in English.
		{"Число погибших выросло с 300 до 500 человек.",
			[]exFound{{"300", "exact", 300, 300}, {"500 человек", "exact", 500, 500}}, nil},
		{"Прогноз снизили с 5 до 3 млн.",
			[]exFound{{"5", "exact", 5e6, 5e6}, {"3 млн.", "exact", 3e6, 3e6}}, nil},
		{"The forecast was cut from 5 to 3 million.",
			[]exFound{{"5", "exact", 5e6, 5e6}, {"3 million", "exact", 3e6, 3e6}}, nil},
		{"The toll rose from 300 to 500.",
			[]exFound{{"300", "exact", 300, 300}, {"500", "exact", 500, 500}}, nil},
		// No verb of change: "с … до" stays one range.
		{"На митинг пришли с 300 до 500 человек.",
			[]exFound{{"300 до 500 человек", "range", 300, 500}}, nil},
		{"Unions said 30-40,000 marched; police said 700K-900K, or 3-400,000.",
			[]exFound{{"30-40,000", "range", 30000, 40000}, {"700K-900K", "range", 700000, 900000}}, []string{"3-400,000"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			qs, refused := ExtractAll(tt.in)
			var got []exFound
			for _, q := range qs {
				f := exFound{span: tt.in[q.Start:q.End], kind: string(q.Kind)}
				if q.Low != nil {
					f.low = *q.Low
				}
				if q.High != nil {
					f.high = *q.High
				}
				if q.Text != f.span {
					t.Errorf("Text %q, span %q", q.Text, f.span)
				}
				got = append(got, f)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("ExtractAll(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			for k := range got {
				if got[k] != tt.want[k] {
					t.Errorf("quantity %d = %+v, want %+v", k, got[k], tt.want[k])
				}
			}
			var spans []string
			for _, r := range refused {
				spans = append(spans, tt.in[r.Start:r.End])
				if r.Reason == "" || r.Text != tt.in[r.Start:r.End] {
					t.Errorf("refusal %+v: want its span as Text and a reason", r)
				}
			}
			if strings.Join(spans, "|") != strings.Join(tt.refused, "|") {
				t.Errorf("refused %q, want %q", spans, tt.refused)
			}
			// Extract reports the same quantities.
			if n := len(Extract(tt.in)); n != len(qs) {
				t.Errorf("Extract found %d quantities, ExtractAll %d", n, len(qs))
			}
		})
	}
}
