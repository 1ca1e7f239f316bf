package xref

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// TestFactsSameFromLean: what the rules read of a claim (its fact) is the
// same made from the whole claim as from its lean form, which the stored
// recompute and the prepared topics read. Every recompute goes through the
// lean form, so comparing two recomputes cannot show a field Lean drops; a
// rule that starts reading one (the quote, the notes, a relay) makes a
// fact that differs here.
func TestFactsSameFromLean(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for i := range 200 {
		topic, cs, links := randomTopic(r, 2+r.IntN(30), i%2 == 0)
		for k, v := range cs {
			v.Quote, v.Notes, v.OriginalText, v.Tags = "quoted words", "a note", "исходные слова", []string{"tag"}
			v.Provenance.URL = "https://example.org/a"
			v.Provenance.Relays = []claims.Relay{{SourceID: "relay"}}
			if k%2 == 0 {
				v.ClaimantName = "Someone " + v.ClaimantID
			}
		}
		ctx := NewContext(topic, nil, links)
		want := make(map[string]fact, len(cs))
		for _, v := range cs {
			want[v.ID] = ctx.factIn(v, topic)
		}
		n := 0
		for _, v := range LeanOf(cs).All() {
			n++
			if got := ctx.factIn(v, topic); !reflect.DeepEqual(got, want[v.ID]) {
				t.Fatalf("topic %d, claim %s: the fact from the lean form\n%+v\ndiffers from the whole claim's\n%+v", i, v.ID, got, want[v.ID])
			}
		}
		if n != len(cs) {
			t.Fatalf("topic %d: the lean form yields %d claims of %d", i, n, len(cs))
		}
	}
}
