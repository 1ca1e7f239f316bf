package exchange

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimdesk/claimdesk/claims"
)

// decodeAll reads every item of a document; err is the error that stopped
// it, nil at the end of the document.
func decodeAll(f Format, doc []byte, lim Limits) ([]item, error) {
	dec, err := newDecoder(f, bytes.NewReader(doc), lim.withDefaults())
	if err != nil {
		return nil, err
	}
	var out []item
	for {
		it, err := dec.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, it)
	}
}

const goodClaim = `{"id":"c1","topic_id":"t1","claimant_id":"p1","quantity_text":"about 800","provenance":{"source_id":"s1"}}`

func TestDecodeHostile(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	huge := strings.Repeat("x", 2<<20)
	tests := []struct {
		name   string
		format Format
		doc    string
		lim    Limits
		// wantFatal is the code of the error that stops decoding, or "";
		// wantBad the location of the first bad record.
		wantFatal claims.Code
		wantBad   string
	}{
		{"empty json", JSON, ``, Limits{}, claims.CodeMalformed, ""},
		{"not an object", JSON, `[1,2]`, Limits{}, claims.CodeMalformed, ""},
		{"truncated", JSON, `{"schema_version":1,"claims":[` + goodClaim, Limits{}, claims.CodeMalformed, ""},
		{"syntax error", JSON, `{"schema_version":1,"claims":[{"id":}]}`, Limits{}, claims.CodeMalformed, ""},
		{"trailing data", JSON, `{"schema_version":1} {}`, Limits{}, claims.CodeMalformed, ""},
		{"no schema version", JSON, `{"claims":[]}`, Limits{}, claims.CodeMalformed, ""},
		{"future schema version", JSON, `{"schema_version":3}`, Limits{}, claims.CodeMalformed, ""},
		{"schema version before the first", JSON, `{"schema_version":0}`, Limits{}, claims.CodeMalformed, ""},
		{"unknown member", JSON, `{"schema_version":1,"stuff":[]}`, Limits{}, claims.CodeMalformed, ""},
		{"claims not an array", JSON, `{"schema_version":1,"claims":{}}`, Limits{}, claims.CodeMalformed, ""},
		{"wrong type", JSON, `{"schema_version":1,"claims":[{"id":"c1","no_number":"yes"}]}`, Limits{}, "", "$.claims[0].no_number"},
		{"wrong nested type", JSON, `{"schema_version":1,"claims":[{"id":"c1","analyst_interval":{"low":"ten"}}]}`, Limits{}, "", "$.claims[0].analyst_interval.low"},
		{"unknown field", JSON, `{"schema_version":1,"topics":[{"id":"t","colour":"red"}]}`, Limits{}, "", "$.topics[0].colour"},
		{"nested unknown field", JSON, `{"schema_version":1,"claims":[{"id":"c1","provenance":{"relays":[{"source_id":"s","nte":"x"}]}}]}`, Limits{}, "", "$.claims[0].provenance.relays[0].nte"},
		{"unknown field in another case", JSON, `{"schema_version":1,"topics":[{"ID":"t","Title":"x","Colour":"red"}]}`, Limits{}, "", "$.topics[0].Colour"},
		{"record not an object", JSON, `{"schema_version":1,"topics":[42]}`, Limits{}, "", "$.topics[0]"},
		// Past encoding/json's own limit of 10000 levels the document is
		// malformed; below it, the record is over MaxDepth.
		{"10000-deep nesting in a record", JSON, `{"schema_version":1,"claims":[{"tags":` + deep + `}]}`, Limits{}, claims.CodeMalformed, ""},
		{"deep nesting as a record", JSON, `{"schema_version":1,"claims":[` + deep[:9990] + deep[10000:19990] + `]}`, Limits{}, "", "$.claims[0]"},
		{"huge string", JSON, `{"schema_version":1,"claims":[{"quote":"` + huge + `"}]}`, Limits{}, "", "$.claims[0]"},
		{"over the size limit", JSON, `{"schema_version":1,"claims":[` + goodClaim + `]}`, Limits{MaxBytes: 40}, claims.CodeTooLarge, ""},
		{"too many records", JSON, `{"schema_version":1,"claims":[` + goodClaim + `,` + goodClaim + `]}`, Limits{MaxRecords: 1}, claims.CodeTooLarge, ""},
		{"ndjson without header", NDJSON, `{"type":"claim","record":` + goodClaim + `}`, Limits{}, claims.CodeMalformed, ""},
		{"ndjson empty", NDJSON, ``, Limits{}, claims.CodeMalformed, ""},
		{"ndjson bad line", NDJSON, `{"type":"header","schema_version":1}` + "\n{nope\n", Limits{}, "", "line 2"},
		{"ndjson unknown type", NDJSON, `{"type":"header","schema_version":1}` + "\n" + `{"type":"planet","record":{}}`, Limits{}, "", "line 2"},
		{"ndjson envelope with extra data", NDJSON, `{"type":"header","schema_version":1}` + "\n" + `{"type":"claim","record":{"id":"c"},"x":1}`, Limits{}, "", "line 2"},
		{"ndjson long line", NDJSON, `{"type":"header","schema_version":1}` + "\n" + `{"type":"claim","record":{"quote":"` + huge + `"}}` + "\n", Limits{}, "", "line 2"},
		{"ndjson deep line", NDJSON, `{"type":"header","schema_version":1}` + "\n" + `{"type":"claim","record":` + deep + "}\n", Limits{}, "", "line 2"},
		{"csv unknown column", CSV, "id,colour\n", Limits{}, claims.CodeMalformed, ""},
		{"csv missing id column", CSV, "topic_id,claimant_id,source_id\n", Limits{}, claims.CodeMalformed, ""},
		{"csv bad quote", CSV, "id,topic_id,claimant_id,source_id\n\"a,b,c,d\n", Limits{}, claims.CodeMalformed, ""},
		{"csv bad number", CSV, "id,topic_id,claimant_id,source_id,analyst_low\nc,t,p,s,many\n", Limits{}, "", "line 2"},
		{"csv short row", CSV, "id,topic_id,claimant_id,source_id\nc,t\n", Limits{}, "", "line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := decodeAll(tt.format, []byte(tt.doc), tt.lim)
			var de *DecodeError
			switch {
			case tt.wantFatal != "":
				if !errors.As(err, &de) || (de.Code != tt.wantFatal && !(de.Code == "" && tt.wantFatal == claims.CodeMalformed)) {
					t.Fatalf("decode(%.60q) error = %v, want a %s DecodeError", tt.doc, err, tt.wantFatal)
				}
			case err != nil:
				t.Fatalf("decode(%.60q) error = %v, want bad records only", tt.doc, err)
			default:
				var got string
				for _, it := range items {
					if len(it.errs) > 0 {
						got = it.loc.at(it.errs[0].Field)
						break
					}
				}
				if got != tt.wantBad {
					t.Errorf("decode(%.60q): first bad record at %q, want %q", tt.doc, got, tt.wantBad)
				}
			}
		})
	}
}

// encodeItems writes records as a document of format f.
func encodeItems(t testing.TB, f Format, items []item) []byte {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	enc, err := newEncoder(f, bw, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	enc.begin(Header{SchemaVersion: 1, ExportedAt: time.Unix(0, 0).UTC()})
	for _, k := range enc.kinds() {
		for _, it := range items {
			if it.kind == k {
				if err := enc.record(k, it.rec); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	enc.end()
	bw.Flush()
	return buf.Bytes()
}

func records(items []item) []any {
	var out []any
	for _, k := range Kinds {
		for _, it := range items {
			if it.kind == k {
				out = append(out, it.rec)
			}
		}
	}
	return out
}

// FuzzDecode feeds arbitrary bytes to the JSON and NDJSON decoders: they
// must not panic, and a document they accept whole must encode and decode
// again to the same records.
func FuzzDecode(f *testing.F) {
	f.Add(byte(0), []byte(`{"schema_version":1,"topics":[{"id":"t1","title":"x","unit":"people"}],"claims":[`+goodClaim+`]}`))
	f.Add(byte(1), []byte(`{"type":"header","schema_version":1}`+"\n"+`{"type":"claim","record":`+goodClaim+`}`+"\n"))
	f.Add(byte(0), []byte(`{"schema_version":1,"links":[{"id":"l","from_id":"a","to_id":"b","kind":"contradicts"}],"reviews":null}`))
	f.Add(byte(1), []byte(`{"type":"header","schema_version":1}`+"\n"+`{"type":"source","record":{"id":"s","name":"n","published_on":"2014"}}`))
	f.Add(byte(2), []byte("id,topic_id,claimant_id,source_id,analyst_low,places,tags\nc,t,p,s,5,\"a; b\",x\n"))
	f.Fuzz(func(t *testing.T, which byte, doc []byte) {
		format := []Format{JSON, NDJSON, CSV}[int(which)%3]
		lim := Limits{MaxBytes: 1 << 20, MaxRecords: 1000}
		items, err := decodeAll(format, doc, lim)
		if err != nil {
			return
		}
		for _, it := range items {
			if len(it.errs) > 0 || it.rec == nil {
				return
			}
		}
		again, err := decodeAll(format, encodeItems(t, format, items), lim)
		if err != nil {
			t.Fatalf("re-encoded document does not decode: %v", err)
		}
		for _, it := range again {
			if len(it.errs) > 0 {
				t.Fatalf("re-encoded record is bad: %+v", it.errs)
			}
		}
		if format == CSV {
			return // CSV carries only the columns it has; compare JSON ones
		}
		if diff := cmp.Diff(records(items), records(again)); diff != "" {
			t.Errorf("records changed through encode and decode (-first +second):\n%s", diff)
		}
	})
}

func TestSniffNDJSON(t *testing.T) {
	tests := []struct {
		name, head string
		want       bool
	}{
		{"ndjson header", `{"type":"header","schema_version":2}` + "\n" + `{"type":"topic"}`, true},
		{"ndjson after a BOM and blank lines", "\ufeff\n\n" + `{"type":"topic","record":{}}` + "\n", true},
		{"indented document", "{\n  \"schema_version\": 2,\n  \"topics\": []\n}\n", false},
		{"one-line document", `{"schema_version":2,"topics":[]}` + "\n", false},
		{"a record member named type deeper down", `{"schema_version":2,"topics":[{"type":"x"}]}` + "\n", false},
		{"first line cut off by the head", `{"type":"header","schema_ver`, false},
		{"an array line", `[{"type":"header"}]` + "\n", false},
		{"csv", "id,topic_id,claimant_id\nc1,t1,p1\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := SniffNDJSON([]byte(tt.head)); got != tt.want {
			t.Errorf("%s: SniffNDJSON = %v, want %v", tt.name, got, tt.want)
		}
	}
}
