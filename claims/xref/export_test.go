package xref

// RandomTopic lets the external tests build the property test's random
// topics.
var RandomTopic = randomTopic
