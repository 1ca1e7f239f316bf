package quantity

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
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

// TestAppendJSONStringRandom holds AppendJSONString to encoding/json on
// random strings of ASCII, two-byte runes and the bytes around them (the
// overlong leads 0xC0 and 0xC1, cut and stray continuation bytes), three-
// and four-byte runes and the line separators.
func TestAppendJSONStringRandom(t *testing.T) {
	pieces := []string{"a", " ", "\"", "\\", "\n", "\x01", "\x7f", "я", "Ж", "ё", "é", "߿", "\u0080", "\xc0\xaf", "\xc1\xbf",
		"\xd0", "\xd1", "\xdf", "\x80", "\xbf", "\xc2", "€", "\u2028", "\u2029", "😀", "\xe2\x80", "\xf0\x9f"}
	rng := rand.New(rand.NewPCG(11, 11))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := AppendJSONString(nil, s), marshalStd(t, s); !bytes.Equal(got, want) {
			t.Fatalf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}
