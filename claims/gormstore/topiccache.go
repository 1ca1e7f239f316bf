package gormstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"unsafe"

	"golang.org/x/sync/singleflight"
	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// The cache of each topic's claims, the engine's input for relations
// computed on demand. A topic's entry is keyed by its version in
// topic_versions, which database triggers bump on every insert, update
// and delete of one of its claims, whatever the write path; the row of
// topic '' is bumped when any claimant changes (the views carry claimants'
// names). A request reads the two versions (one indexed lookup) and
// reuses the claims when they are unchanged, so a replica never serves
// claims older than what another replica committed.

// topicCacheBytes bounds the memory the cache holds, all topics together,
// as estimated by viewBytes; one topic may fill it alone. By that
// estimate a claim of cmd/claimdesk-load's data takes about 0.8 KB, so a
// topic of up to about 75,000 such claims is cached (the largest of its
// million-claim dataset has 66,951) and a larger one is read from the
// database on every request; a second large topic evicts the first.
// topicCacheMin is the smallest topic worth caching (smaller ones load in
// about the time the versions take to read). The cache keeps slim copies
// of the claims (xref.Slim): what the engine reads, without quotes,
// notes, original wording, relays or tags.
const (
	topicCacheBytes = 64 << 20
	topicCacheMin   = 500
)

type topicCache struct {
	min     int // topicCacheMin; tests lower it
	limit   int // topicCacheBytes; tests lower it
	mu      sync.Mutex
	entries map[string]*topicEntry
	order   []string // insertion order, for eviction
	size    int      // bytes, by viewBytes
	// loading shares the load of a topic's claims between the requests
	// that miss the cache together.
	loading singleflight.Group
}

type topicEntry struct {
	version, names int64
	views          []xref.ClaimView
	bytes          int
}

func newTopicCache() *topicCache {
	return &topicCache{min: topicCacheMin, limit: topicCacheBytes, entries: map[string]*topicEntry{}}
}

func (c *topicCache) get(id string, version, names int64) ([]xref.ClaimView, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok || e.version != version || e.names != names {
		return nil, false
	}
	return e.views, true
}

// put caches slim copies of a topic's views and returns them; it returns
// views unchanged when the topic is too small or too large to cache.
func (c *topicCache) put(id string, version, names int64, views []xref.ClaimView) []xref.ClaimView {
	if len(views) < c.min {
		return views
	}
	slim := make([]xref.ClaimView, len(views))
	bytes := 0
	for i, v := range views {
		slim[i] = xref.ClaimView{Claim: xref.Slim(v.Claim), ClaimantName: v.ClaimantName}
		bytes += viewBytes(slim[i])
	}
	if bytes > c.limit {
		return views
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[id]; ok {
		c.size -= old.bytes
		delete(c.entries, id)
		c.order = slices.DeleteFunc(c.order, func(s string) bool { return s == id })
	}
	for c.size+bytes > c.limit && len(c.order) > 0 {
		victim := c.order[0]
		c.order = c.order[1:]
		c.size -= c.entries[victim].bytes
		delete(c.entries, victim)
	}
	c.entries[id] = &topicEntry{version: version, names: names, views: slim, bytes: bytes}
	c.order = append(c.order, id)
	c.size += bytes
	return slim
}

// viewBytes estimates the memory a cached view holds: its structs and the
// text they point to.
func viewBytes(v xref.ClaimView) int {
	c := v.Claim
	n := int(unsafe.Sizeof(claims.Claim{})) + len(v.ClaimantName) + len(c.ID) + len(c.TopicID) +
		len(c.ClaimantID) + len(c.QuantityText) + len(c.Unit) + len(c.Scope.Population) +
		len(c.Scope.Group) + len(c.Occasion) + len(c.Provenance.SourceID) +
		len(c.SaidOn) + len(c.PublishedOn) + len(c.AsOf) + len(c.Since)
	for _, p := range c.Scope.Places {
		n += int(unsafe.Sizeof(p)) + len(p)
	}
	if c.Interval != nil {
		n += int(unsafe.Sizeof(*c.Interval)) + 3*8
	}
	return n
}

// topicVersions reads the version of a topic's claims and of the
// claimants' names; 0 for none written since the table was made.
func topicVersions(db *gorm.DB, topicID string) (version, names int64, err error) {
	var rows []struct {
		TopicID string
		Version int64
	}
	if err := db.Raw(`SELECT topic_id, version FROM topic_versions WHERE topic_id IN (?, '')`, topicID).Scan(&rows).Error; err != nil {
		return 0, 0, err
	}
	for _, r := range rows {
		if r.TopicID == "" {
			names = r.Version
		} else {
			version = r.Version
		}
	}
	return version, names, nil
}

// TopicInput returns what the engine reads of a topic to compute relations
// on demand (see xref.Input): the topic, its claims, the links touching
// them, its parent with the parent's claims and the gazetteer, loaded by
// the batched recompute's loader (recomputer), the claims from the cache
// when their topic has not changed since they were read. The caller must
// not modify the views; appending to the slices copies them.
func (s *Store) TopicInput(ctx context.Context, topicID string) (*xref.Input, error) {
	t, err := s.FindTopic(ctx, topicID)
	if err != nil {
		return nil, err
	}
	in := &xref.Input{Topic: t}
	if in.Claims, err = s.topicClaims(ctx, topicID); err != nil {
		return nil, err
	}
	links, err := newRecomputer(s.db.WithContext(ctx), s.dialect, nil).loadLinks([]string{topicID})
	if err != nil {
		return nil, translate(err, "read topic links")
	}
	in.Links = slices.Clip(orEmpty(links[topicID]))
	if in.Related.Gazetteer, err = s.Gazetteer(ctx); err != nil {
		return nil, err
	}
	if t.ParentID != "" {
		if in.Related.Parent, err = s.FindTopic(ctx, t.ParentID); err != nil {
			return nil, err
		}
		if in.Related.ParentClaims, err = s.topicClaims(ctx, t.ParentID); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// topicClaims returns every claim of the topic with its claimant's name,
// from the cache when the topic has not changed since it was read. The
// caller must not modify the views; appending to the slice copies it.
func (s *Store) topicClaims(ctx context.Context, topicID string) ([]xref.ClaimView, error) {
	db := s.db.WithContext(ctx)
	cacheable := !s.inTx && s.topics != nil
	var version, names int64
	if cacheable {
		var err error
		if version, names, err = topicVersions(db, topicID); err != nil {
			return nil, translate(err, "read topic claims")
		}
		if views, ok := s.topics.get(topicID, version, names); ok {
			return slices.Clip(views), nil
		}
	}
	if !cacheable {
		return loadTopicClaims(db, s.dialect, topicID)
	}
	// Requests arriving together for a topic that is not cached share one
	// load: otherwise each of them holds a copy of the topic's claims
	// until the first is cached (64 clients on a 7,000-claim topic took
	// the server past 350 MiB and answered none in 20 s). The load is not
	// cancelled with the request that started it, as others wait for it.
	key := topicID + ":" + strconv.FormatInt(version, 10) + ":" + strconv.FormatInt(names, 10)
	v, err, _ := s.topics.loading.Do(key, func() (any, error) {
		if views, ok := s.topics.get(topicID, version, names); ok {
			return views, nil
		}
		views, err := loadTopicClaims(s.db.WithContext(context.WithoutCancel(ctx)), s.dialect, topicID)
		if err != nil {
			return nil, err
		}
		return s.topics.put(topicID, version, names, views), nil
	})
	if err != nil {
		return nil, err
	}
	return slices.Clip(v.([]xref.ClaimView)), nil
}

// loadTopicClaims reads a topic's claims with the loader of the batched
// recompute: columns scanned directly, claimants' names read once each.
func loadTopicClaims(db *gorm.DB, d dialect, topicID string) ([]xref.ClaimView, error) {
	r := newRecomputer(db, d, nil)
	if err := r.loadClaims([]string{topicID}); err != nil {
		return nil, translate(err, "read topic claims")
	}
	return slices.Clip(r.cache[topicID].views), nil
}

// bumpSQLite and the PostgreSQL function below add one to a topic's
// version, creating its row.
const bumpSQLite = `INSERT INTO topic_versions (topic_id, version) VALUES (%s, 1)
	ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;`

// createTopicVersions is step 6: the versions the cache of topics' claims
// is keyed by, and the triggers that keep them.
func createTopicVersions(tx *gorm.DB, d dialect) error {
	stmts := []string{`CREATE TABLE topic_versions (topic_id TEXT PRIMARY KEY, version BIGINT NOT NULL)`}
	if d == dialectPostgres {
		stmts = append(stmts,
			`CREATE FUNCTION claimdesk_bump_topic_version() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF TG_TABLE_NAME = 'claimants' THEN
					INSERT INTO topic_versions (topic_id, version) VALUES ('', 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;
					RETURN NULL;
				END IF;
				IF TG_OP IN ('UPDATE', 'DELETE') THEN
					INSERT INTO topic_versions (topic_id, version) VALUES (OLD.topic_id, 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;
				END IF;
				IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.topic_id IS DISTINCT FROM OLD.topic_id) THEN
					INSERT INTO topic_versions (topic_id, version) VALUES (NEW.topic_id, 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;
				END IF;
				RETURN NULL;
			END $$`,
			`CREATE TRIGGER claims_topic_version AFTER INSERT OR UPDATE OR DELETE ON claims
				FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_topic_version()`,
			`CREATE TRIGGER claimants_topic_version AFTER UPDATE ON claimants
				FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_topic_version()`,
		)
		return execAll(tx, d, stmts...)
	}
	return execAll(tx, d, append(stmts, sqliteTopicVersionTriggers()...)...)
}

func sqliteTopicVersionTriggers() []string {
	bump := func(expr string) string { return fmt.Sprintf(bumpSQLite, expr) }
	return []string{
		`CREATE TRIGGER claims_topic_version_insert AFTER INSERT ON claims BEGIN ` + bump("new.topic_id") + ` END`,
		`CREATE TRIGGER claims_topic_version_update AFTER UPDATE ON claims BEGIN ` + bump("old.topic_id") + bump("new.topic_id") + ` END`,
		`CREATE TRIGGER claims_topic_version_delete AFTER DELETE ON claims BEGIN ` + bump("old.topic_id") + ` END`,
		`CREATE TRIGGER claimants_topic_version AFTER UPDATE ON claimants BEGIN ` + bump("''") + ` END`,
	}
}

// TopicVersion returns a key that changes whenever anything a topic's
// comparison shows may have changed: its claims (their version), its row,
// its summaries and conflicts (recomputed with its claims or its
// children's), the reviews of its pairs, and the names of claimants and
// sources (the version of topic ”). The triggers of step 6 and step 11
// bump them, whatever the write path.
func (s *Store) TopicVersion(ctx context.Context, topicID string) (string, error) {
	version, names, err := topicVersions(s.db.WithContext(ctx), topicID)
	if err != nil {
		return "", translate(err, "read topic version")
	}
	return fmt.Sprintf("%d.%d", version, names), nil
}

// versionComparisons is step 11: the triggers that bump a topic's version
// for what its comparison shows besides its claims.
func versionComparisons(tx *gorm.DB, d dialect) error {
	if d == dialectPostgres {
		return execAll(tx, d,
			`CREATE FUNCTION claimdesk_bump_comparison() RETURNS trigger LANGUAGE plpgsql AS $$
			DECLARE r RECORD;
			BEGIN
				IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
				IF TG_TABLE_NAME = 'sources' THEN
					INSERT INTO topic_versions (topic_id, version) VALUES ('', 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;
				ELSIF TG_TABLE_NAME = 'topics' THEN
					INSERT INTO topic_versions (topic_id, version) VALUES (r.id, 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;
				ELSIF TG_TABLE_NAME = 'topic_summaries' THEN
					INSERT INTO topic_versions (topic_id, version) VALUES (r.topic_id, 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;
				ELSE -- reviews
					INSERT INTO topic_versions (topic_id, version)
					SELECT DISTINCT topic_id, 1 FROM claims WHERE id IN (r.claim_a, r.claim_b)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;
				END IF;
				RETURN NULL;
			END $$`,
			`CREATE TRIGGER sources_comparison AFTER UPDATE ON sources FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_comparison()`,
			`CREATE TRIGGER topics_comparison AFTER UPDATE ON topics FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_comparison()`,
			`CREATE TRIGGER topic_summaries_comparison AFTER INSERT OR UPDATE OR DELETE ON topic_summaries FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_comparison()`,
			`CREATE TRIGGER reviews_comparison AFTER INSERT OR UPDATE OR DELETE ON reviews FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_comparison()`,
		)
	}
	bump := func(expr string) string { return fmt.Sprintf(bumpSQLite, expr) }
	reviews := func(row string) string {
		return `INSERT INTO topic_versions (topic_id, version) SELECT DISTINCT topic_id, 1 FROM claims
			WHERE id IN (` + row + `.claim_a, ` + row + `.claim_b) AND true
			ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1;`
	}
	return execAll(tx, d,
		`CREATE TRIGGER sources_comparison AFTER UPDATE ON sources BEGIN `+bump("''")+` END`,
		`CREATE TRIGGER topics_comparison AFTER UPDATE ON topics BEGIN `+bump("new.id")+` END`,
		`CREATE TRIGGER topic_summaries_comparison_insert AFTER INSERT ON topic_summaries BEGIN `+bump("new.topic_id")+` END`,
		`CREATE TRIGGER topic_summaries_comparison_update AFTER UPDATE ON topic_summaries BEGIN `+bump("new.topic_id")+` END`,
		`CREATE TRIGGER topic_summaries_comparison_delete AFTER DELETE ON topic_summaries BEGIN `+bump("old.topic_id")+` END`,
		`CREATE TRIGGER reviews_comparison_insert AFTER INSERT ON reviews BEGIN `+reviews("new")+` END`,
		`CREATE TRIGGER reviews_comparison_update AFTER UPDATE ON reviews BEGIN `+reviews("old")+reviews("new")+` END`,
		`CREATE TRIGGER reviews_comparison_delete AFTER DELETE ON reviews BEGIN `+reviews("old")+` END`,
	)
}
