package api

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// Store is what the API needs from storage: the records of package claims
// and their cross-referencing, kept current by the store (xref.Store), and
// the streaming reads and bulk writes of export and import
// (exchange.Store).
// gormstore.Store implements it.
type Store interface {
	xref.Store
	exchange.Store
	claims.Searcher
	claims.History
	// DeleteClaimCascade deletes a claim with the links and reviews that
	// name it (DELETE ?cascade=true).
	DeleteClaimCascade(ctx context.Context, id string, version int) error
	// TopicVersion returns a key that changes whenever anything the
	// topic's comparison shows may have changed.
	TopicVersion(ctx context.Context, topicID string) (string, error)
}
