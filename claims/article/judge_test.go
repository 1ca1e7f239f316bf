package article_test

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestNotClaims checks each kind of quantity that is kept but marked as
// likely not a claim, and counts next to them that stay claims.
func TestNotClaims(t *testing.T) {
	t.Parallel()
	x := article.New(nil, nil)
	tests := []struct {
		text, quantity string
		likely         bool
		reason         string
	}{
		{"The crew of Apollo 11 returned safely.", "11", false, article.ReasonLabel},
		{"Channel 4 reported the story first.", "4", false, article.ReasonLabel},
		{"The poll has a margin of error of 3 points.", "3", false, article.ReasonStatistical},
		{"The survey used a 90 percent confidence interval.", "90 percent", false, article.ReasonStatistical},
		{"Jones, 37, was arrested at the scene.", "37", false, article.ReasonAge},
		{"The two leaders met in Geneva.", "two", false, article.ReasonRefers},
		{"Four regions voted against the plan.", "Four", false, article.ReasonRefers},
		{"Митинг начался в 18.30 на площади.", "18.30", false, article.ReasonTime},
		{"A protest of 50,000 is impressive.", "50,000", false, article.ReasonGeneric},
		{"The attack killed four people.", "four people", true, ""},
		{"Police said 4,000 people marched in Berlin.", "4,000 people", true, ""},
		{"В акции участвовали 300 человек.", "300 человек", true, ""},
		{"«Число погибших достигло девяти человек», — цитирует ТАСС собеседника.", "девяти человек", true, ""},
		{"На площади прошел «Марш двух тысяч».", "двух тысяч", false, article.ReasonLabel},
		{"Это выглядит несколько странно, заявили наблюдатели.", "несколько странно", false, article.ReasonDegree},
		{"Пришли несколько человек.", "несколько человек", true, ""},
		{"The story ran in the Washington Post, Apr. 26.", "26", false, article.ReasonDate},
		{"The size of the crowd at the Million Man March was disputed.", "Million Man", false, article.ReasonLabel},
		{"Удар нанесен в 28 км от Пальмиры.", "28 км", false, article.ReasonDistance},
		{"The village lies 30 miles north of the capital.", "30 miles", false, article.ReasonDistance},
		{"Колонна растянулась на 5 км, сообщили организаторы.", "5 км", true, ""},
		{"Это данные на 10 утра 22 апреля.", "10", false, article.ReasonTime},
		// The outlet's appeal for money is no claim; a sum given, asked or
		// paid that the news reports stays one.
		{"If you can, please support us monthly starting from just $2.", "just $2", false, article.ReasonAppeal},
		{"Subscribe today for as little as £3 a week.", "£3", false, article.ReasonAppeal},
		{"Become a member for €7 a month and read without ads.", "€7", false, article.ReasonAppeal},
		{"Поддержите нас: подписка от 150 рублей в месяц.", "150 рублей", false, article.ReasonAppeal},
		{"Сделайте пожертвование на сайте — 500 рублей помогут нам работать.", "500 рублей", false, article.ReasonAppeal},
		{"The charity said donors gave $2 million last year.", "$2 million", true, ""},
		{"Donors can donate up to $2,700 to a candidate in each election.", "up to $2,700", true, ""},
		{"The US pledged $4 billion to support the fund.", "$4 billion", true, ""},
		{"Bread prices rose from just $2 to $5 within a month.", "just $2 to $5", true, ""},
		{"Фонд получил пожертвование в 3 миллиона рублей.", "3 миллиона рублей", true, ""},
		{"Support us, the organisers urged, and 40,000 people marched.", "40,000 people", true, ""},
	}
	for _, tt := range tests {
		var found *article.Candidate
		for _, c := range x.Extract(tt.text) {
			if c.Text == tt.quantity {
				found = &c
			}
		}
		if found == nil {
			if !tt.likely {
				continue // the parser leaves it out altogether: also right
			}
			t.Errorf("%q: no candidate %q", tt.text, tt.quantity)
			continue
		}
		if found.LikelyClaim != tt.likely || found.Reason != tt.reason {
			t.Errorf("%q: %q likely_claim %v (%q), want %v (%q)", tt.text, tt.quantity, found.LikelyClaim, found.Reason, tt.likely, tt.reason)
		}
	}
}
