package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// newsFile writes a file of about size bytes of news text: the article
// corpus's English and Russian passages, one paragraph a line, repeated.
func newsFile(b *testing.B, size int) string {
	b.Helper()
	raw, err := os.ReadFile("../../claims/article/testdata/corpus.json")
	if err != nil {
		b.Fatal(err)
	}
	var c struct{ Passages []struct{ Text string } }
	if err := json.Unmarshal(raw, &c); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "news.txt")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for n := 0; n < size; {
		for _, p := range c.Passages {
			k, _ := w.WriteString(p.Text + "\n")
			n += k
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

// peakHeap samples the live heap while f runs and returns its peak in MB.
func peakHeap(f func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				metrics.Read(sample)
				mu.Lock()
				peak = max(peak, sample[1].Value.Uint64())
				mu.Unlock()
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return float64(peak) / (1 << 20)
}

// BenchmarkExtractCommand runs claimdesk extract on files of 5 MB and 20 MB
// of news text and reports the peak heap and the MB read per second of CPU
// time (cpu-MB/s, every thread's: see reportCPU); the baseline in the same run is
// BenchmarkExtractBaseline: what the command did before claim candidates,
// the whole file read into memory and the quantity parser alone run on it,
// each quantity encoded as JSON.
func BenchmarkExtractCommand(b *testing.B) {
	for _, mb := range []int{5, 20} {
		b.Run(itoa(mb)+"MB", func(b *testing.B) {
			path := newsFile(b, mb<<20)
			st, _ := os.Stat(path)
			b.SetBytes(st.Size())
			var peak float64
			defer reportCPU(b, st.Size())()
			for b.Loop() {
				peak = max(peak, peakHeap(func() {
					if code := run(context.Background(), []string{"extract", path}, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
						b.Fatalf("exit %d", code)
					}
				}))
			}
			b.ReportMetric(peak, "peak-heap-MB")
		})
	}
}

func BenchmarkExtractBaseline(b *testing.B) {
	for _, mb := range []int{5, 20} {
		b.Run(itoa(mb)+"MB", func(b *testing.B) {
			path := newsFile(b, mb<<20)
			st, _ := os.Stat(path)
			b.SetBytes(st.Size())
			p := quantity.New()
			var peak float64
			defer reportCPU(b, st.Size())()
			for b.Loop() {
				peak = max(peak, peakHeap(func() {
					raw, err := os.ReadFile(path)
					if err != nil {
						b.Fatal(err)
					}
					enc := json.NewEncoder(bufio.NewWriter(io.Discard))
					for _, q := range p.Extract(string(raw)) {
						if err := enc.Encode(q); err != nil {
							b.Fatal(err)
						}
					}
				}))
			}
			b.ReportMetric(peak, "peak-heap-MB")
		})
	}
}

// reportCPU reports the process's CPU time (user and system, every
// thread, the garbage collector's included) as MB (10^6 bytes, as MB/s) of input per CPU second,
// cpu-MB/s, for operations of size bytes: on a loaded machine it varies
// far less than wall time, and it tells one core's throughput from the
// two cores' that MB/s shows. Call the function it returns after the loop.
func reportCPU(b *testing.B, size int64) func() {
	start := cpuTime()
	return func() {
		d := cpuTime() - start
		if b.N == 0 || d <= 0 {
			return
		}
		b.ReportMetric(float64(size)*float64(b.N)/1e6/d.Seconds(), "cpu-MB/s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
