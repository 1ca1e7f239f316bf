package article

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestJoinToksMatchesJoin checks joinToks against the text it stands for,
// built by strings.Join on many random token runs: the tokens' texts, with
// a space where the text had space between two tokens, except after an
// opening quotation mark that starts the run, trimmed of outer space.
func TestJoinToksMatchesJoin(t *testing.T) {
	pool := []string{"Reuters", "МВД", "пресс-служба", "the", "«", "»", "\"", "“", "”", "'", "’", "„",
		",", ".", "—", "(", ")", "3,400", "\u00a0", "\u2003", "Пучков", "U.S.", "a"}
	quoteMarks := map[string]bool{"\"": true, "“": true, "”": true, "«": true, "»": true, "„": true, "'": true, "’": true}
	rng := rand.New(rand.NewPCG(11, 2))
	for n := 0; n < 20000; n++ {
		ts := make([]tok, rng.IntN(8))
		pos := rng.IntN(3)
		for i := range ts {
			s := pool[rng.IntN(len(pool))]
			ts[i] = tok{s: s, low: s, start: pos, end: pos + len(s), word: rng.IntN(2) == 0}
			pos += len(s) + rng.IntN(3) // 0: glued to the next token
		}
		var parts []string
		for i := range ts {
			if i > 0 && ts[i].start > ts[i-1].end && !(i == 1 && quoteMarks[ts[0].s] && !ts[0].word) {
				parts = append(parts, " ")
			}
			parts = append(parts, ts[i].s)
		}
		want := strings.TrimSpace(strings.Join(parts, ""))
		if got := joinToks(ts); got != want {
			t.Fatalf("joinToks(%+v) = %q, want %q", ts, got, want)
		}
	}
}

// TestCountFieldsMatchesFields checks countFields against
// len(strings.Fields) on random strings of words, ASCII and Unicode
// spaces, and bytes that are not UTF-8.
func TestCountFieldsMatchesFields(t *testing.T) {
	pool := []string{"a", "Пучков", "U.S.", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u2003", "\u3000",
		"\u200b", "\xff", "\xd0", "—", "«", ",", "x"}
	rng := rand.New(rand.NewPCG(11, 4))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pool[rng.IntN(len(pool))])
		}
		s := b.String()
		if got, want := countFields(s), len(strings.Fields(s)); got != want {
			t.Fatalf("countFields(%q) = %d, want %d", s, got, want)
		}
	}
}
