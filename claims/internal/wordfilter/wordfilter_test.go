package wordfilter

import (
	"fmt"
	"testing"
)

// Every word added is held, and most words not added are told apart.
func TestFilter(t *testing.T) {
	t.Parallel()
	var f Filter
	added := map[string]bool{}
	for i := range 500 {
		w := fmt.Sprintf("word%d", i*7)
		Add(&f, w)
		added[w] = true
	}
	clear := 0
	for i := range 20000 {
		w := fmt.Sprintf("other%d", i)
		if !MayHold(&f, w) {
			clear++
		}
	}
	for w := range added {
		if !MayHold(&f, w) || !MayHold(&f, []byte(w)) {
			t.Fatalf("%q added but not held", w)
		}
	}
	if clear < 19000 {
		t.Errorf("only %d of 20000 words not added are told apart", clear)
	}
}
