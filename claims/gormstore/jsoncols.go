package gormstore

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// A claim's places, tags and intervals are stored as the JSON
// encoding/json writes for them, and read back on every read of a
// claim: encoding/json's reflection was most of the conversion of a row.
// decodeColumn reads the two shapes by hand, a list of strings and an
// interval, exactly as json.Unmarshal would, and reports false on
// anything it does not expect (whitespace, a key in other case or twice,
// a null inside, a lone surrogate, invalid UTF-8, a number out of range,
// any syntax error), which the caller leaves to encoding/json.

var (
	stringsType  = reflect.TypeFor[[]string]()
	intervalType = reflect.TypeFor[*claims.Interval]()
)

// decodeColumn decodes s into the member at dst, of type typ, and
// reports whether it did; see above.
func decodeColumn(s string, typ reflect.Type, dst unsafe.Pointer) bool {
	switch typ {
	case stringsType:
		v, ok := decodeStrings(s)
		if ok {
			*(*[]string)(dst) = v
		}
		return ok
	case intervalType:
		v, ok := decodeInterval(s)
		if ok {
			*(**claims.Interval)(dst) = v
		}
		return ok
	}
	return false
}

// decodeStrings reads ["a","b"].
func decodeStrings(s string) ([]string, bool) {
	if len(s) < 2 || s[0] != '[' {
		return nil, false
	}
	out := make([]string, 0, strings.Count(s, ",")+1)
	i := 1
	if s[i] == ']' {
		return out, i+1 == len(s)
	}
	for {
		v, n, ok := jsonString(s, i)
		if !ok {
			return nil, false
		}
		out = append(out, v)
		i = n
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i++
		case ']':
			return out, i+1 == len(s)
		default:
			return nil, false
		}
	}
}

// decodeInterval reads {"low":24,"high":null,"best":36,"approx":false,
// "kind":"range","rule":"…","explanation":"…"}, its members in any order,
// each at most once.
func decodeInterval(s string) (*claims.Interval, bool) {
	if len(s) < 2 || s[0] != '{' {
		return nil, false
	}
	iv := &claims.Interval{}
	i := 1
	if s[i] == '}' {
		return iv, i+1 == len(s)
	}
	var seen uint8
	for {
		key, n, ok := jsonString(s, i)
		if !ok || n >= len(s) || s[n] != ':' {
			return nil, false
		}
		i = n + 1
		bit := intervalMember(key)
		if bit == 0 || seen&bit != 0 {
			return nil, false
		}
		seen |= bit
		switch key {
		case "low", "high", "best":
			var p *float64
			if strings.HasPrefix(s[i:], "null") {
				i += len("null")
			} else {
				f, n, ok := jsonNumber(s, i)
				if !ok {
					return nil, false
				}
				p, i = &f, n
			}
			switch key {
			case "low":
				iv.Low = p
			case "high":
				iv.High = p
			default:
				iv.Best = p
			}
		case "approx":
			switch {
			case strings.HasPrefix(s[i:], "true"):
				iv.Approx, i = true, i+len("true")
			case strings.HasPrefix(s[i:], "false"):
				iv.Approx, i = false, i+len("false")
			default:
				return nil, false
			}
		case "kind", "rule", "explanation":
			v, n, ok := jsonString(s, i)
			if !ok {
				return nil, false
			}
			i = n
			switch key {
			case "kind":
				iv.Kind = quantity.Kind(v)
			case "rule":
				iv.Rule = v
			default:
				iv.Explanation = v
			}
		}
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case ',':
			i++
		case '}':
			return iv, i+1 == len(s)
		default:
			return nil, false
		}
	}
}

// intervalMember returns the bit of a member of Interval's JSON, 0 for
// any other key.
func intervalMember(key string) uint8 {
	switch key {
	case "low":
		return 1
	case "high":
		return 2
	case "best":
		return 4
	case "approx":
		return 8
	case "kind":
		return 16
	case "rule":
		return 32
	case "explanation":
		return 64
	}
	return 0
}

// jsonString reads the JSON string starting at s[i], returning it and
// the index after it. Escapes are decoded as encoding/json decodes them;
// a lone surrogate, invalid UTF-8 or a control character is refused.
func jsonString(s string, i int) (string, int, bool) {
	if i >= len(s) || s[i] != '"' {
		return "", 0, false
	}
	i++
	start := i
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			return s[start:i], i + 1, true
		case c == '\\':
			return jsonEscaped(s, start, i)
		case c < 0x20:
			return "", 0, false
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", 0, false
			}
			i += size
		}
	}
	return "", 0, false
}

// jsonEscaped continues jsonString from s[i], the first backslash of
// the string that starts at s[start].
func jsonEscaped(s string, start, i int) (string, int, bool) {
	var b strings.Builder
	b.Grow(len(s) - start)
	b.WriteString(s[start:i])
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), i + 1, true
		case c == '\\':
			if i+1 >= len(s) {
				return "", 0, false
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := hex4(s, i+2)
				if !ok {
					return "", 0, false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r2, ok := rune(0), false
					if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2, ok = hex4(s, i+2)
					}
					dec := utf16.DecodeRune(r, r2)
					if !ok || dec == utf8.RuneError {
						return "", 0, false // a lone surrogate: encoding/json's
					}
					r, i = dec, i+6
				}
				b.WriteRune(r)
				continue
			default:
				return "", 0, false
			}
			i += 2
		case c < 0x20:
			return "", 0, false
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", 0, false
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return "", 0, false
}

// hex4 reads the four hexadecimal digits at s[i].
func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	return r, true
}

// jsonNumber reads the JSON number at s[i] (-?(0|[1-9]\d*)(\.\d+)?
// ([eE][+-]?\d+)?) as encoding/json reads it into a float64, refusing
// one out of range.
func jsonNumber(s string, i int) (float64, int, bool) {
	start := i
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && '1' <= s[i] && s[i] <= '9':
		digits()
	default:
		return 0, 0, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return 0, 0, false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0, 0, false
		}
	}
	f, err := strconv.ParseFloat(s[start:i], 64)
	if err != nil {
		return 0, 0, false
	}
	return f, i, true
}
