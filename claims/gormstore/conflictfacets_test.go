package gormstore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestIDSet: the packed set of IDs the facets under a filter by conflict
// test each claim against (facetsByConflict) holds exactly the IDs added,
// whether they came in byte order (as ORDER BY claim_id reads them) or
// not, of any length, the empty one and prefixes of others included;
// checked against a map.
func TestIDSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, sorted := range []bool{true, false} {
		in := map[string]bool{}
		var ids []string
		for i := range 2000 {
			id := fmt.Sprintf("c-%0*d", 1+r.IntN(6), r.IntN(100000))
			if i == 0 {
				id = ""
			}
			if !in[id] && r.IntN(2) == 0 {
				in[id] = true
				ids = append(ids, id)
			}
		}
		if sorted {
			slices.Sort(ids)
		}
		var s idSet
		for _, id := range ids {
			s.add([]byte(id))
		}
		s.finish()
		probes := append([]string{"", "c-", "c-9999999", "d", "c-0"}, ids...)
		for range 4000 {
			probes = append(probes, fmt.Sprintf("c-%0*d", 1+r.IntN(6), r.IntN(100000)))
		}
		for _, p := range probes {
			if got := s.has([]byte(p)); got != in[p] {
				t.Fatalf("sorted %v: has(%q) = %v, want %v (%d IDs)", sorted, p, got, in[p], len(ids))
			}
		}
	}
}
