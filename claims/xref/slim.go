package xref

import "github.com/claimdesk/claimdesk/claims"

// Slim returns a copy of c holding only the fields the engine reads: what
// a relation, its explanation, an origin or a series needs. A cache of a
// topic's claims for relations computed on demand keeps slim copies, so
// that the quotes, notes, original wording, relays and tags of a large
// topic do not stay in memory. A rule that starts reading another field
// of claims.Claim adds it here; TestSlimKeepsWhatTheEngineReads fails
// until it does.
func Slim(c *claims.Claim) *claims.Claim {
	s := &claims.Claim{
		Meta:           c.Meta,
		TopicID:        c.TopicID,
		ClaimantID:     c.ClaimantID,
		QuantityText:   c.QuantityText,
		NoNumber:       c.NoNumber,
		IntervalSource: c.IntervalSource,
		Unit:           c.Unit,
		Scope:          c.Scope,
		Occasion:       c.Occasion,
		SaidOn:         c.SaidOn,
		PublishedOn:    c.PublishedOn,
		AsOf:           c.AsOf,
		Since:          c.Since,
		Basis:          c.Basis,
		EvidenceType:   c.EvidenceType,
		Grade:          c.Grade,
		Rank:           c.Rank,
	}
	s.Provenance.SourceID = c.Provenance.SourceID
	if c.Interval != nil {
		in := *c.Interval
		in.Rule, in.Explanation = "", ""
		s.Interval = &in
	}
	return s
}
