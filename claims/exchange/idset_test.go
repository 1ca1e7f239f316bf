package exchange

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIDSet checks idSet against a map over IDs of many lengths, through
// several growths of its table.
func TestIDSet(t *testing.T) {
	s := newIDSet()
	want := map[string]bool{}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var id string
		switch i % 4 {
		case 0:
			id = fmt.Sprintf("c-%d", r.IntN(15000))
		case 1:
			id = strings.Repeat("x", r.IntN(300)) // longer than one length byte
		case 2:
			id = ""
		default:
			id = fmt.Sprintf("topic/%d/%d", r.IntN(100), r.IntN(100))
		}
		if got, new := s.Add(id), !want[id]; got != new {
			t.Fatalf("Add(%q) = %v, want %v", id, got, new)
		}
		want[id] = true
		probe := fmt.Sprintf("c-%d", r.IntN(30000))
		if s.Has(probe) != want[probe] {
			t.Fatalf("Has(%q) = %v, want %v", probe, s.Has(probe), want[probe])
		}
	}
	if s.Len() != len(want) {
		t.Fatalf("Len() = %d, want %d", s.Len(), len(want))
	}
	for id := range want {
		if !s.Has(id) {
			t.Fatalf("Has(%q) = false after Add", id)
		}
	}
	if newIDSet().Has("a") {
		t.Fatal("an empty set has an ID")
	}
}
