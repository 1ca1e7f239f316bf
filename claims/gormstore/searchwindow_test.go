package gormstore

// SetSearchWindow sets how many matches a search ranks at once, for a
// test, and returns what puts it back.
func SetSearchWindow(n int) (restore func()) {
	old := searchWindow
	searchWindow = n
	return func() { searchWindow = old }
}

// SetSmallTopic sets the size under which a search in a topic looks the
// topic's claims up one by one, for a test; it returns the restore.
func SetSmallTopic(n int) (restore func()) {
	old := smallTopicClaims
	smallTopicClaims = n
	return func() { smallTopicClaims = old }
}

// SetFacetScan sets how many matches of a search facets count, for a
// test, and returns what puts it back.
func SetFacetScan(n int) (restore func()) {
	old := facetScan
	facetScan = n
	return func() { facetScan = old }
}
