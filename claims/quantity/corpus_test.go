package quantity

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The corpus (testdata/corpus.tsv) holds quantity expressions from public
// recognizer test suites, stored news pages and the number formats of
// issue 10, each with the interval a careful reader gives it or "refuse".
// Its expectations come from the documented rules and calibration table,
// never from running this parser.

type corpusCase struct {
	line                     int
	set, group, lang, text   string
	refuse                   bool
	kind                     Kind
	low, high, best, point   *float64
	unit, source, expectText string
}

func loadCorpus(t testing.TB) []corpusCase {
	t.Helper()
	f, err := os.Open("testdata/corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []corpusCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 6 {
			t.Fatalf("corpus.tsv:%d: %d columns, want 6", n, len(cols))
		}
		c := corpusCase{line: n, set: cols[0], group: cols[1], lang: cols[2], text: cols[3], expectText: cols[4], source: cols[5]}
		if err := c.parseExpect(cols[4]); err != nil {
			t.Fatalf("corpus.tsv:%d: %v", n, err)
		}
		if c.source == "" || (c.lang != "en" && c.lang != "ru") || !slices.Contains([]string{"old", "new", "aside"}, c.set) {
			t.Fatalf("corpus.tsv:%d: bad set, language or source", n)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

func (c *corpusCase) parseExpect(s string) error {
	f := strings.Fields(s)
	if len(f) == 0 {
		return fmt.Errorf("empty expectation")
	}
	if f[0] == "refuse" {
		c.refuse = true
		return nil
	}
	nums := map[string]int{"exact": 1, "approx": 3, "range": 3, "vague": 3, "change": 3, "lower": 1, "upper": 1}
	want, ok := nums[f[0]]
	if !ok || len(f) < 1+want || len(f) > 2+want {
		return fmt.Errorf("cannot read expectation %q", s)
	}
	var v [3]*float64
	for i := range want {
		x, err := strconv.ParseFloat(f[1+i], 64)
		if err != nil {
			return fmt.Errorf("expectation %q: %v", s, err)
		}
		v[i] = &x
	}
	if len(f) == 2+want {
		c.unit = f[1+want]
	}
	switch f[0] {
	case "exact":
		c.kind, c.low, c.high, c.best, c.point = Exact, v[0], v[0], v[0], v[0]
	case "approx":
		c.kind, c.low, c.high, c.best, c.point = Approximate, v[0], v[1], v[2], v[2]
	case "range":
		c.kind, c.low, c.high, c.best, c.point = Range, v[0], v[1], v[2], v[2]
	case "vague":
		c.kind, c.low, c.high, c.best, c.point = Vague, v[0], v[1], v[2], v[2]
	case "change":
		c.kind, c.low, c.high, c.best, c.point = Change, v[0], v[1], v[2], v[2]
	case "lower":
		c.kind, c.low, c.point = LowerBound, v[0], v[0]
	case "upper":
		c.kind, c.high, c.point = UpperBound, v[0], v[0]
	}
	return nil
}

func sameFloat(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b || math.Abs(*a-*b) <= 1e-9*math.Max(math.Abs(*a), math.Abs(*b))
}

// verdict is how the parser did on one case.
type verdict struct {
	interval, point bool // the interval (kind, bounds, unit) and the point (best, or the bound) are right
	refused, silent bool // refused; read but wrong (or read where it should refuse)
	got             string
}

func judge(c *corpusCase, q Quantity, err error) verdict {
	if err != nil {
		return verdict{interval: c.refuse, point: c.refuse, refused: true, got: "refused: " + err.Error()}
	}
	got := fmt.Sprintf("%s low=%s high=%s best=%s unit=%q rule=%s", q.Kind, fmtPtr(q.Low), fmtPtr(q.High), fmtPtr(q.Best), q.Unit, q.Rule)
	if c.refuse {
		return verdict{silent: true, got: got}
	}
	var v verdict
	v.got = got
	v.interval = q.Kind == c.kind && sameFloat(q.Low, c.low) && sameFloat(q.High, c.high) && (c.unit == "" || q.Unit == c.unit)
	var point *float64
	switch q.Kind {
	case LowerBound:
		point = q.Low
	case UpperBound:
		point = q.High
	default:
		point = q.Best
	}
	v.point = sameFloat(point, c.point)
	v.silent = !v.interval
	return v
}

func fmtPtr(p *float64) string {
	if p == nil {
		return "-"
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

type tally struct{ n, interval, point, refused, silent int }

func (t *tally) add(v verdict) {
	t.n++
	if v.interval {
		t.interval++
	}
	if v.point {
		t.point++
	}
	if v.refused {
		t.refused++
	}
	if v.silent {
		t.silent++
	}
}

func (t tally) rate(k int) float64 { return float64(k) / float64(max(t.n, 1)) }

// corpusFloors are the accuracies the parser must keep on each set, and
// the most silent misreadings it may make there: none. Before issue 10 the
// parser read 0.43 of the new expressions right (0.47 of the set-aside
// ones) with 143 (52) silent misreadings. Silent misreadings (a
// confident wrong interval, or a reading where the text should be
// refused) are what the issue forbids.
var corpusFloors = map[string]struct {
	interval, point float64
	maxSilent       int
}{
	"old":   {interval: 0.99, point: 0.99, maxSilent: 0},
	"new":   {interval: 0.97, point: 0.97, maxSilent: 0},
	"aside": {interval: 0.95, point: 0.95, maxSilent: 0},
}

// TestCorpusAccuracy reads every corpus expression and reports interval
// and point accuracy by set, group and language. The set-aside cases are
// reported in aggregate only: their texts and results are never printed.
func TestCorpusAccuracy(t *testing.T) {
	cases := loadCorpus(t)
	counts := map[string]int{}
	for _, c := range cases {
		counts[c.set]++
	}
	newN := counts["new"] + counts["aside"]
	if len(cases) < 600 || 2*newN < len(cases) {
		t.Fatalf("corpus has %d cases, %d new: want at least 600, half of them new", len(cases), newN)
	}
	if r := float64(counts["aside"]) / float64(newN); r < 0.30 || r > 0.37 {
		t.Fatalf("%d of %d new cases are set aside: want a third", counts["aside"], newN)
	}
	bySet := map[string]*tally{}
	byGroup := map[[3]string]*tally{}
	for i := range cases {
		c := &cases[i]
		q, err := Parse(c.text)
		v := judge(c, q, err)
		for _, k := range []string{c.set, "all"} {
			if bySet[k] == nil {
				bySet[k] = &tally{}
			}
			bySet[k].add(v)
		}
		gk := [3]string{c.set, c.group, c.lang}
		if byGroup[gk] == nil {
			byGroup[gk] = &tally{}
		}
		byGroup[gk].add(v)
		if c.set != "aside" && !v.interval {
			t.Logf("corpus.tsv:%d [%s/%s] %q: want %s; got %s", c.line, c.group, c.lang, c.text, c.expectText, v.got)
		}
	}
	keys := make([][3]string, 0, len(byGroup))
	for k := range byGroup {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [3]string) int { return strings.Compare(a[0]+a[1]+a[2], b[0]+b[1]+b[2]) })
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s %-12s %-3s %5s %9s %7s %8s %7s\n", "set", "group", "lng", "n", "interval", "point", "refused", "silent")
	for _, k := range keys {
		g := byGroup[k]
		fmt.Fprintf(&b, "%-6s %-12s %-3s %5d %9.3f %7.3f %8d %7d\n", k[0], k[1], k[2], g.n, g.rate(g.interval), g.rate(g.point), g.refused, g.silent)
	}
	for _, s := range []string{"old", "new", "aside", "all"} {
		g := bySet[s]
		fmt.Fprintf(&b, "%-6s %-12s %-3s %5d %9.3f %7.3f %8d %7d\n", s, "TOTAL", "", g.n, g.rate(g.interval), g.rate(g.point), g.refused, g.silent)
	}
	t.Log("\n" + b.String())
	for s, f := range corpusFloors {
		g := bySet[s]
		if g == nil {
			t.Errorf("set %s is empty", s)
			continue
		}
		if g.rate(g.interval) < f.interval || g.rate(g.point) < f.point {
			t.Errorf("set %s: interval accuracy %.3f, point accuracy %.3f: below the floors %.2f, %.2f", s, g.rate(g.interval), g.rate(g.point), f.interval, f.point)
		}
		if g.silent > f.maxSilent {
			t.Errorf("set %s: %d silent misreadings, at most %d allowed", s, g.silent, f.maxSilent)
		}
	}
}
