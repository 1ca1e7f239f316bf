package exchange

// ImportMemoryLimit is the soft limit on the Go runtime's memory that a
// direct import (`claimdesk import`, and the load tool's measured import,
// which runs as it does) sets unless GOMEMLIMIT does
// (runtime/debug.SetMemoryLimit).
// Without it the garbage collector lets the heap grow to twice what is
// live, which at the recompute of a big topic is the larger part of the
// import's peak; with it, the collector works harder near the limit. The
// import's target is under 300 MB of RSS at a million claims, of which
// SQLite (its page cache, sorters and statements) and the program's own
// pages take about 100. At a million claims the peak is the summaries'
// recompute of the largest family, with about 115 MB live; at 192 MiB the
// runtime's mapped memory reached 205-221 MiB there and the peak RSS
// 297,784-299,492 KiB (305-307 MB); at 160 MiB, the same runs beside it,
// 270,436-271,064 KiB (277 MB) for 0.99-1.04x the CPU time.
const ImportMemoryLimit = 160 << 20

// ImportGCPercent is the garbage collector's GOGC that a direct import
// sets with its memory limit unless GOGC does. Under the limit the heap
// may otherwise grow to twice what is live: at 300,000 claims the live
// heap of the recompute peaks at about 75 MiB and the runtime held 178 MiB
// with GOGC 100; with 50, the import's peak RSS fell from 322 to 273 MB at
// the same CPU time (152 and 153 s, the collector's extra work being
// small beside SQLite's).
const ImportGCPercent = 50
