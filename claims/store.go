package claims

import (
	"context"
	"slices"
	"strings"
)

// The storage interfaces are split by use, so that each caller depends on
// what it needs: the API reads through the Reader interfaces and writes
// only through claims/service, which alone holds a Writer. A Store is all
// of them; gormstore.Store implements it.
//
// Find methods return CodeNotFound for a missing ID. List methods return
// CodeInvalid for a bad cursor, sort or limit.

// TopicReader reads topics.
type TopicReader interface {
	FindTopic(ctx context.Context, id string) (*Topic, error)
	ListTopics(ctx context.Context, f TopicFilter) (Page[*Topic], error)
}

// SourceReader reads sources.
type SourceReader interface {
	FindSource(ctx context.Context, id string) (*Source, error)
	ListSources(ctx context.Context, f SourceFilter) (Page[*Source], error)
}

// ClaimantReader reads claimants.
type ClaimantReader interface {
	FindClaimant(ctx context.Context, id string) (*Claimant, error)
	ListClaimants(ctx context.Context, f ClaimantFilter) (Page[*Claimant], error)
}

// ClaimReader reads claims.
type ClaimReader interface {
	FindClaim(ctx context.Context, id string) (*Claim, error)
	ListClaims(ctx context.Context, f ClaimFilter) (Page[*Claim], error)
}

// LinkReader reads links.
type LinkReader interface {
	FindLink(ctx context.Context, id string) (*Link, error)
	ListLinks(ctx context.Context, f LinkFilter) (Page[*Link], error)
}

// ReviewReader reads reviews.
type ReviewReader interface {
	FindReview(ctx context.Context, id string) (*Review, error)
	ListReviews(ctx context.Context, f ReviewFilter) (Page[*Review], error)
}

// Reader reads records of every kind.
type Reader interface {
	TopicReader
	SourceReader
	ClaimantReader
	ClaimReader
	LinkReader
	ReviewReader
}

// Writer creates, replaces and deletes records of every kind.
//
// Create methods assign an ID when the record has none, set CreatedAt,
// UpdatedAt and Version 1, normalise and validate the record, and check its
// references: an unknown topic, claimant or source is CodeInvalid naming the
// field. A duplicate ID is CodeConflict.
//
// Update methods take the whole new record; its Version must equal the
// stored one (CodeStale otherwise), and on success the record comes back
// with Version incremented and UpdatedAt set. A missing record is
// CodeNotFound.
//
// Delete methods take the expected version, or 0 to delete whatever is
// stored. Deleting a record that others still reference is CodeConflict.
//
// Reviews record where the conflict between two claims stands. A pair
// has one review: creating a second is CodeConflict. Both claims must
// exist (CodeInvalid naming claim_a or claim_b).
type Writer interface {
	CreateTopic(ctx context.Context, t *Topic) error
	UpdateTopic(ctx context.Context, t *Topic) error
	DeleteTopic(ctx context.Context, id string, version int) error

	CreateSource(ctx context.Context, s *Source) error
	UpdateSource(ctx context.Context, s *Source) error
	DeleteSource(ctx context.Context, id string, version int) error

	CreateClaimant(ctx context.Context, c *Claimant) error
	UpdateClaimant(ctx context.Context, c *Claimant) error
	DeleteClaimant(ctx context.Context, id string, version int) error

	CreateClaim(ctx context.Context, c *Claim) error
	UpdateClaim(ctx context.Context, c *Claim) error
	DeleteClaim(ctx context.Context, id string, version int) error

	CreateLink(ctx context.Context, l *Link) error
	UpdateLink(ctx context.Context, l *Link) error
	DeleteLink(ctx context.Context, id string, version int) error

	CreateReview(ctx context.Context, r *Review) error
	UpdateReview(ctx context.Context, r *Review) error
	DeleteReview(ctx context.Context, id string, version int) error
}

// Transactor runs work in one transaction.
type Transactor interface {
	// Atomically runs fn with a Store whose writes all commit when fn
	// returns nil and are all rolled back otherwise. Imports use it so that
	// a file that fails halfway leaves no trace.
	Atomically(ctx context.Context, fn func(tx Store) error) error
}

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Store persists topics, sources, claimants, claims, links and reviews:
// it reads (Reader), writes (Writer), runs transactions (Transactor) and
// answers pings (Pinger).
type Store interface {
	Reader
	Writer
	Transactor
	Pinger
}

// Page is one page of a listing. Next is the cursor of the following page,
// empty on the last one.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next_cursor"`
}

// Listing limits.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// ListOptions are the paging and sorting options every listing takes.
type ListOptions struct {
	// Limit is the page size: 0 means DefaultLimit, at most MaxLimit.
	Limit int
	// Cursor is the opaque Next of the previous page.
	Cursor string
	// Sort is a field name, optionally prefixed with '-' for descending
	// order. Ties are broken by ID, so paging is stable.
	Sort string
}

// SortField returns the field and direction of o.Sort, falling back to def.
func (o ListOptions) SortField(def string) (field string, desc bool) {
	s := o.Sort
	if s == "" {
		s = def
	}
	return strings.TrimPrefix(s, "-"), strings.HasPrefix(s, "-")
}

// Check validates the options against the sortable fields of a listing.
func (o ListOptions) Check(sortable []string) error {
	var p Problems
	if o.Limit < 0 || o.Limit > MaxLimit {
		p.Add("limit", "must be between 1 and %d", MaxLimit)
	}
	if o.Sort != "" {
		if f, _ := o.SortField(""); !slices.Contains(sortable, f) {
			p.Add("sort", "must be one of %s, optionally prefixed with '-'", strings.Join(sortable, ", "))
		}
	}
	return p.Err("listing")
}

// PageSize returns the effective page size.
func (o ListOptions) PageSize() int {
	if o.Limit <= 0 {
		return DefaultLimit
	}
	return o.Limit
}

// Sortable fields of each listing; the first is the default.
var (
	TopicSorts    = []string{"created_at", "updated_at", "title"}
	SourceSorts   = []string{"created_at", "updated_at", "name", "published_on"}
	ClaimantSorts = []string{"created_at", "updated_at", "name"}
	ClaimSorts    = []string{"created_at", "updated_at", "ref_date", "low", "high", "best"}
	LinkSorts     = []string{"created_at", "updated_at"}
	ReviewSorts   = []string{"created_at", "updated_at"}
)

// TopicFilter selects topics. Text matches title and description,
// case-insensitively. In every filter's Text, " OR " separates
// alternatives any of which may match (fulltext.Alternatives).
type TopicFilter struct {
	ListOptions
	Text     string
	Tag      string
	ParentID string
	// HasConflicts, when set, keeps the topics that have notable
	// conflicts (true: those GET /api/v1/conflicts lists) or those that
	// have none (false), as their stored summaries count them.
	HasConflicts *bool
}

// SourceFilter selects sources. Text matches name, publisher and URL.
type SourceFilter struct {
	ListOptions
	Text string
	Kind SourceKind
}

// ClaimantFilter selects claimants. Text matches name, role and affiliation.
type ClaimantFilter struct {
	ListOptions
	Text string
}

// ClaimFilter selects claims.
type ClaimFilter struct {
	ListOptions
	TopicID    string
	ClaimantID string
	// SourceID matches the origin or any relay.
	SourceID string
	Tag      string
	// Text matches quote, quantity text, original text and notes.
	Text string
	// Query is a full-text query over the quote, quantity text, original
	// text and notes, and the names of the claimant, the origin source and
	// the topic (see package fulltext). Listings keep their sort; Search
	// ranks by relevance.
	Query string
	// From and To bound the claim's reference date (RefDate), inclusive;
	// a claim whose date is partly inside the range matches.
	From, To Date
	// SaidFrom and SaidTo bound SaidOn, AsOfFrom and AsOfTo bound AsOf,
	// in the same way: a claim without that date never matches.
	SaidFrom, SaidTo Date
	AsOfFrom, AsOfTo Date
	// ValueLow and ValueHigh select claims whose interval in force
	// overlaps [ValueLow, ValueHigh]; nil leaves that end open. A claim
	// without an interval never matches.
	ValueLow, ValueHigh *float64
	Rank                Rank
	Grade               Grade
	EvidenceType        EvidenceType
	Place               string
	// InConflict, when set, keeps the claims that are (true) or are not
	// (false) in conflict with another claim of their topic.
	InConflict *bool
}

// CheckRanges reports a date that is not a date, or a range whose start
// is after its end, naming the parameter.
func (f ClaimFilter) CheckRanges() error {
	var p Problems
	for _, r := range []struct {
		from, to   Date
		fromN, toN string
	}{
		{f.From, f.To, "from", "to"},
		{f.SaidFrom, f.SaidTo, "said_from", "said_to"},
		{f.AsOfFrom, f.AsOfTo, "as_of_from", "as_of_to"},
	} {
		ok := true
		for _, d := range []struct {
			d    Date
			name string
		}{{r.from, r.fromN}, {r.to, r.toN}} {
			if !d.d.Valid() {
				p.Add(d.name, "%q is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", string(d.d))
				ok = false
			}
		}
		if ok && r.from != "" && r.to != "" && r.from.Start().After(r.to.End()) {
			p.Add(r.fromN, "%s is after %s (%s): the range is empty", r.from, r.toN, r.to)
		}
	}
	if f.ValueLow != nil && f.ValueHigh != nil && *f.ValueLow > *f.ValueHigh {
		p.Add("value_low", "%g is greater than value_high (%g): the range is empty", *f.ValueLow, *f.ValueHigh)
	}
	return p.Err("listing")
}

// LinkFilter selects links.
type LinkFilter struct {
	ListOptions
	// ClaimID matches links from or to the claim.
	ClaimID string
	Kind    LinkKind
}

// ReviewFilter selects reviews.
type ReviewFilter struct {
	ListOptions
	// TopicID matches reviews of a pair with a claim in the topic.
	TopicID string
	// ClaimID matches reviews naming the claim on either side.
	ClaimID string
	// Pairs, when not nil, matches the reviews of these pairs only, each
	// named as a review stores it (ClaimA before ClaimB, see
	// Review.Normalize). An empty, non-nil Pairs matches nothing.
	Pairs  [][2]string
	Status ReviewStatus
}
