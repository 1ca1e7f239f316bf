package xref

import (
	"fmt"
	"iter"
	"slices"
	"strings"

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

// leanSet is a list of lean claims with the tables their indexes point
// into. Prepared keeps its candidates in one; a Lean is one for the
// recompute (RecomputeLean).
type leanSet struct {
	claims    []lean
	strs      []string
	scopes    []claims.Scope
	intervals []*claims.Interval
	in        *interner // while claims are added; nil once done
}

// interner finds the entries of a leanSet's tables while claims are added.
type interner struct {
	ids      map[string]int32
	scopeIDs map[string]int32
	ivs      map[intervalKey]int32
}

func (s *leanSet) str(k int32) string { return s.strs[k] }

func (s *leanSet) intern(v string) int32 {
	if k, ok := s.in.ids[v]; ok {
		return k
	}
	k := int32(len(s.strs))
	s.in.ids[v] = k
	s.strs = append(s.strs, v)
	return k
}

// add appends v in lean form.
func (s *leanSet) add(v ClaimView) {
	if s.in == nil {
		s.in = &interner{ids: map[string]int32{}, scopeIDs: map[string]int32{}, ivs: map[intervalKey]int32{}}
	}
	c := v.Claim
	l := lean{id: c.ID, noNumber: c.NoNumber, interval: -1, version: int32(c.Version)}
	for k, t := range [lTexts]string{
		lTopic: c.TopicID, lClaimant: c.ClaimantID, lName: v.ClaimantName, lQuantity: c.QuantityText,
		lIntervalSource: string(c.IntervalSource), lUnit: c.Unit, lOccasion: c.Occasion, lSaidOn: string(c.SaidOn),
		lPublishedOn: string(c.PublishedOn), lAsOf: string(c.AsOf), lSince: string(c.Since), lBasis: string(c.Basis),
		lEvidence: string(c.EvidenceType), lGrade: string(c.Grade), lRank: string(c.Rank), lSource: c.Provenance.SourceID,
	} {
		l.s[k] = s.intern(t)
	}
	// %#v tells a nil list of places from an empty one, as Slim does.
	sk := fmt.Sprintf("%#v", c.Scope)
	k, ok := s.in.scopeIDs[sk]
	if !ok {
		k = int32(len(s.scopes))
		s.in.scopeIDs[sk] = k
		s.scopes = append(s.scopes, c.Scope)
	}
	l.scope = k
	if iv := c.Interval; iv != nil {
		key := keyOfInterval(iv)
		k, ok := s.in.ivs[key]
		if !ok {
			k = int32(len(s.intervals))
			s.in.ivs[key] = k
			cp := *iv
			cp.Rule, cp.Explanation = "", ""
			s.intervals = append(s.intervals, &cp)
		}
		l.interval = k
	}
	s.claims = append(s.claims, l)
}

// done lets go of the interner and of the spare capacity: no claim is
// added after.
func (s *leanSet) done() {
	s.in = nil
	s.claims, s.strs = slices.Clip(s.claims), slices.Clip(s.strs)
	s.scopes, s.intervals = slices.Clip(s.scopes), slices.Clip(s.intervals)
}

// view rebuilds claim k as Slim gives it, with its claimant's name.
// The claim's interval and scope's places are shared: the engine only reads them.
func (s *leanSet) view(k int32) ClaimView { return s.viewInto(k, new(claims.Claim)) }

// viewInto is view written into c, which it overwrites whole: ranking a
// target's pairs reuses one claim for every candidate (a claim is a large
// struct, and one allocated a candidate made most of a request's garbage).
// The view is valid until c is written again.
func (s *leanSet) viewInto(k int32, c *claims.Claim) ClaimView {
	l := &s.claims[k]
	t := func(i int) string { return s.strs[l.s[i]] }
	*c = claims.Claim{
		Meta: claims.Meta{ID: l.id, Version: int(l.version)}, TopicID: t(lTopic), ClaimantID: t(lClaimant),
		QuantityText: t(lQuantity), NoNumber: l.noNumber, IntervalSource: claims.IntervalSource(t(lIntervalSource)),
		Unit: t(lUnit), Occasion: t(lOccasion), SaidOn: claims.Date(t(lSaidOn)), PublishedOn: claims.Date(t(lPublishedOn)),
		AsOf: claims.Date(t(lAsOf)), Since: claims.Date(t(lSince)), Basis: claims.Basis(t(lBasis)),
		EvidenceType: claims.EvidenceType(t(lEvidence)), Grade: claims.Grade(t(lGrade)), Rank: claims.Rank(t(lRank)),
		Scope: s.scopes[l.scope],
	}
	c.Provenance.SourceID = t(lSource)
	if l.interval >= 0 {
		c.Interval = s.intervals[l.interval]
	}
	return ClaimView{Claim: c, ClaimantName: t(lName)}
}

// Lean is a list of claims in lean form, as the engine reads them (what
// Slim keeps, with the claimant's name): about 110 bytes a claim where a
// slim claims.Claim takes about 800. The stored recompute reads a topic's
// claims into one as it scans them (RecomputeLean), so that the largest
// topic of a million claims with its parent is never held as claims.
type Lean struct{ s leanSet }

// NewLean returns an empty Lean with room for n claims.
func NewLean(n int) *Lean { return &Lean{leanSet{claims: make([]lean, 0, n)}} }

// LeanOf returns vs in lean form, in their order.
func LeanOf(vs []ClaimView) *Lean {
	l := NewLean(len(vs))
	for _, v := range vs {
		l.Add(v)
	}
	l.s.done()
	return l
}

// Add appends v. Its claim is not kept: what the engine reads of it is
// copied.
func (l *Lean) Add(v ClaimView) { l.s.add(v) }

// Len returns the number of claims.
func (l *Lean) Len() int {
	if l == nil {
		return 0
	}
	return len(l.s.claims)
}

// All yields the claims in order, each rebuilt as Slim gives it with its
// claimant's name into one claim reused for all: a view is valid until
// the next is yielded.
func (l *Lean) All() iter.Seq2[int, ClaimView] { return allOf(l) }

// allOf is All of the claims of ls one after the other, numbered from 0.
func allOf(ls ...*Lean) iter.Seq2[int, ClaimView] {
	return func(yield func(int, ClaimView) bool) {
		var c claims.Claim
		n := 0
		for _, l := range ls {
			for k := range l.Len() {
				if !yield(n, l.s.viewInto(int32(k), &c)) {
					return
				}
				n++
			}
		}
	}
}

// Views returns the claims, each rebuilt in a claim of its own.
func (l *Lean) Views() []ClaimView {
	out := make([]ClaimView, l.Len())
	for k := range out {
		out[k] = l.s.view(int32(k))
	}
	return out
}

// Named gives each claim its claimant's name, leaves out the claims whose
// claimant name does not know, orders the claims by ID and ends the
// adding of claims. It is called once, on a Lean made with NewLean and
// Add, before the Lean is read or joined (LeanOf and JoinLean return
// Leans that take no more claims or names).
func (l *Lean) Named(name func(claimantID string) (string, bool)) {
	kept := l.s.claims[:0]
	for _, c := range l.s.claims {
		if n, ok := name(l.s.str(c.s[lClaimant])); ok {
			c.s[lName] = l.s.intern(n)
			kept = append(kept, c)
		}
	}
	clear(l.s.claims[len(kept):])
	l.s.claims = kept
	l.s.sortByID()
}

// JoinLean returns the claims of ls in one Lean, ordered by ID.
func JoinLean(ls []*Lean) *Lean {
	n := 0
	for _, l := range ls {
		n += l.Len()
	}
	all := NewLean(n)
	for _, v := range allOf(ls...) {
		all.Add(v)
	}
	all.s.sortByID()
	return all
}

// sortByID orders the claims by ID and ends the adding of claims.
func (s *leanSet) sortByID() {
	slices.SortFunc(s.claims, func(a, b lean) int { return strings.Compare(a.id, b.id) })
	s.done()
}

// ClaimantIDs returns the IDs of the claims' claimants, sorted, each once.
func (l *Lean) ClaimantIDs() []string {
	ids := make([]string, 0, len(l.s.claims))
	for _, c := range l.s.claims {
		ids = append(ids, l.s.str(c.s[lClaimant]))
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
