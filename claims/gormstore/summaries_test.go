package gormstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/xref"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// storedResult reads everything the store keeps for a topic, the claims'
// summaries included.
func storedResult(t *testing.T, s *gormstore.Store, topicID string) xref.TopicResult {
	t.Helper()
	ctx := context.Background()
	res, err := s.TopicResult(ctx, topicID)
	must(t, "topic result", err)
	for cur := ""; ; {
		p, err := s.ClaimSummaries(ctx, topicID, claims.ListOptions{Limit: 7, Cursor: cur})
		must(t, "claim summaries", err)
		res.Claims = append(res.Claims, p.Items...)
		if cur = p.Next; cur == "" {
			break
		}
	}
	return *res
}

// checkCurrent requires the stored result of each topic to equal a fresh
// recompute of what is stored.
func checkCurrent(t *testing.T, s *gormstore.Store, topicIDs ...string) {
	t.Helper()
	for _, id := range topicIDs {
		fresh, err := gormstore.FreshResult(context.Background(), s, id)
		must(t, "fresh recompute", err)
		got := storedResult(t, s, id)
		if diff := cmp.Diff(fresh, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("topic %s: stored summaries differ from a fresh recompute (-fresh +stored):\n%s", id, diff)
		}
	}
}

// founding writes the founding example: Bogdanov's "a few dozen" for
// Syria and Iraq, The Independent's "about 800" for Syria alone.
type founding struct {
	topic          *claims.Topic
	bogdanov, indy *claims.Claim
}

func newFounding(t *testing.T, s claims.Store) founding {
	t.Helper()
	ctx := context.Background()
	f := founding{topic: &claims.Topic{Title: "Russians fighting with IS", Additive: true}}
	must(t, "topic", svc(s).CreateTopic(ctx, f.topic))
	tass := &claims.Source{Name: "TASS", Kind: claims.SourceAgency}
	indy := &claims.Source{Name: "The Independent", Kind: claims.SourceNews}
	must(t, "source", svc(s).CreateSource(ctx, tass))
	must(t, "source", svc(s).CreateSource(ctx, indy))
	bog := &claims.Claimant{Name: "Mikhail Bogdanov"}
	ind := &claims.Claimant{Name: "The Independent"}
	must(t, "claimant", svc(s).CreateClaimant(ctx, bog))
	must(t, "claimant", svc(s).CreateClaimant(ctx, ind))
	f.bogdanov = &claims.Claim{TopicID: f.topic.ID, ClaimantID: bog.ID, QuantityText: "a few dozen",
		SaidOn: "2015-10", Scope: claims.Scope{Places: []string{"Syria", "Iraq"}},
		Provenance: claims.Provenance{SourceID: tass.ID}}
	f.indy = &claims.Claim{TopicID: f.topic.ID, ClaimantID: ind.ID, QuantityText: "about 800",
		SaidOn: "2015-09", Scope: claims.Scope{Places: []string{"Syria"}},
		Provenance: claims.Provenance{SourceID: indy.ID}}
	must(t, "claim", svc(s).CreateClaim(ctx, f.bogdanov))
	must(t, "claim", svc(s).CreateClaim(ctx, f.indy))
	return f
}

func summaryOf(t *testing.T, s *gormstore.Store, topicID, claimID string) xref.ClaimSummary {
	t.Helper()
	for _, cs := range storedResult(t, s, topicID).Claims {
		if cs.ClaimID == claimID {
			return cs
		}
	}
	t.Fatalf("no stored summary for claim %s", claimID)
	return xref.ClaimSummary{}
}

func TestSummariesFollowWrites(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		f := newFounding(t, s)

		got := summaryOf(t, s, f.topic.ID, f.indy.ID)
		if got.ConflictCount != 1 || got.WorstSeverity != 12 || got.WorstAgainst != f.bogdanov.ID || got.WorstRelation != xref.Contradicts {
			t.Errorf("after create: Independent's summary = %+v, want 1 conflict, contradicts Bogdanov at 12", got)
		}
		res, err := s.TopicResult(ctx, f.topic.ID)
		must(t, "topic result", err)
		if len(res.Conflicts) != 1 || res.Conflicts[0].Status != claims.ReviewOpen || res.Topic.OpenConflicts != 1 {
			t.Errorf("after create: conflicts %+v, open %d; want one open", res.Conflicts, res.Topic.OpenConflicts)
		}
		checkCurrent(t, s, f.topic.ID)

		// A review dismissing the conflict closes it, in the topic's counts
		// and in the listing across topics.
		rv := &claims.Review{ClaimA: f.indy.ID, ClaimB: f.bogdanov.ID, Status: claims.ReviewDismissed, Resolution: "different periods", Author: "ak"}
		must(t, "create review", svc(s).CreateReview(ctx, rv))
		if rv.ClaimA > rv.ClaimB {
			t.Errorf("review pair %s, %s is not ordered", rv.ClaimA, rv.ClaimB)
		}
		open, err := s.ListConflicts(ctx, xref.ConflictFilter{Status: claims.ReviewOpen}, claims.ListOptions{})
		must(t, "list open conflicts", err)
		dismissed, err := s.ListConflicts(ctx, xref.ConflictFilter{Status: claims.ReviewDismissed, MinSeverity: 12}, claims.ListOptions{})
		must(t, "list dismissed conflicts", err)
		if len(open.Items) != 0 || len(dismissed.Items) != 1 || dismissed.Items[0].Resolution != "different periods" {
			t.Errorf("after the review: open %+v, dismissed %+v", open.Items, dismissed.Items)
		}
		checkCurrent(t, s, f.topic.ID)

		// An update that brings the numbers together ends the conflict.
		f.indy.QuantityText = "about 50"
		must(t, "update claim", svc(s).UpdateClaim(ctx, f.indy))
		if got := summaryOf(t, s, f.topic.ID, f.indy.ID); got.ConflictCount != 0 || got.WorstSeverity != 1 {
			t.Errorf("after update: %+v, want no conflict", got)
		}
		checkCurrent(t, s, f.topic.ID)

		// A delete leaves one claim, in no conflict.
		must(t, "delete review", s.DeleteReview(ctx, rv.ID, 0))
		must(t, "delete claim", s.DeleteClaim(ctx, f.indy.ID, 0))
		res, err = s.TopicResult(ctx, f.topic.ID)
		must(t, "topic result", err)
		if res.Topic.ClaimCount != 1 || len(res.Conflicts) != 0 {
			t.Errorf("after delete: %+v", res.Topic)
		}
		checkCurrent(t, s, f.topic.ID)
	})
}

func TestUnrelatedLinkSurvivesRecompute(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		f := newFounding(t, s)
		l := &claims.Link{FromID: f.indy.ID, ToID: f.bogdanov.ID, Kind: claims.LinkUnrelated, Note: "other population", Author: "ak"}
		must(t, "create link", svc(s).CreateLink(ctx, l))
		if got := summaryOf(t, s, f.topic.ID, f.indy.ID); got.ConflictCount != 0 {
			t.Fatalf("after an unrelated link: %+v, want no conflict", got)
		}
		// A later write to the topic recomputes it; the verdict stands.
		f.bogdanov.Notes = "said in Sochi"
		must(t, "update claim", svc(s).UpdateClaim(ctx, f.bogdanov))
		if got := summaryOf(t, s, f.topic.ID, f.indy.ID); got.ConflictCount != 0 {
			t.Errorf("after a claim write: %+v, want no conflict", got)
		}
		must(t, "delete link", s.DeleteLink(ctx, l.ID, 0))
		if got := summaryOf(t, s, f.topic.ID, f.indy.ID); got.ConflictCount != 1 {
			t.Errorf("after deleting the link: %+v, want the conflict back", got)
		}
		checkCurrent(t, s, f.topic.ID)
	})
}

func TestReviewRules(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		f := newFounding(t, s)
		rv := &claims.Review{ClaimA: f.bogdanov.ID, ClaimB: f.indy.ID}
		must(t, "create review", svc(s).CreateReview(ctx, rv))
		if rv.Status != claims.ReviewOpen || rv.Version != 1 {
			t.Errorf("created review = %+v, want open at version 1", rv)
		}
		dup := &claims.Review{ClaimA: f.indy.ID, ClaimB: f.bogdanov.ID}
		wantCode(t, "second review of the pair", svc(s).CreateReview(ctx, dup), claims.CodeConflict)
		err := svc(s).CreateReview(ctx, &claims.Review{ClaimA: "nope-a", ClaimB: "nope-b"})
		wantCode(t, "review of missing claims", err, claims.CodeInvalid)
		if diff := cmp.Diff([]string{"claim_a", "claim_b"}, fields(err)); diff != "" {
			t.Errorf("fields of the missing-claims error (-want +got):\n%s", diff)
		}
		rv.Status = claims.ReviewDismissed
		wantCode(t, "dismissed without a resolution", svc(s).UpdateReview(ctx, rv), claims.CodeInvalid)
		rv.Resolution = "the Independent counted Syria only"
		must(t, "update review", svc(s).UpdateReview(ctx, rv))
		for _, tc := range []struct {
			name string
			f    claims.ReviewFilter
			want int
		}{
			{"topic", claims.ReviewFilter{TopicID: f.topic.ID}, 1},
			{"claim", claims.ReviewFilter{ClaimID: f.indy.ID}, 1},
			{"dismissed", claims.ReviewFilter{Status: claims.ReviewDismissed}, 1},
			{"open", claims.ReviewFilter{Status: claims.ReviewOpen}, 0},
			{"other topic", claims.ReviewFilter{TopicID: "nope"}, 0},
			{"pair", claims.ReviewFilter{Pairs: [][2]string{{"nope-a", "nope-b"}, {rv.ClaimA, rv.ClaimB}}}, 1},
			{"three pairs, padded to four", claims.ReviewFilter{Pairs: [][2]string{{"nope-a", "nope-b"}, {rv.ClaimA, rv.ClaimB}, {"nope-c", "nope-d"}}}, 1},
			{"pair reversed", claims.ReviewFilter{Pairs: [][2]string{{rv.ClaimB, rv.ClaimA}}}, 0},
			{"pair and status", claims.ReviewFilter{Pairs: [][2]string{{rv.ClaimA, rv.ClaimB}}, Status: claims.ReviewOpen}, 0},
			{"no pairs", claims.ReviewFilter{Pairs: [][2]string{}}, 0},
		} {
			p, err := s.ListReviews(ctx, tc.f)
			must(t, "list reviews "+tc.name, err)
			if len(p.Items) != tc.want {
				t.Errorf("ListReviews(%s) = %d reviews, want %d", tc.name, len(p.Items), tc.want)
			}
		}
		// A claim with a review is deleted only with it (cascade).
		wantCode(t, "delete a reviewed claim", s.DeleteClaim(ctx, f.indy.ID, 0), claims.CodeConflict)
		must(t, "delete claim", s.DeleteClaimCascade(ctx, f.indy.ID, 0))
		_, err = s.FindReview(ctx, rv.ID)
		wantCode(t, "review of a deleted claim", err, claims.CodeNotFound)
	})
}

// TestParentAndChildrenRecomputed writes a claim in a sub-topic and
// checks that its parent's summaries (which compare parts with the whole)
// follow.
func TestParentAndChildrenRecomputed(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		w.topic.Additive = true
		must(t, "update topic", svc(s).UpdateTopic(ctx, w.topic))
		child := &claims.Topic{Title: "Chechens fighting with IS", ParentID: w.topic.ID, Additive: true}
		must(t, "child topic", svc(s).CreateTopic(ctx, child))
		whole := w.claim("500")
		whole.SaidOn = "2015-10"
		must(t, "whole", svc(s).CreateClaim(ctx, whole))
		part := w.claim("900")
		part.TopicID, part.SaidOn = child.ID, "2015-10"
		must(t, "part", svc(s).CreateClaim(ctx, part))
		if got := summaryOf(t, s, child.ID, part.ID); got.PartWholeCount != 1 || got.WorstAgainst != whole.ID {
			t.Errorf("part above the whole: %+v, want one part-whole conflict against %s", got, whole.ID)
		}
		// Raising the whole, a write in the parent, clears the child.
		whole.QuantityText = "2000"
		must(t, "update whole", svc(s).UpdateClaim(ctx, whole))
		if got := summaryOf(t, s, child.ID, part.ID); got.PartWholeCount != 0 {
			t.Errorf("after raising the whole: %+v, want none", got)
		}
		checkCurrent(t, s, w.topic.ID, child.ID)
	})
}

// TestStoredEqualsFresh makes random writes, some inside Atomically, and
// compares every topic's stored summaries with a fresh recompute.
func TestStoredEqualsFresh(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		rng := rand.New(rand.NewPCG(1, 2))
		w := newWorld(t, s)
		other := &claims.Claimant{Name: "FSB"}
		must(t, "claimant", svc(s).CreateClaimant(ctx, other))
		topics := []*claims.Topic{w.topic,
			{Title: "Chechens", ParentID: w.topic.ID, Additive: true},
			{Title: "Dagestanis", ParentID: w.topic.ID, Additive: true, WindowDays: 30}}
		for _, tp := range topics[1:] {
			must(t, "topic", svc(s).CreateTopic(ctx, tp))
		}
		places := [][]string{nil, {"Syria"}, {"Iraq"}, {"Syria", "Iraq"}, {"Raqqa"}}
		texts := []string{"about 800", "a few dozen", "2,400", "at least 500", "up to 3000", "1,700", "40", "hundreds", "several hundred"}
		var all []*claims.Claim
		randomClaim := func() *claims.Claim {
			c := w.claim(texts[rng.IntN(len(texts))])
			c.TopicID = topics[rng.IntN(len(topics))].ID
			if rng.IntN(2) == 0 {
				c.ClaimantID = other.ID
			}
			c.Scope.Places = places[rng.IntN(len(places))]
			c.SaidOn = claims.Date(fmt.Sprintf("2015-%02d", 1+rng.IntN(12)))
			return c
		}
		for i := range 40 {
			switch {
			case i%10 == 9:
				// A batch inside one transaction.
				must(t, "atomically", s.Atomically(ctx, func(tx claims.Store) error {
					for range 3 {
						c := randomClaim()
						if err := svc(tx).CreateClaim(ctx, c); err != nil {
							return err
						}
						all = append(all, c)
					}
					return nil
				}))
			case len(all) > 3 && i%7 == 3:
				c := all[rng.IntN(len(all))]
				c.QuantityText = texts[rng.IntN(len(texts))]
				c.TopicID = topics[rng.IntN(len(topics))].ID
				must(t, "update", svc(s).UpdateClaim(ctx, c))
			case len(all) > 3 && i%7 == 5:
				a, b := all[rng.IntN(len(all))], all[rng.IntN(len(all))]
				if a.ID != b.ID {
					kinds := []claims.LinkKind{claims.LinkUnrelated, claims.LinkContradicts, claims.LinkDerivedFrom, claims.LinkSupersedes}
					must(t, "link", svc(s).CreateLink(ctx, &claims.Link{FromID: a.ID, ToID: b.ID, Kind: kinds[rng.IntN(len(kinds))]}))
				}
			default:
				c := randomClaim()
				must(t, "create", svc(s).CreateClaim(ctx, c))
				all = append(all, c)
			}
		}
		// A topic update (window, parent) recomputes the topics it moves.
		topics[2].ParentID = ""
		topics[2].WindowDays = 3000
		must(t, "update topic", svc(s).UpdateTopic(ctx, topics[2]))
		for _, tp := range topics {
			checkCurrent(t, s, tp.ID)
		}
	})
}

// TestConcurrentWritersKeepSummariesExact has writers add claims to one
// topic at once; the summary written last must count every claim.
func TestConcurrentWritersKeepSummariesExact(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		const writers, each = 6, 5
		var wg sync.WaitGroup
		errs := make(chan error, writers*each)
		for g := range writers {
			wg.Go(func() {
				for i := range each {
					c := w.claim(fmt.Sprint(100 * (1 + (g*each+i)%7)))
					if err := svc(s).CreateClaim(ctx, c); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent create: %v", err)
		}
		res, err := s.TopicResult(ctx, w.topic.ID)
		must(t, "topic result", err)
		if res.Topic.ClaimCount != writers*each {
			t.Errorf("stored claim count = %d, want %d", res.Topic.ClaimCount, writers*each)
		}
		checkCurrent(t, s, w.topic.ID)
	})
}

// TestConcurrentReplicas runs the writers on separate connections pools
// to one PostgreSQL database, as replicas would.
func TestConcurrentReplicas(t *testing.T) {
	dsn, _ := storetest.PostgresDSN(t)
	ctx := context.Background()
	open := func() *gormstore.Store {
		s, err := gormstore.Open(ctx, dsn)
		must(t, "open", err)
		t.Cleanup(func() { s.Close() })
		return s
	}
	first := open()
	must(t, "migrate", first.Migrate(ctx))
	w := newWorld(t, first)
	replicas := []*gormstore.Store{first, open(), open()}
	var wg sync.WaitGroup
	for r, s := range replicas {
		wg.Go(func() {
			for i := range 8 {
				if err := svc(s).CreateClaim(ctx, w.claim(fmt.Sprint(10*(r+1)*(i+1)))); err != nil {
					t.Errorf("replica %d: %v", r, err)
				}
			}
		})
	}
	wg.Wait()
	res, err := first.TopicResult(ctx, w.topic.ID)
	must(t, "topic result", err)
	if res.Topic.ClaimCount != 24 {
		t.Errorf("stored claim count = %d, want 24", res.Topic.ClaimCount)
	}
	checkCurrent(t, first, w.topic.ID)
}

func TestCustomPlaces(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		w.topic.Additive = true
		must(t, "update topic", svc(s).UpdateTopic(ctx, w.topic))
		syria := w.claim("100")
		syria.Scope.Places = []string{"Syria"}
		raqqa := w.claim("500")
		raqqa.Scope.Places = []string{"Dabiq"}
		raqqa.ClaimantID = (func() string {
			c := &claims.Claimant{Name: "Local council"}
			must(t, "claimant", svc(s).CreateClaimant(ctx, c))
			return c.ID
		})()
		must(t, "claim", svc(s).CreateClaim(ctx, syria))
		must(t, "claim", svc(s).CreateClaim(ctx, raqqa))
		res, err := s.TopicResult(ctx, w.topic.ID)
		must(t, "topic result", err)
		if diff := cmp.Diff([]string{"Dabiq"}, res.Topic.UnknownPlaces); diff != "" || res.Topic.ConflictCount != 0 {
			t.Fatalf("before the place is known: unknown %v, conflicts %d", res.Topic.UnknownPlaces, res.Topic.ConflictCount)
		}
		// The gazetteer is built once while the custom places stay as they
		// are, and again when one is added; the one handed out before is
		// not changed.
		before, err := s.Gazetteer(ctx)
		must(t, "gazetteer", err)
		if again, err := s.Gazetteer(ctx); err != nil || again != before {
			t.Errorf("the gazetteer was built again with no change to the custom places")
		}
		p := gazetteerPlace("Dabiq", "SY")
		must(t, "create place", svc(s).CreatePlace(ctx, &p))
		after, err := s.Gazetteer(ctx)
		must(t, "gazetteer", err)
		if _, ok := after.Lookup("Dabiq"); !ok || after == before {
			t.Errorf("after CreatePlace the gazetteer does not know Dabiq")
		}
		if _, ok := before.Lookup("Dabiq"); ok {
			t.Errorf("CreatePlace changed the gazetteer handed out before it")
		}
		if p.ID != "custom:dabiq" {
			t.Errorf("place ID = %q, want custom:dabiq", p.ID)
		}
		// Dabiq lies in Syria: 500 there above 100 for all Syria contradicts.
		if got := summaryOf(t, s, w.topic.ID, raqqa.ID); got.ConflictCount != 1 || got.WorstRelation != xref.Contradicts {
			t.Errorf("after adding Dabiq: %+v, want it to contradict the count for Syria", got)
		}
		dup := gazetteerPlace("dabiq", "SY")
		wantCode(t, "a place named twice", svc(s).CreatePlace(ctx, &dup), claims.CodeInvalid)
		wantCode(t, "delete a built-in place", svc(s).DeletePlace(ctx, "Syria"), claims.CodeInvalid)
		wantCode(t, "delete a missing place", svc(s).DeletePlace(ctx, "Zyxwvut"), claims.CodeNotFound)
		must(t, "delete place", svc(s).DeletePlace(ctx, "Dabiq"))
		if got := summaryOf(t, s, w.topic.ID, raqqa.ID); got.ConflictCount != 0 || strings.Join(got.UnknownPlaces, ",") != "Dabiq" {
			t.Errorf("after deleting Dabiq: %+v, want it unknown again", got)
		}
		checkCurrent(t, s, w.topic.ID)
	})
}

// TestDeletePlaceRecomputesTheTopicsNamingIt deletes a custom place: the
// topics whose claims or own places name it (alone, in another case, or
// in a list such as "Dabiq and Raqqa" that only resolves while it is
// known) are recomputed; a topic that never named it is left as it was.
func TestDeletePlaceRecomputesTheTopicsNamingIt(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		p := gazetteerPlace("Dabiq", "SY")
		must(t, "create place", svc(s).CreatePlace(ctx, &p))
		topic := func(title string, places ...string) string {
			tp := &claims.Topic{Title: title, Places: places}
			must(t, "create topic", svc(s).CreateTopic(ctx, tp))
			return tp.ID
		}
		claimIn := func(topicID string, places ...string) *claims.Claim {
			c := w.claim("100")
			c.TopicID, c.Scope.Places = topicID, places
			must(t, "create claim", svc(s).CreateClaim(ctx, c))
			return c
		}
		named := topic("Named")
		claimIn(named, "Dabiq")
		listed := topic("Listed")
		inList := claimIn(listed, "Dabiq and Raqqa")
		own := topic("Its own place", "dabiq")
		claimIn(own)
		other := topic("Elsewhere")
		claimIn(other, "Syria")
		if got := summaryOf(t, s, listed, inList.ID); len(got.UnknownPlaces) != 0 {
			t.Fatalf("while Dabiq is known, %q is unknown: %v", "Dabiq and Raqqa", got.UnknownPlaces)
		}
		computed := func(id string) string {
			v, err := gormstore.QueryString(ctx, s, "SELECT CAST(computed_at AS TEXT) FROM topic_summaries WHERE topic_id = '"+id+"'")
			must(t, "computed_at", err)
			return v
		}
		was := map[string]string{}
		for _, id := range []string{named, listed, own, other} {
			was[id] = computed(id)
		}
		clk.Advance(time.Hour)
		must(t, "delete place", svc(s).DeletePlace(ctx, "Dabiq"))
		for id, want := range map[string]bool{named: true, listed: true, own: true, other: false} {
			if got := computed(id) != was[id]; got != want {
				t.Errorf("topic %s recomputed: %v, want %v", id, got, want)
			}
		}
		if got := summaryOf(t, s, listed, inList.ID); strings.Join(got.UnknownPlaces, ",") != "Dabiq and Raqqa" {
			t.Errorf("after deleting Dabiq the unknown places are %v, want [Dabiq and Raqqa]", got.UnknownPlaces)
		}
		for _, id := range []string{named, listed, own, other} {
			checkCurrent(t, s, id)
		}
	})
}

// TestDeletePlaceInARegion deletes custom places held by a region, by a
// custom region, and by two countries: a region is its members, so a
// claim for the region and one for its members listed one by one cover
// the same places once the deleted place is gone, and their topic must be
// recomputed although neither claim named it.
func TestDeletePlaceInARegion(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		pair := func(whole, part []string) string {
			tp := &claims.Topic{Title: "Fighters in " + whole[0]}
			must(t, "create topic", svc(s).CreateTopic(ctx, tp))
			for _, c := range []struct {
				text   string
				places []string
			}{{"800", whole}, {"100", part}} {
				cl := w.claim(c.text)
				cl.TopicID, cl.Scope.Places = tp.ID, c.places
				must(t, "create claim", svc(s).CreateClaim(ctx, cl))
			}
			return tp.ID
		}
		golan := gazetteerPlace("Golan Town", "region:levant")
		must(t, "create place", svc(s).CreatePlace(ctx, &golan))
		levant := pair([]string{"Levant"}, []string{"Syria", "Lebanon", "Jordan", "Israel", "Palestine"})
		front := gazetteerPlace("Northern Front")
		front.Kind = gazetteer.Region
		must(t, "create region", svc(s).CreatePlace(ctx, &front))
		alpha := gazetteerPlace("Alpha Town", front.ID)
		must(t, "create place", svc(s).CreatePlace(ctx, &alpha))
		beta := gazetteerPlace("Beta Town", front.ID)
		must(t, "create place", svc(s).CreatePlace(ctx, &beta))
		northern := pair([]string{"Northern Front"}, []string{"Alpha Town"})
		border := gazetteerPlace("Border Town", "SY", "IQ")
		must(t, "create place", svc(s).CreatePlace(ctx, &border))
		twoParents := pair([]string{"Syria"}, []string{"Iraq"})
		for _, id := range []string{levant, northern, twoParents} {
			checkCurrent(t, s, id)
		}
		for _, name := range []string{"Golan Town", "Beta Town", "Border Town"} {
			must(t, "delete "+name, svc(s).DeletePlace(ctx, name))
		}
		for _, id := range []string{levant, northern, twoParents} {
			checkCurrent(t, s, id)
		}
	})
}

func gazetteerPlace(name string, in ...string) gazetteer.Place {
	return gazetteer.Place{Name: name, In: in}
}

// TestMigrateComputesSummaries upgrades a database holding claims from
// version 2: step 3 must leave every topic summarised.
func TestMigrateComputesSummaries(t *testing.T) {
	forEachDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := openStore(t, dsn)
		must(t, "migrate to version 2", gormstore.MigrateTo(ctx, s, 2))
		// Rows as version 2 wrote them, without summaries.
		const at = "2015-10-01 12:00:00+00:00"
		stmts := []string{
			`INSERT INTO topics (id, created_at, updated_at, version, title, description, measure, unit, additive, parent_id, window_days, tags, search)
			 VALUES ('t1', '` + at + `', '` + at + `', 1, 'Russians with IS', '', '', 'people', TRUE, NULL, 0, '[]', 'russians with is')`,
			`INSERT INTO sources (id, created_at, updated_at, version, name, url, kind, publisher, language, published_on, notes, search)
			 VALUES ('s1', '` + at + `', '` + at + `', 1, 'TASS', '', 'agency', '', '', NULL, '', 'tass')`,
		}
		for i, v := range []string{"800", "40"} {
			k := fmt.Sprint(i + 1)
			stmts = append(stmts,
				`INSERT INTO claimants (id, created_at, updated_at, version, name, kind, role, affiliation, notes, search)
				 VALUES ('k`+k+`', '`+at+`', '`+at+`', 1, 'Claimant `+k+`', 'person', '', '', '', '')`,
				`INSERT INTO claims (id, created_at, updated_at, version, topic_id, claimant_id, source_id, quote, quantity_text,
				   language, original_text, original_language, no_number, parsed, analyst_interval, interval_source, parser_version,
				   unit, low, high, best, places, population, group_name, measure, url, archive_url, relays, occasion, said_on,
				   published_on, as_of, since, ref_start, ref_end, evidence_type, grade, rank, deprecation_reason, notes, tags, search)
				 VALUES ('c`+k+`', '`+at+`', '`+at+`', 1, 't1', 'k`+k+`', 's1', '', '`+v+`', '', '', '', FALSE,
				   '{"low":`+v+`,"high":`+v+`,"best":`+v+`,"approx":false,"kind":"exact"}', '', 'parsed', '0.1',
				   '', `+v+`, `+v+`, `+v+`, '["Syria"]', '', '', 'stock', '', '', '[]', '', '', '', '2015', '', '2015-01-01', '2015-12-31',
				   'unknown', 'ungraded', 'normal', '', '', '[]', '`+v+`')`)
		}
		for _, stmt := range stmts {
			must(t, "insert a version 2 row", gormstore.Exec(ctx, s, stmt))
		}
		w := world{topic: &claims.Topic{Meta: claims.Meta{ID: "t1"}}}
		must(t, "migrate", s.Migrate(ctx))
		if v := schemaVersion(t, s); v != gormstore.Steps() {
			t.Fatalf("schema version = %d, want %d", v, gormstore.Steps())
		}
		res, err := s.TopicResult(ctx, w.topic.ID)
		must(t, "topic result", err)
		if res.Topic.ClaimCount != 2 || res.Topic.ConflictCount != 2 {
			t.Errorf("after the upgrade: %+v, want 2 claims in conflict", res.Topic)
		}
		checkCurrent(t, s, w.topic.ID)
	})
}
