package gormstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/fulltext"
)

// facetSQL is how one facet groups the claims a filter selects: the
// expression of the value, and the joins it needs.
type facetSQL struct {
	value string
	joins string
	// labels names the table and column whose row with the value as ID
	// labels it, or "".
	labelTable, labelCol string
}

func (s *Store) facetSQL(name string) facetSQL {
	switch name {
	case claims.FacetTopic:
		return facetSQL{value: "claims.topic_id", labelTable: "topics", labelCol: "title"}
	case claims.FacetClaimant:
		return facetSQL{value: "claims.claimant_id", labelTable: "claimants", labelCol: "name"}
	case claims.FacetSource:
		return facetSQL{value: "facet_cs.source_id", joins: "JOIN claim_sources facet_cs ON facet_cs.claim_id = claims.id", labelTable: "sources", labelCol: "name"}
	case claims.FacetPlace:
		if s.dialect == dialectPostgres {
			return facetSQL{value: "facet_p.value", joins: placesSplitPG("claims.places")}
		}
		return facetSQL{value: "facet_p.value", joins: "JOIN json_each(CASE WHEN claims.places LIKE '[%' THEN claims.places ELSE '[]' END) AS facet_p"}
	case claims.FacetYear:
		return facetSQL{value: "substr(claims.ref_start, 1, 4)"}
	case claims.FacetGrade:
		return facetSQL{value: "claims.grade"}
	case claims.FacetEvidenceType:
		return facetSQL{value: "claims.evidence_type"}
	case claims.FacetInConflict:
		return facetSQL{value: "CASE WHEN facet_s.conflict_count > 0 THEN 'true' ELSE 'false' END",
			joins: "LEFT JOIN claim_summaries facet_s ON facet_s.claim_id = claims.id"}
	}
	panic("gormstore: unknown facet " + name)
}

// placesSplitPG is the PostgreSQL join that splits the list of places in
// column col (a JSON array, or anything else for none) into one row a
// place, facet_p.value; facetSQL, facetEach and facetsGroupedSQL use it.
func placesSplitPG(col string) string {
	return "CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN " + col + " LIKE '[%' THEN " + col + "::jsonb ELSE '[]'::jsonb END) AS facet_p(value)"
}

// facetColumns are the columns of claims facetSQL reads.
const facetColumns = "claims.id, claims.topic_id, claims.claimant_id, claims.places, claims.ref_start, claims.grade, claims.evidence_type"

// facetScan bounds the matches of a full-text query that facets count on
// SQLite: the newest ones, as a search ranks them (see searchWindow).
// Grouping a million matches by nine facets takes seconds; a search that
// matches more is counted on its newest facetScan matches and says so.
// Tests lower it.
var facetScan = 10_000

// ClaimFacets counts the claims f selects, in all and by each facet. With
// a full-text query, one statement finds the selected claims once (the
// query is the costly part), materialises the columns the facets read and
// groups them by every facet; without one, a statement a facet reads the
// indexes (materialising a topic's claims first was no faster: reading
// their wide rows is the cost either way). The API caches the facets of a
// filter by topic keyed by TopicVersion, of any other by DataVersion.
func (s *Store) ClaimFacets(ctx context.Context, f claims.ClaimFilter) (claims.Facets, error) {
	out := claims.Facets{Counts: make(map[string][]claims.FacetCount, len(claims.FacetNames))}
	if err := f.CheckRanges(); err != nil {
		return out, err
	}
	if f.Query == "" {
		return s.facetsEach(ctx, f)
	}
	if len(fulltext.Parse(f.Query)) == 0 {
		// A query of no words ("!!!") matches nothing, as in Search;
		// FTS5 would refuse the empty MATCH.
		for _, name := range claims.FacetNames {
			out.Counts[name] = []claims.FacetCount{}
		}
		return out, nil
	}
	db := s.customPlans(s.db.WithContext(ctx))
	var sql strings.Builder
	sql.WriteString("WITH facet_m AS MATERIALIZED (?) SELECT fi, value, count FROM (SELECT -1 AS fi, '' AS value, COUNT(*) AS count, 0 AS pos FROM facet_m")
	for i, name := range claims.FacetNames {
		fs := s.facetSQL(name)
		if s.dialect == dialectSQLite && strings.HasPrefix(fs.joins, "JOIN ") {
			// From the matches to their rows: SQLite would otherwise
			// read all of claim_sources (1.2 million rows for a
			// million claims) in the order of its source index, to
			// group without sorting, and look each up among the
			// matches: 0.45 s of CPU for 10,000 matches.
			fs.joins = "CROSS " + fs.joins
		}
		fmt.Fprintf(&sql, ` UNION ALL SELECT %d, value, count, pos FROM (
			SELECT %s AS value, COUNT(*) AS count, ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, %s) AS pos
			FROM facet_m claims %s
			WHERE %s IS NOT NULL GROUP BY %s ORDER BY count DESC, value LIMIT %d) facet_%d`,
			i, fs.value, fs.value, fs.joins, fs.value, fs.value, claims.FacetLimit, i)
	}
	sql.WriteString(") facet_all ORDER BY fi, pos")
	var rows []struct {
		FI    int
		Value string
		Count int
	}
	// facet_m holds the columns the facets group by, so that each facet
	// reads the matches once materialised instead of looking every match
	// up in claims again.
	sub := s.whereClaims(db.Table("claims"), f).Select(facetColumns)
	capped := false
	if s.dialect == dialectSQLite {
		// The newest facetScan matches, found like a search's window.
		var n int64
		// Within a topic, its key narrows the query (claimsMatch).
		match := claimsMatch(fulltext.Parse(f.Query), f.TopicID)
		// Counted in no order: the count is the same.
		count := s.filterFTS(db.Table("claims_fts"), withoutQuery(f)).Where("claims_fts MATCH ?", match).
			Select("claims_fts.rowid").Limit(facetScan + 1)
		if err := db.Table("(?) facet_n", count).Count(&n).Error; err != nil {
			return out, translate(err, "count claims by facet")
		}
		limit := facetScan + 1
		if n > int64(facetScan) {
			capped = true
			limit = facetScan
		}
		sub = s.whereClaims(db.Table("claims_fts").Joins("CROSS JOIN claims ON claims.rowid = claims_fts.rowid"), withoutQuery(f)).
			Where("claims_fts MATCH ?", match).Select(facetColumns).Order("claims_fts.rowid DESC").Limit(limit)
	}
	if err := db.Raw(sql.String(), sub).Scan(&rows).Error; err != nil {
		return out, translate(err, "count claims by facet")
	}
	out.Capped = capped
	for _, r := range rows {
		if r.FI < 0 {
			out.Total = r.Count
			continue
		}
		name := claims.FacetNames[r.FI]
		out.Counts[name] = append(out.Counts[name], claims.FacetCount{Value: r.Value, Count: r.Count})
	}
	for _, name := range claims.FacetNames {
		counts := out.Counts[name]
		if fs := s.facetSQL(name); fs.labelTable != "" {
			if err := s.label(db, fs, counts); err != nil {
				return out, translate(err, "count claims by "+name)
			}
		}
		if counts == nil {
			out.Counts[name] = []claims.FacetCount{}
		}
	}
	return out, nil
}

// facetsEach counts the claims f selects with a statement a facet, each
// of which reads an index rather than the claims' wide rows (see
// facetClaims, facetEach).
func (s *Store) facetsEach(ctx context.Context, f claims.ClaimFilter) (claims.Facets, error) {
	out := claims.Facets{Counts: make(map[string][]claims.FacetCount, len(claims.FacetNames))}
	db := s.db.WithContext(ctx)
	if s.conflictWalked(f) {
		return s.facetsByConflict(ctx, f)
	}
	if s.conflictGrouped(f) {
		return s.facetsGrouped(ctx, f)
	}
	var total int64
	if err := s.whereClaims(db.Table("claims"), f).Count(&total).Error; err != nil {
		return out, translate(err, "count claims")
	}
	out.Total = int(total)
	for _, name := range claims.FacetNames {
		counts, err := s.facetEach(db, f, name, out.Total)
		if err != nil {
			return out, translate(err, "count claims by "+name)
		}
		if out.Counts[name], err = s.labelled(db, name, counts); err != nil {
			return out, err
		}
	}
	return out, nil
}

// labelled gives a facet's counts their labels (the names of topics,
// claimants and sources), and an empty list for none.
func (s *Store) labelled(db *gorm.DB, name string, counts []claims.FacetCount) ([]claims.FacetCount, error) {
	if fs := s.facetSQL(name); fs.labelTable != "" {
		if err := s.label(db, fs, counts); err != nil {
			return nil, translate(err, "count claims by "+name)
		}
	}
	if counts == nil {
		counts = []claims.FacetCount{}
	}
	return counts, nil
}

// facetEach counts the total claims f selects by the facet name, the
// largest FacetLimit counts. Measured at a million claims (RESULTS.md,
// "Facets of a listing"), where the plain GROUP BY of facetSQL took 55 s
// of wall time for no filter:
//   - source: with no filter, claim_sources alone (its source index);
//     with one, from the selected claims to their sources (CROSS JOIN),
//     where SQLite otherwise walked all of claim_sources and looked each
//     claim up, reading its row;
//   - in conflict: the claims in conflict counted, the others are the
//     rest, from claim_summaries_conflicted (conflictFacet);
//   - place and year: the claims grouped by their places (15 distinct
//     lists at a million claims) or reference date first, and these
//     groups split into places or years, instead of a JSON function on
//     every claim or a sort of every date.
func (s *Store) facetEach(db *gorm.DB, f claims.ClaimFilter, name string, total int) ([]claims.FacetCount, error) {
	unfiltered := isUnfiltered(f)
	var q *gorm.DB
	switch name {
	case claims.FacetSource:
		q = s.perClaimRows(db, f, unfiltered, "claim_sources facet_cs", "facet_cs").Select("facet_cs.source_id AS value, COUNT(*) AS count").Group("facet_cs.source_id")
	case claims.FacetInConflict:
		return s.conflictFacet(db, f, unfiltered, total)
	case claims.FacetPlace:
		lists := s.whereClaims(s.facetClaims(db, f), f).Select("claims.places AS places, COUNT(*) AS n").Group("claims.places")
		split := "JOIN json_each(CASE WHEN facet_g.places LIKE '[%' THEN facet_g.places ELSE '[]' END) AS facet_p"
		if s.dialect == dialectPostgres {
			split = placesSplitPG("facet_g.places")
		}
		q = db.Table("(?) facet_g", lists).Joins(split).Where("facet_p.value IS NOT NULL").
			Select("facet_p.value AS value, CAST(SUM(facet_g.n) AS BIGINT) AS count").Group("facet_p.value")
	case claims.FacetYear:
		dates := s.whereClaims(s.facetClaims(db, f), f).Where("claims.ref_start IS NOT NULL").
			Select("claims.ref_start AS ref_start, COUNT(*) AS n").Group("claims.ref_start")
		q = db.Table("(?) facet_d", dates).
			Select("substr(facet_d.ref_start, 1, 4) AS value, CAST(SUM(facet_d.n) AS BIGINT) AS count").Group("substr(facet_d.ref_start, 1, 4)")
	default:
		fs := s.facetSQL(name)
		q = s.whereClaims(s.facetClaims(db, f), f).Where(fs.value + " IS NOT NULL").
			Select(fs.value + " AS value, COUNT(*) AS count").Group(fs.value)
	}
	var counts []claims.FacetCount
	err := q.Order("count DESC, value").Limit(claims.FacetLimit).Scan(&counts).Error
	return counts, err
}

// perClaimRows selects the rows of a table keyed by claim_id (given as
// "table alias") that belong to the claims f selects: the whole table when
// f selects every claim, else the selected claims joined to it, SQLite
// told to go from the claims to the table (CROSS JOIN keeps its order).
func (s *Store) perClaimRows(db *gorm.DB, f claims.ClaimFilter, unfiltered bool, table, alias string) *gorm.DB {
	if unfiltered {
		return db.Table(table)
	}
	join := "JOIN " + table + " ON " + alias + ".claim_id = claims.id"
	if s.dialect == dialectSQLite {
		join = "CROSS " + join
	}
	return s.whereClaims(s.facetClaims(db, f).Joins(join), f)
}

// conflictFacet counts the total claims f selects by whether they are in
// conflict: those whose summary counts a conflict, and the rest. Under a
// filter by conflict, every claim selected is of the value filtered by;
// under another, the claims in conflict are counted by the filter's own
// condition of conflict, which reads claim_summaries_conflicted (step
// 19) rather than each selected claim's summary row.
func (s *Store) conflictFacet(db *gorm.DB, f claims.ClaimFilter, unfiltered bool, total int) ([]claims.FacetCount, error) {
	if f.InConflict != nil {
		if total == 0 {
			return nil, nil
		}
		return []claims.FacetCount{{Value: strconv.FormatBool(*f.InConflict), Count: total}}, nil
	}
	var in int64
	// Every summary is of a claim (its key references claims).
	q := db.Table("claim_summaries").Where("conflict_count > 0")
	if !unfiltered {
		yes := true
		f.InConflict = &yes
		q = s.whereClaims(db.Table("claims"), f)
	}
	if err := q.Count(&in).Error; err != nil {
		return nil, err
	}
	counts := []claims.FacetCount{{Value: "true", Count: int(in)}, {Value: "false", Count: total - int(in)}}
	if counts[1].Count >= counts[0].Count {
		// Largest first; of a tie, "false" first, as ORDER BY value.
		counts[0], counts[1] = counts[1], counts[0]
	}
	return slices.DeleteFunc(counts, func(c claims.FacetCount) bool { return c.Count == 0 }), nil
}

// conflictIndexes is step 19, two indexes of claim_summaries:
//   - claim_summaries_conflicted, the claims in conflict alone, which the
//     filter by conflict (whereClaims) and the conflict facet read
//     instead of every summary's wide row: at 200,000 claims the facets
//     of the claims in conflict took 0.62x the CPU, the conflict facet
//     under a place 0.55x (RESULTS.md, "The claims in conflict indexed").
//     It holds conflict_count too, which its WHERE reads, so that the
//     planner counts it covering: with statistics (ANALYZE) and most
//     claims in conflict, an index of claim_id alone lost to a scan of
//     the table (found in review);
//   - claim_summaries_worst (topic_id, worst_severity DESC, claim_id)
//     in place of step 3's (topic_id, worst_severity): a page of a
//     topic's claims most severe conflict first (ClaimSummaries) is read
//     in the index's order, where the old one left the claims of one
//     severity to sort (7,468 in the largest topic, 17-30 ms a page,
//     against 0.3-0.6 ms).
//
// A bulk import into an empty database drops and rebuilds both with
// every other index of claim_summaries (dropIndexesIfEmpty).
func conflictIndexes(tx *gorm.DB, d dialect) error {
	return execAll(tx, d,
		`CREATE INDEX claim_summaries_conflicted ON claim_summaries (claim_id, conflict_count) WHERE conflict_count > 0`,
		`DROP INDEX claim_summaries_worst`,
		`CREATE INDEX claim_summaries_worst ON claim_summaries (topic_id, worst_severity DESC, claim_id)`)
}

// facetClaims is the claims a facet's statement reads. On SQLite, without
// a topic, a claimant, a source or a tag to look the claims up by, and
// with no filter on a column it lacks, claims_topic_facets (step 13),
// which holds every column the facets and those filters read: a scan of
// its million narrow entries (0.06 s of CPU) instead of a lookup of a
// grade's claims (170,000) in their wide rows (0.25 s each facet, the
// more the colder the cache). A claimant's claims are few (582 at most
// at a million claims): scanning the index for them cost 0.65 s of CPU
// for the eight facets against 0.04 s looked up. A filter by conflict
// is a list of 746,285 claims in conflict at a million: probing it from
// the index took 4.3 s of CPU a facet, looking its claims up 2.6 s (both
// before claim_summaries_conflicted; at 200,000 claims with it, probing
// still took 1.9x the CPU of the lookups): under a filter by conflict
// that leaves the index readable, the facets walk it once and test the
// claims in conflict in Go instead (facetsByConflict).
func (s *Store) facetClaims(db *gorm.DB, f claims.ClaimFilter) *gorm.DB {
	if s.dialect != dialectSQLite || !facetIndexed(f) {
		return db.Table("claims")
	}
	return db.Table("claims INDEXED BY claims_topic_facets")
}

// facetIndexed reports whether the facets of f read claims_topic_facets
// on SQLite (facetClaims): f filters by no column the index lacks, by no
// list of claims to look up, and not by conflict (see facetsByConflict).
func facetIndexed(f claims.ClaimFilter) bool {
	return f.TopicID == "" && f.ClaimantID == "" && f.SourceID == "" && f.Tag == "" && f.Text == "" && f.Query == "" &&
		f.From == "" && f.To == "" && f.SaidFrom == "" && f.SaidTo == "" && f.AsOfFrom == "" && f.AsOfTo == "" &&
		f.ValueLow == nil && f.ValueHigh == nil && f.Rank == "" && f.InConflict == nil
}

// isUnfiltered reports whether f selects every claim.
func isUnfiltered(f claims.ClaimFilter) bool {
	f.ListOptions = claims.ListOptions{}
	return f == claims.ClaimFilter{}
}

// label sets the Label of each count to the name of the record its value
// identifies.
func (s *Store) label(db *gorm.DB, fs facetSQL, counts []claims.FacetCount) error {
	if len(counts) == 0 {
		return nil
	}
	ids := make([]string, len(counts))
	for i, c := range counts {
		ids[i] = c.Value
	}
	var names []struct{ ID, Label string }
	if err := db.Table(fs.labelTable).Select("id, "+fs.labelCol+" AS label").Where("id IN ?", ids).Scan(&names).Error; err != nil {
		return err
	}
	byID := make(map[string]string, len(names))
	for _, n := range names {
		byID[n.ID] = n.Label
	}
	for i := range counts {
		counts[i].Label = byID[counts[i].Value]
	}
	return nil
}

// DataVersion returns a key that changes whenever anything the facets of
// any filter count may have changed: the sum of every topic's version
// (topic_versions, which triggers bump on every write to claims, their
// sources and summaries, topics and the names of claimants and sources;
// its rows are never deleted, so the sum only ever grows). On SQLite the
// sum is kept in data_version's one row (step 17), a read of one row
// instead of all of topic_versions (10,000 rows at a million claims, most
// of the CPU of a cached /conflicts). On PostgreSQL it is summed (a row
// that every write updated would make each write transaction wait for
// any other, of whatever topic, to commit: a bulk import holds its rows
// for its whole transaction, where today writes wait only for writes to
// their own topics), and only when a commit has changed the server's
// snapshot since it was last summed (see snapshotWatch).
func (s *Store) DataVersion(ctx context.Context) (string, error) {
	var v string
	var err error
	if s.dialect == dialectPostgres {
		v, err = s.snapshotWatched(ctx, "data", func(db *gorm.DB) (string, error) { return readDataVersion(db, postgresDataVersion) })
	} else {
		// Through the commit watch: no connection of the pool while
		// nothing has been committed.
		v, err = s.watched(ctx, "data", func(db *gorm.DB) (string, error) { return readDataVersion(db, sqliteDataVersion) })
	}
	return v, translate(err, "read data version")
}

// readDataVersion reads the data version with query on db.
func readDataVersion(db *gorm.DB, query string) (string, error) {
	var v int64
	if err := db.Raw(query).Scan(&v).Error; err != nil {
		return "", err
	}
	return strconv.FormatInt(v, 10), nil
}

// sqliteDataVersion reads the data version on SQLite (see DataVersion).
const sqliteDataVersion = `SELECT version FROM data_version`

// postgresDataVersion reads the data version on PostgreSQL (see DataVersion).
const postgresDataVersion = `SELECT COALESCE(SUM(version), 0) FROM topic_versions`

// countDataVersion is step 17: on SQLite, data_version holds the sum of
// topic_versions' versions, which DataVersion reads; triggers on
// topic_versions keep it, so every write path that bumps a topic's
// version (the triggers of claims, sources, topics, summaries and
// reviews, a bulk import's set-based bump) adds the same to it. Writers
// are serialised on SQLite: the one row costs no wait. Nothing on
// PostgreSQL (see DataVersion).
func countDataVersion(tx *gorm.DB, d dialect) error {
	if d != dialectSQLite {
		return nil
	}
	return execAll(tx, d,
		`CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)`,
		`INSERT INTO data_version (id, version) SELECT 1, COALESCE(SUM(version), 0) FROM topic_versions`,
		`CREATE TRIGGER topic_versions_data_insert AFTER INSERT ON topic_versions BEGIN
			UPDATE data_version SET version = version + new.version; END`,
		`CREATE TRIGGER topic_versions_data_update AFTER UPDATE OF version ON topic_versions BEGIN
			UPDATE data_version SET version = version + new.version - old.version; END`,
		// No write deletes a topic's version row; were one deleted, the
		// key still grows (it would otherwise fall and could repeat a
		// value of other data), and only then differs from the sum.
		`CREATE TRIGGER topic_versions_data_delete AFTER DELETE ON topic_versions BEGIN
			UPDATE data_version SET version = version + 1; END`,
	)
}
