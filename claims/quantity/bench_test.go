package quantity

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// benchCorpus is a mix of quantities as analysts type them from news
// reports, in both languages.
var benchCorpus = []string{
	"a few dozen", "about 800", "more than 400", "up to 3,000", "nearly 2,000", "between 800 and 1,500",
	"800 fighters", "$2bn", "€300 million", "1,500 troops", "as many as 4,000", "at least 4,000",
	"several hundred", "tens of thousands", "hundreds", "dozens of Russians", "some 2,400 fighters",
	"fewer than 50 people", "40%", "one in five", "two-thirds", "1.2 million", "3.5m", "eight hundred",
	"twenty-five", "half a dozen", "70-80", "from 70 to 80", "an estimated 30,000 foreigners",
	"roughly 90 percent", "40-odd Chechens",
	"несколько десятков", "десятки", "около 800", "порядка 2000", "примерно 500 человек", "более тысячи",
	"свыше 1000", "почти 2000", "от 70 до 80", "сотни", "несколько тысяч", "десятки тысяч", "1,5 млн руб.",
	"около 4 тыс. человек", "не более 200 человек", "как минимум 400", "две тысячи пятьсот", "каждый пятый",
}

func TestBenchCorpusParses(t *testing.T) {
	t.Parallel()
	if len(benchCorpus) < 40 {
		t.Errorf("benchCorpus has %d phrases, want at least 40", len(benchCorpus))
	}
	for _, s := range benchCorpus {
		if _, err := Parse(s); err != nil {
			t.Errorf("Parse(%q) error: %v", s, err)
		}
	}
}

// Parse allocates the three bounds together and the explanation: two
// allocations per phrase, whatever the phrase.
func TestParseAllocations(t *testing.T) {
	more := []string{
		"nine thousand at least", "9,000 people at most.", "exceeds 20,000", "does not exceed 500",
		"up to about 4 thousand", "at least 4,000", "тысяча с лишним", "не превышает 500", "до порядка 4 тыс.",
		"more than 3.5", "7000",
	}
	for _, s := range append(more, benchCorpus...) {
		Parse(s) // warm the scratch pool
		// The fewest of five measures: a garbage collection empties the
		// scratch pool, and the race detector's sync.Pool drops a quarter
		// of what is put back on purpose, so one measure on a loaded
		// machine or under -race can count allocations Parse does not make.
		n := math.Inf(1)
		for range 5 {
			n = min(n, testing.AllocsPerRun(50, func() { Parse(s) }))
		}
		if n > 2 {
			t.Errorf("Parse(%q) allocates %v times, want at most 2", s, n)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range benchCorpus {
			if _, err := Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchCorpus)), "ns/phrase")
}

// BenchmarkBaseline does the least a parser could: split on spaces and try
// each field as a float.
func BenchmarkBaseline(b *testing.B) {
	b.ReportAllocs()
	var n int
	for b.Loop() {
		for _, s := range benchCorpus {
			for _, f := range strings.Fields(s) {
				if _, err := strconv.ParseFloat(f, 64); err == nil {
					n++
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchCorpus)), "ns/phrase")
}

func BenchmarkExtract(b *testing.B) {
	for _, name := range []string{"article_en.txt", "article_ru.txt"} {
		text, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		s := string(text)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Extract(s)
			}
		})
		b.Run(name+"/baseline", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			var n int
			for b.Loop() {
				for _, f := range strings.Fields(s) {
					if _, err := strconv.ParseFloat(f, 64); err == nil {
						n++
					}
				}
			}
		})
	}
}

// BenchmarkExtractAdversarial measures 10 KB of hostile input: the time
// per byte should match ordinary prose.
func BenchmarkExtractAdversarial(b *testing.B) {
	for name, s := range adversarial(10 << 10) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Extract(s)
			}
		})
	}
}

// BenchmarkCorpus reads every expression of testdata/corpus.tsv, refusals
// included: the figure to compare across versions of the parser.
//
// Besides wall time it reports the process's CPU time a phrase
// (cpu-ns/phrase): on a machine shared with other work, wall time counts
// the waits for a core, CPU time does not.
func BenchmarkCorpus(b *testing.B) {
	texts := corpusTexts(b)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		for _, s := range texts {
			Parse(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/phrase")
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*len(texts)), "cpu-ns/phrase")
}

// cpuTime is the CPU time, user and system, the process has used, in
// nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// thousandsRE reads digits with thousands separators and a decimal part:
// the least a parser of "1,500" or "3.5" must do.
var thousandsRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`)

// BenchmarkCorpusRegexpBaseline is the honest floor: one regular
// expression finds the first figure of each corpus expression and
// ParseFloat reads it without its separators.
func BenchmarkCorpusRegexpBaseline(b *testing.B) {
	texts := corpusTexts(b)
	b.ReportAllocs()
	var sum float64
	cpu := cpuTime()
	for b.Loop() {
		for _, s := range texts {
			if m := thousandsRE.FindString(s); m != "" {
				v, _ := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64)
				sum += v
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/phrase")
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N*len(texts)), "cpu-ns/phrase")
}

func corpusTexts(b *testing.B) []string {
	var texts []string
	for _, c := range loadCorpus(b) {
		texts = append(texts, c.text)
	}
	return texts
}
