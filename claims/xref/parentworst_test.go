package xref

import (
	"math/rand/v2"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// TestPartWholeWorstMatchesBruteForce checks which parent claim the parent
// sweep names, not only how many: for each claim of a topic under a
// parent, the part-above-whole pair listed among the notable conflicts
// (and the claim's worst when nothing within the topic is worse) must be
// the parent's claim that brute force (Relate against every one) finds
// the most severe, the smallest ID among equals. Parent claims share
// bounds often, so an index that slips by one between the topic's
// numbering and the parent's, or an ID read for the wrong index in the
// tie-break, names a different claim of the same severity.
func TestPartWholeWorstMatchesBruteForce(t *testing.T) {
	t.Parallel()
	checked, ties := 0, 0
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 17))
		topic, cs, _ := randomTopic(r, 1+r.IntN(40), false)
		topic.ParentID = "parent"
		parent := &claims.Topic{Meta: claims.Meta{ID: "parent"}, Unit: "people", Additive: true}
		_, ps, _ := randomTopic(r, 1+r.IntN(60), false)
		for _, p := range ps {
			p.TopicID = "parent"
			p.ID = "p" + p.ID
		}
		// Copies of some under other IDs, before and after theirs: ties.
		for _, p := range ps[:len(ps)/2] {
			c := *p.Claim
			c.ID = []string{"o", "q"}[r.IntN(2)] + p.ID[1:]
			ps = append(ps, ClaimView{Claim: &c, ClaimantName: p.ClaimantName})
		}
		// The parent's IDs out of their order in the slice, so that the
		// smallest ID is not simply the first index.
		r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		res := Recompute(topic, cs, nil, &Related{Parent: parent, ParentClaims: ps})
		ctx := NewContext(topic, nil, nil).WithParent(parent)
		listed := map[[2]string]Conflict{}
		for _, c := range res.Conflicts {
			if c.Kind == PartExceedsWhole {
				listed[[2]string{c.ClaimA, c.ClaimB}] = c
			}
		}
		for k, a := range cs {
			best, sev, n := "", 0.0, 0
			for _, p := range ps {
				rel := Relate(a, p, ctx)
				if rel.Kind != PartExceedsWhole || rel.Deprecated {
					continue
				}
				switch {
				case best == "" || rel.Severity > sev:
					best, sev, n = p.ID, rel.Severity, 1
				case rel.Severity == sev:
					n++
					best = min(best, p.ID)
				}
			}
			if best == "" {
				continue
			}
			checked++
			if n > 1 {
				ties++
			}
			if _, ok := listed[pairKey(a.ID, best)]; !ok {
				t.Fatalf("seed %d: claim %s: worst part above whole is %s (severity %g, %d of that severity), not listed among %v",
					seed, a.ID, best, sev, n, listed)
			}
			if got := res.Claims[k]; got.ConflictCount == 0 && got.WorstAgainst != best {
				t.Fatalf("seed %d: claim %s: worst against %s (%g), brute force %s (%g, %d of that severity)",
					seed, a.ID, got.WorstAgainst, got.WorstSeverity, best, sev, n)
			}
		}
	}
	if checked < 100 || ties < 20 {
		t.Fatalf("only %d claims with a part above whole, %d with ties: the test checks too little", checked, ties)
	}
	t.Logf("%d claims with a part above whole, %d with ties", checked, ties)
}
