package xref

import (
	"encoding/binary"

	"github.com/claimdesk/claimdesk/claims"
)

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

// A Slimmer makes slim copies (Slim) that share what claims have in
// common: each text once (a topic's ID, a claimant's, units, dates, the
// scope's members), each list of places once and each interval once. A
// recompute holding a large topic with its parent (at a million claims
// about 97,000 claims) keeps them this way: a slim claim is then its
// struct and its ID, about 700 bytes, where a claim read whole took about
// 1.3 KB and a slim one with texts of its own about 900. The engine only
// reads the claims, so sharing is safe.
//
// The tables are bounded: past slimmerMax entries they start again, so a
// Slimmer used for a whole database holds the texts of the claims it made
// lately, not of all of them (claims made before keep theirs).
type Slimmer struct {
	strs   map[string]string
	places map[string][]string
	ivs    map[intervalKey]*claims.Interval
}

// slimmerMax bounds each table of a Slimmer.
const slimmerMax = 1 << 16

// NewSlimmer returns an empty Slimmer.
func NewSlimmer() *Slimmer {
	return &Slimmer{strs: map[string]string{}, places: map[string][]string{}, ivs: map[intervalKey]*claims.Interval{}}
}

func (s *Slimmer) str(v string) string {
	if v == "" {
		return ""
	}
	if w, ok := s.strs[v]; ok {
		return w
	}
	if len(s.strs) >= slimmerMax {
		clear(s.strs)
	}
	s.strs[v] = v
	return v
}

// Slim returns Slim(c) with its texts, places and interval shared with
// the other claims s made.
func (s *Slimmer) Slim(c *claims.Claim) *claims.Claim {
	t := Slim(c)
	t.TopicID = s.str(t.TopicID)
	t.ClaimantID = s.str(t.ClaimantID)
	t.QuantityText = s.str(t.QuantityText)
	t.IntervalSource = claims.IntervalSource(s.str(string(t.IntervalSource)))
	t.Unit = s.str(t.Unit)
	t.Occasion = s.str(t.Occasion)
	t.SaidOn = claims.Date(s.str(string(t.SaidOn)))
	t.PublishedOn = claims.Date(s.str(string(t.PublishedOn)))
	t.AsOf = claims.Date(s.str(string(t.AsOf)))
	t.Since = claims.Date(s.str(string(t.Since)))
	t.Basis = claims.Basis(s.str(string(t.Basis)))
	t.EvidenceType = claims.EvidenceType(s.str(string(t.EvidenceType)))
	t.Grade = claims.Grade(s.str(string(t.Grade)))
	t.Rank = claims.Rank(s.str(string(t.Rank)))
	t.Provenance.SourceID = s.str(t.Provenance.SourceID)
	t.Scope.Population = s.str(t.Scope.Population)
	t.Scope.Group = s.str(t.Scope.Group)
	t.Scope.Measure = claims.Measure(s.str(string(t.Scope.Measure)))
	if ps := t.Scope.Places; ps != nil {
		// Each place with its length before it: an empty list (not nil)
		// has a key too.
		b := make([]byte, 0, 64)
		b = append(b, '[')
		for _, p := range ps {
			b = binary.AppendUvarint(b, uint64(len(p)))
			b = append(b, p...)
		}
		shared, ok := s.places[string(b)]
		if !ok {
			if len(s.places) >= slimmerMax {
				clear(s.places)
			}
			shared = make([]string, len(ps))
			for i, p := range ps {
				shared[i] = s.str(p)
			}
			s.places[string(b)] = shared
		}
		t.Scope.Places = shared
	}
	if iv := t.Interval; iv != nil {
		key := keyOfInterval(iv)
		shared, ok := s.ivs[key]
		if !ok {
			if len(s.ivs) >= slimmerMax {
				clear(s.ivs)
			}
			shared = iv
			s.ivs[key] = shared
		}
		t.Interval = shared
	}
	return t
}
