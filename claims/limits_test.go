package claims

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The limits a claim's fields declare are enforced by Validate: a value at
// the limit passes, one past it is refused, naming the field. The limits
// are written out here, as the project's rules say them (the API's tests
// check every field that declares one, whatever it is).
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
		field string // as Validate names it
		limit int
		set   func(c *Claim, n int)
	}{
		{"quote", MaxTextLen, func(c *Claim, n int) { c.Quote = text(n) }},
		{"quantity_text", MaxNameLen, func(c *Claim, n int) { c.QuantityText = text(n) }},
		{"original_text", MaxTextLen, func(c *Claim, n int) { c.OriginalText = text(n) }},
		{"unit", MaxShortLen, func(c *Claim, n int) { c.Unit = text(n) }},
		{"scope.places", MaxPlaces, func(c *Claim, n int) { c.Scope.Places = list(n) }},
		{"scope.places[1]", MaxShortLen, func(c *Claim, n int) { c.Scope.Places = []string{"Syria", text(n)} }},
		{"scope.population", MaxNameLen, func(c *Claim, n int) { c.Scope.Population = text(n) }},
		{"scope.group", MaxNameLen, func(c *Claim, n int) { c.Scope.Group = text(n) }},
		{"provenance.relays", MaxRelays, func(c *Claim, n int) { c.Provenance.Relays = relays(n) }},
		{"provenance.relays[0].note", MaxTextLen, func(c *Claim, n int) {
			c.Provenance.Relays = []Relay{{SourceID: "src-a", Note: text(n)}}
		}},
		{"occasion", MaxNameLen, func(c *Claim, n int) { c.Occasion = text(n) }},
		{"deprecation_reason", MaxTextLen, func(c *Claim, n int) { c.DeprecationReason = text(n) }},
		{"notes", MaxTextLen, func(c *Claim, n int) { c.Notes = text(n) }},
	}
	for _, tc := range cases {
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
