package xref

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Kind is the relation between two claims, read from the first claim's
// side: "a supersedes b".
type Kind string

// The kinds of relation.
const (
	Corroborates     Kind = "corroborates"       // the intervals match closely
	Consistent       Kind = "consistent"         // the intervals overlap
	Conflicts        Kind = "conflicts"          // same scope and time, disjoint intervals
	Contradicts      Kind = "contradicts"        // a count for part of the area above the count for all of it
	ScopeDiffers     Kind = "scope_differs"      // different places: no conflict follows
	ChangeOverTime   Kind = "change_over_time"   // dates further apart than the topic's window
	NotComparable    Kind = "not_comparable"     // different measure or unit, or no number
	Drift            Kind = "drift"              // one statement reported with different numbers, places or hedges
	SameStatement    Kind = "same_statement"     // reports of one statement that agree
	Supersedes       Kind = "supersedes"         // a is the same claimant's later figure for the same scope
	SupersededBy     Kind = "superseded_by"      // b is the same claimant's later figure
	Derived          Kind = "derived"            // one repeats the other: not independent
	FlowFell         Kind = "flow_fell"          // a later cumulative count below an earlier one
	PartExceedsWhole Kind = "part_exceeds_whole" // a narrower population above a broader one
	Unrelated        Kind = "unrelated"          // an analyst said so
	RoughlyAgrees    Kind = "roughly_agrees"     // apart, but within the tolerance of their bases and hedges
	DiffersInKind    Kind = "differs_in_kind"    // a projection, declared or modelled figure beside a count or an estimate
	ScopeUnclear     Kind = "scope_unclear"      // a population or group the topic's tree cannot place
	PlaceUnspecified Kind = "place_unspecified"  // neither the claim nor its topic states a place
	NotSimultaneous  Kind = "not_simultaneous"   // not the same moment: part of a day beside the whole day, or another date for a rule that needs the same
	Misreport        Kind = "misreport"          // reports of one statement more than MisreportFactor apart
)

// MisreportFactor is the factor beyond which two reports of one statement
// are a likely misreport (a translation slip of "2.5 thousand" into "2.5
// million", a lost digit) rather than drift.
const MisreportFactor = 3

// MaxSeverity caps the severity of a conflict; it is also the severity
// when the smaller of the nearer bounds is zero or negative.
const MaxSeverity = 1e9

// ClaimView is a claim with the name of its claimant, for explanations.
type ClaimView struct {
	*claims.Claim
	ClaimantName string `json:"claimant_name"`
}

// Name returns the claimant's name, or its ID when the name is unknown.
func (v ClaimView) Name() string {
	if v.ClaimantName != "" {
		return v.ClaimantName
	}
	return v.ClaimantID
}

// Relation is how claim ClaimID relates to claim OtherID.
type Relation struct {
	ClaimID string `json:"claim_id"`
	OtherID string `json:"other_id"`
	Kind    Kind   `json:"kind"`
	// Severity is the factor between the nearer bounds for conflicts,
	// contradictions, drift, falling flows and parts above wholes; 1 for
	// everything else.
	Severity    float64 `json:"severity"`
	Explanation string  `json:"explanation"`
	// Places is how the first claim's places relate to the other's.
	Places    gazetteer.Relation `json:"places"`
	DaysApart int                `json:"days_apart"`
	// Manual is set when an analyst's link decided the relation.
	Manual bool   `json:"manual"`
	LinkID string `json:"link_id,omitempty"`
	// excess is the unrounded severity over the pair's tolerance: a
	// claim's worst conflict is the one furthest beyond the noise.
	excess float64
	// Deprecated is set when either claim is deprecated: the relation is
	// shown but never counts as a conflict.
	Deprecated bool `json:"deprecated"`
	// Status and Resolution come from the analysts' review of the pair;
	// the caller attaches them (see AttachReviews).
	Status     claims.ReviewStatus `json:"status,omitempty"`
	Resolution string              `json:"resolution,omitempty"`
}

// Conflict reports whether the relation counts as a conflict within a
// topic: conflicts or contradicts between claims that are not deprecated.
func (r Relation) Conflict() bool {
	return (r.Kind == Conflicts || r.Kind == Contradicts) && !r.Deprecated
}

// Context is what relating two claims needs besides the claims: the topic,
// the gazetteer, the analysts' links and, for part and whole, the parent
// topic. A Context caches resolved places and is not safe for concurrent
// use.
type Context struct {
	topic   *claims.Topic
	parent  *claims.Topic
	gaz     *gazetteer.Gazetteer
	links   map[[2]string]*claims.Link
	origins map[string]string
	sets    map[string]gazetteer.Set
	pops    *populations
	// terse leaves out the explanations of pairs not compared (the
	// commonest kind in a large topic), of a part and its whole, of two
	// reports of one statement, of one claimant's figures and of pairs
	// compared in scope: Relations
	// sets it while it ranks every pair, and explains only the pairs of
	// the page it returns.
	terse bool
}

// builtin is the shared built-in gazetteer, never extended.
var builtin = sync.OnceValue(gazetteer.Builtin)

// NewContext returns a Context for claims of topic. A nil gazetteer means
// gazetteer.Builtin(). Where several links join the same pair, the most
// recently updated wins.
func NewContext(topic *claims.Topic, g *gazetteer.Gazetteer, links []*claims.Link) *Context {
	if topic == nil {
		topic = &claims.Topic{}
	}
	if g == nil {
		g = builtin()
	}
	c := &Context{topic: topic, gaz: g, links: map[[2]string]*claims.Link{}, sets: map[string]gazetteer.Set{}, pops: newPopulations(topic)}
	for _, l := range links {
		k := pairKey(l.FromID, l.ToID)
		if old := c.links[k]; old == nil || newerLink(l, old) {
			c.links[k] = l
		}
	}
	c.origins = originsFromLinks(c.linkList())
	return c
}

// WithParent sets the broader topic whose claims may be compared with this
// topic's as part and whole, and returns c.
func (c *Context) WithParent(parent *claims.Topic) *Context {
	c.parent = parent
	return c
}

// Topic returns the context's topic.
func (c *Context) Topic() *claims.Topic { return c.topic }

// Gazetteer returns the context's gazetteer.
func (c *Context) Gazetteer() *gazetteer.Gazetteer { return c.gaz }

// linkList returns the links in force, one per pair, sorted by ID.
func (c *Context) linkList() []*claims.Link {
	out := make([]*claims.Link, 0, len(c.links))
	for _, l := range c.links {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *claims.Link) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func newerLink(a, b *claims.Link) bool {
	if !a.UpdatedAt.Equal(b.UpdatedAt) {
		return a.UpdatedAt.After(b.UpdatedAt)
	}
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.After(b.CreatedAt)
	}
	return a.ID > b.ID
}

func pairKey(a, b string) [2]string {
	if b < a {
		a, b = b, a
	}
	return [2]string{a, b}
}

func (c *Context) places(names []string) gazetteer.Set {
	k := strings.Join(names, "\x00")
	s, ok := c.sets[k]
	if !ok {
		s = c.gaz.Resolve(names)
		c.sets[k] = s
	}
	return s
}

// Unknown and open date sentinels, in days since 1970, far enough from the
// int64 limits that adding a window cannot overflow.
const (
	dayMin = math.MinInt64 / 4
	dayMax = math.MaxInt64 / 4
)

// fact is a claim prepared for comparison.
type fact struct {
	v          claimRef
	numbered   bool // has an interval in force
	active     bool // numbered and not deprecated
	lo, hi     float64
	start, end int64 // reference date span in days, dayMin/dayMax when unknown
	unit       string
	measure    claims.Measure
	set        gazetteer.Set
	statement  string // same-statement key, "" when none
	// wlo and whi are lo and hi widened by the claim's tolerance.
	wlo, whi float64
	tol      float64
	basis    claims.Basis
	since    claims.Date // the start of a cumulative count
	period   string      // since..ref date of a per-period count
	pop, grp popRef
	// minute is the reference time in minutes since 1970 for a date with
	// a time of day; timed says there is one.
	timed  bool
	minute int64
	// change is set for a change ("fell by 3,000"): changeRise, or
	// changeFall with lo and hi turned into the fall's magnitudes so that
	// two falls compare as two amounts, or changeEither for an interval
	// that spans zero.
	change changeDir
}

type changeDir uint8

const (
	notChange changeDir = iota
	changeRise
	changeFall
	changeEither
)

// claimRef is what the rules and their explanations read of a fact's
// claim once the fact is made. A fact keeps it rather than the claim, so
// that a recompute holds its claims lean (Lean) and only their facts
// whole: a claims.Claim is a 608-byte struct.
type claimRef struct {
	ID, TopicID, ClaimantID, ClaimantName, QuantityText string
	Since, refDate                                      claims.Date
	Grade                                               claims.Grade
	Rank                                                claims.Rank
	Scope                                               struct{ Population, Group string }
	Interval                                            *claims.Interval
	// counted: the claim counts among a topic's independent origins
	// (Origins).
	counted bool
}

func refOf(v ClaimView) claimRef {
	r := claimRef{ID: v.ID, TopicID: v.TopicID, ClaimantID: v.ClaimantID, ClaimantName: v.ClaimantName,
		QuantityText: v.QuantityText, Since: v.Since, refDate: v.RefDate(), Grade: v.Grade, Rank: v.Rank,
		Interval: v.Interval, counted: v.Interval != nil && !v.NoNumber && v.Rank != claims.RankDeprecated}
	r.Scope.Population, r.Scope.Group = v.Scope.Population, v.Scope.Group
	return r
}

// Name is ClaimView.Name.
func (r *claimRef) Name() string {
	if r.ClaimantName != "" {
		return r.ClaimantName
	}
	return r.ClaimantID
}

// RefDate is claims.Claim.RefDate.
func (r *claimRef) RefDate() claims.Date { return r.refDate }

func (c *Context) fact(v ClaimView) fact {
	return c.factSet(v, c.places(c.placesOf(v)))
}

// placesOf returns the places v's fact resolves: its own, or its topic's
// when it states none and belongs to c's topic.
func (c *Context) placesOf(v ClaimView) []string {
	if len(v.Scope.Places) == 0 && v.TopicID == c.topic.ID {
		return c.topic.Places
	}
	return v.Scope.Places
}

// factSet prepares v with its places already resolved (set is
// c.places(c.placesOf(v))).
func (c *Context) factSet(v ClaimView, set gazetteer.Set) fact {
	f := c.factBare(v, set)
	f.statement = statementKey(v.Claim)
	return f
}

// factBare is factSet without the statement key, which a prepared topic
// keeps.
func (c *Context) factBare(v ClaimView, set gazetteer.Set) fact {
	return c.factWith(v, set, refSpanOf(v.RefDate()), c.pops.ref(v.Scope.Population), c.pops.ref(v.Scope.Group))
}

// refSpan is a fact's reference date as the rules read it: its span in days
// (dayMin and dayMax when unknown) and, for a date with a time of day, its
// minute since 1970.
type refSpan struct {
	start, end int64
	timed      bool
	minute     int64
}

// refSpanOf reads d (parsing it, which a prepared topic does once for each
// candidate rather than for each request).
func refSpanOf(d claims.Date) refSpan {
	s := refSpan{start: dayMin, end: dayMax}
	if !d.IsZero() && d.Valid() {
		s.start, s.end = days(d.Start()), days(d.End())
		if d.HasTime() {
			s.timed, s.minute = true, d.Start().Unix()/60
		}
	}
	return s
}

// factWith is factBare given the parts a prepared topic keeps for each
// candidate: sp is refSpanOf(v.RefDate()), pop and grp the refs of v's
// population and group in c's tree.
func (c *Context) factWith(v ClaimView, set gazetteer.Set, sp refSpan, pop, grp popRef) fact {
	f := fact{v: refOf(v), measure: claims.LegacyMeasure(v.Scope.Measure, v.Since, v.AsOf), tol: 1, basis: v.Basis}
	if f.measure == "" {
		f.measure = claims.Current
	}
	if f.basis == "" {
		f.basis = claims.BasisEstimate
	}
	if v.Interval != nil && !v.NoNumber && !v.Interval.Empty() {
		f.numbered = true
		f.lo, f.hi = v.Interval.Bounds()
		if v.Interval.Low == nil && v.Interval.High == nil {
			f.lo, f.hi = *v.Interval.Best, *v.Interval.Best
		}
		f.tol = tolerance(f.basis, string(v.Interval.Kind))
		if v.Interval.Kind == quantity.Change {
			switch {
			case f.hi <= 0:
				f.change, f.lo, f.hi = changeFall, -f.hi, -f.lo
			case f.lo >= 0:
				f.change = changeRise
			default:
				f.change = changeEither
			}
		}
	}
	f.wlo, f.whi = f.lo/f.tol, f.hi*f.tol
	f.active = f.numbered && v.Rank != claims.RankDeprecated
	f.unit = compareUnit(v.Unit, c.topic.Unit)
	f.start, f.end, f.timed, f.minute = sp.start, sp.end, sp.timed, sp.minute
	switch f.measure {
	case claims.Cumulative:
		f.since = v.Since
	case claims.PerPeriod:
		f.period = string(v.Since) + ".." + string(v.RefDate())
	}
	f.set = set
	f.pop, f.grp = pop, grp
	return f
}

// compareUnit is the unit a figure is compared in: its own, folded, or
// its topic's where it states none. Two claims are compared only when
// their units are the same.
func compareUnit(unit, topicUnit string) string {
	if u := gazetteer.Fold(unit); u != "" {
		return u
	}
	return gazetteer.Fold(topicUnit)
}

func days(t time.Time) int64 { return t.Unix() / 86400 }

// StatementKey returns the key of the statement c reports, "" when it
// names none: claims with equal non-empty keys report one statement. Of
// Related.ChildClaims, Recompute reads only the claims whose key is that
// of one of the topic's claims (parts given in the same statement).
// gormstore's partIDs computes it from five columns only (id, claimant,
// occasion, said_on, origin source): a key that reads another field
// must be added there too.
func StatementKey(c *claims.Claim) string { return statementKey(c) }

// statementKey identifies the utterance a claim reports: the claimant and
// the occasion, or else the claimant, the said_on date and the origin
// source. Claims with equal non-empty keys are reports of one statement.
func statementKey(c *claims.Claim) string {
	switch {
	case strings.TrimSpace(c.Occasion) != "":
		return "o\x00" + c.ClaimantID + "\x00" + gazetteer.Fold(c.Occasion)
	case c.SaidOn != "" && c.Provenance.SourceID != "":
		return "d\x00" + c.ClaimantID + "\x00" + string(c.SaidOn) + "\x00" + c.Provenance.SourceID
	}
	return ""
}

// daysApart mirrors claims.DaysApart on prepared spans.
func daysApart(a, b *fact) int64 {
	switch {
	case a.end < b.start:
		return b.start - a.end
	case b.end < a.start:
		return a.start - b.end
	}
	return 0
}

// severity is the factor between the nearer bounds near < far.
func severity(near, far float64) float64 {
	if near <= 0 {
		return MaxSeverity
	}
	return min(far/near, MaxSeverity)
}

// facing returns the bounds two intervals that do not overlap face each
// other with: the lower interval's high (near) and the higher one's low
// (far); apart is false when they overlap.
func facing(a, b *fact) (near, far float64, apart bool) {
	switch {
	case a.hi < b.lo:
		return a.hi, b.lo, true
	case b.hi < a.lo:
		return b.hi, a.lo, true
	}
	return 0, 0, false
}

// gap returns the severity between two intervals: 1 when they overlap.
func gap(a, b *fact) float64 {
	if near, far, apart := facing(a, b); apart {
		return severity(near, far)
	}
	return 1
}

// lowerHi returns the nearer bound of the lower of two intervals, the
// one gap divides by; overlapping intervals, whose gap is 1, give 1.
func lowerHi(a, b *fact) float64 {
	if near, _, apart := facing(a, b); apart {
		return near
	}
	return 1
}

func overlaps(a, b *fact) bool { return a.lo <= b.hi && b.lo <= a.hi }

// center is the central value of a claim: its best estimate, else the
// middle of its finite bounds.
func (f *fact) center() float64 {
	if iv := f.v.Interval; iv != nil && iv.Best != nil {
		return *iv.Best
	}
	switch {
	case !math.IsInf(f.lo, 0) && !math.IsInf(f.hi, 0):
		return (f.lo + f.hi) / 2
	case !math.IsInf(f.lo, 0):
		return f.lo
	}
	return f.hi
}

// matches reports whether the intervals corroborate: each one's central
// value lies within the other.
func matches(a, b *fact) bool {
	ca, cb := a.center(), b.center()
	return ca >= b.lo && ca <= b.hi && cb >= a.lo && cb <= a.hi
}

// Relate says how a relates to b. Both are usually claims of ctx's topic;
// a claim of the parent topic set with WithParent is compared as a whole
// to a part.
func Relate(a, b ClaimView, ctx *Context) Relation {
	fa, fb := ctx.fact(a), ctx.fact(b)
	return ctx.relate(&fa, &fb)
}

func (c *Context) relate(a, b *fact) Relation {
	r := Relation{ClaimID: a.v.ID, OtherID: b.v.ID, Severity: 1, Places: gazetteer.Compare(a.set, b.set)}
	if a.numbered && b.numbered {
		r.DaysApart = int(daysApart(a, b))
	}
	c.decide(a, b, &r)
	if r.excess == 0 {
		r.excess = r.Severity
	}
	r.Severity = roundSeverity(r.Severity)
	if r.Kind == Conflicts || r.Kind == Contradicts || r.Kind == PartExceedsWhole {
		r.Deprecated = a.v.Rank == claims.RankDeprecated || b.v.Rank == claims.RankDeprecated
		if r.Deprecated {
			r.Explanation += " One of the two claims is deprecated, so this does not count as a conflict."
		}
	}
	r.Explanation = sentence(r.Explanation)
	return r
}

func (c *Context) decide(a, b *fact, r *Relation) {
	if l := c.links[pairKey(a.v.ID, b.v.ID)]; l != nil {
		c.manual(a, b, l, r)
		return
	}
	c.decideAuto(a, b, r)
}

// decideAuto applies the automatic rules, ignoring links.
func (c *Context) decideAuto(a, b *fact, r *Relation) {
	if a.v.TopicID != b.v.TopicID {
		c.partWhole(a, b, r)
		return
	}
	if reason := incomparable(a, b); reason != "" {
		r.Kind, r.Explanation = NotComparable, reason
		return
	}
	if a.change != b.change {
		// A rise and a fall over the same period: they cannot both hold.
		r.Kind, r.Severity = Conflicts, MaxSeverity
		r.Explanation = describe(a) + " and " + object(a, b, amount) + " move in opposite directions over the same period"
		return
	}
	if a.statement != "" && a.statement == b.statement || c.sameOrigin(a, b) {
		c.sameStatement(a, b, r, SameStatement)
		return
	}
	cmp := c.compare(a, b, r.Places)
	if a.v.ClaimantID == b.v.ClaimantID && (r.Places == gazetteer.Equal || r.Places == gazetteer.Unknown) &&
		a.measure == b.measure && (cmp.mode == modeNone && cmp.why == "place unspecified" || cmp.dir == dirSame) {
		revision(a, b, r, c.terse)
		return
	}
	if cmp.mode == modeNone {
		c.notCompared(a, b, r, cmp.why)
		return
	}
	if a.timed != b.timed && r.DaysApart == 0 && a.start != dayMin && b.start != dayMin && cmp.mode != modeCumulative {
		r.Kind = NotSimultaneous
		part, whole := a, b
		if b.timed {
			part, whole = b, a
		}
		r.Explanation = describeDated(part) + " is for part of a day, and " + object(part, whole, amountDated) +
			" for the whole of it: not simultaneous, so they are not compared."
		return
	}
	switch cmp.mode {
	case modeCumulative:
		c.cumulative(a, b, r)
		return
	case modeSameDate:
		if r.DaysApart > 0 {
			r.Kind = NotSimultaneous
			r.Explanation = and(a, b, amountDated, amountDated) + " are " + itoa(int64(r.DaysApart)) +
				" days apart; " + sameDateRule(a, b, cmp) + " holds only at the same date, so they are not compared."
			return
		}
	case modeWindow:
		if int64(r.DaysApart) > int64(c.topic.Window()) {
			c.overTime(a, b, r)
			return
		}
		compareScoped(a, b, r, cmp, c.terse)
		c.sayWindow(a, b, r)
		return
	}
	compareScoped(a, b, r, cmp, c.terse)
}

// monthApart is how far apart, in days, two claims must be for the
// explanation of their conflict to say so (sayWindow).
const monthApart = 30

// sayWindow ends the explanation of a conflict between claims a month or
// more apart by saying so: the topic's window, not a shared date, is what
// compares them, and an analyst reading "exceeds by 25.5×" should know
// that the two figures are months apart. DaysApart is the gap between the
// nearer ends of the two dates, so a date of a month or a year makes it
// "at least". Cumulative totals are not compared as of one time: a
// cumulative part against a whole (partWhole) says nothing of the window.
func (c *Context) sayWindow(a, b *fact, r *Relation) {
	if c.terse || r.DaysApart < monthApart || a.measure == claims.Cumulative ||
		r.Kind != Conflicts && r.Kind != Contradicts && r.Kind != PartExceedsWhole {
		return
	}
	apart := " are "
	if a.end > a.start || b.end > b.start {
		apart = " are at least "
	}
	r.Explanation += " The two" + apart + itoa(int64(r.DaysApart)) + " days apart, within the topic's " +
		itoa(int64(c.topic.Window())) + "-day window, so they are compared as counts of one time."
}

// notCompared explains why two claims of one unit are not compared.
func (c *Context) notCompared(a, b *fact, r *Relation, why string) {
	say := func(explain func() string) {
		if !c.terse {
			r.Explanation = explain()
		}
	}
	switch why {
	case "kind":
		r.Kind = DiffersInKind
		is := func(f *fact) string { return amount(f) + " is " + basisWords(f.basis) }
		say(func() string {
			return and(a, b, is, is) + ": they differ in kind, so they are not compared (a forecast, a declared figure or a model's output is not a count)."
		})
	case "measure":
		r.Kind = NotComparable
		is := func(f *fact) string { return amount(f) + " is " + measureWords(f) }
		say(func() string {
			return and(a, b, is, is) + ": not the same measure, so they are not compared."
		})
	case "place unspecified":
		r.Kind = PlaceUnspecified
		switch {
		case a.set.Unspecified() && b.set.Unspecified():
			say(func() string {
				return "Neither " + amount(a) + " nor " + amount(b) + " states a place, and the topic states none: place unspecified, so they are not compared."
			})
		default:
			f := a
			if b.set.Unspecified() {
				f = b
			}
			say(func() string {
				return describe(f) + " states no place, and the topic states none: place unspecified, so it is not compared with " + object(f, other(a, b, f), amount) + "."
			})
		}
	case "population unclear", "group unclear":
		r.Kind = ScopeUnclear
		what, x, y := "population", a.v.Scope.Population, b.v.Scope.Population
		if why == "group unclear" {
			what, x, y = "group", a.v.Scope.Group, b.v.Scope.Group
		}
		say(func() string {
			return and(a, b, amount, amount) + " count " + scopeWords(x) + " and " + scopeWords(y) +
				": scope unclear, the topic's " + what + " tree does not say how the two relate, so they are not compared."
		})
	case "population unrelated", "group unrelated":
		r.Kind = ScopeDiffers
		what, x, y := "populations", a.v.Scope.Population, b.v.Scope.Population
		if why == "group unrelated" {
			what, x, y = "groups", a.v.Scope.Group, b.v.Scope.Group
		}
		say(func() string {
			return and(a, b, amount, amount) + " count " + scopeWords(x) + " and " + scopeWords(y) + ", different " + what + ": they do not conflict."
		})
	case "crossed":
		r.Kind = ScopeDiffers
		say(func() string {
			return and(a, b, amount, amount) + " are each narrower than the other in some respect (" + scopeSummary(a) + " against " + scopeSummary(b) + "): they do not conflict."
		})
	case "not additive":
		r.Kind = ScopeDiffers
		say(func() string {
			return describe(a) + " and " + object(a, b, amount) + " differ in scope, and the topic does not add up across places or groups, so they are not compared."
		})
	default:
		r.Kind = ScopeDiffers
		how := "cover different places"
		if r.Places == gazetteer.Overlap {
			how = "cover partly different places"
		}
		in := func(f *fact) string { return amountIn(f, false) }
		say(func() string {
			return and(a, b, in, in) + " " + how + ": they do not conflict."
		})
	}
}

func other(a, b, f *fact) *fact {
	if f == a {
		return b
	}
	return a
}

func scopeWords(s string) string {
	if strings.TrimSpace(s) == "" {
		return "the topic's own (none stated)"
	}
	return "\"" + strings.TrimSpace(s) + "\""
}

func scopeSummary(f *fact) string {
	var parts []string
	if !f.set.Unspecified() {
		parts = append(parts, placeWords(f))
	}
	if p := strings.TrimSpace(f.v.Scope.Population); p != "" {
		parts = append(parts, p)
	}
	if g := strings.TrimSpace(f.v.Scope.Group); g != "" {
		parts = append(parts, g)
	}
	parts = append(parts, string(f.measure))
	return strings.Join(parts, ", ")
}

func sameDateRule(a, b *fact, cmp comparison) string {
	if a.measure != b.measure {
		return "a current figure is at most the cumulative total or the peak"
	}
	return "a narrower cumulative total is at most the broader one"
}

// cumulative relates two totals to date of the same scope: a total never
// falls, so a later total below an earlier one conflicts, however far
// apart they are; totals of one date compare as figures of one moment.
func (c *Context) cumulative(a, b *fact, r *Relation) {
	first, second := a, b
	switch {
	case cumulativeBefore(b, a):
		first, second = b, a
	case !cumulativeBefore(a, b):
		compareScoped(a, b, r, comparison{dir: dirSame, mode: modeCumulative}, c.terse)
		return
	}
	r.excess = 1
	switch {
	case second.whi < first.wlo:
		r.Kind = Conflicts
		r.Severity = severity(second.hi, first.lo)
		r.excess = severity(second.whi, first.wlo)
		r.Explanation = "The cumulative total fell from " + describeDated(first) + " to " + object(first, second, amountDated) +
			", " + times(r.Severity, second.hi) + " lower: a total to date never falls, so one of the two is wrong."
	case second.hi < first.lo:
		r.Kind = RoughlyAgrees
		r.Explanation = "The cumulative total reads lower later, " + describeDated(first) + " then " + object(first, second, amountDated) +
			", but only by " + times(severity(second.hi, first.lo), second.hi) + ", within the tolerance of " + toleranceWords(first, second) + ": roughly agrees."
	default:
		r.Kind = Consistent
		r.Explanation = describeDated(first) + " and the later " + object(first, second, amountDated) +
			" are totals to date: a later total at or above an earlier one is consistent."
	}
}

// cumulativeBefore reports whether a's date is wholly before b's: by the
// day, or by the minute when both give a time of day, or a part of a day
// before the whole of it.
func cumulativeBefore(a, b *fact) bool {
	switch {
	case a.timed && b.timed:
		return a.minute < b.minute
	case a.timed && !b.timed && b.start != dayMin && a.start >= b.start && a.end <= b.end:
		return true // by noon, before the day's total
	case !a.timed && b.timed && a.start != dayMin && b.start >= a.start && b.end <= a.end:
		return false
	}
	return a.end < b.start
}

// toleranceWords gives the tolerance of a pair to four significant figures
// ("1.155×"), not rounded as a severity is: a gap of 1.157 reads "1.16×
// apart, beyond the tolerance of 1.155×", where both rounded alike read
// "1.16× apart, beyond the tolerance of 1.16×".
func toleranceWords(a, b *fact) string {
	return strconv.FormatFloat(a.tol*b.tol, 'g', 4, 64) + "× for " + basisWords(a.basis) + " and " + basisWords(b.basis)
}

func (c *Context) sameOrigin(a, b *fact) bool {
	oa, ok := c.origins[a.v.ID]
	return ok && oa == c.origins[b.v.ID]
}

func incomparable(a, b *fact) string {
	switch {
	case !a.numbered && !b.numbered && sameClaimant(a, b):
		return "Neither claim of " + a.v.Name() + " gives a number."
	case !a.numbered && !b.numbered:
		return "Neither " + a.v.Name() + " nor " + b.v.Name() + " gives a number."
	case !a.numbered && sameClaimant(a, b), !b.numbered && sameClaimant(a, b):
		return "One claim of " + a.v.Name() + " gives no number, so there is nothing to compare."
	case !a.numbered:
		return a.v.Name() + " gives no number, so there is nothing to compare with " + describe(b) + "."
	case !b.numbered:
		return b.v.Name() + " gives no number, so there is nothing to compare with " + describe(a) + "."
	case a.unit != b.unit:
		return and(a, b, func(f *fact) string { return amount(f) + " counts " + f.unit }, func(f *fact) string { return amount(f) + " counts " + f.unit }) + ": different units."
	case (a.change == notChange) != (b.change == notChange):
		ch, n := a, b
		if b.change != notChange {
			ch, n = b, a
		}
		return amount(ch) + " is a change, and " + amount(n) + " a count: a change is not compared with a count."
	case a.change == changeEither || b.change == changeEither:
		return and(a, b, amount, amount) + ": a change that may be a rise or a fall is not compared."
	case a.change != notChange && !samePeriod(a, b):
		return and(a, b, amount, amount) + " are changes over different or unstated periods: a change is compared only with a change over the same period."
	}
	return ""
}

// samePeriod reports two claims that state the same period: the same
// since and the same reference date.
func samePeriod(a, b *fact) bool {
	ra, rb := a.v.RefDate(), b.v.RefDate()
	return a.v.Since != "" && ra != "" && a.v.Since == b.v.Since && ra == rb
}

// manual applies an analyst's link.
func (c *Context) manual(a, b *fact, l *claims.Link, r *Relation) {
	r.Manual, r.LinkID = true, l.ID
	note := linkNote(l)
	switch l.Kind {
	case claims.LinkUnrelated:
		r.Kind = Unrelated
		r.Explanation = "An analyst marked " + and(a, b, amount, amount) + " as unrelated." + note
	case claims.LinkContradicts:
		auto := Relation{Places: r.Places, DaysApart: r.DaysApart, Severity: 1}
		c.decideAuto(a, b, &auto)
		if auto.Kind == Conflicts || auto.Kind == Contradicts {
			r.Kind, r.Severity, r.excess = auto.Kind, auto.Severity, auto.excess
			r.Explanation = auto.Explanation + " An analyst confirmed the conflict." + note
			return
		}
		r.Kind = Conflicts
		if a.numbered && b.numbered {
			r.Severity = gap(a, b)
		}
		r.Explanation = "An analyst marked " + and(a, b, amount, amount) + " as contradicting each other." + note
	case claims.LinkCorroborates:
		r.Kind = Corroborates
		r.Explanation = "An analyst marked " + and(a, b, amount, amount) + " as corroborating each other." + note
	case claims.LinkSupersedes:
		if l.FromID == a.v.ID {
			r.Kind = Supersedes
			r.Explanation = "An analyst marked " + describe(a) + " as a revision of " + object(a, b, amount) + "." + note
		} else {
			r.Kind = SupersededBy
			r.Explanation = "An analyst marked " + describe(b) + " as a revision of " + object(b, a, amount) + "." + note
		}
	case claims.LinkDerivedFrom:
		c.sameStatement(a, b, r, Derived)
		r.Explanation += note
	case claims.LinkSameStatement:
		c.sameStatement(a, b, r, SameStatement)
		r.Explanation += note
	}
}

func linkNote(l *claims.Link) string {
	note := strings.TrimSpace(l.Note)
	if note != "" && !strings.HasSuffix(note, ".") && !strings.HasSuffix(note, "?") && !strings.HasSuffix(note, "!") {
		note += "."
	}
	switch {
	case note != "" && l.Author != "":
		return " Note by " + l.Author + ": " + note
	case note != "":
		return " Note: " + note
	case l.Author != "":
		return " Linked by " + l.Author + "."
	}
	return ""
}

// sameStatement relates two reports of one statement, or a claim and one
// derived from it: drift when they differ, else agree.
func (c *Context) sameStatement(a, b *fact, r *Relation, agree Kind) {
	numbers := a.numbered && b.numbered && (a.lo != b.lo || a.hi != b.hi || bestsDiffer(a, b))
	if numbers {
		r.Severity = gap(a, b)
	}
	hedges := a.numbered && b.numbered && hedgeDiffers(a, b)
	places := r.Places != gazetteer.Equal && !(a.set.Unspecified() && b.set.Unspecified())
	what := "report one statement"
	if agree == Derived {
		what = "are not independent: one repeats the other"
	}
	if !numbers && !hedges && !places {
		r.Kind = agree
		if !c.terse {
			r.Explanation = and(a, b, amount, amount) + " " + what + " and agree; they count as one origin, not as corroboration."
		}
		return
	}
	r.Kind = Drift
	if r.Severity > MisreportFactor {
		r.Kind = Misreport
		if !c.terse {
			r.Explanation = and(a, b, amount, amount) + " " + what + " but are " + times(r.Severity, lowerHi(a, b)) + " apart, more than " +
				itoa(MisreportFactor) + "x: a likely misreport (a translation slip, a lost digit), not a conflict between claimants; check the original."
		}
		return
	}
	if c.terse {
		return // the kind and severity alone (see Context.terse)
	}
	var diffs []string
	if numbers {
		diffs = append(diffs, "numbers")
	}
	if hedges {
		diffs = append(diffs, "hedges ("+hedgeWords(a)+", "+hedgeWords(b)+")")
	}
	if places {
		diffs = append(diffs, "places ("+placeWords(a)+" against "+placeWords(b)+")")
	}
	r.Explanation = and(a, b, amount, amount) + " " + what + " but differ in " + strings.Join(diffs, " and ") +
		": transcription, translation or scope drift, not a conflict between claimants."
}

func bestsDiffer(a, b *fact) bool {
	x, y := a.v.Interval.Best, b.v.Interval.Best
	return x != nil && y != nil && *x != *y
}

func hedgeDiffers(a, b *fact) bool {
	ka, kb := a.v.Interval.Kind, b.v.Interval.Kind
	if ka == kb {
		return false
	}
	bound := func(k quantity.Kind) bool { return k == quantity.LowerBound || k == quantity.UpperBound }
	return bound(ka) || bound(kb)
}

// revision relates two claims of one claimant for the same place; the
// claimant is named once.
func revision(a, b *fact, r *Relation, terse bool) {
	switch {
	case a.start > b.end:
		r.Kind = Supersedes
	case b.start > a.end:
		r.Kind = SupersededBy
	case matches(a, b):
		r.Kind = Corroborates
	case overlaps(a, b):
		r.Kind = Consistent
	default:
		r.Kind = Drift
		r.Severity = gap(a, b)
	}
	if terse {
		return // the kind and severity alone (see Context.terse)
	}
	name := a.v.Name()
	both := name + " gives " + amountDated(a) + " and " + amountDated(b) + " for the same place and time: "
	switch r.Kind {
	case Supersedes:
		r.Explanation = possessive(name) + " later figure" + revisionPlace(a, b) + ", " + amountDated(a) + ", supersedes the earlier one, " +
			amountDated(b) + "; the earlier figure is kept in the series."
	case SupersededBy:
		r.Explanation = possessive(name) + " figure" + revisionPlace(a, b) + ", " + amountDated(a) + ", is superseded by a later one, " +
			amountDated(b) + "; it is kept in the series."
	case Corroborates:
		r.Explanation = both + "the figures agree."
	case Consistent:
		r.Explanation = both + "the figures overlap."
	default:
		r.Explanation = both + "a restatement or a misreport of one claimant's figure, " + times(r.Severity, lowerHi(a, b)) + " apart."
	}
}

// revisionPlace is " for Syria" when either figure of a revision states a
// place, "" when neither does.
func revisionPlace(a, b *fact) string {
	switch {
	case !a.set.Unspecified():
		return " for " + placeWords(a)
	case !b.set.Unspecified():
		return " for " + placeWords(b)
	}
	return ""
}

// overTime relates two claims whose dates are further apart than the window.
func (c *Context) overTime(a, b *fact, r *Relation) {
	first, second := a, b
	if b.start < a.start {
		first, second = b, a
	}
	r.Kind = ChangeOverTime
	r.Explanation = and(first, second, amountDated, amountDated) + " are " + itoa(int64(r.DaysApart)) +
		" days apart, more than the topic's " + itoa(int64(c.topic.Window())) + "-day window: read them as a change over time, not a conflict."
}

func sinceCompatible(a, b *fact) bool {
	return a.v.Since == "" || b.v.Since == "" || a.v.Since == b.v.Since
}

// compareScoped relates two comparable claims by their intervals, widened
// by their tolerances: for the same scope, intervals apart by more than
// the tolerance conflict; for a narrower scope (a place inside another, a
// narrower population or group, a current figure beside a cumulative
// total or a peak), a narrower count above the broader one contradicts.
func compareScoped(a, b *fact, r *Relation, cmp comparison, terse bool) {
	r.excess = 1
	if cmp.dir == dirSame {
		switch {
		case !overlaps(a, b) && !widenedOverlap(a, b):
			r.Kind = Conflicts
			r.Severity = gap(a, b)
			r.excess = widenedGap(a, b)
		case !overlaps(a, b):
			r.Kind = RoughlyAgrees
		case matches(a, b):
			r.Kind = Corroborates
		default:
			r.Kind = Consistent
		}
		if terse {
			return // the kind and severity alone (see Context.terse)
		}
		inline, trailing := placeClauses(a, b)
		pair := and(a, b, amount, amount) + inline
		lower, upper := a, b
		if b.hi < a.lo {
			lower, upper = b, a
		}
		switch r.Kind {
		case Conflicts:
			r.Explanation = pair + " cannot both be right: the nearer bounds, " + num(lower.hi) + " and " + num(upper.lo) + ", are " +
				times(r.Severity, lower.hi) + " apart" + trailing + ", beyond the tolerance of " + toleranceWords(a, b) + "."
		case RoughlyAgrees:
			r.Explanation = pair + " roughly agree" + trailing + ": the nearer bounds, " + num(lower.hi) + " and " + num(upper.lo) + ", are " +
				times(gap(a, b), lowerHi(a, b)) + " apart, within the tolerance of " + toleranceWords(a, b) + "."
		case Corroborates:
			r.Explanation = pair + " agree closely" + trailing + "."
		default:
			r.Explanation = pair + " overlap, so they are consistent" + trailing + "."
		}
		return
	}
	inner, outer := a, b
	if cmp.dir == dirOuter {
		inner, outer = b, a
	}
	switch {
	case inner.wlo > outer.whi:
		r.Kind = Contradicts
		r.Severity = severity(outer.hi, inner.lo)
		r.excess = severity(outer.whi, inner.wlo)
	case inner.lo > outer.hi:
		r.Kind = RoughlyAgrees
	default:
		r.Kind = ScopeDiffers
	}
	if terse {
		return // the kind and severity alone (see Context.terse)
	}
	why, rule := narrowerWords(inner, outer, r.Places)
	alone := r.Places == gazetteer.Inside || r.Places == gazetteer.Contains
	outerIn := func(f *fact) string { return amountIn(f, false) }
	switch r.Kind {
	case Contradicts:
		r.Explanation = describeIn(inner, alone) + " exceeds " + object(inner, outer, outerIn) + " by " + times(r.Severity, outer.hi) +
			", though " + why + ": " + rule + "."
	case RoughlyAgrees:
		r.Explanation = describeIn(inner, alone) + " is above " + object(inner, outer, outerIn) + " only by " + times(severity(outer.hi, inner.lo), outer.hi) +
			", within the tolerance of " + toleranceWords(inner, outer) + ", though " + why + ": roughly agrees."
	default:
		r.Explanation = describeIn(inner, alone) + " is not above " + object(inner, outer, outerIn) + ", as a narrower count should not be, since " + why + ": no conflict."
	}
}

// narrowerWords says in which respects the inner claim is narrower, and
// the rule that makes a larger count impossible.
func narrowerWords(inner, outer *fact, places gazetteer.Relation) (string, string) {
	var why, rules []string
	if places == gazetteer.Inside || places == gazetteer.Contains {
		why = append(why, placeWords(inner)+" lies inside "+placeWords(outer))
		rules = append(rules, "a count for part of the area cannot be larger than the count for all of it")
	}
	if inner.pop != outer.pop {
		why = append(why, scopeWords(inner.v.Scope.Population)+" is a narrower population than "+scopeWords(outer.v.Scope.Population))
		rules = append(rules, "a narrower population cannot outnumber the broader one")
	}
	if inner.grp != outer.grp {
		why = append(why, scopeWords(inner.v.Scope.Group)+" is a narrower group than "+scopeWords(outer.v.Scope.Group))
		rules = append(rules, "a narrower group cannot outnumber the broader one")
	}
	if inner.measure != outer.measure {
		what := "the cumulative total"
		if outer.measure == claims.Peak {
			what = "the peak"
		}
		why = append(why, "the first is a current figure and the second "+what+" of the same date")
		rules = append(rules, "how many there are at a moment cannot exceed "+what)
	}
	if len(rules) != 1 {
		return joinAnd(why), "a count of a narrower scope cannot be the larger"
	}
	return why[0], rules[0]
}

func widenedOverlap(a, b *fact) bool { return a.wlo <= b.whi && b.wlo <= a.whi }

// widenedGap is the factor between the widened nearer bounds.
func widenedGap(a, b *fact) float64 {
	switch {
	case a.whi < b.wlo:
		return severity(a.whi, b.wlo)
	case b.whi < a.wlo:
		return severity(b.whi, a.wlo)
	}
	return 1
}

// partWhole relates a claim to one of another topic: when one topic is the
// other's parent, the part's count cannot exceed the whole's for the same
// place and time.
func (c *Context) partWhole(a, b *fact, r *Relation) {
	part, whole := a, b
	switch {
	case c.parent != nil && b.v.TopicID == c.parent.ID:
	case c.parent != nil && a.v.TopicID == c.parent.ID:
		part, whole = b, a
	default:
		r.Kind = NotComparable
		r.Explanation = and(a, b, amount, amount) + " belong to unrelated topics."
		return
	}
	if reason := incomparable(a, b); reason != "" {
		r.Kind, r.Explanation = NotComparable, reason
		return
	}
	if a.change != notChange {
		r.Kind, r.Explanation = NotComparable, and(a, b, amount, amount)+" are changes: a part's change is not bounded by the whole's (other parts may move the other way), so they are not compared."
		return
	}
	if a.measure != b.measure {
		is := func(f *fact) string { return amount(f) + " is " + measureWords(f) }
		r.Kind, r.Explanation = NotComparable, and(a, b, is, is)+": not the same measure, so they are not compared."
		return
	}
	if int64(r.DaysApart) > int64(c.topic.Window()) {
		r.Kind = ChangeOverTime
		if c.terse {
			return
		}
		r.Explanation = and(a, b, amountDated, amountDated) + " are " + itoa(int64(r.DaysApart)) + " days apart: a part and a whole are compared only within the topic's " +
			itoa(int64(c.topic.Window())) + "-day window."
		return
	}
	rel := gazetteer.Compare(part.set, whole.set)
	if rel != gazetteer.Equal && rel != gazetteer.Unknown && rel != gazetteer.Inside {
		r.Kind = ScopeDiffers
		if c.terse {
			return
		}
		in := func(f *fact) string { return amountIn(f, false) }
		r.Explanation = and(part, whole, in, in) + " do not cover the same area, so the part is not compared with the whole."
		return
	}
	if c.terse {
		// The kind and severity alone (see Context.terse).
		switch {
		case part.lo > whole.hi:
			r.Kind, r.Severity = PartExceedsWhole, severity(whole.hi, part.lo)
		default:
			r.Kind = Consistent
		}
		return
	}
	// The places are said once when they are the same, and not at all
	// when neither claim states any.
	partWords, wholeWords := describeIn(part, false), func(f *fact) string { return amountIn(f, false) }
	switch {
	case part.set.Unspecified() && whole.set.Unspecified():
		partWords, wholeWords = describe(part), amount
	case rel == gazetteer.Equal:
		wholeWords = amount
	}
	wholeObj := object(part, whole, wholeWords)
	switch {
	case part.lo > whole.hi:
		r.Kind = PartExceedsWhole
		r.Severity = severity(whole.hi, part.lo)
		r.Explanation = partWords + " exceeds " + wholeObj + " by " + times(r.Severity, whole.hi) +
			", though the first counts a narrower population than the second: a part cannot outnumber the whole."
		c.sayWindow(a, b, r)
	case part.lo == whole.hi:
		// The intervals touch: the part is at least what the whole is at
		// most. Not a contradiction, but only just.
		r.Kind = Consistent
		r.Explanation = partWords + " fits within " + wholeObj + " only at " + num(part.lo) +
			": the part is at least " + num(part.lo) + " and the whole at most " + num(whole.hi) + ", so the part would be all of the whole."
	case part.hi <= whole.lo:
		r.Kind = Consistent
		r.Explanation = partWords + " fits within " + wholeObj + ", as a part should."
	default:
		r.Kind = Consistent
		r.Explanation = partWords + " can fit within " + wholeObj + ", as a part should: their intervals leave room for the part to be the smaller."
	}
}
