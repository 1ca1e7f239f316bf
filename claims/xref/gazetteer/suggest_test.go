package gazetteer

import "testing"

func TestSuggest(t *testing.T) {
	t.Parallel()
	g := Builtin()
	for _, tt := range []struct {
		name, want string
		ok         bool
	}{
		{"Sirya", "Syria", true}, // two letters swapped apart: 2 edits, but "Sirya" has 5 letters
		{"Syira", "Syria", true}, // neighbours swapped
		{"Irq", "Iraq", true},    // one deletion, within the one edit of a short name
		{"Chechniya", "Chechnya", true},
		{"Сирии", "Syria", true}, // Russian, one letter off "Сирия"
		{"Syria", "", false},     // known
		{"Atlantis", "", false},  // nothing near
		{"", "", false},
	} {
		got, ok := g.Suggest(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestEditDistanceMatchesBruteForce checks the bounded distance against
// a plain recursive definition on short random strings.
func TestEditDistanceMatchesBruteForce(t *testing.T) {
	t.Parallel()
	var osa func(a, b []rune) int
	osa = func(a, b []rune) int {
		if len(a) == 0 {
			return len(b)
		}
		if len(b) == 0 {
			return len(a)
		}
		cost := 1
		if a[len(a)-1] == b[len(b)-1] {
			cost = 0
		}
		d := min(osa(a[:len(a)-1], b)+1, osa(a, b[:len(b)-1])+1, osa(a[:len(a)-1], b[:len(b)-1])+cost)
		if len(a) > 1 && len(b) > 1 && a[len(a)-1] == b[len(b)-2] && a[len(a)-2] == b[len(b)-1] {
			d = min(d, osa(a[:len(a)-2], b[:len(b)-2])+1)
		}
		return d
	}
	letters := []rune("abcя")
	word := func(n uint64) []rune {
		var out []rune
		for n > 0 {
			out = append(out, letters[n%5-min(n%5, 1)])
			n /= 5
		}
		return out
	}
	for x := range uint64(400) {
		for y := range uint64(60) {
			a, b := word(x), word(y*7+3)
			want := osa(a, b)
			for _, limit := range []int{1, 2} {
				got := editDistance(string(a), string(b), limit)
				if want <= limit && got != want || want > limit && got != limit+1 {
					t.Fatalf("editDistance(%q, %q, %d) = %d, brute force %d", string(a), string(b), limit, got, want)
				}
			}
		}
	}
}
