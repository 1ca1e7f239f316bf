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
		{"r5-independent-2014", "r4-bogdanov-2014", xref.Contradicts, 12, []string{"Syria", "Bogdanov", "The Independent", "12×"}},
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
// it is for one period, not four years of rising figures (all time, five
// origins "agreed" on 1,800, mixing 2015 with 2017). The latest stocks,
// Putin's of 2017, come from one claimant and the flows of late 2017
// disagree, so it is the latest period where two origins agree: the
// autumn of 2015, where Smirnov's 2,400 (and its report as 2,500),
// Sutormina's about 2,500 and the CIA's up to 3,000 meet; in the
// thousands, not at Bogdanov's "a few dozen" (24-60) that the open-ended
// "up to 3,000" and "as many as 4,000" also reach. Those open-ended
// claims must not be grouped with Bogdanov's.
func TestDemoConsensus(t *testing.T) {
	t.Parallel()
	b, topics, byTopic := demoTopics(t)
	cs := byTopic["topic-russians-is"]
	res := xref.Recompute(topics["topic-russians-is"], cs, b.Links, nil)
	c := res.Topic.Consensus
	if c == nil || c.Low == nil || c.High == nil || *c.Low < 1000 || *c.High >= 10000 || c.Origins < 3 || c.ClaimCount < c.Origins {
		t.Fatalf("consensus = %+v, want a range in the thousands agreed by at least 3 independent origins", c)
	}
	if c.From != "2015-09" || c.To != "2015-12" || *c.Low != 2250 || *c.High != 2750 {
		t.Errorf("consensus %g-%g from %s to %s, want 2,250-2,750 from 2015-09 to 2015-12", *c.Low, *c.High, c.From, c.To)
	}
	s := res.Topic
	// The spread of the period's central values is under 2x, but the
	// spread never reads below the topic's worst conflict, and then it is
	// given for that pair's dates: Bogdanov's "a few dozen" of 29
	// September 2014 against Bortnikov's 1,700 of February 2015, not the
	// autumn of 2015, which it was once labelled with.
	worst := 1.0
	for _, c := range res.Conflicts {
		if c.Kind == xref.Conflicts || c.Kind == xref.Contradicts {
			worst = max(worst, c.Severity)
		}
	}
	if s.Spread != max(worst, s.Spread) || worst <= 2 && s.Spread > 2 || worst > 2 && s.Spread != worst || s.SpreadAllTime < 100 {
		t.Errorf("spread %g for %+v (worst conflict %g), all time %g: want the worst conflict's severity, or under 2x for the consensus's period without one, and over 100x all time", s.Spread, s.SpreadPeriod, worst, s.SpreadAllTime)
	}
	if want := (xref.Period{From: "2014-09-29", To: "2015-02"}); s.SpreadPeriod != want {
		t.Errorf("the spread of %g is given for %+v, want the worst conflict's dates %+v", s.Spread, s.SpreadPeriod, want)
	}
	if e := s.Envelope; e.Low == nil || *e.Low != 24 || e.High == nil || *e.High != 4999 || !e.OpenLow || !e.OpenHigh {
		t.Errorf("envelope = %+v, want 24 … 4,999 open on both sides", e)
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

// TestDemoExplanations relates every claim of the demo with every claim of
// every topic (with the parent topic set where there is one) and checks
// every explanation reads as a sentence naming each claimant once in a
// row; and so for the stored summaries, conflicts and sums of parts.
func TestDemoExplanations(t *testing.T) {
	t.Parallel()
	b, topics, byTopic := demoTopics(t)
	names := map[string]string{}
	for _, c := range b.Claimants {
		names[c.ID] = c.Name
	}
	check := func(what, text string, ids ...string) {
		var ns []string
		for _, id := range ids {
			ns = append(ns, names[id])
		}
		if msg := xref.CheckExplanation(text, ns...); msg != "" {
			t.Errorf("%s %s: %q", what, msg, text)
		}
	}
	kinds := map[xref.Kind]int{}
	for _, tp := range b.Topics {
		for _, other := range b.Topics {
			ctx := xref.NewContext(tp, nil, b.Links)
			if other.ID == tp.ParentID {
				ctx.WithParent(other)
			}
			ctx.UseOrigins(append(append([]xref.ClaimView{}, byTopic[tp.ID]...), byTopic[other.ID]...))
			for _, a := range byTopic[tp.ID] {
				for _, o := range byTopic[other.ID] {
					if a.ID == o.ID {
						continue
					}
					r := xref.Relate(a, o, ctx)
					kinds[r.Kind]++
					check(string(r.Kind)+" "+a.ID+" "+o.ID, r.Explanation, a.ClaimantID, o.ClaimantID)
				}
			}
		}
		rel := &xref.Related{}
		if tp.ParentID != "" {
			rel.Parent, rel.ParentClaims = topics[tp.ParentID], byTopic[tp.ParentID]
		}
		for _, o := range b.Topics {
			if o.ParentID == tp.ID {
				rel.ChildClaims = append(rel.ChildClaims, byTopic[o.ID]...)
			}
		}
		res := xref.Recompute(tp, byTopic[tp.ID], b.Links, rel)
		claimant := map[string]string{}
		for _, c := range b.Claims {
			claimant[c.ID] = c.ClaimantID
		}
		for _, s := range res.Claims {
			if s.WorstExplanation != "" {
				check("worst of "+s.ClaimID, s.WorstExplanation, claimant[s.ClaimID], claimant[s.WorstAgainst])
			}
		}
		for _, c := range res.Conflicts {
			check("conflict "+c.ClaimA+" "+c.ClaimB, c.Explanation, claimant[c.ClaimA], claimant[c.ClaimB])
		}
		for _, s := range res.SumOfParts {
			check("sum of parts "+s.TotalID, s.Explanation, claimant[s.TotalID])
		}
	}
	t.Logf("relations by kind: %v", kinds)
}

// TestDemoPartWhole checks the demo's parts against its wholes. Sutormina's
// 7,000 from the other former Soviet states (Syria, September 2015) is
// above Rudskoy's "up to 4,500" for the whole former USSR (2015): a part
// above its whole, listed among the notable conflicts of the narrower
// topic though its worst conflict is with Smirnov's about three thousand.
// Novikov's experts' "close to 5,000" Russians (4,500-4,999, June 2015)
// only touch Rudskoy's 4,500: not above it. Putin's Mir 24 parts, "a
// little half" (4,000-4,500, the analyst's reading of the demo) from
// Russia and five thousand from the rest of the CIS, add up to at least
// 9,000, within his "nearly 10,000" (9,000-9,999) and "nine thousand at
// least": no sum of parts above the whole.
func TestDemoPartWhole(t *testing.T) {
	t.Parallel()
	b, topics, byTopic := demoTopics(t)
	find := func(topic, id string) xref.ClaimView {
		for _, c := range byTopic[topic] {
			if c.ID == id {
				return c
			}
		}
		t.Fatalf("demo claim %s not found", id)
		return xref.ClaimView{}
	}
	exUSSR := topics["topic-ex-ussr"]
	other := topics["topic-ex-ussr-other"]
	res := xref.Recompute(other, byTopic[other.ID], b.Links, &xref.Related{Parent: exUSSR, ParentClaims: byTopic[exUSSR.ID]})
	listed := false
	for _, c := range res.Conflicts {
		if c.Kind == xref.PartExceedsWhole && c.ClaimA == "r13b-sutormina-2015-others" && c.ClaimB == "r25-rudskoy-2015" {
			listed = true
			if c.Severity != 1.56 {
				t.Errorf("Sutormina's 7,000 above Rudskoy's 4,500: severity %g, want 1.56 (7,000 / 4,500, rounded)", c.Severity)
			}
		}
	}
	if !listed {
		t.Errorf("Sutormina's 7,000 above Rudskoy's up to 4,500 is not among the notable conflicts: %+v", res.Conflicts)
	}

	ctx := xref.NewContext(topics["topic-russians-is"], nil, b.Links).WithParent(exUSSR)
	r := xref.Relate(find("topic-russians-is", "r10b-novikov-2015-experts"), find(exUSSR.ID, "r25-rudskoy-2015"), ctx)
	if r.Kind != xref.Consistent || !strings.Contains(r.Explanation, "only at 4,500") {
		t.Errorf("Novikov's close to 5,000 against Rudskoy's up to 4,500 = %s: %s; want consistent, only at 4,500", r.Kind, r.Explanation)
	}

	var children []xref.ClaimView
	for _, tp := range b.Topics {
		if tp.ParentID == exUSSR.ID {
			children = append(children, byTopic[tp.ID]...)
		}
	}
	res = xref.Recompute(exUSSR, byTopic[exUSSR.ID], b.Links, &xref.Related{Parent: topics[exUSSR.ParentID], ParentClaims: byTopic[exUSSR.ParentID], ChildClaims: children})
	if len(res.SumOfParts) != 0 {
		t.Errorf("sums of parts of the former USSR = %+v, want none: 4,000 + 5,000 is within nearly 10,000", res.SumOfParts)
	}
	for _, s := range res.Claims {
		if s.PartWholeCount != 0 {
			t.Errorf("%s: %d parts above whole against the foreign fighters, want none", s.ClaimID, s.PartWholeCount)
		}
	}
}
