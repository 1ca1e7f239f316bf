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
// Prepared.Relations, on a topic prepared once (Prepare) and kept by the
// store while its claims are unchanged (Relations gives the same pages
// from the claims themselves).
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
// A change (an interval of kind change: "fell by 3,000" is -3,000) is not
// a count. It is never compared with a count, nor across a part and its
// whole; two changes are compared only when both state the same period
// (since and reference date): two falls by their sizes, two rises as
// figures, a rise against a fall as a conflict of opposite directions
// (severity MaxSeverity). A change whose interval spans zero is not
// compared.
//
// Deprecated claims are related like the others but never count as being
// in conflict. The severity of a conflict is the factor between the nearer
// bounds of the two intervals: 720 / 60 = 12 for "about 800" (720-880)
// against "a few dozen" (24-60). It is capped at MaxSeverity, which the
// web app's badge shows as "∞"; the explanation calls the factor
// unbounded when the lower bound is zero or below, and "1,000,000,000×
// or more" when both are positive ("1" against "2 billion").
//
// A claim of a narrower topic (Chechens) is compared with the claims of
// its parent topic (Russians) for the same or a containing place within
// the window: a part above its whole is part_exceeds_whole, counted in
// ClaimSummary.PartWholeCount and listed, each claim's worst, among the
// narrower topic's notable conflicts. Parts given in one statement are
// also summed against its total (SumOfParts).
//
// # Explanations
//
// Every relation carries an explanation: a sentence or a few, that names
// each claimant once, gives what each claim says and the interval read
// from it, and the verdict with its reason; a conflict between claims a
// month or more apart ends by saying how many days apart they are, within
// the topic's window, and an analyst's review adds its own. A quantity text that reads as
// a number phrase is given as said ("about 800 (720-880)", "more than
// 20,000 (20,001 or more)"); any other text is quoted ("\"exceeds 20,000\"
// (20,001 or more)"); the interval is left out when the text already
// says it ("7,000", "between 800 and 1,500", "at least 4,000"). Two
// figures of one claimant name the claimant once. From the demo dataset:
//
//	Andrei Novikov's close to 5,000 (4,500-4,999) and Vladimir Kolokoltsev's 1,800 cannot both be right: the nearer bounds, 1,800 and 4,500, are 2.5x apart; neither states a place.
//
//	International Centre for the Study of Radicalisation (ICSR)'s "exceeds 20,000" (20,001 or more) and UN Security Council's about 15,000 (13,500-16,500), each for Syria and Iraq, cannot both be right: the nearer bounds, 16,500 and 20,001, are 1.21x apart.
//
//	Vladimir Putin's later figure for Syria, "a little half" (4,000-4,500) as of 2017-04-12, supersedes the earlier one, up to about 4 thousand (up to 4,000) as of 2017-02-23; the earlier figure is kept in the series.
//
//	Vladimir Putin's up to about 4 thousand (up to 4,000) and at least four thousand (4,000 or more) report one statement but differ in numbers and hedges ("up to about 4 thousand" is an upper bound, "at least four thousand" is a lower bound): transcription, translation or scope drift, not a conflict between claimants.
//
//	Elena Sutormina's 7,000 for Syria exceeds Sergei Rudskoy's up to 4,500 with no place stated by 1.56x, though the first counts a narrower population than the second: a part cannot outnumber the whole.
//
//	Andrei Novikov's close to 5,000 (4,500-4,999) fits within Sergei Rudskoy's up to 4,500 only at 4,500: the part is at least 4,500 and the whole at most 4,500, so the part would be all of the whole.
//
// # Consensus and groups
//
// The consensus of a topic is where the most independent evidence agrees
// at one time: the maximum clique of the interval graph of the claims of
// one period, found by a sweep. Figures years apart are a change over
// time, not agreement, so the consensus is never taken across them.
//
// The current period is the topic's window (Topic.Window, in days) up to
// the most recent reference date of an eligible claim: it holds every
// eligible claim whose reference date reaches within the window of that
// date. When fewer than two independent origins agree anywhere in it (one
// claimant alone, or claimants who disagree), the consensus looks back:
// the next period is anchored at the latest reference date before the
// current period, and so on, until a period has a consensus; with none,
// there is no consensus. The consensus says which period it is for
// (Consensus.From and To, the reference dates of the period's earliest
// and latest claims as written), so "2,250-2,750 (2015-09 to 2015-12)"
// is never read as today's figure. Claims without a reference date count
// only when no claim is dated; then all of them form one undated period.
//
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
// bounded. Fewer than two origins agreeing in a period means no consensus
// there.
//
// The spread (TopicSummary.Spread), the largest central value over the
// smallest, is for the consensus's period, or the current period when
// there is no consensus; SpreadAllTime keeps the ratio over every date,
// which rising figures make large without any disagreement (131.9x for
// the demo's Russians from 2013 to 2017, against 1.67x for the autumn of
// 2015). The envelope (TopicSummary.Envelope) spans every active claim of
// every date: the range of their finite bounds, flagged open below or
// above when some claim is ("24 … 4,999+").
//
// Groups partition the active claims in the topic's unit, of every date,
// measure by measure, into sets of mutually consistent claims for display. They are
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
// Recompute sorts the claims and sweeps them with Fenwick and segment
// trees, and never visits every pair. Claims of one unit, basis kind,
// measure (with its since or period), place set, population and group
// form a class, and compare identically with any other claim; an index of
// those five aspects gives each class the classes it can be compared with
// at all, without scanning the others, and compare decides how. The
// claims of a class are swept against those of its partners: O(m·log m)
// for a class and partners holding m claims, or pair by pair when the
// block is small (a few claims against a few dozen), which visits the
// same pairs as the sweep would count. A claim with a time of day is
// swept beside the whole days that hold its day as a claim days apart,
// and among totals to date by the minute and before such a day. The
// consensus and the groups add O(n log n): a sort, difference arrays over
// the intervals' endpoints, and segment trees from which each claim is
// removed once; each claim falls in one period, so looking back period by
// period adds a sort. Claims touched by an analyst's link (and the claims
// sharing an origin with them) are re-examined one by one against the
// topic's claims they may conflict with, which costs O(n) each.
//
// BenchmarkRecomputeV1 measures this against the engine as it stood
// before the rules on populations, measures, bases and times of day
// (testdata/v1).
package xref
