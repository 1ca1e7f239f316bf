// Package demo holds claimdesk's embedded demo dataset and loads it into an
// empty store for `claimdesk serve --demo`.
//
// The dataset follows public figures for Russians and other foreign fighters
// with the Islamic State, 2013 to 2017, starting from the project's founding
// example: Mikhail Bogdanov's "a few dozen" Russians in Syria and Iraq
// (Kommersant, 29 September 2014) against The Independent's "about 800" in
// Syria alone. It has six topics in a part/whole tree (all Islamic State
// fighters, foreign fighters in Syria and Iraq, fighters from the former
// USSR, Russian nationals and other former-Soviet nationals, Chechens), the
// outlets and documents the figures were read in, their claimants, one claim
// per figure with its variant reports, and the links an analyst would draw
// between them.
//
// Conventions of the data: records have readable stable IDs (topic-…, src-…,
// cl-…, and claims named after their fact, such as r4-bogdanov-2014), so
// tests and analysts can refer to them. A claim's scope.places name the
// theatre where the fighters are counted; where they come from is its
// scope.population. Claims carry no interval unless the parser cannot read
// their quantity_text (the analyst_interval then says how the analyst read
// it, and the notes why); the store parses the rest when it writes them.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/claimdesk/claimdesk/claims"
)

//go:embed demo.json
var data []byte

// Bundle decodes the embedded dataset. Each call returns fresh records, so
// callers may modify them. Decoding is strict: an unknown field, trailing
// data or a schema version other than claims.BundleSchemaVersion is an
// error.
func Bundle() (*claims.Bundle, error) {
	return decode(data)
}

func decode(b []byte) (*claims.Bundle, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var bun claims.Bundle
	if err := dec.Decode(&bun); err != nil {
		return nil, fmt.Errorf("demo: decode dataset: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("demo: decode dataset: trailing data after the bundle")
	}
	if bun.SchemaVersion != claims.BundleSchemaVersion {
		return nil, fmt.Errorf("demo: dataset has schema version %d, want %d", bun.SchemaVersion, claims.BundleSchemaVersion)
	}
	return &bun, nil
}

// Report counts the records Load wrote.
type Report struct {
	Topics    int `json:"topics"`
	Sources   int `json:"sources"`
	Claimants int `json:"claimants"`
	Claims    int `json:"claims"`
	Links     int `json:"links"`
}

// Load writes the demo dataset into s, all in one s.Atomically call, so
// that a failure leaves nothing behind. It refuses with a CodeConflict
// error unless s holds no topics, sources, claimants or claims: the demo
// is for a fresh database, never mixed with an analyst's own records.
func Load(ctx context.Context, s claims.Transactor) (Report, error) {
	b, err := Bundle()
	if err != nil {
		return Report{}, err
	}
	return load(ctx, s, b)
}

// load writes b into s in dependency order: topics (parents before
// children), sources, claimants, claims, links.
func load(ctx context.Context, s claims.Transactor, b *claims.Bundle) (Report, error) {
	if len(b.Reviews) > 0 {
		return Report{}, claims.Errorf(claims.CodeInvalid, "demo: the dataset holds reviews, which the demo loader does not write")
	}
	topics, err := parentsFirst(b.Topics)
	if err != nil {
		return Report{}, err
	}
	var r Report
	err = s.Atomically(ctx, func(tx claims.Store) error {
		r = Report{}
		if err := checkEmpty(ctx, tx); err != nil {
			return err
		}
		for _, t := range topics {
			if err := tx.CreateTopic(ctx, t); err != nil {
				return fmt.Errorf("demo: topic %q: %w", t.ID, err)
			}
			r.Topics++
		}
		for _, src := range b.Sources {
			if err := tx.CreateSource(ctx, src); err != nil {
				return fmt.Errorf("demo: source %q: %w", src.ID, err)
			}
			r.Sources++
		}
		for _, c := range b.Claimants {
			if err := tx.CreateClaimant(ctx, c); err != nil {
				return fmt.Errorf("demo: claimant %q: %w", c.ID, err)
			}
			r.Claimants++
		}
		for _, c := range b.Claims {
			if err := tx.CreateClaim(ctx, c); err != nil {
				return fmt.Errorf("demo: claim %q: %w", c.ID, err)
			}
			r.Claims++
		}
		for _, l := range b.Links {
			if err := tx.CreateLink(ctx, l); err != nil {
				return fmt.Errorf("demo: link %q: %w", l.ID, err)
			}
			r.Links++
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return r, nil
}

// checkEmpty returns a CodeConflict error when s holds any topic, source,
// claimant or claim.
func checkEmpty(ctx context.Context, s claims.Reader) error {
	one := claims.ListOptions{Limit: 1}
	counts := []func() (int, error){
		func() (int, error) {
			p, err := s.ListTopics(ctx, claims.TopicFilter{ListOptions: one})
			return len(p.Items), err
		},
		func() (int, error) {
			p, err := s.ListSources(ctx, claims.SourceFilter{ListOptions: one})
			return len(p.Items), err
		},
		func() (int, error) {
			p, err := s.ListClaimants(ctx, claims.ClaimantFilter{ListOptions: one})
			return len(p.Items), err
		},
		func() (int, error) {
			p, err := s.ListClaims(ctx, claims.ClaimFilter{ListOptions: one})
			return len(p.Items), err
		},
	}
	for _, count := range counts {
		n, err := count()
		if err != nil {
			return fmt.Errorf("demo: check the database is empty: %w", err)
		}
		if n > 0 {
			return claims.Errorf(claims.CodeConflict, "the database is not empty: --demo loads only into an empty database")
		}
	}
	return nil
}

// parentsFirst orders topics so that every parent within the list comes
// before its children, keeping the given order otherwise. A cycle is
// CodeInvalid.
func parentsFirst(topics []*claims.Topic) ([]*claims.Topic, error) {
	byID := make(map[string]*claims.Topic, len(topics))
	for _, t := range topics {
		byID[t.ID] = t
	}
	const (
		visiting = 1
		done     = 2
	)
	state := make(map[*claims.Topic]int, len(topics))
	out := make([]*claims.Topic, 0, len(topics))
	var visit func(t *claims.Topic) error
	visit = func(t *claims.Topic) error {
		switch state[t] {
		case done:
			return nil
		case visiting:
			return claims.Errorf(claims.CodeInvalid, "demo: topic %q is its own ancestor", t.ID)
		}
		state[t] = visiting
		if p, ok := byID[t.ParentID]; ok && t.ParentID != "" {
			if err := visit(p); err != nil {
				return err
			}
		}
		state[t] = done
		out = append(out, t)
		return nil
	}
	for _, t := range topics {
		if err := visit(t); err != nil {
			return nil, err
		}
	}
	return out, nil
}
