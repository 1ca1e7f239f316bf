package service

import (
	"context"
	"errors"
	"maps"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// fake is an in-memory Persister for the service's own logic: it records
// the order of the calls it gets and what each record looked like when it
// arrived. Storage itself is tested against real databases in gormstore.
type fake struct {
	claims.Store // nil: a call the test does not expect panics
	calls        []string
	claims       map[string]claims.Claim
	topics       map[string]claims.Topic
	fail         error // returned by the next write
}

func newFake() *fake {
	return &fake{claims: map[string]claims.Claim{}, topics: map[string]claims.Topic{}}
}

func (f *fake) CreateClaim(_ context.Context, c *claims.Claim) error {
	f.calls = append(f.calls, "persist claim")
	if f.fail != nil {
		return f.fail
	}
	f.claims[c.ID] = *c
	return nil
}

func (f *fake) CreateTopic(_ context.Context, t *claims.Topic) error {
	f.calls = append(f.calls, "persist topic")
	if f.fail != nil {
		return f.fail
	}
	f.topics[t.ID] = *t
	return nil
}

func (f *fake) DeleteClaimCascade(context.Context, string, int) error { return nil }

// Atomically keeps the writes of fn only when it returns nil.
func (f *fake) Atomically(_ context.Context, fn func(tx claims.Store) error) error {
	f.calls = append(f.calls, "begin")
	cs, ts := maps.Clone(f.claims), maps.Clone(f.topics)
	if err := fn(f); err != nil {
		f.claims, f.topics = cs, ts
		f.calls = append(f.calls, "rollback")
		return err
	}
	f.calls = append(f.calls, "commit")
	return nil
}

func claim(id, text string) *claims.Claim {
	return &claims.Claim{Meta: claims.Meta{ID: id}, TopicID: "t", ClaimantID: "c", QuantityText: text,
		Provenance: claims.Provenance{SourceID: "s"}}
}

// A claim reaches the persister validated and parsed, its interval in
// force settled; a claim that fails validation never reaches it.
func TestWriteValidatesAndParsesBeforePersisting(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	s := New(f, nil)

	if err := s.CreateClaim(ctx, claim("a", "  about 2,000 fighters ")); err != nil {
		t.Fatal(err)
	}
	got := f.claims["a"]
	if got.Parsed == nil || got.Parsed.Low == nil || *got.Parsed.Low >= 2000 || got.ParserVersion != s.Parser().Version() {
		t.Fatalf("persisted claim: parsed %+v, parser %q; want about 2,000 read by %q", got.Parsed, got.ParserVersion, s.Parser().Version())
	}
	if got.Interval == nil || got.IntervalSource == "" {
		t.Errorf("persisted claim has no interval in force: %+v (%q)", got.Interval, got.IntervalSource)
	}
	if got.QuantityText != "about 2,000 fighters" {
		t.Errorf("persisted quantity_text %q, want it trimmed", got.QuantityText)
	}

	f.calls = nil
	err := s.CreateClaim(ctx, &claims.Claim{Meta: claims.Meta{ID: "b"}, ClaimantID: "c", QuantityText: "800"})
	if claims.ErrorCode(err) != claims.CodeInvalid || len(f.calls) != 0 {
		t.Errorf("a claim without topic_id: %v, persister calls %v; want invalid and no call", err, f.calls)
	}
	err = s.CreateClaim(ctx, claim("c", "a great many"))
	if claims.ErrorCode(err) != claims.CodeInvalid || len(f.calls) != 0 {
		t.Errorf("an unreadable quantity: %v, persister calls %v; want invalid and no call", err, f.calls)
	}
	if fs := claims.ErrorFields(err); len(fs) == 0 || fs[0].Field != "quantity_text" {
		t.Errorf("an unreadable quantity names %+v, want quantity_text", fs)
	}
}

// Writes inside Atomically go through the service too (validated and
// parsed), and a failure anywhere in fn leaves none of them.
func TestAtomicallyPreparesAndRollsBack(t *testing.T) {
	ctx := context.Background()
	f := newFake()
	s := New(f, nil)
	boom := errors.New("boom")
	err := s.Atomically(ctx, func(tx claims.Store) error {
		if err := tx.CreateTopic(ctx, &claims.Topic{Meta: claims.Meta{ID: "t"}, Title: " Fighters ", Unit: "people"}); err != nil {
			return err
		}
		if err := tx.CreateClaim(ctx, claim("a", "800")); err != nil {
			return err
		}
		if f.claims["a"].Parsed == nil || f.topics["t"].Title != "Fighters" {
			t.Errorf("inside Atomically the records were not prepared: claim %+v, topic %q", f.claims["a"].Parsed, f.topics["t"].Title)
		}
		if err := tx.CreateClaim(ctx, claim("", "")); claims.ErrorCode(err) != claims.CodeInvalid {
			t.Errorf("an invalid claim inside Atomically: %v, want invalid", err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Atomically = %v, want the error of fn", err)
	}
	if len(f.claims) != 0 || len(f.topics) != 0 {
		t.Errorf("a failed Atomically left %v and %v", f.claims, f.topics)
	}
	want := []string{"begin", "persist topic", "persist claim", "rollback"}
	if !slicesEqual(f.calls, want) {
		t.Errorf("calls %v, want %v", f.calls, want)
	}
}

// A persister's failure is the write's error, and nothing is kept.
func TestPersistFailureIsTheError(t *testing.T) {
	f := newFake()
	f.fail = claims.Errorf(claims.CodeConflict, "taken")
	err := New(f, nil).CreateClaim(context.Background(), claim("a", "800"))
	if claims.ErrorCode(err) != claims.CodeConflict || len(f.claims) != 0 {
		t.Errorf("CreateClaim = %v with %v stored, want the persister's conflict and nothing stored", err, f.claims)
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
