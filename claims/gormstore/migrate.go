package gormstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims/xref"
)

// A migration is one numbered step of the schema. The steps a database
// lacks run in order in one transaction, and are recorded in
// schema_version. A released step is never edited: a change of schema is
// a new step.
//
// A step that changes what the cross-referencing engine reads sets
// recompute instead of recomputing itself: the summaries are computed
// once, after the last step, by today's code from today's columns. (A
// step that recomputed read the claims with the columns of today's code,
// which a later step may add.)
type migration struct {
	version   int
	name      string
	up        func(tx *gorm.DB, d dialect) error
	recompute bool
}

// migrations is the schema's history. Tests truncate it to build a
// database at an older version.
var migrations = []migration{
	{1, "create topics, sources, claimants, claims and links", createSchema, false},
	{2, "index tags in topic_tags and claim_tags", indexTags, false},
	{3, "store reviews, cross-referencing summaries and custom places", createSummaries, false},
	{4, "name the Wikidata items of topics and sources", addWikidataIDs, false},
	{5, "index claims, topics, sources and claimants for full-text search", createSearch, false},
	{6, "version each topic's claims for the cache of relations", createTopicVersions, false},
	{7, "store users and their tokens", createAccounts, false},
	{8, "keep the history of every write", createHistory, false},
	{9, "measures current/cumulative/per_period/peak, claim basis, topic places and populations, conflict priority", measuresAndScopes, true},
	{10, "index the prefixes of claims' words for full-text search", prefixSearch, false},
	{11, "version each topic's comparison: its row, summaries, reviews, sources' names", versionComparisons, false},
	{12, "version each topic's claims apart from its reviews and summaries, for the cache of relations", versionTopicClaims, false},
	{13, "cover the facets of a topic's claims with one index", facetIndex, false},
	{14, "key each claim's full-text row by its topic, for searches within a topic", topicKeySearch, false},
	{15, "keep each claim's topic beside its tsvector, for searches within a topic on PostgreSQL", topicSearchPostgres, false},
	{16, "let a PostgreSQL bulk import index its claims and bump their topics' versions a batch at a time", bulkTriggersPostgres, false},
	{17, "keep the sum of every topic's version in one row on SQLite, the key of the caches across topics", countDataVersion, false},
	{18, "keep the tsvector of topics, sources and claimants in a stored column on PostgreSQL, for ranking them", storedSearchDocs, false},
	{19, "index the claims in conflict, and a topic's claims most severe conflict first", conflictIndexes, false},
}

// migrateLockKey is the PostgreSQL advisory lock that serialises replicas
// migrating one database at once ("claimdesk" in ASCII, shortened).
const migrateLockKey = 0x636c61696d64

// Migrate brings the schema up to date, running the steps the database
// lacks. It is idempotent, and safe when several replicas start at once
// against one PostgreSQL database.
func (s *Store) Migrate(ctx context.Context) error {
	return s.migrate(ctx, migrations)
}

// SchemaVersion returns the version of the newest migration applied to the
// database, 0 for an empty database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.WithContext(ctx).Raw("SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&v).Error
	if err != nil {
		return 0, translate(err, "read schema version")
	}
	return v, nil
}

// postgresMaxConns is how many connections a PostgreSQL store's pool may
// open.
const postgresMaxConns = 20

// postgresWriteConns is how many of a PostgreSQL pool's connections the
// reads leave to the writes (ReadConns).
const postgresWriteConns = postgresMaxConns / 4

// postgresIdleConns is how many idle PostgreSQL connections the pool keeps.
const postgresIdleConns = 10

func (s *Store) migrate(ctx context.Context, steps []migration) error {
	ran := false
	defer func() {
		// A pooled PostgreSQL connection caches prepared statements; one
		// prepared before a step changed a table's columns fails with
		// "cached plan must not change result type". New connections
		// prepare afresh, so the idle ones are closed after a change.
		if ran && s.dialect == dialectPostgres {
			s.sqlDB.SetMaxIdleConns(0)
			s.sqlDB.SetMaxIdleConns(postgresIdleConns)
		}
	}()
	latest := 0
	if len(steps) > 0 {
		latest = steps[len(steps)-1].version
	}
	var done []migration
	err := s.write(ctx, nil, func(tx *gorm.DB) error {
		done = done[:0]
		if s.dialect == dialectPostgres {
			// A migration waits for another replica's as long as it
			// takes, whatever the lock wait of writes.
			if err := tx.Exec("SET LOCAL lock_timeout = 0").Error; err != nil {
				return err
			}
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrateLockKey).Error; err != nil {
				return err
			}
		}
		if err := tx.Exec(s.ddl(`CREATE TABLE IF NOT EXISTS schema_version (
			version INTEGER PRIMARY KEY,
			applied_at TIMESTAMP NOT NULL)`)).Error; err != nil {
			return err
		}
		var current int
		if err := tx.Raw("SELECT COALESCE(MAX(version), 0) FROM schema_version").Scan(&current).Error; err != nil {
			return err
		}
		if current > latest {
			return fmt.Errorf("the database is at schema version %d, newer than this claimdesk knows (%d): upgrade claimdesk", current, latest)
		}
		recompute := false
		for _, step := range steps {
			switch {
			case current >= step.version:
				continue
			case current != step.version-1:
				return fmt.Errorf("the database is at schema version %d and step %d cannot follow it", current, step.version)
			}
			done = append(done, step)
			if err := step.up(tx, s.dialect); err != nil {
				return fmt.Errorf("migrate to version %d (%s): %w", step.version, step.name, err)
			}
			if err := tx.Exec("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", step.version, s.clock()).Error; err != nil {
				return err
			}
			current = step.version
			// A database made by step 1 in this call has nothing to
			// recompute yet, but recomputing it costs nothing.
			recompute = recompute || step.recompute
		}
		if recompute {
			if err := recomputeAll(tx, s.dialect); err != nil {
				return fmt.Errorf("recompute the summaries after migrating: %w", err)
			}
		}
		// summary_rules is kept apart from the numbered steps, as
		// schema_version is: an older release, which does not read it,
		// still opens the database. A database with no topics yet has
		// no summaries to be stale: it starts at this release's rules.
		if err := tx.Exec(s.ddl(`CREATE TABLE IF NOT EXISTS summary_rules (
			id INTEGER PRIMARY KEY,
			version INTEGER NOT NULL)`)).Error; err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO summary_rules (id, version) SELECT 1, ?
			WHERE NOT EXISTS (SELECT 1 FROM summary_rules) AND NOT EXISTS (SELECT 1 FROM topics)`, xref.RulesVersion).Error
	})
	ran = len(done) > 0
	if err != nil {
		return fmt.Errorf("gormstore: %w", err)
	}
	return nil
}

// ddl adapts a statement written for both databases to s's dialect: the
// one type they spell differently is a timestamp with time zone.
func (s *Store) ddl(stmt string) string { return ddlFor(s.dialect, stmt) }

func ddlFor(d dialect, stmt string) string {
	if d == dialectPostgres {
		return strings.ReplaceAll(stmt, "TIMESTAMP", "TIMESTAMPTZ")
	}
	return strings.ReplaceAll(stmt, "TIMESTAMP", "DATETIME")
}

func execAll(tx *gorm.DB, d dialect, stmts ...string) error {
	for _, st := range stmts {
		if err := tx.Exec(ddlFor(d, st)).Error; err != nil {
			return err
		}
	}
	return nil
}

// createSchema is step 1. The statements are explicit rather than
// AutoMigrate so that every database built by step 1 is the same.
func createSchema(tx *gorm.DB, d dialect) error {
	const meta = `id TEXT PRIMARY KEY,
		created_at TIMESTAMP NOT NULL,
		updated_at TIMESTAMP NOT NULL,
		version INTEGER NOT NULL`
	return execAll(tx, d,
		`CREATE TABLE topics (`+meta+`,
			title TEXT NOT NULL,
			description TEXT NOT NULL,
			measure TEXT NOT NULL,
			unit TEXT NOT NULL,
			additive BOOLEAN NOT NULL,
			parent_id TEXT REFERENCES topics (id),
			window_days INTEGER NOT NULL,
			tags TEXT NOT NULL,
			search TEXT NOT NULL)`,
		`CREATE INDEX topics_parent ON topics (parent_id, id)`,
		`CREATE INDEX topics_created ON topics (created_at, id)`,
		`CREATE INDEX topics_updated ON topics (updated_at, id)`,
		`CREATE INDEX topics_title ON topics (title, id)`,

		`CREATE TABLE sources (`+meta+`,
			name TEXT NOT NULL,
			url TEXT NOT NULL,
			kind TEXT NOT NULL,
			publisher TEXT NOT NULL,
			language TEXT NOT NULL,
			published_on TEXT,
			notes TEXT NOT NULL,
			search TEXT NOT NULL)`,
		`CREATE INDEX sources_kind ON sources (kind, id)`,
		`CREATE INDEX sources_created ON sources (created_at, id)`,
		`CREATE INDEX sources_updated ON sources (updated_at, id)`,
		`CREATE INDEX sources_name ON sources (name, id)`,
		`CREATE INDEX sources_published ON sources (published_on, id)`,

		`CREATE TABLE claimants (`+meta+`,
			name TEXT NOT NULL,
			kind TEXT NOT NULL,
			role TEXT NOT NULL,
			affiliation TEXT NOT NULL,
			notes TEXT NOT NULL,
			search TEXT NOT NULL)`,
		`CREATE INDEX claimants_created ON claimants (created_at, id)`,
		`CREATE INDEX claimants_updated ON claimants (updated_at, id)`,
		`CREATE INDEX claimants_name ON claimants (name, id)`,

		`CREATE TABLE claims (`+meta+`,
			topic_id TEXT NOT NULL REFERENCES topics (id),
			claimant_id TEXT NOT NULL REFERENCES claimants (id),
			source_id TEXT NOT NULL REFERENCES sources (id),
			quote TEXT NOT NULL,
			quantity_text TEXT NOT NULL,
			language TEXT NOT NULL,
			original_text TEXT NOT NULL,
			original_language TEXT NOT NULL,
			no_number BOOLEAN NOT NULL,
			parsed TEXT NOT NULL,
			analyst_interval TEXT NOT NULL,
			interval_source TEXT NOT NULL,
			parser_version TEXT NOT NULL,
			unit TEXT NOT NULL,
			low DOUBLE PRECISION,
			high DOUBLE PRECISION,
			best DOUBLE PRECISION,
			places TEXT NOT NULL,
			population TEXT NOT NULL,
			group_name TEXT NOT NULL,
			measure TEXT NOT NULL,
			url TEXT NOT NULL,
			archive_url TEXT NOT NULL,
			relays TEXT NOT NULL,
			occasion TEXT NOT NULL,
			said_on TEXT NOT NULL,
			published_on TEXT NOT NULL,
			as_of TEXT NOT NULL,
			since TEXT NOT NULL,
			ref_start TEXT,
			ref_end TEXT,
			evidence_type TEXT NOT NULL,
			grade TEXT NOT NULL,
			rank TEXT NOT NULL,
			deprecation_reason TEXT NOT NULL,
			notes TEXT NOT NULL,
			tags TEXT NOT NULL,
			search TEXT NOT NULL)`,
		// Per-topic listings and summaries (a topic may hold a million claims).
		`CREATE INDEX claims_topic_created ON claims (topic_id, created_at, id)`,
		`CREATE INDEX claims_topic_ref ON claims (topic_id, ref_start, ref_end)`,
		`CREATE INDEX claims_topic_measure ON claims (topic_id, measure, rank, grade)`,
		`CREATE INDEX claims_topic_best ON claims (topic_id, best)`,
		`CREATE INDEX claims_claimant ON claims (claimant_id, created_at, id)`,
		`CREATE INDEX claims_source ON claims (source_id)`,
		`CREATE INDEX claims_created ON claims (created_at, id)`,
		`CREATE INDEX claims_updated ON claims (updated_at, id)`,
		`CREATE INDEX claims_ref ON claims (ref_start, id)`,
		`CREATE INDEX claims_low ON claims (low, id)`,
		`CREATE INDEX claims_high ON claims (high, id)`,
		`CREATE INDEX claims_best ON claims (best, id)`,
		`CREATE INDEX claims_grade ON claims (grade)`,
		`CREATE INDEX claims_rank ON claims (rank)`,

		// Every source a claim names, origin and relays, for the source
		// filter and for refusing to delete a source still in use.
		`CREATE TABLE claim_sources (
			claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
			source_id TEXT NOT NULL REFERENCES sources (id),
			PRIMARY KEY (claim_id, source_id))`,
		`CREATE INDEX claim_sources_source ON claim_sources (source_id, claim_id)`,

		`CREATE TABLE links (`+meta+`,
			from_id TEXT NOT NULL REFERENCES claims (id),
			to_id TEXT NOT NULL REFERENCES claims (id),
			kind TEXT NOT NULL,
			note TEXT NOT NULL,
			author TEXT NOT NULL)`,
		`CREATE INDEX links_from ON links (from_id)`,
		`CREATE INDEX links_to ON links (to_id)`,
		`CREATE INDEX links_created ON links (created_at, id)`,
		`CREATE INDEX links_updated ON links (updated_at, id)`,
	)
}

// indexTags is step 2: the tag filter reads small indexed tables instead
// of scanning the JSON tags of every row. It backfills them from the JSON.
func indexTags(tx *gorm.DB, d dialect) error {
	err := execAll(tx, d,
		`CREATE TABLE topic_tags (
			topic_id TEXT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
			tag TEXT NOT NULL,
			PRIMARY KEY (topic_id, tag))`,
		`CREATE INDEX topic_tags_tag ON topic_tags (tag, topic_id)`,
		`CREATE TABLE claim_tags (
			claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
			tag TEXT NOT NULL,
			PRIMARY KEY (claim_id, tag))`,
		`CREATE INDEX claim_tags_tag ON claim_tags (tag, claim_id)`,
	)
	if err != nil {
		return err
	}
	for _, t := range []struct{ table, tagTable, key string }{
		{"topics", "topic_tags", "topic_id"},
		{"claims", "claim_tags", "claim_id"},
	} {
		type idTags struct {
			ID   string
			Tags string
		}
		for last := ""; ; {
			var batch []idTags
			err := tx.Table(t.table).Select("id, tags").Where("id > ?", last).
				Order("id").Limit(1000).Find(&batch).Error
			if err != nil {
				return err
			}
			if len(batch) == 0 {
				break
			}
			for _, r := range batch {
				var tags []string
				if err := json.Unmarshal([]byte(r.Tags), &tags); err != nil {
					return fmt.Errorf("tags of %s %q: %w", t.table, r.ID, err)
				}
				if err := insertTags(tx, t.tagTable, t.key, r.ID, tags); err != nil {
					return err
				}
			}
			last = batch[len(batch)-1].ID
		}
	}
	return nil
}

// insertTags records the tags of the record id in table.
func insertTags(tx *gorm.DB, table, key, id string, tags []string) error {
	if len(tags) == 0 {
		return nil
	}
	rows := make([]map[string]any, 0, len(tags))
	seen := make(map[string]bool, len(tags))
	for _, tag := range tags {
		if !seen[tag] {
			seen[tag] = true
			rows = append(rows, map[string]any{key: id, "tag": tag})
		}
	}
	return tx.Table(table).Create(rows).Error
}

// measuresAndScopes is step 7: the measures that say how a count behaves
// over time replace stock/flow/proxy (stock becomes current; flow becomes
// per_period where since equals as_of, as "in 2015", else cumulative;
// see claims.LegacyMeasure), claims gain a basis (estimate for the rows
// already stored), topics their places and population tree, and the
// notable conflicts a priority that ranks them. Every topic is recomputed
// by the new rules.
func measuresAndScopes(tx *gorm.DB, d dialect) error {
	err := execAll(tx, d,
		`ALTER TABLE claims ADD COLUMN basis TEXT NOT NULL DEFAULT 'estimate'`,
		`ALTER TABLE topics ADD COLUMN places TEXT NOT NULL DEFAULT '[]'`,
		`ALTER TABLE topics ADD COLUMN populations TEXT NOT NULL DEFAULT '[]'`,
		`ALTER TABLE topic_conflicts ADD COLUMN priority DOUBLE PRECISION NOT NULL DEFAULT 0`,
		`UPDATE claims SET measure = 'current' WHERE measure = 'stock'`,
		`UPDATE claims SET measure = 'per_period' WHERE measure = 'flow' AND since <> '' AND since = as_of`,
		`UPDATE claims SET measure = 'cumulative' WHERE measure = 'flow'`,
		`CREATE INDEX topic_conflicts_priority ON topic_conflicts (priority DESC, severity DESC, topic_id, claim_a, claim_b)`,
		`CREATE INDEX topic_conflicts_status_priority ON topic_conflicts (status, priority DESC, severity DESC, topic_id, claim_a, claim_b)`,
	)
	return err
}

// createSummaries is step 3: analysts' reviews of conflicts, the stored
// cross-referencing of every topic (one row per claim, one per topic and
// the notable conflicts) and the places analysts add to the gazetteer. It
// computes the summaries of the topics already stored.
func createSummaries(tx *gorm.DB, d dialect) error {
	const meta = `id TEXT PRIMARY KEY,
		created_at TIMESTAMP NOT NULL,
		updated_at TIMESTAMP NOT NULL,
		version INTEGER NOT NULL`
	err := execAll(tx, d,
		`CREATE TABLE reviews (`+meta+`,
			claim_a TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
			claim_b TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
			status TEXT NOT NULL,
			resolution TEXT NOT NULL,
			author TEXT NOT NULL,
			UNIQUE (claim_a, claim_b))`,
		`CREATE INDEX reviews_claim_b ON reviews (claim_b)`,
		`CREATE INDEX reviews_status ON reviews (status, created_at, id)`,
		`CREATE INDEX reviews_created ON reviews (created_at, id)`,
		`CREATE INDEX reviews_updated ON reviews (updated_at, id)`,

		`CREATE TABLE claim_summaries (
			claim_id TEXT PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
			topic_id TEXT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
			conflict_count INTEGER NOT NULL,
			part_whole_count INTEGER NOT NULL,
			worst_severity DOUBLE PRECISION NOT NULL,
			worst_against TEXT NOT NULL,
			worst_relation TEXT NOT NULL,
			worst_explanation TEXT NOT NULL,
			group_index INTEGER NOT NULL,
			superseded_by TEXT NOT NULL,
			independent_origin TEXT NOT NULL,
			active BOOLEAN NOT NULL,
			unknown_places TEXT NOT NULL,
			flow_fell BOOLEAN NOT NULL)`,
		`CREATE INDEX claim_summaries_topic ON claim_summaries (topic_id, claim_id)`,
		`CREATE INDEX claim_summaries_worst ON claim_summaries (topic_id, worst_severity)`,

		`CREATE TABLE topic_summaries (
			topic_id TEXT PRIMARY KEY REFERENCES topics (id) ON DELETE CASCADE,
			claim_count INTEGER NOT NULL,
			active_count INTEGER NOT NULL,
			conflict_count INTEGER NOT NULL,
			conflict_pairs BIGINT NOT NULL,
			notable_conflicts INTEGER NOT NULL,
			open_conflicts INTEGER NOT NULL,
			spread DOUBLE PRECISION NOT NULL,
			independent_origins INTEGER NOT NULL,
			flow_falls INTEGER NOT NULL,
			unknown_count INTEGER NOT NULL,
			summary TEXT NOT NULL,
			series TEXT NOT NULL,
			sum_of_parts TEXT NOT NULL,
			computed_at TIMESTAMP NOT NULL)`,
		`CREATE INDEX topic_summaries_open ON topic_summaries (open_conflicts)`,
		`CREATE INDEX topic_summaries_unknown ON topic_summaries (unknown_count)`,

		// Each topic's notable conflicts: at most one per claim (its worst)
		// plus the analysts' contradicts links, never every pair.
		`CREATE TABLE topic_conflicts (
			topic_id TEXT NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
			claim_a TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
			claim_b TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
			kind TEXT NOT NULL,
			severity DOUBLE PRECISION NOT NULL,
			explanation TEXT NOT NULL,
			manual BOOLEAN NOT NULL,
			status TEXT NOT NULL,
			resolution TEXT NOT NULL,
			PRIMARY KEY (topic_id, claim_a, claim_b))`,
		`CREATE INDEX topic_conflicts_severity ON topic_conflicts (severity DESC, topic_id, claim_a, claim_b)`,
		`CREATE INDEX topic_conflicts_status ON topic_conflicts (status, severity DESC, topic_id, claim_a, claim_b)`,
		`CREATE INDEX topic_conflicts_topic ON topic_conflicts (topic_id, severity DESC)`,
		`CREATE INDEX topic_conflicts_claim_b ON topic_conflicts (claim_b)`,
		`CREATE INDEX topic_conflicts_claim_a ON topic_conflicts (claim_a)`,

		`CREATE TABLE custom_places (
			id TEXT PRIMARY KEY,
			name TEXT NOT NULL,
			kind TEXT NOT NULL,
			aliases TEXT NOT NULL,
			parents TEXT NOT NULL,
			created_at TIMESTAMP NOT NULL)`,
	)
	// The summaries of the topics already stored are computed by step 7,
	// which recomputes every topic by today's rules: the claims of a
	// step 3 database lack the columns today's recompute reads.
	return err
}

// addWikidataIDs is step 4: a topic may name the Wikidata item its
// figures are about and a source its own item, the subject and the
// "stated in" of the QuickStatements export.
func addWikidataIDs(tx *gorm.DB, d dialect) error {
	return execAll(tx, d,
		`ALTER TABLE topics ADD COLUMN wikidata_id TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE sources ADD COLUMN wikidata_id TEXT NOT NULL DEFAULT ''`)
}

// createAccounts is step 7: users and their tokens (API tokens and
// browser sessions, stored as hashes).
func createAccounts(tx *gorm.DB, d dialect) error {
	return execAll(tx, d,
		`CREATE TABLE users (
			id TEXT PRIMARY KEY,
			name TEXT NOT NULL UNIQUE,
			role TEXT NOT NULL,
			disabled BOOLEAN NOT NULL,
			password_hash TEXT NOT NULL,
			created_at TIMESTAMP NOT NULL)`,
		`CREATE TABLE tokens (
			id TEXT PRIMARY KEY,
			user_id TEXT NOT NULL REFERENCES users (id),
			kind TEXT NOT NULL,
			name TEXT NOT NULL,
			hash TEXT NOT NULL UNIQUE,
			created_at TIMESTAMP NOT NULL,
			expires_at TIMESTAMP,
			revoked_at TIMESTAMP)`,
		`CREATE INDEX tokens_user ON tokens (user_id, kind)`,
	)
}
