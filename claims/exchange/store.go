package exchange

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
)

// Filter selects what an export holds. The zero Filter selects everything.
//
// With a TopicID an export holds that topic and its ancestors (so that
// parent_id resolves), the topic's claims, the sources and claimants those
// claims name, and the links and reviews whose two claims are both in the
// topic.
type Filter struct {
	TopicID string
}

// Store is what export and import need of a store: the records of
// claims.Store, streamed in a stable order (Reader), and a bulk write path
// (BulkStore).
type Store interface {
	claims.Store
	Reader
	BulkStore
}

// Reader streams records for Export.
//
// Each* call fn once per record, in ID order, holding no more than a batch
// of rows in memory, and stop at the first error fn returns, returning it.
// A Filter whose TopicID names no topic is CodeNotFound.
type Reader interface {
	EachTopic(ctx context.Context, f Filter, fn func(*claims.Topic) error) error
	EachSource(ctx context.Context, f Filter, fn func(*claims.Source) error) error
	EachClaimant(ctx context.Context, f Filter, fn func(*claims.Claimant) error) error
	EachClaim(ctx context.Context, f Filter, fn func(*claims.Claim) error) error
	EachLink(ctx context.Context, f Filter, fn func(*claims.Link) error) error
	EachReview(ctx context.Context, f Filter, fn func(*claims.Review) error) error

	// Count returns how many records of each kind an export with f holds.
	Count(ctx context.Context, f Filter) (Counts, error)
}

// BulkStore is the write path of Import: the stored versions of records
// and a bulk writer.
type BulkStore interface {
	Lookup
	// Bulk runs fn with a writer bound to one transaction: everything it
	// writes commits when fn returns nil and is rolled back otherwise.
	Bulk(ctx context.Context, fn func(w BulkWriter) error) error
}

// Lookup reads the stored versions of records.
type Lookup interface {
	// Stored returns the stored version of each of ids of kind k that
	// exists; absent IDs are missing from the map.
	Stored(ctx context.Context, k Kind, ids []string) (map[string]int, error)
}

// BulkWriter writes records as they are, keeping their IDs, versions and
// timestamps: an import is a copy, not an edit. It checks no references
// beyond the database's own constraints: Import has checked them.
type BulkWriter interface {
	Lookup
	// Insert writes new records. Topics come parents first.
	Insert(ctx context.Context, b *Batch) error
	// Update replaces stored records whole.
	Update(ctx context.Context, b *Batch) error
}

// Batch holds records of every kind, to be written in document order.
type Batch struct {
	Topics    []*claims.Topic
	Sources   []*claims.Source
	Claimants []*claims.Claimant
	Claims    []*claims.Claim
	Links     []*claims.Link
	Reviews   []*claims.Review
}

// Len returns the number of records in b.
func (b *Batch) Len() int {
	return len(b.Topics) + len(b.Sources) + len(b.Claimants) + len(b.Claims) + len(b.Links) + len(b.Reviews)
}

// Reset empties b, keeping its capacity.
func (b *Batch) Reset() {
	clear(b.Topics)
	clear(b.Sources)
	clear(b.Claimants)
	clear(b.Claims)
	clear(b.Links)
	clear(b.Reviews)
	*b = Batch{Topics: b.Topics[:0], Sources: b.Sources[:0], Claimants: b.Claimants[:0],
		Claims: b.Claims[:0], Links: b.Links[:0], Reviews: b.Reviews[:0]}
}

// Add appends rec, a record of any kind, to b.
func (b *Batch) Add(rec any) {
	switch r := rec.(type) {
	case *claims.Topic:
		b.Topics = append(b.Topics, r)
	case *claims.Source:
		b.Sources = append(b.Sources, r)
	case *claims.Claimant:
		b.Claimants = append(b.Claimants, r)
	case *claims.Claim:
		b.Claims = append(b.Claims, r)
	case *claims.Link:
		b.Links = append(b.Links, r)
	case *claims.Review:
		b.Reviews = append(b.Reviews, r)
	default:
		panic("exchange: not a record")
	}
}

// Counts holds a number per kind of record.
type Counts struct {
	Topics    int `json:"topics"`
	Sources   int `json:"sources"`
	Claimants int `json:"claimants"`
	Claims    int `json:"claims"`
	Links     int `json:"links"`
	Reviews   int `json:"reviews"`
}

// Total returns the sum over all kinds.
func (c Counts) Total() int {
	return c.Topics + c.Sources + c.Claimants + c.Claims + c.Links + c.Reviews
}

func (c *Counts) of(k Kind) *int {
	switch k {
	case KindTopic:
		return &c.Topics
	case KindSource:
		return &c.Sources
	case KindClaimant:
		return &c.Claimants
	case KindClaim:
		return &c.Claims
	case KindLink:
		return &c.Links
	}
	return &c.Reviews
}

// Add adds n to the count of kind k.
func (c *Counts) Add(k Kind, n int) { *c.of(k) += n }

// Of returns the count of kind k.
func (c Counts) Of(k Kind) int { return *c.of(k) }
