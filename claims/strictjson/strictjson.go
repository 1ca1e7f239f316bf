// Package strictjson finds what encoding/json accepts silently but
// claimdesk refuses: invalid UTF-8 and unpaired UTF-16 surrogate escapes
// (which encoding/json rewrites to U+FFFD) and duplicate member names in
// an object (of which encoding/json keeps the last). Claimdesk rejects such
// input, naming where it is, instead of storing something other than what
// was sent.
package strictjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
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
//
// Check runs on every record of an import and every request body, so a
// valid document costs no allocation: member names are compared in place
// (decoded only when escaped), and the path is kept as a stack of names
// and indexes, made into a string only for the problem.
func Check(data []byte) *Problem {
	s := scanners.Get().(*scanner)
	s.b = data
	s.value()
	p := s.p
	// The names point into data: let go of them with it.
	clear(s.names[:cap(s.names)])
	clear(s.path[:cap(s.path)])
	*s = scanner{path: s.path[:0], names: s.names[:0]}
	scanners.Put(s)
	return p
}

// scanners keeps the stacks of paths and names from one Check to the next.
var scanners = sync.Pool{New: func() any {
	return &scanner{path: make([]step, 0, 16), names: make([][]byte, 0, 64)}
}}

type scanner struct {
	b []byte
	i int
	p *Problem
	// path is where the scan is: the member names and array indexes
	// from the document down to the value being scanned.
	path []step
	// names holds the member names of the objects being scanned, the
	// innermost object's last.
	names [][]byte
}

// A step of a path: a member name, or an index when name is nil.
type step struct {
	name  []byte
	index int
}

// smallObject is the number of members up to which an object's names are
// compared with each other one by one; a larger object uses a map.
const smallObject = 32

func (s *scanner) fail(off int, format string, args ...any) {
	if s.p == nil {
		s.p = &Problem{Path: s.pathString(), Offset: off, Reason: fmt.Sprintf(format, args...)}
	}
}

// pathString returns the path of the value being scanned, such as
// "scope.places[1]".
func (s *scanner) pathString() string {
	var b []byte
	for _, st := range s.path {
		if st.name == nil {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(st.index), 10)
			b = append(b, ']')
			continue
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, st.name...)
	}
	return string(b)
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

// value scans the value at s.i, whose path is s.path.
func (s *scanner) value() {
	s.space()
	if s.i >= len(s.b) || s.p != nil {
		return
	}
	switch s.b[s.i] {
	case '{':
		s.i++
		s.object()
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
			s.path = append(s.path, step{index: n})
			s.value()
			s.path = s.path[:len(s.path)-1]
		}
	case '"':
		s.str()
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

// object scans the members of the object whose '{' is before s.i.
func (s *scanner) object() {
	first := len(s.names)
	defer func() { s.names = s.names[:first] }()
	var many map[string]bool // the names, once there are more than smallObject
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
		raw := s.str()
		if s.p != nil {
			return
		}
		name, ok := memberName(raw)
		if !ok {
			s.fail(start, "malformed member name")
			return
		}
		s.path = append(s.path, step{name: name})
		seen := false
		if many != nil {
			seen = many[string(name)]
			many[string(name)] = true
		} else {
			for _, n := range s.names[first:] {
				if string(n) == string(name) {
					seen = true
					break
				}
			}
			s.names = append(s.names, name)
			if len(s.names)-first > smallObject {
				many = make(map[string]bool, 2*smallObject)
				for _, n := range s.names[first:] {
					many[string(n)] = true
				}
			}
		}
		if seen {
			s.fail(start, "the member %q appears more than once in the object", name)
			return
		}
		s.space()
		if s.i < len(s.b) && s.b[s.i] == ':' {
			s.i++
		}
		s.value()
		s.path = s.path[:len(s.path)-1]
	}
}

// memberName returns the name a member's raw string (with its quotes)
// gives: its bytes as they are unless it holds an escape.
func memberName(raw []byte) ([]byte, bool) {
	if len(raw) < 2 || raw[len(raw)-1] != '"' {
		return nil, false
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1 : len(raw)-1], true
	}
	var name string
	if err := json.Unmarshal(raw, &name); err != nil {
		return nil, false
	}
	return []byte(name), true
}

// str scans the string at s.i and returns it with its quotes.
func (s *scanner) str() []byte {
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
					s.fail(s.i, "the escape \\u%04X is half of a UTF-16 surrogate pair without its other half", r)
					return nil
				case r >= 0xDC00 && r < 0xE000:
					s.fail(s.i, "the escape \\u%04X is half of a UTF-16 surrogate pair without its other half", r)
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
				s.fail(s.i, "invalid UTF-8 (byte 0x%02X): send text as UTF-8", s.b[s.i])
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
