package gormstore

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref"
)

var _ xref.Store = (*Store)(nil)

// How the cross-referencing is kept current
//
// Every write that changes what a topic's comparison says marks the topic
// dirty in the transaction's dirty set (touch). Just before the outermost
// transaction commits, write recomputes each dirty topic once with
// xref.Recompute, so an Atomically import of a million claims recomputes
// each topic once, not once per claim. A topic whose claims changed also
// dirties its parent (sums of parts) and its children (parts above the
// whole). On PostgreSQL the writes of one topic are serialised with a
// transaction-scoped advisory lock taken before the write's first row lock
// (see write.go for the lock order), so the last writer to commit always
// sees every claim committed before it.

// dirtySet collects the topics a transaction changed.
type dirtySet struct {
	mu     sync.Mutex
	topics map[string]bool // recompute these
	expand map[string]bool // and their parents and children
	held   map[string]bool // topics whose advisory lock the transaction holds
}

// hold records that the transaction holds the advisory lock of a topic.
func (d *dirtySet) hold(id string) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.held == nil {
		d.held = map[string]bool{}
	}
	d.held[id] = true
}

// notHeld returns those of ids whose advisory lock the transaction does
// not hold.
func (d *dirtySet) notHeld(ids []string) []string {
	if d == nil {
		return slices.Clone(ids)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, id := range ids {
		if !d.held[id] {
			out = append(out, id)
		}
	}
	return out
}

type dirtyKey struct{}

func withDirty(ctx context.Context, d *dirtySet) context.Context {
	return context.WithValue(ctx, dirtyKey{}, d)
}

func dirtyOf(tx *gorm.DB) *dirtySet {
	d, _ := tx.Statement.Context.Value(dirtyKey{}).(*dirtySet)
	return d
}

func (d *dirtySet) add(expand bool, ids ...string) {
	if d == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.topics == nil {
		d.topics, d.expand = map[string]bool{}, map[string]bool{}
	}
	for _, id := range ids {
		if id == "" {
			continue
		}
		d.topics[id] = true
		if expand {
			d.expand[id] = true
		}
	}
}

// A phase says when touch is called: the record's state before a write
// decides which topics lose something, the state after which gain.
type phase int

const (
	afterCreate phase = iota
	beforeUpdate
	afterUpdate
	beforeDelete
)

// touch marks the topics a write of the record id of table affects.
func touch(tx *gorm.DB, table, id string, when phase) error {
	d := dirtyOf(tx)
	if d == nil {
		return nil
	}
	switch table {
	case "claims":
		var topics []string
		if err := tx.Table("claims").Where("id = ?", id).Pluck("topic_id", &topics).Error; err != nil {
			return err
		}
		d.add(true, topics...)
	case "links", "reviews":
		a, b := "from_id", "to_id"
		if table == "reviews" {
			a, b = "claim_a", "claim_b"
		}
		var topics []string
		err := tx.Table("claims").
			Where("id IN (SELECT "+a+" FROM "+table+" WHERE id = ?) OR id IN (SELECT "+b+" FROM "+table+" WHERE id = ?)", id, id).
			Distinct().Pluck("topic_id", &topics).Error
		if err != nil {
			return err
		}
		// A review changes only the status of its topic's conflicts.
		d.add(table == "links", topics...)
	case "topics":
		switch when {
		case afterCreate:
			d.add(false, id)
		case beforeUpdate:
			var parents []string
			if err := tx.Table("topics").Where("id = ? AND parent_id IS NOT NULL", id).Pluck("parent_id", &parents).Error; err != nil {
				return err
			}
			d.add(false, parents...)
			d.add(true, id)
		case afterUpdate:
			d.add(true, id)
		}
	}
	return nil
}

// xrefLockClass is the first key of the PostgreSQL advisory locks that
// serialise the recomputes of one topic ("xref" in ASCII).
const xrefLockClass = 0x78726566

// closure returns the topics to recompute: every topic d names, and the
// parents and children of those it expands, sorted by ID.
func (d *dirtySet) closure(tx *gorm.DB) ([]string, error) {
	if d == nil || len(d.topics) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, len(d.topics))
	for id := range d.topics {
		ids = append(ids, id)
	}
	var exp []string
	for id := range d.expand {
		exp = append(exp, id)
	}
	more, err := topicClosure(tx, exp)
	if err != nil {
		return nil, err
	}
	ids = append(ids, more...)
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// recomputeTopics recomputes the given topics, sorted by ID; those that
// no longer exist are skipped. On PostgreSQL it first takes the advisory
// locks of those the transaction of d does not hold yet, in ID order (see
// write.go for the lock order).
func recomputeTopics(tx *gorm.DB, dia dialect, d *dirtySet, ids []string) error {
	return recomputeTopicsSpilled(tx, dia, d, ids, nil)
}

// recomputeTopicsSpilled is recomputeTopics reading from sp, the spill of
// a bulk import (nil for none), the topics whose claims it holds all.
func recomputeTopicsSpilled(tx *gorm.DB, dia dialect, d *dirtySet, ids []string, sp *spill) error {
	if len(ids) == 0 {
		return nil
	}
	if dia == dialectPostgres {
		if err := lockTopics(tx, d, ids); err != nil {
			return err
		}
	}
	g, err := loadGazetteer(tx)
	if err != nil {
		return err
	}
	r := newRecomputer(tx, dia, g)
	r.spill = sp
	return r.run(ids)
}

// claimSummaryRow is one row of claim_summaries. It is comparable, so
// that a recompute rewrites only the rows that changed.
type claimSummaryRow struct {
	ClaimID           string `gorm:"primaryKey"`
	TopicID           string
	ConflictCount     int
	PartWholeCount    int
	WorstSeverity     float64
	WorstAgainst      string
	WorstRelation     string
	WorstExplanation  string
	GroupIndex        int
	SupersededBy      string
	IndependentOrigin string
	Active            bool
	UnknownPlaces     string
	FlowFell          bool
}

func (claimSummaryRow) TableName() string { return "claim_summaries" }

func toClaimSummaryRow(s xref.ClaimSummary) claimSummaryRow {
	unknown := ""
	if len(s.UnknownPlaces) > 0 {
		unknown, _ = toJSON(s.UnknownPlaces)
	}
	return claimSummaryRow{
		ClaimID: s.ClaimID, TopicID: s.TopicID, ConflictCount: s.ConflictCount,
		PartWholeCount: s.PartWholeCount, WorstSeverity: s.WorstSeverity, WorstAgainst: s.WorstAgainst,
		WorstRelation: string(s.WorstRelation), WorstExplanation: s.WorstExplanation, GroupIndex: s.Group,
		SupersededBy: s.SupersededBy, IndependentOrigin: s.IndependentOrigin, Active: s.Active,
		UnknownPlaces: unknown, FlowFell: s.FlowFell,
	}
}

func (r *claimSummaryRow) domain() (xref.ClaimSummary, error) {
	s := xref.ClaimSummary{
		ClaimID: r.ClaimID, TopicID: r.TopicID, ConflictCount: r.ConflictCount,
		PartWholeCount: r.PartWholeCount, WorstSeverity: r.WorstSeverity, WorstAgainst: r.WorstAgainst,
		WorstRelation: xref.Kind(r.WorstRelation), WorstExplanation: r.WorstExplanation, Group: r.GroupIndex,
		SupersededBy: r.SupersededBy, IndependentOrigin: r.IndependentOrigin, Active: r.Active,
		FlowFell: r.FlowFell,
	}
	if r.UnknownPlaces != "" {
		if err := fromJSON(r.UnknownPlaces, "unknown places", &s.UnknownPlaces); err != nil {
			return s, err
		}
	}
	return s, nil
}

// topicSummaryRow is one row of topic_summaries: the counts the topic list
// sorts and filters on as columns, the rest as JSON.
type topicSummaryRow struct {
	TopicID            string `gorm:"primaryKey"`
	ClaimCount         int
	ActiveCount        int
	ConflictCount      int
	ConflictPairs      int64
	NotableConflicts   int
	OpenConflicts      int
	Spread             float64
	IndependentOrigins int
	FlowFalls          int
	UnknownCount       int
	Summary            string
	Series             string
	SumOfParts         string
	ComputedAt         time.Time `gorm:"autoCreateTime:false;autoUpdateTime:false"`
}

func (topicSummaryRow) TableName() string { return "topic_summaries" }

func (r *topicSummaryRow) summary() (xref.TopicSummary, error) {
	var s xref.TopicSummary
	err := fromJSON(r.Summary, "topic summary", &s)
	return s, err
}

// topicConflictRow is one of a topic's notable conflicts.
type topicConflictRow struct {
	TopicID     string `gorm:"primaryKey"`
	ClaimA      string `gorm:"primaryKey"`
	ClaimB      string `gorm:"primaryKey"`
	Kind        string
	Severity    float64
	Explanation string
	Manual      bool
	Status      string
	Resolution  string
	Priority    float64
}

func (topicConflictRow) TableName() string { return "topic_conflicts" }

func (r *topicConflictRow) domain() xref.Conflict {
	return xref.Conflict{
		TopicID: r.TopicID, ClaimA: r.ClaimA, ClaimB: r.ClaimB, Kind: xref.Kind(r.Kind),
		Severity: r.Severity, Priority: r.Priority, Explanation: r.Explanation, Manual: r.Manual,
		Status: claims.ReviewStatus(r.Status), Resolution: r.Resolution,
	}
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// TopicResult returns the stored result of the topic's last recompute,
// without the claims' summaries (see ClaimSummaries).
func (s *Store) TopicResult(ctx context.Context, topicID string) (*xref.TopicResult, error) {
	return s.TopicResultPart(ctx, topicID, xref.ResultPart{})
}

// TopicResultPart is TopicResult with at most part.Conflicts conflicts,
// read so by the database, and only the series part.SeriesOf names. The
// largest topic of a million claims has 83,051 conflicts and 16,767
// series (11 MB of JSON): reading them all for a page of its comparison
// took two thirds of the page's time (issue 14).
func (s *Store) TopicResultPart(ctx context.Context, topicID string, part xref.ResultPart) (*xref.TopicResult, error) {
	most := part.Conflicts
	var r topicSummaryRow
	err := s.db.WithContext(ctx).Where("topic_id = ?", topicID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, claims.NotFound("topic", topicID)
	}
	if err != nil {
		return nil, translate(err, "read topic result")
	}
	res := &xref.TopicResult{Claims: []xref.ClaimSummary{}}
	if res.Topic, err = r.summary(); err != nil {
		return nil, translate(err, "read topic result")
	}
	if part.SeriesOf == nil {
		err = fromJSON(r.Series, "series", &res.Series)
	} else {
		res.Series, err = seriesOf(r.Series, part.SeriesOf)
	}
	if err != nil {
		return nil, translate(err, "read topic result")
	}
	if err := fromJSON(r.SumOfParts, "sum of parts", &res.SumOfParts); err != nil {
		return nil, translate(err, "read topic result")
	}
	var conf []topicConflictRow
	q := s.db.WithContext(ctx).Where("topic_id = ?", topicID).
		Order("priority DESC, severity DESC, claim_a, claim_b")
	if most > 0 {
		q = q.Limit(most)
	}
	err = q.Find(&conf).Error
	if err != nil {
		return nil, translate(err, "read topic result")
	}
	res.Conflicts = make([]xref.Conflict, len(conf))
	for i := range conf {
		res.Conflicts[i] = conf[i].domain()
	}
	return res, nil
}

// DefaultComparisonLimit is the page of claim summaries ClaimSummaries
// returns when the options set no limit.
const DefaultComparisonLimit = 1000

// ClaimSummaries returns a page of the stored summaries of the topic's
// claims, ordered by claim ID, or with o.Sort xref.SortWorstFirst the
// claims in conflict first, the most severe first.
func (s *Store) ClaimSummaries(ctx context.Context, topicID string, o claims.ListOptions) (claims.Page[xref.ClaimSummary], error) {
	page := claims.Page[xref.ClaimSummary]{Items: []xref.ClaimSummary{}}
	if err := checkLimit(o.Limit, xref.MaxComparisonLimit); err != nil {
		return page, err
	}
	n := o.Limit
	if n == 0 {
		n = DefaultComparisonLimit
	}
	q := s.db.WithContext(ctx).Where("topic_id = ?", topicID)
	// worst: the claims in conflict first, the most severe first, then
	// the others, each by claim ID; its cursor holds both keys.
	worst := false
	switch o.Sort {
	case "", "claim_id":
	case xref.SortWorstFirst:
		worst = true
	default:
		var p claims.Problems
		p.Add("order", "must be claim_id or %s", xref.SortWorstFirst)
		return page, p.Err("comparison")
	}
	type worstKey struct {
		S  float64 `json:"s"`
		ID string  `json:"id"`
	}
	if o.Cursor != "" && worst {
		var after worstKey
		if err := decodeIDCursor(o.Cursor, "claim_summaries_worst", &after); err != nil {
			return page, err
		}
		// After (S, ID): severity below S, or S and a later claim. The
		// bound worst_severity <= S, which the OR implies, lets
		// PostgreSQL start its walk of claim_summaries_worst at S
		// rather than at the topic's first claim.
		q = q.Where("worst_severity <= ? AND (worst_severity < ? OR claim_id > ?)", after.S, after.S, after.ID)
	} else if o.Cursor != "" {
		var after string
		if err := decodeIDCursor(o.Cursor, "claim_summaries", &after); err != nil {
			return page, err
		}
		q = q.Where("claim_id > ?", after)
	}
	order := "claim_id"
	if worst {
		order = "worst_severity DESC, claim_id"
	}
	var rows []claimSummaryRow
	if err := q.Order(order).Limit(n + 1).Find(&rows).Error; err != nil {
		return page, translate(err, "list claim summaries")
	}
	if len(rows) > n {
		rows = rows[:n]
		if worst {
			page.Next = encodeIDCursor("claim_summaries_worst", worstKey{rows[n-1].WorstSeverity, rows[n-1].ClaimID})
		} else {
			page.Next = encodeIDCursor("claim_summaries", rows[n-1].ClaimID)
		}
	}
	for i := range rows {
		cs, err := rows[i].domain()
		if err != nil {
			return page, translate(err, "list claim summaries")
		}
		page.Items = append(page.Items, cs)
	}
	return page, nil
}

func checkLimit(limit, most int) error {
	if limit < 0 || limit > most {
		var p claims.Problems
		p.Add("limit", "must be between 1 and %d", most)
		return p.Err("listing")
	}
	return nil
}

func encodeIDCursor(listing string, v any) string {
	b, _ := json.Marshal(map[string]any{"l": listing, "v": v})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeIDCursor(s, listing string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return badCursor()
	}
	var c struct {
		L string          `json:"l"`
		V json.RawMessage `json:"v"`
	}
	if json.Unmarshal(b, &c) != nil || c.L != listing || json.Unmarshal(c.V, v) != nil {
		return badCursor()
	}
	return nil
}

// TopicSummaries returns the stored summaries of the given topics.
func (s *Store) TopicSummaries(ctx context.Context, topicIDs []string) (map[string]xref.TopicSummary, error) {
	out := make(map[string]xref.TopicSummary, len(topicIDs))
	for chunk := range slices.Chunk(topicIDs, 500) {
		var rows []topicSummaryRow
		if err := s.db.WithContext(ctx).Select("topic_id, summary").Where("topic_id IN ?", chunk).Find(&rows).Error; err != nil {
			return nil, translate(err, "read topic summaries")
		}
		for i := range rows {
			sum, err := rows[i].summary()
			if err != nil {
				return nil, translate(err, "read topic summaries")
			}
			out[rows[i].TopicID] = sum
		}
	}
	return out, nil
}

// findByID reads the rows of table with the given IDs, in chunks.
func findByID[R any, T any, PR interface {
	*R
	listRow[T]
}](s *Store, ctx context.Context, table string, ids []string) ([]T, error) {
	out := make([]T, 0, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		var rows []R
		var err error
		q := s.db.WithContext(ctx).Table(table).Where("id IN ?", chunk)
		if cr, ok := any(&rows).(*[]claimRow); ok {
			*cr, err = scanClaims(q, "")
		} else {
			err = q.Find(&rows).Error
		}
		if err != nil {
			return nil, translate(err, "find "+table)
		}
		for i := range rows {
			v, err := PR(&rows[i]).domain()
			if err != nil {
				return nil, translate(err, "find "+table)
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// FindClaimsByID returns the claims with the given IDs that exist.
func (s *Store) FindClaimsByID(ctx context.Context, ids []string) ([]*claims.Claim, error) {
	return findByID[claimRow, *claims.Claim](s, ctx, "claims", ids)
}

// FindClaimantsByID returns the claimants with the given IDs that exist.
func (s *Store) FindClaimantsByID(ctx context.Context, ids []string) ([]*claims.Claimant, error) {
	return findByID[claimantRow, *claims.Claimant](s, ctx, "claimants", ids)
}

// FindSourcesByID returns the sources with the given IDs that exist.
func (s *Store) FindSourcesByID(ctx context.Context, ids []string) ([]*claims.Source, error) {
	return findByID[sourceRow, *claims.Source](s, ctx, "sources", ids)
}

// conflictSidesSQL reads what the conflicts listing shows of a claim:
// its ID, its claimant, the claimant's name and the quantity as reported.
const conflictSidesSQL = "SELECT claims.id, claims.claimant_id, COALESCE(claimants.name, ''), claims.quantity_text" +
	" FROM claims LEFT JOIN claimants ON claimants.id = claims.claimant_id WHERE claims.id IN ?"

// ConflictSides returns what the conflicts listing shows of the claims
// with the given IDs that exist, in chunks: four columns, where reading
// the whole claims and their claimants cost the listing most of its CPU.
func (s *Store) ConflictSides(ctx context.Context, ids []string) ([]xref.ConflictSide, error) {
	out := make([]xref.ConflictSide, 0, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		if s.hot != nil && !s.inTx {
			chunk = padIDs(chunk) // few statement texts to keep prepared
		}
		rows, err := s.hotReader(ctx).Raw(conflictSidesSQL, chunk).Rows()
		if err != nil {
			return nil, translate(err, "read conflict sides")
		}
		for rows.Next() {
			var c xref.ConflictSide
			if err := rows.Scan(&c.ClaimID, &c.ClaimantID, &c.ClaimantName, &c.QuantityText); err != nil {
				rows.Close()
				return nil, translate(err, "read conflict sides")
			}
			out = append(out, c)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, translate(err, "read conflict sides")
		}
	}
	return out, nil
}

// TopicTitles returns the titles of the topics with the given IDs that
// exist, by ID, in one query a chunk: the conflicts listing read each of
// its topics whole, one query a topic, which took about half of its CPU
// on a page whose 50 conflicts span many topics.
func (s *Store) TopicTitles(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	for chunk := range slices.Chunk(ids, 500) {
		if s.hot != nil && !s.inTx {
			chunk = padIDs(chunk) // few statement texts to keep prepared
		}
		rows, err := s.hotReader(ctx).Raw("SELECT id, title FROM topics WHERE id IN ?", chunk).Rows()
		if err != nil {
			return nil, translate(err, "read topic titles")
		}
		for rows.Next() {
			var id, title string
			if err := rows.Scan(&id, &title); err != nil {
				rows.Close()
				return nil, translate(err, "read topic titles")
			}
			out[id] = title
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, translate(err, "read topic titles")
		}
	}
	return out, nil
}

// conflictCursor is the position in the conflicts listing after which
// the next page starts.
type conflictCursor struct {
	Priority float64 `json:"p"`
	Severity float64 `json:"s"`
	TopicID  string  `json:"t"`
	ClaimA   string  `json:"a"`
	ClaimB   string  `json:"b"`
}

// ListConflicts returns a page of the stored notable conflicts that f
// selects, highest priority first (see xref.Priority: the severity
// weighed by the claims' grades), then most severe, then by topic and
// pair. Sort "-severity" puts the most severe first instead.
func (s *Store) ListConflicts(ctx context.Context, f xref.ConflictFilter, o claims.ListOptions) (claims.Page[xref.Conflict], error) {
	page := claims.Page[xref.Conflict]{Items: []xref.Conflict{}}
	var p claims.Problems
	if o.Limit < 0 || o.Limit > claims.MaxLimit {
		p.Add("limit", "must be between 1 and %d", claims.MaxLimit)
	}
	bySeverity := o.Sort == "-severity"
	if o.Sort != "" && o.Sort != "-severity" && o.Sort != "-priority" {
		p.Add("sort", "conflicts are listed by priority (-priority, the default) or most severe first (-severity)")
	}
	switch f.Status {
	case "", claims.ReviewOpen, claims.ReviewReviewed, claims.ReviewDismissed:
	default:
		p.Add("status", "must be open, reviewed or dismissed")
	}
	if err := p.Err("listing"); err != nil {
		return page, err
	}
	base := func() *gorm.DB {
		q := s.hotReader(ctx).Model(&topicConflictRow{})
		if f.TopicID != "" {
			q = q.Where("topic_id = ?", f.TopicID)
		}
		if f.Status != "" {
			q = q.Where("status = ?", string(f.Status))
		}
		// By priority with an upper bound of severity, the bound is also
		// one of priority, which never exceeds the severity (xref.Priority
		// weighs it by grades of at most 1): the walk of the priority
		// index starts there, and the severity is only checked (+, no
		// index), not sorted anew. SQLite otherwise chose the severity
		// index and sorted the band: a page of the 2 to 5x band of 100,000
		// claims took 14-22 ms of CPU, 1.8-2.1 ms so (RESULTS.md).
		sev := "severity"
		if f.SeverityBelow > 0 && !bySeverity {
			sev = "+severity"
			q = q.Where("priority < ?", f.SeverityBelow)
		}
		if f.MinSeverity > 0 {
			q = q.Where(sev+" >= ?", f.MinSeverity)
		}
		if f.SeverityBelow > 0 {
			q = q.Where(sev+" < ?", f.SeverityBelow)
		}
		return q
	}
	firstCol, secondCol := "priority", "severity"
	if bySeverity {
		firstCol, secondCol = "severity", "priority"
	}
	order := firstCol + " DESC, " + secondCol + " DESC, topic_id, claim_a, claim_b"
	n := o.PageSize()
	// The conditions after the cursor, in the listing's order: the rest
	// of the cursor's tie (same first and second keys: an index seek by
	// row value on the pair), the rest of its first key, then the lower
	// first keys. One condition ORing them all made the index walk each
	// tie from its start: 10,000 conflicts of a million share one
	// priority and severity, and later pages cost 5.5 ms of CPU.
	conds := []func(q *gorm.DB) *gorm.DB{func(q *gorm.DB) *gorm.DB { return q }}
	if o.Cursor != "" {
		var c conflictCursor
		if err := decodeIDCursor(o.Cursor, "conflicts", &c); err != nil {
			return page, err
		}
		first, second := c.Priority, c.Severity
		if bySeverity {
			first, second = c.Severity, c.Priority
		}
		conds = []func(q *gorm.DB) *gorm.DB{
			func(q *gorm.DB) *gorm.DB {
				return q.Where(firstCol+" = ? AND "+secondCol+" = ? AND (topic_id, claim_a, claim_b) > (?, ?, ?)",
					first, second, c.TopicID, c.ClaimA, c.ClaimB)
			},
			func(q *gorm.DB) *gorm.DB { return q.Where(firstCol+" = ? AND "+secondCol+" < ?", first, second) },
			func(q *gorm.DB) *gorm.DB { return q.Where(firstCol+" < ?", first) },
		}
	}
	var rows []topicConflictRow
	for _, cond := range conds {
		var more []topicConflictRow
		if err := cond(base()).Order(order).Limit(n + 1 - len(rows)).Find(&more).Error; err != nil {
			return page, translate(err, "list conflicts")
		}
		rows = append(rows, more...)
		if len(rows) > n {
			break
		}
	}
	if len(rows) > n {
		rows = rows[:n]
		l := rows[n-1]
		page.Next = encodeIDCursor("conflicts", conflictCursor{l.Priority, l.Severity, l.TopicID, l.ClaimA, l.ClaimB})
	}
	for i := range rows {
		page.Items = append(page.Items, rows[i].domain())
	}
	return page, nil
}

// recomputeAll recomputes every topic, in batches, for the migration that
// introduces the summaries.
func recomputeAll(tx *gorm.DB, dia dialect) error {
	for last := ""; ; {
		var ids []string
		if err := tx.Table("topics").Where("id > ?", last).Order("id").Limit(1000).Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		if err := recomputeTopics(tx, dia, dirtyOf(tx), ids); err != nil {
			return err
		}
		last = ids[len(ids)-1]
	}
}

// seriesOf decodes the series of the stored JSON array js with a figure
// of one of the claims ids: each series is looked at as bytes and only
// those that name one of the claims are decoded.
func seriesOf(js string, ids []string) ([]xref.Series, error) {
	if js == "" || js == "null" {
		return nil, nil
	}
	raw, err := elements([]byte(js))
	if err != nil {
		return nil, err
	}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	key := []byte(`"claim_id":`)
	var out []xref.Series
	for _, m := range raw {
		if !namesAny(m, key, want) {
			continue
		}
		var sr xref.Series
		if err := json.Unmarshal(m, &sr); err != nil {
			return nil, fmt.Errorf("gormstore: decode series: %w", err)
		}
		out = append(out, sr)
	}
	return out, nil
}

// namesAny reports whether the JSON object m has a "claim_id" string
// member, at any depth, whose value is in want. The IDs are compared as
// their JSON strings: an ID with an escaped character is decoded first.
func namesAny(m json.RawMessage, key []byte, want map[string]bool) bool {
	for rest := []byte(m); ; {
		i := bytes.Index(rest, key)
		if i < 0 {
			return false
		}
		rest = bytes.TrimLeft(rest[i+len(key):], " ")
		if len(rest) == 0 || rest[0] != '"' {
			continue
		}
		end := bytes.IndexByte(rest[1:], '"')
		if end < 0 {
			return false
		}
		lit := rest[1 : 1+end]
		if bytes.IndexByte(lit, '\\') >= 0 {
			// An escape: let the decoder read the whole string.
			var id string
			dec := json.NewDecoder(bytes.NewReader(rest))
			if dec.Decode(&id) == nil && want[id] {
				return true
			}
			continue
		}
		if want[string(lit)] {
			return true
		}
		rest = rest[1+end:]
	}
}

// elements splits the JSON array js into its elements, as bytes, without
// decoding them: a scan that follows strings and nesting only. The array
// is one the store wrote with encoding/json; what is not an array is an
// error, and an element is checked when it is decoded.
func elements(js []byte) ([]json.RawMessage, error) {
	js = bytes.TrimSpace(js)
	if len(js) < 2 || js[0] != '[' || js[len(js)-1] != ']' {
		return nil, errors.New("gormstore: decode series: not a JSON array")
	}
	var out []json.RawMessage
	depth, start, inString := 0, -1, false
	for i := 1; i < len(js)-1; i++ {
		c := js[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth < 0 {
				return nil, errors.New("gormstore: decode series: a bracket closing nothing")
			}
		case ',':
			if depth == 0 {
				if start < 0 {
					return nil, errors.New("gormstore: decode series: an empty element")
				}
				out = append(out, bytes.TrimSpace(js[start:i]))
				start = -1
			}
			continue
		case ' ', '\t', '\n', '\r':
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, bytes.TrimSpace(js[start:len(js)-1]))
	} else if len(out) > 0 {
		return nil, errors.New("gormstore: decode series: an empty element")
	}
	if depth != 0 || inString {
		return nil, errors.New("gormstore: decode series: a truncated JSON array")
	}
	return out, nil
}
