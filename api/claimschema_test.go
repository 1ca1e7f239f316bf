package api

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
)

// jsonPaths returns the path of every member of t's JSON, nested objects,
// pointed-to structs and list items included ("provenance.relays.[].note"),
// walking the json tags as encoding/json does.
func jsonPaths(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			out = append(out, jsonPaths(f.Type, prefix)...)
			continue
		}
		p := prefix + name
		out = append(out, p)
		switch ft := f.Type; {
		case ft == reflect.TypeFor[time.Time]():
		case ft.Kind() == reflect.Struct:
			out = append(out, jsonPaths(ft, p+".")...)
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			out = append(out, jsonPaths(ft.Elem(), p+".")...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			out = append(out, jsonPaths(ft.Elem(), p+".[].")...)
		}
	}
	return out
}

// describes reports whether node describes the member at path, following
// $ref and oneOf; "[]" is a list's items.
func describes(root, node map[string]any, path []string) bool {
	if node == nil {
		return false
	}
	if len(path) == 0 {
		return true
	}
	if ref, ok := node["$ref"].(string); ok {
		target := any(root)
		for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			m, _ := target.(map[string]any)
			target = m[p]
		}
		if m, ok := target.(map[string]any); ok && describes(root, m, path) {
			return true
		}
	}
	one, _ := node["oneOf"].([]any)
	for _, sub := range one {
		if m, ok := sub.(map[string]any); ok && describes(root, m, path) {
			return true
		}
	}
	if path[0] == "[]" {
		items, _ := node["items"].(map[string]any)
		return describes(root, items, path[1:])
	}
	props, _ := node["properties"].(map[string]any)
	sub, ok := props[path[0]].(map[string]any)
	return ok && describes(root, sub, path[1:])
}

// The served document describes every member of a claim, found here by
// walking claims.Claim's json tags: Claim all of them and no other,
// ClaimInput those a client sets, ClaimPatch every one. So a field added
// to claims.Claim is in the document, or this fails.
func TestClaimSchemasDescribeEveryMember(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	var doc map[string]any
	e.doJSON(t, request{method: "GET", path: "/api/v1/openapi.json"}, 200, &doc)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	serverSet := []string{"created_at", "updated_at", "version", "parsed_interval", "interval", "interval_source", "parser_version"}

	paths := jsonPaths(reflect.TypeFor[claims.Claim](), "")
	var top []string
	for _, p := range paths {
		root, _, nested := strings.Cut(p, ".")
		if !nested {
			top = append(top, p)
		}
		for _, name := range []string{"Claim", "ClaimInput", "ClaimPatch"} {
			if name != "Claim" && slices.Contains(serverSet, root) {
				continue
			}
			if name == "ClaimPatch" && nested {
				continue // a patch replaces nested objects whole, as ClaimInput's
			}
			if !describes(doc, schemas[name].(map[string]any), strings.Split(p, ".")) {
				t.Errorf("%s does not describe %s", name, p)
			}
		}
	}

	claim := schemas["Claim"].(map[string]any)
	var props, required []string
	for name := range claim["properties"].(map[string]any) {
		props = append(props, name)
	}
	for _, name := range claim["required"].([]any) {
		required = append(required, name.(string))
	}
	slices.Sort(props)
	slices.Sort(required)
	want := slices.Sorted(slices.Values(top))
	if diff := cmp.Diff(want, props); diff != "" {
		t.Errorf("Claim's properties (-claims.Claim +schema):\n%s", diff)
	}
	if diff := cmp.Diff(want, required); diff != "" {
		t.Errorf("Claim's required members, every one a claim's JSON always has (-claims.Claim +schema):\n%s", diff)
	}

	// The enums hold the domain's lists of valid values.
	enums := map[string][]string{"interval_source": {"none", "parsed", "analyst"}}
	for _, g := range claims.Grades {
		enums["grade"] = append(enums["grade"], string(g))
	}
	for _, b := range claims.Bases {
		enums["basis"] = append(enums["basis"], string(b))
	}
	for _, v := range claims.EvidenceTypes {
		enums["evidence_type"] = append(enums["evidence_type"], string(v))
	}
	for _, r := range []claims.Rank{claims.RankPreferred, claims.RankNormal, claims.RankDeprecated} {
		enums["rank"] = append(enums["rank"], string(r))
	}
	for member, values := range enums {
		var got []string
		for _, v := range claim["properties"].(map[string]any)[member].(map[string]any)["enum"].([]any) {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, values) {
			t.Errorf("Claim's %s: enum %v, want %v", member, got, values)
		}
	}
}

// claimPlus is a claim with the fields a later version might add.
type claimPlus struct {
	claims.Claim
	SecondOpinion string       `json:"second_opinion" doc:"What a second analyst thinks of the figure."`
	Certainty     claims.Grade `json:"certainty"`
	Reviewed      bool         `json:"reviewed"`
}

// A field added to the claim appears in each of its schemas, typed by its
// Go type, described by its doc tag, and settable by a client.
func TestClaimSchemasGrowWithTheClaim(t *testing.T) {
	s := claimSchemas(reflect.TypeFor[claimPlus]())
	prop := func(schema, member string) map[string]any {
		p, _ := s[schema].(map[string]any)["properties"].(map[string]any)[member].(map[string]any)
		if p == nil {
			t.Errorf("%s lacks %s", schema, member)
		}
		return p
	}
	if p := prop("Claim", "second_opinion"); p != nil && (p["type"] != "string" || p["description"] != "What a second analyst thinks of the figure.") {
		t.Errorf("Claim's second_opinion: %v", p)
	}
	if p := prop("Claim", "certainty"); p != nil && !reflect.DeepEqual(p["enum"], claims.Grade("").Values()) {
		t.Errorf("Claim's certainty: %v, want the grades", p)
	}
	if p := prop("ClaimInput", "reviewed"); p != nil && p["type"] != "boolean" {
		t.Errorf("ClaimInput's reviewed: %v", p)
	}
	if p := prop("ClaimPatch", "second_opinion"); p != nil && !reflect.DeepEqual(p["type"], []any{"string", "null"}) {
		t.Errorf("ClaimPatch's second_opinion: %v, want a string or null", p)
	}
	if req := s["Claim"].(map[string]any)["required"].([]string); !slices.Contains(req, "second_opinion") {
		t.Errorf("Claim does not require second_opinion, which a claim's JSON always has: %v", req)
	}
}

// A string type without a list of its values is refused at start, so an
// enum cannot reach the document as free text.
func TestClaimSchemasRefuseAnEnumWithoutValues(t *testing.T) {
	type mood string
	type claimMood struct {
		claims.Claim
		Mood mood `json:"mood"`
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "Values") {
			t.Errorf("claimSchemas accepted a string type without values (%v)", r)
		}
	}()
	claimSchemas(reflect.TypeFor[claimMood]())
}
