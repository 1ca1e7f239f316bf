package gormstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// importDoc imports records, given as (type, record) pairs, as an NDJSON
// exchange document.
func importDoc(t *testing.T, s *gormstore.Store, recs ...any) {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"type\":\"header\",\"schema_version\":%d,\"exported_at\":\"2026-01-01T00:00:00Z\"}\n", claims.BundleSchemaVersion)
	for i := 0; i < len(recs); i += 2 {
		rec, err := json.Marshal(recs[i+1])
		must(t, "encode record", err)
		fmt.Fprintf(&b, "{\"type\":%q,\"record\":%s}\n", recs[i], rec)
	}
	rep, err := exchange.Import(context.Background(), s, &b, exchange.ImportOptions{Format: exchange.NDJSON})
	if err != nil {
		t.Fatalf("import: %v (%+v)", err, rep.Errors)
	}
}

// TestBulkRecomputeEqualsFresh imports a family of topics (parents,
// children, a grandchild) with links and reviews into an empty database,
// then updates and adds claims by a second import, and requires every
// topic's stored summaries to equal a fresh recompute: with the default
// batch limits and with limits small enough that every family spans many
// batches and the claim cache evicts. A second family holds parts of its
// parents' statements in its children (see partsFamily), so that a
// parent's sums of parts are compared too.
func TestBulkRecomputeEqualsFresh(t *testing.T) {
	for _, lim := range []struct {
		name                              string
		batchClaims, topics, cache, pairs int
	}{
		{"default", 0, 0, 0, 0},
		{"small batches", 7, 2, 5, 1 << 30},
		// Few claims a batch by the pairs they compare: every topic with
		// claims is a batch of its own.
		{"few pairs", 1 << 30, 1 << 30, 1 << 30, 1},
	} {
		t.Run(lim.name, func(t *testing.T) {
			if lim.batchClaims > 0 {
				t.Cleanup(gormstore.SetRecomputeLimits(lim.batchClaims, lim.topics, lim.cache, lim.pairs))
			}
			forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
				testBulkRecompute(t, s)
			})
		})
	}
}

func testBulkRecompute(t *testing.T, s *gormstore.Store) {
	rng := rand.New(rand.NewPCG(7, 8))
	topics := []*claims.Topic{
		{Meta: claims.Meta{ID: "r0"}, Title: "Foreign fighters", Additive: true},
		{Meta: claims.Meta{ID: "r0-a"}, Title: "Russians", Additive: true, ParentID: "r0"},
		{Meta: claims.Meta{ID: "r0-a-x"}, Title: "Chechens", Additive: true, ParentID: "r0-a", WindowDays: 60},
		{Meta: claims.Meta{ID: "r0-b"}, Title: "Central Asians", Additive: true, ParentID: "r0"},
		{Meta: claims.Meta{ID: "r0-c"}, Title: "Europeans", ParentID: "r0"},
		{Meta: claims.Meta{ID: "r1"}, Title: "Casualties"},
		{Meta: claims.Meta{ID: "r1-a"}, Title: "Civilian casualties", ParentID: "r1", WindowDays: 3000},
		{Meta: claims.Meta{ID: "r2"}, Title: "Empty topic"},
	}
	var recs []any
	for _, tp := range topics {
		recs = append(recs, "topic", tp)
	}
	for i := range 2 {
		recs = append(recs, "source", &claims.Source{Meta: claims.Meta{ID: fmt.Sprintf("s%d", i)}, Name: fmt.Sprintf("Source %d", i), Kind: claims.SourceNews})
	}
	for i := range 3 {
		recs = append(recs, "claimant", &claims.Claimant{Meta: claims.Meta{ID: fmt.Sprintf("k%d", i)}, Name: fmt.Sprintf("Claimant %d", i)})
	}
	texts := []string{"about 800", "a few dozen", "2,400", "at least 500", "up to 3000", "1,700", "40", "hundreds", "several hundred", "no figure"}
	places := [][]string{nil, {"Syria"}, {"Iraq"}, {"Syria", "Iraq"}, {"Raqqa"}, {"Dabiq"}}
	randomClaim := func(id string) *claims.Claim {
		c := &claims.Claim{
			Meta:         claims.Meta{ID: id},
			TopicID:      topics[rng.IntN(len(topics)-1)].ID,
			ClaimantID:   fmt.Sprintf("k%d", rng.IntN(3)),
			QuantityText: texts[rng.IntN(len(texts))],
			SaidOn:       claims.Date(fmt.Sprintf("2015-%02d", 1+rng.IntN(12))),
			Scope:        claims.Scope{Places: places[rng.IntN(len(places))]},
			Provenance:   claims.Provenance{SourceID: fmt.Sprintf("s%d", rng.IntN(2))},
		}
		if c.QuantityText == "no figure" {
			c.QuantityText, c.NoNumber = "", true
		}
		if rng.IntN(3) == 0 {
			c.Occasion = "press conference"
		}
		if rng.IntN(5) == 0 {
			c.Provenance.Relays = []claims.Relay{{SourceID: "s1"}}
		}
		if rng.IntN(12) == 0 {
			c.Rank, c.DeprecationReason = claims.RankDeprecated, "misquoted"
		}
		return c
	}
	var ids []string
	for i := range 120 {
		c := randomClaim(fmt.Sprintf("c-%03d", i))
		ids = append(ids, c.ID)
		recs = append(recs, "claim", c)
	}
	kinds := []claims.LinkKind{claims.LinkUnrelated, claims.LinkContradicts, claims.LinkDerivedFrom, claims.LinkSupersedes}
	for i := range 20 {
		a, b := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		if a != b {
			recs = append(recs, "link", &claims.Link{Meta: claims.Meta{ID: fmt.Sprintf("l-%02d", i)}, FromID: a, ToID: b, Kind: kinds[rng.IntN(len(kinds))]})
		}
	}
	pairs := map[[2]string]bool{}
	for i := range 10 {
		a, b := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		if a > b {
			a, b = b, a
		}
		if a == b || pairs[[2]string{a, b}] {
			continue
		}
		pairs[[2]string{a, b}] = true
		recs = append(recs, "review", &claims.Review{Meta: claims.Meta{ID: fmt.Sprintf("v-%02d", i)}, ClaimA: a, ClaimB: b,
			Status: claims.ReviewDismissed, Resolution: "checked", Author: "ak"})
	}
	family, parts := partsFamily()
	recs = append(recs, family...)
	importDoc(t, s, recs...)
	all := make([]string, len(topics))
	for i, tp := range topics {
		all[i] = tp.ID
	}
	all = append(all, "p9", "m0", "p9-b", "g-x", "n-y")
	checkCurrent(t, s, all...)
	checkSumsOfParts(t, s, map[string]int{"p9": 2, "m0": 2})

	// Into a database that is not empty: claims move between topics and
	// change, new ones arrive.
	recs = recs[:0]
	for i, k := range rng.Perm(len(ids))[:30] {
		c := randomClaim(ids[k])
		c.Version = 2 + i
		recs = append(recs, "claim", c)
	}
	for i := range 20 {
		recs = append(recs, "claim", randomClaim(fmt.Sprintf("d-%03d", i)))
	}
	// Of m0's statement "summit", g-x's part falls below the whole's
	// excess; of the date statement, n-y's part moves to g-x, where it
	// is still a part but no longer of a second topic.
	small := *parts["g-x summit"]
	small.Version, small.QuantityText, small.Interval, small.Parsed = 2, "50", nil, nil
	moved := *parts["n-y dated"]
	moved.Version, moved.TopicID = 2, "g-x"
	recs = append(recs, "claim", &small, "claim", &moved)
	importDoc(t, s, recs...)
	checkCurrent(t, s, all...)
	checkSumsOfParts(t, s, map[string]int{"p9": 2, "m0": 0})
}

// partsFamily returns the records of a family whose children give parts
// of their parent's statements: p9 with the children m0 and p9-b, and m0
// (a middle topic whose ID sorts before its parent's) with the children
// g-x (whose ID sorts before both) and n-y. Each parent has two totals,
// one a statement by occasion (same claimant, the occasion folded), one
// by date (same claimant, said_on and origin source), that the parts of
// two children exceed; other claims of the children share the claimant
// but not the statement, or the statement's occasion but not the
// claimant. It returns the parts by child and statement too.
func partsFamily() (recs []any, parts map[string]*claims.Claim) {
	topic := func(id, parent string) *claims.Topic {
		return &claims.Topic{Meta: claims.Meta{ID: id}, Title: "Fighters " + id, Additive: true, ParentID: parent}
	}
	recs = []any{"topic", topic("p9", ""), "topic", topic("m0", "p9"), "topic", topic("p9-b", "p9"),
		"topic", topic("g-x", "m0"), "topic", topic("n-y", "m0")}
	parts = map[string]*claims.Claim{}
	n := 0
	claim := func(topic, claimant, occasion, saidOn, source, text string) *claims.Claim {
		n++
		c := &claims.Claim{Meta: claims.Meta{ID: fmt.Sprintf("f-%02d", n)}, TopicID: topic, ClaimantID: claimant,
			QuantityText: text, Occasion: occasion, SaidOn: claims.Date(saidOn),
			Scope: claims.Scope{Places: []string{"Syria"}}, Provenance: claims.Provenance{SourceID: source}}
		recs = append(recs, "claim", c)
		return c
	}
	// p9: a briefing's whole of 1,000 against parts of 800 and 700, and a
	// dated whole of 2,000 against 1,500 and 900.
	claim("p9", "k0", "Briefing in Moscow", "2015-03-01", "s0", "1,000")
	parts["m0 briefing"] = claim("m0", "k0", "briefing in moscow", "2015-03-01", "s1", "800")
	parts["p9-b briefing"] = claim("p9-b", "k0", "BRIEFING IN MOSCOW", "", "s0", "700")
	claim("p9", "k1", "", "2015-04-02", "s0", "2,000")
	parts["m0 dated"] = claim("m0", "k1", "", "2015-04-02", "s0", "1,500")
	parts["p9-b dated"] = claim("p9-b", "k1", "", "2015-04-02", "s0", "900")
	// m0: a summit's whole of 500 against 400 and 300, a dated whole of
	// 600 against 450 and 350.
	claim("m0", "k2", "Summit", "2015-05-01", "s1", "500")
	parts["g-x summit"] = claim("g-x", "k2", "summit", "2015-05-03", "s0", "400")
	parts["n-y summit"] = claim("n-y", "k2", "summit", "", "s1", "300")
	claim("m0", "k0", "", "2015-06-05", "s1", "600")
	parts["g-x dated"] = claim("g-x", "k0", "", "2015-06-05", "s1", "450")
	parts["n-y dated"] = claim("n-y", "k0", "", "2015-06-05", "s1", "350")
	// Not parts: the claimant without the statement, the occasion or the
	// date without the claimant, the date without the source.
	claim("p9-b", "k0", "press conference", "2015-03-01", "s0", "5,000")
	claim("m0", "k2", "briefing in moscow", "2015-03-01", "s0", "4,000")
	claim("n-y", "k1", "summit", "2015-06-05", "s1", "3,000")
	claim("g-x", "k0", "", "2015-06-05", "s0", "2,500")
	return recs, parts
}

// checkSumsOfParts requires each topic's stored result to have the given
// number of sums of parts above a whole, so that the families of
// partsFamily are known to exercise them.
func checkSumsOfParts(t *testing.T, s *gormstore.Store, want map[string]int) {
	t.Helper()
	for id, n := range want {
		if sums := storedResult(t, s, id).SumOfParts; len(sums) != n {
			t.Errorf("topic %s has %d sums of parts above a whole, want %d: %+v", id, len(sums), n, sums)
		}
	}
}

// TestRecomputeHoldsTopicNotFamily imports a parent topic with a few
// claims and three children with many, of which a few report the
// parent's statement, with limits that put every topic in a batch of its
// own and evict every claim between batches. The recompute must never
// hold more claims than the largest child with its parent (the parent's
// batch reads of its children only the parts of its statements, not the
// whole family), and its results, sums of parts included, must equal a
// fresh recompute.
func TestRecomputeHoldsTopicNotFamily(t *testing.T) {
	t.Cleanup(gormstore.SetRecomputeLimits(1, 1<<30, 1, 1<<30))
	const parentClaims, childClaims, partsPerChild = 5, 40, 2
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		var peaks []int
		t.Cleanup(gormstore.OnRecompute(func(peak int) { peaks = append(peaks, peak) }))
		recs := []any{
			"topic", &claims.Topic{Meta: claims.Meta{ID: "p"}, Title: "Foreign fighters", Additive: true},
			"source", &claims.Source{Meta: claims.Meta{ID: "s0"}, Name: "Source 0", Kind: claims.SourceNews},
			"claimant", &claims.Claimant{Meta: claims.Meta{ID: "k0"}, Name: "Minister"},
			"claimant", &claims.Claimant{Meta: claims.Meta{ID: "k1"}, Name: "Spokesman"},
		}
		claim := func(id, topic, claimant, occasion, text string) *claims.Claim {
			return &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: topic, ClaimantID: claimant, QuantityText: text,
				Occasion: occasion, SaidOn: "2015-06-01", Scope: claims.Scope{Places: []string{"Syria"}},
				Provenance: claims.Provenance{SourceID: "s0"}}
		}
		for i := range parentClaims {
			recs = append(recs, "claim", claim(fmt.Sprintf("p-%02d", i), "p", "k0", fmt.Sprintf("briefing %d", i), "1,000"))
		}
		for _, child := range []string{"a", "b", "c"} {
			recs = append(recs, "topic", &claims.Topic{Meta: claims.Meta{ID: child}, Title: "Part " + child, Additive: true, ParentID: "p"})
			for i := range childClaims {
				c := claim(fmt.Sprintf("%s-%02d", child, i), child, "k1", fmt.Sprintf("interview %d", i), "300")
				if i < partsPerChild {
					// The parent's statement "briefing i" gives this part too.
					c.ClaimantID, c.Occasion, c.QuantityText = "k0", fmt.Sprintf("briefing %d", i), "800"
				}
				recs = append(recs, "claim", c)
			}
		}
		importDoc(t, s, recs...)
		if len(peaks) != 1 {
			t.Fatalf("the import ran %d batched recomputes, want 1", len(peaks))
		}
		if limit := childClaims + parentClaims; peaks[0] > limit || peaks[0] < childClaims {
			t.Errorf("the recompute held up to %d claims at once, want between %d (a child) and %d (a child and its parent), not the family's %d",
				peaks[0], childClaims, limit, parentClaims+3*childClaims)
		}
		checkCurrent(t, s, "p", "a", "b", "c")
		if sums := storedResult(t, s, "p").SumOfParts; len(sums) != partsPerChild {
			t.Errorf("the parent has %d sums of parts above its total, want %d (one a briefing given parts): %+v", len(sums), partsPerChild, sums)
		}
	})
}

// TestRecomputeHoldsSlimClaims imports a topic whose claims carry quotes,
// notes, tags, relays and original wording, with a parent and the same
// places, units and intervals again and again. The claims the recompute
// holds must carry none of that text (the engine reads none of it), and
// claims that have a text, a list of places or an interval in common must
// share one copy of it: at a million claims the recompute holds the
// largest topic with its parent (about 97,000 claims) at once. The
// summaries must still equal a fresh recompute, which reads claims whole.
func TestRecomputeHoldsSlimClaims(t *testing.T) {
	const n = 30
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		var read []xref.ClaimView
		t.Cleanup(gormstore.OnRecomputeRead(func(vs []xref.ClaimView) { read = append(read, vs...) }))
		recs := []any{
			"topic", &claims.Topic{Meta: claims.Meta{ID: "p"}, Title: "Fighters", Additive: true},
			"topic", &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: "Fighters from Europe", Additive: true, ParentID: "p"},
			"source", &claims.Source{Meta: claims.Meta{ID: "s0"}, Name: "Source 0", Kind: claims.SourceNews},
			"claimant", &claims.Claimant{Meta: claims.Meta{ID: "k0"}, Name: "Minister"},
		}
		for i := range n {
			topic := "t"
			if i%3 == 0 {
				topic = "p"
			}
			recs = append(recs, "claim", &claims.Claim{Meta: claims.Meta{ID: fmt.Sprintf("c-%02d", i)}, TopicID: topic,
				ClaimantID: "k0", QuantityText: []string{"about 3,000", "5,000", "at least 800"}[i%3], Unit: "people",
				Quote: fmt.Sprintf("we counted them, %d", i), OriginalText: "nous les avons comptés", Notes: "a note", Tags: []string{"tag"},
				Occasion: fmt.Sprintf("briefing %d", i%4), SaidOn: "2015-06-01", Scope: claims.Scope{Places: []string{"Syria", "Iraq"}},
				Provenance: claims.Provenance{SourceID: "s0", URL: "https://example.org/a",
					Relays: []claims.Relay{{SourceID: "s0", URL: "https://example.org/b", Note: "relayed"}}}})
		}
		importDoc(t, s, recs...)
		if len(read) != n {
			t.Fatalf("the recompute read %d claims, want %d (each topic once)", len(read), n)
		}
		first := map[string]xref.ClaimView{}
		for _, v := range read {
			c := v.Claim
			if c.Quote != "" || c.OriginalText != "" || c.Notes != "" || c.Tags != nil || c.Provenance.URL != "" || c.Provenance.Relays != nil || c.Parsed != nil {
				t.Fatalf("claim %s held with text the engine does not read: %+v", c.ID, *c)
			}
			f, ok := first[c.QuantityText]
			if !ok {
				first[c.QuantityText] = v
				continue
			}
			if unsafe.StringData(c.Unit) != unsafe.StringData(f.Unit) || unsafe.StringData(string(c.SaidOn)) != unsafe.StringData(string(f.SaidOn)) ||
				unsafe.StringData(c.Provenance.SourceID) != unsafe.StringData(f.Provenance.SourceID) {
				t.Errorf("claims %s and %s hold copies of the same texts", f.ID, c.ID)
			}
			if &c.Scope.Places[0] != &f.Scope.Places[0] {
				t.Errorf("claims %s and %s hold copies of the same places", f.ID, c.ID)
			}
			if c.Interval == nil || c.Interval != f.Interval {
				t.Errorf("claims %s and %s (both %q) hold copies of the same interval", f.ID, c.ID, c.QuantityText)
			}
		}
		checkCurrent(t, s, "p", "t")
	})
}

// TestWriteRecomputesParts imports the family of partsFamily, then edits
// children's claims one write at a time (the path of a single write,
// which recomputes the claim's topic with its parent, and reads the
// parent's other children's parts from the database): after each write
// the family's stored summaries must equal a fresh recompute.
func TestWriteRecomputesParts(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		recs := []any{
			"source", &claims.Source{Meta: claims.Meta{ID: "s0"}, Name: "Source 0", Kind: claims.SourceNews},
			"source", &claims.Source{Meta: claims.Meta{ID: "s1"}, Name: "Source 1", Kind: claims.SourceNews},
		}
		for i := range 3 {
			recs = append(recs, "claimant", &claims.Claimant{Meta: claims.Meta{ID: fmt.Sprintf("k%d", i)}, Name: fmt.Sprintf("Claimant %d", i)})
		}
		family, _ := partsFamily()
		importDoc(t, s, append(recs, family...)...)
		all := []string{"p9", "m0", "p9-b", "g-x", "n-y"}
		checkCurrent(t, s, all...)
		edit := func(id string, fn func(c *claims.Claim)) {
			t.Helper()
			c, err := s.FindClaim(ctx, id)
			must(t, "find claim", err)
			fn(c)
			must(t, "update claim "+id, svc(s).UpdateClaim(ctx, c))
			checkCurrent(t, s, all...)
		}
		// p9-b's press conference becomes a part of p9's briefing (the
		// largest of p9-b's), m0's briefing of k2 moves to k0, g-x's
		// claim of the other source becomes a part of m0's dated whole.
		edit("f-13", func(c *claims.Claim) { c.Occasion = " Briefing in MOSCOW" })
		edit("f-14", func(c *claims.Claim) { c.ClaimantID = "k0" })
		edit("f-16", func(c *claims.Claim) { c.Provenance.SourceID = "s1" })
		// A part leaves its statement, another moves to a sibling.
		edit("f-02", func(c *claims.Claim) { c.Occasion = "another briefing" })
		edit("f-06", func(c *claims.Claim) { c.TopicID = "m0" })
		edit("f-12", func(c *claims.Claim) { c.SaidOn = "2015-06" })
		if sums := storedResult(t, s, "p9").SumOfParts; len(sums) == 0 {
			t.Errorf("p9 has no sums of parts after the edits")
		}
	})
}
