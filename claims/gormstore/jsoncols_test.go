package gormstore

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// randText returns a string of up to 12 characters drawn from letters,
// the characters JSON escapes (quotes, backslashes, controls, HTML's
// and the line separators), non-Latin letters, astral characters, and
// now and then a byte of invalid UTF-8.
func randText(r *rand.Rand) string {
	pieces := []string{"a", "Z", " ", "7", "\"", "\\", "/", "<", ">", "&", "\x00", "\x1f", "\n", "\t", "\r", "\b", "\f",
		"\u2028", "\u2029", "é", "中", "Я", "😀", "\U0010FFFF", "\x7f", "\xff", "\xc3", "\ufffd", "'"}
	var b strings.Builder
	for range r.IntN(13) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func randFloat(r *rand.Rand) *float64 {
	var f float64
	switch r.IntN(6) {
	case 0:
		return nil
	case 1:
		f = float64(r.IntN(100000))
	case 2:
		f = r.NormFloat64() * math.Pow(10, float64(r.IntN(40)-20))
	case 3:
		f = math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = math.MaxFloat64
		}
	case 4:
		f = math.Copysign(0, -1)
	default:
		f = float64(r.IntN(1000)) / 100
	}
	return &f
}

// columnInputs returns the JSON of generated lists and intervals as
// json.Marshal writes them, and texts that only look like them: mutated
// encodings and hand-written edge cases.
func columnInputs(r *rand.Rand, n int) (lists, intervals, others []string) {
	for range n {
		var l []string
		for range r.IntN(5) {
			l = append(l, randText(r))
		}
		if l == nil {
			l = []string{}
		}
		b, _ := json.Marshal(l)
		lists = append(lists, string(b))
		iv := &claims.Interval{Low: randFloat(r), High: randFloat(r), Best: randFloat(r), Approx: r.IntN(2) == 0}
		if r.IntN(2) == 0 {
			iv.Kind, iv.Rule, iv.Explanation = quantity.Kind(randText(r)), randText(r), randText(r)
		}
		b, _ = json.Marshal(iv)
		intervals = append(intervals, string(b))
	}
	pieces := []string{"", " ", ",", "]", "[", "{", "}", ":", "\"", "\\", "\\u", "\\ud83d", "\\ude00", "\\u00e9",
		"null", "1", "-", ".", "e", "E+", "x", "\xff", "\x01", "\"LOW\"", "\"low\":1,", "01", "1e999"}
	for _, s := range append(append([]string{}, lists...), intervals...) {
		at := r.IntN(len(s) + 1)
		p := pieces[r.IntN(len(pieces))]
		switch r.IntN(3) {
		case 0: // a piece replaces a byte
			if at < len(s) {
				others = append(others, s[:at]+p+s[at+1:])
			}
		case 1: // a piece inserted
			others = append(others, s[:at]+p+s[at:])
		default: // cut short
			others = append(others, s[:at])
		}
	}
	others = append(others, edgeColumns...)
	return lists, intervals, others
}

// edgeColumns are texts at the edges of what the hand-written decoder
// reads and of what encoding/json accepts.
var edgeColumns = []string{
	"", "[", "]", "[]", "[ ]", " []", "[] ", "[null]", "[\"a\",null]", "[\"a\",]", "[,]", "[\"a\" ,\"b\"]", "[\"a\"]x",
	"[\"\\u00e9\\u4e2d\"]", "[\"\\ud83d\\ude00\"]", "[\"\\ud83d\"]", "[\"\\ude00\"]", "[\"\\ud83dx\"]", "[\"\\ud83d\\u0041\"]",
	"[\"\\u00\"]", "[\"\\uZZZZ\"]", "[\"\\x\"]", "[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]", "[\"\x01\"]", "[\"\xff\"]", "[\"\u2028\"]",
	"[1]", "[true]", "{}", "{ }", "{\"low\":1}", "{\"low\":1,\"low\":2}", "{\"LOW\":1}", "{\"Low\":1}", "{\"other\":1}",
	"{\"low\":null,\"high\":null,\"best\":null,\"approx\":false}", "{\"low\":-0}", "{\"low\":01}", "{\"low\":+1}",
	"{\"low\":.5}", "{\"low\":1.}", "{\"low\":1e}", "{\"low\":1e+}", "{\"low\":1E-3}", "{\"low\":1e400}", "{\"low\":-1e400}",
	"{\"low\":1e-400}", "{\"low\":NaN}", "{\"low\":\"1\"}", "{\"approx\":null}", "{\"approx\":1}", "{\"approx\":tru}",
	"{\"kind\":null}", "{\"kind\":\"range\",\"rule\":\"\\\"about\\\" N\",\"explanation\":\"\\u003cb\\u003e\"}",
	"{\"low\":1,}", "{,}", "{\"low\" :1}", "{\"low\":1 }", "{\"low\":1}}", "{\"low\"}", "{\"low\":}", "null", "true",
	"{\"low\":123456789012345678901234567890}", "{\"best\":0.1,\"high\":2,\"low\":-3.5e2,\"approx\":true}",
}

// jsonColumn reads s into a new value of typ with encoding/json: the
// oracle.
func jsonColumn(s string, typ reflect.Type) (reflect.Value, error) {
	v := reflect.New(typ)
	err := json.Unmarshal([]byte(s), v.Interface())
	return v.Elem(), err
}

// TestDecodeColumnAgreesWithEncodingJSON checks the hand-written reading
// of lists and intervals against encoding/json: it reads everything
// json.Marshal writes for them, and whatever it reads, generated or
// mutated or at an edge, encoding/json reads alike; what it refuses is
// left to encoding/json.
func TestDecodeColumnAgreesWithEncodingJSON(t *testing.T) {
	lists, intervals, others := columnInputs(rand.New(rand.NewPCG(4, 14)), 20000)
	accepted := 0
	check := func(s string, typ reflect.Type, mustAccept bool) {
		want, err := jsonColumn(s, typ)
		got := reflect.New(typ)
		ok := decodeColumn(s, typ, unsafe.Pointer(got.Pointer()))
		switch {
		case ok && err != nil:
			t.Errorf("%s %q: read by hand as %#v, encoding/json refuses it: %v", typ, s, got.Elem().Interface(), err)
		case ok && !reflect.DeepEqual(got.Elem().Interface(), want.Interface()):
			t.Errorf("%s %q: read by hand as %#v, encoding/json reads %#v", typ, s, got.Elem().Interface(), want.Interface())
		case !ok && mustAccept:
			t.Errorf("%s %q: json.Marshal's output refused", typ, s)
		}
		if ok {
			accepted++
		}
	}
	for _, s := range lists {
		check(s, stringsType, true)
	}
	for _, s := range intervals {
		check(s, intervalType, true)
	}
	for _, s := range others {
		check(s, stringsType, false)
		check(s, intervalType, false)
	}
	if accepted < len(lists)+len(intervals) {
		t.Errorf("%d read by hand, want at least the %d json.Marshal wrote", accepted, len(lists)+len(intervals))
	}
	// Other types are always left to encoding/json.
	if decodeColumn(`[{"source_id":"s"}]`, reflect.TypeFor[[]claims.Relay](), nil) {
		t.Error("a list of relays was read by hand")
	}
}

// TestClaimColumnsReadAsEncodingJSON converts rows whose JSON columns are
// generated, mutated or edge cases to claims, and checks each against
// the claim encoding/json reads from the same columns, or the error.
func TestClaimColumnsReadAsEncodingJSON(t *testing.T) {
	lists, intervals, others := columnInputs(rand.New(rand.NewPCG(5, 14)), 2000)
	for i := range len(lists) + len(others) {
		pick := func(a []string, k int) string { return a[(i*k)%len(a)] }
		r := &claimRow{Places: pick(lists, 1), Tags: pick(lists, 3), Parsed: pick(intervals, 1),
			AnalystInterval: pick(intervals, 7), IntervalSource: string(claims.FromParser)}
		if i >= len(lists) {
			o := others[i-len(lists)]
			switch i % 4 {
			case 0:
				r.Places = o
			case 1:
				r.Tags = o
			case 2:
				r.Parsed = o
			default:
				r.AnalystInterval = o
			}
		}
		got, gotErr := r.domain()
		want := &claims.Claim{IntervalSource: claims.FromParser}
		var wantErr error
		for _, c := range []struct {
			s   string
			dst any
		}{{r.Places, &want.Scope.Places}, {r.Tags, &want.Tags}, {r.Parsed, &want.Parsed}, {r.AnalystInterval, &want.AnalystInterval}} {
			if c.s == "" || c.s == "null" {
				continue
			}
			if err := json.Unmarshal([]byte(c.s), c.dst); err != nil && wantErr == nil {
				wantErr = err
			}
		}
		want.Interval = want.Parsed
		if (gotErr != nil) != (wantErr != nil) {
			t.Fatalf("row %d %+v: error %v, encoding/json's %v", i, r, gotErr, wantErr)
		}
		if gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("row %d %+v:\n got %#v\nwant %#v", i, r, got, want)
		}
	}
}

// BenchmarkDecodeColumns reads a claim's places, tags and parsed
// interval with encoding/json (the baseline) and by hand.
func BenchmarkDecodeColumns(b *testing.B) {
	places, tags := `["Syria","Iraq"]`, `["official","isis","\u003cb\u003e"]`
	parsed := `{"low":24,"high":60,"best":36,"approx":true,"kind":"approximate","rule":"few-dozen","explanation":"\"a few dozen\" is 2 to 5 dozen"}`
	b.Run("baseline=encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var p, t []string
			var iv *claims.Interval
			if json.Unmarshal([]byte(places), &p) != nil || json.Unmarshal([]byte(tags), &t) != nil || json.Unmarshal([]byte(parsed), &iv) != nil {
				b.Fatal("decode")
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var p, t []string
			var iv *claims.Interval
			if !decodeColumn(places, stringsType, unsafe.Pointer(&p)) || !decodeColumn(tags, stringsType, unsafe.Pointer(&t)) ||
				!decodeColumn(parsed, intervalType, unsafe.Pointer(&iv)) {
				b.Fatal("decode")
			}
		}
	})
}
