// Package xref cross-references the numeric claims of a topic: it says how
// two claims relate (they corroborate, conflict, differ in scope, report one
// statement differently, revise one another...), explains each verdict in
// words that name both claimants and numbers, and summarises a whole topic
// without ever listing every pair.
//
// The package is pure: it imports the standard library, package claims and
// its own gazetteer, does no I/O and keeps no state between calls. Stores
// call Recompute on every claim write and keep its TopicResult; the API
// reads summaries from there and computes one claim's pairs on demand with
// Relations.
//
// # The rules
//
// Two claims of one topic are compared only when they have a number in the
// same unit and measure (stock, flow or proxy). Then, in this order:
//
//  1. An analyst's link between the two decides (unrelated suppresses,
//     contradicts forces a conflict, and so on).
//  2. Reports of one statement (same claimant and occasion, or same
//     claimant, origin source and said_on date, or linked as derived or
//     same statement) are never a conflict: if their numbers, places or
//     hedges differ they are flagged as drift.
//  3. The same claimant's figures for the same place (or where one gives no
//     place) are a revision series: the later supersedes the earlier.
//  4. Reference dates further apart than the topic's window are a change
//     over time; a cumulative flow that falls is flagged as flow_fell.
//  5. Places decide what the intervals mean: for the same places (or where
//     either is unspecified) disjoint intervals conflict, overlapping ones
//     are consistent, matching ones corroborate; where one claim's places
//     lie inside the other's and the topic is additive, an inner count
//     above the outer count contradicts; disjoint or partly overlapping
//     places differ in scope and never conflict.
//
// Deprecated claims are related like the others but never count as being
// in conflict. The severity of a conflict is the factor between the nearer
// bounds of the two intervals: 720 / 60 = 12 for "about 800" (720-880)
// against "a few dozen" (24-60).
//
// # Consensus and groups
//
// The consensus of a topic is where the most independent evidence agrees:
// the maximum clique of the interval graph of its claims, found by a sweep.
// Only active claims in the topic's unit count, and not superseded ones
// (a claimant's earlier figure for the same scope, by the revision series
// or an analyst's supersedes link). Each origin cluster (see Origins)
// counts once, as the union of its claims' intervals, so ten articles
// relaying one statement weigh as much as the statement. Open-ended
// intervals ("up to 3,000", "more than 400") count, but a point that only
// open-ended intervals cover is never a consensus. The consensus is the
// run of values covered by the most origins; among equally deep runs it
// prefers more origins with a two-sided interval there, then the narrower
// run, then the lower one; across measures the same order applies. Its
// range is the intersection of the clique's intervals, so it is always
// bounded. Fewer than two origins agreeing anywhere means no consensus.
//
// Groups partition the active claims in the topic's unit, measure by
// measure, into sets of mutually consistent claims for display. They are
// built by repeatedly extracting a maximum clique: the value covered by
// the most remaining claims (each report counts here, superseded ones
// too; then the most two-sided ones; then the lowest value), and every
// remaining claim containing it. The first group of the consensus's
// measure is taken at the consensus instead, so the claims behind the
// consensus share a group. An open-ended or very wide interval thus joins
// the deepest group it overlaps rather than whichever group is formed
// first, which with a greedy stabbing of the intervals ending first put
// "up to 3,000" beside "a few dozen". ClaimSummary.Group indexes
// TopicSummary.Groups.
//
// # Cost
//
// Recompute runs in O(k·n log n) for a topic of n claims whose claims name
// k distinct sets of places: it sorts the claims and sweeps them with
// Fenwick and segment trees, and never visits every pair. The consensus
// and the groups add O(n log n): a sort, difference arrays over the
// intervals' endpoints, and segment trees from which each claim is
// removed once. Claims touched by
// an analyst's link (and the claims sharing an origin with them) are
// re-examined one by one against the topic, which costs O(n) each.
package xref
