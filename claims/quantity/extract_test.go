package quantity

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type found struct{ Text, Rule string }

func extractSpans(t *testing.T, text string) []found {
	t.Helper()
	var out []found
	for _, q := range Extract(text) {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End || text[q.Start:q.End] != q.Text {
			t.Errorf("Extract: span %d-%d does not hold %q", q.Start, q.End, q.Text)
		}
		out = append(out, found{q.Text, q.Rule})
	}
	return out
}

func TestExtractSkips(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []found
	}{
		{"Fighting began in 2014.", nil},
		{"Since 2011, some 4,000 people have left.", []found{{"some 4,000 people", "about"}}},
		{"By 2016 the number had reached 1,200.", []found{{"1,200", "numeral"}}},
		{"Between 2011 and 2014 about 800 left.", []found{{"about 800", "about"}}},
		{"The war of 2014-2016 cost 3,000 lives.", []found{{"3,000 lives", "numeral"}}},
		{"in 1990-91 and again", nil},
		{"On March 3, 2015 and on 12 May, 40 arrived.", []found{{"40", "numeral"}}},
		{"two or three times that", nil}, // a multiplier, not a count
		{"800 may have died", []found{{"800", "numeral"}}},
		{"It happened 3 марта, when 15 were detained.", []found{{"15", "numeral"}}},
		{"Talks open at 11:30 and close at 14.05.", []found{{"14.05", "numeral"}}}, // a dotted time reads as a decimal
		{"See page 14, section 3 and p. 7.", nil},
		{"Article 208 of the code; resolution 2249.", nil},
		{"статья 208, ст. 205, № 5, #12", nil},
		{"the 3rd anniversary, the 21st century, the 1990s", nil},
		{"в 1990-х годах и 5-й раз", nil},
		{"An Su-24 and an F-16 over MH17 and COVID-19", nil},
		{"a 25-year-old man and a 62-page report", nil},
		{"for three years, several days, пять лет", nil},
		{"one of the authors said one thing", nil},
		{"in the first half of the year", nil},
		{"в первой половине месяца", nil},
		{"more than 2000 fighters; over 2,000", []found{{"more than 2000 fighters", "more_than"}, {"over 2,000", "more_than"}}},
		{"до 2000 человек", []found{{"до 2000 человек", "up_to"}}},
		{"до 2020 года", nil},
		{"в 2014 году", nil},
		{"about 2000 fighters", []found{{"about 2000 fighters", "about"}}},
		{"whether it is 500 or 5,000", []found{{"500", "numeral"}, {"5,000", "numeral"}}},
		{"half of the fighters", []found{{"half", "fraction"}}},
		{"a few dozen Russians and hundreds of Chechens", []found{{"a few dozen Russians", "vague:few"}, {"hundreds of Chechens", "vague:hundreds"}}},
		{"He said nine thousand at least, and more than 2,000 Russians.", []found{{"nine thousand at least", "at_least"}, {"more than 2,000 Russians", "more_than"}}},
		{"The total exceeds 20,000 fighters; it did not exceed 500 in 2013.", []found{{"exceeds 20,000 fighters", "more_than"}, {"did not exceed 500", "up_to"}}},
		{"Putin spoke of up to about 4 thousand.", []found{{"up to about 4 thousand", "up_to+about"}}},
		{"200 и более 300 человек", []found{{"200", "numeral"}, {"более 300 человек", "more_than"}}},
		{"число превысило 20 тысяч, из них 9 тысяч как минимум из России", []found{{"превысило 20 тысяч", "more_than"}, {"9 тысяч как минимум", "at_least"}}},
		{"800 fighters and more weapons", []found{{"800 fighters", "numeral"}}},
		{"how about one more: a little one and a little half-hearted", nil},
		{"about half-hearted, a third-party report", nil},
		// Ranges in words and alternatives.
		{"Putin spoke of from five to seven thousand fighters.", []found{{"from five to seven thousand fighters", "range"}}},
		{"от пяти до семи тысяч боевиков, из них два-три десятка", []found{{"от пяти до семи тысяч боевиков", "range"}, {"два-три десятка", "range"}}},
		{"two or three thousand people fled", []found{{"two or three thousand people", "range"}}},
		// Years stay out, a bare one too.
		{"In 2015, the number rose.", nil},
		{"с 2011 года", nil},
		{"2015", nil},
		// Too large, or negative: left out. A hyphen-minus after a space
		// or at the start is taken for a dash and the figure is read.
		{"a total of 99999999999999999999 dollars and 800 fighters", []found{{"800 fighters", "numeral"}}},
		{"the index fell to −5% (-3% a year ago) and 800 left", []found{{"5%", "change"}, {"3%", "change"}, {"800", "numeral"}}},
		{"- 5 people died", []found{{"5 people", "numeral"}}},
		{"-5 people died", []found{{"5 people", "numeral"}}},
		{"the toll -800 by one count", []found{{"800", "numeral"}}},
		{"1e9 or 2.5E6", nil},
		{"нескольких десятков россиян и сотен чеченцев", []found{{"нескольких десятков россиян", "vague:neskolko"}, {"сотен чеченцев", "vague:hundreds"}}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, extractSpans(t, tt.in)); diff != "" {
				t.Errorf("Extract(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestExtractArticles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		want []found
	}{
		{"testdata/article_en.txt", []found{
			{"a few dozen", "vague:few"},
			{"no more than 200", "up_to"},
			{"between 800 and 1,500 Russian citizens", "range"},
			{"as many as 4,000 people", "up_to"},
			{"at least 400", "at_least"},
			{"about 800", "about"},
			{"more than 2,000 Russians", "more_than"},
			{"hundreds", "vague:hundreds"},
			{"1,180 cases", "numeral"},
			{"roughly 2,400 fighters", "about"},
			{"some 30,000 foreigners", "about"},
			{"tens of thousands", "vague:tens"},
			{"nearly 5,000", "nearly"},
			{"$2.5 million", "numeral"},
			{"1.5 million roubles", "numeral"},
			{"€300 million", "numeral"},
			{"about a third", "about+fraction"},
			{"more than 350 women", "more_than"},
			{"some 600 children", "about"},
			{"roughly two-thirds", "about+fraction"},
			{"seven", "numeral"},
			{"one in five", "ratio"},
			{"Fewer than 50 people", "fewer_than"},
			{"several hundred", "vague:several"},
			{"up to 3,000 people", "up_to"},
			{"nearly 90 percent", "nearly"},
			{"a few dozen", "vague:few"},
			{"about 800", "about"},
			{"24", "numeral"},
			{"481", "numeral"},
			{"about 1,000 convictions", "about"},
			{"dozens", "vague:dozens"},
			{"120 men", "numeral"},
			{"40-odd Chechens", "odd"},
			{"scores of fighters", "vague:scores"},
			{"14 countries", "numeral"},
			{"500", "numeral"},
			{"5,000", "numeral"},
			{"several dozen", "vague:several"},
		}},
		{"testdata/article_ru.txt", []found{
			{"несколько десятков", "vague:neskolko"},
			{"не более 200 человек", "up_to"},
			{"от 800 до 1500 граждан", "range"},
			{"около 4 тыс. человек", "okolo"},
			{"62 страницах", "numeral"},
			{"как минимум 400", "at_least"},
			{"более двух тысяч россиян", "more_than"},
			{"1180 уголовных дел", "numeral"},
			{"сотни молодых людей", "vague:hundreds"},
			{"1,5 млн руб.", "numeral"},
			{"300 млн евро", "numeral"},
			{"примерно треть", "about+fraction"},
			{"менее 50 человек", "fewer_than"},
			{"несколько сотен", "vague:neskolko"},
			{"до 3000 человек", "up_to"},
			{"почти 90%", "pochti"},
			{"Каждый пятый", "ratio"},
			{"24", "numeral"},
			{"до 481", "up_to"}, // "выросло с 24 … до 481": a change read as a bound
			{"14 стран", "numeral"},
			{"десятках тысяч иностранцев", "vague:tens"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, extractSpans(t, string(b))); diff != "" {
				t.Errorf("Extract(%s) mismatch (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

// Extract reads each span the way Parse reads the same words.
func TestExtractAgreesWithParse(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/article_en.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range Extract(string(b)) {
		p, err := Parse(q.Text)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", q.Text, err)
			continue
		}
		q.Start, q.End, p.Start, p.End = 0, 0, 0, 0
		if diff := cmp.Diff(q, p); diff != "" {
			t.Errorf("Extract and Parse disagree on %q (-extract +parse):\n%s", q.Text, diff)
		}
	}
}
