// Package service owns every write of claimdesk. The API, import, reparse,
// the demo loader, restores from history, custom places and (through
// Accounts) users all write through it, which, for each write:
//
//  1. normalises and validates the record (CodeInvalid naming the field);
//  2. reads a claim's quantity_text with its parser and settles which
//     interval is in force;
//  3. hands the record, ready to store, to its Persister, whose one short
//     transaction persists it, recomputes the summaries of the topics it
//     affects and records its history line, in the lock order the
//     persister documents, all or nothing.
//
// A Persister only persists: it neither parses nor validates beyond what
// needs the database (references, versions, duplicates). A write that
// fails at any step leaves nothing behind. Besides the records' writes
// (Persister), the service asks its store, by small interfaces, for what
// each other write needs: HistoryPersister for restores, PlacePersister
// for custom places, exchange.BulkStore for imports.
//
// The service is the write side only: it serves no reads, except inside a
// transaction (Atomically), whose Store reads from the transaction.
//
// The package knows nothing of HTTP, gin or gorm.
package service

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/xref"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Persister is what the service needs of storage: the records' writes,
// stored as given (the service has prepared them), the delete that takes
// what names a claim along, a transaction (Atomically; its Store, a
// Persister too, serves the reads made inside it), and the one read the
// service makes outside a transaction: the claims a dry-run Reparse
// reads. gormstore.Store implements it.
type Persister interface {
	claims.Writer
	// DeleteClaimCascade deletes a claim with the links and reviews that
	// name it.
	DeleteClaimCascade(ctx context.Context, id string, version int) error
	claims.Transactor
	claims.ClaimReader
}

// Service validates, parses and writes records through a Persister. It is
// safe for concurrent use.
type Service struct {
	p      Persister
	parser *quantity.Parser
}

var (
	_ claims.Writer     = (*Service)(nil)
	_ claims.Transactor = (*Service)(nil)
)

var (
	defaultParser     *quantity.Parser
	defaultParserOnce sync.Once
)

// New returns a Service writing through p, reading quantities with parser
// (nil uses the built-in lexicon).
func New(p Persister, parser *quantity.Parser) *Service {
	if parser == nil {
		defaultParserOnce.Do(func() { defaultParser = quantity.New() })
		parser = defaultParser
	}
	return &Service{p: p, parser: parser}
}

// Parser returns the parser the service reads quantities with.
func (s *Service) Parser() *quantity.Parser { return s.parser }

// prepare normalises and validates a record of any kind, reading a
// claim's quantity with the service's parser. The ID is assigned first
// when the record has none, so that messages can name it.
func (s *Service) prepare(rec any) error {
	switch r := rec.(type) {
	case *claims.Claim:
		return r.Prepare(s.parser)
	case *claims.Topic:
		r.Normalize()
		return r.Validate()
	case *claims.Source:
		r.Normalize()
		return r.Validate()
	case *claims.Claimant:
		r.Normalize()
		return r.Validate()
	case *claims.Link:
		r.Normalize()
		return r.Validate()
	case *claims.Review:
		r.Normalize()
		return r.Validate()
	}
	panic("service: not a record")
}

// write prepares rec, then persists it. On failure rec's Meta is as it
// was (the Persister restores it when its transaction fails).
func write[T any](s *Service, ctx context.Context, rec *T, persist func(context.Context, *T) error) error {
	if err := s.prepare(rec); err != nil {
		return err
	}
	return persist(ctx, rec)
}

// CreateTopic validates and stores a new topic.
func (s *Service) CreateTopic(ctx context.Context, t *claims.Topic) error {
	return write(s, ctx, t, s.p.CreateTopic)
}

// UpdateTopic validates and replaces a topic at t.Version.
func (s *Service) UpdateTopic(ctx context.Context, t *claims.Topic) error {
	return write(s, ctx, t, s.p.UpdateTopic)
}

// CreateSource validates and stores a new source.
func (s *Service) CreateSource(ctx context.Context, src *claims.Source) error {
	return write(s, ctx, src, s.p.CreateSource)
}

// UpdateSource validates and replaces a source at src.Version.
func (s *Service) UpdateSource(ctx context.Context, src *claims.Source) error {
	return write(s, ctx, src, s.p.UpdateSource)
}

// CreateClaimant validates and stores a new claimant.
func (s *Service) CreateClaimant(ctx context.Context, c *claims.Claimant) error {
	return write(s, ctx, c, s.p.CreateClaimant)
}

// UpdateClaimant validates and replaces a claimant at c.Version.
func (s *Service) UpdateClaimant(ctx context.Context, c *claims.Claimant) error {
	return write(s, ctx, c, s.p.UpdateClaimant)
}

// CreateClaim reads the claim's quantity_text, validates it and stores it.
func (s *Service) CreateClaim(ctx context.Context, c *claims.Claim) error {
	return write(s, ctx, c, s.p.CreateClaim)
}

// UpdateClaim reads the claim's quantity_text again, validates it and
// replaces the claim at c.Version.
func (s *Service) UpdateClaim(ctx context.Context, c *claims.Claim) error {
	return write(s, ctx, c, s.p.UpdateClaim)
}

// StampParserVersion records the parser version of claims read again
// exactly as before (claims.ParserStamper), where the store can.
func (s *Service) StampParserVersion(ctx context.Context, version string, ids []string) error {
	if st, ok := s.p.(claims.ParserStamper); ok {
		return st.StampParserVersion(ctx, version, ids)
	}
	return errors.ErrUnsupported
}

// CreateLink validates and stores a new link.
func (s *Service) CreateLink(ctx context.Context, l *claims.Link) error {
	return write(s, ctx, l, s.p.CreateLink)
}

// UpdateLink validates and replaces a link at l.Version.
func (s *Service) UpdateLink(ctx context.Context, l *claims.Link) error {
	return write(s, ctx, l, s.p.UpdateLink)
}

// CreateReview validates and stores a new review.
func (s *Service) CreateReview(ctx context.Context, r *claims.Review) error {
	return write(s, ctx, r, s.p.CreateReview)
}

// UpdateReview validates and replaces a review at r.Version.
func (s *Service) UpdateReview(ctx context.Context, r *claims.Review) error {
	return write(s, ctx, r, s.p.UpdateReview)
}

// Deletes need no preparing: they go to the Persister as they are.

// DeleteTopic deletes a topic at version (0: whatever is stored).
func (s *Service) DeleteTopic(ctx context.Context, id string, version int) error {
	return s.p.DeleteTopic(ctx, id, version)
}

// DeleteSource deletes a source at version (0: whatever is stored).
func (s *Service) DeleteSource(ctx context.Context, id string, version int) error {
	return s.p.DeleteSource(ctx, id, version)
}

// DeleteClaimant deletes a claimant at version (0: whatever is stored).
func (s *Service) DeleteClaimant(ctx context.Context, id string, version int) error {
	return s.p.DeleteClaimant(ctx, id, version)
}

// DeleteClaim deletes a claim at version (0: whatever is stored).
func (s *Service) DeleteClaim(ctx context.Context, id string, version int) error {
	return s.p.DeleteClaim(ctx, id, version)
}

// DeleteClaimCascade deletes a claim at version with the links and
// reviews that name it.
func (s *Service) DeleteClaimCascade(ctx context.Context, id string, version int) error {
	return s.p.DeleteClaimCascade(ctx, id, version)
}

// DeleteLink deletes a link at version (0: whatever is stored).
func (s *Service) DeleteLink(ctx context.Context, id string, version int) error {
	return s.p.DeleteLink(ctx, id, version)
}

// DeleteReview deletes a review at version (0: whatever is stored).
func (s *Service) DeleteReview(ctx context.Context, id string, version int) error {
	return s.p.DeleteReview(ctx, id, version)
}

// Atomically runs fn with a Store bound to one transaction of the
// Persister: it reads from the transaction, and everything fn writes,
// validated and parsed by the service as any other write, commits when fn
// returns nil and is rolled back otherwise. The Persister may run fn
// again from the start when the database aborts the transaction as a
// serialization failure or deadlock, so fn must not act outside the
// transaction before it returns.
func (s *Service) Atomically(ctx context.Context, fn func(tx claims.Store) error) error {
	return s.p.Atomically(ctx, func(tx claims.Store) error {
		p, ok := tx.(Persister)
		if !ok {
			p = partial{tx}
		}
		return fn(txStore{Reader: tx, Pinger: tx, Service: &Service{p: p, parser: s.parser}})
	})
}

// txStore is a transaction seen through the service: reads and pings go
// to the transaction, writes through a Service bound to it.
type txStore struct {
	claims.Reader
	claims.Pinger
	*Service
}

// partial is a transaction's Store that lacks DeleteClaimCascade.
type partial struct{ claims.Store }

func (p partial) DeleteClaimCascade(context.Context, string, int) error {
	return claims.Errorf(claims.CodeInternal, "service: the store's transaction cannot cascade deletes")
}

// Import reads a document from r and writes its records in one
// transaction of the Persister's bulk path (see exchange.Import): every
// record is normalised, validated and its quantity read with the
// service's parser before it is written. The Persister must be an
// exchange.BulkStore.
func (s *Service) Import(ctx context.Context, r io.Reader, opts exchange.ImportOptions) (*exchange.Report, error) {
	st, ok := s.p.(exchange.BulkStore)
	if !ok {
		return &exchange.Report{Format: opts.Format, DryRun: opts.DryRun, Errors: []exchange.RecordError{}},
			claims.Errorf(claims.CodeInternal, "service: the store has no bulk write path for imports")
	}
	opts.Parser = s.parser
	return exchange.Import(ctx, st, r, opts)
}

// Reparse reads again, with the service's parser, every claim an older
// parser read (see claims.Reparse), writing through the service.
func (s *Service) Reparse(ctx context.Context, dryRun bool, report func(claims.Moved) error) (claims.ReparseReport, error) {
	return claims.Reparse(ctx, reparsing{ClaimReader: s.p, Transactor: s}, s.parser, dryRun, report)
}

// reparsing reads claims from the Persister and updates them in the
// service's transactions.
type reparsing struct {
	claims.ClaimReader
	claims.Transactor
}

// HistoryPersister brings records back from their history: it reads the
// version, hands the record to prepare, and stores it as given, with its
// history line, in one transaction. gormstore.Store implements it.
type HistoryPersister interface {
	Restore(ctx context.Context, kind, id string, version int, prepare func(rec any) error) (*claims.Change, error)
	Undelete(ctx context.Context, kind, id string, prepare func(rec any) error) (*claims.Change, error)
}

var _ claims.Restorer = (*Service)(nil)

// Restore makes an earlier version of a record current again (see
// claims.Restorer). The version is normalised and validated as today's
// rules read it: one written under older rules (a claim's stock or flow
// measure) comes back as today's, and must still be valid. Its quantity
// is not read again: a restore brings back the figure as it was.
func (s *Service) Restore(ctx context.Context, kind, id string, version int) (*claims.Change, error) {
	hp, err := s.history()
	if err != nil {
		return nil, err
	}
	return hp.Restore(ctx, kind, id, version, prepareRestored)
}

// Undelete brings a deleted record back, with what its delete took along,
// each normalised and validated as Restore does.
func (s *Service) Undelete(ctx context.Context, kind, id string) (*claims.Change, error) {
	hp, err := s.history()
	if err != nil {
		return nil, err
	}
	return hp.Undelete(ctx, kind, id, prepareRestored)
}

func (s *Service) history() (HistoryPersister, error) {
	hp, ok := s.p.(HistoryPersister)
	if !ok {
		return nil, claims.Errorf(claims.CodeInternal, "service: the store keeps no history to restore from")
	}
	return hp, nil
}

// prepareRestored normalises and validates a record read from history.
func prepareRestored(rec any) error {
	r, ok := rec.(interface {
		Normalize()
		Validate() error
	})
	if !ok {
		return claims.Errorf(claims.CodeInternal, "service: %T is not a record", rec)
	}
	r.Normalize()
	return r.Validate()
}

// PlacePersister stores and removes custom places, checking what needs
// the database (clashes with known names, unknown parents), and
// recomputes the topics they change. gormstore.Store implements it.
type PlacePersister = xref.Places

var _ xref.Places = (*Service)(nil)

// CreatePlace normalises and validates a custom place, then stores it:
// the name is trimmed and required, the ID derived from it when empty, the
// kind a subdivision unless given.
func (s *Service) CreatePlace(ctx context.Context, p *gazetteer.Place) error {
	pp, err := s.places()
	if err != nil {
		return err
	}
	orig := *p
	preparePlace(p)
	if err := validatePlace(p); err != nil {
		*p = orig
		return err
	}
	if err := pp.CreatePlace(ctx, p); err != nil {
		*p = orig
		return err
	}
	return nil
}

// DeletePlace removes a custom place, named by ID or name.
func (s *Service) DeletePlace(ctx context.Context, idOrName string) error {
	pp, err := s.places()
	if err != nil {
		return err
	}
	return pp.DeletePlace(ctx, idOrName)
}

func (s *Service) places() (PlacePersister, error) {
	pp, ok := s.p.(PlacePersister)
	if !ok {
		return nil, claims.Errorf(claims.CodeInternal, "service: the store keeps no custom places")
	}
	return pp, nil
}

func preparePlace(p *gazetteer.Place) {
	p.Name = strings.TrimSpace(p.Name)
	p.ID = strings.TrimSpace(p.ID)
	if p.ID == "" && p.Name != "" {
		p.ID = "custom:" + strings.ReplaceAll(gazetteer.Fold(p.Name), " ", "-")
	}
	if p.Kind == "" {
		p.Kind = gazetteer.Subdivision
	}
	if p.Aliases == nil {
		p.Aliases = []string{}
	}
	if p.In == nil {
		p.In = []string{}
	}
}

func validatePlace(p *gazetteer.Place) error {
	var problems claims.Problems
	if p.Name == "" {
		problems.Add("name", "is required")
	}
	if len(p.Name) > claims.MaxNameLen {
		problems.Add("name", "is longer than %d bytes", claims.MaxNameLen)
	}
	if len(p.Members) > 0 {
		// The store keeps a place's name, aliases and parents, not the
		// built-in table's members of a grouping.
		problems.Add("members", "are not kept for an analyst's place: name the places it lies in under \"in\" instead")
	}
	return problems.Err("place")
}
