package gormstore

// SetSearchWindow sets how many matches a search ranks at once, for a
// test, and returns what puts it back.
func SetSearchWindow(n int) (restore func()) {
	old := searchWindow
	searchWindow = n
	return func() { searchWindow = old }
}

// SetFacetScan sets how many matches of a search facets count, for a
// test, and returns what puts it back.
func SetFacetScan(n int) (restore func()) {
	old := facetScan
	facetScan = n
	return func() { facetScan = old }
}
