package xref

import (
	"cmp"
	"slices"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/xref/gazetteer"
)

// Conflict is a notable conflict of a topic, as GET /api/v1/conflicts
// lists it: a conflict or contradiction between two of its claims, or one
// of its claims above a claim of the parent topic (part_exceeds_whole).
// ClaimA sorts before ClaimB, as in claims.Review.
type Conflict struct {
	TopicID  string  `json:"topic_id"`
	ClaimA   string  `json:"claim_a"`
	ClaimB   string  `json:"claim_b"`
	Kind     Kind    `json:"kind"`
	Severity float64 `json:"severity"`
	// Priority ranks the list: the severity discounted by the grades of
	// the two claims (see Priority), so a 12x conflict between confirmed
	// claims leads a 12x one between weak claims.
	Priority    float64             `json:"priority"`
	Explanation string              `json:"explanation"`
	Manual      bool                `json:"manual"`
	Status      claims.ReviewStatus `json:"status"`
	Resolution  string              `json:"resolution,omitempty"`
}

func conflictOf(topicID string, r Relation, a, b claims.Grade) Conflict {
	k := pairKey(r.ClaimID, r.OtherID)
	return Conflict{
		TopicID: topicID, ClaimA: k[0], ClaimB: k[1], Kind: r.Kind, Severity: r.Severity, Priority: Priority(r.Severity, a, b),
		Explanation: r.Explanation, Manual: r.Manual, Status: claims.ReviewOpen,
	}
}

// GradeWeight is how much a conflict counts by the grade of a claim in
// it: an analyst's confirmation makes it weigh fully, a discounted claim
// hardly at all.
var GradeWeight = map[claims.Grade]float64{
	claims.GradeConfirmed: 1, claims.GradeFair: 0.8, claims.GradeUngraded: 0.6,
	claims.GradeContested: 0.5, claims.GradeWeak: 0.4, claims.GradeDiscounted: 0.1,
}

// Priority ranks a conflict: 1 + (severity - 1) x the mean weight of the
// two claims' grades (GradeWeight), to three significant figures. A
// conflict 12x apart between ungraded claims has priority 7.6; between
// confirmed claims, 12.
func Priority(severity float64, a, b claims.Grade) float64 {
	w := func(g claims.Grade) float64 {
		if v, ok := GradeWeight[g]; ok {
			return v
		}
		return GradeWeight[claims.GradeUngraded]
	}
	if severity >= MaxSeverity {
		return roundSeverity(MaxSeverity * (w(a) + w(b)) / 2)
	}
	return roundSeverity(1 + (severity-1)*(w(a)+w(b))/2)
}

func reviewIndex(reviews []*claims.Review) map[[2]string]*claims.Review {
	m := make(map[[2]string]*claims.Review, len(reviews))
	for _, rv := range reviews {
		m[pairKey(rv.ClaimA, rv.ClaimB)] = rv
	}
	return m
}

func attachConflictReviews(cs []Conflict, reviews []*claims.Review) {
	idx := reviewIndex(reviews)
	for k := range cs {
		if rv := idx[[2]string{cs[k].ClaimA, cs[k].ClaimB}]; rv != nil {
			cs[k].Status, cs[k].Resolution = rv.Status, rv.Resolution
			if cs[k].Status == "" {
				cs[k].Status = claims.ReviewOpen
			}
		}
	}
}

// AttachReviews sets the review status and resolution of each relation
// from the analysts' reviews of its pair; conflicts without a review are
// open.
func AttachReviews(rs []Relation, reviews []*claims.Review) {
	idx := reviewIndex(reviews)
	for k := range rs {
		if rv := idx[pairKey(rs[k].ClaimID, rs[k].OtherID)]; rv != nil {
			rs[k].Status, rs[k].Resolution = rv.Status, rv.Resolution
		} else if rs[k].Conflict() {
			rs[k].Status = claims.ReviewOpen
		}
	}
}

func sortConflicts(cs []Conflict) {
	slices.SortFunc(cs, func(a, b Conflict) int {
		return cmp.Or(cmp.Compare(b.Priority, a.Priority), cmp.Compare(b.Severity, a.Severity), strings.Compare(a.TopicID, b.TopicID),
			strings.Compare(a.ClaimA, b.ClaimA), strings.Compare(a.ClaimB, b.ClaimB))
	})
}

// ConflictFilter selects conflicts across topics. Zero fields match all.
type ConflictFilter struct {
	TopicID     string
	Status      claims.ReviewStatus
	MinSeverity float64
	// SeverityBelow keeps the conflicts less severe than it: with
	// MinSeverity a half-open band, so that the bands 2 to 5 and 5 and
	// above share no conflict of severity 5.
	SeverityBelow float64
}

// FilterConflicts returns the conflicts f selects, highest priority first.
func FilterConflicts(cs []Conflict, f ConflictFilter) []Conflict {
	out := []Conflict{}
	for _, c := range cs {
		if f.TopicID != "" && c.TopicID != f.TopicID || f.Status != "" && c.Status != f.Status || c.Severity < f.MinSeverity ||
			f.SeverityBelow > 0 && c.Severity >= f.SeverityBelow {
			continue
		}
		out = append(out, c)
	}
	sortConflicts(out)
	return out
}

// RelationQuery selects and pages the relations of one claim.
type RelationQuery struct {
	// Kinds keeps only these kinds; empty keeps all.
	Kinds []Kind
	// Offset and Limit page the sorted list; Limit 0 means
	// claims.DefaultLimit.
	Offset, Limit int
}

// RelationPage is one page of a claim's relations.
type RelationPage struct {
	Items []Relation `json:"items"`
	Total int        `json:"total"`
	// NextOffset is the offset of the next page, 0 on the last one.
	NextOffset int `json:"next_offset"`
}

// Relations relates target to each candidate (the other claims of its
// topic, and of its parent topic when ctx has one) and returns a page of
// the results: conflicts first, most severe first, then by the other
// claim's ID. It computes only the target's pairs: O(n log n) for n
// candidates. For a large topic (issue 14: 67,000 claims) it finds only
// target's origin cluster (see useTargetOrigins), explains in full only
// the page's pairs (see Context.terse), and sorts the relations by index
// in a slice made to size: a Relation is a large struct, and growing and
// sorting a slice of them moved hundreds of megabytes a request.
func Relations(target ClaimView, candidates []ClaimView, ctx *Context, q RelationQuery) RelationPage {
	// One slice of facts, not one allocation a candidate; the origins
	// read their statement keys.
	ft := ctx.fact(target)
	facts := make([]fact, len(candidates))
	for k, c := range candidates {
		facts[k] = ctx.fact(c)
	}
	ctx.useTargetOrigins(&ft, facts)
	// Rank every pair without the explanations of pairs not compared,
	// then relate the page's pairs again, explained.
	rs := make([]Relation, 0, len(candidates))
	from := make([]int32, 0, len(candidates)) // rs[k] relates candidates[from[k]]
	ctx.terse = true
	for k, c := range candidates {
		if c.ID == target.ID {
			continue
		}
		r := ctx.relate(&ft, &facts[k])
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, r.Kind) {
			continue
		}
		rs = append(rs, r)
		from = append(from, int32(k))
	}
	ctx.terse = false
	order := make([]int32, len(rs))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &rs[i], &rs[j]
		return cmp.Or(-boolCmp(a.Conflict(), b.Conflict()), cmp.Compare(b.Severity, a.Severity), strings.Compare(a.OtherID, b.OtherID))
	})
	page := RelationPage{Total: len(rs), Items: []Relation{}}
	limit := q.Limit
	if limit <= 0 {
		limit = claims.DefaultLimit
	}
	if off := max(q.Offset, 0); off < len(rs) {
		end := min(len(rs), off+limit)
		page.Items = make([]Relation, 0, end-off)
		for _, k := range order[off:end] {
			page.Items = append(page.Items, ctx.relate(&ft, &facts[from[k]]))
		}
		if end < len(rs) {
			page.NextOffset = end
		}
	}
	return page
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// sumOfParts flags totals that the parts given in the same statement
// exceed: for each active claim of the topic, the child topics' claims
// with the same statement key, comparable unit and measure, and places
// inside or equal to the total's, are summed by their lower bounds (the
// largest lower bound per child topic, when a statement gives several).
func sumOfParts(ctx *Context, facts []fact, children *Lean) []SumOfParts {
	byStatement := map[string][]fact{}
	for _, c := range children.All() {
		f := ctx.fact(c)
		if f.active && f.statement != "" {
			byStatement[f.statement] = append(byStatement[f.statement], f)
		}
	}
	out := []SumOfParts{}
	for k := range facts {
		total := &facts[k]
		parts := byStatement[total.statement]
		if !total.active || total.statement == "" || len(parts) < 2 {
			continue
		}
		best := map[string]*fact{}
		var topics []string
		for n := range parts {
			p := &parts[n]
			rel := gazetteer.Compare(p.set, total.set)
			if p.unit != total.unit || p.measure != total.measure || !(rel == gazetteer.Equal || rel == gazetteer.Inside || rel == gazetteer.Unknown) {
				continue
			}
			if b := best[p.v.TopicID]; b == nil {
				topics = append(topics, p.v.TopicID)
				best[p.v.TopicID] = p
			} else if p.lo > b.lo {
				best[p.v.TopicID] = p
			}
		}
		if len(topics) < 2 {
			continue
		}
		slices.Sort(topics)
		sum := 0.0
		s := SumOfParts{TotalID: total.v.ID, TotalHigh: total.hi}
		var words []string
		for _, t := range topics {
			p := best[t]
			if p.lo > 0 {
				sum += p.lo
			}
			s.PartIDs = append(s.PartIDs, p.v.ID)
			words = append(words, amount(p))
		}
		if sum <= total.hi {
			continue
		}
		s.PartsLow = sum
		s.Severity = severity(total.hi, sum)
		// One statement has one claimant (see statementKey): name it once.
		s.Explanation = sentence("In one statement, " + total.v.Name() + " gives parts of " + joinAnd(words) + ", at least " + num(sum) +
			" together, and a whole of " + amount(total) + ": the parts exceed the whole by " + times(s.Severity, total.hi) + ".")
		out = append(out, s)
	}
	return out
}
