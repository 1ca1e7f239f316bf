package quantity_test

import (
	"fmt"
	"strings"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

func ExampleParse() {
	for _, s := range []string{"a few dozen", "about 800 Russians", "более тысячи", "up to 3,000"} {
		q, err := quantity.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s | %s | unit %q\n", q.Kind, q.Explanation, q.Unit)
	}
	// Output:
	// vague | a few dozen: 2 to 5 dozen (24-60, best 36) | unit ""
	// approximate | about 800: ±10% (720-880) | unit "Russians"
	// lower_bound | более тысячи: at least 1,001 | unit ""
	// upper_bound | up to 3,000: at most 3,000 | unit ""
}

func ExampleExtract() {
	text := "Since 2011, some 4,000 people have left; a minister said on 3 March that only a few dozen remain."
	for _, q := range quantity.Extract(text) {
		fmt.Printf("%d-%d %q %s\n", q.Start, q.End, q.Text, q.Rule)
	}
	// Output:
	// 12-29 "some 4,000 people" about
	// 73-89 "only a few dozen" vague:few
}

func ExampleLoadCalibration() {
	c, err := quantity.LoadCalibration(strings.NewReader(`{"vague": {"few": {"low": 3, "high": 5, "best": 4, "why": "our desk's reading"}}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := quantity.New(quantity.WithCalibration(c))
	q, _ := p.Parse("a few dozen")
	fmt.Println(q.Explanation)
	// Output:
	// a few dozen: 3 to 5 dozen (36-60, best 48)
}
