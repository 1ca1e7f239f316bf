package gormstore_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
)

// as returns a context of an actor with a reason.
func as(name, reason string) context.Context {
	ctx := claims.WithActor(context.Background(), claims.Actor{Name: name, Role: claims.RoleAnalyst})
	if reason != "" {
		ctx = claims.WithReason(ctx, reason)
	}
	return ctx
}

// TestHistoryRoundTrip edits a claim twice, restores the first version,
// deletes it with its review and link, checks it is gone from listings and
// comparisons, that its ID cannot be taken, and undeletes it with them.
func TestHistoryRoundTrip(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		f := newFounding(t, s)
		id := f.indy.ID
		c := f.indy

		c.QuantityText = "about 900"
		clk.Advance(time.Minute)
		must(t, "update 1", svc(s).UpdateClaim(as("ann", "the article was corrected"), c))
		c.QuantityText = "nearly 1,000"
		clk.Advance(time.Minute)
		must(t, "update 2", svc(s).UpdateClaim(as("bob", ""), c))

		h, err := s.History(context.Background(), "claim", id)
		must(t, "history", err)
		if len(h) != 3 {
			t.Fatalf("history has %d lines, want 3: %+v", len(h), h)
		}
		want := []struct {
			action claims.Action
			actor  string
			reason string
			text   [2]string // quantity_text before, after
		}{
			{claims.ActionCreate, claims.SystemActor, "", [2]string{"", "about 800"}},
			{claims.ActionUpdate, "ann", "the article was corrected", [2]string{"about 800", "about 900"}},
			{claims.ActionUpdate, "bob", "", [2]string{"about 900", "nearly 1,000"}},
		}
		for i, w := range want {
			l := h[i]
			if l.Version != i+1 || l.Action != w.action || l.Actor != w.actor || l.Reason != w.reason ||
				quantityText(t, l.Before) != w.text[0] || quantityText(t, l.After) != w.text[1] {
				t.Errorf("line %d = v%d %s by %s (%q) %q -> %q; want v%d %s by %s (%q) %q -> %q", i,
					l.Version, l.Action, l.Actor, l.Reason, quantityText(t, l.Before), quantityText(t, l.After),
					i+1, w.action, w.actor, w.reason, w.text[0], w.text[1])
			}
		}

		// Restore version 2: a new version 4, with its own line.
		line, err := svc(s).Restore(as("cat", "the correction stands"), "claim", id, 2)
		must(t, "restore", err)
		got, err := s.FindClaim(context.Background(), id)
		must(t, "find", err)
		if line.Version != 4 || line.Action != claims.ActionRestore || line.RestoredFrom != 2 || line.Actor != "cat" ||
			got.Version != 4 || got.QuantityText != "about 900" || got.Interval.Low == nil {
			t.Errorf("after restoring v2: line %+v, claim v%d %q; want v4 restored from 2 reading about 900", line, got.Version, got.QuantityText)
		}
		if _, err := svc(s).Restore(as("cat", ""), "claim", id, 9); claims.ErrorCode(err) != claims.CodeInvalid {
			t.Errorf("restore of a version that never was: %v, want invalid", err)
		}

		// A claim with a review and a link is not deleted without cascade.
		rev := &claims.Review{ClaimA: f.bogdanov.ID, ClaimB: id, Status: claims.ReviewDismissed, Resolution: "other year"}
		must(t, "review", svc(s).CreateReview(as("ann", ""), rev))
		link := &claims.Link{FromID: id, ToID: f.bogdanov.ID, Kind: claims.LinkUnrelated}
		must(t, "link", svc(s).CreateLink(as("ann", ""), link))
		err = s.DeleteClaim(as("bob", ""), id, 4)
		if claims.ErrorCode(err) != claims.CodeConflict || !strings.Contains(claims.ErrorMessage(err), "1 link and 1 review") ||
			!strings.Contains(claims.ErrorMessage(err), "cascade=true") {
			t.Fatalf("delete of a claim with a link and a review: %v; want a conflict naming them and cascade=true", err)
		}
		clk.Advance(time.Minute)
		must(t, "cascade", s.DeleteClaimCascade(as("bob", "duplicate entry"), id, 4))

		page, err := s.ListClaims(context.Background(), claims.ClaimFilter{TopicID: f.topic.ID})
		must(t, "list", err)
		if len(page.Items) != 1 || page.Items[0].ID != f.bogdanov.ID {
			t.Errorf("claims listed after the delete: %d, want Bogdanov's only", len(page.Items))
		}
		if views, err := topicClaims(s, context.Background(), f.topic.ID); err != nil || len(views) != 1 {
			t.Errorf("the comparison after the delete has %d claims (%v), want 1", len(views), err)
		}
		trash, err := s.Trash(context.Background())
		must(t, "trash", err)
		kinds := map[string]string{}
		for _, l := range trash {
			kinds[l.Kind] = l.Cause
		}
		if len(trash) != 3 || kinds["claim"] != "" || kinds["link"] != "claim/"+id || kinds["review"] != "claim/"+id {
			t.Errorf("trash = %+v, want the claim and, caused by it, its link and review", trash)
		}

		// The ID is never reused, and a stale If-Match never finds a stranger.
		again := f.indy
		again.Meta = claims.Meta{ID: id}
		err = svc(s).CreateClaim(as("ann", ""), again)
		if claims.ErrorCode(err) != claims.CodeConflict || !strings.Contains(claims.ErrorMessage(err), "was deleted by bob") {
			t.Errorf("create with a deleted claim's ID: %v, want a conflict naming the deleted claim", err)
		}
		if _, err := svc(s).Restore(as("ann", ""), "claim", id, 2); claims.ErrorCode(err) != claims.CodeConflict {
			t.Errorf("restore of a deleted claim's version: %v, want conflict (undelete first)", err)
		}

		// Undelete brings back the claim at v6 (its delete was v5), with its link and review.
		line, err = svc(s).Undelete(as("cat", ""), "claim", id)
		must(t, "undelete", err)
		got, err = s.FindClaim(context.Background(), id)
		must(t, "find after undelete", err)
		if line.Version != 6 || got.Version != 6 || got.QuantityText != "about 900" {
			t.Errorf("undeleted: line v%d, claim v%d %q; want v6 reading about 900", line.Version, got.Version, got.QuantityText)
		}
		if _, err := s.FindReview(context.Background(), rev.ID); err != nil {
			t.Errorf("the review deleted with the claim is not back: %v", err)
		}
		if l, err := s.FindLink(context.Background(), link.ID); err != nil || l.Version != 3 {
			t.Errorf("the link deleted with the claim: %+v, %v; want it back at v3", l, err)
		}
		if trash, _ := s.Trash(context.Background()); len(trash) != 0 {
			t.Errorf("trash after undelete = %+v, want empty", trash)
		}
		if err := s.DeleteClaim(context.Background(), id, 4); claims.ErrorCode(err) != claims.CodeStale {
			t.Errorf("a delete with the If-Match of before the delete: %v, want stale", err)
		}
		h, _ = s.History(context.Background(), "claim", id)
		var actions []string
		for _, l := range h {
			actions = append(actions, string(l.Action))
		}
		if strings.Join(actions, " ") != "create update update restore delete restore" {
			t.Errorf("actions = %v", actions)
		}
		if _, err := s.History(context.Background(), "claim", "no-such-claim"); claims.ErrorCode(err) != claims.CodeNotFound {
			t.Errorf("history of a claim that never was: %v, want not found", err)
		}
	})
}

func quantityText(t *testing.T, doc json.RawMessage) string {
	t.Helper()
	if doc == nil {
		return ""
	}
	var c struct {
		QuantityText string `json:"quantity_text"`
	}
	if err := json.Unmarshal(doc, &c); err != nil {
		t.Fatalf("history document %s: %v", doc, err)
	}
	return c.QuantityText
}

// TestRestoreMapsLegacyMeasures restores history lines written before
// migration step 9, whose documents give the measure as "stock" or "flow"
// and no basis: the restored claim reads them as the migration read the
// claims it found (stock is current; flow is per_period where since equals
// as_of, else cumulative), with the default basis.
func TestRestoreMapsLegacyMeasures(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		f := newFounding(t, s)
		for _, c := range []struct {
			legacy      string
			since, asOf claims.Date
			want        claims.Measure
		}{
			{"stock", "", "2015-09", claims.Current},
			{"stock", "2011", "2015", claims.Current},
			{"flow", "2015", "2015", claims.PerPeriod},
			{"flow", "2011", "2015", claims.Cumulative},
			{"flow", "", "2015-09", claims.Cumulative},
		} {
			cl := *f.indy
			cl.ID, cl.Version, cl.Since, cl.AsOf = "", 0, c.since, c.asOf
			cl.Scope.Measure = claims.Current
			must(t, "create", s.CreateClaim(ctx, &cl))
			h, err := s.History(ctx, "claim", cl.ID)
			must(t, "history", err)
			// The first line as the store wrote it before step 9.
			var doc map[string]any
			must(t, "decode", json.Unmarshal(h[0].After, &doc))
			doc["scope"].(map[string]any)["measure"] = c.legacy
			delete(doc, "basis")
			old, err := json.Marshal(doc)
			must(t, "encode", err)
			must(t, "rewrite history", gormstore.Exec(ctx, s,
				`UPDATE history SET after_doc = ? WHERE kind = 'claim' AND record_id = ? AND version = 1`, string(old), cl.ID))

			cl.Scope.Measure, cl.Basis = claims.Peak, claims.BasisCount
			clk.Advance(time.Minute)
			must(t, "update", s.UpdateClaim(ctx, &cl))
			_, err = svc(s).Restore(as("cat", ""), "claim", cl.ID, 1)
			must(t, "restore", err)
			got, err := s.FindClaim(ctx, cl.ID)
			must(t, "find", err)
			if got.Scope.Measure != c.want || got.Basis != claims.BasisEstimate || got.Since != c.since || got.AsOf != c.asOf {
				t.Errorf("%s since %q as of %q restored as %s, basis %s, since %q, as of %q; want %s, estimate",
					c.legacy, c.since, c.asOf, got.Scope.Measure, got.Basis, got.Since, got.AsOf, c.want)
			}
		}
	})
}
