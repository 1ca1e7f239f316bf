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
// # Cost
//
// Recompute runs in O(k·n log n) for a topic of n claims whose claims name
// k distinct sets of places: it sorts the claims and sweeps them with
// Fenwick and segment trees, and never visits every pair. Claims touched by
// an analyst's link (and the claims sharing an origin with them) are
// re-examined one by one against the topic, which costs O(n) each.
package xref
