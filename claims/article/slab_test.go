package article_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims/article"
)

// TestCandidatesOwnClaimantAndPlaces: each candidate's Claimant and
// Places are its own, so that a caller changing one candidate's (its
// fields, its elements, or appending to its places) changes no other's,
// over more candidates than one allocation serves.
func TestCandidatesOwnClaimantAndPlaces(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 80; i++ {
		b.WriteString("In Kyiv, police said 300 people protested and 400 people were detained. Police said 500 people were hurt.\n")
	}
	cs := article.New(nil, nil).Extract(b.String())
	if len(cs) < 100 {
		t.Fatalf("got %d candidates, want at least 100", len(cs))
	}
	withClaimant, withPlaces := 0, 0
	for i := range cs {
		if cs[i].Places == nil {
			t.Fatalf("candidate %d: Places is nil, want non-nil", i)
		}
		if cs[i].Claimant != nil {
			withClaimant++
		}
		if len(cs[i].Places) > 0 {
			withPlaces++
		}
	}
	if withClaimant < 100 || withPlaces < 100 {
		t.Fatalf("%d candidates with a claimant and %d with places, want at least 100 each", withClaimant, withPlaces)
	}
	for i := range cs {
		if cs[i].Claimant == nil || len(cs[i].Places) == 0 {
			continue
		}
		name, place := cs[i].Claimant.Name, cs[i].Places[0]
		others := make([]article.Candidate, len(cs))
		for j := range cs {
			others[j] = cs[j]
			if cs[j].Claimant != nil {
				c := *cs[j].Claimant
				others[j].Claimant = &c
			}
			others[j].Places = append([]string(nil), cs[j].Places...)
		}
		cs[i].Claimant.Name = "changed"
		cs[i].Places[0] = "changed"
		grown := append(cs[i].Places, "added")
		for j := range cs {
			if j == i {
				continue
			}
			if (cs[j].Claimant == nil) != (others[j].Claimant == nil) || cs[j].Claimant != nil && *cs[j].Claimant != *others[j].Claimant {
				t.Fatalf("changing candidate %d's claimant changed candidate %d's", i, j)
			}
			if strings.Join(cs[j].Places, "|") != strings.Join(others[j].Places, "|") {
				t.Fatalf("changing candidate %d's places changed candidate %d's: %q", i, j, cs[j].Places)
			}
		}
		_ = grown
		cs[i].Claimant.Name, cs[i].Places[0] = name, place
	}
}
