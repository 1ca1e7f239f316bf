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
package gormstore
