package article

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
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

// TestJoinToksInMatchesJoinToks checks joinToksIn against joinToks on
// many random token runs read from a random text: runs of adjacent
// tokens, runs with tokens left out, and tokens whose offsets or text do
// not match the text.
func TestJoinToksInMatchesJoinToks(t *testing.T) {
	pool := []string{"Reuters", "МВД", "пресс-служба", "the", "«", "»", "\"", "“", "”", "'", "’", "„",
		",", ".", "—", "(", ")", "3,400", "Пучков", "U.S.", "a", " x", "y "}
	gaps := []string{"", "", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", " \u00a0"}
	rng := rand.New(rand.NewPCG(11, 9))
	shared := 0
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		b.WriteString(gaps[rng.IntN(len(gaps))])
		all := make([]tok, 1+rng.IntN(8))
		for i := range all {
			s := pool[rng.IntN(len(pool))]
			all[i] = tok{s: s, low: s, start: b.Len(), end: b.Len() + len(s), word: rng.IntN(2) == 0}
			b.WriteString(s)
			b.WriteString(gaps[rng.IntN(len(gaps))])
		}
		p := b.String()
		lo := rng.IntN(len(all))
		ts := append([]tok(nil), all[lo:lo+rng.IntN(len(all)-lo)+1]...)
		switch rng.IntN(6) {
		case 0: // a token left out
			if len(ts) > 2 {
				k := 1 + rng.IntN(len(ts)-2)
				ts = append(ts[:k], ts[k+1:]...)
			}
		case 1: // a token's text not the text at its offsets
			ts[rng.IntN(len(ts))].s = pool[rng.IntN(len(pool))]
		case 2: // offsets shifted, or out of the text
			k := rng.IntN(len(ts))
			d := rng.IntN(5) - 2
			ts[k].start += d
			ts[k].end += d
			if rng.IntN(4) == 0 {
				ts[k].end += len(p)
			}
		}
		want := joinToks(ts)
		got := joinToksIn(p, ts)
		if got != want {
			t.Fatalf("joinToksIn(%q, %+v) = %q, want joinToks %q", p, ts, got, want)
		}
		if at, base := uintptr(unsafe.Pointer(unsafe.StringData(got))), uintptr(unsafe.Pointer(unsafe.StringData(p))); len(ts) > 1 && len(got) > 0 && at >= base && at < base+uintptr(len(p)) {
			shared++ // no copy: got lies in p
		}
	}
	if shared < 1000 {
		t.Fatalf("joinToksIn returned a stretch of the text %d times in 50000, want at least 1000", shared)
	}
}
