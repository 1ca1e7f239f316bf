package xref_test

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"unsafe"

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

// TestSlimmerGivesSlim checks that a Slimmer's copies equal Slim's, field
// for field, on the demo's claims and random ones made by one Slimmer (so
// that later copies share what earlier ones hold), that equal texts,
// places and intervals are held once, and that the engine's results from
// them equal its results from whole claims.
func TestSlimmerGivesSlim(t *testing.T) {
	b, topics, byTopic := demoTopics(t)
	s := xref.NewSlimmer()
	shared := func(views []xref.ClaimView) []xref.ClaimView {
		out := make([]xref.ClaimView, len(views))
		for i, v := range views {
			c := s.Slim(v.Claim)
			if want := xref.Slim(v.Claim); !reflect.DeepEqual(c, want) {
				t.Fatalf("claim %s: Slimmer gave %+v, Slim %+v", v.ID, *c, *want)
			}
			out[i] = xref.ClaimView{Claim: c, ClaimantName: v.ClaimantName}
		}
		return out
	}
	for id, cs := range byTopic {
		topic := topics[id]
		full, slim := &xref.Related{}, &xref.Related{}
		if p := topic.ParentID; p != "" {
			full.Parent, full.ParentClaims = topics[p], byTopic[p]
			slim.Parent, slim.ParentClaims = topics[p], shared(byTopic[p])
		}
		want := xref.Recompute(topic, cs, b.Links, full)
		got := xref.Recompute(topic, shared(cs), b.Links, slim)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("topic %s: recompute from shared slim claims differs from full claims", id)
		}
	}
	r := rand.New(rand.NewPCG(3, 5))
	for i := range 100 {
		topic, cs, links := xref.RandomTopic(r, 2+r.IntN(30), i%2 == 0)
		want := xref.Recompute(topic, cs, links, nil)
		got := xref.Recompute(topic, shared(cs), links, nil)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("random topic %d: recompute from shared slim claims differs from full claims", i)
		}
	}

	lo, hi := 3000.0, 5000.0
	mk := func(id string) *claims.Claim {
		return &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: "topic-" + "1", Unit: string([]byte("people")),
			Scope:    claims.Scope{Places: []string{string([]byte("Syria")), "Iraq"}, Population: string([]byte("fighters"))},
			Interval: &claims.Interval{Low: &lo, High: &hi, Kind: "range"}}
	}
	a, c := s.Slim(mk("a")), s.Slim(mk("b"))
	if unsafe.StringData(a.Unit) != unsafe.StringData(c.Unit) || unsafe.StringData(a.Scope.Population) != unsafe.StringData(c.Scope.Population) {
		t.Errorf("two slim claims hold copies of the same texts")
	}
	if &a.Scope.Places[0] != &c.Scope.Places[0] || a.Interval != c.Interval {
		t.Errorf("two slim claims hold copies of the same places or interval")
	}
	if e := s.Slim(&claims.Claim{Scope: claims.Scope{Places: []string{}}}); e.Scope.Places == nil || len(e.Scope.Places) != 0 {
		t.Errorf("an empty list of places became %#v", e.Scope.Places)
	}
}
