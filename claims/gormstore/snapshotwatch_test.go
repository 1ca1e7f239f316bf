package gormstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// twoPostgresStores opens two stores on a new PostgreSQL schema (two
// replicas), and the schema through database/sql, not a store; all are
// closed when the test ends.
func twoPostgresStores(t *testing.T) (s, other *gormstore.Store, raw *sql.DB) {
	t.Helper()
	dsn, _ := storetest.PostgresDSN(t)
	s, other = storetest.Open(t, dsn), storetest.Open(t, dsn)
	raw, err := sql.Open("pgx", dsn)
	must(t, "open the database", err)
	t.Cleanup(func() { raw.Close() })
	return s, other, raw
}

// rawSums reads the sum of topic_versions and links_version on db, as
// DataVersion and RelationsVersion count them, and the versions of the
// topic and of the names (the topic of empty ID), as TopicVersion gives
// them.
func rawSums(t *testing.T, db *sql.DB, topicID string) (data, links int64, topic string) {
	t.Helper()
	var v, names int64
	must(t, "read topic_versions", db.QueryRow(`SELECT
		COALESCE((SELECT SUM(version) FROM topic_versions), 0),
		COALESCE((SELECT version FROM links_version), 0),
		COALESCE((SELECT version FROM topic_versions WHERE topic_id = $1), 0),
		COALESCE((SELECT version FROM topic_versions WHERE topic_id = ''), 0)`, topicID).Scan(&data, &links, &v, &names))
	return data, links, fmt.Sprintf("%d.%d", v, names)
}

// serverSnapshot reads the server's snapshot on db, a connection of its
// own: two equal reads mean that no transaction that wrote anything ended
// in between, anywhere on the server.
func serverSnapshot(t *testing.T, db *sql.DB) string {
	t.Helper()
	var snap string
	must(t, "read the server's snapshot", db.QueryRow(`SELECT pg_current_snapshot()::text`).Scan(&snap))
	return snap
}

// TestPostgresVersionsSeeEveryCommit: on PostgreSQL, SearchVersion,
// DataVersion, RelationsVersion and TopicVersion change with every commit
// that changes what they cover, whoever makes it: the store itself,
// another store on the same database (another replica), a write through
// database/sql, a bulk import, a write in a transaction left open for a
// while (not before it commits). DataVersion, RelationsVersion and
// TopicVersion are what a connection of its own reads of topic_versions
// and links_version, and do not change with reads. SearchVersion is the
// server's snapshot, which the writes of every database of the server
// change (other tests' too, running beside this one): across a search
// during which the server's snapshot, read on a connection of its own,
// did not change (a quiet try), it must come back equal, which it would
// not if a read changed it; tries during which the server committed
// something are not judged.
func TestPostgresVersionsSeeEveryCommit(t *testing.T) {
	ctx := context.Background()
	s, other, raw := twoPostgresStores(t)
	topic, claim := refugeesTopic(t, s)
	first := claim(s, "A million refugees arrived")

	read := func(what string) versions {
		t.Helper()
		v := readVersions(ctx, t, s, topic.ID, what)
		var err error
		v.relations, err = s.RelationsVersion(ctx)
		must(t, "relations version "+what, err)
		if v.search == "" || v.relations == "" {
			t.Fatalf("%s: versions %+v, want them known", what, v)
		}
		return v
	}
	// version reads the versions twice, with a search between, and
	// checks them against the tables.
	version := func(what string) versions {
		t.Helper()
		var v versions
		for try := 0; ; try++ {
			quiet := serverSnapshot(t, raw)
			v = read(what)
			if _, err := s.Search(ctx, claims.ClaimFilter{Query: "refugees"}); err != nil {
				t.Fatal(err)
			}
			again := read(what + ", again")
			if again.data != v.data || again.relations != v.relations || again.topic != v.topic {
				t.Fatalf("%s: versions %+v then %+v, with nothing written", what, v, again)
			}
			if serverSnapshot(t, raw) == quiet {
				if again.search != v.search {
					t.Errorf("%s: SearchVersion %q, then %q across a search, with nothing committed on the server", what, v.search, again.search)
				}
				break
			}
			if try == 50 {
				t.Logf("%s: SearchVersion not judged: the server committed something during each of 50 tries", what)
				break
			}
		}
		data, links, tv := rawSums(t, raw, topic.ID)
		if v.data != fmt.Sprint(data) || !strings.HasPrefix(v.relations, fmt.Sprintf("%d:%d:", data, links)) || v.topic != tv {
			t.Errorf("%s: DataVersion %q, RelationsVersion %q, TopicVersion %q; topic_versions sum to %d, links_version %d, the topic's %s",
				what, v.data, v.relations, v.topic, data, links, tv)
		}
		return v
	}
	// changed requires every version to change, or only the search's
	// when onlySearch.
	changed := func(what string, before versions, onlySearch bool) versions {
		t.Helper()
		now := version(what)
		if now.search == before.search ||
			(!onlySearch && (now.data == before.data || now.relations == before.relations || now.topic == before.topic)) {
			t.Errorf("after %s: versions %+v, were %+v", what, now, before)
		}
		return now
	}

	last := version("first")
	claim(other, "More refugees are expected")
	last = changed("a claim created by another store on the database", last, false)
	if _, err := raw.ExecContext(ctx, `UPDATE topics SET title = title || ' (renamed through database/sql)'`); err != nil {
		t.Fatal(err)
	}
	last = changed("topics renamed through database/sql", last, false)

	// A write left open: not seen until it commits.
	tx, err := raw.BeginTx(ctx, nil)
	must(t, "begin", err)
	// Rolled back if the test fails before the commit: an open
	// transaction would hold the lock the schema's drop waits for.
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE topics SET title = title || ' (in an open transaction)'`); err != nil {
		t.Fatal(err)
	}
	if v := version("with a write in progress"); v.data != last.data || v.relations != last.relations || v.topic != last.topic {
		t.Errorf("with a write in progress: versions %+v, were %+v", v, last)
	}
	must(t, "commit", tx.Commit())
	last = changed("the open transaction committed", last, false)

	// Its own writes: a claimant created changes only what a search
	// shows (the claimants it finds by name), which no topic's version
	// counts.
	must(t, "create claimant", svc(s).CreateClaimant(ctx, &claims.Claimant{Name: "Olaf Scholz"}))
	last = changed("a claimant created by the store", last, true)
	claim(s, "Refugees again")
	last = changed("a claim created by the store", last, false)
	must(t, "link", svc(other).CreateLink(ctx, &claims.Link{FromID: first.ID, ToID: claim(other, "Fewer refugees").ID,
		Kind: claims.LinkContradicts}))
	now := version("a link created by another store")
	if now.relations == last.relations {
		t.Errorf("after a link created by another store: RelationsVersion %q, was %q", now.relations, last.relations)
	}
	last = now
	importDoc(t, s, "claim", map[string]any{"id": "c9", "topic_id": topic.ID, "claimant_id": first.ClaimantID, "quote": "Imported refugees",
		"language": "en", "quantity_text": "5", "provenance": map[string]any{"source_id": first.Provenance.SourceID}})
	changed("a bulk import", last, false)
}

// TestPostgresVersionsFollowCommitsUnderReaders: with readers asking for
// DataVersion and RelationsVersion all the while (so that the snapshot
// watch stores and looks up versions side by side), a read that starts
// after a commit of another store returned sees it: the sum of
// topic_versions a connection of its own reads right after, commit after
// commit.
func TestPostgresVersionsFollowCommitsUnderReaders(t *testing.T) {
	ctx := context.Background()
	s, other, raw := twoPostgresStores(t)
	topic := &claims.Topic{Title: "Zebras"}
	must(t, "create topic", svc(other).CreateTopic(ctx, topic))
	stop := readAllTheWhile(t, func() error {
		if _, err := s.DataVersion(ctx); err != nil {
			return err
		}
		_, err := s.RelationsVersion(ctx)
		return err
	})
	defer stop()
	for i := range 20 {
		topic.Title = fmt.Sprintf("Zebras %d", i)
		must(t, "update topic", svc(other).UpdateTopic(ctx, topic))
		data, links, _ := rawSums(t, raw, topic.ID)
		v, err := s.DataVersion(ctx)
		must(t, "data version", err)
		r, err := s.RelationsVersion(ctx)
		must(t, "relations version", err)
		if v != fmt.Sprint(data) || !strings.HasPrefix(r, fmt.Sprintf("%d:%d:", data, links)) {
			t.Errorf("after update %d: DataVersion %q, RelationsVersion %q; topic_versions sum to %d, links_version %d", i, v, r, data, links)
		}
	}
}
