package gormstore

import (
	"bufio"
	"bytes"
	"context"
	"log/slog"
	"os"
	"runtime/metrics"
	"strconv"
	"time"
)

// The memory of an import's phases. At the end of each phase (load,
// index rebuild, search index, summaries, commit) a bulk import logs at
// debug level the process's peak RSS so far and the Go runtime's live
// heap and mapped memory, so that a run shows which phase sets the peak
// (the import's target is under 300 MB at a million claims). The peak is
// the kernel's VmHWM, from /proc/self/status: where that file is missing
// (not Linux) the line leaves the field out rather than guess. What the
// RSS holds beyond the runtime's mapped memory is mostly SQLite's (its
// page cache, sorters and statements) and the program's own pages.
// Each line also gives the phase's own CPU time, user and system
// (cpu_user_ms, cpu_sys_ms, where getrusage gives them): the process's
// CPU used since the line before (the first phase: since the import's
// load began), which on a shared machine says more than its wall time.

// memSamples are the runtime/metrics read for the log: the heap live
// after the last collection, and all the memory the runtime has mapped.
var memSamples = [...]string{"/gc/heap/live:bytes", "/memory/classes/total:bytes"}

// peakRSSKiB returns the process's peak resident set size in KiB
// (VmHWM), and false where /proc/self/status does not give it.
func peakRSSKiB() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	return parseVmHWM(b)
}

// parseVmHWM reads the VmHWM line ("VmHWM:	  294744 kB") of a
// /proc/<pid>/status file, and returns false where the line is missing
// or not a count of kB.
func parseVmHWM(status []byte) (int64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmHWM:"))
		if !ok {
			continue
		}
		f := bytes.Fields(rest) // "294744", "kB"
		if len(f) != 2 || string(f[1]) != "kB" {
			return 0, false
		}
		n, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil || n < 0 {
			return 0, false
		}
		return n, true
	}
	return 0, false
}

// memAttrs are the fields of a phase's memory: peak_rss_kib (when
// known), go_heap_live_mib and go_mapped_mib.
func memAttrs() []slog.Attr {
	var attrs []slog.Attr
	if kib, ok := peakRSSKiB(); ok {
		attrs = append(attrs, slog.Int64("peak_rss_kib", kib))
	}
	s := []metrics.Sample{{Name: memSamples[0]}, {Name: memSamples[1]}}
	metrics.Read(s)
	for i, name := range []string{"go_heap_live_mib", "go_mapped_mib"} {
		if s[i].Value.Kind() == metrics.KindUint64 {
			attrs = append(attrs, slog.Float64(name, float64(s[i].Value.Uint64()>>10)/1024))
		}
	}
	return attrs
}

// phaseMark is where a phase of a bulk import began: the time, and the
// process's CPU so far (user and system, ms) where cpu says it was read.
type phaseMark struct {
	at        time.Time
	user, sys float64
	cpu       bool
}

// markPhase marks the beginning of a phase: the process's CPU is read
// only when the debug log that gives it is enabled.
func (s *Store) markPhase(ctx context.Context) phaseMark {
	m := phaseMark{at: time.Now()}
	if s.log.Enabled(ctx, slog.LevelDebug) {
		m.user, m.sys, m.cpu = processCPU()
	}
	return m
}

// logPhase logs the end of one phase of a bulk import that began at
// start, with its duration, its own CPU (since start) and the memory
// (memAttrs), and returns the mark of its end, where the next begins.
func (s *Store) logPhase(ctx context.Context, phase string, start phaseMark) phaseMark {
	end := s.markPhase(ctx)
	if !s.log.Enabled(ctx, slog.LevelDebug) {
		return end
	}
	attrs := append([]slog.Attr{slog.String("phase", phase), slog.Float64("ms", msSince(start.at, end.at))}, memAttrs()...)
	if start.cpu && end.cpu {
		attrs = append(attrs, slog.Float64("cpu_user_ms", end.user-start.user), slog.Float64("cpu_sys_ms", end.sys-start.sys))
	}
	s.log.LogAttrs(ctx, slog.LevelDebug, "bulk import phase", attrs...)
	return end
}
