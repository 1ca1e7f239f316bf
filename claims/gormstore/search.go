package gormstore

import (
	"context"
	"database/sql"
	"encoding/base64"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/fulltext"
)

var _ claims.Searcher = (*Store)(nil)

// pgQuery is the tsquery of a query's terms (fulltext.TSQuery): the words
// as written ('simple') or stemmed ('russian', which stems Latin words as
// English). to_tsquery rather than websearch_to_tsquery, whose syntax has
// no prefix: a word typed with "*" is matched as a prefix (word:*).
const pgQuery = `(to_tsquery('simple'::regconfig, ?) || to_tsquery('russian'::regconfig, ?))`

// whereClaims adds the conditions of every filter of f to q, a query of the
// claims table.
func (s *Store) whereClaims(q *gorm.DB, f claims.ClaimFilter) *gorm.DB {
	if f.TopicID != "" {
		q = q.Where("claims.topic_id = ?", f.TopicID)
	}
	if f.ClaimantID != "" {
		q = q.Where("claims.claimant_id = ?", f.ClaimantID)
	}
	if f.SourceID != "" {
		q = q.Where("claims.id IN (SELECT claim_id FROM claim_sources WHERE source_id = ?)", f.SourceID)
	}
	if f.Tag != "" {
		q = q.Where("claims.id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)", f.Tag)
	}
	if f.Rank != "" {
		q = q.Where("claims.rank = ?", string(f.Rank))
	}
	if f.Grade != "" {
		q = q.Where("claims.grade = ?", string(f.Grade))
	}
	if f.EvidenceType != "" {
		q = q.Where("claims.evidence_type = ?", string(f.EvidenceType))
	}
	// [ref_start, ref_end] overlaps [From.Start(), To.End()]; a claim
	// with no reference date has NULLs there and never matches.
	if f.From != "" {
		q = q.Where("claims.ref_end >= ?", f.From.Start().Format(isoDay))
	}
	if f.To != "" {
		q = q.Where("claims.ref_start <= ?", f.To.End().Format(isoDay))
	}
	q = whereDate(q, "claims.said_on", f.SaidFrom, f.SaidTo)
	q = whereDate(q, "claims.as_of", f.AsOfFrom, f.AsOfTo)
	// The interval [low, high] (NULL is open) overlaps [ValueLow, ValueHigh].
	if f.ValueLow != nil || f.ValueHigh != nil {
		q = q.Where("(claims.low IS NOT NULL OR claims.high IS NOT NULL)")
	}
	if f.ValueLow != nil {
		q = q.Where("(claims.high IS NULL OR claims.high >= ?)", *f.ValueLow)
	}
	if f.ValueHigh != nil {
		q = q.Where("(claims.low IS NULL OR claims.low <= ?)", *f.ValueHigh)
	}
	if f.Place != "" {
		if s.dialect == dialectPostgres {
			q = q.Where("jsonb_exists(CASE WHEN claims.places LIKE '[%' THEN claims.places::jsonb ELSE '[]'::jsonb END, ?)", f.Place)
		} else {
			q = q.Where("EXISTS (SELECT 1 FROM json_each(claims.places) WHERE json_each.value = ?)", f.Place)
		}
	}
	if f.InConflict != nil {
		q = q.Where(s.conflictCond("claims.id", *f.InConflict))
	}
	q = whereText(q, "claims", f.Text)
	if f.Query != "" {
		q = s.whereMatch(q, f.Query, f.TopicID)
	}
	return q
}

// conflictCond is the condition that the claim whose ID is the column
// col is in conflict (want) or not, read from claim_summaries_conflicted
// (step 19). On PostgreSQL, not in conflict is NOT EXISTS, an anti-join
// the planner can hash, and spill to disk if it must: NOT IN, which it
// cannot turn into one (a NULL in the list would change its answer), is
// a hashed subplan only while the planner expects the list to fit in
// hash_mem (work_mem x hash_mem_multiplier, 8 MB by default on
// PostgreSQL 15), and beyond a list read again for every claim: at
// 100,000 claims, with hash_mem at 1 MB, the planner's cost of a count
// went from 15,661 to 115,535,393; the load generator's 746,285 claims in
// conflict of a million are expected over 8 MB (RESULTS.md, "Facets under
// a filter by conflict on PostgreSQL").
// A claim's summary's key is its ID, never NULL: both say the same.
func (s *Store) conflictCond(col string, want bool) string {
	switch {
	case want:
		return col + " IN (SELECT claim_id FROM claim_summaries WHERE conflict_count > 0)"
	case s.dialect == dialectPostgres:
		return "NOT EXISTS (SELECT 1 FROM claim_summaries conflict_s WHERE conflict_s.claim_id = " + col + " AND conflict_s.conflict_count > 0)"
	default:
		return col + " NOT IN (SELECT claim_id FROM claim_summaries WHERE conflict_count > 0)"
	}
}

// whereMatch keeps the claims matching a full-text query; a query without
// a word matches nothing. On SQLite, within a topic (topic not ""), the
// topic's key is ANDed into the MATCH (claimsMatch): the statement reads
// the rowids of the topic's matches, FTS5 intersecting the key's list
// with the words', instead of every claim holding the words (for a word
// most claims hold, most of the table) to keep the topic's. The caller
// filters by topic_id too. PostgreSQL walks the topic's claims in the
// list's order and looks each up in claim_search; claim_search's topic_id
// (step 15) in this subquery led its planner to read the topic's matches
// first and sort them instead, 11 and 26 times the wall time in the
// largest topic of 150,000 claims (BenchmarkListWithinTopic, medians).
func (s *Store) whereMatch(q *gorm.DB, query, topic string) *gorm.DB {
	terms := fulltext.Parse(query)
	if len(terms) == 0 {
		return q.Where("1 = 0")
	}
	if s.dialect == dialectPostgres {
		tq := fulltext.TSQuery(terms)
		return s.customPlans(q.Where("claims.id IN (SELECT claim_id FROM claim_search WHERE doc @@ "+pgQuery+")", tq, tq))
	}
	return q.Where("claims.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)", claimsMatch(terms, topic))
}

// whereDate keeps the rows whose date column (YYYY, YYYY-MM or YYYY-MM-DD,
// or "" for none) overlaps [from, to]. A date of lower precision compares
// with the bounds cut to its length: "2015-06" is within 2015-06-10..2015-07.
func whereDate(q *gorm.DB, col string, from, to claims.Date) *gorm.DB {
	if from == "" && to == "" {
		return q
	}
	q = q.Where(col + " <> ''")
	if from != "" {
		q = q.Where(col+" >= substr(?, 1, length("+col+"))", from.Start().Format(isoDay))
	}
	if to != "" {
		q = q.Where(col+" <= substr(?, 1, length("+col+"))", to.End().Format(isoDay))
	}
	return q
}

// scored is a matching row's ID, relevance and marked-up passage.
type scored struct {
	ID      string
	Score   float64
	Snippet string
}

// Search ranks the claims f selects by relevance to f.Query, and finds the
// best topics, sources and claimants for it. Claims are paged by f.Limit
// and f.Cursor.
func (s *Store) Search(ctx context.Context, f claims.ClaimFilter) (claims.SearchResult, error) {
	res := claims.SearchResult{
		Claims: claims.Page[claims.Hit[*claims.Claim]]{Items: []claims.Hit[*claims.Claim]{}},
		Topics: []claims.Hit[*claims.Topic]{}, Sources: []claims.Hit[*claims.Source]{}, Claimants: []claims.Hit[*claims.Claimant]{},
	}
	if err := s.checkSearch(f); err != nil {
		return res, err
	}
	cur, err := decodeSearchCursor(f.Cursor)
	if err != nil {
		return res, err
	}
	terms := fulltext.Parse(f.Query)
	if len(terms) == 0 {
		return res, nil
	}
	n := f.PageSize()
	// On SQLite the statements of a search are kept prepared (hotReader):
	// parsing and planning them again took about a twentieth of a
	// search's CPU. Their texts are few: the IN lists are padded.
	db := s.customPlans(s.hotReader(ctx))
	var hits []scored
	next := ""
	if s.dialect == dialectPostgres {
		hits, next, err = s.searchPostgres(db, f, terms, cur, n)
	} else {
		hits, next, err = s.searchSQLite(db, f, terms, cur, n)
	}
	if err != nil {
		return res, translate(err, "search claims")
	}
	res.Claims.Next = next
	var rows []claimRow
	if len(hits) > 0 {
		if rows, err = scanClaims(db.Table("claims").Where("id IN ?", padIDs(ids(hits))), ""); err != nil {
			return res, translate(err, "search claims")
		}
	}
	byID := make(map[string]*claimRow, len(rows))
	for i := range rows {
		byID[rows[i].Meta.ID] = &rows[i]
	}
	for _, h := range hits {
		r, ok := byID[h.ID]
		if !ok {
			continue // deleted since
		}
		c, err := r.domain()
		if err != nil {
			return res, translate(err, "search claims")
		}
		res.Claims.Items = append(res.Claims.Items, claims.Hit[*claims.Claim]{Item: c, Snippet: fulltext.Snippet(h.Snippet), Score: h.Score})
	}
	if f.Cursor != "" {
		return res, nil // the groups come with the first page
	}
	if res.Topics, err = searchOthers[topicRow, *claims.Topic](s, ctx, "topics", terms); err != nil {
		return res, err
	}
	if res.Sources, err = searchOthers[sourceRow, *claims.Source](s, ctx, "sources", terms); err != nil {
		return res, err
	}
	if res.Claimants, err = searchOthers[claimantRow, *claims.Claimant](s, ctx, "claimants", terms); err != nil {
		return res, err
	}
	return res, nil
}

// pgHeadline are ts_headline's options: the markers of package fulltext
// and a passage of about the length SQLite's snippet gives.
var pgHeadline = "StartSel=" + fulltext.Open + ", StopSel=" + fulltext.Close + ", MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=\" " + fulltext.Ellipsis + " \""

// withoutQuery returns f without its full-text query, which Search joins
// itself to rank by it.
func withoutQuery(f claims.ClaimFilter) claims.ClaimFilter {
	f.Query = ""
	return f
}

// checkSearch validates a search's filter: a query is required, a sort is
// not taken (results come by relevance).
func (s *Store) checkSearch(f claims.ClaimFilter) error {
	var p claims.Problems
	if fulltext.Parse(f.Query) == nil {
		if slices.Contains(strings.Fields(f.Query), fulltext.Or) {
			p.Add("q", `needs a word to search for: OR, in capitals, is the operator "either" (Shoigu OR Shoygu); type "OR" in quotes to search the word`)
		} else {
			p.Add("q", "needs a word to search for")
		}
	}
	if f.Sort != "" {
		p.Add("sort", "is not taken by a search: results come by relevance")
	}
	if f.Limit < 0 || f.Limit > claims.MaxLimit {
		p.Add("limit", "must be between 1 and %d", claims.MaxLimit)
	}
	if err := p.Err("search"); err != nil {
		return err
	}
	return f.CheckRanges()
}

// A search's cursor is the offset of its next page and the window of
// claims the page ranks: on SQLite rowids lo to hi, on PostgreSQL claim
// IDs from loID up to (not including) belowID.
const searchCursorPrefix = "search:"

type searchCursor struct {
	offset int
	lo, hi int64 // hi 0: no upper bound
	// On PostgreSQL; empty: no bound.
	loID, belowID string
}

func (c searchCursor) encode() string {
	s := searchCursorPrefix + strconv.Itoa(c.offset)
	switch {
	case c.loID != "" || c.belowID != "":
		s += ":id:" + url.QueryEscape(c.loID) + ":" + url.QueryEscape(c.belowID)
	case c.lo != 0 || c.hi != 0:
		s += ":" + strconv.FormatInt(c.lo, 10) + ":" + strconv.FormatInt(c.hi, 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeSearchCursor(s string) (searchCursor, error) {
	var c searchCursor
	if s == "" {
		return c, nil
	}
	bad := func() (searchCursor, error) {
		var p claims.Problems
		p.Add("cursor", "is not a cursor of this search: start again from the first page")
		return searchCursor{}, p.Err("search")
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	rest, ok := strings.CutPrefix(string(b), searchCursorPrefix)
	if err != nil || !ok {
		return bad()
	}
	parts := strings.Split(rest, ":")
	if len(parts) != 1 && len(parts) != 3 && (len(parts) != 4 || parts[1] != "id") {
		return bad()
	}
	if c.offset, err = strconv.Atoi(parts[0]); err != nil || c.offset < 0 {
		return bad()
	}
	if len(parts) == 4 {
		var err1, err2 error
		c.loID, err1 = url.QueryUnescape(parts[2])
		c.belowID, err2 = url.QueryUnescape(parts[3])
		if err1 != nil || err2 != nil || (c.belowID != "" && c.loID >= c.belowID) {
			return bad()
		}
		return c, nil
	}
	if len(parts) == 3 {
		var err1, err2 error
		c.lo, err1 = strconv.ParseInt(parts[1], 10, 64)
		c.hi, err2 = strconv.ParseInt(parts[2], 10, 64)
		if err1 != nil || err2 != nil || c.lo < 0 || c.hi < 0 || (c.hi != 0 && c.hi < c.lo) {
			return bad()
		}
	}
	return c, nil
}

func ids(hits []scored) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// byIDs loads the rows of table with the given IDs, in no order.
func (s *Store) byIDs(db *gorm.DB, table string, ids []string, dest any) error {
	if len(ids) == 0 {
		return nil
	}
	return db.Table(table).Where("id IN ?", ids).Find(dest).Error
}

// searchOthers returns the best SearchGroupLimit rows of table (topics,
// sources or claimants) for the query's terms.
func searchOthers[R any, T any, PR interface {
	*R
	listRow[T]
}](s *Store, ctx context.Context, table string, terms []fulltext.Term) ([]claims.Hit[T], error) {
	db := s.customPlans(s.hotReader(ctx))
	var hits []scored
	var err error
	if s.dialect == dialectPostgres {
		q, args := pgGroupSQL(table, fulltext.TSQuery(terms))
		err = db.Raw(q, args...).Scan(&hits).Error
	} else {
		hits, err = s.searchGroups(db, table, terms)
	}
	if err != nil {
		return nil, translate(err, "search "+table)
	}
	var rows []R
	// Through the hot reader, the IN list padded (padIDs): one of a few
	// statement texts, kept prepared on SQLite.
	if err := s.byIDs(db, table, padIDs(ids(hits)), &rows); err != nil {
		return nil, translate(err, "search "+table)
	}
	byID := make(map[string]PR, len(rows))
	for i := range rows {
		byID[PR(&rows[i]).id()] = PR(&rows[i])
	}
	out := make([]claims.Hit[T], 0, len(hits))
	for _, h := range hits {
		r, ok := byID[h.ID]
		if !ok {
			continue
		}
		item, err := r.domain()
		if err != nil {
			return nil, translate(err, "search "+table)
		}
		out = append(out, claims.Hit[T]{Item: item, Snippet: fulltext.Snippet(h.Snippet), Score: h.Score})
	}
	return out, nil
}

// pgGroupSQL returns the statement, and its parameters, that ranks the
// rows of table (topics, sources or claimants) for tq, a to_tsquery query,
// on PostgreSQL: it finds and ranks them by their stored tsvector (step
// 18), and makes the passages of the best only.
func pgGroupSQL(table, tq string) (string, []any) {
	return `SELECT id, ts_rank_cd(` + pgSearchDoc + `, ` + pgQuery + `) AS score, ts_headline('russian', ` + pgTextExprs[table] + `, ` + pgQuery + `, ?) AS snippet
		FROM ` + table + ` WHERE ` + pgSearchDoc + ` @@ ` + pgQuery + ` ORDER BY score DESC, id LIMIT ?`,
		[]any{tq, tq, tq, tq, pgHeadline, tq, tq, claims.SearchGroupLimit}
}

// searchGroupsBytes bounds the ranked groups Store.groups keeps, about a
// thousand queries' worth.
const searchGroupsBytes = 2 << 20

// searchGroups returns searchOthersSQLite's ranking of table's rows for
// terms, kept in s.groups under the version of table's FTS5 index: its
// structure record (rowid 10 of the index's data table), which FTS5
// writes again, with a counter of the leaves it has written that only
// grows, whenever a transaction that changed the table commits (its
// pending rows are written as a new segment then) or its segments are
// merged; a row changes its index through the triggers. The version is
// read from the database, so the writes of other processes and replicas
// change it as this one's do. The ranking reads only the index, its
// docsize table and the rows' IDs, which the version covers; the rows
// themselves are read afresh by the caller. Not within a transaction,
// whose own pending writes the committed structure does not show, nor
// with FTS5's secure-delete, which edits segments in place. Ranking
// every claimant holding a common word (2,000 at a million claims) was
// about a third of a search's CPU.
func (s *Store) searchGroups(db *gorm.DB, table string, terms []fulltext.Term) ([]scored, error) {
	if s.groups == nil || s.inTx {
		return searchOthersSQLite(db, table, terms)
	}
	key := table + "\x00" + fulltext.FTS5(terms)
	version, err := ftsVersion(db, table+"_fts")
	if err != nil || version == "" {
		return searchOthersSQLite(db, table, terms)
	}
	if hits, ok := s.groups.Get(key, version); ok {
		return hits, nil
	}
	hits, err := searchOthersSQLite(db, table, terms)
	if err != nil {
		return nil, err
	}
	// Kept only if no write changed the index while it was ranked.
	if again, err := ftsVersion(db, table+"_fts"); err == nil && again == version {
		n := len(key) + len(version) + 64
		for _, h := range hits {
			n += len(h.ID) + len(h.Snippet) + 48
		}
		s.groups.Put(key, version, hits, n)
	}
	return hits, nil
}

// SearchVersion returns a key that changes whenever anything the first
// page of a search may show has changed: DataVersion (claims, their
// summaries and conflicts, topics' rows, the names of claimants and
// sources) with, on SQLite, the FTS5 versions of topics, sources and
// claimants (see searchGroups), which also change when one of those is
// created or deleted, which no topic's version counts. On PostgreSQL it
// is the server's snapshot (see snapshotWatch), which every commit
// changes: nothing there counts the topics, sources and claimants
// created or deleted. Within a transaction, and with FTS5's
// secure-delete, it is "": not known.
func (s *Store) SearchVersion(ctx context.Context) (string, error) {
	if s.inTx {
		return "", nil
	}
	if s.dialect == dialectPostgres {
		snap, err := currentSnapshot(s.db.WithContext(ctx))
		if err != nil {
			return "", translate(err, "read search version")
		}
		return "snapshot " + snap, nil
	}
	// Read on the commit watch's connection only when a commit has been
	// made since it was last read: a cached search then takes no
	// connection of the pool.
	v, err := s.watched(ctx, "search", searchVersion)
	if err != nil {
		return "", translate(err, "read search version")
	}
	return v, nil
}

// searchVersion reads SearchVersion on db (SQLite).
func searchVersion(db *gorm.DB) (string, error) {
	// One statement, not DataVersion's and then ftsVersion's: both from
	// one snapshot.
	v, fv, err := ftsVersionWith(db, sqliteDataVersion, "topics_fts", "sources_fts", "claimants_fts")
	if err != nil || fv == "" {
		return "", err
	}
	h := fnv.New64a()
	h.Write([]byte(fv))
	return strconv.FormatInt(v, 10) + "." + strconv.FormatUint(h.Sum64(), 36), nil
}

// ftsVersion returns the structure records of the FTS5 tables fts, each
// after its length, read by one statement, or "" when one has none or
// FTS5's secure-delete is set.
func ftsVersion(db *gorm.DB, fts ...string) (string, error) {
	_, v, err := ftsVersionWith(db, "SELECT 0", fts...)
	return v, err
}

// ftsVersionWith is ftsVersion, also returning the integer the query with
// selects, read by the same statement.
func ftsVersionWith(db *gorm.DB, with string, fts ...string) (int64, string, error) {
	sel := make([]string, len(fts))
	for i, t := range fts {
		sel[i] = `SELECT (` + with + `) AS with_value, (SELECT block FROM ` + t + `_data WHERE id = 10) AS structure,
			(SELECT v FROM ` + t + `_config WHERE k = 'secure-delete') AS secure_delete`
	}
	var v []struct {
		WithValue    int64
		Structure    []byte
		SecureDelete sql.NullString
	}
	if err := db.Raw(strings.Join(sel, " UNION ALL ")).Scan(&v).Error; err != nil || len(v) != len(fts) {
		return 0, "", err
	}
	var b strings.Builder
	for _, r := range v {
		if r.Structure == nil || (r.SecureDelete.Valid && r.SecureDelete.String != "0") {
			return v[0].WithValue, "", nil
		}
		b.WriteString(strconv.Itoa(len(r.Structure)) + ":")
		b.Write(r.Structure)
	}
	return v[0].WithValue, b.String(), nil
}

// searchOthersSQLite ranks the rows of table's FTS5 mirror matching terms
// by bm25, then makes the passages of the best SearchGroupLimit only: a
// statement that selected snippet() with the score would make one for
// every match before sorting them (for a surname that 20,000 claimants
// share, most of a search's time). Both run on db, a hot reader's
// session.
func searchOthersSQLite(db *gorm.DB, table string, terms []fulltext.Term) ([]scored, error) {
	fts, match := table+"_fts", fulltext.FTS5(terms)
	var ranked []struct {
		RowID int64
		ID    string
		Score float64
	}
	// bm25 (unweighted), as claimdesk_bm25 computes it from the IDFs it
	// counts whole (NULL) and each row's sizes read from FTS5's docsize
	// table by this statement rather than by FTS5, which runs a statement
	// of its own a row.
	weights := strings.Repeat("1.0, ", len(ftsColumns(table)))
	err := db.Raw(`SELECT `+fts+`.rowid AS row_id, t.id AS id, -claimdesk_bm25(`+fts+`, `+weights+`NULL, d.sz) AS score
		FROM `+fts+` CROSS JOIN `+fts+`_docsize d ON d.id = `+fts+`.rowid JOIN `+table+` t ON t.rowid = `+fts+`.rowid
		WHERE `+fts+` MATCH ? ORDER BY score DESC, t.id LIMIT ?`,
		match, claims.SearchGroupLimit).Scan(&ranked).Error
	if err != nil || len(ranked) == 0 {
		return nil, err
	}
	rowIDs := make([]int64, len(ranked))
	for i, r := range ranked {
		rowIDs[i] = r.RowID
	}
	byRow, err := passages(db, fts, match, rowIDs, false, 16, []int{-1})
	if err != nil {
		return nil, err
	}
	hits := make([]scored, len(ranked))
	for i, r := range ranked {
		hits[i] = scored{ID: r.ID, Score: r.Score, Snippet: byRow[r.RowID]}
	}
	return hits, nil
}

// passages returns the marked-up passages of the rows of fts (rowids)
// that match: stages are the columns of one statement each, run in turn,
// each for the rows none of whose passages so far marks a match, and a
// row takes the first passage that does, in the order of the stages and
// of their columns, or else its first stage's first column's. FTS5 makes
// a passage by tokenizing its column again, so the columns that usually
// match come first: a claim's quote, then its original, notes and
// quantity only for the claims whose quote does not match. A passage
// holds at most tokens words; column -1 lets FTS5 choose the column. few
// says that few rows match between the rows (see snippetRows). The rows'
// IN list is padded (padIDs), so that db, a hot reader's session, keeps
// the statements prepared: a few texts a table, not one a page's length.
func passages(db *gorm.DB, fts, match string, rows []int64, few bool, tokens int, stages ...[]int) (map[int64]string, error) {
	out := make(map[int64]string, len(rows))
	todo := rows
	for i, cols := range stages {
		if len(todo) == 0 {
			break
		}
		sel := make([]string, len(cols))
		for j, col := range cols {
			sel[j] = "snippet(" + fts + ", " + strconv.Itoa(col) + ", @o, @c, @e, @n)"
		}
		where, lo, hi := snippetRows(todo, few)
		q, err := db.Raw(`SELECT rowid, `+strings.Join(sel, ", ")+` FROM `+fts+` WHERE `+fts+` MATCH @m AND `+where,
			sql.Named("o", fulltext.Open), sql.Named("c", fulltext.Close), sql.Named("e", fulltext.Ellipsis), sql.Named("n", tokens),
			sql.Named("m", match), sql.Named("ids", padIDs(todo)), sql.Named("lo", lo), sql.Named("hi", hi)).Rows()
		if err != nil {
			return nil, err
		}
		var rest []int64
		snips := make([]string, len(cols))
		dest := make([]any, 1+len(cols))
		var rowID int64
		dest[0] = &rowID
		for j := range snips {
			dest[1+j] = &snips[j]
		}
		for q.Next() {
			if err := q.Scan(dest...); err != nil {
				q.Close()
				return nil, err
			}
			if i == 0 {
				out[rowID] = snips[0]
			}
			found := false
			for _, snip := range snips {
				if strings.Contains(snip, fulltext.Open) {
					out[rowID], found = snip, true
					break
				}
			}
			if !found {
				rest = append(rest, rowID)
			}
		}
		err = q.Err()
		q.Close()
		if err != nil {
			return nil, err
		}
		todo = rest
	}
	return out, nil
}

// RebuildSearch fills the full-text index again from the stored rows. The
// triggers keep it in sync; a SQLite VACUUM, which may renumber rowids,
// needs it.
func (s *Store) RebuildSearch(ctx context.Context) error {
	return s.write(ctx, nil, func(tx *gorm.DB) error {
		if s.dialect == dialectPostgres {
			return translate(tx.Exec(`UPDATE claim_search s SET doc = claimdesk_claim_doc(c) FROM claims c WHERE s.claim_id = c.id`).Error, "rebuild search")
		}
		return translate(execAll(tx, s.dialect, sqliteSearchFill()...), "rebuild search")
	})
}

// searchWindow is how many of the newest matching claims a search ranks
// at once (searchPostgres: ts_rank_cd). Ranking costs FTS5 a bm25 score a match, so a word
// that most claims hold ("official" in a million claims) would cost
// seconds to rank in full; instead the newest searchWindow matches (by
// rowid, which is the order claims were stored in) are ranked and paged
// through, then the next searchWindow older ones, and so on. A query
// matching fewer claims is ranked whole. Tests lower it.
var searchWindow = 2000

// fewRows reports whether some term of the query is held by fewer than
// searchWindow rows, given how many rows hold each FTS5 phrase (rows, in
// the order fulltext.FTS5 writes them: a term, then its alternatives; -1
// for a count that reached its cap). A term with alternatives is held by
// at most the sum of its alternatives' rows: one alternative that no row
// holds (a spelling of the Latin fallback) does not make the query rare.
func fewRows(terms []fulltext.Term, rows []string) bool {
	i := 0
	for _, t := range terms {
		sum, known := int64(0), true
		for range 1 + len(t.Or) {
			n := int64(-1)
			if i < len(rows) {
				if v, err := strconv.ParseInt(rows[i], 10, 64); err == nil {
					n = v
				}
			}
			i++
			if n < 0 {
				known = false
			}
			sum += n
		}
		if known && sum < int64(searchWindow) {
			return true
		}
	}
	return false
}

// searchSQLite returns page n of the claims matching terms and f's
// filters, from the window of rowids cur names (or, at offset 0, the
// window starting at cur.hi), best first, and the cursor of the next page.
func (s *Store) searchSQLite(db *gorm.DB, f claims.ClaimFilter, terms []fulltext.Term, cur searchCursor, n int) ([]scored, string, error) {
	// Within a topic, the topic's key is one more phrase of the query
	// (see claimDocSQLite).
	match := claimsMatch(terms, f.TopicID)
	filters := withoutQuery(f)
	// matches are the claims_fts rows matching the query and passing the
	// filters, at most hi.
	matches := func(hi int64) *gorm.DB {
		q := s.filterFTS(db.Table("claims_fts"), filters)
		q = q.Where("claims_fts MATCH ?", match)
		if hi != 0 {
			q = q.Where("claims_fts.rowid <= ?", hi)
		}
		return q
	}
	// A first page finds its window and ranks it in one statement (one
	// walk of the matches instead of two): the newest searchWindow
	// matches at most hi, whose count and lowest rowid come with every
	// ranked row. Later pages rank the window their cursor names.
	first := cur.offset == 0
	if first {
		cur.lo = 0
	}

	// The window's matches ranked by bm25 (FTS5 scores lower as better),
	// the quote weighing most, then the names, original and quantity.
	// Ties are broken by claim ID, which is in the claims table: rather
	// than read the row of every match for its ID (a third of the
	// ranking's time for a window of a common word), only the matches
	// scoring at least the page's last one (the (offset+n+1)-th best
	// score) are joined to their rows and ordered.
	scores := s.filterFTS(db.Table("claims_fts"), filters)
	scores = scores.Where("claims_fts MATCH ?", match)
	if cur.lo != 0 {
		scores = scores.Where("claims_fts.rowid >= ?", cur.lo)
	}
	if cur.hi != 0 {
		scores = scores.Where("claims_fts.rowid <= ?", cur.hi)
	}
	// The IDFs are counted once, by a statement of their own: a plan that
	// runs the FTS5 cursor once a claim (a topic's claims, driven by the
	// topic's index) would count them again for every claim, seconds for
	// a word most claims hold. They are the words' (counted over all
	// claims), and a topic's key weighs 0: its IDF is given as 0.
	// The same statement says how many rows hold each word (up to the
	// count's cap): when a word is held by fewer than searchWindow, so
	// are the query's matches, and the window is all of them, which FTS5
	// walks in rowid order, not newest first: walking back through a
	// list seeks through its doclist index backwards, entry by entry (a
	// name held by 574 of a million claims, with a word every claim
	// holds: most of the search's CPU).
	var counted []struct {
		IDF  string `gorm:"column:idf"`
		Rows string `gorm:"column:rows"`
	}
	if err := db.Raw(`SELECT claimdesk_idf(claims_fts) AS idf, claimdesk_idf(claims_fts, 'rows') AS rows FROM claims_fts WHERE claims_fts MATCH ? LIMIT 1`, fulltext.FTS5(terms)).Scan(&counted).Error; err != nil {
		return nil, "", err
	}
	if len(counted) == 0 {
		return nil, "", nil // nothing matches
	}
	idf := counted[0].IDF
	whole := fewRows(terms, strings.Fields(counted[0].Rows))
	if f.TopicID != "" {
		idf += " 0"
	}
	// topic_key weighs 0, so the row's length is its texts' alone. The
	// row's column sizes are joined from FTS5's docsize table, read by
	// this statement's cursor instead of a statement FTS5 runs for each
	// row (claimdesk_bm25).
	scores = scores.Joins("CROSS JOIN claims_fts_docsize ON claims_fts_docsize.id = claims_fts.rowid").
		Select(`claims_fts.rowid AS row_id, -claimdesk_bm25(claims_fts, 4.0, 2.0, 2.0, 1.0, 3.0, 0.0, ?, claims_fts_docsize.sz) AS score`, idf)
	if first && !whole {
		scores = scores.Order("claims_fts.rowid DESC").Limit(searchWindow)
	}
	var ranked []struct {
		RowID int64
		ID    string
		Score float64
		WinN  int
		Lo    int64
	}
	err := db.Raw(`WITH search_r AS MATERIALIZED (?)
		SELECT search_r.row_id AS row_id, claims.id AS id, search_r.score AS score,
			(SELECT COUNT(*) FROM search_r) AS win_n, (SELECT MIN(row_id) FROM search_r) AS lo
		FROM search_r JOIN claims ON claims.rowid = search_r.row_id
		WHERE search_r.score >= COALESCE((SELECT score FROM search_r ORDER BY score DESC LIMIT 1 OFFSET ?), -1e308)
		ORDER BY search_r.score DESC, claims.id LIMIT ? OFFSET ?`,
		scores, cur.offset+n, n+1, cur.offset).Scan(&ranked).Error
	if err != nil {
		return nil, "", err
	}
	if first && len(ranked) > 0 && ranked[0].WinN >= searchWindow {
		// A full window: older matches may follow it.
		cur.lo = ranked[0].Lo
	}
	next := ""
	switch {
	case len(ranked) > n:
		ranked = ranked[:n]
		next = searchCursor{offset: cur.offset + n, lo: cur.lo, hi: cur.hi}.encode()
	case cur.lo > 0:
		// The window is done; the older matches, if any, are the next.
		var older []int64
		if err := matches(cur.lo-1).Select("claims_fts.rowid").Limit(1).Pluck("claims_fts.rowid", &older).Error; err != nil {
			return nil, "", err
		}
		if len(older) > 0 {
			next = searchCursor{hi: cur.lo - 1}.encode()
		}
	}
	if len(ranked) == 0 {
		return nil, next, nil
	}

	// The passages of the page's claims only: the claim's own words, the
	// first of quote, original text, notes and quantity that matches; a
	// claim found by a name shows its quote.
	rowIDs := make([]int64, len(ranked))
	for i, r := range ranked {
		rowIDs[i] = r.RowID
	}
	// Within a topic, and no other filter, the rows between the page's
	// that match are the window's at most.
	few := f.TopicID != "" && filters == claims.ClaimFilter{TopicID: f.TopicID, ListOptions: f.ListOptions}
	byRow, err := passages(db, "claims_fts", match, rowIDs, few, 24, []int{0}, []int{2, 3, 1})
	if err != nil {
		return nil, "", err
	}
	hits := make([]scored, len(ranked))
	for i, r := range ranked {
		hits[i] = scored{ID: r.ID, Score: r.Score, Snippet: byRow[r.RowID]}
	}
	return hits, next, nil
}

// snippetRangeRows is how many rowids a page's claims may span, per claim,
// for snippetRows to have FTS5 walk the query's matches across the span
// rather than look each claim up.
const snippetRangeRows = 100

// snippetRows returns the condition (with its parameters @ids, @lo and
// @hi) selecting the claims_fts rows ids of a statement that also MATCHes
// the query. "rowid IN" alone makes FTS5 look each row up, setting up the
// query's lists again each time: for a prefix term ("offici"*, a stem)
// that holds most claims, about 0.1 ms a row at a million claims, 2 ms a
// page. When the rows lie close together, as the newest window's do,
// FTS5 is given their range instead ("+rowid IN" keeps the list out of
// FTS5's plan): it sets the lists up once and walks at most
// snippetRangeRows rowids a row. Rows spread wider are looked up one by
// one, unless few rows match between them (few): a search within a topic
// alone MATCHes the topic's key, so FTS5 walks the topic's matches in the
// range, which are the page's window's (at most searchWindow), however
// far apart the page's claims lie (a small topic's, across the table):
// at 300,000 claims, a whole search of a word every claim holds in a
// 55-claim topic took 3.05 ms of CPU against 3.48 looking them up, and
// in the largest topic (21,032 claims) 4.78 against 5.95 (medians of 4
// alternated rounds, BenchmarkSearchWithinTopic).
func snippetRows(ids []int64, few bool) (where string, lo, hi int64) {
	lo, hi = ids[0], ids[0]
	for _, id := range ids {
		lo, hi = min(lo, id), max(hi, id)
	}
	if !few && hi-lo >= snippetRangeRows*int64(len(ids)) {
		return "rowid IN @ids", lo, hi
	}
	return "+rowid IN @ids AND rowid BETWEEN @lo AND @hi", lo, hi
}

// searchPostgres is searchSQLite's windowed ranking on PostgreSQL, the
// window being of claim IDs (ULIDs, so in the order claims were made): it
// ranks the newest searchWindow matches below cur.belowID by ts_rank_cd,
// pages through them, then the next older window, so a word most claims
// hold costs searchWindow scores a page instead of one a match.
func (s *Store) searchPostgres(db *gorm.DB, f claims.ClaimFilter, terms []fulltext.Term, cur searchCursor, n int) ([]scored, string, error) {
	tq := fulltext.TSQuery(terms)
	filters := withoutQuery(f)
	// A filter by topic alone reads no claims: claim_search has the
	// claim's topic_id (step 15), and an index of it with claim_id, so
	// that a window of a topic's matches walks the topic's rows by ID.
	filtered := hasClaimFilters(filters) && filters != claims.ClaimFilter{TopicID: f.TopicID, ListOptions: f.ListOptions}
	// matches are the claim_search rows matching the query and passing
	// the filters, in [lo, below).
	matches := func(lo, below string) *gorm.DB {
		q := db.Table("claim_search")
		if filtered {
			q = s.whereClaims(q.Joins("JOIN claims ON claims.id = claim_search.claim_id"), filters)
		}
		if f.TopicID != "" {
			q = q.Where("claim_search.topic_id = ?", f.TopicID)
			if lo != "" {
				// The window's lower bound as a row of the topic's
				// index, which the primary key cannot serve: the
				// planner walked the primary key from lo instead, over
				// every topic's claims (20 ms against 9 ms for the
				// largest topic's window at 150,000 claims).
				q = q.Where("(claim_search.topic_id, claim_search.claim_id) >= (?, ?)", f.TopicID, lo)
				lo = ""
			}
		}
		return matchesQuery(q, tq, lo, below)
	}
	if cur.offset == 0 {
		// The window's lower bound: the searchWindow-th newest match, or
		// none when fewer match. Within a topic, the newest matches are
		// found by walking the topic's index (topic_id, claim_id)
		// downwards: the planner, pricing each of the topic's rows as a
		// random read of the table, otherwise walked the primary key
		// downwards over every topic's rows (26,648 of them for the
		// 2,000 newest of the largest topic at 150,000 claims: 54 ms
		// against 4 ms). The topic is given as a range of one value and
		// the order by the index's two columns, which only that index
		// yields without a sort; an equality would make the topic_id
		// of the order a constant, and the primary key's order the same.
		q := db.Table("claim_search")
		order := "claim_search.claim_id DESC"
		if filtered {
			q = s.whereClaims(q.Joins("JOIN claims ON claims.id = claim_search.claim_id"), filters)
		}
		if f.TopicID != "" {
			q = q.Where("claim_search.topic_id >= ? AND claim_search.topic_id <= ?", f.TopicID, f.TopicID)
			order = "claim_search.topic_id DESC, claim_search.claim_id DESC"
		}
		var lo []string
		err := matchesQuery(q, tq, "", cur.belowID).Select("claim_search.claim_id").Order(order).
			Limit(1).Offset(searchWindow-1).Pluck("claim_search.claim_id", &lo).Error
		if err != nil {
			return nil, "", err
		}
		cur.loID = ""
		if len(lo) > 0 {
			cur.loID = lo[0]
		}
	}
	q := matches(cur.loID, cur.belowID).
		Select("claim_search.claim_id AS id, ts_rank_cd(claim_search.doc, "+pgQuery+") AS score", tq, tq).
		Order("score DESC, claim_search.claim_id").Limit(n + 1).Offset(cur.offset)
	var hits []scored
	err := db.Raw(`SELECT m.id, m.score, ts_headline('russian', concat_ws(' … ', NULLIF(c.quote, ''), NULLIF(c.original_text, ''), NULLIF(c.notes, '')), `+pgQuery+`, ?) AS snippet
		FROM (?) m JOIN claims c ON c.id = m.id ORDER BY m.score DESC, m.id`, tq, tq, pgHeadline, q).Scan(&hits).Error
	if err != nil {
		return nil, "", err
	}
	next := ""
	switch {
	case len(hits) > n:
		hits = hits[:n]
		next = searchCursor{offset: cur.offset + n, loID: cur.loID, belowID: cur.belowID}.encode()
	case cur.loID != "":
		// The window is done; the older matches, if any, are the next.
		var older []string
		if err := matches("", cur.loID).Select("claim_search.claim_id").Limit(1).Pluck("claim_search.claim_id", &older).Error; err != nil {
			return nil, "", err
		}
		if len(older) > 0 {
			next = searchCursor{belowID: cur.loID}.encode()
		}
	}
	return hits, next, nil
}

// matchesQuery adds to q, a query of claim_search, the full-text query
// tq and the claim IDs' range [lo, below) (either end open when "").
func matchesQuery(q *gorm.DB, tq, lo, below string) *gorm.DB {
	q = q.Where("claim_search.doc @@ "+pgQuery, tq, tq)
	if lo != "" {
		q = q.Where("claim_search.claim_id >= ?", lo)
	}
	if below != "" {
		q = q.Where("claim_search.claim_id < ?", below)
	}
	return q
}

// filterFTS keeps the rows of q, a query of claims_fts, whose claims pass
// f's filters (f without a full-text query). The claims_fts rows are read
// first, in rowid order, newest first, as the windows need: a join that
// SQLite would drive from the claims (a topic's, by its index) runs the
// FTS5 query again for each claim. A filter by topic alone reads no
// claims at all: the topic's key in the query's MATCH (claimsMatch)
// selects its rows, FTS5 intersecting the key's list with the words'.
func (s *Store) filterFTS(q *gorm.DB, f claims.ClaimFilter) *gorm.DB {
	if !hasClaimFilters(f) || (f == claims.ClaimFilter{TopicID: f.TopicID, ListOptions: f.ListOptions}) {
		return q
	}
	return s.whereClaims(q.Joins("CROSS JOIN claims ON claims.rowid = claims_fts.rowid"), f)
}

// hasClaimFilters reports whether f selects fewer than all claims.
func hasClaimFilters(f claims.ClaimFilter) bool {
	f.ListOptions = claims.ListOptions{}
	return f != claims.ClaimFilter{}
}
