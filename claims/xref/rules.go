package xref

// RulesVersion numbers what a topic's stored summaries (its conflicts,
// consensus and grades) depend on besides its records: this package's
// rules and the built-in gazetteer's tables. A release that changes
// either gives it the next number, and a database whose summaries were
// computed under an older one has every topic recomputed when claimdesk
// next migrates it (gormstore's Migrate), so that an upgrade never shows
// conflicts the new rules would not find, or hides those they would.
//
// The gazetteer's part is held by a test (TestRulesVersionPinsGazetteer),
// which fails when the built-in tables change under the same number; a
// change of the rules here needs the same care by hand.
const RulesVersion = 2
