// Package alternate measures a change against its baseline in one
// benchmark: the two run in turns on one locked thread, timed by that
// thread's CPU clock, so that other processes on a loaded machine enter
// neither figure nor their ratio. It serves the benchmarks of api and
// claims/gormstore alike, and holds no domain logic.
package alternate

import (
	"runtime"
	"testing"
)

// Run runs the baseline and the candidate in turns of k operations each,
// on one locked thread, until each has run b.N times, and reports the
// thread's CPU an operation of each (base-cpu-ns/op, new-cpu-ns/op),
// their ratio (new/base, candidate over baseline) and the allocations an
// operation of each (base-allocs/op, new-allocs/op; those of the whole
// process while it ran, read between the turns, outside the CPU timing).
// It fails b when f fails or the thread's CPU clock cannot be read.
func Run(b *testing.B, k int, baseline, candidate func() error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock := func() int64 {
		t, err := threadCPU()
		if err != nil {
			b.Fatalf("thread CPU clock: %v", err)
		}
		return t
	}
	clock() // fails here, before any work, where there is no such clock
	var cpu, allocs [2]int64
	fns := [2]func() error{baseline, candidate}
	var ms runtime.MemStats
	b.ResetTimer()
	for done := 0; done < b.N; done += k {
		for i, f := range fns {
			runtime.ReadMemStats(&ms)
			m0 := ms.Mallocs
			t0 := clock()
			for range min(k, b.N-done) {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
			cpu[i] += clock() - t0
			runtime.ReadMemStats(&ms)
			allocs[i] += int64(ms.Mallocs - m0)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(cpu[0])/n, "base-cpu-ns/op")
	b.ReportMetric(float64(cpu[1])/n, "new-cpu-ns/op")
	b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "new/base")
	b.ReportMetric(float64(allocs[0])/n, "base-allocs/op")
	b.ReportMetric(float64(allocs[1])/n, "new-allocs/op")
}
