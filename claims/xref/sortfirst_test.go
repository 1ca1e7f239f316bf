package xref

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortFirst holds the first n that sortFirst leaves to be those a
// whole sort puts first, in order, with every element kept, for lengths
// and n on both sides of the cut where it sorts everything.
func TestSortFirst(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		s := make([]int, r.IntN(300))
		for i := range s {
			s[i] = i
		}
		r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		n := r.IntN(len(s) + 2)
		got := slices.Clone(s)
		sortFirst(got, n, cmp.Compare[int])
		want := slices.Clone(s)
		slices.Sort(want)
		m := min(n, len(s))
		if !slices.Equal(got[:m], want[:m]) {
			t.Fatalf("len %d, n %d: first %v, want %v", len(s), n, got[:m], want[:m])
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("len %d, n %d: elements lost or repeated", len(s), n)
		}
	}
}
