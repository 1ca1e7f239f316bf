package xref_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// slimmed returns slim copies of views, with their claimants' names.
func slimmed(views []xref.ClaimView) []xref.ClaimView {
	out := make([]xref.ClaimView, len(views))
	for i, v := range views {
		out[i] = xref.ClaimView{Claim: xref.Slim(v.Claim), ClaimantName: v.ClaimantName}
	}
	return out
}

// TestSlimKeepsWhatTheEngineReads recomputes the demo's topics and random
// topics from full claims and from slim copies: the results must be the
// same, field for field, so a rule that reads a field Slim drops fails
// here.
func TestSlimKeepsWhatTheEngineReads(t *testing.T) {
	b, topics, byTopic := demoTopics(t)
	quoted := 0
	for _, c := range b.Claims {
		if c.Quote != "" && c.Provenance.URL != "" {
			quoted++
		}
	}
	if quoted < len(b.Claims)/2 {
		t.Fatalf("only %d of %d demo claims have a quote and a URL: the test would not see them dropped", quoted, len(b.Claims))
	}
	for id, cs := range byTopic {
		topic := topics[id]
		full, slim := &xref.Related{}, &xref.Related{}
		if p := topic.ParentID; p != "" {
			full.Parent, full.ParentClaims = topics[p], byTopic[p]
			slim.Parent, slim.ParentClaims = topics[p], slimmed(byTopic[p])
		}
		want := xref.Recompute(topic, cs, b.Links, full)
		got := xref.Recompute(topic, slimmed(cs), b.Links, slim)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("topic %s: recompute from slim claims differs from full claims", id)
		}
	}
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 200 {
		topic, cs, links := xref.RandomTopic(r, 2+r.IntN(30), i%2 == 0)
		for _, v := range cs {
			v.Quote, v.Notes, v.Tags = "quoted words", "a note", []string{"tag"}
			v.Provenance.URL = "https://example.org/a"
		}
		want := xref.Recompute(topic, cs, links, nil)
		got := xref.Recompute(topic, slimmed(cs), links, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("random topic %d: recompute from slim claims differs from full claims", i)
		}
	}
}

// TestSlimDropsText checks that Slim leaves out the text the engine does
// not read, which is what makes a cache of slim claims small.
func TestSlimDropsText(t *testing.T) {
	c := &claims.Claim{Quote: "q", OriginalText: "o", Notes: "n", Tags: []string{"t"},
		Provenance: claims.Provenance{SourceID: "s", URL: "u", Relays: []claims.Relay{{SourceID: "r"}}}}
	s := xref.Slim(c)
	if s.Quote != "" || s.OriginalText != "" || s.Notes != "" || s.Tags != nil || s.Provenance.URL != "" || s.Provenance.Relays != nil {
		t.Errorf("Slim kept text the engine does not read: %+v", s)
	}
	if s.Provenance.SourceID != "s" {
		t.Errorf("Slim dropped the origin's source, which origins read")
	}
}

// TestPreparedKeepsWhatSlimKeeps checks that a prepared topic's claims,
// kept lean (lean.go lists their fields again), are what Slim gives, but
// for the times of Meta, which the engine does not read: a field Slim
// gains for a rule is kept by Prepared too, or this fails.
func TestPreparedKeepsWhatSlimKeeps(t *testing.T) {
	t.Parallel()
	check := func(topic *claims.Topic, cs []xref.ClaimView) {
		t.Helper()
		got := xref.Prepare(topic, nil, nil, cs, nil).Claims()
		for k, v := range cs {
			want := xref.Slim(v.Claim)
			want.CreatedAt, want.UpdatedAt = got[k].CreatedAt, got[k].UpdatedAt
			if !reflect.DeepEqual(got[k].Claim, want) || got[k].ClaimantName != v.ClaimantName {
				t.Fatalf("claim %s prepared: %+v (%q), Slim: %+v (%q)", v.ID, *got[k].Claim, got[k].ClaimantName, *want, v.ClaimantName)
			}
		}
	}
	_, topics, byTopic := demoTopics(t)
	for id, cs := range byTopic {
		check(topics[id], cs)
	}
	r := rand.New(rand.NewPCG(21, 22))
	for i := range 8 {
		topic, cs, _ := xref.RandomTopic(r, 50+r.IntN(200), i%2 == 0)
		check(topic, cs)
	}
}

// TestLeanGivesSlim checks that claims kept lean come back as Slim gives
// them, with their claimants' names: those a Lean was made of, those
// named once read (Named leaves out a claim whose claimant is unknown and
// orders them by ID), and those of Leans joined.
func TestLeanGivesSlim(t *testing.T) {
	t.Parallel()
	check := func(what string, got, want []xref.ClaimView) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d claims, want %d", what, len(got), len(want))
		}
		for k, v := range want {
			w := xref.Slim(v.Claim)
			w.CreatedAt, w.UpdatedAt = got[k].CreatedAt, got[k].UpdatedAt
			if !reflect.DeepEqual(got[k].Claim, w) || got[k].ClaimantName != v.ClaimantName {
				t.Fatalf("%s: claim %s: %+v (%q), Slim: %+v (%q)", what, v.ID, *got[k].Claim, got[k].ClaimantName, *w, v.ClaimantName)
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 5))
	_, cs, _ := xref.RandomTopic(r, 200, true)
	check("LeanOf", xref.LeanOf(cs).Views(), cs)
	var viaAll []xref.ClaimView
	for _, v := range xref.LeanOf(cs).All() {
		viaAll = append(viaAll, xref.ClaimView{Claim: xref.Slim(v.Claim), ClaimantName: v.ClaimantName})
	}
	check("All", viaAll, cs)

	// Read in reverse, without names; the first claim's claimant is unknown.
	l := xref.NewLean(0)
	for k := len(cs) - 1; k >= 0; k-- {
		l.Add(xref.ClaimView{Claim: cs[k].Claim})
	}
	names := map[string]string{}
	var want []xref.ClaimView
	for _, v := range cs {
		if v.ClaimantID != cs[0].ClaimantID {
			names[v.ClaimantID] = v.ClaimantName
			want = append(want, v)
		}
	}
	slices.SortFunc(want, func(a, b xref.ClaimView) int { return strings.Compare(a.ID, b.ID) })
	l.Named(func(id string) (string, bool) { n, ok := names[id]; return n, ok })
	check("Named", l.Views(), want)

	odd, even := xref.NewLean(0), xref.NewLean(0)
	for k, v := range want {
		if k%2 == 1 {
			odd.Add(v)
		} else {
			even.Add(v)
		}
	}
	check("JoinLean", xref.JoinLean([]*xref.Lean{odd, even}).Views(), want)
}
