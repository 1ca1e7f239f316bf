package gormstore

// SetRecomputeLimits lowers the batch and cache limits of the batched
// recompute until the returned function restores them.
func SetRecomputeLimits(batchClaims, batchTopics, cacheClaims int) (restore func()) {
	a, b, c := recomputeBatchClaims, recomputeBatchTopics, recomputeCacheClaims
	recomputeBatchClaims, recomputeBatchTopics, recomputeCacheClaims = batchClaims, batchTopics, cacheClaims
	return func() { recomputeBatchClaims, recomputeBatchTopics, recomputeCacheClaims = a, b, c }
}
