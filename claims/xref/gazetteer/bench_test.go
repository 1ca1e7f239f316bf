package gazetteer

import (
	"bytes"
	"runtime"
	"testing"
)

// The baseline of these benchmarks is the gazetteer before the GeoNames
// table: the hand-kept places.json alone, loaded and copied as Builtin
// did then (decode once, then New and Add on every call).

var benchNames = [][]string{{"Syria"}, {"Mariupol"}, {"Сирия и Ирак"}, {"Chechnya"}, {"Lyon"}, {"Paris, Texas"}, {"Dabiq"}, {"Middle East"}}

// BenchmarkLoad decodes and indexes the table from its embedded bytes.
// Run: go test -run '^$' -bench 'Load|Copy|Resolve|Suggest' -benchmem ./claims/xref/gazetteer/
func BenchmarkLoad(b *testing.B) {
	b.Run("today=places.json", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load(bytes.NewReader(builtinJSON)); err != nil {
				b.Fatal(err)
			}
		}
	})
	// The countries, read from the head of the GeoNames file: what
	// Builtin costs until a name is not a listed place's.
	b.Run("geonames/countries", func(b *testing.B) {
		for b.Loop() {
			buildBuiltin(builtinJSON, geonamesGz)
		}
		b.ReportMetric(heapOf(func() any { return buildBuiltin(builtinJSON, geonamesGz) }), "heap-MB")
	})
	// With the regions and cities, decoded on first need.
	load := func() any {
		g := buildBuiltin(builtinJSON, geonamesGz)
		g.geoTab()
		return g
	}
	b.Run("geonames/all", func(b *testing.B) {
		for b.Loop() {
			load()
		}
		b.ReportMetric(heapOf(load), "heap-MB")
	})
}

// heapOf is the live heap, in MB, that what build returns keeps.
func heapOf(build func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
}

// BenchmarkCopy is what a store pays for each request: a copy of the
// built-in gazetteer to add the analysts' places to.
func BenchmarkCopy(b *testing.B) {
	b.Run("today=New+Add", func(b *testing.B) {
		ps, err := Decode(bytes.NewReader(builtinJSON))
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := New().Add(ps...); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("geonames", func(b *testing.B) {
		Builtin()
		for b.Loop() {
			Builtin()
		}
	})
}

// BenchmarkResolve resolves a mix of names: countries, cities, a
// qualified city, an unknown village.
func BenchmarkResolve(b *testing.B) {
	today, err := Load(bytes.NewReader(builtinJSON))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		g    *Gazetteer
	}{{"today=places.json", today}, {"geonames", Builtin()}} {
		b.Run(c.name, func(b *testing.B) {
			c.g.Resolve([]string{"Mariupol"}) // decode the regions and cities, once a process
			for b.Loop() {
				for _, n := range benchNames {
					c.g.Resolve(n)
				}
			}
		})
	}
}
