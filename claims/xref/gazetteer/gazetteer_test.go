package gazetteer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompare(t *testing.T) {
	t.Parallel()
	g := Builtin()
	tests := []struct {
		a, b []string
		want Relation
	}{
		{[]string{"Syria"}, []string{"Syria", "Iraq"}, Inside},
		{[]string{"Syria"}, []string{"Syria and Iraq"}, Inside},
		{[]string{"Сирия"}, []string{"syria"}, Equal},
		{[]string{"Iraq", "Syria"}, []string{"Syria", "Iraq"}, Equal},
		{[]string{"Syria", "Iraq"}, []string{"Iraq"}, Contains},
		{[]string{"Syria"}, []string{"Iraq"}, Disjoint},
		{[]string{"Syria", "Turkey"}, []string{"Syria", "Iraq"}, Overlap},
		{[]string{"Syria"}, nil, Unknown},
		{nil, nil, Unknown},
		{[]string{"Chechnya"}, []string{"Russia"}, Inside},
		{[]string{"Чечня"}, []string{"North Caucasus"}, Inside},
		{[]string{"Dagestan"}, []string{"Chechnya"}, Disjoint},
		{[]string{"Russia"}, []string{"North Caucasus"}, Contains},
		{[]string{"Kazakhstan"}, []string{"Central Asia"}, Inside},
		{[]string{"Central Asia"}, []string{"CIS"}, Inside},
		{[]string{"South Caucasus"}, []string{"CIS"}, Overlap},
		{[]string{"Georgia"}, []string{"CIS"}, Disjoint},
		{[]string{"Russia", "Central Asia"}, []string{"Former Soviet Union"}, Inside},
		{[]string{"СНГ"}, []string{"ex-USSR"}, Inside},
		{[]string{"Syria"}, []string{"Middle East"}, Inside},
		{[]string{"Syria"}, []string{"Levant"}, Inside},
		{[]string{"Iraq"}, []string{"Middle East"}, Inside},
		{[]string{"Iraq"}, []string{"Levant"}, Disjoint}, // "Iraq and the Levant" names them apart
		{[]string{"Syria", "Iraq"}, []string{"Левант"}, Overlap},
		{[]string{"France"}, []string{"Western Europe"}, Inside},
		{[]string{"Western Europe"}, []string{"Europe"}, Inside},
		{[]string{"Russia"}, []string{"Europe"}, Disjoint},
		{[]string{"Dabiq"}, []string{"dabiq"}, Equal},    // unknown (a village): opaque
		{[]string{"Dabiq"}, []string{"Syria"}, Disjoint}, // opaque, so never a conflict
		{[]string{"Raqqa"}, []string{"Syria"}, Inside},   // a GeoNames city
	}
	for _, tt := range tests {
		got := Compare(g.Resolve(tt.a), g.Resolve(tt.b))
		if got != tt.want {
			t.Errorf("Compare(%q, %q) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestResolveUnknown(t *testing.T) {
	t.Parallel()
	g := Builtin()
	tests := []struct {
		in          []string
		wantNames   []string
		wantUnknown []string
	}{
		{[]string{"Syria and Iraq"}, []string{"Syria", "Iraq"}, nil},
		{[]string{"Сирия и Ирак"}, []string{"Syria", "Iraq"}, nil},
		{[]string{"Syria", "Dabiq"}, []string{"Syria", "Dabiq"}, []string{"Dabiq"}},
		{[]string{"Syria and Zyxwvut"}, []string{"Syria and Zyxwvut"}, []string{"Syria and Zyxwvut"}},
		{[]string{"Syria and Raqqa"}, []string{"Syria", "Raqqa"}, nil},
		{[]string{"  ", "ирак"}, []string{"Iraq"}, nil},
	}
	for _, tt := range tests {
		s := g.Resolve(tt.in)
		if diff := cmp.Diff(tt.wantNames, s.Names); diff != "" {
			t.Errorf("Resolve(%q).Names mismatch (-want +got):\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(tt.wantUnknown, s.Unknown); diff != "" {
			t.Errorf("Resolve(%q).Unknown mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestAdd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		places  []Place
		wantErr string
	}{
		{"new city inside Syria", []Place{{ID: "SY-RA", Name: "Raqqa", Kind: Subdivision, In: []string{"SY"}}}, ""},
		{"duplicate id", []Place{{ID: "SY", Name: "Syria again"}}, "duplicate id"},
		{"alias clash", []Place{{ID: "X1", Name: "Somewhere", Aliases: []string{"Сирия"}}}, "already names"},
		{"unknown parent", []Place{{ID: "X1", Name: "Somewhere", In: []string{"nowhere"}}}, "unknown parent"},
		{"bad kind", []Place{{ID: "X1", Name: "Somewhere", Kind: "village"}}, "kind must be"},
		{"district of a GeoNames city", []Place{{ID: "X1", Name: "Azovstal", In: []string{"gn:701822"}}}, ""},
		{"id of a GeoNames city", []Place{{ID: "gn:701822", Name: "Somewhere"}}, "duplicate id"},
		{"cycle", []Place{
			{ID: "A", Name: "A", Kind: Region, In: []string{"B"}},
			{ID: "B", Name: "B", Kind: Region, In: []string{"A"}},
		}, "cycle"},
	}
	for _, tt := range tests {
		g := Builtin()
		before := len(g.Places())
		err := g.Add(tt.places...)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("Add(%s) = %v, want nil", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("Add(%s) = %v, want error containing %q", tt.name, err, tt.wantErr)
		case tt.wantErr != "" && len(g.Places()) != before:
			t.Errorf("Add(%s) failed but changed the gazetteer: %d places, want %d", tt.name, len(g.Places()), before)
		}
	}
}

func TestAddExtendsContainment(t *testing.T) {
	t.Parallel()
	g := Builtin()
	if got := Compare(g.Resolve([]string{"Dabiq"}), g.Resolve([]string{"Syria"})); got != Disjoint {
		t.Fatalf("before Add: Dabiq vs Syria = %s, want disjoint (opaque)", got)
	}
	if err := g.Add(Place{ID: "SY-DQ", Name: "Dabiq", Kind: Subdivision, Aliases: []string{"Дабик"}, In: []string{"SY"}}); err != nil {
		t.Fatal(err)
	}
	if got := Compare(g.Resolve([]string{"Дабик"}), g.Resolve([]string{"Syria", "Iraq"})); got != Inside {
		t.Errorf("after Add: Dabiq vs Syria and Iraq = %s, want inside", got)
	}
	if other := Builtin(); len(other.Places()) == len(g.Places()) {
		t.Errorf("Add on one Builtin copy changed another")
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	doc := `{"places": [
		{"id": "region:levant", "name": "Levant", "kind": "region"},
		{"id": "SY", "name": "Syria", "in": ["region:levant"]}
	]}`
	g, err := Load(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := Compare(g.Resolve([]string{"Syria"}), g.Resolve([]string{"Levant"})); got != Equal {
		t.Errorf("Syria vs Levant (its only member) = %s, want equal", got)
	}
	if _, err := Load(strings.NewReader(`{"places": [{"id": "X", "name": "X", "colour": "red"}]}`)); err == nil {
		t.Errorf("Load with an unknown field = nil error, want an error")
	}
}

// TestFoldMatchesDefinition checks the one-pass Fold against its
// definition: fields joined by one space, lower case, "ё" read as "е".
func TestFoldMatchesDefinition(t *testing.T) {
	t.Parallel()
	def := func(s string) string {
		return strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(s), " ")), "ё", "е")
	}
	pieces := []string{"a", "B", " ", "  ", "\t", "ё", "Ё", "Ж", "ж", "\u00a0", "İ", "ß", "x y"}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		if got, want := Fold(prefix), def(prefix); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", prefix, got, want)
		}
		if depth == 0 {
			return
		}
		for _, p := range pieces {
			walk(prefix+p, depth-1)
		}
	}
	walk("", 4)
}
