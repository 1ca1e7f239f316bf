package main

import (
	"runtime/debug"
	"testing"
)

// TestImportRuntimeIsClaimdeskImports requires the measured import to run
// with the runtime settings of `claimdesk import` (a soft limit of 160 MiB
// and GOGC 50, as TestImportSetsMemoryLimit of cmd/claimdesk requires of
// the command), and to leave them to GOMEMLIMIT and GOGC when those are
// set.
func TestImportRuntimeIsClaimdeskImports(t *testing.T) {
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(limit) })
	gc := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(gc) })

	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	debug.SetMemoryLimit(1 << 40)
	debug.SetGCPercent(100)
	importRuntime()
	if got := debug.SetMemoryLimit(-1); got != 160<<20 {
		t.Errorf("memory limit %d, want %d", got, 160<<20)
	}
	if got := debug.SetGCPercent(100); got != 50 {
		t.Errorf("GOGC %d, want 50", got)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	t.Setenv("GOGC", "80")
	debug.SetMemoryLimit(1 << 40)
	debug.SetGCPercent(80)
	importRuntime()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("with GOMEMLIMIT set, memory limit %d, want it left at %d", got, int64(1<<40))
	}
	if got := debug.SetGCPercent(100); got != 80 {
		t.Errorf("with GOGC set, GOGC %d, want it left at 80", got)
	}
}
