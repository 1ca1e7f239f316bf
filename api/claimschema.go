package api

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// The schemas of a claim in the OpenAPI document (Claim, ClaimInput and
// ClaimPatch) are not written by hand: claimSchemas builds them, once at
// start, from claims.Claim's fields, json tags and types, so a field added
// to the claim appears in the document. A member's schema follows from its
// Go type:
//
//   - claims.Date refers to the Date component, time.Time is a date-time
//     and a string named id or ending in _id refers to ID;
//   - a string type with a Values method (claims.Grade...) is an enum of
//     those values; any other string, a bool and an int are themselves;
//   - a struct (claims.Scope) refers to the component of its name, and a
//     pointer to one (*claims.Interval) to the component or null; in
//     ClaimInput and ClaimPatch to the component of its name with Input.
//
// Its description is the field's doc tag. claimRefinements adds what the
// type cannot say (the length limits of Validate), and the nested
// components (Scope, Interval...) stay in openapi.json.

// claimReadOnly are the members of a claim the server sets: ClaimInput
// leaves them out and ClaimPatch ignores them.
var claimReadOnly = slices.Concat([]string{"created_at", "updated_at", "version"}, claims.DerivedMembers)

// claimInputRequired are the members a new claim must give.
var claimInputRequired = []string{"topic_id", "claimant_id", "provenance"}

// claimRefinements are keywords added to a member's schema in every
// variant: limits and descriptions the Go type does not carry. A member
// needs none.
var claimRefinements = map[string]map[string]any{
	"version":            {"minimum": 1, "description": "Increases by one on every update; the ETag is this number in quotes."},
	"quote":              {"maxLength": claims.MaxTextLen},
	"quantity_text":      {"maxLength": claims.MaxNameLen},
	"original_text":      {"maxLength": claims.MaxTextLen},
	"unit":               {"maxLength": claims.MaxShortLen},
	"occasion":           {"maxLength": claims.MaxNameLen},
	"deprecation_reason": {"maxLength": claims.MaxTextLen},
	"notes":              {"maxLength": claims.MaxTextLen},
	"tags":               {"$ref": "#/components/schemas/Tags"},
}

const (
	claimDescription      = "One numeric claim: who said how many of what, where and when, and where it was published."
	claimInputDescription = "A new claim. The server sets id (unless given), created_at, updated_at, version and %s; sending those (other than id) is a 422."
	claimPatchDescription = "A JSON merge patch (RFC 7396) of a claim: members present replace the stored ones, null removes one (resets it to its default). Read-only members (%s) are ignored, so a record read with GET may be sent back whole."
)

// claimMember is a member of a claim's JSON and the field that holds it.
type claimMember struct {
	name string
	f    reflect.StructField
}

// claimMembers returns the members of t's JSON in encoding/json's order,
// walking embedded structs.
func claimMembers(t reflect.Type) []claimMember {
	var out []claimMember
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
			continue
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			out = append(out, claimMembers(f.Type)...)
			continue
		case name == "":
			name = f.Name
		}
		out = append(out, claimMember{name, f})
	}
	return out
}

// claimSchemas returns the Claim, ClaimInput and ClaimPatch components of
// t, claims.Claim (or, in the tests, a claim with a field more).
func claimSchemas(t reflect.Type) map[string]any {
	members := claimMembers(t)
	var names []string
	for _, m := range members {
		names = append(names, m.name)
	}
	for name := range claimRefinements {
		if !slices.Contains(names, name) {
			panic("api: claimRefinements refines " + name + ", which is no member of claims.Claim")
		}
	}
	var derived []string
	for _, m := range claimReadOnly {
		if m != "created_at" && m != "updated_at" && m != "version" {
			derived = append(derived, m)
		}
	}
	claim := map[string]any{"type": "object", "description": claimDescription, "additionalProperties": false}
	input := map[string]any{"type": "object", "additionalProperties": false, "required": claimInputRequired,
		"description": fmt.Sprintf(claimInputDescription, strings.Join(derived, ", "))}
	patch := map[string]any{"type": "object", "additionalProperties": false,
		"description": fmt.Sprintf(claimPatchDescription, strings.Join(slices.Concat([]string{"id"}, claimReadOnly), ", "))}
	cp, ip, pp := map[string]any{}, map[string]any{}, map[string]any{}
	for _, m := range members {
		readOnly := slices.Contains(claimReadOnly, m.name)
		s := memberSchema(m, "")
		if readOnly {
			s["readOnly"] = true
		}
		cp[m.name] = s
		if readOnly {
			pp[m.name] = map[string]any{} // accepted and ignored
			continue
		}
		ip[m.name] = memberSchema(m, "Input")
		if m.name == "id" {
			pp[m.name] = map[string]any{} // a record's ID never changes
			continue
		}
		pp[m.name] = nullable(memberSchema(m, "Input"))
	}
	for _, name := range claimInputRequired {
		if _, ok := ip[name]; !ok {
			panic("api: a new claim must give " + name + ", which is no member it can set")
		}
	}
	claim["properties"], claim["required"] = cp, names
	input["properties"], patch["properties"] = ip, pp
	return map[string]any{"Claim": claim, "ClaimInput": input, "ClaimPatch": patch}
}

// valuer is a string type that lists its valid values.
type valuer interface{ Values() []string }

// memberSchema returns the schema of a member; a struct refers to the
// component of its type's name with suffix.
func memberSchema(m claimMember, suffix string) map[string]any {
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	t := m.f.Type
	var s map[string]any
	switch {
	case t == reflect.TypeFor[claims.Date]():
		s = ref("Date")
	case t == reflect.TypeFor[time.Time]():
		s = map[string]any{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.String && reflect.PointerTo(t).Implements(reflect.TypeFor[valuer]()):
		s = map[string]any{"type": "string", "enum": reflect.Zero(t).Interface().(valuer).Values()}
	case t.Kind() == reflect.String && t != reflect.TypeFor[string]():
		panic(fmt.Sprintf("api: claims.Claim's %s is a %s, a string type with no Values method: give it one, or make it a string", m.f.Name, t))
	case t.Kind() == reflect.String && (m.name == "id" || strings.HasSuffix(m.name, "_id")):
		s = ref("ID")
	case t.Kind() == reflect.String:
		s = map[string]any{"type": "string"}
	case t.Kind() == reflect.Bool:
		s = map[string]any{"type": "boolean"}
	case t.Kind() == reflect.Int:
		s = map[string]any{"type": "integer"}
	case t.Kind() == reflect.Struct:
		s = ref(t.Name() + suffix)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		s = map[string]any{"oneOf": []any{ref(t.Elem().Name() + suffix), map[string]any{"type": "null"}}}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		s = map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	default:
		panic(fmt.Sprintf("api: claims.Claim's %s is a %s, which the OpenAPI document cannot describe yet: teach memberSchema", m.f.Name, t))
	}
	if d := m.f.Tag.Get("doc"); d != "" {
		s["description"] = d
	}
	for k, v := range claimRefinements[m.name] {
		if k == "$ref" {
			delete(s, "type")
			delete(s, "items")
		}
		s[k] = v
	}
	return s
}

// nullable returns s also allowing null, for a merge patch.
func nullable(s map[string]any) map[string]any {
	switch t := s["type"].(type) {
	case string:
		s["type"] = []any{t, "null"}
		if e, ok := s["enum"].([]string); ok {
			vals := make([]any, 0, len(e)+1)
			for _, v := range e {
				vals = append(vals, v)
			}
			s["enum"] = append(vals, nil)
		}
		return s
	case nil:
		if one, ok := s["oneOf"].([]any); ok {
			if slices.ContainsFunc(one, func(o any) bool { return o.(map[string]any)["type"] == "null" }) {
				return s // already allows null
			}
		}
		out := map[string]any{"oneOf": []any{s, map[string]any{"type": "null"}}}
		if d, ok := s["description"]; ok {
			out["description"] = d
			delete(s, "description")
		}
		return out
	}
	panic(fmt.Sprintf("api: cannot make %v nullable", s))
}
