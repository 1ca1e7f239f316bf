package quantity

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/internal/wordfilter"
)

// TestLexiconFilter holds scanWord's lookup (a filter, then a table of
// the map's words) to the map: every word of the lexicon keeps its ID,
// and its near misses and random words, most of them unknown, get what
// the map says.
func TestLexiconFilter(t *testing.T) {
	t.Parallel()
	l := New().lex
	if len(l.ids) < 100 {
		t.Fatalf("the lexicon has %d words", len(l.ids))
	}
	for w, id := range l.ids {
		if got := l.lookup([]byte(w)); got != id {
			t.Fatalf("%q: lookup gives %d, the map %d", w, got, id)
		}
		// Near misses, which the filter may let through to the table.
		for _, near := range []string{w + "a", "a" + w, w + "ы", strings.TrimSuffix(w, w[len(w)-min(len(w), 1):])} {
			if got, want := l.lookup([]byte(near)), l.ids[near]; got != want {
				t.Fatalf("%q: lookup gives %d, the map %d", near, got, want)
			}
		}
	}
	letters := []rune("abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюя")
	rng := rand.New(rand.NewPCG(1, 2))
	known, clear := 0, 0
	for range 200000 {
		var b strings.Builder
		for range 1 + rng.IntN(9) {
			b.WriteRune(letters[rng.IntN(len(letters))])
		}
		w := b.String()
		if got, want := l.lookup([]byte(w)), l.ids[w]; got != want {
			t.Fatalf("%q: lookup gives %d, the map %d", w, got, want)
		}
		if l.ids[w] != 0 {
			known++
		}
		if !wordfilter.MayHold(&l.filter, w) {
			clear++
		}
	}
	if known == 0 || clear < 150000 {
		t.Errorf("%d random words known, %d of 200000 answered by the filter alone", known, clear)
	}
}
