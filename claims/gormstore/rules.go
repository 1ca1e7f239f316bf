package gormstore

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/claimdesk/claimdesk/claims/xref"
)

// Stored summaries depend on the rules they were computed under as well
// as on the records: xref.RulesVersion numbers the cross-referencing
// rules and the built-in gazetteer. summary_rules (made by Migrate) holds
// the version the stored summaries were last recomputed under, all of
// them; a database made before it existed counts as version 0, one made
// empty by this release as this release's. A release with new rules does
// not recompute on its own when it opens the database (that would take a
// minute or more at a million claims, on every command, and block the
// writes of older replicas still running): `claimdesk serve` warns, and
// `claimdesk recompute` (RecomputeSummaries) brings the summaries up to
// date, a batch of topics a transaction, while the server keeps serving
// (its writes wait for a batch, at most a few seconds).

// rulesBatchTopics and rulesBatchClaims bound the topics one transaction
// of RecomputeSummaries recomputes: each takes its topics' locks (on
// PostgreSQL an advisory lock a topic, from a lock table shared by the
// whole server, which a recompute of every topic at once, at 15,000
// topics, ran out of) and, on SQLite, the database's one write lock, which
// other writes wait for up to their lock wait (5 s): at a million claims
// a batch of 200 topics held it for about 95 s. A batch stops at 200
// topics or 5,000 claims, whichever comes first (well under a second on
// an idle machine); a topic larger than that is a batch of its own, and
// one of tens of thousands of claims holds the lock for seconds (the
// largest of the million-claim benchmark, 67,000 claims, about 6 s), so
// a write in that moment may fail with 503 and be sent again.
var (
	rulesBatchTopics = 200
	rulesBatchClaims = 5_000
)

// rulesBatchPause is how long RecomputeSummaries leaves SQLite's write
// lock free between batches, longer than the longest sleep of a waiting
// connection's busy handler (100 ms), so that other processes' writes get
// their turn.
const rulesBatchPause = 150 * time.Millisecond

// SummaryRules returns the xref.RulesVersion the stored summaries were
// computed under (0: before summary_rules existed).
func (s *Store) SummaryRules(ctx context.Context) (int, error) {
	var v int
	err := s.db.WithContext(ctx).Raw("SELECT COALESCE(MAX(version), 0) FROM summary_rules").Scan(&v).Error
	return v, translate(err, "read the summaries' rules")
}

// ErrNewerRules is RecomputeSummaries' refusal of summaries a newer
// release computed: recomputing them under this release's older rules
// would undo that release's work while its stamp stayed.
var ErrNewerRules = errors.New("the stored summaries were computed by a newer claimdesk: run that release's claimdesk recompute, not this one's")

// RecomputeSummaries recomputes the stored summaries of every topic under
// this release's rules, a batch of topics a transaction (rulesBatchTopics,
// rulesBatchClaims), each a write like any other, calling progress after
// each, then records xref.RulesVersion in summary_rules. It refuses
// summaries a newer release computed (ErrNewerRules). It returns the
// number of topics recomputed, also when it stops early: the batches
// before have committed, the stamp is unchanged, and running it again
// starts over.
func (s *Store) RecomputeSummaries(ctx context.Context, progress func(done, total int)) (int, error) {
	stored, err := s.SummaryRules(ctx)
	if err != nil {
		return 0, err
	}
	if stored > xref.RulesVersion {
		return 0, ErrNewerRules
	}
	var topics []struct {
		ID     string
		Claims int
	}
	err = s.db.WithContext(ctx).Raw(`SELECT t.id AS id, COALESCE(s.claim_count, 0) AS claims
		FROM topics t LEFT JOIN topic_summaries s ON s.topic_id = t.id ORDER BY t.id`).Scan(&topics).Error
	if err != nil {
		return 0, translate(err, "list topics")
	}
	var batches [][]string
	var batch []string
	claims := 0
	for _, t := range topics {
		if len(batch) > 0 && (len(batch) == rulesBatchTopics || claims+t.Claims > rulesBatchClaims) {
			batches = append(batches, batch)
			batch, claims = nil, 0
		}
		batch = append(batch, t.ID)
		claims += t.Claims
	}
	if len(batch) > 0 {
		batches = append(batches, batch)
	}
	done := 0
	for _, batch := range batches {
		err := s.write(ctx, func(*gorm.DB) ([]string, error) { return batch, nil }, func(tx *gorm.DB) error {
			// The batch's topics alone, not their parents and children
			// as a write's: every topic has its own turn, and a parent
			// of many small children was recomputed with each of their
			// batches (2.7x the CPU at a million claims).
			dirtyOf(tx).add(false, batch...)
			return nil
		})
		if err != nil {
			return done, translate(err, "recompute summaries")
		}
		done += len(batch)
		if progress != nil {
			progress(done, len(topics))
		}
		if s.dialect == dialectSQLite && done < len(topics) {
			// Another process's write waiting for SQLite's lock polls
			// for it, at most every 100 ms: without a pause the next
			// batch takes the lock again first, and a server's writes
			// failed for the whole recompute (74 of 76 in a probe).
			select {
			case <-ctx.Done():
				return done, ctx.Err()
			case <-time.After(rulesBatchPause):
			}
		}
	}
	err = s.write(ctx, nil, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM summary_rules").Error; err != nil {
			return err
		}
		return tx.Exec("INSERT INTO summary_rules (id, version) VALUES (1, ?)", xref.RulesVersion).Error
	})
	return done, translate(err, "record the summaries' rules")
}
