package xref

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/google/go-cmp/cmp"
)

func ptr(v float64) *float64 { return &v }

func TestRecomputeGroupsAndRanges(t *testing.T) {
	t.Parallel()
	cs := []ClaimView{
		mk("a", "icsr", "10-20", 10, 20, on("2015-01")),
		mk("b", "soufan", "15-25", 15, 25, on("2015-01")),
		mk("c", "smirnov", "18-30", 18, 30, on("2015-01")),
		mk("d", "putin", "100-120", 100, 120, on("2015-01")),
		mk("e", "kadyrov", "", 0, 0, noNumber),
	}
	res := Recompute(russians, cs, nil, nil)
	wantGroups := []Group{
		{Measure: claims.Current, Claims: []string{"a", "b", "c"}, Range: Range{Low: ptr(18), High: ptr(20)}},
		{Measure: claims.Current, Claims: []string{"d"}, Range: Range{Low: ptr(100), High: ptr(120)}},
	}
	if diff := cmp.Diff(wantGroups, res.Topic.Groups); diff != "" {
		t.Errorf("Recompute groups mismatch (-want +got):\n%s", diff)
	}
	want := TopicSummary{
		TopicID: "t", ClaimCount: 5, ActiveCount: 4, ConflictCount: 4, ConflictPairs: 3,
		NotableConflicts: 3, OpenConflicts: 3,
		Envelope: Envelope{Range: Range{Low: ptr(10), High: ptr(120)}},
		Consensus: &Consensus{Range: Range{Low: ptr(18), High: ptr(20)}, Measure: claims.Current, ClaimCount: 3, Origins: 3,
			Period: Period{From: "2015-01", To: "2015-01"}},
		Spread: 7.33, SpreadPeriod: Period{From: "2015-01", To: "2015-01"}, SpreadAllTime: 7.33, // 110 / 15, rounded
		IndependentOrigins: 4, Groups: wantGroups, WindowDays: 180, UnknownPlaces: []string{},
	}
	if diff := cmp.Diff(want, res.Topic); diff != "" {
		t.Errorf("Recompute topic summary mismatch (-want +got):\n%s", diff)
	}
	gotGroup := []int{}
	for _, s := range res.Claims {
		gotGroup = append(gotGroup, s.Group)
	}
	if diff := cmp.Diff([]int{0, 0, 0, 1, -1}, gotGroup); diff != "" {
		t.Errorf("Recompute claim groups mismatch (-want +got):\n%s", diff)
	}
	if d := res.Claims[3]; d.ConflictCount != 3 || d.WorstAgainst != "a" || d.WorstSeverity != 5 {
		t.Errorf("Recompute: d = %+v, want 3 conflicts, the worst against a at 5x", d)
	}
}

func TestRecomputeOrigins(t *testing.T) {
	t.Parallel()
	cs := []ClaimView{
		mk("a", "bogdanov", "a few dozen", 24, 60, on("2014-09-29")),
		mk("b", "bogdanov", "several dozen", 24, 90, on("2014-09-30")),     // relayed by the BBC: linked below
		mk("c", "smirnov", "2,400", 2400, 2400, occasion("SCO, Tashkent")), // two reports of one statement
		mk("d", "smirnov", "2,500", 2500, 2500, occasion("SCO, Tashkent")),
		mk("e", "bortnikov", "2,900", 2900, 2900, on("2015-12-15"), source("rg")), // same source and day
		mk("f", "bortnikov", "2,900", 2900, 2900, on("2015-12-15"), source("rg")),
		mk("g", "soufan", "2,400", 2400, 2400, on("2015-12-07")),
	}
	links := []*claims.Link{link("b", "a", claims.LinkDerivedFrom)}
	res := Recompute(russians, cs, links, nil)
	if res.Topic.IndependentOrigins != 4 {
		t.Errorf("independent origins = %d, want 4 (a+b, c+d, e+f, g)", res.Topic.IndependentOrigins)
	}
	got := map[string]string{}
	for _, s := range res.Claims {
		got[s.ClaimID] = s.IndependentOrigin
	}
	want := map[string]string{"a": "a", "b": "a", "c": "c", "d": "c", "e": "e", "f": "e", "g": "g"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("origins mismatch (-want +got):\n%s", diff)
	}
	// Reports of one statement never conflict with each other.
	ctx := NewContext(russians, nil, links)
	ctx.UseOrigins(cs)
	for _, p := range [][2]int{{0, 1}, {2, 3}, {4, 5}} {
		if r := Relate(cs[p[0]], cs[p[1]], ctx); r.Conflict() {
			t.Errorf("Relate(%s, %s) = %s, want no conflict between reports of one origin", cs[p[0]].ID, cs[p[1]].ID, r.Kind)
		}
	}
	if r := Relate(cs[2], cs[3], ctx); r.Kind != Drift {
		t.Errorf("Relate(2,400, 2,500 of one statement) = %s, want drift", r.Kind)
	}
}

func TestRecomputeSeries(t *testing.T) {
	t.Parallel()
	cs := []ClaimView{
		mk("fsb3", "bortnikov", "more than 2,900", 2900, 3000, in("Syria", "Iraq"), on("2015-12")),
		mk("fsb1", "bortnikov", "around 1,700", 1530, 1870, in("Iraq", "Syria"), on("2015-02")),
		mk("fsb2", "bortnikov", "2,400", 2400, 2400, in("Syria and Iraq"), on("2015-09")),
		mk("other", "bortnikov", "200", 200, 200, in("Syria"), on("2013-06")),
		mk("went1", "official", "2,719 went", 2719, 2719, flow, on("2015-11-20")),
		mk("went2", "official", "about 2,000 went", 1900, 2100, flow, on("2016-06")),
	}
	res := Recompute(russians, cs, nil, nil)
	want := []Series{
		{
			ClaimantID: "bortnikov", ClaimantName: "Bortnikov", Places: []string{"Iraq", "Syria"}, Measure: claims.Current,
			Entries: []SeriesEntry{
				{ClaimID: "fsb1", RefDate: "2015-02", QuantityText: "around 1,700", Range: Range{ptr(1530), ptr(1870)}, SupersededBy: "fsb2"},
				{ClaimID: "fsb2", RefDate: "2015-09", QuantityText: "2,400", Range: Range{ptr(2400), ptr(2400)}, SupersededBy: "fsb3"},
				{ClaimID: "fsb3", RefDate: "2015-12", QuantityText: "more than 2,900", Range: Range{ptr(2900), ptr(3000)}},
			},
		},
		{
			ClaimantID: "official", ClaimantName: "an unnamed official", Places: []string{"Syria", "Iraq"}, Measure: claims.Cumulative, FlowFell: true,
			Entries: []SeriesEntry{
				{ClaimID: "went1", RefDate: "2015-11-20", QuantityText: "2,719 went", Range: Range{ptr(2719), ptr(2719)}, SupersededBy: "went2"},
				{ClaimID: "went2", RefDate: "2016-06", QuantityText: "about 2,000 went", Range: Range{ptr(1900), ptr(2100)}, FlowFell: true},
			},
		},
	}
	if diff := cmp.Diff(want, res.Series); diff != "" {
		t.Errorf("series mismatch (-want +got):\n%s", diff)
	}
	if s := res.Claims[1]; s.SupersededBy != "fsb2" || s.ConflictCount != 0 {
		t.Errorf("fsb1 summary = %+v, want superseded by fsb2 and no conflict", s)
	}
	if res.Topic.FlowFalls != 1 || !res.Claims[5].FlowFell {
		t.Errorf("flow falls = %d, went2 flagged %v, want 1 and true", res.Topic.FlowFalls, res.Claims[5].FlowFell)
	}
	r := Relate(cs[5], cs[4], NewContext(russians, nil, nil))
	if r.Kind != Drift && r.Kind != SupersededBy && r.Kind != Supersedes {
		t.Errorf("Relate(went2, went1) = %s, want a revision of one claimant", r.Kind)
	}
}

func TestRecomputeManualLinks(t *testing.T) {
	t.Parallel()
	a := mk("a", "soufan", "3,417", 3417, 3417, on("2017-10-24"))
	b := mk("b", "putin", "about 4,000", 3000, 5000, on("2017-10-01"))
	c := mk("c", "bogdanov", "a few dozen", 24, 60, on("2017-10-01"))
	peskov := mk("p", "putin", "", 0, 0, noNumber, on("2017-10-26"))
	tests := []struct {
		name      string
		links     []*claims.Link
		wantCount map[string]int
		wantPairs int
	}{
		{"no links", nil, map[string]int{"a": 1, "b": 1, "c": 2, "p": 0}, 2},
		{"unrelated suppresses a-c", []*claims.Link{link("a", "c", claims.LinkUnrelated)}, map[string]int{"a": 0, "b": 1, "c": 1, "p": 0}, 1},
		{"contradicts forces a-b", []*claims.Link{link("a", "b", claims.LinkContradicts)}, map[string]int{"a": 2, "b": 2, "c": 2, "p": 0}, 3},
		{"a rebuttal without a number", []*claims.Link{link("p", "a", claims.LinkContradicts)}, map[string]int{"a": 2, "b": 1, "c": 2, "p": 1}, 3},
	}
	for _, tt := range tests {
		res := Recompute(russians, []ClaimView{a, b, c, peskov}, tt.links, nil)
		got := map[string]int{}
		for _, s := range res.Claims {
			got[s.ClaimID] = s.ConflictCount
		}
		if diff := cmp.Diff(tt.wantCount, got); diff != "" {
			t.Errorf("Recompute(%s) conflict counts mismatch (-want +got):\n%s", tt.name, diff)
		}
		if int(res.Topic.ConflictPairs) != tt.wantPairs {
			t.Errorf("Recompute(%s) conflict pairs = %d, want %d", tt.name, res.Topic.ConflictPairs, tt.wantPairs)
		}
	}
	// A manual contradicts link is listed among the notable conflicts even
	// when it is nobody's worst.
	res := Recompute(russians, []ClaimView{a, b, c, peskov}, []*claims.Link{link("p", "a", claims.LinkContradicts)}, nil)
	found := false
	for _, cf := range res.Conflicts {
		if cf.ClaimA == "a" && cf.ClaimB == "p" && cf.Manual {
			found = true
		}
	}
	if !found {
		t.Errorf("Recompute conflicts = %+v, want the manual pair a-p", res.Conflicts)
	}
}

func TestRecomputeReviews(t *testing.T) {
	t.Parallel()
	cs := []ClaimView{bogdanov, independent, mk("x", "icsr", "about 1,500", 1350, 1650, in("Syria", "Iraq"), on("2014-10"))}
	reviews := []*claims.Review{{ClaimA: "r4", ClaimB: "x", Status: claims.ReviewDismissed, Resolution: "different groups"}}
	res := Recompute(russians, cs, nil, &Related{Reviews: reviews})
	if res.Topic.NotableConflicts != 2 || res.Topic.OpenConflicts != 1 {
		t.Errorf("notable, open = %d, %d, want 2, 1", res.Topic.NotableConflicts, res.Topic.OpenConflicts)
	}
	got := FilterConflicts(res.Conflicts, ConflictFilter{Status: claims.ReviewDismissed})
	if len(got) != 1 || got[0].ClaimB != "x" || got[0].Resolution != "different groups" {
		t.Errorf("FilterConflicts(dismissed) = %+v, want r4-x", got)
	}
	if got := FilterConflicts(res.Conflicts, ConflictFilter{MinSeverity: 20}); len(got) != 1 || got[0].ClaimB != "x" {
		t.Errorf("FilterConflicts(severity >= 20) = %+v, want only r4-x (22.5x)", got)
	}
	if got := FilterConflicts(res.Conflicts, ConflictFilter{TopicID: "other"}); len(got) != 0 {
		t.Errorf("FilterConflicts(other topic) = %+v, want none", got)
	}
}

func TestRecomputeUnknownPlaces(t *testing.T) {
	t.Parallel()
	cs := []ClaimView{
		mk("a", "icsr", "300", 300, 300, in("Dabiq"), on("2015-01")),
		mk("b", "soufan", "3,000", 3000, 3000, in("Syria"), on("2015-01")),
	}
	res := Recompute(russians, cs, nil, nil)
	if diff := cmp.Diff([]string{"Dabiq"}, res.Topic.UnknownPlaces); diff != "" {
		t.Errorf("unknown places mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Dabiq"}, res.Claims[0].UnknownPlaces); diff != "" {
		t.Errorf("claim unknown places mismatch (-want +got):\n%s", diff)
	}
	if res.Claims[0].ConflictCount != 0 {
		t.Errorf("an unknown place conflicts: %+v", res.Claims[0])
	}
}

func TestRelations(t *testing.T) {
	t.Parallel()
	target := mk("t", "bogdanov", "a few dozen", 24, 60, in("Syria", "Iraq"), on("2014-09-29"))
	cs := []ClaimView{
		mk("a", "icsr", "about 300", 270, 330, in("Syria", "Iraq"), on("2014-09")),
		mk("b", "soufan", "about 800", 720, 880, in("Syria"), on("2014-09")),
		mk("c", "smirnov", "about 42", 38, 46, in("Syria", "Iraq"), on("2014-09")),
		mk("d", "putin", "2,000", 2000, 2000, in("Iraq", "Turkey"), on("2014-09")),
		target,
	}
	ctx := NewContext(russians, nil, nil)
	var got []string
	q := RelationQuery{Limit: 2}
	for {
		page := Relations(target, cs, ctx, q)
		if page.Total != 4 {
			t.Fatalf("Relations total = %d, want 4 (the target itself skipped)", page.Total)
		}
		for _, r := range page.Items {
			got = append(got, r.OtherID+":"+string(r.Kind))
		}
		if page.NextOffset == 0 {
			break
		}
		q.Offset = page.NextOffset
	}
	want := []string{"b:contradicts", "a:conflicts", "c:corroborates", "d:scope_differs"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Relations order mismatch (-want +got):\n%s", diff)
	}
	only := Relations(target, cs, ctx, RelationQuery{Kinds: []Kind{Conflicts}})
	if only.Total != 1 || only.Items[0].OtherID != "a" {
		t.Errorf("Relations(kinds=conflicts) = %+v, want only a", only)
	}
	rs := only.Items
	AttachReviews(rs, []*claims.Review{{ClaimA: "a", ClaimB: "t", Status: claims.ReviewReviewed}})
	if rs[0].Status != claims.ReviewReviewed {
		t.Errorf("AttachReviews: status = %q, want reviewed", rs[0].Status)
	}
}
