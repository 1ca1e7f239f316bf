package gormstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/singleflight"
	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/cache"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// The cache of each topic's prepared claims (xref.Prepared), the engine's
// input for relations computed on demand: the topic's claims and its
// parent's, places resolved, classes and indexes built, claims kept lean.
// A topic's entry is keyed by the versions in topic_claim_versions of the
// topic and of its parent, which database triggers bump on every insert,
// update and delete of one of their claims and every update of their rows,
// whatever the write path; the row of topic '' is bumped when any
// claimant changes (the views carry claimants' names). Reviews and the
// stored summaries do not bump them (they bump topic_versions, the key of
// the comparison's cache): a review leaves the claims cached. The key also
// holds the gazetteer (a custom place changes how places resolve). A
// request reads the versions (one indexed lookup) and reuses the prepared
// claims when they are unchanged, so a replica never serves claims older
// than what another replica committed. The links touching the topic's
// claims are kept beside it, keyed by the same versions and by
// links_version, which triggers bump on every write to links. Both caches
// are claims/cache's; the caching stays here, as its key is the store's
// to read (see PreparedTopic).

// topicCacheBytes bounds the memory the prepared topics hold, all topics
// together, as estimated by xref.Prepared.Bytes: about 150 bytes a claim,
// so the largest topic of cmd/claimdesk-load's million claims with its
// parent (about 97,000 claims) takes about 15 MB. topicLinksBytes bounds
// the links kept with them, apart. topicCacheMin is the smallest topic
// (with its parent) worth caching: smaller ones are prepared on each
// request in about the time the versions take to read. Entries are
// evicted least recently used first (claims/cache).
const (
	topicCacheBytes = 64 << 20
	topicLinksBytes = 8 << 20
	topicCacheMin   = 500
)

type topicCache struct {
	min int // topicCacheMin; tests lower it
	// prepared holds each topic's preparation, by topic ID, at the key
	// preparedKey reads.
	prepared *cache.Cache[string, *xref.Prepared]
	// links holds the links touching each topic's claims, by topic ID, at
	// the key of its preparation and the links_version they were read at:
	// reading them scans the index of links once for each claim of the
	// topic, which the largest topics cannot afford on each request.
	links *cache.Cache[string, []*claims.Link]
	// loading shares the preparation of a topic between the requests that
	// miss the cache together.
	loading singleflight.Group
	// beforeKeep, when set, runs after a topic was prepared and before its
	// versions are read again to keep it (tests write there).
	beforeKeep func()
}

func newTopicCache(limit int) *topicCache {
	return &topicCache{min: topicCacheMin,
		prepared: cache.New[string, *xref.Prepared](limit),
		links:    cache.New[string, []*claims.Link](topicLinksBytes)}
}

// linkBytes estimates the memory links hold.
func linkBytes(links []*claims.Link) int {
	n := 0
	for _, l := range links {
		n += 200 + len(l.ID) + len(l.FromID) + len(l.ToID) + len(l.Note) + len(l.Author)
	}
	return n
}

// claimVersions reads the versions in topic_claim_versions of the given
// topics and of the claimants' names (topic ”), 0 for none written since
// the table was made, as one key, and the version of the links.
func claimVersions(db *gorm.DB, topicIDs ...string) (string, int64, error) {
	var rows []struct {
		TopicID string
		Version int64
		Links   bool
	}
	if err := db.Raw(`SELECT topic_id, version, false AS links FROM topic_claim_versions WHERE topic_id IN ?
		UNION ALL SELECT '', version, true FROM links_version`, append([]string{""}, topicIDs...)).Scan(&rows).Error; err != nil {
		return "", 0, err
	}
	byTopic := map[string]int64{}
	var links int64
	for _, r := range rows {
		if r.Links {
			links = r.Version
		} else {
			byTopic[r.TopicID] = r.Version
		}
	}
	key := strconv.FormatInt(byTopic[""], 10)
	for _, id := range topicIDs {
		key += ":" + id + "=" + strconv.FormatInt(byTopic[id], 10)
	}
	return key, links, nil
}

// TopicInput returns what the engine reads of a topic to compute relations
// (see xref.Input): the topic, its claims, the links touching them, its
// parent with the parent's claims and the gazetteer, loaded by the batched
// recompute's loader (recomputer).
func (s *Store) TopicInput(ctx context.Context, topicID string) (*xref.Input, error) {
	t, err := s.FindTopic(ctx, topicID)
	if err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	in := &xref.Input{Topic: t}
	if in.Claims, err = loadTopicClaims(db, s.dialect, topicID); err != nil {
		return nil, err
	}
	if in.Links, err = s.topicLinks(ctx, topicID); err != nil {
		return nil, err
	}
	if in.Related.Gazetteer, err = s.Gazetteer(ctx); err != nil {
		return nil, err
	}
	if t.ParentID != "" {
		if in.Related.Parent, err = s.FindTopic(ctx, t.ParentID); err != nil {
			return nil, err
		}
		if in.Related.ParentClaims, err = loadTopicClaims(db, s.dialect, t.ParentID); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func (s *Store) topicLinks(ctx context.Context, topicID string) ([]*claims.Link, error) {
	links, err := newRecomputer(s.db.WithContext(ctx), s.dialect, nil).loadLinks([]string{topicID})
	if err != nil {
		return nil, translate(err, "read topic links")
	}
	return slices.Clip(orEmpty(links[topicID])), nil
}

// PreparedTopic returns a topic's claims and its parent's prepared for
// relations (xref.Prepared), from the cache when neither topic's claims,
// nor their rows, nor a claimant's name, nor the gazetteer changed since
// they were prepared, and the links touching the topic's claims, kept
// with them while no link is written (links_version).
func (s *Store) PreparedTopic(ctx context.Context, topicID string) (*xref.Prepared, []*claims.Link, error) {
	t, err := s.FindTopic(ctx, topicID)
	if err != nil {
		return nil, nil, err
	}
	if s.inTx || s.topics == nil {
		p, err := s.prepare(ctx, topicID)
		if err != nil {
			return nil, nil, err
		}
		links, err := s.topicLinks(ctx, topicID)
		return p, links, err
	}
	// The versions are read before the rows they key, so that what is
	// cached is never older than its key.
	key, linksVersion, err := s.preparedKey(ctx, t)
	if err != nil {
		return nil, nil, err
	}
	p, ok := s.topics.prepared.Get(topicID, key)
	if !ok {
		// Requests arriving together for a topic that is not cached
		// share one preparation. It is not cancelled with the request
		// that started it, as others wait for it.
		v, err, _ := s.topics.loading.Do(topicID+"\x00"+key, func() (any, error) {
			if p, ok := s.topics.prepared.Get(topicID, key); ok {
				return p, nil
			}
			ctx := context.WithoutCancel(ctx)
			p, err := s.prepare(ctx, topicID)
			if err != nil {
				return nil, err
			}
			return p, s.keepPrepared(ctx, t, key, p)
		})
		if err != nil {
			return nil, nil, err
		}
		p = v.(*xref.Prepared)
	}
	lkey := key + ":links=" + strconv.FormatInt(linksVersion, 10)
	links, ok := s.topics.links.Get(topicID, lkey)
	if !ok {
		if links, err = s.topicLinks(ctx, topicID); err != nil {
			return nil, nil, err
		}
		s.topics.links.Put(topicID, lkey, links, linkBytes(links))
	}
	return p, slices.Clip(links), nil
}

// preparedKey reads the versions a topic's preparation is keyed by: those
// of its claims and its parent's, and the gazetteer's (its content's, see
// cachedGazetteer); and the version of the links.
func (s *Store) preparedKey(ctx context.Context, t *claims.Topic) (string, int64, error) {
	ids := []string{t.ID}
	if t.ParentID != "" {
		ids = append(ids, t.ParentID)
	}
	key, linksVersion, err := claimVersions(s.db.WithContext(ctx), ids...)
	if err != nil {
		return "", 0, translate(err, "read topic claims")
	}
	g, err := s.GazetteerVersion(ctx)
	if err != nil {
		return "", 0, err
	}
	return key + ":" + g, linksVersion, nil
}

// keepPrepared caches p, t's claims prepared at key, unless they are too
// few, or t's versions have moved on since they were read: a preparation
// that took long must not replace the newer one a later request may have
// kept meanwhile (it would be prepared again). A topic moved to another
// parent since its versions were read is keyed by the wrong parent: used,
// not kept.
func (s *Store) keepPrepared(ctx context.Context, t *claims.Topic, key string, p *xref.Prepared) error {
	if p.Len() < s.topics.min || p.ParentID() != t.ParentID {
		return nil
	}
	if s.topics.beforeKeep != nil {
		s.topics.beforeKeep()
	}
	now, _, err := s.preparedKey(ctx, t)
	if err != nil || now != key {
		return err
	}
	s.topics.prepared.Put(t.ID, key, p, p.Bytes())
	return nil
}

// topicVersions reads the version of a topic's comparison and of the
// claimants' and sources' names; 0 for none written since the table was
// made.
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

// prepare reads and prepares a topic's claims and its parent's, each
// claim made lean as it is read.
func (s *Store) prepare(ctx context.Context, topicID string) (*xref.Prepared, error) {
	t, err := s.FindTopic(ctx, topicID)
	if err != nil {
		return nil, err
	}
	g, err := s.Gazetteer(ctx)
	if err != nil {
		return nil, err
	}
	db := s.db.WithContext(ctx)
	cs, err := loadTopicLean(db, s.dialect, topicID)
	if err != nil {
		return nil, err
	}
	var parent *claims.Topic
	var parentClaims *xref.Lean
	if t.ParentID != "" {
		if parent, err = s.FindTopic(ctx, t.ParentID); err != nil {
			return nil, err
		}
		if parentClaims, err = loadTopicLean(db, s.dialect, t.ParentID); err != nil {
			return nil, err
		}
	}
	return xref.PrepareLean(t, parent, g, cs, parentClaims), nil
}

// loadTopicClaims reads a topic's claims with the loader of the batched
// recompute (loadTopicLean), each rebuilt as xref.Slim gives it.
func loadTopicClaims(db *gorm.DB, d dialect, topicID string) ([]xref.ClaimView, error) {
	l, err := loadTopicLean(db, d, topicID)
	if err != nil {
		return nil, err
	}
	return l.Views(), nil
}

// loadTopicLean reads a topic's claims in lean form with the loader of
// the batched recompute: columns scanned directly, claimants' names read
// once each.
func loadTopicLean(db *gorm.DB, d dialect, topicID string) (*xref.Lean, error) {
	r := newRecomputer(db, d, nil)
	if err := r.loadClaims([]string{topicID}); err != nil {
		return nil, translate(err, "read topic claims")
	}
	return r.cache[topicID].claims, nil
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

// versionTopicClaims is step 12: topic_claim_versions, the versions the
// cache of prepared claims is keyed by, bumped by what the engine reads of
// a topic (its claims, its row, claimants' names), not by reviews or
// summaries.
func versionTopicClaims(tx *gorm.DB, d dialect) error {
	stmts := []string{`CREATE TABLE topic_claim_versions (topic_id TEXT PRIMARY KEY, version BIGINT NOT NULL)`,
		`CREATE TABLE links_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)`}
	if d == dialectPostgres {
		return execAll(tx, d, append(stmts,
			`CREATE FUNCTION claimdesk_bump_claim_version() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF TG_TABLE_NAME = 'claimants' THEN
					INSERT INTO topic_claim_versions (topic_id, version) VALUES ('', 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_claim_versions.version + 1;
					RETURN NULL;
				END IF;
				IF TG_TABLE_NAME = 'topics' THEN
					INSERT INTO topic_claim_versions (topic_id, version) VALUES (NEW.id, 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_claim_versions.version + 1;
					RETURN NULL;
				END IF;
				IF TG_OP IN ('UPDATE', 'DELETE') THEN
					INSERT INTO topic_claim_versions (topic_id, version) VALUES (OLD.topic_id, 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_claim_versions.version + 1;
				END IF;
				IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.topic_id IS DISTINCT FROM OLD.topic_id) THEN
					INSERT INTO topic_claim_versions (topic_id, version) VALUES (NEW.topic_id, 1)
					ON CONFLICT (topic_id) DO UPDATE SET version = topic_claim_versions.version + 1;
				END IF;
				RETURN NULL;
			END $$`,
			`CREATE TRIGGER claims_claim_version AFTER INSERT OR UPDATE OR DELETE ON claims
				FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_claim_version()`,
			`CREATE TRIGGER claimants_claim_version AFTER UPDATE ON claimants
				FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_claim_version()`,
			`CREATE TRIGGER topics_claim_version AFTER UPDATE ON topics
				FOR EACH ROW EXECUTE FUNCTION claimdesk_bump_claim_version()`,
			`CREATE FUNCTION claimdesk_bump_links_version() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				INSERT INTO links_version (id, version) VALUES (1, 1)
				ON CONFLICT (id) DO UPDATE SET version = links_version.version + 1;
				RETURN NULL;
			END $$`,
			`CREATE TRIGGER links_version AFTER INSERT OR UPDATE OR DELETE ON links
				FOR EACH STATEMENT EXECUTE FUNCTION claimdesk_bump_links_version()`,
		)...)
	}
	return execAll(tx, d, append(stmts, sqliteClaimVersionTriggers()...)...)
}

// bumpClaimsSQLite adds one to a topic's version in topic_claim_versions.
const bumpClaimsSQLite = `INSERT INTO topic_claim_versions (topic_id, version) VALUES (%s, 1)
	ON CONFLICT (topic_id) DO UPDATE SET version = topic_claim_versions.version + 1;`

// bumpLinks adds one to the version of every link, links_version.
const bumpLinks = `INSERT INTO links_version (id, version) VALUES (1, 1)
	ON CONFLICT (id) DO UPDATE SET version = links_version.version + 1;`

func sqliteClaimVersionTriggers() []string {
	bump := func(expr string) string { return fmt.Sprintf(bumpClaimsSQLite, expr) }
	out := []string{
		`CREATE TRIGGER claims_claim_version_insert AFTER INSERT ON claims BEGIN ` + bump("new.topic_id") + ` END`,
		`CREATE TRIGGER claims_claim_version_update AFTER UPDATE ON claims BEGIN ` + bump("old.topic_id") + bump("new.topic_id") + ` END`,
		`CREATE TRIGGER claims_claim_version_delete AFTER DELETE ON claims BEGIN ` + bump("old.topic_id") + ` END`,
		`CREATE TRIGGER claimants_claim_version AFTER UPDATE ON claimants BEGIN ` + bump("''") + ` END`,
		`CREATE TRIGGER topics_claim_version AFTER UPDATE ON topics BEGIN ` + bump("new.id") + ` END`,
	}
	for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
		out = append(out, `CREATE TRIGGER links_version_`+strings.ToLower(op)+` AFTER `+op+` ON links BEGIN `+bumpLinks+` END`)
	}
	return out
}

// TopicVersion returns a key that changes whenever anything a topic's
// comparison shows may have changed: its claims (their version), its row,
// its summaries and conflicts (recomputed with its claims or its
// children's), the reviews of its pairs, and the names of claimants and
// sources (the version of topic ”). The triggers of step 6 and step 11
// bump them, whatever the write path.
func (s *Store) TopicVersion(ctx context.Context, topicID string) (string, error) {
	read := func(db *gorm.DB) (string, error) {
		version, names, err := topicVersions(db, topicID)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d.%d", version, names), nil
	}
	var v string
	var err error
	if s.dialect == dialectPostgres {
		v, err = read(s.db.WithContext(ctx))
	} else {
		// Through the commit watch: no connection of the pool while
		// nothing has been committed.
		v, err = s.watched(ctx, "topic\x00"+topicID, read)
	}
	return v, translate(err, "read topic version")
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

// RelationsVersion returns a key that changes whenever any claim's
// relations (GET /claims/{id}/relations) may have changed: the
// DataVersion (every topic's claims and rows, the claimants' names, the
// reviews, which bump the topics of their claims), the links' version and
// the gazetteer (a custom place changes how places resolve). On
// PostgreSQL, where the DataVersion is a sum of 10,000 rows at a million
// claims, they are read only when a commit has changed the server's
// snapshot since they were last read (see snapshotWatch). Within a
// transaction it is "": not known.
func (s *Store) RelationsVersion(ctx context.Context) (string, error) {
	if s.inTx {
		return "", nil
	}
	if s.dialect == dialectPostgres {
		v, err := s.snapshotWatched(ctx, "relations", func(db *gorm.DB) (string, error) {
			return relationsVersion(db, postgresDataVersion)
		})
		return v, translate(err, "read relations version")
	}
	// Through the commit watch, the gazetteer's custom places too: read
	// again only after a commit.
	v, err := s.watched(ctx, "relations", func(db *gorm.DB) (string, error) {
		return relationsVersion(db, sqliteDataVersion)
	})
	return v, translate(err, "read relations version")
}

// relationsVersion reads RelationsVersion on db, the data version with
// data.
func relationsVersion(db *gorm.DB, data string) (string, error) {
	var v struct{ Data, Links int64 }
	if err := db.Raw(`SELECT (` + data + `) AS data,
		COALESCE((SELECT version FROM links_version), 0) AS links`).Scan(&v).Error; err != nil {
		return "", err
	}
	g, err := loadCachedGazetteer(db)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d:%d:%s", v.Data, v.Links, g.version), nil
}
