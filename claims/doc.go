// Package claims is the domain of claimdesk: topics, sources, claimants and
// the numeric claims that analysts cross-reference, with their validation
// rules and the Store contract that persistence implements.
//
// The package imports only the standard library, golang.org/x packages and
// its own sub-packages (such as claims/quantity). It knows nothing of HTTP,
// gin or gorm: the api package maps its errors to HTTP statuses and
// claims/gormstore implements Store.
package claims
