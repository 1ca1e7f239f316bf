package quantity

import (
	"bytes"
	"encoding/json"
	"testing"
)

// marshalStd is what encoding/json writes, HTML escaping off, without the
// final newline.
func marshalStd(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// TestAppendJSONMatchesEncodingJSON writes every corpus reading, and
// strings with every kind of character, both ways.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	texts := []string{"<b>&</b>", "tab\there", "nl\n", "quote \" back \\", "\x00\x1f\x7f", "bad \xff utf8", "line\u2028sep\u2029",
		"кириллица", "€ ₹ ¥", "\u00e9"}
	for _, c := range loadCorpus(t) {
		texts = append(texts, c.text)
	}
	n := 0
	for _, s := range texts {
		if got, want := AppendJSONString(nil, s), marshalStd(t, s); !bytes.Equal(got, want) {
			t.Errorf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
		q, err := Parse(s)
		if err != nil {
			continue
		}
		n++
		if got, want := q.AppendJSON(nil), marshalStd(t, q); !bytes.Equal(got, want) {
			t.Errorf("AppendJSON(Parse(%q)) =\n%s\nwant\n%s", s, got, want)
		}
	}
	for _, f := range []float64{0, 1e-7, 1e-6, 0.5, 1e20, 1e21, 123456789012345, -5.5, 66.67} {
		q := Quantity{Low: &f}
		if got, want := q.AppendJSON(nil), marshalStd(t, q); !bytes.Equal(got, want) {
			t.Errorf("AppendJSON low %g = %s, want %s", f, got, want)
		}
	}
	if n < 600 {
		t.Errorf("only %d readings compared", n)
	}
}
