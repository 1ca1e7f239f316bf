package gormstore

import (
	"context"
	"database/sql"
	"slices"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

var _ exchange.Store = (*Store)(nil)

// The streaming reads of exchange.Store. Each runs one query ordered by ID
// and converts row by row from database/sql's Rows, so an export of a
// million claims holds one row at a time. A topic filter selects the
// topic's claims, the topic and its ancestors, the sources and claimants
// its claims name, and the links and reviews between two of its claims.

const (
	inTopic       = "IN (SELECT id FROM claims WHERE topic_id = ?)"
	claimantsOf   = "id IN (SELECT claimant_id FROM claims WHERE topic_id = ?)"
	sourcesOf     = "id IN (SELECT source_id FROM claim_sources WHERE claim_id " + inTopic + ")"
	linksOfTopic  = "from_id " + inTopic + " AND to_id " + inTopic
	reviewsOfTopc = "claim_a " + inTopic + " AND claim_b " + inTopic
)

// topicChain returns the IDs of a topic and its ancestors; a missing topic
// is CodeNotFound.
func (s *Store) topicChain(ctx context.Context, id string) ([]string, error) {
	var ids []string
	for id != "" && !slices.Contains(ids, id) {
		var parent []sql.NullString
		if err := s.db.WithContext(ctx).Table("topics").Where("id = ?", id).Pluck("parent_id", &parent).Error; err != nil {
			return nil, translate(err, "export topics")
		}
		if len(parent) == 0 {
			if len(ids) == 0 {
				return nil, claims.NotFound("topic", id)
			}
			break
		}
		ids = append(ids, id)
		id = parent[0].String
	}
	return ids, nil
}

// stream runs q, which selects cols, and calls fn with each row scanned
// into a fresh R through dest. Columns are scanned directly rather than
// through gorm's reflection: an export reads every row.
func stream[R any](s *Store, ctx context.Context, what string, q *gorm.DB, cols string, dest func(*R) []any, fn func(*R) error) error {
	return s.eachRow(ctx, what, q.Select(cols).Order("id"), func(rows *sql.Rows) error {
		var r R
		if err := rows.Scan(dest(&r)...); err != nil {
			return translate(err, what)
		}
		return fn(&r)
	})
}

// eachRow runs q and calls fn with each row, stopping at fn's first
// error, which it returns as is, as it does ctx's. With a context that
// can be cancelled the SQLite driver steps every row in a goroutine of its
// own, which took half the CPU of a million rows of the facets' walk
// (facetsByConflict): on SQLite q runs without ctx's cancellation and the
// loop checks ctx itself, every 256 rows. The errors of the query are
// translated as what.
func (s *Store) eachRow(ctx context.Context, what string, q *gorm.DB, fn func(*sql.Rows) error) error {
	if s.dialect == dialectSQLite {
		q = q.WithContext(context.WithoutCancel(ctx))
	}
	rows, err := q.Rows()
	if err != nil {
		return translate(err, what)
	}
	defer rows.Close()
	for n := 0; rows.Next(); n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(rows); err != nil {
			return err
		}
	}
	return translate(rows.Err(), what)
}

// EachTopic streams the topics f selects in ID order.
func (s *Store) EachTopic(ctx context.Context, f exchange.Filter, fn func(*claims.Topic) error) error {
	q := s.db.WithContext(ctx).Table("topics")
	if f.TopicID != "" {
		ids, err := s.topicChain(ctx, f.TopicID)
		if err != nil {
			return err
		}
		q = q.Where("id IN ?", ids)
	}
	return stream(s, ctx, "export topics", q, topicCols.readList(), topicCols.readDest, func(r *topicRow) error {
		t, err := r.domain()
		if err != nil {
			return err
		}
		return fn(t)
	})
}

// EachSource streams the sources f selects in ID order.
func (s *Store) EachSource(ctx context.Context, f exchange.Filter, fn func(*claims.Source) error) error {
	q := s.db.WithContext(ctx).Table("sources")
	if f.TopicID != "" {
		q = q.Where(sourcesOf, f.TopicID)
	}
	return stream(s, ctx, "export sources", q, sourceCols.readList(), sourceCols.readDest, func(r *sourceRow) error {
		v, _ := r.domain()
		return fn(v)
	})
}

// EachClaimant streams the claimants f selects in ID order.
func (s *Store) EachClaimant(ctx context.Context, f exchange.Filter, fn func(*claims.Claimant) error) error {
	q := s.db.WithContext(ctx).Table("claimants")
	if f.TopicID != "" {
		q = q.Where(claimantsOf, f.TopicID)
	}
	return stream(s, ctx, "export claimants", q, claimantCols.readList(), claimantCols.readDest, func(r *claimantRow) error {
		v, _ := r.domain()
		return fn(v)
	})
}

// EachLink streams the links f selects in ID order.
func (s *Store) EachLink(ctx context.Context, f exchange.Filter, fn func(*claims.Link) error) error {
	q := s.db.WithContext(ctx).Table("links")
	if f.TopicID != "" {
		q = q.Where(linksOfTopic, f.TopicID, f.TopicID)
	}
	return stream(s, ctx, "export links", q, linkCols.readList(), linkCols.readDest, func(r *linkRow) error {
		v, _ := r.domain()
		return fn(v)
	})
}

// EachReview streams the reviews f selects in ID order.
func (s *Store) EachReview(ctx context.Context, f exchange.Filter, fn func(*claims.Review) error) error {
	q := s.db.WithContext(ctx).Table("reviews")
	if f.TopicID != "" {
		q = q.Where(reviewsOfTopc, f.TopicID, f.TopicID)
	}
	return stream(s, ctx, "export reviews", q, reviewCols.readList(), reviewCols.readDest, func(r *reviewRow) error {
		v, _ := r.domain()
		return fn(v)
	})
}

// EachClaim streams the claims f selects in ID order. It scans columns
// directly rather than through gorm's reflection: an export reads every
// claim.
func (s *Store) EachClaim(ctx context.Context, f exchange.Filter, fn func(*claims.Claim) error) error {
	if f.TopicID != "" {
		if _, err := s.topicChain(ctx, f.TopicID); err != nil {
			return err
		}
	}
	qctx := ctx
	if s.dialect == dialectSQLite {
		qctx = context.WithoutCancel(ctx) // see stream
	}
	q := s.db.WithContext(qctx).Table("claims").Select(claimCols.readList())
	if f.TopicID != "" {
		q = q.Where("topic_id = ?", f.TopicID)
	}
	rows, err := q.Order("id").Rows()
	if err != nil {
		return translate(err, "export claims")
	}
	defer rows.Close()
	var r claimRow
	for n := 0; rows.Next(); n++ {
		if n%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		c, err := scanClaim(rows, &r)
		if err != nil {
			return translate(err, "export claims")
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return translate(rows.Err(), "export claims")
}

func scanClaim(rows *sql.Rows, r *claimRow) (*claims.Claim, error) {
	if err := rows.Scan(claimCols.readDest(r)...); err != nil {
		return nil, err
	}
	return r.domain()
}

// Count returns how many records of each kind an export with f holds.
func (s *Store) Count(ctx context.Context, f exchange.Filter) (exchange.Counts, error) {
	var c exchange.Counts
	db := s.db.WithContext(ctx)
	var chain []string
	if f.TopicID != "" {
		var err error
		if chain, err = s.topicChain(ctx, f.TopicID); err != nil {
			return c, err
		}
	}
	for _, k := range exchange.Kinds {
		q := db.Table(tableOf(k))
		if f.TopicID != "" {
			switch k {
			case exchange.KindTopic:
				q = q.Where("id IN ?", chain)
			case exchange.KindSource:
				q = q.Where(sourcesOf, f.TopicID)
			case exchange.KindClaimant:
				q = q.Where(claimantsOf, f.TopicID)
			case exchange.KindClaim:
				q = q.Where("topic_id = ?", f.TopicID)
			case exchange.KindLink:
				q = q.Where(linksOfTopic, f.TopicID, f.TopicID)
			case exchange.KindReview:
				q = q.Where(reviewsOfTopc, f.TopicID, f.TopicID)
			}
		}
		var n int64
		if err := q.Count(&n).Error; err != nil {
			return c, translate(err, "count records")
		}
		c.Add(k, int(n))
	}
	return c, nil
}

// tableOf returns the table of a kind of record.
func tableOf(k exchange.Kind) string { return string(k) + "s" }

// Stored returns the stored version of each of ids of kind k that exists.
func (s *Store) Stored(ctx context.Context, k exchange.Kind, ids []string) (map[string]int, error) {
	return stored(s.db.WithContext(ctx), k, ids)
}

func stored(db *gorm.DB, k exchange.Kind, ids []string) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	for chunk := range slices.Chunk(ids, 5000) {
		rows, err := db.Table(tableOf(k)).Select("id, version").Where("id IN ?", chunk).Rows()
		if err != nil {
			return nil, translate(err, "read stored versions")
		}
		for rows.Next() {
			var id string
			var v int
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return nil, translate(err, "read stored versions")
			}
			out[id] = v
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, translate(err, "read stored versions")
		}
	}
	return out, nil
}
