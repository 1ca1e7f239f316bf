package xref_test

import (
	"fmt"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

func ExampleRelate() {
	interval := func(lo, hi float64) *claims.Interval { return &claims.Interval{Low: &lo, High: &hi} }
	topic := &claims.Topic{Meta: claims.Meta{ID: "russians"}, Unit: "people", Additive: true}
	bogdanov := xref.ClaimView{ClaimantName: "Bogdanov", Claim: &claims.Claim{
		Meta: claims.Meta{ID: "r4"}, TopicID: "russians", ClaimantID: "bogdanov",
		QuantityText: "a few dozen", Interval: interval(24, 60), SaidOn: "2014-09-29",
		Scope: claims.Scope{Places: []string{"Syria", "Iraq"}, Measure: claims.Current},
	}}
	independent := xref.ClaimView{ClaimantName: "The Independent", Claim: &claims.Claim{
		Meta: claims.Meta{ID: "r5"}, TopicID: "russians", ClaimantID: "independent",
		QuantityText: "about 800", Interval: interval(720, 880), SaidOn: "2014-09",
		Scope: claims.Scope{Places: []string{"Syria"}, Measure: claims.Current},
	}}
	r := xref.Relate(independent, bogdanov, xref.NewContext(topic, nil, nil))
	fmt.Println(r.Kind, r.Severity)
	fmt.Println(r.Explanation)
	// Output:
	// contradicts 12
	// The Independent's about 800 (720-880) in Syria alone exceeds Bogdanov's a few dozen (24-60) for Syria and Iraq by 12×, though Syria lies inside Syria and Iraq: a count for part of the area cannot be larger than the count for all of it.
}
