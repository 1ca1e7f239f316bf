package gormstore

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

// The bulk write path of imports. One transaction; rows go in with
// multi-row prepared INSERTs of a few hundred rows each (on PostgreSQL
// with COPY, see copyRows); references were
// checked by the importer from its compact sets of the file's IDs and
// lookups of the stored ones, and the database's foreign keys check them
// again. Into an empty SQLite database the secondary indexes of the big
// tables are dropped before the load and rebuilt once after it (building
// an index from sorted data is about twice as fast as keeping it up to
// date row by row), and the connection runs with a page cache of
// bulkCacheKiB until the transaction ends (synchronous stays FULL: a bulk
// load never risks the file). The summaries of every topic the import
// touched are recomputed once, at the end, by the same code as other
// writes (recomputeTopics), in batches of a bounded number of claims.
//
// Memory stays bounded by the batch, not the file: the importer streams
// the file, holds a batch of records at a time, and keeps of the records
// written only their IDs (compactly, for duplicates and references); the
// writer forgets the claims of links once their topics are marked; the
// page cache is fixed; the recompute holds a few batches of claims, read
// lean (xref.Lean, about 110 bytes a claim), at most about the largest topic
// with its parent (of a parent's children it reads only the parts of its
// statements), and lets go of a result part by part as it becomes rows;
// the importer drops its registers of IDs before the rebuild. The claims
// inserted are also appended to a temporary file, the spill, from which
// the recompute reads the topics all of whose claims the import inserted
// instead of reading them back from the database (see spill.go); memory
// holds a few numbers per topic of it. What still
// grows with the file is that largest topic, in a file whose topic sizes
// are skewed: at a million claims (66,951 in the largest topic, 29,622
// in its parent) the Go heap live at the peak is the engine's work on it
// (its facts, summaries, conflicts and series).
// `claimdesk import` runs with a soft memory limit and GOGC 50 (see
// cmd/claimdesk), so that the runtime holds little more than what is live.
// Records whose references point forward in the file are held until the
// end, so a file ordered against its references costs more.
//
// On PostgreSQL the transaction turns bulkSettingPG on: the triggers of
// claim_search and of the topics' versions skip the claims it inserts,
// and Insert does their work for each batch with one statement each
// (bulkIndexPG). Nothing is visible before the commit, and the import
// still takes its topics' advisory locks only for the recompute, as
// before; it bumps the versions' rows in the order the triggers of an API
// write lock them (see bulkIndexPG), so the two cannot deadlock.

// importLockClass is the first key of the PostgreSQL advisory lock that
// one import at a time holds ("impt" in ASCII).
const importLockClass = 0x696d7074

// importLock takes the PostgreSQL advisory lock of imports into this
// schema for the rest of the transaction, without waiting: every server
// on the database (replicas) and every CLI import share it, so a second
// import anywhere is refused at once with CodeConflict (409) instead of
// holding memory and a connection while it waits. It never waits, so it
// cannot take part in a deadlock, whatever the lock order.
func importLock(tx *gorm.DB) error {
	var got bool
	if err := tx.Raw("SELECT pg_try_advisory_xact_lock(?, hashtext(current_schema() || '/import'))", importLockClass).Scan(&got).Error; err != nil {
		return err
	}
	if !got {
		return claims.Errorf(claims.CodeConflict,
			"another import into this database is running (on this server or another one): send this one again when it has finished")
	}
	return nil
}

// bulkTables are the tables whose secondary indexes an empty SQLite load
// rebuilds at the end.
var bulkTables = []string{"claims", "claim_sources", "claim_tags", "links", "reviews", "claim_summaries", "topic_conflicts"}

// summaryTables are those of bulkTables the recompute at the end writes:
// their indexes are rebuilt after it.
var summaryTables = []string{"claim_summaries", "topic_conflicts"}

// Bulk runs fn with a writer bound to one transaction; see exchange.Store.
func (s *Store) Bulk(ctx context.Context, fn func(w exchange.BulkWriter) error) error {
	if s.inTx {
		d := s.dirty
		return s.db.WithContext(withDirty(ctx, d)).Transaction(func(tx *gorm.DB) error {
			return fn(&bulkWriter{s: s, tx: tx, dirty: d, stmts: insertStmts{dia: s.dialect}})
		})
	}
	release, err := s.acquireWriter(ctx)
	if err != nil {
		return err
	}
	defer release()
	d := &dirtySet{}
	// copyTo is the connection of a PostgreSQL import, whose plain
	// INSERTs go by COPY (copyRows).
	var copyTo *sql.Conn
	// commitStart is when the transaction's work ended and its commit
	// began.
	var commitStart phaseMark
	run := func(db *gorm.DB) error {
		txCtx := withDirty(ctx, d)
		if copyTo != nil {
			txCtx = context.WithValue(txCtx, copyKey{}, copyTo)
		}
		err := db.WithContext(txCtx).Transaction(func(tx *gorm.DB) error {
			w := &bulkWriter{s: s, tx: tx, dirty: d, stmts: insertStmts{dia: s.dialect}, spill: newSpill(s.log)}
			defer w.spill.close()
			if s.dialect == dialectPostgres {
				if err := importLock(tx); err != nil {
					return err
				}
				if err := setBulk(tx, true); err != nil {
					return err
				}
				w.indexClaims = true
			}
			// rebuild are the statements of the index rebuild, search
			// those that fill the search index and restore the triggers,
			// later the indexes of the summary tables (dropIndexesIfEmpty).
			var rebuild, search, later []string
			if s.dialect == dialectSQLite {
				var err error
				if rebuild, search, later, err = dropIndexesIfEmpty(tx); err != nil {
					return fmt.Errorf("drop indexes: %w", err)
				}
			}
			start := s.markPhase(ctx)
			if err := fn(w); err != nil {
				return err
			}
			if w.indexClaims {
				if err := setBulk(tx, false); err != nil {
					return err
				}
			}
			loaded := s.logPhase(ctx, "load", start)
			for _, stmt := range rebuild {
				if err := tx.Exec(stmt).Error; err != nil {
					return err
				}
			}
			t := s.logPhase(ctx, "index rebuild", loaded)
			for _, stmt := range search {
				if err := tx.Exec(stmt).Error; err != nil {
					return err
				}
			}
			indexed := s.logPhase(ctx, "search index", t)
			need, err := d.closure(tx)
			if err != nil {
				return err
			}
			w.spill.flush()
			if err := recomputeTopicsSpilled(tx, s.dialect, d, need, w.spill); err != nil {
				return fmt.Errorf("recompute summaries: %w", err)
			}
			if len(later) > 0 {
				// The recompute's heap is garbage now, but the runtime
				// returns it to the system only slowly: give it back
				// before SQLite's sorters take their memory for the
				// indexes of the summaries (at 300,000 claims the
				// import's peak was there, the two together).
				debug.FreeOSMemory()
			}
			for _, stmt := range later {
				if err := tx.Exec(stmt).Error; err != nil {
					return err
				}
			}
			done := s.logPhase(ctx, "summaries", indexed)
			s.log.LogAttrs(ctx, slog.LevelDebug, "bulk import written",
				slog.Int("indexes_rebuilt", len(rebuild)+len(later)),
				slog.Float64("rebuild_ms", msSince(loaded.at, indexed.at)),
				slog.Int("topics_recomputed", len(d.topics)),
				slog.Float64("summaries_ms", msSince(indexed.at, done.at)))
			// The commit's time begins here, its CPU where the
			// summaries' line ended.
			commitStart = done
			commitStart.at = time.Now()
			return nil
		})
		if err == nil {
			s.logPhase(ctx, "commit", commitStart)
		}
		return err
	}
	if s.dialect == dialectSQLite {
		err = s.db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
			// A fresh session per statement, on the one connection.
			conn = conn.Session(&gorm.Session{NewDB: true})
			restore, err := fastPragmas(conn)
			if err != nil {
				return fmt.Errorf("pragmas: %w", err)
			}
			defer restore()
			return run(conn)
		})
	} else {
		err = s.db.WithContext(ctx).Connection(func(conn *gorm.DB) error {
			// The transaction runs on this connection, so that COPY,
			// which pgx offers on its own connection type only, writes
			// within it.
			copyTo, _ = conn.Statement.ConnPool.(*sql.Conn)
			return run(conn.Session(&gorm.Session{NewDB: true}))
		})
		if err == nil {
			s.analyzeAfterBulk(ctx)
		}
	}
	return translate(err, "import")
}

// bulkAnalyzePG are the tables whose planner statistics a PostgreSQL bulk
// import refreshes once it has committed. Without them (a new database,
// or autovacuum off or not yet round) the planner takes a common word to
// match 0.5% of claim_search and plans a search's window, the newest
// searchWindow matches, as a bitmap scan of every match and a sort by
// claim ID, instead of a walk of the claim IDs downwards until
// searchWindow rows match: at 150,000 claims that was 410 ms against
// 0.8 ms for a word every claim holds. claim_summaries, so that the
// filter and the facet of the claims in conflict are planned on the
// partial index of step 19 rather than a scan of every summary.
// claim_sources, whose rows the source facet joins (without statistics
// the planner took 67,232 rows for its 119,924 at 100,000 claims). ANALYZE
// samples a bounded number of rows and takes no lock that stops reads or
// writes.
var bulkAnalyzePG = []string{"claim_search", "claims", "claim_summaries", "claim_sources", "claimants", "sources", "topics"}

// analyzeAfterBulk refreshes the statistics of bulkAnalyzePG; a failure
// only costs plans, and the import has committed: it is logged.
func (s *Store) analyzeAfterBulk(ctx context.Context) {
	start := time.Now()
	err := s.db.WithContext(ctx).Exec("ANALYZE " + strings.Join(bulkAnalyzePG, ", ")).Error
	if err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "bulk import: analyze failed", slog.String("error", err.Error()))
		return
	}
	s.log.LogAttrs(ctx, slog.LevelDebug, "bulk import analyzed", slog.Float64("analyze_ms", msSince(start, time.Now())))
}

// setBulk turns bulkSettingPG on or off for the rest of tx.
func setBulk(tx *gorm.DB, on bool) error {
	v := "off"
	if on {
		v = "on"
	}
	return tx.Exec("SELECT set_config(?, ?, true)", bulkSettingPG, v).Error
}

// bulkCacheKiB is the page cache of a bulk load's connection, in KiB. A
// load into an empty database appends rows (its secondary indexes are
// rebuilt at the end), so a larger cache buys little; the cache is part
// of the import's memory, which must stay bounded whatever the file's
// size (the target: under 300 MB at a million claims). Past it, SQLite spills dirty
// pages to the WAL inside the transaction, which stays atomic.
const bulkCacheKiB = 32 << 10

// fastPragmas gives the connection of a bulk load a page cache of
// bulkCacheKiB; the returned function restores it. It leaves synchronous
// as it is: a bulk load is one transaction, and with synchronous=FULL its
// commit is as durable as any other write (the cost is one fsync at the
// commit).
func fastPragmas(conn *gorm.DB) (func(), error) {
	var cache string
	if err := conn.Raw("PRAGMA cache_size").Scan(&cache).Error; err != nil {
		return nil, err
	}
	if err := conn.Exec("PRAGMA cache_size = -" + strconv.Itoa(bulkCacheKiB)).Error; err != nil {
		return nil, err
	}
	if err := conn.Exec("PRAGMA cache_spill = ON").Error; err != nil {
		return nil, err
	}
	return func() {
		conn.Exec("PRAGMA cache_size = " + sqlInt(cache))
	}, nil
}

func sqlInt(s string) string {
	if _, err := strconv.Atoi(s); err != nil {
		return "1"
	}
	return s
}

// dropIndexesIfEmpty drops the secondary indexes of bulkTables and the
// claims' insert triggers when the claims table is empty, and returns the
// statements that rebuild the indexes (those of summaryTables apart, in
// later) and those that fill the search index and restore the triggers
// (search).
func dropIndexesIfEmpty(tx *gorm.DB) (rebuild, search, later []string, err error) {
	var n int64
	if err := tx.Table("claims").Limit(1).Count(&n).Error; err != nil {
		return nil, nil, nil, err
	}
	if n > 0 {
		return nil, nil, nil, nil
	}
	rows, err := tx.Raw(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ?`, bulkTables).Rows()
	if err != nil {
		return nil, nil, nil, err
	}
	var names []string
	for rows.Next() {
		var name, table, stmt string
		if err := rows.Scan(&name, &table, &stmt); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		names = append(names, name)
		if slices.Contains(summaryTables, table) {
			later = append(later, stmt)
		} else {
			rebuild = append(rebuild, stmt)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, nil, err
	}
	for _, name := range names {
		if err := tx.Exec(`DROP INDEX "` + name + `"`).Error; err != nil {
			return nil, nil, nil, err
		}
	}
	drop, restore := bulkTriggers()
	if err := execAll(tx, dialectSQLite, drop...); err != nil {
		return nil, nil, nil, err
	}
	return rebuild, restore, later, nil
}

// bulkWriter is the exchange.BulkWriter of one transaction.
type bulkWriter struct {
	s     *Store
	tx    *gorm.DB
	dirty *dirtySet
	// linkClaims are the claims named by the links and reviews of the
	// batch being written, whose topics are dirtied once it is.
	linkClaims map[string]bool
	stmts      insertStmts
	// indexClaims is set on PostgreSQL outside Atomically: the triggers
	// skip the claims the writer inserts (bulkSettingPG), and Insert
	// indexes them a batch at a time.
	indexClaims bool
	// spill holds the claims inserted, for the recompute at the end (see
	// spill.go); nil within Atomically, whose recompute is the
	// transaction's.
	spill *spill
}

func (w *bulkWriter) Stored(ctx context.Context, k exchange.Kind, ids []string) (map[string]int, error) {
	return stored(w.tx, k, ids)
}

// conn is the transaction's connection.
func (w *bulkWriter) conn() gorm.ConnPool { return w.tx.Statement.ConnPool }

// table describes the columns of one table for bulk writes.
type table struct {
	name string
	cols []string
}

// insertSQL returns a multi-row INSERT of rows rows into t, with the
// dialect's placeholders.
func (t table) insertSQL(d dialect, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES ")
	p := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(")
		for c := range t.cols {
			if c > 0 {
				b.WriteString(", ")
			}
			p++
			if d == dialectPostgres {
				b.WriteString("$" + strconv.Itoa(p))
			} else {
				b.WriteString("?")
			}
		}
		b.WriteString(")")
	}
	return b.String()
}

// The tables of the records are those of their row declarations; the side
// tables have two columns.
var (
	topicTable       = topicCols.bulk()
	sourceTable      = sourceCols.bulk()
	claimantTable    = claimantCols.bulk()
	claimTable       = claimCols.bulk()
	linkTable        = linkCols.bulk()
	reviewTable      = reviewCols.bulk()
	claimSourceTable = table{"claim_sources", []string{"claim_id", "source_id"}}
	claimTagTable    = table{"claim_tags", []string{"claim_id", "tag"}}
	topicTagTable    = table{"topic_tags", []string{"topic_id", "tag"}}
)

// insert writes rows of t, each given as len(t.cols) consecutive values of
// args. It runs with the transaction's context (Bulk's ctx), which holds
// the connection COPY writes on (copyKey).
func (w *bulkWriter) insert(t table, args []any) error {
	if err := w.stmts.insert(w.tx.Statement.Context, w.conn(), t, "", args); err != nil {
		return fmt.Errorf("insert into %s: %w", t.name, err)
	}
	return nil
}

// insertStmts runs the multi-row INSERTs of a bulk write: full chunks of
// rowsPer(t) rows with one statement per table, prepared once, and the
// rest of each call (fewer rows) with a statement prepared for it and
// finalized at once. A prepared statement holds SQLite memory for each of
// its parameters, and the rest differs from one batch to the next:
// keeping a statement per size, as the bulk writer and the recompute once
// did, held hundreds of them until the commit (the summaries of 100,000
// claims took SQLite's memory from 47 to 91 MiB), growing with the
// number of batches.
type insertStmts struct {
	dia  dialect
	full map[string]*sql.Stmt // by table and suffix
}

// rowsPer is the number of rows of a full chunk: SQLite allows 32766
// parameters.
func rowsPer(t table) int { return max(1, min(500, 30000/len(t.cols))) }

// insert writes rows of t, each given as len(t.cols) consecutive values of
// args, on conn; suffix follows the VALUES (an ON CONFLICT clause). Within
// a PostgreSQL bulk import (copyKey) rows without a suffix go by COPY.
func (s *insertStmts) insert(ctx context.Context, conn gorm.ConnPool, t table, suffix string, args []any) error {
	if c, ok := ctx.Value(copyKey{}).(*sql.Conn); ok && suffix == "" {
		return copyRows(ctx, c, t, args)
	}
	n, per := len(t.cols), rowsPer(t)
	for len(args) >= per*n {
		key := t.name + suffix
		st := s.full[key]
		if st == nil {
			var err error
			if st, err = conn.PrepareContext(ctx, t.insertSQL(s.dia, per)+suffix); err != nil {
				return err
			}
			if s.full == nil {
				s.full = map[string]*sql.Stmt{}
			}
			s.full[key] = st
		}
		if _, err := st.ExecContext(ctx, args[:per*n]...); err != nil {
			return err
		}
		args = args[per*n:]
	}
	if len(args) == 0 {
		return nil
	}
	_, err := conn.ExecContext(ctx, t.insertSQL(s.dia, len(args)/n)+suffix, args...)
	return err
}

// copyKey is the key of the context value that holds the connection of
// a PostgreSQL bulk import, on which its transaction runs.
type copyKey struct{}

// copyRows writes rows of t, each given as len(t.cols) consecutive values
// of args, with one COPY on conn (in binary, encoded by pgx as it encodes
// the parameters of an INSERT). A multi-row INSERT has PostgreSQL parse
// and bind len(args) parameters and plan a VALUES list each time: the
// claims' INSERTs took 23.8 s of a 100,000-claim import in PostgreSQL,
// where COPY of the same rows into the same indexed table takes about a
// fifth of that; the summaries' conflicts and claim summaries go the same
// way. COPY fires the triggers and checks the keys as INSERT does.
func copyRows(ctx context.Context, conn *sql.Conn, t table, args []any) error {
	if len(args) == 0 {
		return nil
	}
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy into %s: a %T is no pgx connection", t.name, dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, &argRows{args: args, n: len(t.cols)})
		return err
	})
}

// argRows is a pgx.CopyFromSource of rows given as n consecutive values
// each: the rows are not copied out of args.
type argRows struct {
	args []any
	n    int
	row  []any
}

func (r *argRows) Next() bool {
	if len(r.args) < r.n {
		return false
	}
	r.row, r.args = r.args[:r.n], r.args[r.n:]
	return true
}

func (r *argRows) Values() ([]any, error) { return r.row, nil }

func (r *argRows) Err() error { return nil }

// close closes the statements (those prepared on a transaction also
// close with it).
func (s *insertStmts) close() {
	for _, st := range s.full {
		st.Close()
	}
	clear(s.full)
}

// rowArgs returns the column values of records in the order of their
// tables, and the rows of their side tables.
type rowArgs struct {
	topics, sources, claimants, claims, links, reviews []any
	claimSources, claimTags, topicTags                 []any
}

func (w *bulkWriter) build(b *exchange.Batch) (*rowArgs, error) {
	var a rowArgs
	for _, t := range b.Topics {
		r, err := toTopicRow(t)
		if err != nil {
			return nil, err
		}
		a.topics = topicCols.appendValues(a.topics, r)
		for _, tag := range dedupe(t.Tags) {
			a.topicTags = append(a.topicTags, t.ID, tag)
		}
		w.dirty.add(true, t.ID)
	}
	for _, s := range b.Sources {
		r := toSourceRow(s)
		a.sources = sourceCols.appendValues(a.sources, r)
	}
	for _, c := range b.Claimants {
		r := toClaimantRow(c)
		a.claimants = claimantCols.appendValues(a.claimants, r)
	}
	for _, c := range b.Claims {
		r, err := toClaimRow(c)
		if err != nil {
			return nil, err
		}
		a.claims = claimCols.appendValues(a.claims, r)
		w.spill.add(r)
		for _, id := range sourceIDs(c) {
			a.claimSources = append(a.claimSources, c.ID, id)
		}
		for _, tag := range dedupe(c.Tags) {
			a.claimTags = append(a.claimTags, c.ID, tag)
		}
		w.dirty.add(true, c.TopicID)
	}
	for _, l := range b.Links {
		r := toLinkRow(l)
		a.links = linkCols.appendValues(a.links, r)
		w.noteClaims(l.FromID, l.ToID)
	}
	for _, rv := range b.Reviews {
		r := toReviewRow(rv)
		a.reviews = reviewCols.appendValues(a.reviews, r)
		w.noteClaims(rv.ClaimA, rv.ClaimB)
	}
	return &a, nil
}

func dedupe(tags []string) []string {
	if len(tags) < 2 {
		return tags
	}
	out := slices.Clone(tags)
	slices.Sort(out)
	return slices.Compact(out)
}

func (w *bulkWriter) noteClaims(ids ...string) {
	if w.linkClaims == nil {
		w.linkClaims = map[string]bool{}
	}
	for _, id := range ids {
		w.linkClaims[id] = true
	}
}

// dirtyLinkTopics marks dirty the topics of the claims that the links and
// reviews of the batch just written name, and forgets them: memory
// follows a batch, not the file.
func (w *bulkWriter) dirtyLinkTopics() error {
	ids := make([]string, 0, len(w.linkClaims))
	for id := range w.linkClaims {
		ids = append(ids, id)
	}
	clear(w.linkClaims)
	for chunk := range slices.Chunk(ids, 1000) {
		var topics []string
		if err := w.tx.Table("claims").Where("id IN ?", chunk).Distinct().Pluck("topic_id", &topics).Error; err != nil {
			return err
		}
		w.dirty.add(true, topics...)
	}
	return nil
}

// Insert writes new records in document order.
func (w *bulkWriter) Insert(ctx context.Context, b *exchange.Batch) error {
	a, err := w.build(b)
	if err != nil {
		return err
	}
	for _, step := range []struct {
		t    table
		args []any
	}{
		{topicTable, a.topics}, {topicTagTable, a.topicTags},
		{sourceTable, a.sources}, {claimantTable, a.claimants},
		{claimTable, a.claims}, {claimSourceTable, a.claimSources}, {claimTagTable, a.claimTags},
		{linkTable, a.links}, {reviewTable, a.reviews},
	} {
		if err := w.insert(step.t, step.args); err != nil {
			return err
		}
	}
	if w.indexClaims {
		if err := w.indexNew(b.Claims); err != nil {
			return err
		}
	}
	return w.dirtyLinkTopics()
}

// indexNew does for the claims just inserted what the triggers skipped
// (bulkIndexPG): their rows of claim_search and one bump of each of their
// topics' versions.
func (w *bulkWriter) indexNew(cs []*claims.Claim) error {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	for chunk := range slices.Chunk(ids, 5000) {
		for _, stmt := range bulkIndexPG {
			if err := w.tx.Exec(stmt, chunk).Error; err != nil {
				return fmt.Errorf("index the imported claims: %w", err)
			}
		}
	}
	return nil
}

// Update replaces stored records whole, keeping the incoming Meta, and
// rewrites their side tables.
func (w *bulkWriter) Update(ctx context.Context, b *exchange.Batch) error {
	// The spill holds claims as they were inserted: once a claim is
	// updated, the recompute reads every topic from the database.
	if len(b.Claims) > 0 {
		w.spill.drop("the import updates a claim", nil)
	}
	// A topic or claim that moves dirties where it was as well.
	for _, c := range b.Claims {
		if err := touch(w.tx, "claims", c.ID, beforeUpdate); err != nil {
			return err
		}
	}
	for _, t := range b.Topics {
		if err := touch(w.tx, "topics", t.ID, beforeUpdate); err != nil {
			return err
		}
	}
	a, err := w.build(b)
	if err != nil {
		return err
	}
	for _, step := range []struct {
		t    table
		args []any
	}{
		{topicTable, a.topics}, {sourceTable, a.sources}, {claimantTable, a.claimants},
		{claimTable, a.claims}, {linkTable, a.links}, {reviewTable, a.reviews},
	} {
		if err := w.update(ctx, step.t, step.args); err != nil {
			return err
		}
	}
	for _, side := range []struct {
		t    table
		ids  []string
		args []any
	}{
		{topicTagTable, idsOf(b.Topics), a.topicTags},
		{claimSourceTable, idsOf(b.Claims), a.claimSources},
		{claimTagTable, idsOf(b.Claims), a.claimTags},
	} {
		for chunk := range slices.Chunk(side.ids, 1000) {
			if err := w.tx.Exec("DELETE FROM "+side.t.name+" WHERE "+side.t.cols[0]+" IN ?", chunk).Error; err != nil {
				return err
			}
		}
		if err := w.insert(side.t, side.args); err != nil {
			return err
		}
	}
	return w.dirtyLinkTopics()
}

func idsOf[T interface{ *claims.Topic | *claims.Claim }](recs []T) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		switch v := any(r).(type) {
		case *claims.Topic:
			out[i] = v.ID
		case *claims.Claim:
			out[i] = v.ID
		}
	}
	return out
}

// update sets every column but id of the rows in args, by id.
func (w *bulkWriter) update(ctx context.Context, t table, args []any) error {
	n := len(t.cols)
	if len(args) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("UPDATE " + t.name + " SET ")
	for i, c := range t.cols[1:] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = " + w.param(i+1))
	}
	b.WriteString(" WHERE id = " + w.param(n))
	st, err := w.conn().PrepareContext(ctx, b.String())
	if err != nil {
		return err
	}
	defer st.Close()
	row := make([]any, n)
	for ; len(args) > 0; args = args[n:] {
		copy(row, args[1:n])
		row[n-1] = args[0]
		if _, err := st.ExecContext(ctx, row...); err != nil {
			return fmt.Errorf("update %s: %w", t.name, err)
		}
	}
	return nil
}

func (w *bulkWriter) param(i int) string {
	if w.s.dialect == dialectPostgres {
		return "$" + strconv.Itoa(i)
	}
	return "?"
}

func msSince(from, to time.Time) float64 { return float64(to.Sub(from).Microseconds()) / 1000 }
