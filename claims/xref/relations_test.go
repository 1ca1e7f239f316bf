package xref_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// relationsByPairs is the straightforward computation Relations must
// match: relate the target to every candidate, keep the kinds asked for,
// sort the relations themselves and slice the page out.
func relationsByPairs(target xref.ClaimView, cands []xref.ClaimView, ctx *xref.Context, q xref.RelationQuery) xref.RelationPage {
	ctx.UseOrigins(append([]xref.ClaimView{target}, cands...))
	var rs []xref.Relation
	for _, c := range cands {
		if c.ID == target.ID {
			continue
		}
		r := xref.Relate(target, c, ctx)
		if len(q.Kinds) == 0 || slices.Contains(q.Kinds, r.Kind) {
			rs = append(rs, r)
		}
	}
	rank := func(r xref.Relation) int {
		if r.Conflict() {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(rs, func(a, b xref.Relation) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(b.Severity, a.Severity), strings.Compare(a.OtherID, b.OtherID))
	})
	limit := q.Limit
	if limit <= 0 {
		limit = claims.DefaultLimit
	}
	page := xref.RelationPage{Total: len(rs), Items: []xref.Relation{}}
	if q.Offset < len(rs) {
		end := min(len(rs), q.Offset+limit)
		page.Items = rs[q.Offset:end]
		if end < len(rs) {
			page.NextOffset = end
		}
	}
	return page
}

// checkRelations compares Relations with relationsByPairs for target on
// a few pages and kind filters.
func checkRelations(t *testing.T, topic *claims.Topic, target xref.ClaimView, cands []xref.ClaimView, links []*claims.Link, parent *claims.Topic) {
	t.Helper()
	queries := []xref.RelationQuery{
		{Limit: 5}, {Offset: 5, Limit: 7}, {Limit: claims.MaxLimit}, {},
		{Kinds: []xref.Kind{xref.Conflicts}, Limit: 3}, {Kinds: []xref.Kind{xref.Consistent, xref.ScopeDiffers}, Offset: 2, Limit: 4},
		{Offset: len(cands) + 1, Limit: 10},
	}
	for _, q := range queries {
		want := relationsByPairs(target, cands, xref.NewContext(topic, nil, links).WithParent(parent), q)
		got := xref.Relations(target, cands, xref.NewContext(topic, nil, links).WithParent(parent), q)
		if got.Total != want.Total || got.NextOffset != want.NextOffset || !slices.Equal(got.Items, want.Items) {
			t.Fatalf("relations of %s, query %+v: got total %d next %d items %v, want total %d next %d items %v",
				target.ID, q, got.Total, got.NextOffset, ids(got.Items), want.Total, want.NextOffset, ids(want.Items))
		}
	}
}

func ids(rs []xref.Relation) []string {
	out := make([]string, len(rs))
	for k, r := range rs {
		out[k] = r.OtherID + ":" + string(r.Kind)
	}
	return out
}

// TestRelationsMatchPairs checks Relations' pages against relating every
// pair and sorting the relations, on random topics and on every claim of
// the demo dataset (with its parent topics' claims).
func TestRelationsMatchPairs(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(14, 14))
	for i := range 20 {
		topic, cs, links := xref.RandomTopic(r, 2+r.IntN(300), i%2 == 0)
		for _, k := range []int{0, len(cs) / 2, len(cs) - 1} {
			checkRelations(t, topic, cs[k], cs, links, nil)
		}
		// Chains of origin links, some through a claim outside the topic,
		// so that claims share an origin only by way of others.
		chained := slices.Clip(links)
		for k := range 1 + len(cs)/4 {
			from, to := cs[r.IntN(len(cs))].ID, cs[r.IntN(len(cs))].ID
			kind := []claims.LinkKind{claims.LinkDerivedFrom, claims.LinkSameStatement}[k%2]
			if k%3 == 0 {
				chained = append(chained, &claims.Link{Meta: claims.Meta{ID: fmt.Sprintf("x%d", k)}, FromID: from, ToID: "elsewhere", Kind: kind})
				from = "elsewhere"
			}
			chained = append(chained, &claims.Link{Meta: claims.Meta{ID: fmt.Sprintf("o%d", k)}, FromID: from, ToID: to, Kind: kind})
		}
		for _, k := range []int{0, 1, len(cs) / 3, len(cs) - 1} {
			checkRelations(t, topic, cs[k], cs, chained, nil)
		}
	}
	b, topics, byTopic := demoTopics(t)
	for id, cs := range byTopic {
		topic := topics[id]
		cands, parent := cs, (*claims.Topic)(nil)
		if topic.ParentID != "" {
			parent = topics[topic.ParentID]
			cands = append(slices.Clip(cs), byTopic[topic.ParentID]...)
		}
		for _, c := range cs {
			checkRelations(t, topic, c, cands, b.Links, parent)
		}
	}
}

// BenchmarkRelationsLarge lists one claim's relations, the first page, in
// random topics as large as the largest of a million claims (about
// 67,000, issue 14), by Relations and by relationsByPairs, the baseline
// for the ratio. The context is made per iteration, as the API makes it
// per request.
func BenchmarkRelationsLarge(b *testing.B) {
	// The built-in gazetteer's tables load on the first place resolved.
	topic, cs, _ := xref.RandomTopic(rand.New(rand.NewPCG(1, 1)), 50, false)
	xref.Relations(cs[0], cs, xref.NewContext(topic, nil, nil), xref.RelationQuery{})
	for _, n := range []int{10000, 30000, 60000} {
		topic, cs, links := xref.RandomTopic(rand.New(rand.NewPCG(uint64(n), 1)), n, true)
		for _, impl := range []struct {
			name string
			f    func(xref.ClaimView, []xref.ClaimView, *xref.Context, xref.RelationQuery) xref.RelationPage
		}{{"pairs", relationsByPairs}, {"relations", xref.Relations}} {
			b.Run(fmt.Sprintf("%d/%s", n, impl.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					impl.f(cs[0], cs[1:], xref.NewContext(topic, nil, links), xref.RelationQuery{Limit: 50})
				}
			})
		}
	}
}
