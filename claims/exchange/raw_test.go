package exchange

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// marshal is the reference: encoding/json without HTML escaping.
func marshal(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func randomBytes(rnd *rand.Rand) []byte {
	pieces := []string{"a", "<", ">", "&", "\u2028", "\u2029", "\x00", "\x1f", "\x7f", "\"", "\\", "/", "\n", "\b",
		"\f", "é", "😀", "\xff", "\xc0\xaf", "\xed\xa0\x80", "\ufffd", "\xe2\x80"}
	var b []byte
	for range rnd.IntN(12) {
		b = append(b, pieces[rnd.IntN(len(pieces))]...)
	}
	return b
}

func TestAppendStringMatchesEncodingJSON(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := randomBytes(rnd)
		if got, want := appendString(nil, s), marshal(t, string(s)); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
		// Stored JSON of the string, decoded and encoded again.
		stored, _ := json.Marshal(string(s))
		var v string
		if err := json.Unmarshal(stored, &v); err != nil {
			t.Fatal(err)
		}
		got, rest, ok := transString(nil, stored)
		if !ok || len(rest) != 0 || !bytes.Equal(got, marshal(t, v)) {
			t.Fatalf("transcoding %s: got %s (%v), want %s", stored, got, ok, marshal(t, v))
		}
	}
}

func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	fs := []float64{0, math.Copysign(0, -1), 1e-6, 1e-7, 1e21, 1e20, math.MaxFloat64, math.SmallestNonzeroFloat64, 123.456}
	for range 20000 {
		f := math.Float64frombits(rnd.Uint64())
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			fs = append(fs, f)
		}
	}
	for _, f := range fs {
		got, err := appendFloat(nil, f)
		if err != nil || !bytes.Equal(got, marshal(t, f)) {
			t.Fatalf("%v: got %s (%v), want %s", f, got, err, marshal(t, f))
		}
		// A stored number, in encoding/json's form and in other forms.
		for _, stored := range []string{string(marshal(t, f)), string(json.Number(bytes.ToUpper(marshal(t, f))))} {
			out, rest, ok := transNumber(nil, []byte(stored))
			if ok && (len(rest) != 0 || !bytes.Equal(out, marshal(t, f))) {
				t.Fatalf("transcoding %s: got %s, want %s", stored, out, marshal(t, f))
			}
		}
	}
}

// The transcoders give what decoding into the typed value and encoding
// it gives, for stored JSON in any shape; or they decline.
func TestRawColumnsMatchTypedRoundTrip(t *testing.T) {
	ivCodec, relayCodec := newObjectCodec(reflect.TypeFor[claims.Interval]()), newObjectCodec(reflect.TypeFor[claims.Relay]())
	if ivCodec == nil || relayCodec == nil {
		t.Fatal("no transcoder for claims.Interval or claims.Relay: every interval and relay takes the slow path")
	}
	inputs := []string{`[]`, `null`, `["a","b"]`, `[ "a" ]`, `["\u003c\u0026\/"]`, `["a",]`, `[1]`, `["\ud83d\ude00"]`,
		`["` + "\u2028" + `"]`, `["\ud800"]`, `[""]`}
	for _, in := range inputs {
		var v []string
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			if _, err2 := appendRawStrings(nil, []byte(in), reflect.TypeFor[[]string]()); err2 == nil {
				t.Errorf("%s: no error, encoding/json says %v", in, err)
			}
			continue
		}
		got, err := appendRawStrings(nil, []byte(in), reflect.TypeFor[[]string]())
		if err != nil || !bytes.Equal(got, marshal(t, v)) {
			t.Errorf("%s: got %s (%v), want %s", in, got, err, marshal(t, v))
		}
	}
	intervals := []string{`null`, `{"low":1,"high":2,"best":null,"approx":false}`, `{"low":1.50,"high":2e3,"best":null,"approx":true,"kind":"range"}`,
		`{"high":2,"low":1}`, `{"low":1,"high":2,"best":null,"approx":false,"kind":"","rule":"\u003c","explanation":"x"}`,
		`{"LOW":1}`, `{"low":-0,"high":0.0000001,"best":null,"approx":false}`, `{"low":1,"high":2,"best":null,"approx":false,"x":1}`,
		`{"low":01,"high":2,"best":null,"approx":false}`, `{"low":1e999,"high":2,"best":null,"approx":false}`}
	for _, in := range intervals {
		var v *claims.Interval
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			if _, err2 := appendRawObject(nil, []byte(in), ivCodec, reflect.TypeFor[*claims.Interval]()); err2 == nil {
				t.Errorf("%s: no error, encoding/json says %v", in, err)
			}
			continue
		}
		got, err := appendRawObject(nil, []byte(in), ivCodec, reflect.TypeFor[*claims.Interval]())
		if err != nil || !bytes.Equal(got, marshal(t, v)) {
			t.Errorf("%s: got %s (%v), want %s", in, got, err, marshal(t, v))
		}
	}
	relays := []string{`[]`, `null`, `[{"source_id":"s","url":"u","archive_url":"","published_on":"2014","note":"<&>"}]`,
		`[{"note":"n","source_id":"s"}]`, `[{"source_id":"s","url":"","archive_url":"","published_on":"","note":""},{"source_id":"t","url":"","archive_url":"","published_on":"","note":"\n"}]`}
	for _, in := range relays {
		var v []claims.Relay
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		got, err := appendRawObjects(nil, []byte(in), relayCodec, reflect.TypeFor[[]claims.Relay]())
		if err != nil || !bytes.Equal(got, marshal(t, v)) {
			t.Errorf("%s: got %s (%v), want %s", in, got, err, marshal(t, v))
		}
	}
}
