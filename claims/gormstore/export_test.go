package gormstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/fulltext"
)

// MigrateTo runs the first n migration steps only, to build a database at
// an older schema version.
func MigrateTo(ctx context.Context, s *Store, n int) error {
	return s.migrate(ctx, migrations[:n])
}

// Pragma reads PRAGMA name of the SQLite file at path on a connection of
// its own, not a store's.
func Pragma(path, name string) (string, error) {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	err = db.QueryRow("PRAGMA " + name).Scan(&v)
	return v, err
}

// Steps returns the number of migration steps.
func Steps() int { return len(migrations) }

// Exec runs a statement, for tests that build old databases by hand.
func Exec(ctx context.Context, s *Store, stmt string, args ...any) error {
	return s.db.WithContext(ctx).Exec(stmt, args...).Error
}

// QueryString runs a query that returns one string, such as a PRAGMA.
func QueryString(ctx context.Context, s *Store, query string) (string, error) {
	var v string
	err := s.db.WithContext(ctx).Raw(query).Scan(&v).Error
	return v, err
}

// HoldTopicLock takes, on a connection of its own, the PostgreSQL advisory
// lock a write of the topic takes first, and returns the function that
// releases it.
func HoldTopicLock(ctx context.Context, s *Store, topicID string) (func(), error) {
	conn, err := s.sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1, hashtext(current_schema() || '/' || $2))", xrefLockClass, topicID); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1, hashtext(current_schema() || '/' || $2))", xrefLockClass, topicID)
		conn.Close()
	}, nil
}

// CacheEveryTopic makes s cache the claims of topics of any size.
func CacheEveryTopic(s *Store) { s.topics.min = 1 }

// WithoutHistory returns a context whose writes keep no history, to
// measure what history costs.
func WithoutHistory(ctx context.Context) context.Context {
	return context.WithValue(ctx, noHistoryKey{}, true)
}

// BeforeKeepPrepared makes s run f after it prepared a topic's claims and
// before it reads the topic's versions again to keep them.
func BeforeKeepPrepared(s *Store, f func()) { s.topics.beforeKeep = f }

// TopicKeys returns the topic_key of each claim's claims_fts row (SQLite),
// by claim ID; a claim without a row has none.
func TopicKeys(ctx context.Context, s *Store) (map[string]string, error) {
	var rows []struct{ ID, TopicKey string }
	err := s.db.WithContext(ctx).Raw(`SELECT c.id AS id, f.topic_key AS topic_key FROM claims c JOIN claims_fts f ON f.rowid = c.rowid`).Scan(&rows).Error
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.TopicKey
	}
	return out, err
}

// IsSQLite reports whether s stores in SQLite.
func IsSQLite(s *Store) bool { return s.dialect == dialectSQLite }

// ReadClaimPage reads the first limit claims as a listing does (scanned
// into claimRow, converted by domain), their timestamps selected as
// values for storedTime to read (timeValue) or, with driverTimes, as the
// columns the SQLite driver parses itself, and their lists and intervals
// read by hand or, with jsonLib, by encoding/json: the baselines of
// BenchmarkReadClaimPage.
func ReadClaimPage(ctx context.Context, s *Store, limit int, driverTimes, jsonLib bool) (int, error) {
	sel := claimCols.readSelect(s.dialect, "claims.")
	if driverTimes {
		sel = claimCols.readSelect(dialectPostgres, "claims.")
	}
	rows, err := s.db.WithContext(ctx).Table("claims").Select(sel).Limit(limit).Rows()
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var r claimRow
		if err := rows.Scan(claimCols.readDest(&r)...); err != nil {
			return n, err
		}
		if _, err := r.convert(!jsonLib); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// PreparedStatements returns how many statements s keeps prepared for
// its hot reads (see hotReader), or -1 when it keeps none.
func PreparedStatements(s *Store) int {
	if s.hot == nil {
		return -1
	}
	return s.hot.len()
}

// SearchTopics returns the topic_id of each claim's claim_search row
// (PostgreSQL), by claim ID; a claim without a row has none.
func SearchTopics(ctx context.Context, s *Store) (map[string]string, error) {
	var rows []struct{ ClaimID, TopicID string }
	err := s.db.WithContext(ctx).Raw(`SELECT claim_id, topic_id FROM claim_search`).Scan(&rows).Error
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ClaimID] = r.TopicID
	}
	return out, err
}

// MaxPreparedStatements is the bound of PreparedStatements.
const MaxPreparedStatements = maxHotStatements

// KeepClaimReadPrepared makes s read a claim through a statement it keeps
// prepared, as it does on SQLite, also on PostgreSQL: the baseline of
// BenchmarkFindClaim.
func KeepClaimReadPrepared(s *Store) { s.reads = &preparedReads{} }

// BulkVersionTables returns the version tables a PostgreSQL bulk import
// bumps, in the order it bumps them (bulkIndexPG).
func BulkVersionTables() []string {
	var out []string
	for _, stmt := range bulkIndexPG {
		for _, f := range strings.Fields(stmt) {
			if strings.HasSuffix(f, "_versions") && strings.HasPrefix(f, "topic_") {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// ExplainGroup returns PostgreSQL's plan (EXPLAIN VERBOSE) of the
// statement that ranks table's rows (topics, sources or claimants) for
// query in a search, sequential scans off, as in a table of many rows.
func ExplainGroup(ctx context.Context, s *Store, table, query string) (string, error) {
	q, args := pgGroupSQL(table, fulltext.TSQuery(fulltext.Parse(query)))
	var plan []string
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL enable_seqscan = off").Error; err != nil {
			return err
		}
		rows, err := tx.Raw("EXPLAIN (VERBOSE) "+q, args...).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				return err
			}
			plan = append(plan, line)
		}
		return rows.Err()
	})
	return strings.Join(plan, "\n"), err
}

// ServerPrepared returns the statements PostgreSQL holds prepared on
// the connection that runs this query: one of the store's pool, the only
// one when the test ran nothing concurrently.
func ServerPrepared(ctx context.Context, s *Store) ([]string, error) {
	var stmts []string
	err := s.db.WithContext(ctx).Raw("SELECT statement FROM pg_prepared_statements").Scan(&stmts).Error
	return stmts, err
}

// PostgresConnOptions are the options Open gives the pool of a PostgreSQL
// store's connections.
var PostgresConnOptions = postgresConnOptions

// HoldPool takes every connection of s's pool and returns the function
// that gives them back: while held, a read that needs the pool waits.
func HoldPool(ctx context.Context, s *Store) (func(), error) {
	var conns []*sql.Conn
	release := func() {
		for _, c := range conns {
			c.Close()
		}
	}
	for range s.sqlDB.Stats().MaxOpenConnections {
		c, err := s.sqlDB.Conn(ctx)
		if err != nil {
			release()
			return nil, err
		}
		conns = append(conns, c)
	}
	return release, nil
}

// PreparedKey returns the key a topic's prepared claims are cached at.
func PreparedKey(ctx context.Context, s *Store, topicID string) (string, error) {
	t, err := s.FindTopic(ctx, topicID)
	if err != nil {
		return "", err
	}
	key, _, err := s.preparedKey(ctx, t)
	return key, err
}

// ClaimsFTSMatch returns the claims_fts rows that match (an FTS5 MATCH
// expression) as "rowid score" with FTS5's own bm25, best first, and
// ties by rowid: SQLite only.
func ClaimsFTSMatch(ctx context.Context, s *Store, match string) ([]string, error) {
	var out []string
	rows, err := s.db.WithContext(ctx).Raw(`SELECT rowid, bm25(claims_fts) FROM claims_fts WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts), rowid`, match).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var score float64
		if err := rows.Scan(&id, &score); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%d %.12g", id, score))
	}
	return out, rows.Err()
}

// Statement is one statement the store ran, with its arguments.
type Statement struct {
	SQL  string
	Vars []any
}

// RecordStatements records the queries the store runs (gorm's query and
// row callbacks) until the returned stop is called, which returns them.
func RecordStatements(s *Store) (stop func() []Statement, err error) {
	const name = "gormstore_test:record"
	var mu sync.Mutex
	var got []Statement
	record := func(db *gorm.DB) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, Statement{db.Statement.SQL.String(), slices.Clone(db.Statement.Vars)})
	}
	if err := s.db.Callback().Query().After("gorm:query").Register(name, record); err != nil {
		return nil, err
	}
	if err := s.db.Callback().Row().After("gorm:row").Register(name, record); err != nil {
		return nil, err
	}
	return func() []Statement {
		_ = s.db.Callback().Query().Remove(name)
		_ = s.db.Callback().Row().Remove(name)
		mu.Lock()
		defer mu.Unlock()
		return got
	}, nil
}

// ExplainSQLite returns SQLite's EXPLAIN QUERY PLAN of st, a line a step.
func ExplainSQLite(ctx context.Context, s *Store, st Statement) (string, error) {
	rows, err := s.sqlDB.QueryContext(ctx, "EXPLAIN QUERY PLAN "+st.SQL, st.Vars...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		plan = append(plan, detail)
	}
	return strings.Join(plan, "\n"), rows.Err()
}

// OnStatement calls fn with the SQL of each query of s once it has run
// (for a query read row by row, once its first row is ready), until stop.
func OnStatement(s *Store, fn func(sql string)) (stop func(), err error) {
	const name = "gormstore_test:on_statement"
	call := func(db *gorm.DB) { fn(db.Statement.SQL.String()) }
	if err := s.db.Callback().Query().After("gorm:query").Register(name, call); err != nil {
		return nil, err
	}
	if err := s.db.Callback().Row().After("gorm:row").Register(name, call); err != nil {
		return nil, err
	}
	return func() {
		_ = s.db.Callback().Query().Remove(name)
		_ = s.db.Callback().Row().Remove(name)
	}, nil
}

// HoldConflictWalk takes the slot a count of facets under a filter by
// conflict holds its set in (facetsByConflict) until release.
func HoldConflictWalk(s *Store) (release func()) {
	s.walks <- struct{}{}
	return func() { <-s.walks }
}

// ExplainPostgres returns PostgreSQL's EXPLAIN of st, a line a node.
func ExplainPostgres(ctx context.Context, s *Store, st Statement) (string, error) {
	rows, err := s.sqlDB.QueryContext(ctx, "EXPLAIN "+st.SQL, st.Vars...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		plan = append(plan, line)
	}
	return strings.Join(plan, "\n"), rows.Err()
}

// FacetsPerStatement counts the facets of f as main did before the
// grouped statement: the total, then a statement a facet (facetEach).
func FacetsPerStatement(ctx context.Context, s *Store, f claims.ClaimFilter) (claims.Facets, error) {
	out := claims.Facets{Counts: map[string][]claims.FacetCount{}}
	db := s.db.WithContext(ctx)
	var total int64
	if err := s.whereClaims(db.Table("claims"), f).Count(&total).Error; err != nil {
		return out, err
	}
	out.Total = int(total)
	for _, name := range claims.FacetNames {
		counts, err := s.facetEach(db, f, name, out.Total)
		if err != nil {
			return out, err
		}
		if out.Counts[name], err = s.labelled(db, name, counts); err != nil {
			return out, err
		}
	}
	return out, nil
}

// SetRulesBatch bounds RecomputeSummaries' batches at topics topics and
// claims claims until the returned function restores them.
func SetRulesBatch(topics, claims int) (restore func()) {
	t, c := rulesBatchTopics, rulesBatchClaims
	rulesBatchTopics, rulesBatchClaims = topics, claims
	return func() { rulesBatchTopics, rulesBatchClaims = t, c }
}
