package xref

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

var benchSizes = []int{10, 1000, 10000}

// BenchmarkRecompute recomputes a random topic of each size (see
// randomTopic: six claimants, nine place sets, a few links).
func BenchmarkRecompute(b *testing.B) {
	// The gazetteer's regions and cities are decoded once a process, on
	// the first name that needs them, not per recompute: see
	// gazetteer.BenchmarkLoad.
	builtin().Resolve([]string{"Mariupol"})
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			topic, cs, links := randomTopic(rand.New(rand.NewPCG(uint64(n), 1)), n, true)
			b.ReportAllocs()
			for b.Loop() {
				Recompute(topic, cs, links, nil)
			}
		})
	}
}

// BenchmarkSortByLow is the baseline: preparing the same claims and
// sorting them by their lower bound, the least any sort-based recompute
// must do.
func BenchmarkSortByLow(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			topic, cs, links := randomTopic(rand.New(rand.NewPCG(uint64(n), 1)), n, true)
			ctx := NewContext(topic, nil, links)
			b.ReportAllocs()
			for b.Loop() {
				facts := make([]fact, len(cs))
				for k := range cs {
					facts[k] = ctx.fact(cs[k])
				}
				slices.SortFunc(facts, func(x, y fact) int { return cmp.Compare(x.lo, y.lo) })
			}
		})
	}
}

// BenchmarkAllPairs relates every pair with Relate, as a recompute without
// the sweep would; only the small sizes, for the ratio.
func BenchmarkAllPairs(b *testing.B) {
	for _, n := range benchSizes[:2] {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			topic, cs, links := randomTopic(rand.New(rand.NewPCG(uint64(n), 1)), n, true)
			ctx := NewContext(topic, nil, links)
			ctx.UseOrigins(cs)
			facts := make([]fact, len(cs))
			for k := range cs {
				facts[k] = ctx.fact(cs[k])
			}
			b.ReportAllocs()
			for b.Loop() {
				for k := range facts {
					for j := range facts {
						if j != k {
							ctx.relate(&facts[k], &facts[j])
						}
					}
				}
			}
		})
	}
}

// BenchmarkRelations lists one claim's relations, the first page, against
// topics of each size: what GET /api/v1/claims/{id}/relations computes on
// demand. BenchmarkSortByLow is its baseline too.
func BenchmarkRelations(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			topic, cs, links := randomTopic(rand.New(rand.NewPCG(uint64(n), 1)), n, true)
			b.ReportAllocs()
			for b.Loop() {
				Relations(cs[0], cs[1:], NewContext(topic, nil, links), RelationQuery{Limit: 50})
			}
		})
	}
}

// BenchmarkRecomputeUnderParent recomputes a random topic of 20,000
// claims under a parent of 10,000 (the sweep against the parent's
// claims, sweepParent): the import's peak at a million claims is the
// largest such family.
func BenchmarkRecomputeUnderParent(b *testing.B) {
	builtin().Resolve([]string{"Mariupol"})
	r := rand.New(rand.NewPCG(20000, 1))
	topic, cs, links := randomTopic(r, 20000, true)
	topic.ParentID = "parent"
	parent := &claims.Topic{Meta: claims.Meta{ID: "parent"}, Unit: "people", Additive: true}
	_, ps, _ := randomTopic(r, 10000, false)
	for _, p := range ps {
		p.TopicID = "parent"
		p.ID = "p" + p.ID
	}
	rel := &Related{Parent: parent, ParentClaims: ps}
	b.ReportAllocs()
	for b.Loop() {
		Recompute(topic, cs, links, rel)
	}
}
