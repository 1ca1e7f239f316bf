package xref

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	v1 "github.com/claimdesk/claimdesk/claims/xref/testdata/v1"
)

// BenchmarkRecomputeV1 recomputes the same random topics (see randomTopic,
// with links) with this engine and with the engine as it stood before the
// verdict rules of issue 9 (testdata/v1, commit d13ba7e): the honest
// baseline for "the recompute stays within 1.5x of what it was". The old
// engine gets the same claims with their measures in its own terms
// (current as stock, cumulative and per-period as flow); it ignores
// populations, bases, topic places and times of day. "untimed" drops the
// time of day from every date, "timed" keeps the one claim in ten that
// has one; "untimed-nolinks" drops the analysts' links too, whose ends
// both engines re-examine one by one.
//
// Besides wall time each run reports cpu-ns/op, the process's user and
// system CPU time per recompute (getrusage), which a loaded machine skews
// less; run with -cpu 1 so that the garbage collector's time is counted on
// the same core.
func BenchmarkRecomputeV1(b *testing.B) {
	for _, c := range []struct {
		name         string
		timed, links bool
	}{{"untimed", false, true}, {"timed", true, true}, {"untimed-nolinks", false, false}} {
		for _, n := range []int{1000, 10000} {
			topic, cs, links := randomTopic(rand.New(rand.NewPCG(uint64(n), 1)), n, true)
			if !c.timed {
				cs = untimed(cs)
			}
			if !c.links {
				links = nil
			}
			old := toV1(cs)
			name := fmt.Sprintf("%s/%d", c.name, n)
			b.Run(name+"/new", func(b *testing.B) {
				cpuLoop(b, func() { Recompute(topic, cs, links, nil) })
			})
			b.Run(name+"/v1", func(b *testing.B) {
				cpuLoop(b, func() { v1.Recompute(topic, old, links, nil) })
			})
		}
	}
}

// cpuLoop runs fn in b's loop and reports the process's CPU time per run.
func cpuLoop(b *testing.B, fn func()) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		fn()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// untimed returns copies of cs whose dates give no time of day.
func untimed(cs []ClaimView) []ClaimView {
	out := make([]ClaimView, len(cs))
	for k, c := range cs {
		cc := *c.Claim
		cc.AsOf = claims.Date(strings.SplitN(string(cc.AsOf), "T", 2)[0])
		cc.SaidOn = claims.Date(strings.SplitN(string(cc.SaidOn), "T", 2)[0])
		out[k] = ClaimView{Claim: &cc, ClaimantName: c.ClaimantName}
	}
	return out
}

// toV1 returns copies of cs for the old engine, their measures in its
// terms.
func toV1(cs []ClaimView) []v1.ClaimView {
	out := make([]v1.ClaimView, len(cs))
	for k, c := range cs {
		cc := *c.Claim
		switch cc.Scope.Measure {
		case claims.Current, "":
			cc.Scope.Measure = "stock"
		case claims.Cumulative, claims.PerPeriod:
			cc.Scope.Measure = "flow"
		}
		out[k] = v1.ClaimView{Claim: &cc, ClaimantName: c.ClaimantName}
	}
	return out
}
