// Package api serves claimdesk's JSON API under /api/v1, the health
// endpoints and, from an fs.FS it is given, the web frontend.
//
// Errors are RFC 9457 problem details (application/problem+json) whose
// status comes from one map of claims.Code in errors.go; handlers never
// choose a status for a domain error. Records carry their version as a
// strong ETag, and updates and deletes require If-Match, so two analysts
// cannot silently overwrite each other.
//
// The package imports claims, claims/quantity, gin and the standard
// library. It never imports a store implementation or the frontend:
// cmd/claimdesk wires them in through Options.
package api
