package gormstore

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims/exchange"
)

// BenchmarkBuildRows builds the rows of a batch of an import's size
// (exchange's batchSize, 2,000 claims) from conversionClaims, as
// bulkWriter.Insert does before its INSERTs: the allocations per batch
// are the garbage the writer leaves to the collector.
func BenchmarkBuildRows(b *testing.B) {
	var batch exchange.Batch
	for cs := conversionClaims(); len(batch.Claims) < 2000; {
		batch.Claims = append(batch.Claims, cs...)
	}
	batch.Claims = batch.Claims[:2000]
	b.ReportAllocs()
	for b.Loop() {
		w := &bulkWriter{dirty: &dirtySet{}}
		if _, err := w.build(&batch); err != nil {
			b.Fatal(err)
		}
	}
}
