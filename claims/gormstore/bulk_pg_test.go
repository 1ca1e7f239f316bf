package gormstore_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// searchRows returns claim_search of s as text, one line a claim, in
// claim ID order.
func searchRows(t *testing.T, s *gormstore.Store) string {
	t.Helper()
	v, err := gormstore.QueryString(context.Background(), s,
		`SELECT COALESCE(string_agg(claim_id || ' ' || topic_id || ' ' || doc::text, E'\n' ORDER BY claim_id), '') FROM claim_search`)
	must(t, "read claim_search", err)
	return v
}

// pgWorld writes, through the store's normal write path, claims in
// several languages (with the configuration of their language, the
// 'simple' one and the names of their claimant, source and topic in
// their rows of claim_search) over two topics.
func pgWorld(t *testing.T, s *gormstore.Store) {
	t.Helper()
	ctx := context.Background()
	w := newWorld(t, s)
	other := &claims.Topic{Title: "Беженцы в Европе"}
	must(t, "create topic", svc(s).CreateTopic(ctx, other))
	merkel := &claims.Claimant{Name: "Ангела Меркель", Role: "Kanzlerin"}
	must(t, "create claimant", svc(s).CreateClaimant(ctx, merkel))
	must(t, "create full claim", svc(s).CreateClaim(ctx, w.fullClaim()))
	for i, c := range []*claims.Claim{
		{TopicID: w.topic.ID, Quote: "Some 2,400 fighters travelled", Language: "en", Notes: "from the Caucasus"},
		{TopicID: other.ID, ClaimantID: merkel.ID, Quote: "Eine Million Flüchtlinge kamen", Language: "de", QuantityText: "eine Million"},
		{TopicID: other.ID, ClaimantID: merkel.ID, Quote: "около миллиона беженцев", Language: "ru-RU", OriginalText: "about a million refugees", OriginalLanguage: "en"},
		{TopicID: other.ID, Quote: "un milió de refugiats", Language: "ca", QuantityText: "1,000,000"},
	} {
		if c.ClaimantID == "" {
			c.ClaimantID = w.claimant.ID
		}
		if c.QuantityText == "" {
			c.QuantityText = "2,400"
		}
		c.Provenance = claims.Provenance{SourceID: w.origin.ID, Relays: []claims.Relay{{SourceID: w.relay.ID}}}
		c.Tags = []string{"t" + strings.Repeat("x", i)}
		must(t, "create claim", svc(s).CreateClaim(ctx, c))
	}
}

// TestPostgresBulkImportIndexesAsTheTriggersDo: a PostgreSQL bulk import
// skips the per-row triggers of claim_search and of the topics' versions
// and does their work a batch at a time. The claims of a database written
// one by one through the write path (the triggers), exported and imported
// into an empty database, have the same rows of claim_search there, every
// imported topic has versions, searches find them, and a claim written
// after the import is indexed by the trigger again.
func TestPostgresBulkImportIndexesAsTheTriggersDo(t *testing.T) {
	ctx := context.Background()
	src := storetest.Postgres(t)
	pgWorld(t, src)
	var doc bytes.Buffer
	must(t, "export", exchange.Export(ctx, src, &doc, exchange.NDJSON, exchange.Filter{}, exchange.ExportOptions{}))

	dst := storetest.Postgres(t)
	gormstore.CacheEveryTopic(dst)
	rep, err := exchange.Import(ctx, dst, bytes.NewReader(doc.Bytes()), exchange.ImportOptions{Format: exchange.NDJSON})
	if err != nil {
		t.Fatalf("import: %v (%+v)", err, rep.Errors)
	}
	want, got := searchRows(t, src), searchRows(t, dst)
	if strings.Count(want, "\n") != 4 {
		t.Fatalf("claim_search written by the triggers holds %d rows, want 5:\n%s", strings.Count(want, "\n")+1, want)
	}
	if got != want {
		t.Errorf("claim_search after the bulk import:\n%s\nwant (as the triggers wrote it):\n%s", got, want)
	}
	for _, table := range []string{"topic_versions", "topic_claim_versions"} {
		n, err := gormstore.QueryString(ctx, dst, `SELECT count(*)::text FROM topics t WHERE NOT EXISTS (SELECT 1 FROM `+table+` v WHERE v.topic_id = t.id)`)
		must(t, "count topics without a version", err)
		if n != "0" {
			t.Errorf("%s topics imported without a row in %s", n, table)
		}
	}
	// The import left the planner statistics of the tables it filled
	// (autovacuum may be off or not yet round): pg_stats has rows only
	// after ANALYZE.
	for _, table := range []string{"claim_search", "claims", "claim_sources"} {
		n, err := gormstore.QueryString(ctx, dst, `SELECT count(*)::text FROM pg_stats WHERE schemaname = current_schema() AND tablename = '`+table+`'`)
		must(t, "count statistics", err)
		if n == "0" {
			t.Errorf("no planner statistics of %s after the bulk import", table)
		}
	}
	for _, q := range []struct {
		query string
		want  int
	}{
		{"Меркель", 2}, {"Flüchtlinge", 1}, {"refugees", 1}, {"беженцев", 3}, {"milió", 1}, {"fighters Caucasus", 1},
	} {
		if got := search(t, dst, claims.ClaimFilter{Query: q.query}).Claims.Items; len(got) != q.want {
			t.Errorf("search %q after the import: %v, want %d hits", q.query, hitIDs(got), q.want)
		}
	}

	// A second import into a database that has claims: the topic's
	// versions move, so its cached claims follow.
	topic, err := gormstore.QueryString(ctx, dst, `SELECT topic_id FROM claims ORDER BY id LIMIT 1`)
	must(t, "a topic", err)
	who, err := gormstore.QueryString(ctx, dst, `SELECT claimant_id FROM claims ORDER BY id LIMIT 1`)
	must(t, "a claimant", err)
	origin, err := gormstore.QueryString(ctx, dst, `SELECT source_id FROM claims ORDER BY id LIMIT 1`)
	must(t, "a source", err)
	before, err := topicClaims(dst, ctx, topic)
	must(t, "topic claims", err)
	importDoc(t, dst, "claim", map[string]any{"id": "late", "topic_id": topic, "claimant_id": who, "quote": "Another 300 fighters",
		"language": "en", "quantity_text": "300", "provenance": map[string]any{"source_id": origin}})
	after, err := topicClaims(dst, ctx, topic)
	must(t, "topic claims", err)
	if len(after) != len(before)+1 {
		t.Errorf("the topic's claims after a second import: %d, want %d", len(after), len(before)+1)
	}

	// The setting ended with the import's transaction: a claim written
	// afterwards on the same pool is indexed by the trigger.
	c := &claims.Claim{TopicID: topic, ClaimantID: who, Quote: "Zebras counted", QuantityText: "7",
		Provenance: claims.Provenance{SourceID: origin}}
	must(t, "create claim", svc(dst).CreateClaim(ctx, c))
	if got := hitIDs(search(t, dst, claims.ClaimFilter{Query: "zebras"}).Claims.Items); len(got) != 1 || got[0] != c.ID {
		t.Errorf("a claim created after the import: %v, want [%s]", got, c.ID)
	}
}

// TestPostgresFailedBulkImportLeavesNothing: an import that fails after
// its claims were inserted and indexed (here, when the summaries are
// written at the end) leaves no claim, no row of claim_search and no
// version behind; the same file then imports.
func TestPostgresFailedBulkImportLeavesNothing(t *testing.T) {
	ctx := context.Background()
	src := storetest.Postgres(t)
	pgWorld(t, src)
	var doc bytes.Buffer
	must(t, "export", exchange.Export(ctx, src, &doc, exchange.NDJSON, exchange.Filter{}, exchange.ExportOptions{}))

	dst := storetest.Postgres(t)
	must(t, "fail the summaries", gormstore.Exec(ctx, dst, `CREATE FUNCTION fail_summaries() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN RAISE EXCEPTION 'summaries refused'; END $$`))
	must(t, "fail the summaries", gormstore.Exec(ctx, dst, `CREATE TRIGGER fail_summaries BEFORE INSERT ON topic_summaries
		FOR EACH ROW EXECUTE FUNCTION fail_summaries()`))
	_, err := exchange.Import(ctx, dst, bytes.NewReader(doc.Bytes()), exchange.ImportOptions{Format: exchange.NDJSON})
	if err == nil || !strings.Contains(err.Error(), "summaries refused") {
		t.Fatalf("import with the summaries refused: %v, want their error", err)
	}
	for _, table := range []string{"claims", "claim_search", "topic_versions", "topic_claim_versions", "topics"} {
		n, err := gormstore.QueryString(ctx, dst, `SELECT count(*)::text FROM `+table)
		must(t, "count "+table, err)
		if n != "0" {
			t.Errorf("after the failed import %s holds %s rows, want none", table, n)
		}
	}
	must(t, "let the summaries be", gormstore.Exec(ctx, dst, `DROP TRIGGER fail_summaries ON topic_summaries`))
	if _, err := exchange.Import(ctx, dst, bytes.NewReader(doc.Bytes()), exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
		t.Fatalf("import again: %v", err)
	}
	if got, want := searchRows(t, dst), searchRows(t, src); got != want {
		t.Errorf("claim_search after the second import:\n%s\nwant:\n%s", got, want)
	}
}

// TestPostgresBulkBumpsVersionsInTriggerOrder: a bulk import bumps the
// topics' versions in the order the triggers of a write through the API
// lock the same rows (PostgreSQL fires a table's triggers by name), so an
// import and a write to the same topic on another replica cannot each
// hold the row the other waits for. The triggers' order is read from the
// database's catalogue.
func TestPostgresBulkBumpsVersionsInTriggerOrder(t *testing.T) {
	s := storetest.Postgres(t)
	order, err := gormstore.QueryString(context.Background(), s, `
		SELECT string_agg(CASE WHEN p.prosrc LIKE '%INSERT INTO topic_claim_versions%' THEN 'topic_claim_versions' ELSE 'topic_versions' END, ' ' ORDER BY t.tgname)
		FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
		WHERE t.tgrelid = 'claims'::regclass AND NOT t.tgisinternal
		  AND (p.prosrc LIKE '%INSERT INTO topic_claim_versions%' OR p.prosrc LIKE '%INSERT INTO topic_versions%')`)
	must(t, "read the triggers of claims", err)
	if strings.Count(order, " ") != 1 {
		t.Fatalf("triggers of claims bumping a version table, in the order they fire: %q; want two", order)
	}
	if got := strings.Join(gormstore.BulkVersionTables(), " "); got != order {
		t.Errorf("a bulk import bumps %q in that order; the triggers of a write lock %q", got, order)
	}
}

// tableRows returns the rows of table as JSON, one line a row, in the
// order of its columns in by.
func tableRows(t *testing.T, s *gormstore.Store, table, by string) string {
	t.Helper()
	v, err := gormstore.QueryString(context.Background(), s,
		`SELECT COALESCE(string_agg(row_to_json(r)::text, E'\n' ORDER BY `+by+`), '') FROM `+table+` r`)
	must(t, "read "+table, err)
	return v
}

// TestPostgresBulkImportCopies: a PostgreSQL bulk import writes the rows
// of its records, their side tables and the summaries' rows of claims
// and conflicts with COPY, not INSERT (a statement trigger records each
// statement that writes them), and the rows are those the write path
// stored one by one in the database the file came from. The founding
// example adds a conflict: pgWorld has none, and every table must have
// rows for the test to show anything of it.
func TestPostgresBulkImportCopies(t *testing.T) {
	ctx := context.Background()
	src := storetest.Postgres(t)
	pgWorld(t, src)
	newFounding(t, src)
	var doc bytes.Buffer
	must(t, "export", exchange.Export(ctx, src, &doc, exchange.NDJSON, exchange.Filter{}, exchange.ExportOptions{}))

	dst := storetest.Postgres(t)
	must(t, "record statements", gormstore.Exec(ctx, dst, `CREATE TABLE seen (tbl TEXT, query TEXT)`))
	must(t, "record statements", gormstore.Exec(ctx, dst, `CREATE FUNCTION record_statement() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN INSERT INTO seen VALUES (TG_TABLE_NAME, current_query()); RETURN NULL; END $$`))
	copied := []string{"topics", "sources", "claimants", "claims", "claim_sources", "claim_tags", "claim_summaries", "topic_conflicts"}
	for _, table := range copied {
		must(t, "record statements", gormstore.Exec(ctx, dst, `CREATE TRIGGER record_statement BEFORE INSERT ON `+table+`
			FOR EACH STATEMENT EXECUTE FUNCTION record_statement()`))
	}
	if _, err := exchange.Import(ctx, dst, bytes.NewReader(doc.Bytes()), exchange.ImportOptions{Format: exchange.NDJSON}); err != nil {
		t.Fatalf("import: %v", err)
	}
	for _, table := range copied {
		n, err := gormstore.QueryString(ctx, dst, `SELECT count(*)::text FROM `+table)
		must(t, "count "+table, err)
		if n == "0" {
			t.Fatalf("%s is empty after the import", table)
		}
		stmts, err := gormstore.QueryString(ctx, dst, `SELECT COALESCE(string_agg(query, E'\n'), '') FROM seen WHERE tbl = '`+table+`'`)
		must(t, "read the statements", err)
		if stmts == "" {
			t.Errorf("no statement wrote %s", table)
		}
		for _, q := range strings.Split(stmts, "\n") {
			if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(q)), "COPY ") {
				t.Errorf("%s written by %.60q, want COPY", table, q)
			}
		}
	}
	for _, tb := range []struct{ table, by string }{
		{"claims", "id"}, {"claim_sources", "claim_id, source_id"}, {"claim_tags", "claim_id, tag"},
		{"claim_summaries", "claim_id"}, {"topic_conflicts", "topic_id, claim_a, claim_b"},
	} {
		if got, want := tableRows(t, dst, tb.table, tb.by), tableRows(t, src, tb.table, tb.by); got != want {
			t.Errorf("%s after the import:\n%s\nwant (as the write path stored it):\n%s", tb.table, got, want)
		}
	}
}
