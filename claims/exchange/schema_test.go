package exchange

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimdesk/claimdesk/claims"
)

// schema.json describes every member of today's claim by hand, so the
// served schema is the file as it is.
func TestSchemaIsTheFileForTodaysClaim(t *testing.T) {
	if !bytes.Equal(Schema, schemaBase) {
		t.Errorf("schema.json lacks members of claims.Claim the schema adds at start; today's claim needs none")
	}
}

// A field added to the claim is described by the served schema, and a
// document that carries it validates, while a wrong value does not.
func TestSchemaDescribesAFieldAddedToTheClaim(t *testing.T) {
	type claimPlus struct {
		claims.Claim
		ConfidenceNote string       `json:"confidence_note" doc:"Why the analyst trusts the figure."`
		Certainty      claims.Grade `json:"certainty"`
		Reviewed       bool         `json:"reviewed"`
	}
	b := completeSchema(schemaBase, reflect.TypeFor[claimPlus]())
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	props := doc["$defs"].(map[string]any)["claim"].(map[string]any)["properties"].(map[string]any)
	if p, _ := props["confidence_note"].(map[string]any); p["type"] != "string" || p["description"] != "Why the analyst trusts the figure." {
		t.Errorf("confidence_note: %v", props["confidence_note"])
	}

	c := jsonschema.NewCompiler()
	sch, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource("schema.json", sch); err != nil {
		t.Fatal(err)
	}
	compiled, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	claim := `{"id":"c1","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z","version":1,
		"topic_id":"t1","claimant_id":"k1","quantity_text":"800","no_number":false,"parsed_interval":null,
		"analyst_interval":null,"interval":null,"interval_source":"none","scope":{"places":[],"measure":"current"},
		"provenance":{"source_id":"s1"},"grade":"ungraded","rank":"normal","evidence_type":"unknown",
		"confidence_note":"two origins","certainty":%s,"reviewed":true}`
	for _, tc := range []struct {
		certainty string
		valid     bool
	}{{`"fair"`, true}, {`"sure"`, false}} {
		d := `{"schema_version":2,"topics":[],"sources":[],"claimants":[],"links":[],"reviews":[],"claims":[` +
			string(bytes.Replace([]byte(claim), []byte("%s"), []byte(tc.certainty), 1)) + `]}`
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(d)))
		if err != nil {
			t.Fatal(err)
		}
		if err := compiled.Validate(inst); (err == nil) != tc.valid {
			t.Errorf("certainty %s: validation error %v, want valid %v", tc.certainty, err, tc.valid)
		}
	}
}
