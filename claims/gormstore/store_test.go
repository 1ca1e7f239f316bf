package gormstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// clock is a settable clock for WithNow.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// base has nanoseconds, which the store must drop consistently.
var base = time.Date(2026, 3, 14, 15, 9, 26, 535897932, time.UTC)

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// forEach runs fn on every store, each with a clock set to base.
func forEach(t *testing.T, fn func(t *testing.T, s *gormstore.Store, clk *clock)) {
	t.Helper()
	clk := &clock{}
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		clk.Set(base)
		fn(t, s, clk)
	}, gormstore.WithNow(clk.Now))
}

func ptr(f float64) *float64 { return &f }

// topicClaims returns a topic's claims as relations on demand read them.
func topicClaims(s *gormstore.Store, ctx context.Context, topicID string) ([]xref.ClaimView, error) {
	p, _, err := s.PreparedTopic(ctx, topicID)
	if err != nil {
		return nil, err
	}
	return p.Claims(), nil
}

// svc returns the write path of s, which validates and parses what the
// store persists: the tests write as the API, import and demo do.
func svc(s claims.Store) *service.Service { return service.New(s.(service.Persister), nil) }

func wantCode(t *testing.T, what string, err error, want claims.Code) {
	t.Helper()
	if got := claims.ErrorCode(err); got != want {
		t.Fatalf("%s: error code %q (%v), want %q", what, got, err, want)
	}
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// fields returns the fields an error names.
func fields(err error) []string {
	var out []string
	for _, f := range claims.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

// world is a minimal set of records claims can refer to.
type world struct {
	topic    *claims.Topic
	claimant *claims.Claimant
	origin   *claims.Source
	relay    *claims.Source
}

func newWorld(t *testing.T, s *gormstore.Store) world {
	t.Helper()
	ctx := context.Background()
	w := world{
		topic:    &claims.Topic{Title: "Russian nationals fighting with Islamic State"},
		claimant: &claims.Claimant{Name: "Mikhail Bogdanov"},
		origin:   &claims.Source{Name: "TASS", Kind: claims.SourceAgency},
		relay:    &claims.Source{Name: "The Independent", Kind: claims.SourceNews},
	}
	must(t, "create topic", svc(s).CreateTopic(ctx, w.topic))
	must(t, "create claimant", svc(s).CreateClaimant(ctx, w.claimant))
	must(t, "create origin", svc(s).CreateSource(ctx, w.origin))
	must(t, "create relay", svc(s).CreateSource(ctx, w.relay))
	return w
}

// claim returns a valid claim of the world reading text.
func (w world) claim(text string) *claims.Claim {
	return &claims.Claim{
		TopicID: w.topic.ID, ClaimantID: w.claimant.ID, QuantityText: text,
		Provenance: claims.Provenance{SourceID: w.origin.ID},
	}
}

// fullClaim sets every field a claim has.
func (w world) fullClaim() *claims.Claim {
	return &claims.Claim{
		Meta:             claims.Meta{ID: "bogdanov-2015-09"},
		TopicID:          w.topic.ID,
		ClaimantID:       w.claimant.ID,
		Quote:            "  About 2,000 Russians are fighting for IS  ",
		QuantityText:     "2,000",
		Language:         "en",
		OriginalText:     "около двух тысяч",
		OriginalLanguage: "ru",
		AnalystInterval:  &claims.Interval{Low: ptr(1500), High: ptr(2500), Best: ptr(2000.5), Approx: true, Kind: "approximate"},
		Unit:             "people",
		Scope: claims.Scope{
			Places: []string{"Syria", " Iraq "}, Population: "Russian nationals",
			Group: "Islamic State", Measure: claims.Current,
		},
		Provenance: claims.Provenance{
			SourceID: w.origin.ID, URL: "https://tass.com/world/824345",
			ArchiveURL: "https://web.archive.org/web/2015/https://tass.com/world/824345",
			Relays: []claims.Relay{{
				SourceID: w.relay.ID, URL: "https://www.independent.co.uk/a", PublishedOn: "2015-10",
				Note: "paraphrased",
			}, {
				SourceID: w.origin.ID, URL: "https://tass.ru/b", Note: "the Russian edition",
			}},
		},
		Occasion:          "press briefing",
		SaidOn:            "2015-09-29",
		PublishedOn:       "2015-09",
		AsOf:              "2015",
		Since:             "2011",
		EvidenceType:      claims.EvidenceIntelligence,
		Grade:             claims.GradeFair,
		Rank:              claims.RankDeprecated,
		DeprecationReason: "superseded by the FSB's count",
		Notes:             "Stated in Sochi.",
		Tags:              []string{"russia", "is"},
	}
}

func TestRoundTrip(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		parent := &claims.Topic{
			Meta: claims.Meta{ID: "foreign-fighters"}, Title: " Foreign fighters ",
			Description: "All of them", Measure: "people fighting", Unit: "people", Additive: true,
			WindowDays: 90, Tags: []string{"syria", "iraq"},
		}
		must(t, "create parent topic", svc(s).CreateTopic(ctx, parent))
		topic := &claims.Topic{Title: "Chechens", ParentID: parent.ID}
		must(t, "create topic", svc(s).CreateTopic(ctx, topic))
		src := &claims.Source{
			Name: "UN Monitoring Team report", URL: "https://un.org/r", Kind: claims.SourceReport,
			Publisher: "United Nations", Language: "en", PublishedOn: "2015-05", Notes: "S/2015/358",
		}
		must(t, "create source", svc(s).CreateSource(ctx, src))
		claimant := &claims.Claimant{
			Name: "Alexander Bortnikov", Kind: claims.ClaimantPerson, Role: "Director",
			Affiliation: "FSB", Notes: "n",
		}
		must(t, "create claimant", svc(s).CreateClaimant(ctx, claimant))
		claim := w.fullClaim()
		must(t, "create claim", svc(s).CreateClaim(ctx, claim))
		other := w.claim("800")
		must(t, "create claim", svc(s).CreateClaim(ctx, other))
		link := &claims.Link{FromID: claim.ID, ToID: other.ID, Kind: claims.LinkContradicts, Note: "n", Author: "ana"}
		must(t, "create link", svc(s).CreateLink(ctx, link))

		if claim.ID != "bogdanov-2015-09" {
			t.Errorf("CreateClaim changed the given ID to %q", claim.ID)
		}
		if claim.Version != 1 || !claim.CreatedAt.Equal(base.Truncate(time.Microsecond)) || claim.UpdatedAt != claim.CreatedAt {
			t.Errorf("CreateClaim set meta %+v, want version 1 and both times %v", claim.Meta, base.Truncate(time.Microsecond))
		}
		if claim.Parsed == nil || claim.IntervalSource != claims.FromAnalyst || claim.Interval == nil || *claim.Interval.Best != 2000.5 {
			t.Errorf("CreateClaim did not prepare the claim: parsed %v, source %q, interval %v", claim.Parsed, claim.IntervalSource, claim.Interval)
		}
		if topic.ID == "" || !claims.ValidID(topic.ID) {
			t.Errorf("CreateTopic assigned ID %q", topic.ID)
		}

		check := func(what string, got any, err error, want any) {
			t.Helper()
			if err != nil {
				t.Fatalf("find %s: %v", what, err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("find %s: read back differs from written (-want +got):\n%s", what, diff)
			}
		}
		gotParent, err := s.FindTopic(ctx, parent.ID)
		check("topic", gotParent, err, parent)
		gotTopic, err := s.FindTopic(ctx, topic.ID)
		check("topic", gotTopic, err, topic)
		gotSrc, err := s.FindSource(ctx, src.ID)
		check("source", gotSrc, err, src)
		gotClaimant, err := s.FindClaimant(ctx, claimant.ID)
		check("claimant", gotClaimant, err, claimant)
		gotClaim, err := s.FindClaim(ctx, claim.ID)
		check("claim", gotClaim, err, claim)
		gotOther, err := s.FindClaim(ctx, other.ID)
		check("claim", gotOther, err, other)
		gotLink, err := s.FindLink(ctx, link.ID)
		check("link", gotLink, err, link)

		// Update every kind: version, times and the new values.
		clk.Advance(time.Hour)
		updated := base.Add(time.Hour).Truncate(time.Microsecond)
		created := claim.CreatedAt
		gotClaim.Quote = "revised"
		gotClaim.AnalystInterval = nil
		gotClaim.Provenance.Relays = gotClaim.Provenance.Relays[:1]
		gotClaim.Tags = []string{"fsb"}
		gotClaim.CreatedAt = time.Time{} // ignored: the stored one is kept
		must(t, "update claim", svc(s).UpdateClaim(ctx, gotClaim))
		if gotClaim.Version != 2 || !gotClaim.UpdatedAt.Equal(updated) || !gotClaim.CreatedAt.Equal(created) {
			t.Errorf("UpdateClaim meta = %+v, want version 2, created %v, updated %v", gotClaim.Meta, created, updated)
		}
		if gotClaim.IntervalSource != claims.FromParser || *gotClaim.Interval.Best != 2000 {
			t.Errorf("UpdateClaim kept interval %+v from %q, want the parsed 2000", gotClaim.Interval, gotClaim.IntervalSource)
		}
		again, err := s.FindClaim(ctx, claim.ID)
		check("updated claim", again, err, gotClaim)

		gotTopic.Title, gotTopic.ParentID, gotTopic.Tags = "Chechens in Syria", "", []string{"chechnya"}
		must(t, "update topic", svc(s).UpdateTopic(ctx, gotTopic))
		againTopic, err := s.FindTopic(ctx, topic.ID)
		check("updated topic", againTopic, err, gotTopic)
		gotSrc.PublishedOn, gotSrc.Kind = "", claims.SourceNGO
		must(t, "update source", svc(s).UpdateSource(ctx, gotSrc))
		againSrc, err := s.FindSource(ctx, src.ID)
		check("updated source", againSrc, err, gotSrc)
		gotClaimant.Kind = claims.ClaimantOrganisation
		must(t, "update claimant", svc(s).UpdateClaimant(ctx, gotClaimant))
		againClaimant, err := s.FindClaimant(ctx, claimant.ID)
		check("updated claimant", againClaimant, err, gotClaimant)
		gotLink.Kind = claims.LinkCorroborates
		must(t, "update link", svc(s).UpdateLink(ctx, gotLink))
		againLink, err := s.FindLink(ctx, link.ID)
		check("updated link", againLink, err, gotLink)
		for _, v := range []int{againTopic.Version, againSrc.Version, againClaimant.Version, againLink.Version} {
			if v != 2 {
				t.Errorf("version after one update = %d, want 2", v)
			}
		}

		// Delete every kind, dependents first.
		must(t, "delete link", s.DeleteLink(ctx, link.ID, againLink.Version))
		must(t, "delete claim", s.DeleteClaim(ctx, claim.ID, again.Version))
		must(t, "delete topic", s.DeleteTopic(ctx, topic.ID, 0))
		must(t, "delete parent", s.DeleteTopic(ctx, parent.ID, 1))
		must(t, "delete source", s.DeleteSource(ctx, src.ID, 2))
		must(t, "delete claimant", s.DeleteClaimant(ctx, claimant.ID, 2))
		for what, err := range map[string]error{
			"link":     errOf(s.FindLink(ctx, link.ID)),
			"claim":    errOf(s.FindClaim(ctx, claim.ID)),
			"topic":    errOf(s.FindTopic(ctx, topic.ID)),
			"parent":   errOf(s.FindTopic(ctx, parent.ID)),
			"source":   errOf(s.FindSource(ctx, src.ID)),
			"claimant": errOf(s.FindClaimant(ctx, claimant.ID)),
		} {
			wantCode(t, "find deleted "+what, err, claims.CodeNotFound)
		}
	})
}

func errOf[T any](_ T, err error) error { return err }

func TestErrorCodes(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		c := w.claim("800")
		must(t, "create claim", svc(s).CreateClaim(ctx, c))

		wantCode(t, "create invalid topic", svc(s).CreateTopic(ctx, &claims.Topic{Title: " "}), claims.CodeInvalid)
		wantCode(t, "create invalid claim", svc(s).CreateClaim(ctx, w.claim("lots")), claims.CodeInvalid)
		wantCode(t, "create topic with bad ID", svc(s).CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "a b"}, Title: "x"}), claims.CodeInvalid)

		dupTopic := &claims.Topic{Meta: claims.Meta{ID: w.topic.ID}, Title: "again"}
		err := svc(s).CreateTopic(ctx, dupTopic)
		wantCode(t, "create duplicate topic", err, claims.CodeConflict)
		if dupTopic.Version != 0 || !dupTopic.CreatedAt.IsZero() {
			t.Errorf("failed CreateTopic left meta %+v, want it untouched", dupTopic.Meta)
		}
		dupClaim := w.claim("900")
		dupClaim.ID = c.ID
		wantCode(t, "create duplicate claim", svc(s).CreateClaim(ctx, dupClaim), claims.CodeConflict)
		wantCode(t, "create duplicate source", svc(s).CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: w.origin.ID}, Name: "x"}), claims.CodeConflict)
		wantCode(t, "create duplicate claimant", svc(s).CreateClaimant(ctx, &claims.Claimant{Meta: claims.Meta{ID: w.claimant.ID}, Name: "x"}), claims.CodeConflict)

		wantCode(t, "find missing topic", errOf(s.FindTopic(ctx, "nope")), claims.CodeNotFound)
		wantCode(t, "find missing source", errOf(s.FindSource(ctx, "nope")), claims.CodeNotFound)
		wantCode(t, "find missing claimant", errOf(s.FindClaimant(ctx, "nope")), claims.CodeNotFound)
		wantCode(t, "find missing claim", errOf(s.FindClaim(ctx, "nope")), claims.CodeNotFound)
		wantCode(t, "find missing link", errOf(s.FindLink(ctx, "nope")), claims.CodeNotFound)

		wantCode(t, "update missing topic", svc(s).UpdateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "nope", Version: 1}, Title: "x"}), claims.CodeNotFound)
		wantCode(t, "update missing claim", svc(s).UpdateClaim(ctx, &claims.Claim{Meta: claims.Meta{ID: "nope", Version: 1}, TopicID: w.topic.ID, ClaimantID: w.claimant.ID, QuantityText: "1", Provenance: claims.Provenance{SourceID: w.origin.ID}}), claims.CodeNotFound)
		wantCode(t, "delete missing link", s.DeleteLink(ctx, "nope", 0), claims.CodeNotFound)
		wantCode(t, "delete missing claim", s.DeleteClaim(ctx, "nope", 3), claims.CodeNotFound)

		// Stale writes.
		fresh := *w.topic
		fresh.Title = "first"
		must(t, "update topic", svc(s).UpdateTopic(ctx, &fresh))
		late := *w.topic // still at version 1
		late.Title = "second"
		err = svc(s).UpdateTopic(ctx, &late)
		wantCode(t, "update stale topic", err, claims.CodeStale)
		if late.Version != 1 {
			t.Errorf("failed UpdateTopic changed the version to %d", late.Version)
		}
		if msg := claims.ErrorMessage(err); msg == "" || !contains(msg, "version 2") {
			t.Errorf("stale message %q does not give the current version", msg)
		}
		wantCode(t, "delete stale topic", s.DeleteTopic(ctx, w.topic.ID, 1), claims.CodeStale)
		got, err := s.FindTopic(ctx, w.topic.ID)
		must(t, "find topic", err)
		if got.Title != "first" || got.Version != 2 {
			t.Errorf("after a stale update the topic is %q at version %d, want %q at 2", got.Title, got.Version, "first")
		}

		// Invalid listings.
		for _, o := range []claims.ListOptions{
			{Sort: "quote"}, {Sort: "-nope"}, {Limit: -1}, {Limit: claims.MaxLimit + 1},
			{Cursor: "!!!"}, {Cursor: "e30"}, {Cursor: "bm90IGpzb24"},
		} {
			wantCode(t, "list claims "+o.Sort+o.Cursor, errOf(s.ListClaims(ctx, claims.ClaimFilter{ListOptions: o})), claims.CodeInvalid)
		}
		wantCode(t, "list claims from a bad date", errOf(s.ListClaims(ctx, claims.ClaimFilter{From: "2015-13"})), claims.CodeInvalid)
	})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestReferences(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)

		c := w.claim("800")
		c.TopicID, c.ClaimantID, c.Provenance.SourceID = "no-topic", "no-claimant", "no-source"
		c.Provenance.Relays = []claims.Relay{{SourceID: w.relay.ID}, {SourceID: w.origin.ID}, {SourceID: "no-relay"}}
		err := svc(s).CreateClaim(ctx, c)
		wantCode(t, "create claim with missing references", err, claims.CodeInvalid)
		want := []string{"topic_id", "claimant_id", "provenance.source_id", "provenance.relays[2].source_id"}
		if diff := cmp.Diff(want, fields(err)); diff != "" {
			t.Errorf("create claim with missing references: fields (-want +got):\n%s", diff)
		}
		if c.ID != "" {
			t.Errorf("failed CreateClaim left ID %q", c.ID)
		}

		err = svc(s).CreateTopic(ctx, &claims.Topic{Title: "x", ParentID: "no-topic"})
		wantCode(t, "create topic with missing parent", err, claims.CodeInvalid)
		if diff := cmp.Diff([]string{"parent_id"}, fields(err)); diff != "" {
			t.Errorf("create topic with missing parent: fields (-want +got):\n%s", diff)
		}

		err = svc(s).CreateLink(ctx, &claims.Link{FromID: "no-claim", ToID: "no-other", Kind: claims.LinkContradicts})
		wantCode(t, "create link with missing claims", err, claims.CodeInvalid)
		if diff := cmp.Diff([]string{"from_id", "to_id"}, fields(err)); diff != "" {
			t.Errorf("create link with missing claims: fields (-want +got):\n%s", diff)
		}

		// A chain a <- b <- c cannot be closed into a cycle.
		a := &claims.Topic{Title: "a"}
		must(t, "create a", svc(s).CreateTopic(ctx, a))
		b := &claims.Topic{Title: "b", ParentID: a.ID}
		must(t, "create b", svc(s).CreateTopic(ctx, b))
		cc := &claims.Topic{Title: "c", ParentID: b.ID}
		must(t, "create c", svc(s).CreateTopic(ctx, cc))
		a.ParentID = cc.ID
		err = svc(s).UpdateTopic(ctx, a)
		wantCode(t, "close a topic cycle", err, claims.CodeInvalid)
		if diff := cmp.Diff([]string{"parent_id"}, fields(err)); diff != "" {
			t.Errorf("close a topic cycle: fields (-want +got):\n%s", diff)
		}
		a.ParentID = a.ID
		wantCode(t, "make a topic its own parent", svc(s).UpdateTopic(ctx, a), claims.CodeInvalid)
		a.ParentID = w.topic.ID
		must(t, "move a under another topic", svc(s).UpdateTopic(ctx, a))
	})
}

func TestDeleteConflicts(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		onlyRelay := &claims.Source{Name: "relay only"}
		must(t, "create source", svc(s).CreateSource(ctx, onlyRelay))
		c1 := w.claim("800")
		c1.Provenance.Relays = []claims.Relay{{SourceID: onlyRelay.ID}}
		must(t, "create claim", svc(s).CreateClaim(ctx, c1))
		c2 := w.claim("900")
		must(t, "create claim", svc(s).CreateClaim(ctx, c2))
		link := &claims.Link{FromID: c2.ID, ToID: c1.ID, Kind: claims.LinkSupersedes}
		must(t, "create link", svc(s).CreateLink(ctx, link))
		child := &claims.Topic{Title: "child", ParentID: w.topic.ID}
		must(t, "create child topic", svc(s).CreateTopic(ctx, child))

		for _, tc := range []struct {
			name string
			err  error
			want string
		}{
			{"topic with claims and a child", s.DeleteTopic(ctx, w.topic.ID, 0), "2 claims and 1 sub-topic:"},
			{"origin source", s.DeleteSource(ctx, w.origin.ID, 0), "2 claims"},
			{"relay-only source", s.DeleteSource(ctx, onlyRelay.ID, 1), "1 claim:"},
			{"claimant", s.DeleteClaimant(ctx, w.claimant.ID, 0), "2 claims"},
			{"linked claim (to)", s.DeleteClaim(ctx, c1.ID, 0), "1 link:"},
			{"linked claim (from)", s.DeleteClaim(ctx, c2.ID, 1), "1 link:"},
		} {
			wantCode(t, "delete "+tc.name, tc.err, claims.CodeConflict)
			if msg := claims.ErrorMessage(tc.err); !contains(msg, tc.want) {
				t.Errorf("delete %s: message %q does not say %q", tc.name, msg, tc.want)
			}
		}
		// Nothing was deleted.
		for _, id := range []string{c1.ID, c2.ID} {
			must(t, "find claim", errOf(s.FindClaim(ctx, id)))
		}
		// Once the references are gone, deletes succeed.
		must(t, "delete link", s.DeleteLink(ctx, link.ID, 0))
		must(t, "delete claim", s.DeleteClaim(ctx, c1.ID, 1))
		must(t, "delete relay-only source", s.DeleteSource(ctx, onlyRelay.ID, 0))
	})
}

func TestConcurrentUpdatesOneWins(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		c := w.claim("800")
		must(t, "create claim", svc(s).CreateClaim(ctx, c))
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				mine := *c
				mine.Notes = "writer " + string(rune('a'+i))
				errs[i] = svc(s).UpdateClaim(ctx, &mine)
			})
		}
		wg.Wait()
		won := 0
		for i, err := range errs {
			switch claims.ErrorCode(err) {
			case "":
				won++
			case claims.CodeStale:
			default:
				t.Errorf("writer %d: %v, want nil or stale", i, err)
			}
		}
		if won != 1 {
			t.Errorf("%d of %d concurrent updates from version 1 won, want exactly 1", won, n)
		}
		got, err := s.FindClaim(ctx, c.ID)
		must(t, "find claim", err)
		if got.Version != 2 {
			t.Errorf("version after the race = %d, want 2", got.Version)
		}
	})
}

func TestAtomically(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, clk *clock) {
		ctx := context.Background()
		w := newWorld(t, s)
		boom := errors.New("boom")
		var topicID, claimID string
		err := s.Atomically(ctx, func(tx claims.Store) error {
			top := &claims.Topic{Title: "rolled back"}
			if err := svc(tx).CreateTopic(ctx, top); err != nil {
				return err
			}
			topicID = top.ID
			c := w.claim("5")
			c.TopicID = top.ID
			c.Tags = []string{"gone"}
			if err := svc(tx).CreateClaim(ctx, c); err != nil {
				return err
			}
			claimID = c.ID
			// Nested calls reuse the transaction and see its writes.
			return tx.Atomically(ctx, func(tx2 claims.Store) error {
				if _, err := tx2.FindClaim(ctx, claimID); err != nil {
					return err
				}
				// A failed write inside leaves the transaction usable.
				wantCode(t, "duplicate inside", svc(tx2).CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: topicID}, Title: "dup"}), claims.CodeConflict)
				if err := svc(tx2).UpdateSource(ctx, w.origin); err != nil {
					return err
				}
				return boom
			})
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Atomically = %v, want the function's error", err)
		}
		wantCode(t, "find rolled-back topic", errOf(s.FindTopic(ctx, topicID)), claims.CodeNotFound)
		wantCode(t, "find rolled-back claim", errOf(s.FindClaim(ctx, claimID)), claims.CodeNotFound)
		page, err := s.ListClaims(ctx, claims.ClaimFilter{Tag: "gone"})
		must(t, "list claims", err)
		if len(page.Items) != 0 {
			t.Errorf("rolled-back claim still listed by tag")
		}
		src, err := s.FindSource(ctx, w.origin.ID)
		must(t, "find source", err)
		if src.Version != 1 {
			t.Errorf("rolled-back update left the source at version %d", src.Version)
		}

		// A failed write inside, handled by fn, does not stop the commit.
		var kept string
		err = s.Atomically(ctx, func(tx claims.Store) error {
			wantCode(t, "invalid inside", svc(tx).CreateTopic(ctx, &claims.Topic{}), claims.CodeInvalid)
			wantCode(t, "duplicate inside", svc(tx).CreateSource(ctx, &claims.Source{Meta: claims.Meta{ID: w.origin.ID}, Name: "dup"}), claims.CodeConflict)
			top := &claims.Topic{Title: "kept"}
			err := svc(tx).CreateTopic(ctx, top)
			kept = top.ID
			return err
		})
		must(t, "Atomically", err)
		must(t, "find committed topic", errOf(s.FindTopic(ctx, kept)))
	})
}
