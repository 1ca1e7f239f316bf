package article_test

import (
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

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
	benchExtract(b, benchArticle(b, 5000))
}

// benchExtract times the extraction of text, reporting bytes, allocations
// and CPU time.
func benchExtract(b *testing.B, text string) {
	x := article.New(nil, nil)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		x.Extract(text)
	}
}

// BenchmarkArticleSparse5000Words is BenchmarkArticle5000Words on an
// article where one sentence in four holds a figure, as in running news
// text, rather than the corpus passages' seven in ten: paragraphs of one
// corpus sentence the quantity parser finds a figure in and three it finds
// none in, in the corpus's order. What the extractor does only for the
// sentences a candidate needs shows here.
func BenchmarkArticleSparse5000Words(b *testing.B) {
	benchExtract(b, sparseArticle(b, 5000))
}

// sparseArticle builds the text of BenchmarkArticleSparse5000Words, of
// about n words. Sentences are cut after ". " before a capital letter.
func sparseArticle(tb testing.TB, n int) string {
	tb.Helper()
	p := quantity.New()
	var with, without []string
	for _, ps := range loadCorpus(tb) {
		rest := ps.Text
		for rest != "" {
			cut := len(rest)
			for i := 0; i+2 < len(rest); i++ {
				if rest[i] == '.' && rest[i+1] == ' ' && capitalAt(rest[i+2:]) {
					cut = i + 1
					break
				}
			}
			s := strings.TrimSpace(rest[:cut])
			rest = rest[cut:]
			if s == "" {
				continue
			}
			if len(p.Extract(s)) > 0 {
				with = append(with, s)
			} else {
				without = append(without, s)
			}
		}
	}
	if len(with) == 0 || len(without) < 3 {
		tb.Fatalf("%d sentences with figures, %d without", len(with), len(without))
	}
	var b strings.Builder
	words, k := 0, 0
	for i := 0; words < n; i++ {
		para := []string{with[i%len(with)], without[k%len(without)], without[(k+1)%len(without)], without[(k+2)%len(without)]}
		k += 3
		// The figure's sentence first, second or last in its paragraph.
		switch i % 3 {
		case 1:
			para[0], para[1] = para[1], para[0]
		case 2:
			para[0], para[3] = para[3], para[0]
		}
		line := strings.Join(para, " ")
		b.WriteString(line)
		b.WriteString("\n\n")
		words += len(strings.Fields(line))
	}
	return b.String()
}

// capitalAt reports whether s starts with a Latin or Cyrillic capital.
func capitalAt(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return 'A' <= r && r <= 'Z' || 'А' <= r && r <= 'Я' || r == 'Ё'
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
