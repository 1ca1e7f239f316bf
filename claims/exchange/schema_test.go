package exchange

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/claimdesk/claimdesk/claims"
)

// A field added to the claim is described by the served schema, and a
// document that carries it validates, while a wrong value does not.
func TestSchemaDescribesAFieldAddedToTheClaim(t *testing.T) {
	type claimPlus struct {
		claims.Claim
		SecondOpinion string       `json:"second_opinion" doc:"What a second analyst thinks of the figure."`
		Certainty     claims.Grade `json:"certainty"`
		Reviewed      bool         `json:"reviewed"`
	}
	b := completeSchema(schemaBase, reflect.TypeFor[claimPlus]())
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	props := doc["$defs"].(map[string]any)["claim"].(map[string]any)["properties"].(map[string]any)
	if p, _ := props["second_opinion"].(map[string]any); p["type"] != "string" || p["description"] != "What a second analyst thinks of the figure." {
		t.Errorf("second_opinion: %v", props["second_opinion"])
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
		"second_opinion":"agrees","certainty":%s,"reviewed":true}`
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
