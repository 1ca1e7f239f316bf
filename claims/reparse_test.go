package claims_test

import (
	"context"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/service"
)

// TestReparse stores claims read with a calibration in which "a few" means
// 2 to 3, then re-reads them with the built-in lexicon (2 to 5).
func TestReparse(t *testing.T) {
	ctx := context.Background()
	cal := quantity.DefaultCalibration()
	few := cal.Vague["few"]
	few.High, few.Best = 3, nil
	cal.Vague["few"] = few
	narrow := quantity.New(quantity.WithCalibration(cal))
	builtin := quantity.New()
	if narrow.Version() == builtin.Version() {
		t.Fatalf("a calibrated parser has the built-in version %q", narrow.Version())
	}

	storetest.ForEachDSN(t, func(t *testing.T, dsn string) {
		// The records go in through a service that reads with the narrow lexicon.
		old := service.New(storetest.Open(t, dsn), narrow)
		mustCreate(t, old.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Russians", Unit: "people"}))
		mustCreate(t, old.CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: "s"}, Name: "Kommersant"}))
		mustCreate(t, old.CreateClaimant(ctx, &claims.Claimant{Meta: claims.Meta{ID: "c"}, Name: "Mikhail Bogdanov"}))
		claim := func(id, text string, analyst *claims.Interval) {
			mustCreate(t, old.CreateClaim(ctx, &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: "t", ClaimantID: "c",
				QuantityText: text, AnalystInterval: analyst, Provenance: claims.Provenance{SourceID: "s"}}))
		}
		lo, hi := 10.0, 20.0
		claim("few", "a few dozen", nil)
		claim("shielded", "a few hundred", &claims.Interval{Low: &lo, High: &hi})
		claim("exact", "800", nil)

		// Re-read with the built-in lexicon, through a service that uses it.
		st := storetest.Open(t, dsn)
		s := service.New(st, builtin)

		var moved []claims.Moved
		collect := func(m claims.Moved) error { moved = append(moved, m); return nil }
		rep, err := s.Reparse(ctx, true, collect)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Examined != 3 || rep.Moved != 2 || rep.Restamped != 1 || len(moved) != 2 {
			t.Fatalf("dry run: report %+v, moved %+v; want 3 examined, 2 moved, 1 restamped", rep, moved)
		}
		m := moved[0]
		if m.ClaimID != "few" || *m.Before.High != 36 || *m.After.High != 60 || !m.InForce {
			t.Errorf("moved[0] = %+v (before %+v, after %+v); want few dozen from 24-36 to 24-60, in force", m, *m.Before, *m.After)
		}
		if moved[1].ClaimID != "shielded" || moved[1].InForce {
			t.Errorf("moved[1] = %+v; want the claim with an analyst interval, not in force", moved[1])
		}
		got, err := st.FindClaim(ctx, "few")
		if err != nil {
			t.Fatal(err)
		}
		if *got.Interval.High != 36 || got.ParserVersion != narrow.Version() || got.Version != 1 {
			t.Fatalf("a dry run wrote: %+v", got)
		}

		moved = nil
		if rep, err = s.Reparse(ctx, false, collect); err != nil {
			t.Fatal(err)
		}
		got, err = st.FindClaim(ctx, "few")
		if err != nil {
			t.Fatal(err)
		}
		if *got.Interval.High != 60 || got.ParserVersion != builtin.Version() || got.Version != 2 {
			t.Errorf("after reparse: interval %+v, parser %q, version %d; want 24-60, %q, 2", *got.Interval, got.ParserVersion, got.Version, builtin.Version())
		}
		exact, err := st.FindClaim(ctx, "exact")
		if err != nil {
			t.Fatal(err)
		}
		if exact.ParserVersion != builtin.Version() {
			t.Errorf("an unmoved claim was not restamped: parser %q", exact.ParserVersion)
		}

		rep, err = s.Reparse(ctx, false, collect)
		if err != nil || rep.Examined != 0 {
			t.Errorf("second reparse: %+v, %v; want nothing to examine", rep, err)
		}
	})
}

func mustCreate(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
