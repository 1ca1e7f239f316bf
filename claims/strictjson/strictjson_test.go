package strictjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       string
		wantPath string // "" with wantOK
		wantOK   bool
	}{
		{`{"a":1,"b":[1,2,{"c":"d"}]}`, "", true},
		{`{"quote":"около двух тысяч","e":"\u00e9 \ud83d\ude00"}`, "", true},
		{`{"a":{"a":1},"b":{"a":1}}`, "", true},
		{`"plain"`, "", true},
		{`{"id":"a","id":"b"}`, "id", false},
		{`{"scope":{"places":["x"],"places":["y"]}}`, "scope.places", false},
		{`{"a":[{"k":1},{"k":1,"k":2}]}`, "a[1].k", false},
		{`{"a\u0062":1,"ab":2}`, "ab", false}, // the same name, escaped once
		{"{\"quote\":\"caf\xe9\"}", "quote", false},
		{"{\"x\":[\"ok\",\"\xff\"]}", "x[1]", false},
		{`{"quote":"\ud800"}`, "quote", false},
		{`{"quote":"\udc00x"}`, "quote", false},
		{`{"quote":"\ud800\u0041"}`, "quote", false},
		{"{\"k\xc3\":1}", "", false},
		{`{"a":[[1],[2,{"b":{"c":[{},{"d":1,"d":2}]}}]]}`, "a[1][1].b.c[1].d", false},
		{manyMembers(40, 3), "", true},
		{strings.TrimSuffix(manyMembers(40, 3), "}") + `,"m5":0}`, "m5", false},   // found among the first names
		{strings.TrimSuffix(manyMembers(40, 3), "}") + `,"m38":0}`, "m38", false}, // found in the map
		{`{"o":` + strings.TrimSuffix(manyMembers(40, 3), "}") + `,"m1":0},"m1":0}`, "o.m1", false},
		{`{"o":` + manyMembers(40, 3) + `,"m1":0,"o":1}`, "o", false},
	} {
		if !json.Valid([]byte(tc.in)) {
			t.Fatalf("test input %q is not valid JSON", tc.in)
		}
		p := Check([]byte(tc.in))
		switch {
		case tc.wantOK && p != nil:
			t.Errorf("Check(%q) = %v, want nil", tc.in, p)
		case !tc.wantOK && p == nil:
			t.Errorf("Check(%q) = nil, want a problem at %q", tc.in, tc.wantPath)
		case !tc.wantOK && p.Path != tc.wantPath:
			t.Errorf("Check(%q) at %q (%s), want at %q", tc.in, p.Path, p.Reason, tc.wantPath)
		}
		// The fuzzer's oracle agrees where it applies.
		if dup := p != nil && strings.Contains(p.Reason, "more than once"); utf8.ValidString(tc.in) && hasDuplicate([]byte(tc.in)) != dup {
			t.Errorf("hasDuplicate(%q) = %v, want %v", tc.in, !dup, dup)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `["\ud800"]`, "\"\xff\"", `{"a":{"b":[1,{"c":null}]}}`,
		`{"a\u0062":1,"ab":2}`, `{"a":{"a":1},"b":[{"a":1},{"a":2}]}`, manyMembers(34, 1)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !json.Valid(b) {
			return
		}
		p := Check(b)
		// A document that is not UTF-8 always has a problem (the oracle
		// is the standard library's validator, not the scanner).
		if !utf8.Valid(b) && p == nil {
			t.Fatalf("Check(%q) = nil for invalid UTF-8", b)
		}
		if p != nil && (p.Offset < 0 || p.Offset > len(b)) {
			t.Fatalf("Check(%q) offset %d out of range", b, p.Offset)
		}
		// Of UTF-8 documents (whose names encoding/json decodes as they
		// are), a duplicate name is always a problem, and the problem of
		// a duplicate is one.
		if utf8.Valid(b) {
			dup := hasDuplicate(b)
			if dup && p == nil {
				t.Fatalf("Check(%q) = nil, but a name appears twice", b)
			}
			if p != nil && strings.Contains(p.Reason, "more than once") && !dup {
				t.Fatalf("Check(%q) = %v, but no name appears twice", b, p)
			}
		}
	})
}

// manyMembers returns an object of n members "m0" to "m<n-1>", each an
// object of depth members, which Check compares through a map.
func manyMembers(n, depth int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"m%d":{`, i)
		for k := range depth {
			if k > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `"k%d":%d`, k, k)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.String()
}

// TestCheckValidAllocatesNothing: a valid document, as almost every
// record of an import is, is checked without allocating.
func TestCheckValidAllocatesNothing(t *testing.T) {
	doc := []byte(`{"id":"claim-1","topic_id":"t","quote":"около двух тысяч, \"quoted\"","e":"\u00e9",` +
		`"scope":{"places":["Q1","Q2"],"window":{"from":"2026-01-01","to":null}},"tags":[],"x":[1,2.5,true,false,null]}`)
	if p := Check(doc); p != nil {
		t.Fatalf("Check = %v, want nil", p)
	}
	// Under the race detector sync.Pool drops some of what is put back,
	// and a scanner made anew costs three allocations (itself and its two
	// stacks, deep and wide enough for doc).
	want := 0.0
	if raceDetector {
		want = 3
	}
	if n := testing.AllocsPerRun(100, func() { Check(doc) }); n > want {
		t.Errorf("Check of a valid document allocates %v times, want at most %v", n, want)
	}
}

// hasDuplicate reports whether an object of b, a valid JSON document,
// names a member twice, from encoding/json's tokens (the oracle of the
// scanner's names, which it compares without decoding them).
func hasDuplicate(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	type frame struct {
		object bool
		key    bool // the next string token is a member name
		names  map[string]bool
	}
	var stack []*frame
	dup := false
	value := func() { // a value ended: the next token of its object is a name
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].key = true
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return dup
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				stack = append(stack, &frame{object: true, key: true, names: map[string]bool{}})
			case '[':
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
				value()
			}
		case string:
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].key {
				f := stack[n-1]
				dup = dup || f.names[v]
				f.names[v] = true
				f.key = false
				continue
			}
			value()
		default:
			value()
		}
	}
}
