package article_test

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims/article"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// benchArticle builds an article of about n words from the corpus
// passages, one paragraph each, in English and Russian.
func benchArticle(tb testing.TB, n int) string {
	tb.Helper()
	ps := loadCorpus(tb)
	var b strings.Builder
	words := 0
	for words < n {
		for _, p := range ps {
			b.WriteString(p.Text)
			b.WriteString("\n\n")
			words += len(strings.Fields(p.Text))
			if words >= n {
				break
			}
		}
	}
	return b.String()
}

// BenchmarkArticle5000Words extracts claim candidates from a 5,000-word
// article; BenchmarkArticle5000WordsQuantityOnly is the baseline in the
// same run: the quantity parser alone, which the extractor wraps.
func BenchmarkArticle5000Words(b *testing.B) {
	text := benchArticle(b, 5000)
	x := article.New(nil, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		x.Extract(text)
	}
}

func BenchmarkArticle5000WordsQuantityOnly(b *testing.B) {
	text := benchArticle(b, 5000)
	p := quantity.New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		p.Extract(text)
	}
}

// reportCPU reports the process's CPU time (user and system, every thread,
// the garbage collector's included) per operation as cpu-ns/op and per
// byte as CPU-MB/s, which a loaded machine inflates far less than wall
// time. Call the function it returns after the loop.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		d := cpuTime() - start
		if b.N == 0 || d <= 0 {
			return
		}
		b.ReportMetric(float64(d.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
