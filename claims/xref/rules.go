package xref

// RulesVersion numbers what a topic's stored summaries (its conflicts,
// consensus and grades, their explanations included) depend on besides
// its records: this package's rules and the built-in gazetteer's tables.
// A release that changes either gives it the next number. The store
// records the number its summaries were computed under; claimdesk serve
// warns when it is an older one, and claimdesk recompute recomputes every
// topic under this one, so that an upgrade need not keep showing
// conflicts the new rules would not find, or hide those they would.
//
// The gazetteer's part is held by a test (TestRulesVersionPinsGazetteer),
// which fails when the built-in tables change under the same number; a
// change of the rules here needs the same care by hand.
const RulesVersion = 3
