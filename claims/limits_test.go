package claims

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// taggedPaths returns the path of every field of t that carries a limit
// tag, walking json tags, nested structs and lists ("[]" an item).
func taggedPaths(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous {
			out = append(out, taggedPaths(f.Type, prefix)...)
			continue
		}
		p := prefix + name
		for _, tag := range []string{"maxlen", "minlen", "maxitems"} {
			if _, ok := f.Tag.Lookup(tag); ok {
				out = append(out, p)
				break
			}
		}
		switch ft := f.Type; {
		case ft.Kind() == reflect.Struct:
			out = append(out, taggedPaths(ft, p+".")...)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			out = append(out, taggedPaths(ft.Elem(), p+"[].")...)
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			out = append(out, taggedPaths(ft.Elem(), p+".")...)
		}
	}
	return out
}

// Every limit a claim's fields declare is enforced by Validate: a value at
// the limit passes, one past it is refused, naming the field. The limits
// are written out here, as the project's rules say them.
func TestClaimLimitsAreEnforced(t *testing.T) {
	text := func(n int) string { return strings.Repeat("é", n) }
	list := func(n int) []string {
		l := make([]string, n)
		for i := range l {
			l[i] = "Syria"
		}
		return l
	}
	relays := func(n int) []Relay {
		r := make([]Relay, n)
		for i := range r {
			r[i] = Relay{SourceID: "src-a"}
		}
		return r
	}
	cases := []struct {
		path, field string // path as taggedPaths names it; field as Validate does
		limit       int
		set         func(c *Claim, n int)
	}{
		{"quote", "quote", MaxTextLen, func(c *Claim, n int) { c.Quote = text(n) }},
		{"quantity_text", "quantity_text", MaxNameLen, func(c *Claim, n int) { c.QuantityText = text(n) }},
		{"original_text", "original_text", MaxTextLen, func(c *Claim, n int) { c.OriginalText = text(n) }},
		{"unit", "unit", MaxShortLen, func(c *Claim, n int) { c.Unit = text(n) }},
		{"scope.places", "scope.places", MaxPlaces, func(c *Claim, n int) { c.Scope.Places = list(n) }},
		{"scope.places", "scope.places[1]", MaxShortLen, func(c *Claim, n int) { c.Scope.Places = []string{"Syria", text(n)} }},
		{"scope.population", "scope.population", MaxNameLen, func(c *Claim, n int) { c.Scope.Population = text(n) }},
		{"scope.group", "scope.group", MaxNameLen, func(c *Claim, n int) { c.Scope.Group = text(n) }},
		{"provenance.relays", "provenance.relays", MaxRelays, func(c *Claim, n int) { c.Provenance.Relays = relays(n) }},
		{"provenance.relays[].note", "provenance.relays[0].note", MaxTextLen, func(c *Claim, n int) {
			c.Provenance.Relays = []Relay{{SourceID: "src-a", Note: text(n)}}
		}},
		{"occasion", "occasion", MaxNameLen, func(c *Claim, n int) { c.Occasion = text(n) }},
		{"deprecation_reason", "deprecation_reason", MaxTextLen, func(c *Claim, n int) { c.DeprecationReason = text(n) }},
		{"notes", "notes", MaxTextLen, func(c *Claim, n int) { c.Notes = text(n) }},
	}
	var tested []string
	for _, tc := range cases {
		tested = append(tested, tc.path)
		for _, n := range []int{tc.limit, tc.limit + 1} {
			c := validClaim()
			if err := c.Prepare(nil); err != nil {
				t.Fatal(err)
			}
			tc.set(c, n)
			var fields []string
			for _, f := range ErrorFields(c.Validate()) {
				fields = append(fields, f.Field)
			}
			if refused := slices.Contains(fields, tc.field); refused != (n > tc.limit) {
				t.Errorf("%s of %d: refused %v (fields at fault: %v), want %v", tc.field, n, refused, fields, n > tc.limit)
			}
		}
	}
	// An empty place is refused (minlen 1).
	c := validClaim()
	c.Scope.Places = []string{"Syria", ""}
	if err := c.Prepare(nil); !slices.Contains(fieldsOf(t, err), "scope.places[1]") {
		t.Errorf("an empty place: %v", err)
	}
	slices.Sort(tested)
	tagged := taggedPaths(reflect.TypeFor[Claim](), "")
	slices.Sort(tagged)
	if !slices.Equal(slices.Compact(tested), tagged) {
		t.Errorf("the fields that declare limits are %v; this test checks %v: add the new one", tagged, tested)
	}
}

// A limit tag that names no constant, or sits on a field it cannot fit,
// is refused.
func TestFieldLimitsRefuseBadTags(t *testing.T) {
	type bad struct {
		A string `maxlen:"MaxWhatever"`
		B int    `maxlen:"10"`
		C string `maxitems:"3"`
		D string `maxlen:"0"`
	}
	for i := range reflect.TypeFor[bad]().NumField() {
		f := reflect.TypeFor[bad]().Field(i)
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("FieldLimits accepted %s's tag %q", f.Name, f.Tag)
				}
			}()
			FieldLimits(f)
		}()
	}
	f, _ := reflect.TypeFor[Scope]().FieldByName("Places")
	if got, want := FieldLimits(f), (Limits{MinLen: 1, MaxLen: MaxShortLen, MaxItems: MaxPlaces}); got != want {
		t.Errorf("Scope.Places' limits: %+v, want %+v", got, want)
	}
}
