package gormstore_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// BenchmarkSearchFacets measures a word that all of 8,000 claims (ten
// topics of 800) hold: its search's first page and its facets, across all
// topics, in one topic as a small one (its claims looked up in the index
// one by one) and in one topic as a large one (the matches walked,
// newest first, and kept if in the topic). The search of the same filter
// is the reference of its facets. cpu-ns/op is the process's CPU time
// (user and system) per call.
func BenchmarkSearchFacets(b *testing.B) {
	s := benchImported(b, 8000)
	ctx := context.Background()
	for _, bc := range []struct {
		name  string
		f     claims.ClaimFilter
		small int
	}{
		{"all", claims.ClaimFilter{Query: "officials"}, 0},
		{"small-topic", claims.ClaimFilter{Query: "officials", TopicID: "t-3"}, 0},
		{"large-topic", claims.ClaimFilter{Query: "officials", TopicID: "t-3"}, 1},
	} {
		for _, op := range []string{"search", "facets"} {
			b.Run(bc.name+"/"+op, func(b *testing.B) {
				if bc.small > 0 {
					defer gormstore.SetSmallTopic(bc.small)()
				}
				cpu0 := cpuTime(b)
				for b.Loop() {
					var err error
					if op == "search" {
						_, err = s.Search(ctx, bc.f)
					} else {
						_, err = s.ClaimFacets(ctx, bc.f)
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime(b)-cpu0)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
