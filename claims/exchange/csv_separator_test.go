package exchange

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// TestCSVImportReadsSemicolonSeparated: a CSV saved with ";" between
// fields (Excel in a Russian locale) reads as the same claims as the one
// with ",", quotes holding either separator included.
func TestCSVImportReadsSemicolonSeparated(t *testing.T) {
	t.Parallel()
	c := &claims.Claim{Meta: claims.Meta{ID: "c1"}, TopicID: "t", ClaimantID: "p",
		Quote: "Несколько десятков; по другим данным, до 800", QuantityText: "несколько десятков",
		Language: "ru", Provenance: claims.Provenance{SourceID: "s"}}
	comma := csvOf(t, c)
	rows, err := csv.NewReader(bytes.NewReader(comma)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var semi bytes.Buffer
	sw := csv.NewWriter(&semi)
	sw.Comma = ';'
	if err := sw.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(semi.Bytes(), comma) {
		t.Fatal("the two files are the same")
	}
	read := func(name string, b []byte) *claims.Claim {
		dec, err := newCSVDecoder(bytes.NewReader(b), DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		it, err := dec.next()
		if err != nil || len(it.errs) > 0 {
			t.Fatalf("%s: %v %v", name, err, it.errs)
		}
		return it.rec.(*claims.Claim)
	}
	a, b := read("comma", comma), read("semicolon", semi.Bytes())
	if b.Quote != c.Quote || b.QuantityText != c.QuantityText || !reflect.DeepEqual(a, b) {
		t.Errorf("the ';' file reads as %+v; want %+v, as the ',' file reads", b, a)
	}
}
