package claims

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// Moved is a claim whose parsed interval a new lexicon reads differently.
type Moved struct {
	ClaimID      string    `json:"claim_id"`
	TopicID      string    `json:"topic_id"`
	QuantityText string    `json:"quantity_text"`
	FromVersion  string    `json:"from_version"`
	ToVersion    string    `json:"to_version"`
	Before       *Interval `json:"before"`
	After        *Interval `json:"after"`
	// InForce is set when the parsed interval is the one in force, so the
	// claim's comparison changes; an analyst's interval shields it.
	InForce bool `json:"in_force"`
	// Error says why the new lexicon cannot read the text at all; such
	// claims keep their old reading and need an analyst.
	Error string `json:"error,omitempty"`
}

// ReparseReport counts what Reparse did.
type ReparseReport struct {
	ParserVersion string `json:"parser_version"`
	DryRun        bool   `json:"dry_run"`
	// Examined counts claims read with another parser version.
	Examined int `json:"examined"`
	// Moved counts those whose parsed interval changed, Unreadable those
	// the new lexicon cannot read; the rest are only restamped.
	Moved      int `json:"moved"`
	Unreadable int `json:"unreadable"`
	Restamped  int `json:"restamped"`
}

// Reparse reads again, with p, the quantity text of every claim that an
// older parser version (or another calibration) read, and calls report for
// each claim whose reading moved. Unless dryRun, it updates the claims in
// one transaction, so the summaries of each topic are recomputed once and
// a failure leaves everything as it was, and reports the moves once the
// transaction has committed (it may run more than once). Claims the new
// lexicon cannot read are reported and left unchanged. s's transactions
// should write through the service (claims/service), which parses with
// the same p.
func Reparse(ctx context.Context, s ReparseStore, p *quantity.Parser, dryRun bool, report func(Moved) error) (ReparseReport, error) {
	rep := ReparseReport{ParserVersion: p.Version(), DryRun: dryRun}
	if dryRun {
		return rep, reparseAll(ctx, s, nil, p, &rep, report)
	}
	// The store may run the transaction again from the start after a
	// serialization failure or deadlock: count afresh each time, and
	// report the moves once, after the commit.
	var moved []Moved
	err := s.Atomically(ctx, func(tx Store) error {
		rep = ReparseReport{ParserVersion: p.Version()}
		moved = moved[:0]
		return reparseAll(ctx, tx, tx, p, &rep, func(m Moved) error {
			moved = append(moved, m)
			return nil
		})
	})
	if err != nil {
		return rep, err
	}
	for _, m := range moved {
		if err := report(m); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// ReparseStore is what Reparse needs: the claims to read, and a
// transaction to update them in.
type ReparseStore interface {
	ClaimReader
	Transactor
}

// reparseAll reparses every claim of s, page by page, updating the moved
// ones through w; a nil w is a dry run.
func reparseAll(ctx context.Context, s ClaimReader, w Writer, p *quantity.Parser, rep *ReparseReport, report func(Moved) error) error {
	f := ClaimFilter{ListOptions: ListOptions{Limit: MaxLimit, Sort: "created_at"}}
	for {
		page, err := s.ListClaims(ctx, f)
		if err != nil {
			return err
		}
		var same []*Claim
		for _, c := range page.Items {
			next, err := reparseOne(ctx, w, p, c, rep, report)
			if err != nil {
				return err
			}
			if next != nil {
				same = append(same, next)
			}
		}
		if err := restamp(ctx, w, p.Version(), same); err != nil {
			return err
		}
		if page.Next == "" {
			return nil
		}
		f.Cursor = page.Next
	}
}

// ParserStamper records that claims were read again by a parser version
// and read exactly as before: only their parser_version changes, with no
// new version, updated_at or history row. A Writer may implement it;
// ErrUnsupported says the store beneath cannot.
type ParserStamper interface {
	StampParserVersion(ctx context.Context, version string, ids []string) error
}

// restamp records the parser version of claims whose reading did not
// change, in bulk where w can, else through UpdateClaim.
func restamp(ctx context.Context, w Writer, version string, same []*Claim) error {
	if w == nil || len(same) == 0 {
		return nil
	}
	if st, ok := w.(ParserStamper); ok {
		ids := make([]string, len(same))
		for i, c := range same {
			ids[i] = c.ID
		}
		err := st.StampParserVersion(ctx, version, ids)
		if !errors.Is(err, errors.ErrUnsupported) {
			return err
		}
	}
	for _, c := range same {
		if err := w.UpdateClaim(ctx, c); err != nil {
			return fmt.Errorf("reparse claim %s: %w", c.ID, err)
		}
	}
	return nil
}

// reparseOne reads c again; it updates c through w when its reading
// changed, and returns it read again when nothing but its parser version
// changed, for restamp.
func reparseOne(ctx context.Context, w Writer, p *quantity.Parser, c *Claim, rep *ReparseReport, report func(Moved) error) (*Claim, error) {
	if c.ParserVersion == p.Version() || c.QuantityText == "" || c.NoNumber {
		return nil, nil
	}
	rep.Examined++
	before := c.Parsed
	next := *c
	err := next.Prepare(p)
	var qe *Error
	if err != nil && !errors.As(err, &qe) {
		return nil, err
	}
	m := Moved{
		ClaimID: c.ID, TopicID: c.TopicID, QuantityText: c.QuantityText,
		FromVersion: c.ParserVersion, ToVersion: p.Version(),
		Before: before, After: next.Parsed, InForce: c.AnalystInterval == nil,
	}
	switch {
	case err != nil || next.Parsed == nil:
		rep.Unreadable++
		m.After = nil
		m.Error = ErrorMessage(err)
		return nil, report(m)
	case !sameBounds(before, next.Parsed):
		rep.Moved++
		if err := report(m); err != nil {
			return nil, err
		}
	default:
		rep.Restamped++
		// Read exactly as before (rule and explanation too, and nothing
		// Prepare normalises): only the parser version is recorded.
		stamped := *c
		stamped.ParserVersion = next.ParserVersion
		if reflect.DeepEqual(stamped, next) {
			return &next, nil
		}
	}
	if w == nil {
		return nil, nil
	}
	if err := w.UpdateClaim(ctx, &next); err != nil {
		return nil, fmt.Errorf("reparse claim %s: %w", c.ID, err)
	}
	return nil, nil
}

// sameBounds reports whether two intervals have the same numbers and kind.
func sameBounds(a, b *Interval) bool {
	if a == nil || b == nil {
		return a == b
	}
	eq := func(x, y *float64) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return eq(a.Low, b.Low) && eq(a.High, b.High) && eq(a.Best, b.Best) && a.Kind == b.Kind && a.Approx == b.Approx
}
