package gormstore_test

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
)

// leaves calls fn with the JSON path and value of every leaf field of v:
// structs are walked by their json tags, pointers and slice elements
// followed; time.Time is a leaf.
func leaves(v reflect.Value, path string, fn func(path string, v reflect.Value)) {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		fn(path, v)
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			fn(path, v)
			return
		}
		leaves(v.Elem(), path, fn)
	case v.Kind() == reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			switch {
			case !f.IsExported() || name == "-":
				continue
			case f.Anonymous && name == "":
				leaves(v.Field(i), path, fn)
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			leaves(v.Field(i), p, fn)
		}
	case v.Kind() == reflect.Slice && v.Len() > 0 && v.Type().Elem().Kind() == reflect.Struct:
		for i := range v.Len() {
			leaves(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	default:
		fn(path, v)
	}
}

// everyField returns a claim, and the records it names, in which every
// field a client sets holds a value other than its zero value and its
// default, so that a field some path forgets reads back differently.
func everyField() (*claims.Topic, *claims.Claimant, []*claims.Source, *claims.Claim) {
	lo, hi, best := 720.0, 880.0, 800.0
	topic := &claims.Topic{Meta: claims.Meta{ID: "t-every"}, Title: "Every field", Measure: "people"}
	claimant := &claims.Claimant{Meta: claims.Meta{ID: "k-every"}, Name: "Mikhail Bogdanov", Kind: claims.ClaimantPerson}
	sources := []*claims.Source{
		{Meta: claims.Meta{ID: "s-origin"}, Name: "Kommersant", Kind: claims.SourceNews},
		{Meta: claims.Meta{ID: "s-relay"}, Name: "The Independent", Kind: claims.SourceNews},
	}
	c := &claims.Claim{
		Meta: claims.Meta{ID: "c-every"}, TopicID: topic.ID, ClaimantID: claimant.ID,
		Quote: "about 800 Russians fight in Syria", QuantityText: "about 800", Language: "en",
		OriginalText: "около 800 россиян", OriginalLanguage: "ru",
		AnalystInterval: &claims.Interval{Low: &lo, High: &hi, Best: &best, Approx: true, Kind: "approximate", Rule: "analyst", Explanation: "read from the table"},
		Unit:            "people",
		Scope:           claims.Scope{Places: []string{"Syria"}, Population: "Russian nationals", Group: "Islamic State", Measure: claims.Cumulative},
		Provenance: claims.Provenance{SourceID: "s-origin", URL: "https://origin.example.org/a", ArchiveURL: "https://archive.example.org/a",
			Relays: []claims.Relay{{SourceID: "s-relay", URL: "https://relay.example.org/b", ArchiveURL: "https://archive.example.org/b", PublishedOn: "2014-09-30", Note: "repeated"}}},
		Occasion: "interview", SaidOn: "2014-09-28", PublishedOn: "2014-09-29", AsOf: "2014-09", Since: "2011",
		Basis: claims.BasisCount, EvidenceType: claims.EvidenceIntelligence, Grade: claims.GradeFair,
		Rank: claims.RankDeprecated, DeprecationReason: "superseded", Notes: "a note", Tags: []string{"fsb"},
	}
	return topic, claimant, sources, c
}

// Every field of a claim survives each path that stores or carries it:
// create and find, the JSON, NDJSON and CSV exports, and their bulk
// imports into an empty store. The fields are found by reflection, so a
// field added to claims.Claim and missed by any list of columns fails
// here.
func TestEveryClaimFieldRoundTrips(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *gormstore.Store) {
		ctx := context.Background()
		topic, claimant, sources, c := everyField()
		for _, err := range []error{svc(s).CreateTopic(ctx, topic), svc(s).CreateClaimant(ctx, claimant),
			svc(s).CreateSource(ctx, sources[0]), svc(s).CreateSource(ctx, sources[1]), svc(s).CreateClaim(ctx, c)} {
			if err != nil {
				t.Fatal(err)
			}
		}
		want, err := s.FindClaim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Every leaf is set, and not to a default: the interval in force
		// is the analyst's, so the parsed one is set too.
		defaults := map[string]any{"no_number": false, "interval_source": claims.FromParser}
		leaves(reflect.ValueOf(want).Elem(), "", func(path string, v reflect.Value) {
			if path == "no_number" {
				return // checked below, with no_number set
			}
			if v.IsZero() || (v.Kind() == reflect.Slice && v.Len() == 0) {
				t.Errorf("claim field %s is zero after create: give it a value in everyField", path)
			}
			if d, ok := defaults[path]; ok && v.Interface() == d {
				t.Errorf("claim field %s holds its default %v", path, d)
			}
		})
		compareClaims(t, "create and find", c, want, false)

		for _, f := range []exchange.Format{exchange.JSON, exchange.NDJSON, exchange.CSV} {
			var doc bytes.Buffer
			if err := exchange.Export(ctx, s, &doc, f, exchange.Filter{}, exchange.ExportOptions{}); err != nil {
				t.Fatalf("%s export: %v", f, err)
			}
			if f == exchange.JSON {
				var fresh bytes.Buffer
				if err := exchange.Export(ctx, slowStore{s}, &fresh, f, exchange.Filter{}, exchange.ExportOptions{}); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(stripExportedAt(doc.Bytes()), stripExportedAt(fresh.Bytes())) {
					t.Errorf("the fast JSON export differs from the reference:\n%s", firstDiff(doc.Bytes(), fresh.Bytes()))
				}
			}
			dst := storetest.SQLite(t)
			if f == exchange.CSV {
				// A CSV document holds claims only.
				for _, err := range []error{svc(dst).CreateTopic(ctx, topic), svc(dst).CreateClaimant(ctx, claimant),
					svc(dst).CreateSource(ctx, sources[0]), svc(dst).CreateSource(ctx, sources[1])} {
					if err != nil {
						t.Fatal(err)
					}
				}
			}
			if _, err := exchange.Import(ctx, dst, bytes.NewReader(doc.Bytes()), exchange.ImportOptions{Format: f}); err != nil {
				t.Fatalf("%s import: %v\n%s", f, err, doc.Bytes())
			}
			got, err := dst.FindClaim(ctx, c.ID)
			if err != nil {
				t.Fatalf("%s import: %v", f, err)
			}
			compareClaims(t, string(f)+" export and import", want, got, true)
		}

		// no_number, the one field everyField leaves at its default.
		n := *want
		n.NoNumber, n.AnalystInterval = true, nil
		if err := svc(s).UpdateClaim(ctx, &n); err != nil {
			t.Fatal(err)
		}
		got, err := s.FindClaim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.NoNumber || got.Interval != nil || got.IntervalSource != claims.FromNone {
			t.Errorf("no_number: read back %v with interval %v (%s)", got.NoNumber, got.Interval, got.IntervalSource)
		}
	})
}

// compareClaims reports every leaf of want that got lacks or holds
// otherwise; without all, only the fields a client sets are compared.
func compareClaims(t *testing.T, what string, want, got *claims.Claim, all bool) {
	t.Helper()
	g := map[string]any{}
	leaves(reflect.ValueOf(got).Elem(), "", func(path string, v reflect.Value) { g[path] = v.Interface() })
	leaves(reflect.ValueOf(want).Elem(), "", func(path string, v reflect.Value) {
		w := v.Interface()
		if !all && (v.IsZero() || strings.HasPrefix(path, "parsed_interval") || strings.HasPrefix(path, "interval") ||
			path == "parser_version" || path == "version") {
			return // set by the store
		}
		if tm, ok := w.(time.Time); ok {
			if gt, ok := g[path].(time.Time); !ok || !gt.Equal(tm) {
				t.Errorf("%s: %s = %v, want %v", what, path, g[path], w)
			}
			return
		}
		if !reflect.DeepEqual(g[path], w) {
			t.Errorf("%s: %s = %#v, want %#v", what, path, g[path], w)
		}
	})
}

func stripExportedAt(b []byte) []byte {
	i := bytes.Index(b, []byte(`"exported_at":`))
	if i < 0 {
		return b
	}
	j := bytes.IndexByte(b[i+len(`"exported_at":"`):], '"')
	return append(append([]byte{}, b[:i]...), b[i+len(`"exported_at":"`)+j+1:]...)
}
