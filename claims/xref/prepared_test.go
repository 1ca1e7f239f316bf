package xref_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// checkPrepared compares Prepared.Relations with relationsByPairs (every
// pair related and sorted, sharing none of the classes, windows and
// merge of the code under test) for target on a few pages and kind
// filters.
func checkPrepared(t *testing.T, p *xref.Prepared, topic, parent *claims.Topic, target xref.ClaimView, cands []xref.ClaimView, links []*claims.Link) {
	t.Helper()
	queries := []xref.RelationQuery{
		{Limit: 5}, {Offset: 5, Limit: 7}, {Limit: claims.MaxLimit}, {}, {Offset: 40, Limit: 100},
		{Kinds: []xref.Kind{xref.Conflicts}, Limit: 3}, {Kinds: []xref.Kind{xref.Consistent, xref.ScopeDiffers}, Offset: 2, Limit: 4},
		{Kinds: []xref.Kind{xref.ChangeOverTime}, Offset: 1, Limit: 9}, {Kinds: []xref.Kind{xref.NotComparable, xref.PartExceedsWhole}, Limit: 20},
		{Offset: len(cands) + 1, Limit: 10},
	}
	for _, q := range queries {
		want := relationsByPairs(target, cands, xref.NewContext(topic, nil, links).WithParent(parent), q)
		got, ok := p.Relations(target.ID, links, q)
		if !ok {
			t.Fatalf("relations of %s: the prepared topic does not hold it", target.ID)
		}
		if got.Total != want.Total || got.NextOffset != want.NextOffset || !slices.Equal(got.Items, want.Items) {
			t.Fatalf("relations of %s, query %+v: got total %d next %d items %v, want total %d next %d items %v",
				target.ID, q, got.Total, got.NextOffset, ids(got.Items), want.Total, want.NextOffset, ids(want.Items))
		}
	}
}

// TestPreparedRelationsMatchPairs checks the relations of a prepared
// topic against relating every pair, on random topics with and without a
// parent topic and links, and on every claim of the demo dataset.
func TestPreparedRelationsMatchPairs(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 15))
	for i := range 24 {
		topic, cs, links := xref.RandomTopic(r, 2+r.IntN(400), i%2 == 0)
		var parent *claims.Topic
		var parentClaims []xref.ClaimView
		if i%3 != 0 {
			pt, pcs, _ := xref.RandomTopic(r, 1+r.IntN(300), false)
			parent = &claims.Topic{Meta: claims.Meta{ID: "parent"}, Unit: pt.Unit, Places: pt.Places, Additive: pt.Additive, WindowDays: pt.WindowDays}
			topic.ParentID = parent.ID
			for _, v := range pcs {
				c := *v.Claim
				c.ID, c.TopicID = "q"+c.ID, parent.ID
				if r.IntN(10) == 0 {
					c.Unit = ""
				}
				parentClaims = append(parentClaims, xref.ClaimView{Claim: &c, ClaimantName: v.ClaimantName})
			}
			// A link between a claim and a claim of the parent.
			links = append(slices.Clip(links), &claims.Link{Meta: claims.Meta{ID: "up"}, FromID: cs[0].ID, ToID: parentClaims[0].ID, Kind: claims.LinkContradicts})
		}
		if i%4 == 1 {
			// Origin links chained through a claim outside the topic.
			for k := range 1 + len(cs)/5 {
				from, to := cs[r.IntN(len(cs))].ID, cs[r.IntN(len(cs))].ID
				kind := []claims.LinkKind{claims.LinkDerivedFrom, claims.LinkSameStatement}[k%2]
				if k%3 == 0 {
					links = append(links, &claims.Link{Meta: claims.Meta{ID: fmt.Sprintf("x%d", k)}, FromID: from, ToID: "elsewhere", Kind: kind})
					from = "elsewhere"
				}
				links = append(links, &claims.Link{Meta: claims.Meta{ID: fmt.Sprintf("o%d", k)}, FromID: from, ToID: to, Kind: kind})
			}
		}
		p := xref.Prepare(topic, parent, nil, cs, parentClaims)
		cands := append(slices.Clip(cs), parentClaims...)
		for _, k := range []int{0, 1, len(cs) / 3, len(cs) / 2, len(cs) - 1} {
			checkPrepared(t, p, topic, parent, cs[k%len(cs)], cands, links)
		}
		if _, ok := p.Relations("no such claim", links, xref.RelationQuery{}); ok {
			t.Fatal("relations of a claim the topic does not hold")
		}
		if parent != nil {
			if _, ok := p.Relations(parentClaims[0].ID, links, xref.RelationQuery{}); ok {
				t.Fatal("relations of a claim of the parent topic, from the child's preparation")
			}
		}
	}
	b, topics, byTopic := demoTopics(t)
	for id, cs := range byTopic {
		topic := topics[id]
		cands, parent := cs, (*claims.Topic)(nil)
		var parentClaims []xref.ClaimView
		if topic.ParentID != "" {
			parent = topics[topic.ParentID]
			parentClaims = byTopic[topic.ParentID]
			cands = append(slices.Clip(cs), parentClaims...)
		}
		p := xref.Prepare(topic, parent, nil, cs, parentClaims)
		for _, c := range cs {
			checkPrepared(t, p, topic, parent, c, cands, b.Links)
		}
	}
}

// BenchmarkPreparedRelations lists one claim's relations, the first page,
// in a random topic as large as the largest of a million claims (issue
// 14), by Relations on the claims and by Relations on the topic prepared
// once, as the store's cache keeps it.
func BenchmarkPreparedRelations(b *testing.B) {
	topic, cs, links := xref.RandomTopic(rand.New(rand.NewPCG(60000, 1)), 60000, true)
	p := xref.Prepare(topic, nil, nil, cs, nil)
	b.Run("relations", func(b *testing.B) {
		for b.Loop() {
			xref.Relations(cs[len(cs)/2], cs, xref.NewContext(topic, nil, links), xref.RelationQuery{Limit: 50})
		}
	})
	b.Run("prepared", func(b *testing.B) {
		for b.Loop() {
			p.Relations(cs[len(cs)/2].ID, links, xref.RelationQuery{Limit: 50})
		}
	})
}

// TestPreparedConcurrent relates claims of one prepared topic from several
// goroutines at once, as requests do, and gets what one at a time gets.
func TestPreparedConcurrent(t *testing.T) {
	t.Parallel()
	topic, cs, links := xref.RandomTopic(rand.New(rand.NewPCG(7, 7)), 300, true)
	p := xref.Prepare(topic, nil, nil, cs, nil)
	q := xref.RelationQuery{Limit: 20}
	want := make([]xref.RelationPage, len(cs))
	for k, c := range cs {
		want[k], _ = p.Relations(c.ID, links, q)
	}
	errs := make(chan string, 4)
	for g := range 4 {
		go func() {
			for k := g; k < len(cs); k += 4 {
				if got, _ := p.Relations(cs[k].ID, links, q); got.Total != want[k].Total || !slices.Equal(got.Items, want[k].Items) {
					errs <- cs[k].ID
					return
				}
			}
			errs <- ""
		}()
	}
	for range 4 {
		if id := <-errs; id != "" {
			t.Errorf("relations of %s differ when computed concurrently", id)
		}
	}
}
