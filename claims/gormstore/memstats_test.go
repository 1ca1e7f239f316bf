package gormstore_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestBulkImportLogsEachPhaseMemory imports a small document into an
// empty database with a debug log and reads the log: one line for the
// end of each phase, in order, each with its time and the runtime's
// heap and mapped memory, the phase's own CPU time where getrusage gives
// it, and the peak RSS where /proc/self/status gives the kernel's VmHWM.
// The phases' CPU, user and system, adds up to no more than the process
// used while the import ran, read here before and after it (the
// process's totals, logged five times, would add up to five times what
// the process had used before the import); other values are not checked.
func TestBulkImportLogsEachPhaseMemory(t *testing.T) {
	_, statusErr := os.Stat("/proc/self/status")
	wantRSS := statusErr == nil
	wantCPU := runtime.GOOS != "windows" && runtime.GOOS != "plan9" && runtime.GOOS != "js" && runtime.GOOS != "wasip1"
	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		src := storetest.SQLite(t)
		newWorld(t, src)
		var doc bytes.Buffer
		must(t, "export", exchange.Export(ctx, src, &doc, exchange.NDJSON, exchange.Filter{}, exchange.ExportOptions{}))

		var logged lockedBuffer
		log := slog.New(slog.NewJSONHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
		dst := storetest.Open(t, dsn, gormstore.WithLogger(log))
		userBefore, sysBefore, _ := rusageMs()
		rep, err := exchange.Import(ctx, dst, bytes.NewReader(doc.Bytes()), exchange.ImportOptions{Format: exchange.NDJSON})
		userAfter, sysAfter, _ := rusageMs()
		if err != nil {
			t.Fatalf("import: %v (%+v)", err, rep)
		}
		sum := map[string]float64{}
		var phases []string
		sc := bufio.NewScanner(strings.NewReader(logged.String()))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var line map[string]any
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Fatalf("log line %q: %v", sc.Text(), err)
			}
			if line["msg"] != "bulk import phase" {
				continue
			}
			phase, _ := line["phase"].(string)
			phases = append(phases, phase)
			for _, f := range []string{"ms", "go_heap_live_mib", "go_mapped_mib"} {
				if v, ok := line[f].(float64); !ok || v < 0 {
					t.Errorf("phase %q: %s is %v, want a number", phase, f, line[f])
				}
			}
			for _, f := range []string{"cpu_user_ms", "cpu_sys_ms"} {
				if v, ok := line[f].(float64); ok != wantCPU || (ok && v < 0) {
					t.Errorf("phase %q: %s is %v (getrusage expected: %v)", phase, f, line[f], wantCPU)
				}
				v, _ := line[f].(float64)
				sum[f] += v
			}
			if v, ok := line["peak_rss_kib"].(float64); ok != wantRSS || (ok && v <= 0) {
				t.Errorf("phase %q: peak_rss_kib is %v (/proc/self/status readable: %v)", phase, line["peak_rss_kib"], wantRSS)
			}
		}
		// getrusage counts in microseconds: the sum may round up by a
		// microsecond a phase.
		if sum["cpu_user_ms"] > userAfter-userBefore+0.01 || sum["cpu_sys_ms"] > sysAfter-sysBefore+0.01 {
			t.Errorf("the phases' CPU adds up to user %.3f ms, system %.3f ms, more than the import's %.3f ms, %.3f ms: not each phase's own",
				sum["cpu_user_ms"], sum["cpu_sys_ms"], userAfter-userBefore, sysAfter-sysBefore)
		}
		want := []string{"load", "index rebuild", "search index", "summaries", "commit"}
		if strings.Join(phases, ", ") != strings.Join(want, ", ") {
			t.Fatalf("logged phases %q, want %q; log:\n%s", phases, want, logged.String())
		}
	})
}
