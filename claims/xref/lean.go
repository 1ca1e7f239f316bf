package xref

import (
	"fmt"

	"github.com/claimdesk/claimdesk/claims"
)

// A Prepared keeps its claims lean: what the engine reads of a claim (what
// Slim keeps, and the claimant's name), each text once in a table and a
// claim holding its indexes, each interval once. A slim claim takes about
// 800 bytes (the struct alone 608); a lean one about 110, so that the
// largest topic of a million claims and its parent (about 97,000 claims)
// take about 11 MB instead of 78. The claims a call relates one by one
// are rebuilt (view) for it.

// A claim's scope is kept whole, interned by its printed value, so a
// member added to claims.Scope is kept without a change here.

// The texts of a lean claim, by index in lean.s.
const (
	lTopic = iota
	lClaimant
	lName
	lQuantity
	lIntervalSource
	lUnit
	lOccasion
	lSaidOn
	lPublishedOn
	lAsOf
	lSince
	lBasis
	lEvidence
	lGrade
	lRank
	lSource
	lTexts
)

type lean struct {
	id       string
	s        [lTexts]int32
	scope    int32 // in Prepared.scopes
	interval int32 // in Prepared.intervals, -1 for none
	noNumber bool
	version  int32
}

// intervalKey is an interval's value, as Slim keeps it.
type intervalKey struct {
	lo, hi, best          float64
	hasLo, hasHi, hasBest bool
	approx                bool
	kind                  string
}

// keyOfInterval is iv's value as a map key: equal intervals, equal keys.
func keyOfInterval(iv *claims.Interval) intervalKey {
	key := intervalKey{approx: iv.Approx, kind: string(iv.Kind)}
	if iv.Low != nil {
		key.lo, key.hasLo = *iv.Low, true
	}
	if iv.High != nil {
		key.hi, key.hasHi = *iv.High, true
	}
	if iv.Best != nil {
		key.best, key.hasBest = *iv.Best, true
	}
	return key
}

type interner struct {
	strs      []string
	ids       map[string]int32
	scopes    []claims.Scope
	scopeIDs  map[string]int32
	intervals []*claims.Interval
	ivs       map[intervalKey]int32
}

func newInterner() *interner {
	return &interner{ids: map[string]int32{}, scopeIDs: map[string]int32{}, ivs: map[intervalKey]int32{}}
}

func (in *interner) str(s string) int32 {
	if k, ok := in.ids[s]; ok {
		return k
	}
	k := int32(len(in.strs))
	in.ids[s] = k
	in.strs = append(in.strs, s)
	return k
}

func (in *interner) lean(v ClaimView) lean {
	c := v.Claim
	l := lean{id: c.ID, noNumber: c.NoNumber, interval: -1, version: int32(c.Version)}
	for k, s := range [lTexts]string{
		lTopic: c.TopicID, lClaimant: c.ClaimantID, lName: v.ClaimantName, lQuantity: c.QuantityText,
		lIntervalSource: string(c.IntervalSource), lUnit: c.Unit, lOccasion: c.Occasion, lSaidOn: string(c.SaidOn),
		lPublishedOn: string(c.PublishedOn), lAsOf: string(c.AsOf), lSince: string(c.Since), lBasis: string(c.Basis),
		lEvidence: string(c.EvidenceType), lGrade: string(c.Grade), lRank: string(c.Rank), lSource: c.Provenance.SourceID,
	} {
		l.s[k] = in.str(s)
	}
	// %#v tells a nil list of places from an empty one, as Slim does.
	sk := fmt.Sprintf("%#v", c.Scope)
	k, ok := in.scopeIDs[sk]
	if !ok {
		k = int32(len(in.scopes))
		in.scopeIDs[sk] = k
		in.scopes = append(in.scopes, c.Scope)
	}
	l.scope = k
	if iv := c.Interval; iv != nil {
		key := keyOfInterval(iv)
		k, ok := in.ivs[key]
		if !ok {
			k = int32(len(in.intervals))
			in.ivs[key] = k
			cp := *iv
			cp.Rule, cp.Explanation = "", ""
			in.intervals = append(in.intervals, &cp)
		}
		l.interval = k
	}
	return l
}

func (p *Prepared) str(k int32) string { return p.strs[k] }

// view rebuilds candidate k as Slim gives it, with its claimant's name.
// The claim's interval and scope's places are shared: the engine only reads them.
func (p *Prepared) view(k int32) ClaimView { return p.viewInto(k, new(claims.Claim)) }

// viewInto is view written into c, which it overwrites whole: ranking a
// target's pairs reuses one claim for every candidate (a claim is a large
// struct, and one allocated a candidate made most of a request's garbage).
// The view is valid until c is written again.
func (p *Prepared) viewInto(k int32, c *claims.Claim) ClaimView {
	l := &p.claims[k]
	s := func(i int) string { return p.strs[l.s[i]] }
	*c = claims.Claim{
		Meta: claims.Meta{ID: l.id, Version: int(l.version)}, TopicID: s(lTopic), ClaimantID: s(lClaimant),
		QuantityText: s(lQuantity), NoNumber: l.noNumber, IntervalSource: claims.IntervalSource(s(lIntervalSource)),
		Unit: s(lUnit), Occasion: s(lOccasion), SaidOn: claims.Date(s(lSaidOn)), PublishedOn: claims.Date(s(lPublishedOn)),
		AsOf: claims.Date(s(lAsOf)), Since: claims.Date(s(lSince)), Basis: claims.Basis(s(lBasis)),
		EvidenceType: claims.EvidenceType(s(lEvidence)), Grade: claims.Grade(s(lGrade)), Rank: claims.Rank(s(lRank)),
		Scope: p.scopes[l.scope],
	}
	c.Provenance.SourceID = s(lSource)
	if l.interval >= 0 {
		c.Interval = p.intervals[l.interval]
	}
	return ClaimView{Claim: c, ClaimantName: s(lName)}
}
