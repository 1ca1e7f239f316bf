package xref

import (
	"context"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Input is what the engine reads of one topic: the topic, its claims with
// their claimants' names ordered by claim ID, the analysts' links touching
// them ordered by ID, and the related records (Related). The stored
// recompute reads the same claims lean (RecomputeLean), never as an
// Input; Reader.TopicInput loads one from that lean form, so its claims
// are slim (as Slim gives them: no quote, notes, tags or relays) and share
// their intervals and places: read them, do not change them. It leaves out
// Related.ChildClaims and Related.Reviews, which relations do not read.
// Relations computed on demand read a prepared topic instead
// (Reader.PreparedTopic).
type Input struct {
	Topic   *claims.Topic
	Claims  []ClaimView
	Links   []*claims.Link
	Related Related
}

// Store is a claims.Store that keeps the cross-referencing of every topic
// current: on each write that changes a topic it recomputes that topic (and
// its parent and children) with Recompute, in the same transaction, and
// stores the per-claim and per-topic summaries and the notable conflicts.
// Its reads (Reader) return what was stored; none of them recomputes.
//
// The package only declares the interfaces, so that it stays pure; the
// gormstore package implements them.
type Store interface {
	claims.Store
	Reader
}

// Reader reads what the store keeps of the cross-referencing, and the
// records and places it names.
type Reader interface {
	// TopicResult returns the stored result of the topic's last recompute:
	// its summary, series, sums of parts and notable conflicts. Claims is
	// left empty: page the claims' summaries with ClaimSummaries. A topic
	// that does not exist is CodeNotFound.
	TopicResult(ctx context.Context, topicID string) (*TopicResult, error)
	// TopicResultPart is TopicResult with only the part a page of the
	// comparison shows (see ResultPart).
	TopicResultPart(ctx context.Context, topicID string, part ResultPart) (*TopicResult, error)
	// ClaimSummaries returns a page of the stored summaries of the topic's
	// claims, ordered by claim ID, or with Sort SortWorstFirst by their
	// worst conflict's severity, the most severe first, then by claim ID.
	// Limit may be up to MaxComparisonLimit.
	ClaimSummaries(ctx context.Context, topicID string, o claims.ListOptions) (claims.Page[ClaimSummary], error)
	// TopicSummaries returns the stored summaries of the given topics, by
	// topic ID; a topic without one is left out.
	TopicSummaries(ctx context.Context, topicIDs []string) (map[string]TopicSummary, error)
	// TopicInput returns what the engine reads of a topic to compute
	// relations on demand, loaded as the stored recompute loads it (slim
	// claims, to be read only: see Input). A
	// topic that does not exist is CodeNotFound.
	TopicInput(ctx context.Context, topicID string) (*Input, error)
	// PreparedTopic returns the topic's claims and its parent's prepared
	// for relations (see Prepared), kept while they are unchanged, and the
	// links touching the topic's claims, current as of the call (a store
	// may keep them while no link is written). A topic that does not exist
	// is CodeNotFound.
	PreparedTopic(ctx context.Context, topicID string) (*Prepared, []*claims.Link, error)
	// FindClaimsByID, FindClaimantsByID and FindSourcesByID return the
	// records with the given IDs, in no particular order, leaving out those
	// that do not exist.
	FindClaimsByID(ctx context.Context, ids []string) ([]*claims.Claim, error)
	FindClaimantsByID(ctx context.Context, ids []string) ([]*claims.Claimant, error)
	FindSourcesByID(ctx context.Context, ids []string) ([]*claims.Source, error)
	// ConflictSides returns what the conflicts listing shows of the claims
	// with the given IDs (ConflictSide), in no particular order, leaving
	// out those that do not exist: a narrow read of four columns, where
	// FindClaimsByID and FindClaimantsByID read and decode whole records.
	ConflictSides(ctx context.Context, ids []string) ([]ConflictSide, error)
	// ListConflicts returns a page of the stored notable conflicts of
	// every topic that f selects, highest priority first (see Priority),
	// or most severe first with sort -severity.
	ListConflicts(ctx context.Context, f ConflictFilter, o claims.ListOptions) (claims.Page[Conflict], error)

	// Gazetteer returns the built-in gazetteer with the analysts' custom
	// places added.
	Gazetteer(ctx context.Context) (*gazetteer.Gazetteer, error)
	// CustomPlaces returns the places analysts added, in the order added.
	CustomPlaces(ctx context.Context) ([]gazetteer.Place, error)
}

// ConflictSide is what GET /api/v1/conflicts shows of one claim of a
// pair: the claim, its claimant and that claimant's name ("" when the
// claimant does not exist), and the quantity as reported.
type ConflictSide struct {
	ClaimID      string
	ClaimantID   string
	ClaimantName string
	QuantityText string
}

// Places adds and removes analysts' custom places. claims/service
// implements it for the API, preparing a place before its store persists
// it.
type Places interface {
	// CreatePlace adds a custom place (its ID is derived from its name when
	// empty) and recomputes the topics it may change. A place that clashes
	// with a known name or ID, or names an unknown parent, is CodeInvalid.
	CreatePlace(ctx context.Context, p *gazetteer.Place) error
	// DeletePlace removes the custom place with the given ID or name. A
	// built-in place cannot be deleted (CodeInvalid), nor one that other
	// custom places lie inside (CodeConflict).
	DeletePlace(ctx context.Context, idOrName string) error
}

// ResultPart is the part of a TopicResult to read.
type ResultPart struct {
	// Conflicts is the most conflicts to read, the first in TopicResult's
	// order; 0 reads them all.
	Conflicts int
	// SeriesOf, when not nil, keeps only the series with a figure of one
	// of these claims, each whole.
	SeriesOf []string
}

// SortWorstFirst is the order of ClaimSummaries that lists the claims in
// conflict first, the most severe first.
const SortWorstFirst = "-worst_severity"

// MaxComparisonLimit is the largest page of claims a comparison returns.
const MaxComparisonLimit = 5000
