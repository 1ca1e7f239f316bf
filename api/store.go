package api

import (
	"context"
	"io"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/service"
	"github.com/claimdesk/claimdesk/claims/xref"
)

// Writes is what the write endpoints need: every write of a record,
// validated, parsed and persisted with its summaries and history in one
// transaction. service.Service implements it; NewHandler builds one on
// Options.Store, which must then be a service.Persister, unless
// Options.Writes is set.
type Writes interface {
	CreateTopic(ctx context.Context, t *claims.Topic) error
	UpdateTopic(ctx context.Context, t *claims.Topic) error
	DeleteTopic(ctx context.Context, id string, version int) error
	CreateSource(ctx context.Context, s *claims.Source) error
	UpdateSource(ctx context.Context, s *claims.Source) error
	DeleteSource(ctx context.Context, id string, version int) error
	CreateClaimant(ctx context.Context, c *claims.Claimant) error
	UpdateClaimant(ctx context.Context, c *claims.Claimant) error
	DeleteClaimant(ctx context.Context, id string, version int) error
	CreateClaim(ctx context.Context, c *claims.Claim) error
	UpdateClaim(ctx context.Context, c *claims.Claim) error
	DeleteClaim(ctx context.Context, id string, version int) error
	// DeleteClaimCascade deletes a claim with the links and reviews that
	// name it (DELETE ?cascade=true).
	DeleteClaimCascade(ctx context.Context, id string, version int) error
	CreateLink(ctx context.Context, l *claims.Link) error
	UpdateLink(ctx context.Context, l *claims.Link) error
	DeleteLink(ctx context.Context, id string, version int) error
	CreateReview(ctx context.Context, r *claims.Review) error
	UpdateReview(ctx context.Context, r *claims.Review) error
	DeleteReview(ctx context.Context, id string, version int) error
	// Restore and Undelete bring records back from their history
	// (POST /history/.../restore, /trash/.../undelete).
	claims.Restorer
	// CreatePlace and DeletePlace add and remove custom places.
	xref.Places
	// Import writes a document's records in one transaction (POST
	// /import); see exchange.Import.
	Import(ctx context.Context, r io.Reader, opts exchange.ImportOptions) (*exchange.Report, error)
}

var _ Writes = (*service.Service)(nil)

// Store is what the API reads from storage, and only that: the records
// (claims.Reader), their search and history, the cross-referencing the
// store keeps current (xref.Reader), the streaming reads of export
// (exchange.Reader) and the database's ping. It has no write: every write
// goes through Writes. gormstore.Store implements it.
type Store interface {
	claims.Reader
	claims.Searcher
	claims.History
	xref.Reader
	exchange.Reader
	claims.Pinger
	// TopicVersion returns a key that changes whenever anything the
	// topic's comparison shows may have changed.
	TopicVersion(ctx context.Context, topicID string) (string, error)
	// DataVersion returns a key that changes whenever anything the facets
	// of any filter count may have changed.
	DataVersion(ctx context.Context) (string, error)
	// SearchVersion returns a key that changes whenever anything the
	// first page of any search shows may have changed, or "" when the
	// store cannot tell (then a search is not cached).
	SearchVersion(ctx context.Context) (string, error)
	// GazetteerVersion returns a key that changes whenever the places
	// the gazetteer knows do (an analyst adds one), and not otherwise.
	GazetteerVersion(ctx context.Context) (string, error)
	// RelationsVersion returns a key that changes whenever any claim's
	// relations may have changed, or "" when the store cannot tell (then
	// they are computed on every request).
	RelationsVersion(ctx context.Context) (string, error)
	// TopicTitles returns the titles of the topics with the given IDs
	// that exist, by ID (the conflicts listing names each conflict's
	// topic).
	TopicTitles(ctx context.Context, ids []string) (map[string]string, error)
}
