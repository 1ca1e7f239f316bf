package gormstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestWritesAfterSchemaChange (PostgreSQL) runs updates of claims and a
// transaction that renames a topic, a source and a claimant and updates a
// claim, from many goroutines, so that many of the pool's connections keep
// the statements of those writes prepared, then that transaction once
// more. A second store on the same database adds a column to every table,
// as a newer replica's migration may; the transaction, on the connection
// the pool hands out first, meets more stale statements than maxAttempts
// (seven as of this writing), one per attempt, and still commits, and each of many updates in a
// row after it succeeds and is read back: stale statements do not count
// against the retries of serialization failures and deadlocks.
func TestWritesAfterSchemaChange(t *testing.T) {
	dsn, _ := storetest.PostgresDSN(t)
	s := storetest.Open(t, dsn)
	ctx := context.Background()
	f := newFounding(t, s)
	const writers = 12
	cs := make([]*claims.Claim, writers)
	for i := range cs {
		cs[i] = &claims.Claim{TopicID: f.topic.ID, ClaimantID: f.indy.ClaimantID, QuantityText: fmt.Sprintf("about %d", 100+i),
			SaidOn: "2015-09", Provenance: claims.Provenance{SourceID: f.indy.Provenance.SourceID}}
		must(t, "create claim", svc(s).CreateClaim(ctx, cs[i]))
	}
	other := &claims.Topic{Title: "Russians fighting with the Kurds", Additive: true}
	must(t, "topic", svc(s).CreateTopic(ctx, other))
	// update sets a claim's text and moves it to the other topic, so that
	// its write reads and recomputes both.
	update := func(id, text string) error {
		c, err := s.FindClaim(ctx, id)
		if err != nil {
			return fmt.Errorf("find claim %s: %w", id, err)
		}
		c.QuantityText = text
		if c.TopicID == f.topic.ID {
			c.TopicID = other.ID
		} else {
			c.TopicID = f.topic.ID
		}
		if err := svc(s).UpdateClaim(ctx, c); err != nil {
			return fmt.Errorf("update claim %s to %q: %w", id, text, err)
		}
		got, err := s.FindClaim(ctx, id)
		if err != nil {
			return fmt.Errorf("find claim %s: %w", id, err)
		}
		if got.QuantityText != text {
			return fmt.Errorf("claim %s reads %q after its update to %q", id, got.QuantityText, text)
		}
		return nil
	}
	// renameAll renames the topic, the source and the claimant of the
	// first claim and updates that claim, in one transaction: its
	// statements read every table a write reads.
	renameAll := func(n int) error {
		name := fmt.Sprint(n)
		return s.Atomically(ctx, func(tx claims.Store) error {
			tp, err := tx.FindTopic(ctx, f.topic.ID)
			if err != nil {
				return err
			}
			tp.Title = "Topic " + name
			if err := svc(tx).UpdateTopic(ctx, tp); err != nil {
				return err
			}
			src, err := tx.FindSource(ctx, f.indy.Provenance.SourceID)
			if err != nil {
				return err
			}
			src.Name = "Source " + name
			if err := svc(tx).UpdateSource(ctx, src); err != nil {
				return err
			}
			cl, err := tx.FindClaimant(ctx, f.indy.ClaimantID)
			if err != nil {
				return err
			}
			cl.Name = "Claimant " + name
			if err := svc(tx).UpdateClaimant(ctx, cl); err != nil {
				return err
			}
			c, err := tx.FindClaim(ctx, f.indy.ID)
			if err != nil {
				return err
			}
			c.QuantityText = "about " + name
			return svc(tx).UpdateClaim(ctx, c)
		})
	}
	for round := range 3 {
		var wg sync.WaitGroup
		errs := make(chan error, writers+1)
		wg.Go(func() {
			if err := renameAll(round); err != nil {
				errs <- err
			}
		})
		for i, c := range cs {
			wg.Go(func() {
				if err := update(c.ID, fmt.Sprintf("about %d", 200*round+i)); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	}
	// The pool hands out the connection returned last: the one that ran
	// this transaction, with all its statements prepared.
	must(t, "rename all", renameAll(3))
	replica := storetest.Open(t, dsn)
	// Every table of the schema gains a column, as a newer replica's
	// migration may add one to any.
	addColumns := `DO $$
DECLARE t text;
BEGIN
	FOR t IN SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
	LOOP
		EXECUTE format('ALTER TABLE %I ADD COLUMN extra INTEGER DEFAULT 7', t);
	END LOOP;
END $$`
	must(t, "add a column to every table", gormstore.Exec(ctx, replica, addColumns))
	if err := renameAll(900); err != nil {
		t.Fatalf("the first write after the migration: %v", err)
	}
	c, err := s.FindClaim(ctx, f.indy.ID)
	must(t, "find claim", err)
	if c.QuantityText != "about 900" {
		t.Errorf("claim %s reads %q, want %q", c.ID, c.QuantityText, "about 900")
	}
	tp, err := s.FindTopic(ctx, f.topic.ID)
	must(t, "find topic", err)
	if tp.Title != "Topic 900" {
		t.Errorf("topic %s reads %q, want %q", tp.ID, tp.Title, "Topic 900")
	}
	for i := range 3 * writers {
		if err := update(cs[i%writers].ID, fmt.Sprintf("about %d", 1000+i)); err != nil {
			t.Fatalf("write %d after the migration: %v", i, err)
		}
	}
}
