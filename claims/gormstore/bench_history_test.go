package gormstore_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// cpuTime is the user and system CPU time this process has used. SQLite
// runs in the process, so its work is counted; PostgreSQL's is not.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkUpdateClaimHistory measures what history costs a claim's
// update: the same update of the same claim with its history line (what
// claimdesk does) and without it (the baseline: no before read, no line
// written), in the same run, with the CPU time of each op beside the wall
// time. The ratio of the two cpu-ns/op is the cost of history.
func BenchmarkUpdateClaimHistory(b *testing.B) {
	for name, s := range benchStores(b) {
		w := benchWorld(b, s)
		for _, mode := range []struct {
			name string
			ctx  context.Context
		}{
			{"without-history", gormstore.WithoutHistory(context.Background())},
			{"with-history", claims.WithReason(claims.WithActor(context.Background(), claims.Actor{Name: "bob", Role: claims.RoleAnalyst}), "benchmark")},
		} {
			c := w.fullClaim()
			c.ID = "bench-" + mode.name
			if err := s.CreateClaim(context.Background(), c); err != nil {
				b.Fatal(err)
			}
			b.Run(name+"/"+mode.name, func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				cpu0 := cpuTime(b)
				for b.Loop() {
					i++
					c.Notes = fmt.Sprintf("edit %d", i)
					if err := s.UpdateClaim(mode.ctx, c); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(cpuTime(b)-cpu0)/float64(i), "cpu-ns/op")
			})
		}
	}
}
