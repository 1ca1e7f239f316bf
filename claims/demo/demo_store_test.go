package demo

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// countAll pages through a listing and returns how many records it holds.
func countAll[T any](t *testing.T, kind string, list func(o claims.ListOptions) (claims.Page[T], error)) int {
	t.Helper()
	n := 0
	o := claims.ListOptions{Limit: claims.MaxLimit}
	for {
		p, err := list(o)
		if err != nil {
			t.Fatalf("list %s: %v", kind, err)
		}
		n += len(p.Items)
		if p.Next == "" {
			return n
		}
		o.Cursor = p.Next
	}
}

// stored counts what s holds of each kind of record.
func stored(t *testing.T, s claims.Store) Report {
	t.Helper()
	ctx := context.Background()
	return Report{
		Topics: countAll(t, "topics", func(o claims.ListOptions) (claims.Page[*claims.Topic], error) {
			return s.ListTopics(ctx, claims.TopicFilter{ListOptions: o})
		}),
		Sources: countAll(t, "sources", func(o claims.ListOptions) (claims.Page[*claims.Source], error) {
			return s.ListSources(ctx, claims.SourceFilter{ListOptions: o})
		}),
		Claimants: countAll(t, "claimants", func(o claims.ListOptions) (claims.Page[*claims.Claimant], error) {
			return s.ListClaimants(ctx, claims.ClaimantFilter{ListOptions: o})
		}),
		Claims: countAll(t, "claims", func(o claims.ListOptions) (claims.Page[*claims.Claim], error) {
			return s.ListClaims(ctx, claims.ClaimFilter{ListOptions: o})
		}),
		Links: countAll(t, "links", func(o claims.ListOptions) (claims.Page[*claims.Link], error) {
			return s.ListLinks(ctx, claims.LinkFilter{ListOptions: o})
		}),
	}
}

func bundleCounts(b *claims.Bundle) Report {
	return Report{Topics: len(b.Topics), Sources: len(b.Sources), Claimants: len(b.Claimants), Claims: len(b.Claims), Links: len(b.Links)}
}

func TestLoad(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		got, err := Load(ctx, service.New(s, nil))
		if err != nil {
			t.Fatalf("Load: %v", err)
		}
		want := bundleCounts(mustBundle(t))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Load report mismatch (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(want, stored(t, s)); diff != "" {
			t.Errorf("stored records mismatch (-want +got):\n%s", diff)
		}

		// Every claim reads back as the store's own Prepare left it: same
		// fields, and an interval from the parser unless the analyst gave one.
		ignore := cmp.Options{
			cmpopts.IgnoreFields(claims.Meta{}, "CreatedAt", "UpdatedAt", "Version"),
			cmpopts.EquateEmpty(),
		}
		for _, want := range mustBundle(t).Claims {
			if err := want.Prepare(nil); err != nil {
				t.Errorf("claim %s: Prepare: %v", want.ID, err)
				continue
			}
			got, err := s.FindClaim(ctx, want.ID)
			if err != nil {
				t.Errorf("FindClaim(%s): %v", want.ID, err)
				continue
			}
			if diff := cmp.Diff(want, got, ignore); diff != "" {
				t.Errorf("claim %s read back differs (-want +got):\n%s", want.ID, diff)
			}
			switch {
			case got.NoNumber:
				if got.Interval != nil {
					t.Errorf("claim %s has no number but an interval", got.ID)
				}
			case got.AnalystInterval != nil:
				if got.IntervalSource != claims.FromAnalyst {
					t.Errorf("claim %s: interval from %q, want the analyst's", got.ID, got.IntervalSource)
				}
			case got.IntervalSource != claims.FromParser || got.Interval == nil:
				t.Errorf("claim %s: interval %v from %q, want the parser's", got.ID, got.Interval, got.IntervalSource)
			}
		}

		chechens, err := s.FindTopic(ctx, "topic-chechens")
		if err != nil {
			t.Fatalf("FindTopic: %v", err)
		}
		if chechens.ParentID != "topic-russians-is" {
			t.Errorf("topic-chechens has parent %q, want topic-russians-is", chechens.ParentID)
		}
		dispute, err := s.FindLink(ctx, "lnk-r4-r5-dispute")
		if err != nil {
			t.Fatalf("FindLink: %v", err)
		}
		if dispute.Kind != claims.LinkContradicts || dispute.FromID != "r4-bogdanov-2014" || dispute.ToID != "r5-independent-2014" {
			t.Errorf("the founding dispute reads back as %s %s -> %s", dispute.Kind, dispute.FromID, dispute.ToID)
		}
	})
}

func TestLoadTwice(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		if _, err := Load(ctx, service.New(s, nil)); err != nil {
			t.Fatalf("first Load: %v", err)
		}
		before := stored(t, s)
		r, err := Load(ctx, service.New(s, nil))
		if code := claims.ErrorCode(err); code != claims.CodeConflict {
			t.Fatalf("second Load = %v, error code %q, want %q", err, code, claims.CodeConflict)
		}
		if r != (Report{}) {
			t.Errorf("second Load reported %+v, want nothing written", r)
		}
		if msg := claims.ErrorMessage(err); !strings.Contains(msg, "not empty") || !strings.Contains(msg, "--demo") {
			t.Errorf("second Load message %q, want it to say the database is not empty and --demo needs an empty one", msg)
		}
		if diff := cmp.Diff(before, stored(t, s)); diff != "" {
			t.Errorf("second Load changed the store (-before +after):\n%s", diff)
		}
	})
}

func TestLoadRefusesAnyRecord(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		add  func(s claims.Writer) error
	}{
		{"topic", func(s claims.Writer) error {
			return s.CreateTopic(ctx, &claims.Topic{Title: "Analyst's own topic", Unit: "people"})
		}},
		{"source", func(s claims.Writer) error {
			return s.CreateSource(ctx, &claims.Source{Name: "Analyst's own source"})
		}},
		{"claimant", func(s claims.Writer) error {
			return s.CreateClaimant(ctx, &claims.Claimant{Name: "Analyst's own claimant"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.SQLite(t)
			if err := tt.add(service.New(s, nil)); err != nil {
				t.Fatalf("add a %s: %v", tt.name, err)
			}
			before := stored(t, s)
			if _, err := Load(ctx, service.New(s, nil)); claims.ErrorCode(err) != claims.CodeConflict {
				t.Fatalf("Load into a store with a %s = %v, want a conflict", tt.name, err)
			}
			if diff := cmp.Diff(before, stored(t, s)); diff != "" {
				t.Errorf("Load changed the store (-before +after):\n%s", diff)
			}
		})
	}
}

// TestLoadAtomic breaks the last claim of the bundle, so that everything
// before it has been written when it fails, and checks nothing remains.
func TestLoadAtomic(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		b := mustBundle(t)
		broken := b.Claims[len(b.Claims)-1]
		broken.TopicID = "topic-that-does-not-exist"
		_, err := load(ctx, s, b)
		if code := claims.ErrorCode(err); code != claims.CodeInvalid {
			t.Fatalf("load with a broken claim = %v, error code %q, want %q", err, code, claims.CodeInvalid)
		}
		if !strings.Contains(err.Error(), broken.ID) {
			t.Errorf("load failed with %v, want the failure of the broken claim %s", err, broken.ID)
		}
		if diff := cmp.Diff(Report{}, stored(t, s)); diff != "" {
			t.Errorf("a failed load left records behind (-want +got):\n%s", diff)
		}
		if _, err := Load(ctx, service.New(s, nil)); err != nil {
			t.Errorf("Load after a failed load: %v", err)
		}
	})
}
