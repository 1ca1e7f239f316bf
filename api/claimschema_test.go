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

// jsonMembers returns the members of struct t's JSON, walking its json
// tags as encoding/json does, and those it omits when empty.
func jsonMembers(t reflect.Type) (members, omitted []string) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			m, o := jsonMembers(f.Type)
			members, omitted = append(members, m...), append(omitted, o...)
			continue
		}
		members = append(members, name)
		if slices.Contains(strings.Split(opts, ","), "omitempty") {
			omitted = append(omitted, name)
		}
	}
	return members, omitted
}

// objectTypes returns every struct type t holds, directly, through a
// pointer or as a list's items, and those they hold in turn.
func objectTypes(t reflect.Type, seen map[reflect.Type]bool) {
	for i := range t.NumField() {
		ft := t.Field(i).Type
		if ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct || ft == reflect.TypeFor[time.Time]() || seen[ft] {
			continue
		}
		if !t.Field(i).Anonymous {
			seen[ft] = true
		}
		objectTypes(ft, seen)
	}
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

	// Each object a claim holds (found here by walking its fields) is a
	// component of its type's name, and one with Input for clients to
	// send: each describes exactly the object's members, refuses others,
	// and the one the server sends requires every member it always has.
	objects := map[reflect.Type]bool{}
	objectTypes(reflect.TypeFor[claims.Claim](), objects)
	if len(objects) < 4 {
		t.Fatalf("found %d objects in a claim, want Scope, Provenance, Relay and Interval at least", len(objects))
	}
	for ot := range objects {
		members, omitted := jsonMembers(ot)
		for _, name := range []string{ot.Name(), ot.Name() + "Input"} {
			c, _ := schemas[name].(map[string]any)
			if c == nil {
				t.Errorf("no component %s describes a claim's %s", name, ot)
				continue
			}
			props, _ := c["properties"].(map[string]any)
			var got []string
			for p, s := range props {
				got = append(got, p)
				if len(s.(map[string]any)) == 0 {
					t.Errorf("%s's %s has an empty schema", name, p)
				}
			}
			slices.Sort(got)
			if diff := cmp.Diff(slices.Sorted(slices.Values(members)), got); diff != "" {
				t.Errorf("%s's properties (-%s +schema):\n%s", name, ot, diff)
			}
			if c["type"] != "object" || c["additionalProperties"] != false {
				t.Errorf("%s is %v with additionalProperties %v, want an object refusing other members", name, c["type"], c["additionalProperties"])
			}
			if d, _ := c["description"].(string); d == "" {
				t.Errorf("%s has no description", name)
			}
			var required []string
			for _, r := range anyList(c["required"]) {
				required = append(required, r.(string))
			}
			var want []string
			if name == ot.Name() {
				for _, m := range members {
					if !slices.Contains(omitted, m) {
						want = append(want, m)
					}
				}
			}
			if !slices.Equal(required, want) {
				t.Errorf("%s requires %v, want %v", name, required, want)
			}
		}
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
	// Scope's measure, as the server sends it and as a client may send
	// it (the legacy stock and flow too).
	measures := []any{}
	for _, m := range claims.Measures {
		measures = append(measures, string(m))
	}
	for name, want := range map[string][]any{"Scope": measures, "ScopeInput": append(slices.Clone(measures), "stock", "flow")} {
		got := schemas[name].(map[string]any)["properties"].(map[string]any)["measure"].(map[string]any)["enum"]
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s's measure: enum %v, want %v", name, got, want)
		}
	}
}

// anyList returns v as a list, nil when it is none.
func anyList(v any) []any { l, _ := v.([]any); return l }

// claimPlus is a claim with the fields a later version might add.
type claimPlus struct {
	claims.Claim
	SecondOpinion string       `json:"second_opinion" doc:"What a second analyst thinks of the figure."`
	Certainty     claims.Grade `json:"certainty"`
	Reviewed      bool         `json:"reviewed"`
	Review        *review      `json:"review"`
}

// review is an object a later claim might hold.
type review struct {
	By    string   `json:"by" maxlen:"MaxNameLen" doc:"Who reviewed the claim."`
	Notes []string `json:"notes,omitempty" maxitems:"3"`
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
	// An object it holds is a component, and one for input, with the
	// limits its fields declare.
	if p := prop("ClaimInput", "review"); p != nil && !reflect.DeepEqual(p["oneOf"], []any{map[string]any{"$ref": "#/components/schemas/reviewInput"}, map[string]any{"type": "null"}}) {
		t.Errorf("ClaimInput's review: %v, want a reviewInput or null", p)
	}
	want := map[string]any{"type": "object", "additionalProperties": false, "required": []string{"by"}, "properties": map[string]any{
		"by":    map[string]any{"type": "string", "maxLength": claims.MaxNameLen, "description": "Who reviewed the claim."},
		"notes": map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "maxItems": 3},
	}}
	if diff := cmp.Diff(want, s["review"]); diff != "" {
		t.Errorf("the review component (-want +got):\n%s", diff)
	}
	delete(want, "required")
	if diff := cmp.Diff(want, s["reviewInput"]); diff != "" {
		t.Errorf("the reviewInput component (-want +got):\n%s", diff)
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

// limitProbe is a field of a claim that declares a size limit: its path
// in the document ("[]" a list's items), the field Validate names when it
// breaks the limit, and how to reach it in a claim.
type limitProbe struct {
	path  []string
	field string
	f     reflect.StructField
	get   func(c reflect.Value) reflect.Value
}

// limitProbes walks struct t's fields by their json tags and returns those
// that carry a limit tag; get reaches t in a claim, making the first item
// of a list and the target of a nil pointer on the way.
func limitProbes(t reflect.Type, path []string, field string, get func(reflect.Value) reflect.Value) []limitProbe {
	var out []limitProbe
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		at := func(c reflect.Value) reflect.Value { return get(c).Field(i) }
		if f.Anonymous {
			out = append(out, limitProbes(f.Type, path, field, at)...)
			continue
		}
		p, fp := append(slices.Clone(path), name), field+name
		for _, tag := range []string{"maxlen", "minlen", "maxitems"} {
			if _, ok := f.Tag.Lookup(tag); ok {
				out = append(out, limitProbe{p, fp, f, at})
				break
			}
		}
		switch ft := f.Type; {
		case ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]():
			out = append(out, limitProbes(ft, p, fp+".", at)...)
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			out = append(out, limitProbes(ft.Elem(), p, fp+".", func(c reflect.Value) reflect.Value {
				v := at(c)
				if v.IsNil() {
					v.Set(reflect.New(ft.Elem()))
				}
				return v.Elem()
			})...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			out = append(out, limitProbes(ft.Elem(), append(p, "[]"), fp+"[0].", func(c reflect.Value) reflect.Value {
				v := at(c)
				if v.Len() == 0 {
					v.Set(reflect.MakeSlice(ft, 1, 1))
				}
				return v.Index(0)
			})...)
		}
	}
	return out
}

// schemaAt returns the schema of the member at path below node, following
// $ref and a nullable oneOf on the way.
func schemaAt(root, node map[string]any, path []string) map[string]any {
	for len(path) > 0 {
		for {
			if ref, ok := node["$ref"].(string); ok {
				node = root["components"].(map[string]any)["schemas"].(map[string]any)[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any)
			} else if one := anyList(node["oneOf"]); len(one) > 0 {
				node = one[0].(map[string]any)
			} else {
				break
			}
		}
		if path[0] == "[]" {
			node, _ = node["items"].(map[string]any)
		} else {
			node, _ = node["properties"].(map[string]any)[path[0]].(map[string]any)
		}
		if node == nil {
			return nil
		}
		path = path[1:]
	}
	return node
}

// Each size limit a claim's fields declare (by their tags in package
// claims, the one place it is written) is both enforced and described:
// Validate accepts a value at the limit and refuses one past it, naming
// the field, and the served document gives the same limit (maxLength,
// minLength, maxItems) for that member in Claim, ClaimInput and
// ClaimPatch.
func TestClaimLimitsAreCheckedAndDescribed(t *testing.T) {
	e := newEnv(t, failingStore{}, nil)
	var doc map[string]any
	e.doJSON(t, request{method: "GET", path: "/api/v1/openapi.json"}, 200, &doc)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)

	probes := limitProbes(reflect.TypeFor[claims.Claim](), nil, "", func(c reflect.Value) reflect.Value { return c.Elem() })
	if len(probes) < 10 {
		t.Fatalf("found %d fields with limits, want the claim's texts, places and relays at least", len(probes))
	}
	validate := func(p limitProbe, set func(v reflect.Value)) []string {
		c := &claims.Claim{TopicID: "t1", ClaimantID: "c1", QuantityText: "800", Provenance: claims.Provenance{SourceID: "s1"}}
		if err := c.Prepare(nil); err != nil {
			t.Fatal(err)
		}
		set(p.get(reflect.ValueOf(c)))
		var fields []string
		for _, f := range claims.ErrorFields(c.Validate()) {
			fields = append(fields, f.Field)
		}
		return fields
	}
	for _, p := range probes {
		lim := claims.FieldLimits(p.f)
		for _, variant := range []string{"Claim", "ClaimInput", "ClaimPatch"} {
			s := schemaAt(doc, schemas[variant].(map[string]any), p.path)
			if s == nil {
				t.Errorf("%s does not describe %s", variant, strings.Join(p.path, "."))
				continue
			}
			text := s
			if items, ok := s["items"].(map[string]any); ok {
				text = items
			}
			for _, k := range []struct {
				node    map[string]any
				keyword string
				want    int
			}{{text, "maxLength", lim.MaxLen}, {text, "minLength", lim.MinLen}, {s, "maxItems", lim.MaxItems}} {
				got, ok := k.node[k.keyword].(float64)
				if (k.want == 0 && ok) || (k.want != 0 && int(got) != k.want) {
					t.Errorf("%s's %s: %s %v, want %d (0: none)", variant, strings.Join(p.path, "."), k.keyword, k.node[k.keyword], k.want)
				}
			}
		}
		isList := p.f.Type.Kind() == reflect.Slice
		if lim.MaxLen > 0 {
			field := p.field
			if isList {
				field += "[0]"
			}
			for _, n := range []int{lim.MaxLen, lim.MaxLen + 1} {
				fields := validate(p, func(v reflect.Value) {
					s := strings.Repeat("é", n)
					if isList {
						v.Set(reflect.ValueOf([]string{s}))
					} else {
						v.SetString(s)
					}
				})
				if refused := slices.Contains(fields, field); refused != (n > lim.MaxLen) {
					t.Errorf("%s of %d characters: refused %v (fields at fault %v), its limit is %d", field, n, refused, fields, lim.MaxLen)
				}
			}
		}
		if lim.MaxItems > 0 {
			for _, n := range []int{lim.MaxItems, lim.MaxItems + 1} {
				fields := validate(p, func(v reflect.Value) {
					l := reflect.MakeSlice(p.f.Type, n, n)
					if p.f.Type.Elem().Kind() == reflect.String {
						for i := range n {
							l.Index(i).SetString("x")
						}
					}
					v.Set(l)
				})
				if refused := slices.Contains(fields, p.field); refused != (n > lim.MaxItems) {
					t.Errorf("%s of %d items: refused %v (fields at fault %v), its limit is %d", p.field, n, refused, fields, lim.MaxItems)
				}
			}
		}
		if lim.MinLen > 0 && isList {
			if fields := validate(p, func(v reflect.Value) { v.Set(reflect.ValueOf([]string{""})) }); !slices.Contains(fields, p.field+"[0]") {
				t.Errorf("%s with an empty item: fields at fault %v", p.field, fields)
			}
		}
	}
	// Tags, every record's, are checked by claims' own rule (checkTags)
	// with the limits the Tags component gives.
	tags := schemas["Tags"].(map[string]any)
	items := tags["items"].(map[string]any)
	if tags["maxItems"] != float64(claims.MaxTags) || items["maxLength"] != float64(claims.MaxTagLen) {
		t.Errorf("Tags: maxItems %v, items' maxLength %v; want %d and %d", tags["maxItems"], items["maxLength"], claims.MaxTags, claims.MaxTagLen)
	}
	tagsField, _ := reflect.TypeFor[claims.Claim]().FieldByName("Tags")
	p := limitProbe{field: "tags", f: tagsField, get: func(c reflect.Value) reflect.Value { return c.Elem().FieldByIndex(tagsField.Index) }}
	many := slices.Repeat([]string{"t"}, claims.MaxTags+1)
	for _, tc := range []struct {
		tags  []string
		field string
	}{{many, "tags"}, {[]string{strings.Repeat("é", claims.MaxTagLen+1)}, "tags[0]"}} {
		if fields := validate(p, func(v reflect.Value) { v.Set(reflect.ValueOf(tc.tags)) }); !slices.Contains(fields, tc.field) {
			t.Errorf("%d tags, the first of %d characters: fields at fault %v, want %s", len(tc.tags), len([]rune(tc.tags[0])), fields, tc.field)
		}
	}
}
