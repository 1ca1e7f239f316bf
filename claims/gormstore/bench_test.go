package gormstore_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// benchStores returns the stores to benchmark: SQLite, and PostgreSQL when
// storetest.EnvPostgres is set.
func benchStores(b *testing.B) map[string]*gormstore.Store {
	stores := map[string]*gormstore.Store{"sqlite": storetest.SQLite(b)}
	if os.Getenv(storetest.EnvPostgres) != "" {
		stores["postgres"] = storetest.Postgres(b)
	}
	return stores
}

func benchWorld(b *testing.B, s *gormstore.Store) world {
	ctx := context.Background()
	w := world{
		topic:    &claims.Topic{Title: "t"},
		claimant: &claims.Claimant{Name: "k"},
		origin:   &claims.Source{Name: "o"},
		relay:    &claims.Source{Name: "r"},
	}
	for _, err := range []error{
		svc(s).CreateTopic(ctx, w.topic), svc(s).CreateClaimant(ctx, w.claimant),
		svc(s).CreateSource(ctx, w.origin), svc(s).CreateSource(ctx, w.relay),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
	return w
}

// BenchmarkCreateClaim compares one transaction a claim (the baseline) with
// batches of 100 claims in one Atomically, as an import would write them.
func BenchmarkCreateClaim(b *testing.B) {
	for name, s := range benchStores(b) {
		w := benchWorld(b, s)
		ctx := context.Background()
		b.Run(name+"/one-per-transaction", func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				c := w.claim(fmt.Sprint(i))
				c.Tags = []string{"a", "b"}
				if err := svc(s).CreateClaim(ctx, c); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/100-per-transaction", func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				err := s.Atomically(ctx, func(tx claims.Store) error {
					for range 100 {
						i++
						c := w.claim(fmt.Sprint(i))
						c.Tags = []string{"a", "b"}
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
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(i), "ns/claim")
		})
	}
}

// BenchmarkListClaims reads the first page of 50 of 5,000 claims in two
// topics, unfiltered by creation (the baseline) and with filters.
func BenchmarkListClaims(b *testing.B) {
	for name, s := range benchStores(b) {
		ctx := context.Background()
		w := benchWorld(b, s)
		other := &claims.Topic{Title: "other"}
		if err := svc(s).CreateTopic(ctx, other); err != nil {
			b.Fatal(err)
		}
		for batch := range 50 {
			err := s.Atomically(ctx, func(tx claims.Store) error {
				for i := range 100 {
					n := batch*100 + i
					c := w.claim(fmt.Sprint(n))
					if n%2 == 1 {
						c.TopicID = other.ID
					}
					if n%10 == 0 {
						c.Provenance.Relays = []claims.Relay{{SourceID: w.relay.ID}}
						c.Tags = []string{"tenth"}
					}
					c.AsOf = claims.Date(fmt.Sprintf("%d-%02d", 2010+n%8, 1+n%12))
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
		// Statistics, as autovacuum would gather them on a live database.
		if name == "postgres" {
			if err := gormstore.Exec(ctx, s, "ANALYZE"); err != nil {
				b.Fatal(err)
			}
		}
		for _, bc := range []struct {
			name string
			f    claims.ClaimFilter
		}{
			{"baseline", claims.ClaimFilter{}},
			{"topic,-best", claims.ClaimFilter{TopicID: w.topic.ID, ListOptions: claims.ListOptions{Sort: "-best"}}},
			{"relay", claims.ClaimFilter{SourceID: w.relay.ID}},
			{"tag", claims.ClaimFilter{Tag: "tenth"}},
			{"text", claims.ClaimFilter{Text: "99"}},
			{"dates,ref_date", claims.ClaimFilter{From: "2012", To: "2013-06", ListOptions: claims.ListOptions{Sort: "ref_date"}}},
		} {
			b.Run(name+"/"+bc.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p, err := s.ListClaims(ctx, bc.f)
					if err != nil || len(p.Items) == 0 {
						b.Fatal(len(p.Items), err)
					}
				}
			})
		}
	}
}
