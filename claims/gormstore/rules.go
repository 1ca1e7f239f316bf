package gormstore

import (
	"context"

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
// date while the server keeps serving.

// rulesBatchTopics is how many topics RecomputeSummaries recomputes
// in one transaction: each takes its topics' locks (on PostgreSQL an
// advisory lock each, from a lock table shared by the whole server, which
// a recompute of every topic at once, at 15,000 topics, ran out of) and
// holds them until it commits, as any write does.
const rulesBatchTopics = 200

// SummaryRules returns the xref.RulesVersion the stored summaries were
// computed under (0: before summary_rules existed).
func (s *Store) SummaryRules(ctx context.Context) (int, error) {
	var v int
	err := s.db.WithContext(ctx).Raw("SELECT COALESCE(MAX(version), 0) FROM summary_rules").Scan(&v).Error
	return v, translate(err, "read the summaries' rules")
}

// RecomputeSummaries recomputes the stored summaries of every topic under
// this release's rules, rulesBatchTopics topics a transaction, each a
// write like any other (the server may keep serving), calling progress
// after each, then records xref.RulesVersion in summary_rules, unless a
// newer release's is there. It returns the number of topics.
func (s *Store) RecomputeSummaries(ctx context.Context, progress func(done, total int)) (int, error) {
	var ids []string
	if err := s.db.WithContext(ctx).Table("topics").Order("id").Pluck("id", &ids).Error; err != nil {
		return 0, translate(err, "list topics")
	}
	for i := 0; i < len(ids); i += rulesBatchTopics {
		batch := ids[i:min(i+rulesBatchTopics, len(ids))]
		err := s.write(ctx, func(*gorm.DB) ([]string, error) { return batch, nil }, func(tx *gorm.DB) error {
			dirtyOf(tx).add(true, batch...)
			return nil
		})
		if err != nil {
			return i, translate(err, "recompute summaries")
		}
		if progress != nil {
			progress(i+len(batch), len(ids))
		}
	}
	err := s.write(ctx, nil, func(tx *gorm.DB) error {
		if err := tx.Exec("DELETE FROM summary_rules WHERE version < ?", xref.RulesVersion).Error; err != nil {
			return err
		}
		return tx.Exec("INSERT INTO summary_rules (id, version) SELECT 1, ? WHERE NOT EXISTS (SELECT 1 FROM summary_rules)", xref.RulesVersion).Error
	})
	return len(ids), translate(err, "record the summaries' rules")
}
