package strictjson

import (
	"encoding/json"
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
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `["\ud800"]`, "\"\xff\"", `{"a":{"b":[1,{"c":null}]}}`} {
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
	})
}
