package gormstore

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
)

// conflictWalked reports whether facetsEach counts the facets of f by
// walking claims_topic_facets once (facetsByConflict): on SQLite, under a
// filter by conflict, when nothing else in f keeps the index from being
// read (facetIndexed).
func (s *Store) conflictWalked(f claims.ClaimFilter) bool {
	if s.dialect != dialectSQLite || f.InConflict == nil {
		return false
	}
	f.InConflict = nil
	return facetIndexed(f)
}

// facetsByConflict counts the facets of the claims f selects, f filtering
// by conflict (conflictWalked), in one walk of claims_topic_facets, the
// claims in conflict tested in Go rather than looked up in SQL: the IDs
// of the claims in conflict are read once from claim_summaries_conflicted,
// sorted, into one packed array (idSet), and each index entry's ID is
// searched in it. Each facet's statement instead looked up every claim in
// conflict's wide row (at a million claims, 746,285 of them: 11.6-13.2 s
// of CPU for the facets of in_conflict=true, 20.9-26.2 s for false, where
// the same facets with no filter took 2.3 s); walked, a request of
// in_conflict=true took 0.35-0.46x main's CPU, false 0.15-0.24x
// (RESULTS.md, "Facets under a filter by conflict"). The sources are the
// selected claims' rows of claim_sources, their claim tested the same way.
//
// The set takes an ID's bytes and 4 more a claim in conflict, sized
// exactly from a count first: with the 26-character ULIDs the store
// gives claims, 30 bytes, 22 MB at 750,000 claims in conflict (with the
// load generator's 10-character IDs, 14 bytes, 10 MB). One count at a
// time holds one (s.walks; the others wait for it, or for their request
// to go), so that the first counts of several listings do not multiply
// it against the server's memory; they are CPU-bound, and would share
// the same cores anyway.
//
// The counts are exact, and of one snapshot: the set, the walk and the
// sources are read in one read transaction (readSnapshot).
func (s *Store) facetsByConflict(ctx context.Context, f claims.ClaimFilter) (claims.Facets, error) {
	out := claims.Facets{Counts: make(map[string][]claims.FacetCount, len(claims.FacetNames))}
	select {
	case s.walks <- struct{}{}:
		defer func() { <-s.walks }()
	case <-ctx.Done():
		return out, ctx.Err()
	}
	err := s.readSnapshot(ctx, func(db *gorm.DB) error {
		var err error
		out, err = s.countByConflict(ctx, db, f)
		return err
	})
	return out, err
}

// readSnapshot calls fn with a session whose statements read one snapshot
// of the database: on SQLite one connection in a deferred transaction,
// which takes no lock but WAL's read mark (the store's own transactions
// begin IMMEDIATE, taking the write lock: see sqliteParams); rolled back
// once fn returns. In a transaction, the transaction's own.
func (s *Store) readSnapshot(ctx context.Context, fn func(*gorm.DB) error) error {
	if s.inTx {
		return fn(s.db.WithContext(ctx))
	}
	conn, err := s.sqlDB.Conn(ctx)
	if err != nil {
		return translate(err, "count claims by conflict")
	}
	defer conn.Close()
	// Begun and ended without ctx's cancellation: a rollback cut short
	// would leave the connection in its transaction in the pool.
	bg := context.WithoutCancel(ctx)
	if _, err := conn.ExecContext(bg, "BEGIN DEFERRED"); err != nil {
		return translate(err, "count claims by conflict")
	}
	db := s.db.WithContext(ctx)
	db.Statement.ConnPool = conn
	err = fn(db)
	if _, rerr := conn.ExecContext(bg, "ROLLBACK"); rerr != nil {
		// Not back in the pool still in the transaction.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		if err == nil {
			err = translate(rerr, "count claims by conflict")
		}
	}
	return err
}

// countByConflict is facetsByConflict's count, its statements run by db.
func (s *Store) countByConflict(ctx context.Context, db *gorm.DB, f claims.ClaimFilter) (claims.Facets, error) {
	out := claims.Facets{Counts: make(map[string][]claims.FacetCount, len(claims.FacetNames))}
	want := *f.InConflict
	rest := f
	rest.InConflict = nil

	var size struct{ N, Bytes int }
	err := db.Table("claim_summaries").Where("conflict_count > 0").
		Select("count(*) AS n, ifnull(sum(length(CAST(claim_id AS BLOB))), 0) AS bytes").Scan(&size).Error
	if err != nil {
		return out, translate(err, "count claims by conflict")
	}
	set := idSet{data: make([]byte, 0, size.Bytes), ends: make([]uint32, 0, size.N)}
	err = s.eachText(ctx, "count claims by conflict", db.Table("claim_summaries").Where("conflict_count > 0").Select("claim_id").Order("claim_id"), func(id []byte) error {
		set.add(id)
		return nil
	})
	if err != nil {
		return out, err
	}
	set.finish()
	selected := func(id []byte) bool { return set.has(id) == want }

	// One walk of the index for every facet but the source.
	counts := make(map[string]map[string]*int, len(claims.FacetNames))
	for _, name := range claims.FacetNames {
		counts[name] = map[string]*int{}
	}
	lists := map[string]*int{}
	// Each entry's columns as one text, unit separators between them
	// (IDs, grades and evidence types hold none; the places, last, are
	// JSON, which holds none unescaped), a reference date with a mark
	// before it ('-' for none): a third of the CPU of the walk was
	// fetching seven columns one by one across cgo.
	walk := s.whereClaims(s.facetClaims(db, rest), rest).
		Select(`claims.id || char(31) || claims.topic_id || char(31) || claims.claimant_id || char(31) || claims.evidence_type ||
			char(31) || claims.grade || char(31) || ifnull('+' || claims.ref_start, '-') || char(31) || claims.places`)
	var field [7][]byte
	err = s.eachText(ctx, "count claims by facet", walk, func(entry []byte) error {
		tail := entry
		for i := range 6 {
			j := bytes.IndexByte(tail, 0x1f)
			if j < 0 {
				return translate(fmt.Errorf("facet entry %q", entry), "count claims by facet")
			}
			field[i], tail = tail[:j], tail[j+1:]
		}
		field[6] = tail
		if !selected(field[0]) {
			return nil
		}
		out.Total++
		tally(counts[claims.FacetTopic], field[1], 1)
		tally(counts[claims.FacetClaimant], field[2], 1)
		tally(counts[claims.FacetEvidenceType], field[3], 1)
		tally(counts[claims.FacetGrade], field[4], 1)
		if refStart := field[5]; refStart[0] == '+' {
			tally(counts[claims.FacetYear], firstRunes(refStart[1:], 4), 1)
		}
		tally(lists, field[6], 1)
		return nil
	})
	if err != nil {
		return out, err
	}
	// The claims' lists of places split into places, as json_each does
	// (facetEach): a list not JSON's array counts no place.
	for list, n := range lists {
		if !strings.HasPrefix(list, "[") {
			continue
		}
		var values []any
		if err := json.Unmarshal([]byte(list), &values); err != nil {
			return out, translate(fmt.Errorf("places %q: %w", list, err), "count claims by place")
		}
		for _, v := range values {
			switch v := v.(type) {
			case nil:
			case string:
				tally(counts[claims.FacetPlace], []byte(v), *n)
			default:
				tally(counts[claims.FacetPlace], fmt.Append(nil, v), *n)
			}
		}
	}

	sources := s.perClaimRows(db, rest, isUnfiltered(rest), "claim_sources facet_cs", "facet_cs").
		Select("facet_cs.claim_id || char(31) || facet_cs.source_id")
	err = s.eachText(ctx, "count claims by source", sources, func(entry []byte) error {
		id, source, ok := bytes.Cut(entry, []byte{0x1f})
		if !ok {
			return translate(fmt.Errorf("source entry %q", entry), "count claims by source")
		}
		if selected(id) {
			tally(counts[claims.FacetSource], source, 1)
		}
		return nil
	})
	if err != nil {
		return out, err
	}

	for _, name := range claims.FacetNames {
		var top []claims.FacetCount
		if name == claims.FacetInConflict {
			top, _ = s.conflictFacet(db, f, false, out.Total)
		} else {
			top = largest(counts[name], claims.FacetLimit)
		}
		if out.Counts[name], err = s.labelled(db, name, top); err != nil {
			return out, err
		}
	}
	return out, nil
}

// eachText runs q, which selects one text, and calls fn with each row's,
// valid until fn returns (see eachRow).
func (s *Store) eachText(ctx context.Context, what string, q *gorm.DB, fn func([]byte) error) error {
	var v sql.RawBytes
	return s.eachRow(ctx, what, q, func(rows *sql.Rows) error {
		if err := rows.Scan(&v); err != nil {
			return translate(err, what)
		}
		return fn(v)
	})
}

// tally adds n to the count of the value v, a map's key made of v only
// when v is new.
func tally(counts map[string]*int, v []byte, n int) {
	if c := counts[string(v)]; c != nil {
		*c += n
		return
	}
	c := n
	counts[string(v)] = &c
}

// firstRunes is the first n characters of b, as SQLite's substr(b, 1, n).
func firstRunes(b []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return b[:i]
}

// largest is the limit largest counts, largest first and, of a tie, by
// value in byte order, as ORDER BY count DESC, value of SQLite's BINARY
// collation.
func largest(counts map[string]*int, limit int) []claims.FacetCount {
	list := make([]claims.FacetCount, 0, len(counts))
	for v, n := range counts {
		list = append(list, claims.FacetCount{Value: v, Count: *n})
	}
	slices.SortFunc(list, func(a, b claims.FacetCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
	return list[:min(len(list), limit)]
}

// idSet is a set of IDs, packed: their bytes one after the other and
// where each ends, in byte order once finished, searched by bisection.
type idSet struct {
	data []byte
	ends []uint32
}

func (s *idSet) add(id []byte) {
	s.data = append(s.data, id...)
	s.ends = append(s.ends, uint32(len(s.data)))
}

func (s *idSet) at(i int) []byte {
	start := uint32(0)
	if i > 0 {
		start = s.ends[i-1]
	}
	return s.data[start:s.ends[i]]
}

// finish sorts the set if the IDs were not added in byte order (ORDER BY
// claim_id reads them in that order), so that has may bisect it.
func (s *idSet) finish() {
	for i := 1; i < len(s.ends); i++ {
		if bytes.Compare(s.at(i-1), s.at(i)) > 0 {
			ids := make([][]byte, len(s.ends))
			for j := range ids {
				ids[j] = s.at(j)
			}
			slices.SortFunc(ids, bytes.Compare)
			var sorted idSet
			for _, id := range ids {
				sorted.add(id)
			}
			*s = sorted
			return
		}
	}
}

func (s *idSet) has(id []byte) bool {
	i := sort.Search(len(s.ends), func(i int) bool { return bytes.Compare(s.at(i), id) >= 0 })
	return i < len(s.ends) && bytes.Equal(s.at(i), id)
}

// conflictGrouped reports whether facetsEach counts the facets of f in one
// statement (facetsGrouped): on PostgreSQL, under a filter by conflict.
func (s *Store) conflictGrouped(f claims.ClaimFilter) bool {
	return s.dialect == dialectPostgres && f.InConflict != nil
}

// facetsGroupedSQL counts the claims the first argument (facetColumns of
// the selected claims) selects in all (facet "") and by every facet but
// the source and the conflict, in one read of them (GROUPING SETS, which
// PostgreSQL hashes side by side), and by source with the second argument
// (a source's ID as value and its count as n). Places and years are split
// from the grouped lists of places and reference dates, as facetEach does;
// each facet keeps its largest FacetLimit counts, ORDER BY count DESC,
// value, as facetEach's. In each grouping set one column is grouped and
// the others are NULL: COALESCE is the grouped one's value.
var facetsGroupedSQL = fmt.Sprintf(`WITH facet_g AS (
	SELECT CASE WHEN GROUPING(topic_id) = 0 THEN '%[1]s' WHEN GROUPING(claimant_id) = 0 THEN '%[2]s'
			WHEN GROUPING(places) = 0 THEN '%[3]s' WHEN GROUPING(year) = 0 THEN '%[4]s'
			WHEN GROUPING(grade) = 0 THEN '%[5]s' WHEN GROUPING(evidence_type) = 0 THEN '%[6]s' ELSE '' END AS facet,
		COALESCE(topic_id, claimant_id, places, year, grade, evidence_type) AS value, COUNT(*) AS n
	FROM (SELECT facet_m.*, substr(facet_m.ref_start, 1, 4) AS year FROM (?) facet_m) facet_m
	GROUP BY GROUPING SETS ((), (topic_id), (claimant_id), (places), (year), (grade), (evidence_type))
), facet_v AS (
	SELECT facet, COALESCE(value, '') AS value, n FROM facet_g WHERE facet = '' OR (facet <> '%[3]s' AND value IS NOT NULL)
	UNION ALL
	SELECT '%[3]s', facet_p.value, CAST(SUM(facet_g.n) AS BIGINT)
	FROM facet_g %[9]s
	WHERE facet_g.facet = '%[3]s' AND facet_p.value IS NOT NULL GROUP BY facet_p.value
	UNION ALL
	SELECT '%[7]s', value, n FROM (?) facet_cs
)
SELECT facet, value, n AS count FROM (
	SELECT facet, value, n, ROW_NUMBER() OVER (PARTITION BY facet ORDER BY n DESC, value) AS pos FROM facet_v
) facet_r WHERE pos <= %[8]d ORDER BY facet, pos`,
	claims.FacetTopic, claims.FacetClaimant, claims.FacetPlace, claims.FacetYear, claims.FacetGrade, claims.FacetEvidenceType,
	claims.FacetSource, claims.FacetLimit, placesSplitPG("facet_g.value"))

// facetsGrouped counts the facets of the claims f selects, f filtering by
// conflict (conflictGrouped), in one statement (facetsGroupedSQL), of one
// snapshot: the selected claims read once for every facet but the source,
// the claims in conflict hashed once and joined to them (semi-join, or
// anti-join for the claims not in conflict: conflictCond), where a
// statement a facet read the claims and hashed the claims in conflict
// each time, eight times a count. With no other filter the sources are
// claim_sources' rows joined to the claims in conflict alone, the claims
// unread; with one, the selected claims' rows (perClaimRows).
func (s *Store) facetsGrouped(ctx context.Context, f claims.ClaimFilter) (claims.Facets, error) {
	out := claims.Facets{Counts: make(map[string][]claims.FacetCount, len(claims.FacetNames))}
	db := s.db.WithContext(ctx)
	rest := f
	rest.InConflict = nil
	selected := s.whereClaims(db.Table("claims"), f).Select(facetColumns)
	var sources *gorm.DB
	if isUnfiltered(rest) {
		sources = db.Table("claim_sources facet_cs").Where(s.conflictCond("facet_cs.claim_id", *f.InConflict))
	} else {
		sources = s.perClaimRows(db, f, false, "claim_sources facet_cs", "facet_cs")
	}
	sources = sources.Select("facet_cs.source_id AS value, COUNT(*) AS n").Group("facet_cs.source_id")
	var rows []struct {
		Facet, Value string
		Count        int
	}
	if err := db.Raw(facetsGroupedSQL, selected, sources).Scan(&rows).Error; err != nil {
		return out, translate(err, "count claims by facet")
	}
	counts := map[string][]claims.FacetCount{}
	for _, r := range rows {
		if r.Facet == "" {
			out.Total = r.Count
			continue
		}
		counts[r.Facet] = append(counts[r.Facet], claims.FacetCount{Value: r.Value, Count: r.Count})
	}
	for _, name := range claims.FacetNames {
		top := counts[name]
		if name == claims.FacetInConflict {
			top, _ = s.conflictFacet(db, f, false, out.Total)
		}
		var err error
		if out.Counts[name], err = s.labelled(db, name, top); err != nil {
			return out, err
		}
	}
	return out, nil
}
