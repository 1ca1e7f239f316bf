// Package gormstore implements claims.Store with gorm, on SQLite (an
// embedded file, the default) or PostgreSQL (for several replicas sharing
// one database).
//
// Records are stored in private row structs, separate from the domain
// types: the columns that listings filter and sort on are real, indexed
// columns, and the rest of a record (intervals, relays, places, tags) is
// kept as JSON text so a record reads back exactly as it was written.
//
// The schema is created and upgraded by numbered migration steps recorded
// in the schema_version table; Migrate runs the steps a database lacks.
//
// On SQLite, writes are serialised by a slot inside the Store and every
// transaction begins IMMEDIATE with a busy timeout; reads use a pool of
// connections and, in WAL mode, never wait for the writer. A write that
// cannot get the database within the lock wait (another process, such as
// `claimdesk import`, holds it) fails with claims.CodeUnavailable, never
// with "database is locked". See write.go for the lock order and retries.
//
// Each table's columns are declared once, by its row struct in rows.go
// (see columns.go): gorm's CRUD, the bulk INSERTs of imports, the exports
// and the recompute's reads all take their column lists from it.
//
// # Adding a field to claims
//
//  1. claims.Claim: the field, its json tag, and its check in Validate.
//  2. claimRow in rows.go: the column, and its line in toClaimRow and
//     domain (tag it row:"derived" if it is computed from other fields,
//     or claim:"path" if its name is not the member's, as group_name
//     holds scope.group).
//  3. migrate.go: a new step that adds the column.
//  4. The documents: api/openapi.json and exchange/schema.json.
//  5. The frontend's claim form and page.
//
// The exchange formats need nothing: the fast JSON export
// (exchange.AppendClaimJSON, fed by export_fast.go) and the CSV columns
// are derived from claims.Claim's fields, tags and types once, at start.
//
// Then give the field a value in everyField (fields_test.go):
// TestEveryClaimFieldRoundTrips finds every field of claims.Claim by
// reflection and fails until it survives create and find, and the JSON,
// NDJSON and CSV exports and imports; the store refuses to start while
// a column holds no member of the claim's JSON or a member has no column.
package gormstore
