package gormstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// fillTopic writes n varied claims into the world's topic in one
// Atomically call (so the topic is recomputed once).
func fillTopic(b *testing.B, s *gormstore.Store, w world, n int) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	claimants := make([]string, 50)
	for i := range claimants {
		c := &claims.Claimant{Name: fmt.Sprintf("claimant %d", i)}
		if err := svc(s).CreateClaimant(ctx, c); err != nil {
			b.Fatal(err)
		}
		claimants[i] = c.ID
	}
	places := [][]string{nil, {"Syria"}, {"Iraq"}, {"Syria", "Iraq"}, {"Chechnya"}, {"Russia"}}
	err := s.Atomically(ctx, func(tx claims.Store) error {
		for range n {
			c := w.claim("")
			lo := float64(10 + rng.IntN(5000))
			c.AnalystInterval = &claims.Interval{Low: &lo, High: ptr(lo * (1 + rng.Float64()))}
			c.NoNumber = false
			c.ClaimantID = claimants[rng.IntN(len(claimants))]
			c.Scope.Places = places[rng.IntN(len(places))]
			c.SaidOn = claims.Date(fmt.Sprintf("%d-%02d", 2013+rng.IntN(5), 1+rng.IntN(12)))
			if err := svc(tx).CreateClaim(ctx, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRecomputeStored measures the store's recompute of a topic of n
// claims (load the claims, links and reviews, xref.Recompute, write the
// summaries that changed, in one transaction) against the pure
// xref.Recompute of the same claims as the baseline.
func BenchmarkRecomputeStored(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := context.Background()
			s := benchStores(b)["sqlite"]
			w := benchWorld(b, s)
			fillTopic(b, s, w, n)
			views, err := gormstore.TopicViews(ctx, s, w.topic.ID)
			if err != nil {
				b.Fatal(err)
			}
			b.Run("pure", func(b *testing.B) {
				for b.Loop() {
					xref.Recompute(w.topic, views, nil, nil)
				}
			})
			b.Run("stored", func(b *testing.B) {
				for b.Loop() {
					if err := gormstore.RecomputeTopic(ctx, s, w.topic.ID); err != nil {
						b.Fatal(err)
					}
				}
			})
			// One claim changes: the write and the recompute it triggers.
			b.Run("update_claim", func(b *testing.B) {
				c, err := s.FindClaim(ctx, views[0].ID)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					*c.AnalystInterval.High++
					if err := svc(s).UpdateClaim(ctx, c); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkWriteTransaction measures how long the transaction of one
// claim's update lasts with the recompute of its topic inside it (what
// claimdesk does) and without it (the baseline: what the transaction
// would be if the engine ran outside it, before a short write of the
// summaries), in the same run, on topics of 10, 100 and 1000 claims. The
// ratio of the two is what moving the engine out of the transaction
// could shorten it by; doc.go weighs it against what it would cost.
func BenchmarkWriteTransaction(b *testing.B) {
	for name, s := range benchStores(b) {
		for _, n := range []int{10, 100, 1000} {
			w := benchWorld(b, s)
			fillTopic(b, s, w, n)
			views, err := gormstore.TopicViews(context.Background(), s, w.topic.ID)
			if err != nil {
				b.Fatal(err)
			}
			for _, mode := range []struct {
				name string
				ctx  context.Context
			}{
				{"engine-outside", gormstore.WithoutRecompute(context.Background())},
				{"engine-inside", context.Background()},
			} {
				c, err := s.FindClaim(context.Background(), views[0].ID)
				if err != nil {
					b.Fatal(err)
				}
				b.Run(fmt.Sprintf("%s/%d/%s", name, n, mode.name), func(b *testing.B) {
					for b.Loop() {
						*c.AnalystInterval.High++
						if err := svc(s).UpdateClaim(mode.ctx, c); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			if err := gormstore.RecomputeTopic(context.Background(), s, w.topic.ID); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTopicRelations splits one claim's relations as the API computes
// them on demand (issue 14) into reading the engine's input (TopicInput,
// from the topic cache once warm) and the whole: the input and
// xref.Relations' first page. Larger topics are in xref's
// BenchmarkRelationsLarge: writing them here takes many minutes.
func BenchmarkTopicRelations(b *testing.B) {
	for _, n := range []int{10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ctx := context.Background()
			s := benchStores(b)["sqlite"]
			w := benchWorld(b, s)
			fillTopic(b, s, w, n)
			if _, err := s.TopicInput(ctx, w.topic.ID); err != nil {
				b.Fatal(err)
			}
			b.Run("input", func(b *testing.B) {
				for b.Loop() {
					if _, err := s.TopicInput(ctx, w.topic.ID); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("relations", func(b *testing.B) {
				for b.Loop() {
					in, err := s.TopicInput(ctx, w.topic.ID)
					if err != nil {
						b.Fatal(err)
					}
					xc := xref.NewContext(in.Topic, in.Related.Gazetteer, in.Links)
					xref.Relations(in.Claims[n/2], in.Claims, xc, xref.RelationQuery{Limit: 50})
				}
			})
		})
	}
}
