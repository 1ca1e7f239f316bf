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
// # The data version
//
// DataVersion, the key of the caches across topics (the first page of
// the conflicts, the facets of a search), is the sum of topic_versions.
// On SQLite, step 17 keeps the sum in one row (data_version) that
// triggers on topic_versions add every bump to: writes hold the writer
// slot anyway, so the row adds no wait. On PostgreSQL it is summed (10,000
// rows at a million claims), again only once a commit has changed the
// server's snapshot (see snapshotWatch). One row there would be locked
// by a write from its first bump to its commit: writes to different
// topics, which take different advisory and row locks and never wait for
// each other, would queue on it, and every write would wait out a bulk
// import's whole transaction (then fail with 503 after the lock wait).
// The ways around the row were not taken: a sequence is not
// transactional (a reader could key an answer by a number a writer took
// before its commit and keep the stale answer under it after), and rows
// sharded by topic are locked in the order a transaction bumps its topics,
// not the advisory locks' order, so two writes to several topics could
// deadlock on them.
//
// # Why the recompute stays inside the write's transaction
//
// A write recomputes the summaries of the topics it changed (xref.Recompute)
// inside its own transaction, after its rows and before its commit, with
// the topics' advisory locks (PostgreSQL) or the writer slot (SQLite)
// held. Moving the engine out (load its inputs, compute, then write the
// summaries in a short transaction guarded by the topic's summary version,
// recomputing again when it moved) was measured and not done.
//
// What it would save, by BenchmarkWriteTransaction (one claim's update,
// the same run, a loaded 2-core machine; "outside" is the transaction with
// the recompute left out, the floor a move could reach): on SQLite 17 ms
// against 23 ms at 10 claims in the topic, 27 ms against 84 ms at 100, 17
// ms against 454 ms at 1,000; on PostgreSQL 71 against 122 ms at 10 and
// 92 against 549 ms at 1,000 (at 100 the noise of the machine hid the
// difference). So the transaction of a write to a topic of 1,000 claims is
// up to 25 times longer with the engine in it.
//
// What it would cost: summaries must equal a fresh recompute once writes
// settle, and today they do by construction, because they commit with the
// rows they describe. Outside the transaction, a process that dies between
// the commit of the rows and the write of the summaries (kill -9, a lost
// connection, a replica restarted) leaves the topic's summaries stale for
// good, unless the write also leaves a durable mark (a dirty-topics table
// the write fills and the summary transaction empties, swept at start and
// by every replica), which is a schema step, a sweeper and a second place
// where topics are locked. Readers would meanwhile see claims whose
// summaries are missing; the optimistic retry can starve on a busy topic
// (every retry recomputes the whole family), so its bound must hand the
// work to the last writer, which is again the durable mark. Until that
// mark exists the engine stays inside, and a busy large topic is what a
// write waits for: its lock wait turns into 503 with Retry-After, never a
// stale comparison.
//
// Each table's columns are declared once, by its row struct in rows.go
// (see columns.go): gorm's CRUD, the bulk INSERTs of imports, the exports
// and the recompute's reads all take their column lists from it.
//
// # Adding a field to claims
//
//  1. claims.Claim, or a type it holds (claims.Scope...): the field, its
//     json tag (and a doc tag, the member's description in the API's
//     document), its size limits as tags (maxlen:"MaxNameLen", minlen,
//     maxitems), which Validate enforces and the API's document gives, and
//     any other check in Validate. A new enum type needs a Values method.
//  2. claimRow in rows.go: the column (tag it claim:"path" if its name is
//     not the member's, as group_name holds scope.group; row:"derived",
//     with its function in claimDerivations, if it is computed from other
//     fields).
//  3. migrate.go: a new step that adds the column.
//  4. The frontend's claim form and page.
//
// Then give the field a value in everyField (fields_test.go):
// TestEveryClaimFieldRoundTrips finds every field of claims.Claim by
// reflection and fails until it survives create and find, and the JSON,
// NDJSON and CSV exports and imports.
//
// Nothing else lists the fields of a claim. The conversions between a
// claim and its row (claimconv.go), the raw JSON export (export_fast.go,
// exchange.AppendClaimJSON) and the CSV columns follow claimRow and
// claims.Claim, found once at start; the API's schemas of a claim and of
// the objects it holds, with their limits (api/claimschema.go), are built
// from claims.Claim, and the export's schema describes a member
// schema.json lacks by its Go type. The store refuses to start while a
// column holds no member of the claim's JSON, a member has no column, or
// a derived column has no function. Adding an optional string with a
// maxlen tag to claims.Scope, as a try-out, touched claim.go, rows.go,
// migrate.go and fields_test.go, and no other file but the frontend's.
package gormstore
