// Package strictjson finds what encoding/json accepts silently but
// claimdesk refuses: invalid UTF-8 and unpaired UTF-16 surrogate escapes
// (which encoding/json rewrites to U+FFFD) and duplicate member names in
// an object (of which encoding/json keeps the last). Claimdesk rejects such
// input, naming where it is, instead of storing something other than what
// was sent.
package strictjson

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// A Problem is the first thing Check refuses in a document: Path names
// where it is ("scope.places[1]", "" for the document itself), Offset is
// its byte offset in the document.
type Problem struct {
	Path   string
	Offset int
	Reason string
}

func (p *Problem) Error() string {
	if p.Path == "" {
		return fmt.Sprintf("strictjson: at byte %d: %s", p.Offset, p.Reason)
	}
	return fmt.Sprintf("strictjson: %s (byte %d): %s", p.Path, p.Offset, p.Reason)
}

// Check returns the first invalid UTF-8 sequence, unpaired surrogate escape
// or duplicate member name in data, or nil. data must be syntactically
// valid JSON (decode it first): Check does not report syntax errors.
func Check(data []byte) *Problem {
	s := scanner{b: data}
	s.value("")
	return s.p
}

type scanner struct {
	b []byte
	i int
	p *Problem
}

func (s *scanner) fail(path string, off int, format string, args ...any) {
	if s.p == nil {
		s.p = &Problem{Path: path, Offset: off, Reason: fmt.Sprintf(format, args...)}
	}
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value scans the value at s.i, whose path is path.
func (s *scanner) value(path string) {
	s.space()
	if s.i >= len(s.b) || s.p != nil {
		return
	}
	switch s.b[s.i] {
	case '{':
		s.i++
		seen := map[string]bool{}
		for s.p == nil {
			s.space()
			if s.i >= len(s.b) {
				return
			}
			if s.b[s.i] == '}' {
				s.i++
				return
			}
			if s.b[s.i] == ',' {
				s.i++
				s.space()
			}
			start := s.i
			raw := s.str(path)
			if s.p != nil {
				return
			}
			var key string
			if err := json.Unmarshal(raw, &key); err != nil {
				s.fail(path, start, "malformed member name")
				return
			}
			member := join(path, key)
			if seen[key] {
				s.fail(member, start, "the member %q appears more than once in the object", key)
				return
			}
			seen[key] = true
			s.space()
			if s.i < len(s.b) && s.b[s.i] == ':' {
				s.i++
			}
			s.value(member)
		}
	case '[':
		s.i++
		for n := 0; s.p == nil; n++ {
			s.space()
			if s.i >= len(s.b) {
				return
			}
			if s.b[s.i] == ']' {
				s.i++
				return
			}
			if s.b[s.i] == ',' {
				s.i++
			}
			s.value(path + "[" + strconv.Itoa(n) + "]")
		}
	case '"':
		s.str(path)
	default: // a number, true, false or null
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return
			}
			s.i++
		}
	}
}

// str scans the string at s.i and returns it with its quotes.
func (s *scanner) str(path string) []byte {
	start := s.i
	s.i++ // the opening quote
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start:s.i]
		case c == '\\':
			if s.i+1 < len(s.b) && s.b[s.i+1] == 'u' {
				r, ok := hex4(s.b, s.i+2)
				if !ok {
					s.i += 2
					continue
				}
				switch {
				case r >= 0xD800 && r < 0xDC00:
					if lo, ok := lowSurrogate(s.b, s.i+6); ok && lo >= 0xDC00 && lo < 0xE000 {
						s.i += 12
						continue
					}
					s.fail(path, s.i, "the escape \\u%04X is half of a UTF-16 surrogate pair without its other half", r)
					return nil
				case r >= 0xDC00 && r < 0xE000:
					s.fail(path, s.i, "the escape \\u%04X is half of a UTF-16 surrogate pair without its other half", r)
					return nil
				}
				s.i += 6
				continue
			}
			s.i += 2
		case c < utf8.RuneSelf:
			s.i++
		default:
			r, size := utf8.DecodeRune(s.b[s.i:])
			if r == utf8.RuneError && size <= 1 {
				s.fail(path, s.i, "invalid UTF-8 (byte 0x%02X): send text as UTF-8", s.b[s.i])
				return nil
			}
			s.i += size
		}
	}
	return s.b[start:]
}

func lowSurrogate(b []byte, i int) (rune, bool) {
	if i+1 >= len(b) || b[i] != '\\' || b[i+1] != 'u' {
		return 0, false
	}
	return hex4(b, i+2)
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[i:i+4]), 16, 32)
	return rune(n), err == nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
