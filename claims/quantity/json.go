package quantity

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends q as encoding/json writes it with HTML escaping off
// (the same fields, order and number format), without reflection: for
// commands that print many readings a second.
func (q *Quantity) AppendJSON(b []byte) []byte {
	b = append(b, `{"text":`...)
	b = AppendJSONString(b, q.Text)
	b = append(b, `,"low":`...)
	b = appendJSONFloatPtr(b, q.Low)
	b = append(b, `,"high":`...)
	b = appendJSONFloatPtr(b, q.High)
	b = append(b, `,"best":`...)
	b = appendJSONFloatPtr(b, q.Best)
	b = append(b, `,"approx":`...)
	b = strconv.AppendBool(b, q.Approx)
	b = append(b, `,"kind":`...)
	b = AppendJSONString(b, string(q.Kind))
	b = append(b, `,"unit":`...)
	b = AppendJSONString(b, q.Unit)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(q.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(q.End), 10)
	b = append(b, `,"rule":`...)
	b = AppendJSONString(b, q.Rule)
	b = append(b, `,"explanation":`...)
	b = AppendJSONString(b, q.Explanation)
	return append(b, '}')
}

func appendJSONFloatPtr(b []byte, v *float64) []byte {
	if v == nil {
		return append(b, "null"...)
	}
	return AppendJSONFloat(b, *v)
}

// AppendJSONFloat appends f as encoding/json formats a finite float64:
// shortest form, with an exponent only below 1e-6 and from 1e21.
func AppendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// AppendJSONString appends s as a JSON string the way encoding/json does
// with HTML escaping off: invalid UTF-8 becomes U+FFFD, and U+2028 and
// U+2029 are escaped.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		// A valid two-byte rune (U+0080–U+07FF: Cyrillic, Latin with
		// marks) is written as it is, without decoding.
		if c := s[i]; 0xC2 <= c && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
