package exchange

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// Schema is the JSON Schema (draft 2020-12) of the JSON exchange document,
// the format of claims.Bundle. The API serves it; the tests validate every
// JSON export against it.
//
// schema.json describes each member of a claim by hand, as documents of
// every schema version may hold it (legacy values, lists that may be
// null). A member of claims.Claim it does not describe, such as a field
// added since, is described at start from its Go type (see memberSchema),
// so that exports that carry it still validate; its description is the
// field's doc tag.
var Schema = completeSchema(schemaBase, reflect.TypeFor[claims.Claim]())

//go:embed schema.json
var schemaBase []byte

// completeSchema returns base with every member of claimType (a claim)
// it lacks described; base itself when it lacks none.
func completeSchema(base []byte, claimType reflect.Type) []byte {
	var doc map[string]any
	if err := json.Unmarshal(base, &doc); err != nil {
		panic(fmt.Sprintf("exchange: schema.json: %v", err))
	}
	defs, _ := doc["$defs"].(map[string]any)
	claim, _ := defs["claim"].(map[string]any)
	if claim == nil {
		panic("exchange: schema.json has no $defs/claim")
	}
	if !completeMembers(defs, claim, claimType, "") {
		return base
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err)
	}
	return out.Bytes()
}

// completeMembers adds to node's properties a schema for each member of t
// it lacks, and walks the nested objects it describes inline (scope,
// provenance). It reports whether it added any.
func completeMembers(defs, node map[string]any, t reflect.Type, prefix string) bool {
	props, _ := node["properties"].(map[string]any)
	if props == nil {
		return false
	}
	added := false
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case !f.IsExported() || name == "-":
			continue
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			// The meta members ($defs/meta, by $ref) are described
			// by hand.
			if f.Type != reflect.TypeFor[claims.Meta]() {
				added = completeMembers(defs, node, f.Type, prefix) || added
			}
			continue
		}
		if p, ok := props[name].(map[string]any); ok {
			if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Time]() {
				added = completeMembers(defs, p, f.Type, prefix+name+".") || added
			}
			continue
		}
		props[name] = memberSchema(defs, f, prefix+name)
		added = true
	}
	return added
}

// valuer is a string type that lists its valid values.
type valuer interface{ Values() []string }

// memberSchema describes the member of field f by its Go type.
func memberSchema(defs map[string]any, f reflect.StructField, path string) map[string]any {
	ref := func(def string) map[string]any {
		if _, ok := defs[def]; !ok {
			panic(fmt.Sprintf("exchange: the claim's %s is a %s, and schema.json has no $defs/%s: describe it there", path, f.Type, def))
		}
		return map[string]any{"$ref": "#/$defs/" + def}
	}
	t := f.Type
	var s map[string]any
	switch {
	case t == reflect.TypeFor[claims.Date]():
		s = ref("date")
	case t == reflect.TypeFor[time.Time]():
		s = map[string]any{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.String && t.Implements(reflect.TypeFor[valuer]()):
		s = map[string]any{"enum": reflect.Zero(t).Interface().(valuer).Values()}
	case t.Kind() == reflect.String && strings.HasSuffix(path, "_id"):
		s = ref("id")
	case t.Kind() == reflect.String:
		s = map[string]any{"type": "string"}
	case t.Kind() == reflect.Bool:
		s = map[string]any{"type": "boolean"}
	case t.Kind() == reflect.Int:
		s = map[string]any{"type": "integer"}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		s = map[string]any{"type": []any{"array", "null"}, "items": map[string]any{"type": "string"}}
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		s = ref(strings.ToLower(t.Elem().Name()))
	default:
		panic(fmt.Sprintf("exchange: the claim's %s is a %s, which the export's schema cannot describe by itself: describe it in schema.json", path, t))
	}
	if d := f.Tag.Get("doc"); d != "" {
		s["description"] = d
	}
	return s
}
