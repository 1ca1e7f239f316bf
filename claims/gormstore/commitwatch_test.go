package gormstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// writerProcessEnv names the SQLite file a copy of the test binary, run
// as another process, renames every topic of (see TestMain).
const writerProcessEnv = "CLAIMDESK_TEST_RENAME_TOPICS_OF"

// TestMain runs the tests, or, in the process writerProcessEnv starts,
// only that process's write.
func TestMain(m *testing.M) {
	if path := os.Getenv(writerProcessEnv); path != "" {
		if err := renameTopics(path); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// renameTopics renames every topic of the SQLite file path through
// database/sql, not the store.
func renameTopics(path string) error {
	db, err := sql.Open("sqlite3", path+"?_busy_timeout=60000")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`UPDATE topics SET title = title || ' (renamed by another process)'`)
	return err
}

// rawDataVersion reads data_version's row of the file path on a
// connection of its own.
func rawDataVersion(t *testing.T, path string) int64 {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	must(t, "open "+path, err)
	defer db.Close()
	var v int64
	must(t, "read data_version", db.QueryRow(`SELECT version FROM data_version`).Scan(&v))
	return v
}

// rawTopicVersion reads the topic's version and the names' (the topic of
// empty ID) from topic_versions of the file path, as TopicVersion gives
// them, on a connection of its own.
func rawTopicVersion(t *testing.T, path, topicID string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	must(t, "open "+path, err)
	defer db.Close()
	var v, names int64
	must(t, "read topic_versions", db.QueryRow(`SELECT
		COALESCE((SELECT version FROM topic_versions WHERE topic_id = ?), 0),
		COALESCE((SELECT version FROM topic_versions WHERE topic_id = ''), 0)`, topicID).Scan(&v, &names))
	return fmt.Sprintf("%d.%d", v, names)
}

// versions are a store's versions of a test: RelationsVersion is read
// by those that want it.
type versions struct{ search, data, relations, topic string }

// readVersions reads the SearchVersion, DataVersion and TopicVersion of
// topicID of s, at the moment what.
func readVersions(ctx context.Context, t *testing.T, s *gormstore.Store, topicID, what string) versions {
	t.Helper()
	var v versions
	var err error
	v.search, err = s.SearchVersion(ctx)
	must(t, "search version "+what, err)
	v.data, err = s.DataVersion(ctx)
	must(t, "data version "+what, err)
	v.topic, err = s.TopicVersion(ctx, topicID)
	must(t, "topic version "+what, err)
	return v
}

// refugeesTopic creates, through s, the topic of the versions tests with
// its claimant and source, and returns it with a function that creates a
// claim of it, through the store given, with quote.
func refugeesTopic(t *testing.T, s *gormstore.Store) (*claims.Topic, func(*gormstore.Store, string) *claims.Claim) {
	t.Helper()
	ctx := context.Background()
	topic := &claims.Topic{Title: "Refugees in Europe"}
	who := &claims.Claimant{Name: "Angela Merkel"}
	src := &claims.Source{Name: "Daily", Kind: claims.SourceNews}
	must(t, "create topic", svc(s).CreateTopic(ctx, topic))
	must(t, "create claimant", svc(s).CreateClaimant(ctx, who))
	must(t, "create source", svc(s).CreateSource(ctx, src))
	return topic, func(st *gormstore.Store, quote string) *claims.Claim {
		c := &claims.Claim{TopicID: topic.ID, ClaimantID: who.ID, Quote: quote, QuantityText: "a million",
			Provenance: claims.Provenance{SourceID: src.ID}}
		must(t, "create claim", svc(st).CreateClaim(ctx, c))
		return c
	}
}

// TestVersionsSeeEveryCommit: on SQLite, SearchVersion, DataVersion and
// TopicVersion are answered without a connection of the pool while
// nothing has been committed, and change with every commit that changes
// what they cover, whoever makes it: the store itself, another store on
// the same file, another process, a bulk import. They are what a
// connection of their own reads of data_version and topic_versions.
func TestVersionsSeeEveryCommit(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s := storetest.Open(t, path)
	other := storetest.Open(t, path)
	topic, claim := refugeesTopic(t, s)
	first := claim(s, "A million refugees arrived")

	read := func(what string) versions {
		t.Helper()
		// Short: a read that waited for the held pool would fail.
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		return readVersions(ctx, t, s, topic.ID, what)
	}
	version := func(what string) versions {
		t.Helper()
		v, again := read(what), read(what+", again")
		if v.search == "" || again != v {
			t.Fatalf("%s: versions %+v then %+v, want the same known versions", what, v, again)
		}
		raw := strconv.FormatInt(rawDataVersion(t, path), 10)
		if data, _, _ := strings.Cut(v.search, "."); data != raw || v.data != raw {
			t.Errorf("%s: SearchVersion %q, DataVersion %q; data_version %s", what, v.search, v.data, raw)
		}
		if raw := rawTopicVersion(t, path, topic.ID); v.topic != raw {
			t.Errorf("%s: TopicVersion %q; topic_versions %s", what, v.topic, raw)
		}
		return v
	}
	// changed requires the search's version to change, and the data and
	// topic versions too unless onlySearch.
	changed := func(what string, before versions, onlySearch bool) versions {
		t.Helper()
		now := version(what)
		if now.search == before.search || (!onlySearch && (now.data == before.data || now.topic == before.topic)) {
			t.Errorf("after %s: versions %+v, were %+v", what, now, before)
		}
		return now
	}

	last := version("first")
	release, err := gormstore.HoldPool(ctx, s)
	must(t, "hold the pool", err)
	if v := version("with the pool held"); v != last {
		t.Errorf("with the pool held: versions %+v, were %+v", v, last)
	}
	claim(other, "More refugees are expected")
	last = changed("a claim created by another store on the file", last, false)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), writerProcessEnv+"="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the other process: %v\n%s", err, out)
	}
	last = changed("topics renamed by another process", last, false)
	release()

	// Its own writes: a claimant created changes only the claimants'
	// index, which the data version does not count.
	must(t, "create claimant", svc(s).CreateClaimant(ctx, &claims.Claimant{Name: "Olaf Scholz"}))
	last = changed("a claimant created by the store", last, true)
	claim(s, "Refugees again")
	last = changed("a claim created by the store", last, false)
	importDoc(t, s, "claim", map[string]any{"id": "c9", "topic_id": topic.ID, "claimant_id": first.ClaimantID, "quote": "Imported refugees",
		"language": "en", "quantity_text": "5", "provenance": map[string]any{"source_id": first.Provenance.SourceID}})
	changed("a bulk import", last, false)
}

// TestSearchVersionFollowsCommitsUnderReaders: with readers asking for
// SearchVersion all the while, a read that starts after a commit of
// another store returned sees it (the data_version row as a connection of
// its own reads it right after), commit after commit.
func TestSearchVersionFollowsCommitsUnderReaders(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "claimdesk.db")
	s := storetest.Open(t, path)
	other := storetest.Open(t, path)
	topic := &claims.Topic{Title: "Zebras"}
	must(t, "create topic", svc(other).CreateTopic(ctx, topic))
	stop := readAllTheWhile(t, func() error {
		_, err := s.SearchVersion(ctx)
		return err
	})
	defer stop()
	for i := range 20 {
		topic.Title = fmt.Sprintf("Zebras %d", i)
		must(t, "update topic", svc(other).UpdateTopic(ctx, topic))
		want := rawDataVersion(t, path)
		v, err := s.SearchVersion(ctx)
		must(t, "search version", err)
		if data, _, _ := strings.Cut(v, "."); data != strconv.FormatInt(want, 10) {
			t.Errorf("after update %d: SearchVersion %q, data_version %d", i, v, want)
		}
	}
}

// readAllTheWhile runs read on four goroutines, again and again, until
// the function it returns is called (which waits for them) or read fails
// (the test fails).
func readAllTheWhile(t *testing.T, read func() error) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if err := read(); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	return func() {
		close(done)
		wg.Wait()
	}
}
