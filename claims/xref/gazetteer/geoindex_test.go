package gazetteer

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"testing"

	"github.com/claimdesk/claimdesk/claims/xref/gazetteer/internal/geofile"
)

var updateGeoIndex = flag.Bool("update-geoindex", false, "rewrite geoindex.bin from geonames.txt.gz")

// decodedGeoMaps decodes the embedded GeoNames table and indexes it in
// maps.
func decodedGeoMaps(t *testing.T) *geoMaps {
	t.Helper()
	tab, err := geofile.Read(bytes.NewReader(geonamesGz))
	if err != nil {
		t.Fatal(err)
	}
	return newGeoMaps(tab)
}

// TestGeoIndexFile: the committed geoindex.bin is the index of the
// committed geonames.txt.gz. With -update-geoindex (go generate), it
// writes it.
func TestGeoIndexFile(t *testing.T) {
	want := encodeGeoIndex(decodedGeoMaps(t))
	if *updateGeoIndex {
		if err := os.WriteFile("geoindex.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if geoIndexData != string(want) {
		t.Fatalf("geoindex.bin (%d bytes) is not the index of geonames.txt.gz (%d bytes): run go generate", len(geoIndexData), len(want))
	}
}

// TestGeoIndexMatchesTable: every lookup in the embedded index answers as
// the table decoded from geonames.txt.gz and indexed in maps does: each
// entry's fields, each ID, each folded name (best and all), each prefix,
// and names and IDs the table lacks.
func TestGeoIndexMatchesTable(t *testing.T) {
	m := decodedGeoMaps(t)
	x := openGeoIndex(geoIndexData)
	if int(x.len()) != len(m.entries) {
		t.Fatalf("index has %d entries, table %d", x.len(), len(m.entries))
	}
	for i := range m.entries {
		e, j := &m.entries[i], int32(i)
		if x.id(j) != e.id || x.parent(j) != e.parent || x.anchor(j) != e.anchor || x.pop(j) != e.pop {
			t.Fatalf("entry %d: index %q %d %q %d, table %q %d %q %d", i, x.id(j), x.parent(j), x.anchor(j), x.pop(j), e.id, e.parent, e.anchor, e.pop)
		}
		lo, hi := x.names(j)
		var names []geofile.Name
		for k := lo; k < hi; k++ {
			names = append(names, x.name(k))
		}
		if !slices.Equal(names, e.names) {
			t.Fatalf("entry %s: index names %v, table %v", e.id, names, e.names)
		}
		wantKind := Subdivision
		if e.id[:min(3, len(e.id))] == "gn:" {
			wantKind = City
		}
		if x.kind(j) != wantKind {
			t.Fatalf("entry %s: kind %s", e.id, x.kind(j))
		}
	}
	for id, i := range m.byID {
		if got, ok := x.byID(id); !ok || got != i {
			t.Fatalf("byID(%q) = %d, %v; table %d", id, got, ok, i)
		}
	}
	for k, v := range m.best {
		if got, ok := x.best(k); !ok || got != v {
			t.Fatalf("best(%q) = %#x, %v; table %#x", k, got, ok, v)
		}
		if got := x.all(k); !slices.Equal(got, m.all[k]) {
			t.Fatalf("all(%q) = %v; table %v", k, got, m.all[k])
		}
	}
	nprefix := 0
	for k := range m.best {
		for _, w := range []string{k, k + "x", "x" + k} {
			if x.prefix(w) != m.prefixes[w] {
				t.Fatalf("prefix(%q) = %v; table %v", w, x.prefix(w), m.prefixes[w])
			}
			if m.prefixes[w] {
				nprefix++
			}
		}
	}
	for p := range m.prefixes {
		if !x.prefix(p) {
			t.Fatalf("prefix(%q) = false; table true", p)
		}
	}
	for _, k := range []string{"", "no such place", "paris, nowhere", "gn:0", "zz.99", "\x00"} {
		if _, ok := m.best[k]; !ok {
			if v, ok := x.best(k); ok || v != 0 {
				t.Errorf("best(%q) = %#x, %v; the table has no such name", k, v, ok)
			}
		}
		if _, ok := m.byID[k]; !ok {
			if _, ok := x.byID(k); ok {
				t.Errorf("byID(%q) found an entry; the table has none", k)
			}
		}
	}
	if len(m.prefixes) == 0 || len(m.all) == 0 || nprefix == 0 {
		t.Fatalf("the table has %d prefixes, %d names of several places: the premise of this test is gone", len(m.prefixes), len(m.all))
	}
}
