package gormstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims/xref"
)

// SetRecomputeLimits lowers the batch and cache limits of the batched
// recompute until the returned function restores them.
func SetRecomputeLimits(batchClaims, batchTopics, cacheClaims, batchPairs int) (restore func()) {
	a, b, c, d := recomputeBatchClaims, recomputeBatchTopics, recomputeCacheClaims, recomputeBatchPairs
	recomputeBatchClaims, recomputeBatchTopics, recomputeCacheClaims, recomputeBatchPairs = batchClaims, batchTopics, cacheClaims, batchPairs
	return func() {
		recomputeBatchClaims, recomputeBatchTopics, recomputeCacheClaims, recomputeBatchPairs = a, b, c, d
	}
}

// OnRecompute calls fn with the most claims each batched recompute held
// at once (its cache and the parts read for the batches loaded and
// computing), until the returned function removes it.
func OnRecompute(fn func(peak int)) (restore func()) {
	onRecompute = fn
	return func() { onRecompute = nil }
}

// WithoutRecompute returns a context whose writes leave the summaries as
// they are, to measure the transaction a write would be without the
// cross-referencing engine in it.
func WithoutRecompute(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRecomputeKey{}, true)
}

// OnRecomputeRead calls fn with the claims each batched recompute reads
// into its cache, a topic's at a time, until the returned function
// removes it.
func OnRecomputeRead(fn func(views []xref.ClaimView)) (restore func()) {
	onRecomputeRead = fn
	return func() { onRecomputeRead = nil }
}

// RecomputeSerially makes the batched recompute compute one topic at a
// time, each batch once the one before it is written, until the returned
// function restores it.
func RecomputeSerially() (restore func()) {
	recomputeSerial = true
	return func() { recomputeSerial = false }
}

// OnRecomputeOverlap calls fn with how each batch after the first ran
// beside the one before it ("side by side", "ahead" or "after"), until
// the returned function removes it.
func OnRecomputeOverlap(fn func(how string)) (restore func()) {
	onRecomputeOverlap = fn
	return func() { onRecomputeOverlap = nil }
}

// SummaryRows returns every row of the summary tables, one a line, in key
// order, without the times they were computed at.
func SummaryRows(ctx context.Context, s *Store) (string, error) {
	var b strings.Builder
	var sums []claimSummaryRow
	if err := s.db.WithContext(ctx).Order("claim_id").Find(&sums).Error; err != nil {
		return "", err
	}
	for _, r := range sums {
		fmt.Fprintf(&b, "%+v\n", r)
	}
	var conf []topicConflictRow
	if err := s.db.WithContext(ctx).Order("topic_id, claim_a, claim_b").Find(&conf).Error; err != nil {
		return "", err
	}
	for _, r := range conf {
		fmt.Fprintf(&b, "%+v\n", r)
	}
	var res []topicSummaryRow
	if err := s.db.WithContext(ctx).Order("topic_id").Find(&res).Error; err != nil {
		return "", err
	}
	for _, r := range res {
		r.ComputedAt = time.Time{}
		fmt.Fprintf(&b, "%+v\n", r)
	}
	return b.String(), nil
}
