package api

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// The schemas of a claim in the OpenAPI document (Claim, ClaimInput and
// ClaimPatch) and of the objects it holds (Scope, Provenance, Relay,
// Interval, each also as ScopeInput...) are not written by hand:
// claimSchemas builds them, once at start, from claims.Claim's fields,
// json tags and types, walking the structs it holds, so a field added to
// the claim or to one of them appears in the document. A member's schema
// follows from its Go type:
//
//   - claims.Date refers to the Date component, time.Time is a date-time,
//     a string named id or ending in _id refers to ID, and a list of
//     strings named tags to Tags;
//   - a string type with a Values method (claims.Grade...) is an enum of
//     those values (in an input, of its InputValues where it has them);
//     one tagged enum:"unchecked" is text; any other string, a bool, an
//     int and a float are themselves, and a pointer to a float may be null;
//   - a struct (claims.Scope) refers to the component of its name, a
//     pointer to one (*claims.Interval) to the component or null and a
//     list of them to a list of the component; in an input (ClaimInput,
//     ClaimPatch, ScopeInput...) to the component of its name with Input.
//
// Its description is the field's doc tag; its limits (maxLength,
// minLength, maxItems) are those its tags declare to claims.Validate
// (claims.FieldLimits), so a limit is declared once. An object's members
// are all required in what the server sends, but those it omits when
// empty (omitempty).

// claimReadOnly are the members of a claim the server sets: ClaimInput
// leaves them out and ClaimPatch ignores them.
var claimReadOnly = slices.Concat([]string{"created_at", "updated_at", "version"}, claims.DerivedMembers)

// claimInputRequired are the members a new claim must give.
var claimInputRequired = []string{"topic_id", "claimant_id", "provenance"}

// claimRefinements are keywords added to a member's schema in every
// variant: what the server guarantees of a member it sets. The limits of
// the members a client sets are declared in package claims.
var claimRefinements = map[string]map[string]any{
	"version": {"minimum": 1, "description": "Increases by one on every update; the ETag is this number, a dot and a hash, in quotes: \"3.5f0c91e2\" (see ClaimETag)."},
}

// componentDescriptions describe the objects a claim holds; an input
// variant (ScopeInput) without its own has its object's.
var componentDescriptions = map[string]string{
	"Scope":         "What a claim counts: where, who, and what sort of count.",
	"Provenance":    "Where a claim was first published and who relayed it.",
	"Relay":         "An outlet that repeated a claim after its origin.",
	"Interval":      "A quantity as inclusive bounds, either of which may be open (null), and a best estimate.",
	"IntervalInput": "An analyst's interval: at least one of low, high and best; low <= best <= high.",
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

// omitted reports whether the server leaves the member out when empty.
func (m claimMember) omitted() bool {
	_, opts, _ := strings.Cut(m.f.Tag.Get("json"), ",")
	return slices.Contains(strings.Split(opts, ","), "omitempty")
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

// nestedTypes collects the struct types the members of a claim refer to,
// by the name of their component.
type nestedTypes map[string]reflect.Type

func (n nestedTypes) add(t reflect.Type) string {
	if old, ok := n[t.Name()]; ok && old != t {
		panic(fmt.Sprintf("api: a claim holds two types named %s (%s and %s): their components would share a name", t.Name(), old, t))
	}
	n[t.Name()] = t
	return t.Name()
}

// claimSchemas returns the Claim, ClaimInput and ClaimPatch components of
// t, claims.Claim (or, in the tests, a claim with a field more), and those
// of the objects it holds.
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
	nested := nestedTypes{}
	claim := map[string]any{"type": "object", "description": claimDescription, "additionalProperties": false}
	input := map[string]any{"type": "object", "additionalProperties": false, "required": claimInputRequired,
		"description": fmt.Sprintf(claimInputDescription, strings.Join(derived, ", "))}
	patch := map[string]any{"type": "object", "additionalProperties": false,
		"description": fmt.Sprintf(claimPatchDescription, strings.Join(slices.Concat([]string{"id"}, claimReadOnly), ", "))}
	cp, ip, pp := map[string]any{}, map[string]any{}, map[string]any{}
	for _, m := range members {
		readOnly := slices.Contains(claimReadOnly, m.name)
		s := memberSchema(m, "", nested)
		for k, v := range claimRefinements[m.name] {
			s[k] = v
		}
		if readOnly {
			s["readOnly"] = true
		}
		cp[m.name] = s
		if readOnly {
			pp[m.name] = map[string]any{} // accepted and ignored
			continue
		}
		ip[m.name] = memberSchema(m, "Input", nested)
		if m.name == "id" {
			pp[m.name] = map[string]any{} // a record's ID never changes
			continue
		}
		pp[m.name] = nullable(memberSchema(m, "Input", nested))
	}
	for _, name := range claimInputRequired {
		if _, ok := ip[name]; !ok {
			panic("api: a new claim must give " + name + ", which is no member it can set")
		}
	}
	claim["properties"], claim["required"] = cp, names
	input["properties"], patch["properties"] = ip, pp
	out := map[string]any{"Claim": claim, "ClaimInput": input, "ClaimPatch": patch, "Tags": tagsSchema()}
	// Each object a claim holds, and those they hold in turn.
	for done := map[string]bool{}; len(done) < len(nested); {
		for _, name := range slices.Sorted(maps.Keys(nested)) {
			if !done[name] {
				done[name] = true
				out[name] = objectSchema(nested[name], "", nested)
				out[name+"Input"] = objectSchema(nested[name], "Input", nested)
			}
		}
	}
	return out
}

// tagsSchema is the Tags component, the tags of a claim and of every other
// record, with the limits Validate enforces (claims.MaxTags, MaxTagLen).
func tagsSchema() map[string]any {
	return map[string]any{"type": "array", "maxItems": claims.MaxTags, "uniqueItems": true,
		"items": map[string]any{"type": "string", "minLength": 1, "maxLength": claims.MaxTagLen}}
}

// objectSchema returns the component of struct t with suffix ("" or
// "Input").
func objectSchema(t reflect.Type, suffix string, nested nestedTypes) map[string]any {
	s := map[string]any{"type": "object", "additionalProperties": false}
	if d, ok := componentDescriptions[t.Name()+suffix]; ok {
		s["description"] = d
	} else if d, ok := componentDescriptions[t.Name()]; ok {
		s["description"] = d
	}
	props := map[string]any{}
	var required []string
	for _, m := range claimMembers(t) {
		props[m.name] = memberSchema(m, suffix, nested)
		if !m.omitted() {
			required = append(required, m.name)
		}
	}
	s["properties"] = props
	if suffix == "" && len(required) > 0 {
		s["required"] = required
	}
	return s
}

// valuer is a string type that lists its valid values; an inputValuer
// also those it accepts on input.
type (
	valuer      interface{ Values() []string }
	inputValuer interface{ InputValues() []string }
)

// memberSchema returns the schema of a member; a struct refers to the
// component of its type's name with suffix, which nested records.
func memberSchema(m claimMember, suffix string, nested nestedTypes) map[string]any {
	ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	t := m.f.Type
	var s map[string]any
	switch {
	case t == reflect.TypeFor[claims.Date]():
		s = ref("Date")
	case t == reflect.TypeFor[time.Time]():
		s = map[string]any{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.String && suffix == "Input" && reflect.PointerTo(t).Implements(reflect.TypeFor[inputValuer]()):
		s = map[string]any{"type": "string", "enum": reflect.Zero(t).Interface().(inputValuer).InputValues()}
	case t.Kind() == reflect.String && reflect.PointerTo(t).Implements(reflect.TypeFor[valuer]()):
		s = map[string]any{"type": "string", "enum": reflect.Zero(t).Interface().(valuer).Values()}
	case t.Kind() == reflect.String && t != reflect.TypeFor[string]() && m.f.Tag.Get("enum") != "unchecked":
		panic(fmt.Sprintf("api: claims.Claim's %s is a %s, a string type with no Values method: give it one, or make it a string (or tag it enum:\"unchecked\" if Validate does not check its values)", m.f.Name, t))
	case t.Kind() == reflect.String && (m.name == "id" || strings.HasSuffix(m.name, "_id")):
		s = ref("ID")
	case t.Kind() == reflect.String:
		s = map[string]any{"type": "string"}
	case t.Kind() == reflect.Bool:
		s = map[string]any{"type": "boolean"}
	case t.Kind() == reflect.Int:
		s = map[string]any{"type": "integer"}
	case t.Kind() == reflect.Float64:
		s = map[string]any{"type": "number"}
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Float64:
		s = map[string]any{"type": []any{"number", "null"}}
	case t.Kind() == reflect.Struct:
		s = ref(nested.add(t) + suffix)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		s = map[string]any{"oneOf": []any{ref(nested.add(t.Elem()) + suffix), map[string]any{"type": "null"}}}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String && m.name == "tags":
		s = ref("Tags")
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		s = map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		s = map[string]any{"type": "array", "items": ref(nested.add(t.Elem()) + suffix)}
	default:
		panic(fmt.Sprintf("api: claims.Claim's %s is a %s, which the OpenAPI document cannot describe yet: teach memberSchema", m.f.Name, t))
	}
	if d := m.f.Tag.Get("doc"); d != "" {
		s["description"] = d
	}
	lim := claims.FieldLimits(m.f)
	text := s
	if items, ok := s["items"].(map[string]any); ok {
		text = items
	}
	if lim.MinLen > 0 {
		text["minLength"] = lim.MinLen
	}
	if lim.MaxLen > 0 {
		text["maxLength"] = lim.MaxLen
	}
	if lim.MaxItems > 0 {
		s["maxItems"] = lim.MaxItems
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
