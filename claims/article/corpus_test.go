package article_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims/article"
)

var showTuning = flag.Bool("corpus.show", false, "print the misses of the tuning passages (never of the set-aside ones)")

type goldClaim struct {
	Span       string   `json:"span"`
	Occurrence int      `json:"occurrence"`
	Low        *float64 `json:"low"`
	High       *float64 `json:"high"`
	Counted    string   `json:"counted"`
	Claimant   *string  `json:"claimant"`
}

type passage struct {
	ID        string      `json:"id"`
	Lang      string      `json:"lang"`
	Holdout   bool        `json:"holdout"`
	Batch     int         `json:"batch"`
	Source    string      `json:"source"`
	Text      string      `json:"text"`
	Claims    []goldClaim `json:"claims"`
	NotClaims []string    `json:"not_claims"`
}

func loadCorpus(t testing.TB) []passage {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Passages []passage `json:"passages"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c.Passages
}

// nth returns the byte offset of the n-th (1-based) occurrence of s in text.
func nth(text, s string, n int) int {
	if n == 0 {
		n = 1
	}
	off := 0
	for i := 0; i < n; i++ {
		k := strings.Index(text[off:], s)
		if k < 0 {
			return -1
		}
		if i == n-1 {
			return off + k
		}
		off += k + len(s)
	}
	return -1
}

// words folds a name into word prefixes of at most five letters, so that
// "Сысоева" and "Сысоев", "Bogdanov's" and "Bogdanov" compare equal. It is
// the oracle's own rule, not the package's.
func words(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '"' || r == '«' || r == '»' || r == '(' || r == ')' || r == '.'
	}) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if w == "the" || w == "a" || w == "an" || w == "" {
			continue
		}
		if utf8.RuneCountInString(w) > 5 {
			w = string([]rune(w)[:5])
		}
		out = append(out, w)
	}
	return out
}

func subset(a, b []string) bool {
	if len(a) == 0 {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func claimantOK(g *string, c *article.Claimant) bool {
	if g == nil {
		return c == nil
	}
	if c == nil {
		return false
	}
	pw := words(c.Name)
	for _, alt := range strings.Split(*g, "|") {
		gw := words(alt)
		if subset(gw, pw) || subset(pw, gw) {
			return true
		}
	}
	return false
}

func countedOK(g, got string) bool {
	for _, alt := range strings.Split(g, "|") {
		if strings.Contains(strings.ToLower(got), strings.ToLower(alt)) {
			return true
		}
	}
	return false
}

func near(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-6*math.Max(1, math.Abs(*b))
}

type tally struct {
	gold, found, predicted, correctPred, intervals, claimants, countedGold, counted int
}

func (t *tally) add(o tally) {
	t.gold += o.gold
	t.found += o.found
	t.predicted += o.predicted
	t.correctPred += o.correctPred
	t.intervals += o.intervals
	t.claimants += o.claimants
	t.countedGold += o.countedGold
	t.counted += o.counted
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (t tally) recall() float64    { return ratio(t.found, t.gold) }
func (t tally) precision() float64 { return ratio(t.correctPred, t.predicted) }
func (t tally) interval() float64  { return ratio(t.intervals, t.found) }
func (t tally) claimant() float64  { return ratio(t.claimants, t.found) }
func (t tally) countedR() float64  { return ratio(t.counted, t.countedGold) }

func (t tally) String() string {
	return fmt.Sprintf("claims %3d  recall %.3f  precision %.3f (%d/%d)  intervals %.3f  claimant %.3f  counted %.3f",
		t.gold, t.recall(), t.precision(), t.correctPred, t.predicted, t.interval(), t.claimant(), t.countedR())
}

// score extracts one passage and compares it with its labels. Misses are
// returned as text for the tuning passages only.
func score(t *testing.T, x *article.Extractor, p passage) (tally, []string) {
	var tl tally
	var misses []string
	cands := x.Extract(p.Text)
	used := make([]bool, len(cands))
	for i := range cands {
		if cands[i].LikelyClaim {
			tl.predicted++
		}
	}
	for _, g := range p.Claims {
		tl.gold++
		at := nth(p.Text, g.Span, g.Occurrence)
		if at < 0 {
			t.Fatalf("%s: span %q (occurrence %d) not in text", p.ID, g.Span, g.Occurrence)
		}
		end := at + len(g.Span)
		best := -1
		for i, c := range cands {
			if used[i] || !c.LikelyClaim || c.End <= at || c.Start >= end {
				continue
			}
			best = i
			break
		}
		if best < 0 {
			misses = append(misses, fmt.Sprintf("missed %q", g.Span))
			continue
		}
		used[best] = true
		c := cands[best]
		tl.found++
		tl.correctPred++
		if near(c.Low, g.Low) && near(c.High, g.High) {
			tl.intervals++
		} else {
			misses = append(misses, fmt.Sprintf("interval %q: got %v..%v", g.Span, show(c.Low), show(c.High)))
		}
		if claimantOK(g.Claimant, c.Claimant) {
			tl.claimants++
		} else {
			want := "null"
			if g.Claimant != nil {
				want = *g.Claimant
			}
			got := "null"
			if c.Claimant != nil {
				got = fmt.Sprintf("%s [%s] (%s)", c.Claimant.Name, c.Claimant.Role, c.Claimant.Kind)
			}
			misses = append(misses, fmt.Sprintf("claimant %q: got %s, want %s", g.Span, got, want))
		}
		if g.Counted != "" {
			tl.countedGold++
			if countedOK(g.Counted, c.Counted) {
				tl.counted++
			} else {
				misses = append(misses, fmt.Sprintf("counted %q: got %q, want %q", g.Span, c.Counted, g.Counted))
			}
		}
	}
	for i, c := range cands {
		if c.LikelyClaim && !used[i] {
			misses = append(misses, fmt.Sprintf("not a claim %q (likely_claim true)", c.Text))
		}
	}
	for _, nc := range p.NotClaims {
		at := strings.Index(p.Text, nc)
		for _, c := range cands {
			if c.LikelyClaim && at >= 0 && c.Start < at+len(nc) && c.End > at && !anyGold(p, c.Start, c.End) {
				misses = append(misses, fmt.Sprintf("listed non-claim %q read as a claim", nc))
			}
		}
	}
	return tl, misses
}

func anyGold(p passage, start, end int) bool {
	for _, g := range p.Claims {
		at := nth(p.Text, g.Span, g.Occurrence)
		if at < end && at+len(g.Span) > start {
			return true
		}
	}
	return false
}

func show(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprint(*v)
}

// TestCorpus reports recall, precision, interval and claimant accuracy by
// language, for the tuning passages and the set-aside passages separately,
// and fails below the floors. The set-aside passages were chosen (every
// third of each language) before the extractor was written; their misses
// are never printed.
func TestCorpus(t *testing.T) {
	x := article.New(nil, nil)
	ps := loadCorpus(t)
	if len(ps) < 40 {
		t.Fatalf("corpus has %d passages, want at least 40", len(ps))
	}
	sums := map[string]*tally{}
	key := func(split, lang string) string { return split + " " + lang }
	for _, p := range ps {
		if p.Source == "" || !strings.HasPrefix(p.Source, "http") {
			t.Errorf("%s: no source URL", p.ID)
		}
		tl, misses := score(t, x, p)
		split := "tuning"
		if p.Holdout {
			split = "set-aside"
		}
		// Each batch is also reported on its own: the passages added later
		// (batch 2) have a fresh set-aside, whatever was tuned on the first.
		b := max(p.Batch, 1)
		keys := []string{key(split, p.Lang), key(split, "all"),
			fmt.Sprintf("batch %d %s %s", b, split, p.Lang), fmt.Sprintf("batch %d %s all", b, split)}
		if b <= 4 {
			// The first four batches together: the set-aside every later
			// round's tuning was measured against.
			keys = append(keys, fmt.Sprintf("batches 1-4 %s %s", split, p.Lang), fmt.Sprintf("batches 1-4 %s all", split))
		}
		for _, k := range keys {
			if sums[k] == nil {
				sums[k] = &tally{}
			}
			sums[k].add(tl)
		}
		if !p.Holdout && *showTuning {
			for _, m := range misses {
				t.Logf("%s: %s", p.ID, m)
			}
		}
	}
	keys := make([]string, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-26s %v", k, *sums[k])
	}
	floors := []struct {
		split                                 string
		recall, precision, interval, claimant float64
	}{
		{"tuning all", 0.95, 0.90, 0.95, 0.80},
		{"batch 1 set-aside all", 0.95, 0.90, 0.95, 0.80},
		// Every target holds on the English set-aside passages.
		{"set-aside en", 0.95, 0.90, 0.95, 0.80},
		// The Russian set-aside passages alone: claimant 0.807 since the
		// third Russian round of issue 11; the floor keeps a little room
		// below it and guards against regressions.
		{"set-aside ru", 0.95, 0.90, 0.95, 0.78},
		// The claimant target (0.80) holds on all set-aside
		// passages together (0.825) and, since the third Russian round
		// of issue 11 (fronted objects, dative addressees before bodies,
		// dates between commas), on the Russian ones alone (0.807,
		// measured once at its end; 0.793 before it, 0.800 and 0.780
		// before earlier rounds), but not on the fresh set-asides of
		// batches 5 (0.750) and 6 (0.733); see the log. The floor there
		// guards against regressions.
		{"set-aside all", 0.95, 0.90, 0.95, 0.75},
	}
	for _, k := range []string{"set-aside en", "set-aside ru", "set-aside all", "batch 5 set-aside ru", "batch 6 set-aside ru"} {
		if s := sums[k]; s != nil && s.claimant() < 0.80 {
			t.Logf("%s: claimant %.3f, below the issue's target of 0.80", k, s.claimant())
		}
	}
	for _, f := range floors {
		s := sums[f.split]
		if s == nil {
			t.Fatalf("no passages in %s", f.split)
		}
		if s.recall() < f.recall || s.precision() < f.precision || s.interval() < f.interval || s.claimant() < f.claimant {
			t.Errorf("%s: %v; floors: recall %.2f precision %.2f intervals %.2f claimant %.2f", f.split, *s, f.recall, f.precision, f.interval, f.claimant)
		}
	}
}
