package api

import (
	"runtime"
	"syscall"
	"testing"
	"unsafe"
)

// threadCPU returns the CPU time the calling thread has used, in
// nanoseconds (CLOCK_THREAD_CPUTIME_ID, exact where getrusage counts in
// ticks): unlike the wall clock or the process's CPU, not inflated by
// other processes on a loaded machine.
func threadCPU() int64 {
	var ts syscall.Timespec
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3 /* CLOCK_THREAD_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0
	}
	return ts.Nano()
}

// alternate runs the baseline and the candidate in turns of k
// operations each, on one locked thread, until each has run b.N times,
// and reports the thread's CPU a operation of each and their ratio
// (candidate/baseline), so that both are measured under the same load.
// allocs/op and B/op are those of the two together.
func alternate(b *testing.B, k int, baseline, candidate func() error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var cpu [2]int64
	fns := [2]func() error{baseline, candidate}
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; done += k {
		for i, f := range fns {
			t0 := threadCPU()
			for range min(k, b.N-done) {
				if err := f(); err != nil {
					b.Fatal(err)
				}
			}
			cpu[i] += threadCPU() - t0
		}
	}
	b.ReportMetric(float64(cpu[0])/float64(b.N), "base-cpu-ns/op")
	b.ReportMetric(float64(cpu[1])/float64(b.N), "new-cpu-ns/op")
	b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "new/base")
}
