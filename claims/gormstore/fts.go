package gormstore

import (
	"encoding/hex"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims/fulltext"
	_ "github.com/claimdesk/claimdesk/claims/gormstore/fts5" // SQLite's FTS5 module, without a build tag
)

// The full-text index is kept by the database itself, with triggers, so
// that every write path (the CRUD methods, the bulk import, a migration)
// keeps it in sync without knowing of it.
//
// On SQLite, four FTS5 tables (unicode61 tokenizer, diacritics removed)
// mirror claims, topics, sources and claimants by rowid. A claim's row
// also holds the names of its claimant, origin source and topic, so that
// searching for a name finds the claims; renaming one rewrites those rows.
// VACUUM may renumber the rowids of tables without an INTEGER PRIMARY
// KEY, so RebuildSearch runs after one.
//
// On PostgreSQL, claim_search holds each claim's tsvector: its text with
// the configuration of its language (claimdesk_ts_config) and with
// 'simple', and the names with 'russian' (which stems Latin words as
// English) and 'simple'. Topics, sources and claimants are searched
// through expression indexes.

// claimDocSQLite selects the FTS5 row of the claims c that a WHERE clause
// appended to it picks. topic_key is one token that no text holds: U+E000
// (private use, which unicode61 keeps in a token, as it does letters and
// digits) and the hex of the topic's ID (whose '-' and '_' would split
// it). A search within a topic ANDs it into its query (topicKey), so that
// FTS5 intersects the two lists instead of walking every match of the
// words; it weighs 0 in claimdesk_bm25, which leaves it out of the row's
// length, so the scores are those of the row without it.
const claimDocSQLite = claimDocSQLite5 + `, char(57344) || hex(c.topic_id)
	FROM claims c`

const claimFTSColumns = `claims_fts (rowid, quote, quantity_text, original_text, notes, names, topic_key)`

// claimDocSQLite5 and claimFTSColumns5 are claims_fts's row as steps 5
// and 10 made it, before step 14 added topic_key (without the FROM).
const claimDocSQLite5 = `SELECT c.rowid, c.quote, c.quantity_text, c.original_text, c.notes,
		COALESCE((SELECT name FROM claimants WHERE id = c.claimant_id), '') || ' ' ||
		COALESCE((SELECT name FROM sources WHERE id = c.source_id), '') || ' ' ||
		COALESCE((SELECT title FROM topics WHERE id = c.topic_id), '')`

const claimFTSColumns5 = `claims_fts (rowid, quote, quantity_text, original_text, notes, names)`

// topicKey is the topic_key of topic's claims, as claimDocSQLite makes it.
func topicKey(topic string) string {
	return "\ue000" + strings.ToUpper(hex.EncodeToString([]byte(topic)))
}

// claimsMatch is the MATCH expression of terms, within topic's claims when
// topic is not "": the key is the last phrase (claimdesk_bm25 takes its
// IDF last).
func claimsMatch(terms []fulltext.Term, topic string) string {
	m := fulltext.FTS5(terms)
	if topic != "" {
		m += ` AND "` + topicKey(topic) + `"`
	}
	return m
}

// ftsTables are the other FTS5 mirrors: a table and its indexed columns.
var ftsTables = []struct {
	table, fts string
	columns    []string
	// nameCol is the column claims_fts.names copies, and claimKey the
	// claims column that refers to the table.
	nameCol, claimKey string
}{
	{"topics", "topics_fts", []string{"title", "description"}, "title", "topic_id"},
	{"sources", "sources_fts", []string{"name", "publisher"}, "name", "source_id"},
	{"claimants", "claimants_fts", []string{"name", "role", "affiliation"}, "name", "claimant_id"},
}

// ftsColumns returns the indexed columns of table's FTS5 mirror (topics,
// sources or claimants).
func ftsColumns(table string) []string {
	for _, t := range ftsTables {
		if t.table == table {
			return t.columns
		}
	}
	return nil
}

const ftsTokenizer = `tokenize = 'unicode61 remove_diacritics 2'`

// sqliteSearchSchema is the full-text index as step 5 made it;
// sqliteClaimsFTSTriggers are the triggers of claims_fts since step 14.
func sqliteSearchSchema() []string {
	stmts := []string{
		`CREATE VIRTUAL TABLE claims_fts USING fts5(quote, quantity_text, original_text, notes, names, ` + ftsTokenizer + `)`,
		`CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
			INSERT INTO ` + claimFTSColumns5 + ` ` + claimDocSQLite5 + ` FROM claims c WHERE c.rowid = new.rowid;
		END`,
		`CREATE TRIGGER claims_fts_update AFTER UPDATE OF quote, quantity_text, original_text, notes, claimant_id, source_id, topic_id ON claims BEGIN
			DELETE FROM claims_fts WHERE rowid = old.rowid;
			INSERT INTO ` + claimFTSColumns5 + ` ` + claimDocSQLite5 + ` FROM claims c WHERE c.rowid = new.rowid;
		END`,
		`CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
			DELETE FROM claims_fts WHERE rowid = old.rowid;
		END`,
	}
	for _, t := range ftsTables {
		cols := strings.Join(t.columns, ", ")
		news := "new." + strings.Join(t.columns, ", new.")
		stmts = append(stmts,
			`CREATE VIRTUAL TABLE `+t.fts+` USING fts5(`+cols+`, `+ftsTokenizer+`)`,
			`CREATE TRIGGER `+t.fts+`_insert AFTER INSERT ON `+t.table+` BEGIN
				INSERT INTO `+t.fts+` (rowid, `+cols+`) VALUES (new.rowid, `+news+`);
			END`,
			`CREATE TRIGGER `+t.fts+`_update AFTER UPDATE OF `+cols+` ON `+t.table+` BEGIN
				DELETE FROM `+t.fts+` WHERE rowid = old.rowid;
				INSERT INTO `+t.fts+` (rowid, `+cols+`) VALUES (new.rowid, `+news+`);
			END`,
			`CREATE TRIGGER `+t.fts+`_delete AFTER DELETE ON `+t.table+` BEGIN
				DELETE FROM `+t.fts+` WHERE rowid = old.rowid;
			END`,
			// A new name reaches the claims that show it.
			`CREATE TRIGGER `+t.fts+`_rename AFTER UPDATE OF `+t.nameCol+` ON `+t.table+`
				WHEN old.`+t.nameCol+` IS NOT new.`+t.nameCol+` BEGIN
				DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM claims WHERE `+t.claimKey+` = new.id);
				INSERT INTO `+claimFTSColumns5+` `+claimDocSQLite5+` FROM claims c WHERE c.`+t.claimKey+` = new.id;
			END`,
		)
	}
	return stmts
}

// claimsFTSOptimize merges claims_fts's segments into one. Filling it in
// one statement leaves a dozen segments at a million claims (FTS5 writes
// one each time its buffer fills, and merges them only in part), and a
// query seeks each word and prefix in every segment and merges their
// lists: merged, searching a word within the largest topic took 0.80x
// the CPU at a million claims (BenchmarkSearchRequests, 4.24 against
// 5.35 ms). It rewrites the index once: about 3 s of CPU at a million
// claims. Later writes add segments that FTS5 merges as it goes.
const claimsFTSOptimize = `INSERT INTO claims_fts (claims_fts) VALUES ('optimize')`

// claimsFTSFill empties claims_fts and fills it from the stored claims in
// one statement, merged into one segment (claimsFTSOptimize). FTS5 writes
// a segment each time its buffer of new entries (1 MB) fills, and by
// default merges them as it goes: 4 at a time after each write
// ('automerge' 4) and at once when 16 pile up at one level ('crisismerge'
// 16), so each entry is rewritten once for every level it climbs. The
// optimize at the end rewrites every entry once more whatever the levels,
// so that merging is wasted: during the fill automerge is off and a level
// is merged only when claimsFTSFillCrisis segments pile up, and then both
// settings go back to FTS5's defaults (written into claims_fts_config,
// which FTS5 reads on every connection), so that later writes merge as
// before. The index is the same: one segment, the same rows. At a
// million claims the fill and its optimize took 0.84x the CPU (112.6
// against 133.3 s in two alternated rounds) and wrote 0.77x the bytes
// (2.19 against 2.86 GB); at 100,000 claims, with fewer levels to climb,
// 0.88-0.97x the CPU.
func claimsFTSFill() []string {
	return []string{
		`DELETE FROM claims_fts`,
		`INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', 0)`,
		`INSERT INTO claims_fts (claims_fts, rank) VALUES ('crisismerge', ` + strconv.Itoa(claimsFTSFillCrisis) + `)`,
		`INSERT INTO ` + claimFTSColumns + ` ` + claimDocSQLite,
		claimsFTSOptimize,
		`INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', ` + strconv.Itoa(fts5DefaultAutomerge) + `)`,
		`INSERT INTO claims_fts (claims_fts, rank) VALUES ('crisismerge', ` + strconv.Itoa(fts5DefaultCrisismerge) + `)`,
	}
}

// claimsFTSFillCrisis is the 'crisismerge' of claimsFTSFill: with
// automerge off, the number of segments of one level that FTS5 merges
// into one of the next. It bounds how many segments the optimize merges
// (at most this many of each level).
const claimsFTSFillCrisis = 64

// fts5DefaultAutomerge and fts5DefaultCrisismerge are FTS5's own defaults
// (FTS5_DEFAULT_AUTOMERGE and FTS5_DEFAULT_CRISISMERGE in fts5.c).
const (
	fts5DefaultAutomerge   = 4
	fts5DefaultCrisismerge = 16
)

// sqliteSearchFill fills the FTS5 tables from the stored rows.
func sqliteSearchFill() []string {
	return append(claimsFTSFill(), sqliteOthersFill()...)
}

// sqliteOthersFill fills the FTS5 tables of topics, sources and claimants.
func sqliteOthersFill() []string {
	var stmts []string
	for _, t := range ftsTables {
		cols := strings.Join(t.columns, ", ")
		stmts = append(stmts,
			`DELETE FROM `+t.fts,
			`INSERT INTO `+t.fts+` (rowid, `+cols+`) SELECT rowid, `+cols+` FROM `+t.table)
	}
	return stmts
}

// tsConfigs maps ISO 639-1 language codes to PostgreSQL's text search
// configurations; any other language is searched with 'simple'.
var tsConfigs = [][2]string{
	{"ru", "russian"}, {"en", "english"}, {"de", "german"}, {"fr", "french"},
	{"es", "spanish"}, {"it", "italian"}, {"pt", "portuguese"}, {"nl", "dutch"},
	{"sv", "swedish"}, {"no", "norwegian"}, {"nb", "norwegian"}, {"da", "danish"},
	{"fi", "finnish"}, {"hu", "hungarian"}, {"ro", "romanian"}, {"tr", "turkish"},
}

// pgTextSearch is the expression of the tsvector of a text that is not a
// claim's (a title, a name): 'simple' and 'russian'. The stored columns
// of step 18 and a claim's tsvector use it.
func pgTextSearch(expr string) string {
	return "(to_tsvector('simple'::regconfig, " + expr + ") || to_tsvector('russian'::regconfig, " + expr + "))"
}

// pgSearchDoc is the column of topics, sources and claimants that holds
// the tsvector of their pgTextExprs since step 18 (storedSearchDocs).
const pgSearchDoc = "search_doc"

// pgTextExprs are the texts of topics, sources and claimants that are
// searched.
var pgTextExprs = map[string]string{
	"topics":    "(title || ' ' || description)",
	"sources":   "(name || ' ' || publisher)",
	"claimants": "(name || ' ' || role || ' ' || affiliation)",
}

// claimDocPG is the expression of the tsvector of the claim c (a row of
// claims) in claim_search, given names: the expression of its claimant's
// name, its source's name and its topic's title joined by spaces.
// claimdesk_claim_doc, which the triggers call, finds the names with a
// subquery each; a bulk import joins them (bulkIndexPG).
func claimDocPG(names string) string {
	return `setweight(to_tsvector(claimdesk_ts_config(c.language), c.quote || ' ' || c.quantity_text), 'A')
				|| setweight(to_tsvector(claimdesk_ts_config(c.original_language), c.original_text), 'B')
				|| setweight(to_tsvector(claimdesk_ts_config(c.language), c.notes), 'C')
				|| setweight(to_tsvector('simple', c.quote || ' ' || c.quantity_text || ' ' || c.original_text || ' ' || c.notes), 'C')
				|| setweight(` + pgTextSearch(names) + `, 'B')`
}

func postgresSearchSchema() []string {
	var cases strings.Builder
	for _, c := range tsConfigs {
		cases.WriteString(" WHEN '" + c[0] + "' THEN '" + c[1] + "'")
	}
	stmts := []string{
		`CREATE FUNCTION claimdesk_ts_config(lang TEXT) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$
			SELECT (CASE lower(split_part(split_part(lang, '-', 1), '_', 1))` + cases.String() + ` ELSE 'simple' END)::regconfig
		$$`,
		`CREATE TABLE claim_search (
			claim_id TEXT PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
			doc TSVECTOR NOT NULL)`,
		`CREATE FUNCTION claimdesk_claim_doc(c claims) RETURNS tsvector LANGUAGE sql STABLE AS $$
			SELECT ` + claimDocPG(`concat_ws(' ',
					(SELECT name FROM claimants WHERE id = c.claimant_id),
					(SELECT name FROM sources WHERE id = c.source_id),
					(SELECT title FROM topics WHERE id = c.topic_id))`) + `
		$$`,
		`CREATE FUNCTION claimdesk_claim_search() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			INSERT INTO claim_search (claim_id, doc) VALUES (NEW.id, claimdesk_claim_doc(NEW))
			ON CONFLICT (claim_id) DO UPDATE SET doc = EXCLUDED.doc;
			RETURN NULL;
		END $$`,
		`CREATE TRIGGER claims_search AFTER INSERT OR UPDATE OF quote, quantity_text, original_text, notes, language, original_language, claimant_id, source_id, topic_id
			ON claims FOR EACH ROW EXECUTE FUNCTION claimdesk_claim_search()`,
		`INSERT INTO claim_search (claim_id, doc) SELECT c.id, claimdesk_claim_doc(c) FROM claims c`,
		`CREATE INDEX claim_search_doc ON claim_search USING gin (doc)`,
	}
	for _, t := range ftsTables {
		stmts = append(stmts,
			`CREATE INDEX `+t.fts+` ON `+t.table+` USING gin (`+pgTextSearch(pgTextExprs[t.table])+`)`,
			`CREATE FUNCTION claimdesk_`+t.table+`_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				UPDATE claim_search s SET doc = claimdesk_claim_doc(c) FROM claims c
				WHERE c.`+t.claimKey+` = NEW.id AND s.claim_id = c.id;
				RETURN NULL;
			END $$`,
			`CREATE TRIGGER `+t.table+`_renamed AFTER UPDATE OF `+t.nameCol+` ON `+t.table+`
				FOR EACH ROW WHEN (OLD.`+t.nameCol+` IS DISTINCT FROM NEW.`+t.nameCol+`)
				EXECUTE FUNCTION claimdesk_`+t.table+`_renamed()`,
		)
	}
	return stmts
}

// claimsFTSPrefix are the lengths of the prefixes claims_fts indexes
// besides its words. A query word is matched as a prefix (its stem), and
// FTS5 answers a prefix of a length it does not index by merging the
// lists of every word starting with it before it can return one row: for
// a stem as common as "offici" in a million claims, two million entries.
// With the prefix indexed that list is read like a word's, from the
// newest row, as far as the query needs. Longer stems start few words,
// whose lists merge cheaply.
const claimsFTSPrefix = `prefix = '3 4 5 6 7 8'`

// prefixSearch is step 10: claims_fts again, with claimsFTSPrefix.
func prefixSearch(tx *gorm.DB, d dialect) error {
	if d == dialectPostgres {
		return nil
	}
	return execAll(tx, d,
		`DROP TABLE claims_fts`,
		`CREATE VIRTUAL TABLE claims_fts USING fts5(quote, quantity_text, original_text, notes, names, `+ftsTokenizer+`, `+claimsFTSPrefix+`)`,
		`INSERT INTO `+claimFTSColumns5+` `+claimDocSQLite5+` FROM claims c`)
}

// claimsFTSTable is claims_fts since step 14: topic_key added.
const claimsFTSTable = `CREATE VIRTUAL TABLE claims_fts USING fts5(quote, quantity_text, original_text, notes, names, topic_key, ` + ftsTokenizer + `, ` + claimsFTSPrefix + `)`

// sqliteClaimsFTSTriggers are the triggers that write claims_fts rows
// since step 14 (its delete trigger is step 5's): a claim written, and
// the claims of a topic, source or claimant renamed. A claim moved to
// another topic is written again, with the new topic's key.
func sqliteClaimsFTSTriggers() []string {
	stmts := []string{
		`CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
			INSERT INTO ` + claimFTSColumns + ` ` + claimDocSQLite + ` WHERE c.rowid = new.rowid;
		END`,
		`CREATE TRIGGER claims_fts_update AFTER UPDATE OF quote, quantity_text, original_text, notes, claimant_id, source_id, topic_id ON claims BEGIN
			DELETE FROM claims_fts WHERE rowid = old.rowid;
			INSERT INTO ` + claimFTSColumns + ` ` + claimDocSQLite + ` WHERE c.rowid = new.rowid;
		END`,
	}
	for _, t := range ftsTables {
		stmts = append(stmts, `CREATE TRIGGER `+t.fts+`_rename AFTER UPDATE OF `+t.nameCol+` ON `+t.table+`
				WHEN old.`+t.nameCol+` IS NOT new.`+t.nameCol+` BEGIN
				DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM claims WHERE `+t.claimKey+` = new.id);
				INSERT INTO `+claimFTSColumns+` `+claimDocSQLite+` WHERE c.`+t.claimKey+` = new.id;
			END`)
	}
	return stmts
}

// topicKeySearch is step 14: claims_fts again, with topic_key, and the
// triggers that fill it.
func topicKeySearch(tx *gorm.DB, d dialect) error {
	if d == dialectPostgres {
		return nil
	}
	stmts := []string{`DROP TRIGGER claims_fts_insert`, `DROP TRIGGER claims_fts_update`}
	for _, t := range ftsTables {
		stmts = append(stmts, `DROP TRIGGER `+t.fts+`_rename`)
	}
	stmts = append(stmts, `DROP TABLE claims_fts`, claimsFTSTable)
	stmts = append(stmts, sqliteClaimsFTSTriggers()...)
	stmts = append(stmts, `INSERT INTO `+claimFTSColumns+` `+claimDocSQLite)
	return execAll(tx, d, stmts...)
}

// topicSearchPostgres is step 15: on PostgreSQL, claim_search holds each
// claim's topic_id, which its trigger keeps (a claim moved to another
// topic is written again), indexed with claim_id. A search within a topic
// found the claims matching the words by the tsvector's GIN index, every
// claim holding them (for a word most claims hold, most of the table),
// and joined them to the topic's; its window of the newest matches now
// walks the topic's rows by ID, newest first, or intersects the topic's
// rows with the GIN index's matches when the word is rare in it, as the
// planner estimates. ANALYZE gives the planner the new column's
// statistics at once. SQLite keys its rows by topic (step 14).
func topicSearchPostgres(tx *gorm.DB, d dialect) error {
	if d != dialectPostgres {
		return nil
	}
	return execAll(tx, d,
		`ALTER TABLE claim_search ADD COLUMN topic_id TEXT`,
		`UPDATE claim_search s SET topic_id = c.topic_id FROM claims c WHERE c.id = s.claim_id`,
		`ALTER TABLE claim_search ALTER COLUMN topic_id SET NOT NULL`,
		`CREATE OR REPLACE FUNCTION claimdesk_claim_search() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			INSERT INTO claim_search (claim_id, topic_id, doc) VALUES (NEW.id, NEW.topic_id, claimdesk_claim_doc(NEW))
			ON CONFLICT (claim_id) DO UPDATE SET topic_id = EXCLUDED.topic_id, doc = EXCLUDED.doc;
			RETURN NULL;
		END $$`,
		`CREATE INDEX claim_search_topic ON claim_search (topic_id, claim_id)`,
		`ANALYZE claim_search`,
	)
}

// facetIndex is step 13: claims_topic_facets holds every column the
// facets of a topic's claims group by or join on (facetSQL), so that
// counting them reads that index instead of the claims' wide rows (at a
// million claims, 1.4 s of CPU for the 66,951 claims of the largest
// topic). PostgreSQL counts its facets as before.
func facetIndex(tx *gorm.DB, d dialect) error {
	if d == dialectPostgres {
		return nil
	}
	return execAll(tx, d,
		`CREATE INDEX claims_topic_facets ON claims (topic_id, claimant_id, evidence_type, grade, ref_start, places, id)`)
}

// createSearch is step 5: the full-text index, filled from the rows
// already stored.
func createSearch(tx *gorm.DB, d dialect) error {
	if d == dialectPostgres {
		return execAll(tx, d, postgresSearchSchema()...)
	}
	stmts := append(sqliteSearchSchema(), `INSERT INTO `+claimFTSColumns5+` `+claimDocSQLite5+` FROM claims c`)
	return execAll(tx, d, append(stmts, sqliteOthersFill()...)...)
}

// bulkTriggers returns the statements that drop the per-row triggers of
// claims' search index and versions for a bulk load into an empty SQLite
// database, and those that fill both from the loaded rows in one pass and
// put the triggers back: indexing the rows in one statement takes about a
// third of the time the triggers do row by row.
func bulkTriggers() (drop, restore []string) {
	var insertFTS, insertVersion, insertClaimVersion string
	for _, st := range sqliteClaimsFTSTriggers() {
		if strings.Contains(st, "TRIGGER claims_fts_insert ") {
			insertFTS = st
		}
	}
	for _, st := range sqliteTopicVersionTriggers() {
		if strings.Contains(st, "TRIGGER claims_topic_version_insert ") {
			insertVersion = st
		}
	}
	for _, st := range sqliteClaimVersionTriggers() {
		if strings.Contains(st, "TRIGGER claims_claim_version_insert ") {
			insertClaimVersion = st
		}
	}
	drop = []string{`DROP TRIGGER claims_fts_insert`, `DROP TRIGGER claims_topic_version_insert`, `DROP TRIGGER claims_claim_version_insert`}
	restore = append(claimsFTSFill(),
		`INSERT INTO topic_versions (topic_id, version) SELECT DISTINCT topic_id, 1 FROM claims WHERE true
			ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1`,
		`INSERT INTO topic_claim_versions (topic_id, version) SELECT DISTINCT topic_id, 1 FROM claims WHERE true
			ON CONFLICT (topic_id) DO UPDATE SET version = topic_claim_versions.version + 1`,
		insertFTS, insertVersion, insertClaimVersion,
	)
	return drop, restore
}

// bulkSettingPG is the transaction-local setting with which a PostgreSQL
// bulk import turns off, for its own transaction only, the per-row work
// the triggers of step 16 skip for new claims; the import does that work
// itself, set-based, a batch at a time (bulkWriter.indexClaims). Any other
// transaction, and any replica of an older claimdesk, runs the triggers
// as before.
const bulkSettingPG = "claimdesk.bulk"

// bulkGuardPG returns early from a trigger function on a claim inserted by
// a bulk import.
const bulkGuardPG = `IF TG_TABLE_NAME = 'claims' AND TG_OP = 'INSERT' AND current_setting('` + bulkSettingPG + `', true) = 'on' THEN
					RETURN NULL;
				END IF;
				`

// bulkTriggersPostgres is step 16: on PostgreSQL the triggers that index a
// new claim for search and bump its topic's versions skip the claims a
// bulk import inserts (bulkSettingPG). Row by row they were most of an
// import's time, and worse than linear: 50,000 claims took 164 s to
// insert with them and 13 s without. The search trigger computed each
// tsvector in a PL/pgSQL call and an upsert of its own (100 s of the
// 164), where one INSERT ... SELECT of the batch's claims takes a quarter
// of that; and the version triggers updated one topic's row once per
// claim, within one transaction, whose chain of row versions each update
// walks again (5,000 updates of one row took 0.5 s, 20,000 took 5 s; the
// largest topic of a million claims has 66,951). The import bumps each
// topic of a batch once instead. CREATE OR REPLACE FUNCTION locks no
// table: running replicas go on writing meanwhile.
func bulkTriggersPostgres(tx *gorm.DB, d dialect) error {
	if d != dialectPostgres {
		return nil
	}
	return execAll(tx, d,
		`CREATE OR REPLACE FUNCTION claimdesk_claim_search() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
				`+bulkGuardPG+`INSERT INTO claim_search (claim_id, topic_id, doc) VALUES (NEW.id, NEW.topic_id, claimdesk_claim_doc(NEW))
			ON CONFLICT (claim_id) DO UPDATE SET topic_id = EXCLUDED.topic_id, doc = EXCLUDED.doc;
			RETURN NULL;
		END $$`,
		`CREATE OR REPLACE FUNCTION claimdesk_bump_topic_version() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				`+bulkGuardPG+`IF TG_TABLE_NAME = 'claimants' THEN
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
		`CREATE OR REPLACE FUNCTION claimdesk_bump_claim_version() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				`+bulkGuardPG+`IF TG_TABLE_NAME = 'claimants' THEN
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
	)
}

// bulkIndexPG are the statements with which a PostgreSQL bulk import does
// for the claims IN ? what the triggers of step 16 skip: their rows of
// claim_search, as claimdesk_claim_search writes them, and one bump of
// each of their topics' versions. A row already there (written by the
// trigger of a database not yet at step 16) is left as it is.
//
// The tsvectors are those claimdesk_claim_doc computes (claimDocPG), with
// the names joined instead of looked up by the function's subqueries: a
// SQL function with subqueries is not inlined, and PostgreSQL runs it as
// a query of its own for each claim, 3.4 times the time of the join
// (1,533 against 450 ms for 4,000 claims). It was most of the import's
// time in PostgreSQL.
//
// The versions are bumped in the order an API write's triggers lock
// them: PostgreSQL fires a table's triggers in the order of their names,
// so claims_claim_version (topic_claim_versions) locks a topic's row
// before claims_topic_version (topic_versions) does. Bumping them the
// other way round here would deadlock with a write to the same topic on
// another connection, each holding the row the other waits for.
var bulkIndexPG = []string{
	`INSERT INTO claim_search (claim_id, topic_id, doc)
		SELECT c.id, c.topic_id, ` + claimDocPG(`concat_ws(' ', cl.name, s.name, t.title)`) + `
		FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
			LEFT JOIN sources s ON s.id = c.source_id LEFT JOIN topics t ON t.id = c.topic_id
		WHERE c.id IN ?
		ON CONFLICT (claim_id) DO NOTHING`,
	`INSERT INTO topic_claim_versions (topic_id, version)
		SELECT DISTINCT topic_id, 1 FROM claims WHERE id IN ? ORDER BY 1
		ON CONFLICT (topic_id) DO UPDATE SET version = topic_claim_versions.version + 1`,
	`INSERT INTO topic_versions (topic_id, version)
		SELECT DISTINCT topic_id, 1 FROM claims WHERE id IN ? ORDER BY 1
		ON CONFLICT (topic_id) DO UPDATE SET version = topic_versions.version + 1`,
}

// storedSearchDocs is step 18: on PostgreSQL topics, sources and
// claimants keep the tsvector of their searched text (pgTextSearch of
// pgTextExprs) in a generated column, pgSearchDoc, which their GIN index
// now indexes in place of the expression. The index found a search's
// rows, but ranking them (ts_rank_cd) computed each row's tsvector
// again: for a word every claimant's name holds, 2,000 of them, 21 ms a
// search. SQLite's FTS5 mirrors keep their own columns.
func storedSearchDocs(tx *gorm.DB, d dialect) error {
	if d != dialectPostgres {
		return nil
	}
	var stmts []string
	for _, t := range ftsTables {
		stmts = append(stmts,
			`ALTER TABLE `+t.table+` ADD COLUMN `+pgSearchDoc+` TSVECTOR GENERATED ALWAYS AS `+pgTextSearch(pgTextExprs[t.table])+` STORED`,
			`DROP INDEX `+t.fts,
			`CREATE INDEX `+t.fts+` ON `+t.table+` USING gin (`+pgSearchDoc+`)`,
			`ANALYZE `+t.table,
		)
	}
	return execAll(tx, d, stmts...)
}
