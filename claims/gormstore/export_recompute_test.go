package gormstore

import (
	"context"

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

// OnSpillRead calls fn with the topics each recompute of a bulk import
// reads from the import's spill, until the returned function removes it.
func OnSpillRead(fn func(topicIDs []string)) (restore func()) {
	onSpillRead = fn
	return func() { onSpillRead = nil }
}
