package claims

import (
	"context"

	"github.com/claimdesk/claimdesk/claims/fulltext"
)

// Searcher finds records by what they say and counts claims by facet.
// gormstore.Store implements it with each database's own full-text index.
type Searcher interface {
	// Search ranks the claims that f selects (f.Query must be set) and the
	// topics, sources and claimants whose text matches f.Query.
	Search(ctx context.Context, f ClaimFilter) (SearchResult, error)
	// ClaimFacets counts the claims that f selects by each facet.
	ClaimFacets(ctx context.Context, f ClaimFilter) (Facets, error)
}

// SnippetPart is a run of a snippet's text; Match marks the words the
// query found.
type SnippetPart = fulltext.SnippetPart

// Hit is one search result: the record, the best passage of its text with
// the matching words marked, and its relevance (higher is better; scores
// compare only within one search).
type Hit[T any] struct {
	Item    T             `json:"item"`
	Snippet []SnippetPart `json:"snippet"`
	Score   float64       `json:"score"`
}

// SearchResult is a search's matches in groups. Claims are paged (Next
// is the cursor of the next page); the other groups hold the best few.
type SearchResult struct {
	Claims    Page[Hit[*Claim]] `json:"claims"`
	Topics    []Hit[*Topic]     `json:"topics"`
	Sources   []Hit[*Source]    `json:"sources"`
	Claimants []Hit[*Claimant]  `json:"claimants"`
}

// SearchGroupLimit is how many topics, sources and claimants a search
// returns.
const SearchGroupLimit = 10

// FacetCount is one value of a facet and how many claims have it. Label
// is the value's name where the value is an ID (a topic's title, a
// claimant's or source's name).
type FacetCount struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// Facets counts the claims a filter selects: Total in all, and by each of
// the Facet names, the most frequent values first (at most FacetLimit).
//
// Capped says that a full-text query matched more claims than a store
// counts at once (10,000 on SQLite): Total and Counts are then those of
// the newest matches it counted, and more claims match.
type Facets struct {
	Total  int                     `json:"total"`
	Counts map[string][]FacetCount `json:"counts"`
	Capped bool                    `json:"capped,omitempty"`
}

// The facets claims are counted by.
const (
	FacetTopic        = "topic"
	FacetClaimant     = "claimant"
	FacetSource       = "source"
	FacetPlace        = "place"
	FacetYear         = "year" // of the reference date
	FacetGrade        = "grade"
	FacetEvidenceType = "evidence_type"
	FacetInConflict   = "in_conflict" // "true" or "false"
)

// FacetNames lists the facets in the order the API shows them.
var FacetNames = []string{FacetTopic, FacetClaimant, FacetSource, FacetPlace, FacetYear, FacetGrade, FacetEvidenceType, FacetInConflict}

// FacetLimit is how many values of one facet are counted.
const FacetLimit = 20
