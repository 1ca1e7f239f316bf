package xref_test

import (
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// demoTopics prepares the embedded demo dataset as the store would and
// groups its claims by topic.
func demoTopics(t *testing.T) (*claims.Bundle, map[string]*claims.Topic, map[string][]xref.ClaimView) {
	t.Helper()
	b, err := demo.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, c := range b.Claimants {
		names[c.ID] = c.Name
	}
	topics := map[string]*claims.Topic{}
	for _, tp := range b.Topics {
		topics[tp.ID] = tp
	}
	byTopic := map[string][]xref.ClaimView{}
	for _, c := range b.Claims {
		if err := c.Prepare(nil); err != nil {
			t.Fatalf("prepare %s: %v", c.ID, err)
		}
		byTopic[c.TopicID] = append(byTopic[c.TopicID], xref.ClaimView{Claim: c, ClaimantName: names[c.ClaimantID]})
	}
	return b, topics, byTopic
}

// TestDemoDataset runs every topic of the demo dataset through Recompute
// and checks it against relating every pair, then checks the dataset's
// showcase pairs.
func TestDemoDataset(t *testing.T) {
	t.Parallel()
	b, topics, byTopic := demoTopics(t)
	for id, cs := range byTopic {
		topic := topics[id]
		rel := &xref.Related{}
		if topic.ParentID != "" {
			rel.Parent, rel.ParentClaims = topics[topic.ParentID], byTopic[topic.ParentID]
		}
		res := xref.Recompute(topic, cs, b.Links, rel)
		ctx := xref.NewContext(topic, nil, b.Links).WithParent(rel.Parent)
		ctx.UseOrigins(cs)
		for k, a := range cs {
			count := 0
			for _, o := range cs {
				if o.ID != a.ID && xref.Relate(a, o, ctx).Conflict() {
					count++
				}
			}
			if got := res.Claims[k].ConflictCount; got != count {
				t.Errorf("%s: %s has %d conflicts, relating each pair gives %d", id, a.ID, got, count)
			}
		}
	}

	russians := topics["topic-russians-is"]
	ctx := xref.NewContext(russians, nil, b.Links)
	ctx.UseOrigins(byTopic["topic-russians-is"])
	find := func(id string) xref.ClaimView {
		for _, c := range byTopic["topic-russians-is"] {
			if c.ID == id {
				return c
			}
		}
		t.Fatalf("demo claim %s not found", id)
		return xref.ClaimView{}
	}
	tests := []struct {
		a, b         string
		wantKind     xref.Kind
		wantSeverity float64
		wantWords    []string
	}{
		{"r5-independent-2014", "r4-bogdanov-2014", xref.Contradicts, 12, []string{"Syria", "Bogdanov", "The Independent", "12x"}},
		{"r12-smirnov-2015-09", "r12b-smirnov-2015-09-perviy-kanal", xref.Drift, 1, []string{"2,400", "2,500", "numbers"}},
		{"r20b-putin-2017-02-mt", "r20c-putin-2017-02-elvisti", xref.Drift, 1, []string{"hedges"}},
		{"r7b-bortnikov-2015-02-retold", "r7-bortnikov-2015-02", xref.Drift, 1, []string{"places"}},
		{"r12-smirnov-2015-09", "r8-smirnov-2015-04", xref.Supersedes, 1, nil},
	}
	for _, tt := range tests {
		r := xref.Relate(find(tt.a), find(tt.b), ctx)
		if r.Kind != tt.wantKind || r.Severity != tt.wantSeverity {
			t.Errorf("Relate(%s, %s) = %s %g, want %s %g\n%s", tt.a, tt.b, r.Kind, r.Severity, tt.wantKind, tt.wantSeverity, r.Explanation)
		}
		for _, w := range tt.wantWords {
			if !strings.Contains(r.Explanation, w) {
				t.Errorf("Relate(%s, %s).Explanation = %q, want it to mention %q", tt.a, tt.b, r.Explanation, w)
			}
		}
	}
}

// TestDemoConsensus checks the consensus of the Russians-with-IS topic:
// most of its independent figures lie between 1,500 and 4,500, so the
// consensus must be in the thousands, not at Bogdanov's "a few dozen"
// (24-60) that the open-ended "up to 3,000" and "as many as 4,000" also
// reach; and those open-ended claims must not be grouped with Bogdanov's.
func TestDemoConsensus(t *testing.T) {
	t.Parallel()
	b, topics, byTopic := demoTopics(t)
	cs := byTopic["topic-russians-is"]
	res := xref.Recompute(topics["topic-russians-is"], cs, b.Links, nil)
	c := res.Topic.Consensus
	if c == nil || c.Low == nil || c.High == nil || *c.Low < 1000 || *c.High >= 10000 || c.Origins < 3 || c.ClaimCount < c.Origins {
		t.Fatalf("consensus = %+v, want a range in the thousands agreed by at least 3 independent origins", c)
	}
	t.Logf("consensus %g-%g %s: %d claims, %d origins", *c.Low, *c.High, c.Measure, c.ClaimCount, c.Origins)
	group := map[string]int{}
	for k, s := range res.Claims {
		group[cs[k].ID] = s.Group
	}
	bogdanov := group["r4-bogdanov-2014"]
	for _, id := range []string{"r17-cia-2015-12", "r20-putin-2017-02", "r20b-putin-2017-02-mt"} {
		if group[id] == bogdanov {
			t.Errorf("%s is grouped with Bogdanov's a few dozen: %+v", id, res.Topic.Groups[bogdanov])
		}
	}
	for gi, g := range res.Topic.Groups {
		for _, id := range g.Claims {
			if group[id] != gi {
				t.Errorf("%s is listed in group %d but its summary says %d", id, gi, group[id])
			}
		}
	}
}
