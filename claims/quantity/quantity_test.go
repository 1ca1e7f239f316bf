package quantity

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// want is the part of a Quantity a table row states. Span is the matched
// text; an empty Span means the whole input.
type want struct {
	Low, High, Best *float64
	Approx          bool
	Kind            Kind
	Unit            string
	Rule            string
	Span            string
}

func v(f float64) *float64 { return &f }

func exact(n float64, rule string) want {
	return want{Low: v(n), High: v(n), Best: v(n), Kind: Exact, Rule: rule}
}

func about(lo, best, hi float64) want {
	return want{Low: v(lo), High: v(hi), Best: v(best), Approx: true, Kind: Approximate, Rule: "about"}
}

func vague(lo, best, hi float64, rule string) want {
	return want{Low: v(lo), High: v(hi), Best: v(best), Approx: true, Kind: Vague, Rule: rule}
}

func rng(lo, hi float64) want {
	return want{Low: v(lo), High: v(hi), Best: v((lo + hi) / 2), Kind: Range, Rule: "range"}
}

func lower(lo float64, rule string) want {
	return want{Low: v(lo), Kind: LowerBound, Rule: rule}
}

func upper(hi float64, rule string) want {
	return want{High: v(hi), Kind: UpperBound, Rule: rule}
}

func (w want) unit(u string) want     { w.Unit = u; return w }
func (w want) span(s string) want     { w.Span = s; return w }
func (w want) approx() want           { w.Approx = true; return w }
func (w want) rule(r string) want     { w.Rule = r; return w }
func pct(n float64, rule string) want { return exact(n, rule).unit("percent") }

func got(in string, q Quantity) want {
	w := want{Low: q.Low, High: q.High, Best: q.Best, Approx: q.Approx, Kind: q.Kind, Unit: q.Unit, Rule: q.Rule}
	if q.Start != 0 || q.End != len(in) {
		w.Span = in[q.Start:q.End]
	}
	return w
}

var floatEq = cmpopts.EquateApprox(0, 1e-9)

// parseCase is one row of a Parse table.
type parseCase struct {
	in   string
	want want
}

func runTable(t *testing.T, p *Parser, tests []parseCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			q, err := p.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got(tt.in, q), floatEq); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s\nexplanation: %s", tt.in, diff, q.Explanation)
			}
			if q.Text != tt.in {
				t.Errorf("Parse(%q).Text = %q, want the input", tt.in, q.Text)
			}
		})
	}
}

func TestParseEnglish(t *testing.T) {
	t.Parallel()
	runTable(t, New(), englishCases)
}

func TestParseRussian(t *testing.T) {
	t.Parallel()
	runTable(t, New(), russianCases)
}

var englishCases = []parseCase{
	// Numerals in digits.
	{"800", exact(800, "numeral")},
	{"3,400", exact(3400, "numeral")},
	{"3.5", exact(3.5, "numeral")},
	{"1,500,000", exact(1.5e6, "numeral")},
	{"1,234.5", exact(1234.5, "numeral")},
	{"  42  ", exact(42, "numeral").span("42")},
	// Scales.
	{"1.2 million", exact(1.2e6, "numeral")},
	{"3.5m", exact(3.5e6, "numeral")},
	{"2 million", exact(2e6, "numeral")},
	{"10k", exact(1e4, "numeral")},
	{"4.2bn", exact(4.2e9, "numeral")},
	{"3 billion", exact(3e9, "numeral")},
	{"2.5 mln", exact(2.5e6, "numeral")},
	// Numerals in words.
	{"eight hundred", exact(800, "numeral")},
	{"twenty-five", exact(25, "numeral")},
	{"twenty five", exact(25, "numeral")},
	{"one hundred and fifty", exact(150, "numeral")},
	{"a dozen", exact(12, "numeral")},
	{"two dozen", exact(24, "numeral")},
	{"half a dozen", exact(6, "numeral")},
	{"half-a-dozen", exact(6, "numeral")},
	{"a half-million", exact(5e5, "numeral")},
	{"a thousand", exact(1000, "numeral")},
	{"a hundred", exact(100, "numeral")},
	{"three thousand five hundred", exact(3500, "numeral")},
	{"two and a half million", exact(2.5e6, "numeral")},
	{"half a million", exact(5e5, "numeral")},
	{"a quarter of a million", exact(2.5e5, "numeral")},
	{"nineteen", exact(19, "numeral")},
	{"Seven", exact(7, "numeral")},
	// Currencies.
	{"$2bn", exact(2e9, "numeral").unit("USD")},
	{"$2 billion", exact(2e9, "numeral").unit("USD")},
	{"US$ 5m", exact(5e6, "numeral").unit("USD")},
	{"€300 million", exact(3e8, "numeral").unit("EUR")},
	{"£40m", exact(4e7, "numeral").unit("GBP")},
	{"2 million dollars", exact(2e6, "numeral").unit("USD")},
	{"USD 40", exact(40, "numeral").unit("USD")},
	{"300 euros", exact(300, "numeral").unit("EUR")},
	// Approximators: ±10% by default, the figure is the best estimate.
	{"about 800", about(720, 800, 880)},
	{"around 800", about(720, 800, 880)},
	{"some 800", about(720, 800, 880)},
	{"roughly 800", about(720, 800, 880)},
	{"approximately 800", about(720, 800, 880)},
	{"an estimated 800", about(720, 800, 880)},
	{"circa 800", about(720, 800, 880)},
	{"c. 800", about(720, 800, 880)},
	{"~800", about(720, 800, 880)},
	{"≈ 800", about(720, 800, 880)},
	{"800 or so", about(720, 800, 880)},
	{"About 1,000", about(900, 1000, 1100)},
	{"about 12", about(10.8, 12, 13.2)},
	{"about $2bn", about(1.8e9, 2e9, 2.2e9).unit("USD")},
	{"in the region of 500", about(425, 500, 575).rule("in_the_region_of")},
	// Lower bounds: strict ones move to the next whole count.
	{"more than 400", lower(401, "more_than")},
	{"over 400", lower(401, "more_than")},
	{"upwards of 400", lower(400, "upwards_of")},
	{"in excess of 400", lower(401, "more_than")},
	{"well over 400", lower(401, "more_than")},
	{"more than 3.5", lower(3.5, "more_than")},
	{"more than 40%", lower(40, "more_than").unit("percent")},
	{"more than $2bn", lower(2e9, "more_than").unit("USD")},
	{"more than 1 million", lower(1e6+1, "more_than")},
	{"at least 4,000", lower(4000, "at_least")},
	{"no fewer than 30", lower(30, "at_least")},
	{"a minimum of 30", lower(30, "at_least")},
	{"800 or more", lower(800, "at_least")},
	{"800+", lower(800, "at_least")},
	{"800-plus", lower(800, "at_least")},
	// Upper bounds: the low end stays open.
	{"fewer than 50", upper(49, "fewer_than")},
	{"less than 50", upper(49, "fewer_than")},
	{"under 50", upper(49, "fewer_than")},
	{"below 50", upper(49, "fewer_than")},
	{"less than 0.5", upper(0.5, "fewer_than")},
	{"up to 3,000", upper(3000, "up_to")},
	{"no more than 3000", upper(3000, "up_to")},
	{"at most 3000", upper(3000, "up_to")},
	{"as many as 4,000", upper(4000, "up_to")},
	{"a maximum of 70", upper(70, "up_to")},
	{"50 or fewer", upper(50, "up_to")},
	// Hedges after the figure.
	{"nine thousand at least", lower(9000, "at_least")},
	{"9,000 at the least", lower(9000, "at_least")},
	{"9,000 at the very least", lower(9000, "at_least")},
	{"9,000 at a minimum", lower(9000, "at_least")},
	{"9,000 minimum", lower(9000, "at_least")},
	{"800 and more", lower(800, "at_least")},
	{"800 or over", lower(800, "at_least")},
	{"800 and above", lower(800, "at_least")},
	{"two or more", lower(2, "at_least")},
	{"four thousand at most", upper(4000, "up_to")},
	{"4,000 at the most", upper(4000, "up_to")},
	{"4,000 maximum", upper(4000, "up_to")},
	{"50 and fewer", upper(50, "up_to")},
	{"50 or less", upper(50, "up_to")},
	{"50 or under", upper(50, "up_to")},
	{"nine thousand fighters at least", lower(9000, "at_least").unit("fighters")},
	{"9,000 people at most.", upper(9000, "up_to").unit("people").span("9,000 people at most")},
	{"dozens at least", lower(24, "at_least+vague:dozens").approx()},
	{"several hundred or more", lower(300, "at_least+vague:several").approx()},
	{"hundreds or so", vague(200, 450, 999, "about+vague:hundreds")},
	// After the unit only where the clause ends.
	{"800 fighters plus their families", exact(800, "numeral").unit("fighters").span("800 fighters")},
	{"800 fighters and more weapons", exact(800, "numeral").unit("fighters").span("800 fighters")},
	// Verbs of comparison.
	{"exceeds 20,000", lower(20001, "more_than")},
	{"exceeded 20,000", lower(20001, "more_than")},
	{"surpasses 1,000", lower(1001, "more_than")},
	{"surpassed 1,000", lower(1001, "more_than")},
	{"tops 20,000", lower(20001, "more_than")},
	{"topped 20,000", lower(20001, "more_than")},
	{"the total exceeds 20,000 fighters", lower(20001, "more_than").unit("fighters").span("exceeds 20,000 fighters")},
	{"exceeds 40%", lower(40, "more_than").unit("percent")},
	{"does not exceed 500", upper(500, "up_to")},
	{"did not exceed 500", upper(500, "up_to")},
	{"doesn't exceed 500", upper(500, "up_to")},
	{"doesn’t exceed 500", upper(500, "up_to")},
	{"not exceeding 500", upper(500, "up_to")},
	{"never exceeded 500", upper(500, "up_to")},
	{"will not exceed $2bn", upper(2e9, "up_to").unit("USD")},
	// "More than doubled" bounds the growth, not the figure it reached.
	{"more than doubled to 20,000", exact(20000, "numeral").span("20,000")},
	// A bound before an approximator: the bound decides, the approximator
	// marks the reading approx and is named in the rule.
	{"up to about 4 thousand", upper(4000, "up_to+about").approx()},
	{"as many as some 4,000", upper(4000, "up_to+about").approx()},
	{"up to ~4,000", upper(4000, "up_to+about").approx()},
	{"at least about 4,000", lower(4000, "at_least+about").approx()},
	{"at least an estimated 30,000", lower(30000, "at_least+about").approx()},
	{"more than about 400", lower(401, "more_than+about").approx()},
	{"over around 25,000", lower(25001, "more_than+about").approx()},
	{"fewer than roughly 50", upper(49, "fewer_than+about").approx()},
	{"nearly about 2,000", want{Low: v(1800), High: v(1999), Best: v(1900), Approx: true, Kind: Approximate, Rule: "nearly+about"}},
	{"up to about 70-80", upper(80, "up_to+about+range").approx()},
	{"more than some hundreds", lower(200, "more_than+about+vague:hundreds").approx()},
	// "A little" with no direction is a hedge.
	{"a little half", want{Low: v(45), High: v(55), Best: v(50), Approx: true, Kind: Approximate, Rule: "about+fraction", Unit: "percent"}},
	{"a little above 1000", want{Low: v(1001), High: v(1050), Best: v(1020), Approx: true, Kind: Approximate, Rule: "just_over"}},
	// Hedged bounds below and above the figure.
	{"nearly 2000", want{Low: v(1800), High: v(1999), Best: v(1900), Approx: true, Kind: Approximate, Rule: "nearly"}},
	{"almost 2,000", want{Low: v(1800), High: v(1999), Best: v(1900), Approx: true, Kind: Approximate, Rule: "nearly"}},
	{"close to 2000", want{Low: v(1800), High: v(1999), Best: v(1900), Approx: true, Kind: Approximate, Rule: "close_to"}},
	{"nearly 90%", want{Low: v(81), High: v(90), Best: v(85.5), Approx: true, Kind: Approximate, Rule: "nearly", Unit: "percent"}},
	{"just under 1000", want{Low: v(950), High: v(999), Best: v(980), Approx: true, Kind: Approximate, Rule: "just_under"}},
	{"just over 1000", want{Low: v(1001), High: v(1050), Best: v(1020), Approx: true, Kind: Approximate, Rule: "just_over"}},
	{"slightly more than 1000", want{Low: v(1001), High: v(1050), Best: v(1020), Approx: true, Kind: Approximate, Rule: "just_over"}},
	{"40-odd", want{Low: v(41), High: v(49), Best: v(45), Approx: true, Kind: Approximate, Rule: "odd"}},
	{"800-odd", want{Low: v(801), High: v(899), Best: v(850), Approx: true, Kind: Approximate, Rule: "odd"}},
	// Ranges: the best estimate is the arithmetic midpoint.
	{"between 70 and 80", rng(70, 80)},
	{"70-80", rng(70, 80)},
	{"70–80", rng(70, 80)},
	{"70 - 80", rng(70, 80)},
	{"70 to 80", rng(70, 80)},
	{"from 70 to 80", rng(70, 80)},
	{"between 800 and 1,500", rng(800, 1500)},
	{"1.5 to 2 million", rng(1.5e6, 2e6)},
	{"70-80 thousand", rng(7e4, 8e4)},
	{"$2-3bn", rng(2e9, 3e9).unit("USD")},
	{"40-50%", rng(40, 50).unit("percent")},
	{"between 500 and 2 million", rng(500, 2e6)},
	{"about 70-80", rng(70, 80).approx().rule("about+range")},
	{"up to 70-80", upper(80, "up_to+range")},
	// Ranges in words: a scale after the second end applies to a first
	// end that has none of its own.
	{"from five to seven thousand", rng(5000, 7000)},
	{"five to seven thousand", rng(5000, 7000)},
	{"five to seven thousand dollars", rng(5000, 7000).unit("USD")},
	{"between two and three thousand", rng(2000, 3000)},
	{"three to four thousand", rng(3000, 4000)},
	{"three to four thousand fighters", rng(3000, 4000).unit("fighters")},
	{"from one to two million", rng(1e6, 2e6)},
	{"between ten and fifteen thousand", rng(1e4, 1.5e4)},
	{"from three to four hundred", rng(300, 400)},
	{"from two to three dozen", rng(24, 36)},
	{"2 to three thousand", rng(2000, 3000)},
	{"five hundred to two thousand", rng(500, 2000)},
	{"between five thousand and seven thousand", rng(5000, 7000)},
	{"between one hundred and two hundred", rng(100, 200)},
	{"between one hundred and fifty and two hundred", rng(150, 200)},
	{"two to three thousand five hundred", rng(2000, 3500)},
	{"between two and 3,000", rng(2, 3000)}, // digits carry no scale to share
	{"5-7 thousand", rng(5000, 7000)},
	// Alternatives: "A or B", and "A-B" in words, are two guesses: a
	// range marked approx, with the scale shared.
	{"two or three", rng(2, 3).approx()},
	{"two or three thousand", rng(2000, 3000).approx()},
	{"two or three thousand people", rng(2000, 3000).approx().unit("people")},
	{"five or six hundred", rng(500, 600).approx()},
	{"two or three dozen", rng(24, 36).approx()},
	{"one or two million", rng(1e6, 2e6).approx()},
	{"ten or twelve thousand", rng(1e4, 1.2e4).approx()},
	{"two or three hundred thousand", rng(2e5, 3e5).approx()},
	{"4,000 or 5,000", rng(4000, 5000).approx()},
	{"five-six thousand", rng(5000, 6000).approx()},
	// Large figures up to MaxValue.
	{"1000000000000000", exact(1e15, "numeral")},
	{"1,000 trillion", exact(1e15, "numeral")},
	// Years: a bare year, or one that counts something, is a number.
	{"2015", exact(2015, "numeral")},
	{"2,015", exact(2015, "numeral")},
	{"2015 fighters", exact(2015, "numeral").unit("fighters")},
	{"In 2015, 2,000 fighters", exact(2000, "numeral").unit("fighters").span("2,000 fighters")},
	// A minus that is a dash, not a sign.
	{"5 - 7", rng(5, 7)},
	// Vague quantifiers.
	{"a few", vague(2, 3, 5, "vague:few")},
	{"a couple", vague(2, 2, 3, "vague:couple")},
	{"a couple of hundred", vague(200, 200, 300, "vague:couple")},
	{"several", vague(3, 5, 9, "vague:several")},
	{"a handful", vague(2, 4, 6, "vague:handful")},
	{"dozens", vague(24, 48, 99, "vague:dozens")},
	{"a few dozen", vague(24, 36, 60, "vague:few")},
	{"several dozen", vague(36, 60, 108, "vague:several")},
	{"scores", vague(40, 90, 199, "vague:scores")},
	{"hundreds", vague(200, 450, 999, "vague:hundreds")},
	{"several hundred", vague(300, 500, 900, "vague:several")},
	{"a few hundred", vague(200, 300, 500, "vague:few")},
	{"thousands", vague(2000, 4500, 9999, "vague:thousands")},
	{"a few thousand", vague(2000, 3000, 5000, "vague:few")},
	{"several hundred thousand", vague(3e5, 5e5, 9e5, "vague:several")},
	{"tens of thousands", vague(2e4, 4.5e4, 99999, "vague:tens")},
	{"hundreds of thousands", vague(2e5, 4.5e5, 999999, "vague:hundreds")},
	// Tens, hundreds and thousands written in figures.
	{"10s of thousands", vague(2e4, 4.5e4, 99999, "vague:tens")},
	{"100s of thousands", vague(2e5, 4.5e5, 999999, "vague:hundreds")},
	{"100s of people", vague(200, 450, 999, "vague:hundreds").unit("people")},
	{"1,000s of refugees", vague(2000, 4500, 9999, "vague:thousands").unit("refugees")},
	{"millions", vague(2e6, 4.5e6, 1e7-1, "vague:millions")},
	{"tens of millions", vague(2e7, 4.5e7, 1e8-1, "vague:tens")},
	{"a few million", vague(2e6, 3e6, 5e6, "vague:few")},
	{"Dozens", vague(24, 48, 99, "vague:dozens")},
	// Vague quantities under modifiers.
	{"about a dozen", about(10.8, 12, 13.2)},
	{"more than a few dozen", lower(24, "more_than+vague:few").approx()},
	{"at least several hundred", lower(300, "at_least+vague:several").approx()},
	{"up to several hundred", upper(900, "up_to+vague:several").approx()},
	{"some hundreds", vague(200, 450, 999, "about+vague:hundreds")},
	// Proportions.
	{"40%", pct(40, "numeral")},
	{"40 %", pct(40, "numeral")},
	{"40 per cent", pct(40, "numeral")},
	{"40 percent", pct(40, "numeral")},
	{"12.5%", pct(12.5, "numeral")},
	{"one in five", pct(20, "ratio")},
	{"1 in 5", pct(20, "ratio")},
	{"one out of four", pct(25, "ratio")},
	{"one in every ten", pct(10, "ratio")},
	{"half", pct(50, "fraction")},
	{"a half", pct(50, "fraction")},
	{"a quarter", pct(25, "fraction")},
	{"three quarters", pct(75, "fraction")},
	{"three-quarters", pct(75, "fraction")},
	{"a fifth", pct(20, "fraction")},
	{"two-thirds", want{Low: v(66.66), High: v(66.67), Best: v(66.67), Approx: true, Kind: Approximate, Rule: "fraction", Unit: "percent"}},
	{"a third", want{Low: v(33.33), High: v(33.34), Best: v(33.33), Approx: true, Kind: Approximate, Rule: "fraction", Unit: "percent"}},
	{"one in three", want{Low: v(33.33), High: v(33.34), Best: v(33.33), Approx: true, Kind: Approximate, Rule: "ratio", Unit: "percent"}},
	{"about half", want{Low: v(45), High: v(55), Best: v(50), Approx: true, Kind: Approximate, Rule: "about+fraction", Unit: "percent"}},
	// Units: the word after the figure, as written.
	{"800 fighters", exact(800, "numeral").unit("fighters")},
	{"1,500 troops", exact(1500, "numeral").unit("troops")},
	{"about 800 Russians", about(720, 800, 880).unit("Russians")},
	{"dozens of fighters", vague(24, 48, 99, "vague:dozens").unit("fighters")},
	{"tens of thousands of people", vague(2e4, 4.5e4, 99999, "vague:tens").unit("people")},
	{"at least 400 of them", lower(400, "at_least").span("at least 400")},
	// Surrounding words.
	{"the ministry said 800", exact(800, "numeral").span("800")},
	{"about 800 Russians in 2014", about(720, 800, 880).unit("Russians").span("about 800 Russians")},
	{"since 2011, some 4,000", about(3600, 4000, 4400).span("some 4,000")},
}

var russianCases = []parseCase{
	// Numerals in digits, Russian separators.
	{"1 500", exact(1500, "numeral")},
	{"10 000", exact(1e4, "numeral")},
	{"10\u00a0000", exact(1e4, "numeral")},
	{"1,5", exact(1.5, "numeral")},
	{"1 234,5", exact(1234.5, "numeral")},
	{"1.234,5", exact(1234.5, "numeral")},
	{"1.500.000", exact(1.5e6, "numeral")},
	// Scales and abbreviations.
	{"1,5 млн", exact(1.5e6, "numeral")},
	{"3 тыс.", exact(3000, "numeral")},
	{"4 тыс", exact(4000, "numeral")},
	{"2 млрд", exact(2e9, "numeral")},
	{"5 тысяч", exact(5000, "numeral")},
	{"1,5 млн руб.", exact(1.5e6, "numeral").unit("RUB")},
	{"300 млн долларов", exact(3e8, "numeral").unit("USD")},
	{"300 млн евро", exact(3e8, "numeral").unit("EUR")},
	{"50 ₽", exact(50, "numeral").unit("RUB")},
	// Numerals in words, with their case endings.
	{"восемьсот", exact(800, "numeral")},
	{"восьмисот", exact(800, "numeral")},
	{"двести пятьдесят", exact(250, "numeral")},
	{"двухсот пятидесяти", exact(250, "numeral")},
	{"сто двадцать пять", exact(125, "numeral")},
	{"две тысячи", exact(2000, "numeral")},
	{"двух тысяч", exact(2000, "numeral")},
	{"две тысячи пятьсот", exact(2500, "numeral")},
	{"пять тысяч", exact(5000, "numeral")},
	{"пяти тысяч", exact(5000, "numeral")},
	{"тысяча", exact(1000, "numeral")},
	{"тысячу", exact(1000, "numeral")},
	{"полторы тысячи", exact(1500, "numeral")},
	{"полтора миллиона", exact(1.5e6, "numeral")},
	{"три миллиона", exact(3e6, "numeral")},
	{"два десятка", exact(20, "numeral")},
	{"десяток", exact(10, "numeral")},
	{"сотня", exact(100, "numeral")},
	{"сорок", exact(40, "numeral")},
	{"девяноста", exact(90, "numeral")},
	{"четырьмястами", exact(400, "numeral")},
	{"трёх тысяч", exact(3000, "numeral")},
	// Approximators.
	{"около 800", about(720, 800, 880).rule("okolo")},
	{"порядка 800", about(720, 800, 880).rule("poryadka")},
	{"примерно 800", about(720, 800, 880)},
	{"приблизительно 800", about(720, 800, 880)},
	{"где-то 500", about(450, 500, 550)},
	{"около тысячи", about(900, 1000, 1100).rule("okolo")},
	{"около сотни", about(90, 100, 110).rule("okolo")},
	{"около десятка", about(9, 10, 11).rule("okolo")},
	{"Около 800", about(720, 800, 880).rule("okolo")},
	{"800 или около того", about(720, 800, 880)},
	// Bounds.
	{"более тысячи", lower(1001, "more_than")},
	{"более 1000", lower(1001, "more_than")},
	{"больше 1000", lower(1001, "more_than")},
	{"свыше 1000", lower(1001, "more_than")},
	{"свыше двух тысяч", lower(2001, "more_than")},
	{"более полутора тысяч", lower(1501, "more_than")},
	{"более миллиона", lower(1e6+1, "more_than")},
	{"более чем 500", lower(501, "bolee_chem")},
	{"800 с лишним", lower(801, "more_than")},
	{"как минимум 300", lower(300, "at_least")},
	{"не менее 300", lower(300, "at_least")},
	{"по меньшей мере 300", lower(300, "at_least")},
	{"по крайней мере 300", lower(300, "at_least")},
	{"300 и более", lower(300, "at_least")},
	{"менее 50", upper(49, "fewer_than")},
	{"меньше 50", upper(49, "fewer_than")},
	{"не более 300", upper(300, "up_to")},
	{"не больше 300", upper(300, "up_to")},
	{"до 3000", upper(3000, "up_to")},
	{"вплоть до 3000", upper(3000, "up_to")},
	{"до тысячи", upper(1000, "up_to")},
	// Hedges after the figure.
	{"тысяча с лишним", lower(1001, "more_than")},
	{"тысяча с лишком", lower(1001, "more_than")},
	{"две тысячи с гаком", lower(2001, "more_than")},
	{"9 тысяч как минимум", lower(9000, "at_least")},
	{"девять тысяч минимум", lower(9000, "at_least")},
	{"9000 по меньшей мере", lower(9000, "at_least")},
	{"300 и свыше", lower(300, "at_least")},
	{"300 или больше", lower(300, "at_least")},
	{"300 или более", lower(300, "at_least")},
	{"4 тысячи максимум", upper(4000, "up_to")},
	{"4000 как максимум", upper(4000, "up_to")},
	{"50 и менее", upper(50, "up_to")},
	{"50 или меньше", upper(50, "up_to")},
	{"9 тысяч человек как минимум", lower(9000, "at_least").unit("человек")},
	{"десятки как минимум", lower(20, "at_least+vague:tens").approx()},
	// Verbs of comparison.
	{"превышает 20 тысяч", lower(20001, "more_than")},
	{"превысило 20 000", lower(20001, "more_than")},
	{"превысила тысячу", lower(1001, "more_than")},
	{"число превышает 20 000 человек", lower(20001, "more_than").unit("человек").span("превышает 20 000 человек")},
	{"перевалило за 20 тысяч", lower(20001, "more_than")},
	{"не превышает 500", upper(500, "up_to")},
	{"не превысило двух тысяч", upper(2000, "up_to")},
	{"не превышала 40%", upper(40, "up_to").unit("percent")},
	// A bound before an approximator.
	{"до около 4 тысяч", upper(4000, "up_to+about").approx()},
	{"до порядка 4 тыс.", upper(4000, "up_to+about").approx()},
	{"более порядка тысячи", lower(1001, "more_than+about").approx()},
	{"не менее примерно 300", lower(300, "at_least+about").approx()},
	{"свыше около 2000", lower(2001, "more_than+about").approx()},
	{"почти около 2000", want{Low: v(1800), High: v(1999), Best: v(1900), Approx: true, Kind: Approximate, Rule: "pochti+about"}},
	{"почти 2000", want{Low: v(1800), High: v(1999), Best: v(1900), Approx: true, Kind: Approximate, Rule: "pochti"}},
	{"почти две тысячи", want{Low: v(1800), High: v(1999), Best: v(1900), Approx: true, Kind: Approximate, Rule: "pochti"}},
	{"чуть более 1000", want{Low: v(1001), High: v(1050), Best: v(1020), Approx: true, Kind: Approximate, Rule: "just_over"}},
	{"чуть менее 1000", want{Low: v(950), High: v(999), Best: v(980), Approx: true, Kind: Approximate, Rule: "just_under"}},
	// Ranges.
	{"от 70 до 80", rng(70, 80)},
	{"между 70 и 80", rng(70, 80)},
	{"70-80", rng(70, 80)},
	{"от 1,5 до 2 млн", rng(1.5e6, 2e6)},
	{"от 800 до 1500 человек", rng(800, 1500).unit("человек")},
	{"примерно 70-80", rng(70, 80).approx().rule("about+range")},
	{"двое или трое", rng(2, 3).approx()},
	// Ranges in words share the scale.
	{"от пяти до семи тысяч", rng(5000, 7000)},
	{"от двух до трёх тысяч", rng(2000, 3000)},
	{"от двух до трех тысяч человек", rng(2000, 3000).unit("человек")},
	{"между двумя и тремя тысячами", rng(2000, 3000)},
	{"от полутора до двух миллионов", rng(1.5e6, 2e6)},
	{"от одной до двух тысяч", rng(1000, 2000)},
	{"от трёх до четырёх сотен", rng(300, 400)},
	{"от пятисот до двух тысяч", rng(500, 2000)},
	{"от 2 до 3 тысяч", rng(2000, 3000)},
	// Alternatives.
	{"два-три десятка", rng(20, 30).approx()},
	{"два-три десятка человек", rng(20, 30).approx().unit("человек")},
	{"один-два десятка", rng(10, 20).approx()},
	{"пять-шесть тысяч", rng(5000, 6000).approx()},
	{"пять–шесть тысяч", rng(5000, 6000).approx()},
	{"две или три тысячи", rng(2000, 3000).approx()},
	{"пять или шесть сотен", rng(500, 600).approx()},
	{"пять-шесть", rng(5, 6).approx()},
	{"5-6 тысяч", rng(5000, 6000)},
	{"пятеро", exact(5, "numeral")},
	// Vague quantifiers.
	{"несколько", vague(3, 5, 9, "vague:neskolko")},
	{"несколько десятков", vague(30, 50, 90, "vague:neskolko")},
	{"нескольких десятков", vague(30, 50, 90, "vague:neskolko")},
	{"несколько сотен", vague(300, 500, 900, "vague:neskolko")},
	{"несколько тысяч", vague(3000, 5000, 9000, "vague:neskolko")},
	{"несколько десятков тысяч", vague(3e4, 5e4, 9e4, "vague:neskolko")},
	{"пару сотен", vague(200, 200, 300, "vague:couple")},
	{"десятки", vague(20, 45, 99, "vague:tens")},
	{"десятков", vague(20, 45, 99, "vague:tens")},
	{"сотни", vague(200, 450, 999, "vague:hundreds")},
	{"сотнями", vague(200, 450, 999, "vague:hundreds")},
	{"тысячи", vague(2000, 4500, 9999, "vague:thousands")},
	{"тысячи людей", vague(2000, 4500, 9999, "vague:thousands").unit("людей")},
	{"десятки тысяч", vague(2e4, 4.5e4, 99999, "vague:tens")},
	{"десятков тысяч", vague(2e4, 4.5e4, 99999, "vague:tens")},
	{"сотни тысяч", vague(2e5, 4.5e5, 999999, "vague:hundreds")},
	{"миллионы", vague(2e6, 4.5e6, 1e7-1, "vague:millions")},
	{"горстка", vague(2, 4, 6, "vague:handful")},
	{"более нескольких сотен", lower(300, "more_than+vague:neskolko").approx()},
	// Proportions.
	{"40 процентов", pct(40, "numeral")},
	{"40%", pct(40, "numeral")},
	{"около 40%", want{Low: v(36), High: v(44), Best: v(40), Approx: true, Kind: Approximate, Rule: "okolo", Unit: "percent"}},
	{"каждый пятый", pct(20, "ratio")},
	{"каждого десятого", pct(10, "ratio")},
	{"один из пяти", pct(20, "ratio")},
	{"половина", pct(50, "fraction")},
	{"половину", pct(50, "fraction")},
	{"четверть", pct(25, "fraction")},
	{"три четверти", pct(75, "fraction")},
	{"две трети", want{Low: v(66.66), High: v(66.67), Best: v(66.67), Approx: true, Kind: Approximate, Rule: "fraction", Unit: "percent"}},
	// Units.
	{"800 человек", exact(800, "numeral").unit("человек")},
	{"более тысячи человек", lower(1001, "more_than").unit("человек")},
	{"несколько десятков боевиков", vague(30, 50, 90, "vague:neskolko").unit("боевиков")},
	{"с 2011 года выехали около 800 человек", about(720, 800, 880).unit("человек").span("около 800 человек").rule("okolo")},
}
