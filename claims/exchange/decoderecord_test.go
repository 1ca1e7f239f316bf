package exchange_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/demo"
	"github.com/claimdesk/claimdesk/claims/exchange"
	"github.com/claimdesk/claimdesk/claims/gormstore/storetest"
	"github.com/claimdesk/claimdesk/claims/service"
)

// exportedRecord is one record of an NDJSON export.
type exportedRecord struct {
	kind exchange.Kind
	raw  []byte
}

// demoExport exports the demo dataset, with a review and a history of
// edits, restores and deletes, as NDJSON, and returns its records.
func demoExport(t *testing.T) []exportedRecord {
	t.Helper()
	s := storetest.SQLite(t)
	loadDemo(t, s)
	claimID := edit(t, s) // which deletes the claim of loadDemo's review
	page, err := s.ListClaims(context.Background(), claims.ClaimFilter{ListOptions: claims.ListOptions{Limit: 3}})
	if err != nil || len(page.Items) < 3 {
		t.Fatalf("list claims: %v", err)
	}
	other := page.Items[0].ID
	if other == claimID {
		other = page.Items[2].ID
	}
	r := &claims.Review{ClaimA: claimID, ClaimB: other, Status: claims.ReviewDismissed, Resolution: "différent \"scope\"", Author: "tester"}
	if err := service.New(s, nil).CreateReview(context.Background(), r); err != nil {
		t.Fatalf("create review: %v", err)
	}
	doc := exportHistory(t, s, exchange.NDJSON, exchange.Filter{})
	var out []exportedRecord
	sc := bufio.NewScanner(bytes.NewReader(doc))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var env struct {
			Type   string          `json:"type"`
			Record json.RawMessage `json:"record"`
		}
		if err := json.Unmarshal(sc.Bytes(), &env); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		if env.Type != "header" {
			out = append(out, exportedRecord{exchange.Kind(env.Type), env.Record})
		}
	}
	kinds := map[exchange.Kind]int{}
	for _, r := range out {
		kinds[r.kind]++
	}
	for _, k := range allKinds {
		if kinds[k] == 0 {
			t.Fatalf("the export holds no %s: %v", k, kinds)
		}
	}
	return out
}

// members returns the members of a record, by name.
func members(t testing.TB, raw []byte) map[string]json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("record %s: %v", raw, err)
	}
	return m
}

// variants returns raw and records made from it that import must read as
// encoding/json and strictjson did: unknown members, wrong types,
// duplicate names, invalid UTF-8, lone surrogates, trailing data, names in
// other cases, nulls, times and numbers of every form.
func variants(t testing.TB, raw []byte) [][]byte {
	t.Helper()
	body := bytes.TrimPrefix(raw, []byte("{"))
	out := [][]byte{raw}
	prepend := func(member string) {
		out = append(out, []byte("{"+member+","+string(body)))
	}
	for _, m := range []string{
		`"colour":"red"`, `"Colour":"red"`, `"":1`, `"ID":"x"`, `"Id":"x"`, `"iD":"x"`,
		`"id":"dup"`, `"id":null`, `"id":5`, `"id":"\ud800"`, `"id":"\udc00x"`, `"id":"\ud800\u0041"`,
		`"id":"\ud83d\ude00"`, `"id":"\u00e9\/\t"`, "\"id\":\"\xff\"", "\"colour\":\"\xc3\"", "\"col\xffour\":1",
		`"\u0069d":"escaped name"`, `"\u0049D":"escaped name in capitals"`,
		`"version":"1"`, `"version":1.5`, `"version":1e2`, `"version":-0`, `"version":99999999999999999999`,
		`"version":null`, `"VERSION":7`, `"created_at":5`, `"created_at":null`, `"created_at":"yesterday"`,
		`"created_at":"2026-01-02T03:04:05+02:00"`, `"created_at":"2026-01-02T03:04:05.123456789Z"`,
		`"created_at":"2026-01-02 03:04:05Z"`, `"created_at":"2026-01-02T03:04:05"`, `"created_at":"2026-01-02T24:00:00Z"`,
		`"created_at":"2026-01-02T03:04:05,5Z"`, `"created_at":"2026-01-02T03:04:05+0200"`,
		"\"\u212ad\":\"Kelvin\"", `"colour":{"a":1,"a":2}`, `"colour":[1,"\ud800"]`,
	} {
		prepend(m)
	}
	for _, tail := range []string{" ", "\n\t", " {}", "x", ",", "}", " null"} {
		out = append(out, append(bytes.Clone(raw), tail...))
	}
	out = append(out, []byte(" "+string(raw)), []byte("{"), []byte("{}"), []byte(`{"id":"a"`), []byte("{\"id\":\"a\"}\xff"))
	for _, n := range []int{15, 16} { // nested 16 deep, and 17
		out = append(out, []byte(`{"tags":`+strings.Repeat("[", n)+`"[{"`+strings.Repeat("]", n)+`}`))
	}

	// Every member set to other values, one at a time.
	m := members(t, raw)
	for name := range m {
		// The member under its name in other cases, alone.
		for _, other := range []string{strings.ToUpper(name), strings.ToUpper(name[:1]) + name[1:], strings.ReplaceAll(name, "_", "")} {
			renamed := maps.Clone(m)
			delete(renamed, name)
			renamed[other] = m[name]
			out = append(out, marshalMembers(renamed))
		}
	}
	for name := range m {
		for _, v := range []string{
			`null`, `true`, `0`, `-1`, `1.5`, `1e400`, `-0`, `1E3`, `0.1e-400`, `"x"`, `""`, `"\ud800"`, "\"\xfe\"",
			`[]`, `[null]`, `["a","b"]`, `[1]`, `{}`, `{"colour":1}`, `{"low":"ten"}`, `{"low":1,"LOW":2}`,
			`{"low":1,"low":2}`, `{"places":["a","a"],"places":[]}`, `{"relays":[{"source_id":"s","nte":"x"}]}`,
			`{"relays":[{"Source_ID":"s"},{"source_id":1}]}`, `{ "a" : [ 1 , 2 ] , "b" : "\u00e9" }`,
			`"2014-09"`, `"2026-01-02T03:04:05Z"`,
		} {
			changed := maps.Clone(m)
			changed[name] = json.RawMessage(v)
			b := marshalMembers(changed)
			out = append(out, b)
			// The same member again, in capitals: two names of one field.
			out = append(out, []byte("{"+strings.TrimSuffix(string(b[1:]), "}")+`,"`+strings.ToUpper(name)+`":`+v+"}"))
		}
	}
	return out
}

// marshalMembers writes an object of members as they are, in sorted
// order (encoding/json would reject or rewrite the invalid values).
func marshalMembers(m map[string]json.RawMessage) []byte {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%s", k, m[k])
	}
	b.WriteByte('}')
	return b.Bytes()
}

// sameAsStrict fails t unless import decodes raw exactly as the strict
// decoder (encoding/json, then strictjson) does: the same record, or the
// same error. It reports whether the one-pass decoder took the record.
func sameAsStrict(t *testing.T, k exchange.Kind, raw []byte) (fast bool) {
	t.Helper()
	got, gotErrs := exchange.DecodeRecord(k, raw)
	strict, strictErrs := exchange.DecodeStrict(k, raw)
	want, wantErrs := strict, strictErrs
	// Import refuses some records before decoding them.
	switch lim := exchange.DefaultLimits; {
	case len(raw) == 0 || raw[0] != '{':
		want, wantErrs = nil, []exchange.RecordError{{Reason: fmt.Sprintf("a %s must be a JSON object", k)}}
	case depth(raw) > lim.MaxDepth:
		want, wantErrs = nil, []exchange.RecordError{{Reason: fmt.Sprintf("the record is nested deeper than the limit of %d levels", lim.MaxDepth)}}
	case len(raw) > lim.MaxStringBytes:
		return false // a fuzzed record this long is not worth the test's time
	}
	if diff := cmp.Diff(wantErrs, gotErrs); diff != "" {
		t.Errorf("%s %.300q: errors differ from the strict decoder's (-strict +import):\n%s", k, raw, diff)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s %.300q: record differs from the strict decoder's (-strict +import):\n%s", k, raw, diff)
	}
	fastRec, ok := exchange.DecodeFast(k, raw)
	if ok {
		if strictErrs != nil {
			t.Errorf("%s %.300q: the one-pass decoder accepts what the strict decoder refuses: %+v", k, raw, strictErrs)
		} else if diff := cmp.Diff(strict, fastRec); diff != "" {
			t.Errorf("%s %.300q: the one-pass decoder's record differs (-strict +fast):\n%s", k, raw, diff)
		}
	}
	return ok
}

// depth returns the deepest nesting of arrays and objects in raw,
// brackets in strings aside.
func depth(raw []byte) int {
	d, deepest, inString := 0, 0, false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			d++
			deepest = max(deepest, d)
		case c == '}' || c == ']':
			d--
		}
	}
	return deepest
}

func TestDecodeRecordAgreesWithStrictDecoding(t *testing.T) {
	recs := demoExport(t)
	seen := map[exchange.Kind]int{}
	var n, fast, refused int
	for _, r := range recs {
		// Every record of the export, mutated; a few of each kind suffice
		// for the mutations, all of them for the record as exported.
		vs := [][]byte{r.raw}
		if seen[r.kind]++; seen[r.kind] <= 3 {
			vs = variants(t, r.raw)
		}
		for _, raw := range vs {
			n++
			if sameAsStrict(t, r.kind, raw) {
				fast++
			}
			if _, errs := exchange.DecodeStrict(r.kind, raw); errs != nil {
				refused++
			}
		}
	}
	// The variants must exercise both outcomes.
	t.Logf("%d records: %d taken by the one-pass decoder, %d refused", n, fast, refused)
	if refused == 0 || fast == 0 {
		t.Errorf("%d records: %d decoded in one pass, %d refused: the variants do not exercise both paths", n, fast, refused)
	}
}

// TestExportedRecordsRoundTripInOnePass decodes every record of a real
// export with the one-pass decoder alone, and checks that it holds every
// member the export wrote: encoding the record again gives the same JSON
// value.
func TestExportedRecordsRoundTripInOnePass(t *testing.T) {
	for _, r := range demoExport(t) {
		rec, ok := exchange.DecodeFast(r.kind, r.raw)
		if !ok {
			t.Errorf("%s %s: the one-pass decoder refuses an exported record", r.kind, r.raw)
			continue
		}
		again, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		var want, got any
		if err := json.Unmarshal(r.raw, &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(again, &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %s: the decoded record encodes differently (-exported +decoded):\n%s", r.kind, r.raw, diff)
		}
	}
}

// FuzzDecodeRecord checks that import decodes any record exactly as the
// strict decoder does. The seeds are the demo's records and their
// variants; in CI it runs on the seeds alone.
func FuzzDecodeRecord(f *testing.F) {
	b, err := demo.Bundle()
	if err != nil {
		f.Fatal(err)
	}
	seed := func(k exchange.Kind, v any) {
		raw, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		for i, r := range variants(f, raw) {
			if i%7 == 0 { // enough of each kind of change
				f.Add(kindIndex(k), r)
			}
		}
	}
	seed(exchange.KindTopic, b.Topics[0])
	seed(exchange.KindSource, b.Sources[0])
	seed(exchange.KindClaimant, b.Claimants[0])
	seed(exchange.KindClaim, b.Claims[0])
	seed(exchange.KindLink, b.Links[0])
	f.Add(kindIndex(exchange.KindReview), []byte(`{"id":"r","claim_a":"a","claim_b":"b","status":"dismissed","created_at":"2026-01-02T03:04:05Z"}`))
	f.Add(kindIndex(exchange.KindChange), []byte(`{"kind":"claim","record_id":"c","version":2,"action":"update","at":"2026-01-02T03:04:05Z","before":{ "id" : "c" },"after":null}`))
	f.Fuzz(func(t *testing.T, k byte, raw []byte) {
		sameAsStrict(t, allKinds[int(k)%len(allKinds)], raw)
	})
}

var allKinds = append(exchange.Kinds[:len(exchange.Kinds):len(exchange.Kinds)], exchange.KindChange)

func kindIndex(k exchange.Kind) byte {
	for i, kk := range allKinds {
		if kk == k {
			return byte(i)
		}
	}
	panic("no kind " + k)
}

// BenchmarkDecodeRecord decodes a claim of the demo as import does
// (import), and as it did before the one-pass decoder (strict).
func BenchmarkDecodeRecord(b *testing.B) {
	bundle, err := demo.Bundle()
	if err != nil {
		b.Fatal(err)
	}
	raw, err := json.Marshal(bundle.Claims[len(bundle.Claims)/2])
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range []struct {
		name   string
		decode func(exchange.Kind, []byte) (any, []exchange.RecordError)
	}{{"import", exchange.DecodeRecord}, {"strict", exchange.DecodeStrict}} {
		b.Run(d.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, errs := d.decode(exchange.KindClaim, raw); errs != nil {
					b.Fatal(errs)
				}
			}
		})
	}
}
