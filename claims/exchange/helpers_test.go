package exchange_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// validateDocument checks a JSON export against the published schema.
func validateDocument(t testing.TB, doc []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	schema, err := jsonschema.UnmarshalJSON(bytes.NewReader(exchange.Schema))
	if err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	if err := c.AddResource("schema.json", schema); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatalf("compile schema.json: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("export does not match schema.json: %v", err)
	}
}

// reopenEmpty returns an empty store of the same database kind as s.
func reopenEmpty(t *testing.T, s *gormstore.Store) *gormstore.Store {
	t.Helper()
	if strings.HasSuffix(t.Name(), "/postgres") {
		return storetest.Postgres(t)
	}
	return storetest.SQLite(t)
}
