package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/service"
)

// TestChangeClaims stores claims that report a change ("fell by 3,000",
// "rose by 12%", an analyst's negative change), reads them back, and
// carries them through a JSON export validated against the schema, a
// JSON import and a CSV round trip, on each database. A negative
// interval that does not say it is a change is refused, naming the field.
func TestChangeClaims(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, src *gormstore.Store) {
		ctx := context.Background()
		w := service.New(src, nil)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(w.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "ch-t"}, Title: "Fighters abroad", Unit: "people"}))
		must(w.CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: "ch-s"}, Name: "Outlet", Kind: claims.SourceNews}))
		must(w.CreateClaimant(ctx, &claims.Claimant{Meta: claims.Meta{ID: "ch-a"}, Name: "Ministry", Kind: claims.ClaimantOrganisation}))
		base := func(id, text string) *claims.Claim {
			return &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: "ch-t", ClaimantID: "ch-a", Language: "en",
				Quote: "The number " + text + ".", QuantityText: text, AsOf: "2016", Since: "2015",
				Scope: claims.Scope{Measure: claims.Cumulative}, Provenance: claims.Provenance{SourceID: "ch-s"}}
		}
		fell := base("ch-fell", "fell by 3,000")
		must(w.CreateClaim(ctx, fell))
		rose := base("ch-rose", "rose by 12%")
		must(w.CreateClaim(ctx, rose))
		ru := base("ch-ru", "снизилось на 5 тысяч")
		ru.Language = "ru"
		must(w.CreateClaim(ctx, ru))
		hand := base("ch-hand", "dropped sharply")
		hand.AnalystInterval = &claims.Interval{Low: f64(-5000), High: f64(-2000), Best: f64(-3500), Kind: quantity.Change}
		must(w.CreateClaim(ctx, hand))

		for id, want := range map[string][3]float64{"ch-fell": {-3000, -3000, -3000}, "ch-rose": {12, 12, 12}, "ch-ru": {-5000, -5000, -5000}, "ch-hand": {-5000, -2000, -3500}} {
			c, err := src.FindClaim(ctx, id)
			must(err)
			iv := c.Interval
			if iv == nil || iv.Kind != quantity.Change || iv.Low == nil || iv.High == nil || iv.Best == nil ||
				*iv.Low != want[0] || *iv.High != want[1] || *iv.Best != want[2] {
				t.Errorf("%s: stored interval %+v, want a change %v", id, iv, want)
			}
		}

		// A negative interval that is not a change is still refused.
		neg := base("ch-neg", "minus 5")
		neg.AnalystInterval = &claims.Interval{Low: f64(-5), High: f64(-5), Best: f64(-5)}
		err := w.CreateClaim(ctx, neg)
		var ce *claims.Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "analyst_interval.low") {
			t.Errorf("a negative interval of kind %q: %v, want a problem naming analyst_interval.low", neg.AnalystInterval.Kind, err)
		}

		claimsOf := func(s exchange.Store) []string {
			var out []string
			must(s.EachClaim(ctx, exchange.Filter{}, func(c *claims.Claim) error {
				b, _ := json.Marshal(c)
				out = append(out, string(b))
				return nil
			}))
			return out
		}
		// JSON: the export validates against the schema (export checks it)
		// and imports back unchanged.
		doc := export(t, src, exchange.JSON, exchange.Filter{}, t0)
		if !bytes.Contains(doc, []byte(`"kind": "change"`)) && !bytes.Contains(doc, []byte(`"kind":"change"`)) {
			t.Fatalf("the export holds no change interval")
		}
		dst := reopenEmpty(t, src)
		if rep, err := importBytes(t, dst, exchange.JSON, doc, false); err != nil {
			t.Fatalf("import: %v\n%+v", err, rep)
		}
		if d := cmp.Diff(claimsOf(src), claimsOf(dst)); d != "" {
			t.Errorf("change claims after a JSON round trip (-before +after):\n%s", d)
		}
		// CSV, with the neighbours from a JSON export without claims.
		csvDoc := export(t, src, exchange.CSV, exchange.Filter{}, t0)
		var m map[string]any
		must(json.Unmarshal(doc, &m))
		m["claims"], m["links"], m["reviews"] = []any{}, []any{}, []any{}
		rest, _ := json.Marshal(m)
		dst2 := reopenEmpty(t, src)
		if _, err := importBytes(t, dst2, exchange.JSON, rest, false); err != nil {
			t.Fatal(err)
		}
		if rep, err := importBytes(t, dst2, exchange.CSV, csvDoc, false); err != nil {
			t.Fatalf("import CSV: %v\n%+v", err, rep.Errors)
		}
		if d := cmp.Diff(claimsOf(src), claimsOf(dst2)); d != "" {
			t.Errorf("change claims after a CSV round trip (-before +after):\n%s", d)
		}
	})
}
