package gormstore_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// BenchmarkSearchFacets measures a word that all of 8,000 claims (ten
// topics of 800) hold: its search's first page and its facets, across all
// topics and in one topic (its key ANDed into the query). The search of the same filter
// is the reference of its facets. cpu-ns/op is the process's CPU time
// (user and system) per call.
func BenchmarkSearchFacets(b *testing.B) {
	s := benchImported(b, 8000)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		f    claims.ClaimFilter
	}{
		{"all", claims.ClaimFilter{Query: "officials"}},
		{"topic", claims.ClaimFilter{Query: "officials", TopicID: "t-3"}},
	} {
		for _, op := range []string{"search", "facets"} {
			b.Run(bc.name+"/"+op, func(b *testing.B) {
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
