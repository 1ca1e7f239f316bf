package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// The tests below add nothing by hand: they find every member of a
// claim's JSON by reflection over claims.Claim, so a field added to the
// claim and missed by the fast export, the CSV or a schema fails here.

// claimMember is a member of claims.Claim's JSON: its path and where it
// is in a claims.Claim.
type claimMember struct {
	path  string // scope.places, provenance.relays[].note
	index []int  // nil below a pointer or a list
	typ   reflect.Type
	// top is set for the members of the claim and its nested objects
	// (not those inside intervals or relays).
	top bool
}

// claimMembers walks t's JSON members, nested objects, pointed-to structs
// and list items included.
func claimMembers(t reflect.Type, prefix string, index []int, top bool, out *[]claimMember) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		var idx []int
		if top {
			idx = append(slices.Clone(index), i)
		}
		if f.Anonymous && name == "" {
			claimMembers(f.Type, prefix, idx, top, out)
			continue
		}
		m := claimMember{path: prefix + name, index: idx, typ: f.Type, top: top}
		*out = append(*out, m)
		switch ft := f.Type; {
		case ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]():
			claimMembers(ft, m.path+".", idx, top, out)
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			claimMembers(ft.Elem(), m.path+".", nil, false, out)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			claimMembers(ft.Elem(), m.path+"[].", nil, false, out)
		}
	}
}

func allClaimMembers() []claimMember {
	var ms []claimMember
	claimMembers(reflect.TypeFor[claims.Claim](), "", nil, true, &ms)
	return ms
}

// filler sets every leaf of a value, by reflection: unique values (each
// string, number and time different) or random ones in the shapes JSON
// encoders disagree on.
type filler struct {
	rnd    *rand.Rand
	random bool
	n      int
}

func (f *filler) fill(v reflect.Value) {
	f.n++
	switch t := v.Type(); {
	case t == reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2000+f.n, 1, 2, 3, 4, 5, f.n*1000, time.UTC)))
		if f.random {
			// Stores read times in UTC.
			v.Set(reflect.ValueOf(time.Unix(f.rnd.Int64N(1<<34), f.rnd.Int64N(1e9)).UTC()))
		}
	case t.Kind() == reflect.String:
		s := fmt.Sprintf("m%d", f.n)
		if f.random {
			s = string(randomBytes(f.rnd))
		}
		v.SetString(s)
	case t.Kind() == reflect.Bool:
		v.SetBool(!f.random || f.rnd.IntN(2) == 0)
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		n := int64(f.n)
		if f.random {
			n = f.rnd.Int64N(1<<40) - 1<<39
		}
		v.SetInt(n)
	case t.Kind() == reflect.Float64:
		x := float64(f.n) + 0.25
		if f.random {
			for x = math.Float64frombits(f.rnd.Uint64()); math.IsNaN(x) || math.IsInf(x, 0); x = math.Float64frombits(f.rnd.Uint64()) {
			}
		}
		v.SetFloat(x)
	case t.Kind() == reflect.Pointer:
		if f.random && f.rnd.IntN(4) == 0 {
			v.SetZero()
			return
		}
		v.Set(reflect.New(t.Elem()))
		f.fill(v.Elem())
	case t.Kind() == reflect.Slice:
		n := 2
		if f.random {
			n = f.rnd.IntN(4)
		}
		v.Set(reflect.MakeSlice(t, n, n))
		for i := range n {
			f.fill(v.Index(i))
		}
		if f.random && n == 0 && f.rnd.IntN(2) == 0 {
			v.SetZero()
		}
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				f.fill(v.Field(i))
			}
		}
	case t.Kind() == reflect.Map:
		v.Set(reflect.MakeMap(t))
		k, e := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		f.fill(k)
		f.fill(e)
		v.SetMapIndex(k, e)
	default:
		panic("filler: no value for " + t.String())
	}
}

// filledClaim returns a claim whose every member holds a value; the
// interval in force is settled as a store settles it.
func filledClaim(f *filler) *claims.Claim {
	c := &claims.Claim{}
	f.fill(reflect.ValueOf(c).Elem())
	c.NoNumber = false
	c.Normalize()
	return c
}

// rawOf hands over c as a store does: the value of each member of
// RawMembers, found by its path; stored JSON is what encoding/json
// writes, and a nil value is stored as "" or null. It sets the members
// stored as JSON to what they decode to (encoding/json writes invalid
// UTF-8 as U+FFFD), and the interval in force again, so that c is the
// claim the store would read.
func rawOf(t *testing.T, c *claims.Claim, rnd *rand.Rand) *RawClaim {
	t.Helper()
	byPath := map[string]claimMember{}
	for _, m := range allClaimMembers() {
		byPath[m.path] = m
	}
	r := NewRawClaim()
	for _, rm := range RawMembers() {
		var b []byte
		m, ok := byPath[rm.Path]
		if !ok || !m.top {
			t.Fatalf("RawMembers names %q, not a member of claims.Claim", rm.Path)
		}
		v := reflect.ValueOf(c).Elem().FieldByIndex(m.index)
		var rv RawValue
		switch rm.Kind {
		case RawText:
			b = []byte(v.String())
		case RawJSON:
			var err error
			if b, err = json.Marshal(v.Interface()); err != nil {
				t.Fatal(err)
			}
			nv := reflect.New(v.Type())
			if err := json.Unmarshal(b, nv.Interface()); err != nil {
				t.Fatal(err)
			}
			v.Set(nv.Elem())
			if string(b) == "null" && rnd != nil && rnd.IntN(2) == 0 {
				b = nil
			}
		case RawTime:
			rv.Time = v.Interface().(time.Time)
		case RawInt:
			rv.Int = v.Int()
		case RawBool:
			rv.Bool = v.Bool()
		case RawFloat:
			rv.Float = v.Float()
		}
		if byteKind(rm.Kind) {
			r.Bytes[rm.Index] = b
		} else {
			r.Values[rm.Index] = rv
		}
	}
	switch c.IntervalSource {
	case claims.FromAnalyst:
		c.Interval = c.AnalystInterval
	case claims.FromParser:
		c.Interval = c.Parsed
	}
	return r
}

// The fast export writes exactly what encoding/json writes, for claims
// whose every member is set by reflection, at random.
func TestAppendClaimJSONMatchesEncodingJSONForEveryMember(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 8))
	f := &filler{rnd: rnd, random: true}
	for i := range 3000 {
		c := filledClaim(f)
		got, err := AppendClaimJSON(nil, rawOf(t, c, rnd))
		if err != nil {
			t.Fatalf("claim %d: %v", i, err)
		}
		if want := marshal(t, c); !bytes.Equal(got, want) {
			t.Fatalf("claim %d:\nfast:          %s\nencoding/json: %s", i, got, want)
		}
	}
}

// Every member of a claim is in the fast JSON export, the CSV (or in
// notInCSV, with the reason) and the export's JSON schema; the API's
// OpenAPI document builds its schemas from claims.Claim.
func TestEveryClaimMemberIsExportedAndDocumented(t *testing.T) {
	c := filledClaim(&filler{})
	members := allClaimMembers()

	// The fast JSON export: every member, with encoding/json's bytes.
	fast, err := AppendClaimJSON(nil, rawOf(t, c, nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := marshal(t, c); !bytes.Equal(fast, want) {
		t.Errorf("the fast export differs from encoding/json:\nfast:          %s\nencoding/json: %s", fast, want)
	}
	var doc any
	if err := json.Unmarshal(fast, &doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		if !hasPath(doc, m.path) {
			t.Errorf("the fast JSON export lacks %s", m.path)
		}
	}

	checkCSV(t, c, members)

	// The API's schemas of a claim are built from claims.Claim, and its
	// own tests check them (api/claimschema_test.go).
	var export map[string]any
	if err := json.Unmarshal(Schema, &export); err != nil {
		t.Fatal(err)
	}
	root := schemaRef(export, "#/$defs/claim")
	for _, m := range members {
		if !schemaHas(export, root, strings.Split(strings.ReplaceAll(m.path, "[]", ".[]"), ".")) {
			t.Errorf("the export schema (schema.json) does not describe %s", m.path)
		}
	}
}

// notInCSV are the members the CSV leaves out, and why.
var notInCSV = map[string]string{
	"interval.approx":      "the interval in force is a copy of the parsed or the analyst's, whose columns give it: low, high and best are enough to sort by",
	"interval.kind":        "as interval.approx",
	"interval.rule":        "as interval.approx",
	"interval.explanation": "as interval.approx",
}

// checkCSV writes c as CSV and reads it back: every member but the
// derived ones reads back as it was; the derived ones are in the row, and
// every leaf of c has a column, but those in notInCSV.
func checkCSV(t *testing.T, c *claims.Claim, members []claimMember) {
	t.Helper()
	doc := csvOf(t, c)
	rows, err := csv.NewReader(bytes.NewReader(doc)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV: %v, %d rows", err, len(rows))
	}
	dec, err := newCSVDecoder(bytes.NewReader(doc), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	it, err := dec.next()
	if err != nil || len(it.errs) > 0 {
		t.Fatalf("CSV import: %v %v", err, it.errs)
	}
	got := it.rec.(*claims.Claim)
	derived := func(path string) bool {
		return slices.ContainsFunc(claims.DerivedMembers, func(d string) bool { return path == d || strings.HasPrefix(path, d+".") })
	}
	for _, m := range members {
		if _, ok := notInCSV[m.path]; ok {
			continue
		}
		if m.top && !derived(m.path) {
			w, g := reflect.ValueOf(c).Elem().FieldByIndex(m.index), reflect.ValueOf(got).Elem().FieldByIndex(m.index)
			if tm, ok := w.Interface().(time.Time); ok {
				if !tm.Equal(g.Interface().(time.Time)) {
					t.Errorf("CSV: %s reads back as %v, want %v", m.path, g, w)
				}
			} else if !reflect.DeepEqual(w.Interface(), g.Interface()) {
				t.Errorf("CSV: %s reads back as %#v, want %#v", m.path, g.Interface(), w.Interface())
			}
			continue
		}
		if !derived(m.path) || (m.typ.Kind() != reflect.String && m.typ.Kind() != reflect.Float64 &&
			!(m.typ.Kind() == reflect.Pointer && m.typ.Elem().Kind() == reflect.Float64)) {
			continue // a derived object or flag: its leaves are checked
		}
		// A derived leaf: its value (each unique) is in the row.
		v := leafValue(reflect.ValueOf(c).Elem(), strings.Split(m.path, "."))
		if !slices.Contains(rows[1], v) {
			t.Errorf("CSV: the derived %s (%q) is in no column", m.path, v)
		}
	}
	// The guard: a text cell that a spreadsheet would run reads back.
	for _, s := range []string{"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "'quoted"} {
		g := *c
		g.Quote, g.Notes, g.Scope.Places = s, s, []string{s}
		doc := csvOf(t, &g)
		rows, _ := csv.NewReader(bytes.NewReader(doc)).ReadAll()
		for i, cell := range rows[1] {
			if strings.HasPrefix(cell, s) {
				t.Errorf("CSV column %s holds the unguarded %q", rows[0][i], cell)
			}
		}
		d, err := newCSVDecoder(bytes.NewReader(doc), DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		it, err := d.next()
		if err != nil || len(it.errs) > 0 {
			t.Fatal(err, it.errs)
		}
		// A list's items are trimmed.
		if r := it.rec.(*claims.Claim); r.Quote != s || r.Notes != s || !slices.Equal(r.Scope.Places, []string{strings.TrimSpace(s)}) {
			t.Errorf("CSV import of guarded %q: %q, %q, %q", s, r.Quote, r.Notes, r.Scope.Places)
		}
	}
}

// leafValue formats the leaf at path in v as a CSV cell holds it.
func leafValue(v reflect.Value, path []string) string {
	for _, name := range path {
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		t := v.Type()
		found := false
		for i := range t.NumField() {
			if n, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); n == name {
				v, found = v.Field(i), true
				break
			}
		}
		if !found {
			return ""
		}
	}
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() == reflect.Float64 {
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	return v.String()
}

// hasPath reports whether the decoded JSON doc has the member at path;
// [] steps into a list's first item.
func hasPath(doc any, path string) bool {
	for _, part := range strings.Split(strings.ReplaceAll(path, "[]", ".[]"), ".") {
		if part == "[]" {
			l, ok := doc.([]any)
			if !ok || len(l) == 0 {
				return false
			}
			doc = l[0]
			continue
		}
		m, ok := doc.(map[string]any)
		if !ok {
			return false
		}
		if doc, ok = m[part]; !ok {
			return false
		}
	}
	return true
}

// schemaRef returns the node a local JSON pointer ("#/$defs/claim") names.
func schemaRef(root map[string]any, ref string) map[string]any {
	node := any(root)
	for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := node.(map[string]any)
		node = m[p]
	}
	m, _ := node.(map[string]any)
	return m
}

// schemaHas reports whether node describes the member at path, following
// $ref, allOf, anyOf and oneOf; "[]" is a list's items.
func schemaHas(root, node map[string]any, path []string) bool {
	if node == nil {
		return false
	}
	if len(path) == 0 {
		return true
	}
	if ref, ok := node["$ref"].(string); ok && schemaHas(root, schemaRef(root, ref), path) {
		return true
	}
	for _, k := range []string{"allOf", "anyOf", "oneOf"} {
		l, _ := node[k].([]any)
		for _, sub := range l {
			if m, ok := sub.(map[string]any); ok && schemaHas(root, m, path) {
				return true
			}
		}
	}
	if path[0] == "[]" {
		items, _ := node["items"].(map[string]any)
		return schemaHas(root, items, path[1:])
	}
	props, _ := node["properties"].(map[string]any)
	sub, ok := props[path[0]].(map[string]any)
	return ok && schemaHas(root, sub, path[1:])
}

// csvOf returns the CSV document of the one claim c, as export writes it.
func csvOf(t *testing.T, c *claims.Claim) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	enc := newCSVEncoder(w)
	if err := enc.begin(Header{}); err != nil {
		t.Fatal(err)
	}
	if err := enc.record(KindClaim, c); err != nil {
		t.Fatal(err)
	}
	if err := enc.end(); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
