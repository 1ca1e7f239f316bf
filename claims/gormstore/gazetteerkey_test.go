package gormstore_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// TestGazetteerKeyFollowsContent: the keys of a topic's prepared claims
// and of the relations (RelationsVersion) change when the
// gazetteer's content does, a custom place added, and not when only the
// gazetteer's value is built again: here because another store of the
// process, with other custom places, loaded its own in between (the last
// one built is kept for the process), while this store's earlier one is
// still held, so that the new one cannot take its address.
func TestGazetteerKeyFollowsContent(t *testing.T) {
	forEach(t, func(t *testing.T, s *gormstore.Store, _ *clock) {
		ctx := context.Background()
		other := storetest.SQLite(t)
		w := newWorld(t, s)
		must(t, "claim", svc(s).CreateClaim(ctx, w.claim("about 100")))
		dabiq := gazetteerPlace("Dabiq", "SY")
		must(t, "create place", svc(s).CreatePlace(ctx, &dabiq))
		keys := func() (prepared, relations string) {
			t.Helper()
			prepared, err := gormstore.PreparedKey(ctx, s, w.topic.ID)
			must(t, "prepared key", err)
			relations, err = s.RelationsVersion(ctx)
			must(t, "relations version", err)
			return prepared, relations
		}
		prepared, relations := keys()
		held, err := s.Gazetteer(ctx)
		must(t, "gazetteer", err)
		if _, err := other.Gazetteer(ctx); err != nil {
			t.Fatal(err)
		}
		if again, err := s.Gazetteer(ctx); err != nil || again == held {
			t.Fatalf("the gazetteer was not built again after another store's (%v): the test shows nothing", err)
		}
		p, r := keys()
		if p != prepared || r != relations {
			t.Errorf("the gazetteer built again with the same places changed the keys: prepared %q to %q, relations %q to %q", prepared, p, relations, r)
		}
		runtime.KeepAlive(held)

		raqqa := gazetteerPlace("Raqqa Countryside", "SY")
		must(t, "create place", svc(s).CreatePlace(ctx, &raqqa))
		if p2, r2 := keys(); p2 == p || (r != "" && r2 == r) {
			t.Errorf("a place added left the keys as they were: prepared %q, relations %q", p2, r2)
		}
	})
}
