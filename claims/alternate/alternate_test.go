package alternate

import (
	"runtime"
	"testing"
)

// TestThreadCPUAdvances: the clock reads, and a loop that runs on the
// thread counts in its time (on Linux; elsewhere threadCPU reports that
// it is not read).
func TestThreadCPUAdvances(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0, err := threadCPU()
	if runtime.GOOS != "linux" {
		if err == nil {
			t.Fatal("threadCPU reads no clock here, yet reports no error")
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	x := 0
	for i := range 50_000_000 {
		x += i ^ x
	}
	t1, err := threadCPU()
	if err != nil {
		t.Fatal(err)
	}
	if t1 <= t0 {
		t.Fatalf("thread CPU %d after a busy loop (result %d), %d before", t1, x, t0)
	}
}
