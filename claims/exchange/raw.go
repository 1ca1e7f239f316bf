package exchange

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// The fast path of the json and ndjson exports. A store that implements
// RawClaimStore hands Export each claim as it holds it: the value of each
// member of RawMembers, text as bytes and the lists and intervals as the
// JSON it stored. AppendClaimJSON writes the claim from those values,
// without building a claims.Claim or encoding one through reflection. The
// output is byte for byte what encoding/json (without HTML escaping)
// writes for the claims.Claim the values decode to: stored JSON is
// re-encoded string by string, and anything that is not in the shape
// claimdesk stores (a legacy row, a hand edit) is decoded with
// encoding/json and encoded from the typed value.
//
// Nothing here lists the fields of a claim. claimTemplate is built once,
// from claims.Claim's fields, json tags and types: one step per member,
// saying how its value is written (see rawOp).

// RawKind says how a store hands over the value of a member, by the Go
// type of its field in claims.Claim.
type RawKind uint8

// The kinds of raw values.
const (
	// RawText is a string type (a string, a claims.Date, an enum):
	// Bytes holds the text.
	RawText RawKind = iota
	// RawJSON is any other type but the four below (a list, an
	// interval, the relays): Bytes holds its JSON, empty or null for its
	// zero value.
	RawJSON
	RawTime  // time.Time: Time
	RawInt   // an integer: Int
	RawBool  // Bool
	RawFloat // a float: Float
)

// RawMember is a member of a claim's JSON that a store keeps: its path,
// such as "id" or "scope.places", the kind of value it is handed over as,
// and where: Index is its place in RawClaim.Bytes for RawText and
// RawJSON, in RawClaim.Values for the other kinds. Field is the index of
// the field of claims.Claim that holds it (for reflect's FieldByIndex),
// and Type that field's type.
type RawMember struct {
	Path  string
	Kind  RawKind
	Index int
	Field []int
	Type  reflect.Type
}

// byteKind reports whether a member of kind k is handed over in
// RawClaim.Bytes.
func byteKind(k RawKind) bool { return k == RawText || k == RawJSON }

// RawValue is the stored value of a member of kind RawTime, RawInt,
// RawBool or RawFloat; the field its kind names is set.
type RawValue struct {
	Time  time.Time
	Int   int64
	Float float64
	Bool  bool
}

// RawClaim is one claim as a store holds it: Bytes holds the text or JSON
// of the members of kind RawText or RawJSON, Values the values of the few
// others, each at its member's Index (see RawMembers). The two are dense,
// with no slot for a member of the other kind, so that a claim is read
// from as little memory as a struct of its fields would take. The byte
// slices are valid only during the callback that receives them.
type RawClaim struct {
	Bytes  [][]byte
	Values []RawValue
}

// NewRawClaim returns a RawClaim with room for every member.
func NewRawClaim() *RawClaim {
	return &RawClaim{Bytes: make([][]byte, claimTemplate.bytes), Values: make([]RawValue, claimTemplate.values)}
}

// RawMembers returns the members of a claim a store hands over, in the
// order of claims.Claim's JSON: every member but the derived one (the
// interval in force, a copy of the parsed or the analyst's). Nested
// objects (scope, provenance) are walked; every other value is one
// member.
func RawMembers() []RawMember { return slices.Clone(claimTemplate.members) }

// RawClaimStore is implemented by stores that stream claims as stored, for
// the fast path of the json and ndjson exports. EachRawClaim selects and
// orders claims as EachClaim does, and calls fn once per claim.
//
// A store that finds it cannot serve raw claims (a database without the
// functions it needs) returns ErrNoRawClaims before calling fn, and Export
// reads the claims with EachClaim instead.
type RawClaimStore interface {
	EachRawClaim(ctx context.Context, f Filter, fn func(*RawClaim) error) error
}

// ErrNoRawClaims is what EachRawClaim returns, before calling fn, when the
// store cannot serve raw claims.
var ErrNoRawClaims = errors.New("exchange: the store cannot read raw claims")

// rawOp says how a step writes its member's value.
type rawOp uint8

const (
	opText    rawOp = iota // a JSON string
	opTime                 // time.Time's MarshalJSON, in UTC
	opInt                  // a JSON integer
	opBool                 // true or false
	opFloat                // encoding/json's float
	opStrings              // stored JSON of a list of strings, transcoded
	opObject               // stored JSON of a pointer to a struct, transcoded by obj
	opObjects              // stored JSON of a list of structs, transcoded by obj
	opJSON                 // stored JSON of any other type: decoded into typ and encoded
	opInForce              // the interval in force: a copy of the parsed or the analyst's
)

// rawStep writes one member: key (the member's name, with the commas and
// braces before it), then its value from RawClaim.Values[value]. It is
// kept small, as AppendClaimJSON runs every step of every claim.
type rawStep struct {
	key   string
	op    rawOp
	keep  int8  // where AppendClaimJSON keeps the span of the value, or -1
	value int32 // its Index in RawClaim.Bytes or Values; -1 for the interval in force
	*stepInfo
}

// stepInfo is what a step needs beyond writing text and numbers.
type stepInfo struct {
	path string
	typ  reflect.Type // for opJSON and the fallback of opObject(s)
	obj  *objectCodec // for opObject and opObjects; nil to always fall back
}

// rawTemplate writes a claim: its steps, then tail (the closing braces).
type rawTemplate struct {
	steps   []rawStep
	tail    string
	members []RawMember
	// bytes and values are the lengths of RawClaim.Bytes and Values.
	bytes, values int
	id            int // the index in Bytes of the claim's id, for errors
	// The interval in force copies the span kept in slot keep by the step
	// of the interval whose source is the value source (interval_source).
	inForce []struct {
		source string
		keep   int
	}
	source int
}

// The members of claims.Claim that no store keeps, because Normalize
// derives them from the others on every write: the interval in force is
// the parsed or the analyst's interval, as interval_source says.
const (
	inForceMember = "interval"
	sourceMember  = "interval_source"
)

var inForceFrom = map[claims.IntervalSource]string{
	claims.FromParser:  "parsed_interval",
	claims.FromAnalyst: "analyst_interval",
}

// maxKept bounds the intervals the interval in force may copy.
const maxKept = 2

var claimTemplate = buildTemplate(reflect.TypeFor[claims.Claim]())

// buildTemplate walks the members of t, a struct, in encoding/json's
// order. It panics on a member it cannot write as encoding/json does: a
// programming error that any test finds.
func buildTemplate(t reflect.Type) *rawTemplate {
	tp := &rawTemplate{id: -1, source: -1}
	pending := "{"
	var walk func(t reflect.Type, prefix string, at []int)
	walk = func(t reflect.Type, prefix string, at []int) {
		first := true
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
				if !first {
					panic("exchange: claims.Claim embeds " + f.Name + " after other fields; the template expects it first")
				}
				walk(f.Type, prefix, append(slices.Clone(at), i))
				first = false
				continue
			}
			if opts != "" || name == "" {
				panic(fmt.Sprintf("exchange: claims.Claim's %s: the raw export writes members with a plain json name, not %q", f.Name, f.Tag.Get("json")))
			}
			if !first {
				pending += ","
			}
			first = false
			pending += strconv.Quote(name) + ":"
			path := prefix + name
			ft := f.Type
			if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]() {
				pending += "{"
				walk(ft, path+".", append(slices.Clone(at), i))
				pending += "}"
				continue
			}
			st := rawStep{key: pending, value: -1, keep: -1, stepInfo: &stepInfo{path: path}}
			pending = ""
			if path == inForceMember {
				st.op = opInForce
				tp.steps = append(tp.steps, st)
				continue
			}
			var kind RawKind
			st.op, kind, st.typ, st.obj = opFor(ft)
			slot := &tp.values
			if byteKind(kind) {
				slot = &tp.bytes
			}
			st.value = int32(*slot)
			*slot++
			tp.members = append(tp.members, RawMember{Path: path, Kind: kind, Index: int(st.value), Field: append(slices.Clone(at), i), Type: ft})
			switch path {
			case "id":
				tp.id = int(st.value)
			case sourceMember:
				tp.source = int(st.value)
			}
			if (path == "id" || path == sourceMember) && kind != RawText {
				panic("exchange: claims.Claim's " + path + " is not text")
			}
			for src, m := range inForceFrom {
				if path == m {
					st.keep = int8(len(tp.inForce))
					tp.inForce = append(tp.inForce, struct {
						source string
						keep   int
					}{string(src), int(st.keep)})
				}
			}
			tp.steps = append(tp.steps, st)
		}
	}
	walk(t, "", nil)
	tp.tail = pending + "}"
	// The interval in force copies what the steps before it wrote.
	kept := 0
	for _, st := range tp.steps {
		switch {
		case st.keep >= 0:
			kept++
		case st.op == opInForce && (tp.source < 0 || kept != len(inForceFrom) || kept > maxKept):
			panic("exchange: claims.Claim's interval in force needs interval_source and the intervals it copies before it")
		}
	}
	if tp.id < 0 {
		panic("exchange: claims.Claim has no id")
	}
	return tp
}

// opFor returns how a member of type t is written and handed over.
func opFor(t reflect.Type) (rawOp, RawKind, reflect.Type, *objectCodec) {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return opTime, RawTime, nil, nil
	case t.Kind() == reflect.String:
		return opText, RawText, nil, nil
	case t.Kind() == reflect.Bool:
		return opBool, RawBool, nil, nil
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return opInt, RawInt, nil, nil
	case t.Kind() == reflect.Float64:
		return opFloat, RawFloat, nil, nil
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return opStrings, RawJSON, t, nil
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		return opObject, RawJSON, t, newObjectCodec(t.Elem())
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		return opObjects, RawJSON, t, newObjectCodec(t.Elem())
	}
	return opJSON, RawJSON, t, nil
}

// AppendClaimJSON appends the claim r holds to dst as the json and ndjson
// formats write it: exactly what encoding/json, without HTML escaping,
// writes for the claims.Claim r decodes to.
func AppendClaimJSON(dst []byte, r *RawClaim) ([]byte, error) {
	tp := claimTemplate
	if len(r.Bytes) != tp.bytes || len(r.Values) != tp.values {
		return nil, fmt.Errorf("exchange: a raw claim has %d texts and %d values, not %d and %d", len(r.Bytes), len(r.Values), tp.bytes, tp.values)
	}
	// Where the intervals the interval in force copies start and end in
	// dst.
	var kept [maxKept][2]int
	var err error
	for i := range tp.steps {
		st := &tp.steps[i]
		dst = append(dst, st.key...)
		start := len(dst)
		switch st.op {
		case opText:
			dst = appendString(dst, r.Bytes[st.value])
		case opTime:
			dst, err = appendTime(dst, r.Values[st.value].Time)
		case opInt:
			dst = strconv.AppendInt(dst, r.Values[st.value].Int, 10)
		case opBool:
			dst = strconv.AppendBool(dst, r.Values[st.value].Bool)
		case opFloat:
			dst, err = appendFloat(dst, r.Values[st.value].Float)
		case opStrings:
			dst, err = appendRawStrings(dst, r.Bytes[st.value], st.typ)
		case opObject:
			dst, err = appendRawObject(dst, r.Bytes[st.value], st.obj, st.typ)
		case opObjects:
			dst, err = appendRawObjects(dst, r.Bytes[st.value], st.obj, st.typ)
		case opJSON:
			dst, err = appendTyped(dst, r.Bytes[st.value], st.typ)
		case opInForce:
			copied := false
			for _, f := range tp.inForce {
				if string(r.Bytes[tp.source]) == f.source {
					dst = append(dst, dst[kept[f.keep][0]:kept[f.keep][1]]...)
					copied = true
				}
			}
			if !copied {
				dst = append(dst, "null"...)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("exchange: claim %q: decode %s: %w", r.Bytes[tp.id], st.path, err)
		}
		if st.keep >= 0 {
			kept[st.keep] = [2]int{start, len(dst)}
		}
	}
	return append(dst, tp.tail...), nil
}

// appendTime appends t in UTC as time.Time's MarshalJSON does.
func appendTime(dst []byte, t time.Time) ([]byte, error) {
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		return nil, errors.New("exchange: encode: Time.MarshalJSON: year outside of range [0,9999]")
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"'), nil
}

// appendFloat appends f as encoding/json does, refusing what JSON cannot
// hold as encoding/json does.
func appendFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, fmt.Errorf("json: unsupported value: %s", strconv.FormatFloat(f, 'g', -1, 64))
	}
	return quantity.AppendJSONFloat(dst, f), nil
}

const hexDigits = "0123456789abcdef"

// safe marks the ASCII bytes encoding/json writes as they are when it does
// not escape HTML: everything printable but the quote and the backslash.
var safe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// appendString appends s as encoding/json writes a string without HTML
// escaping: invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendString[Bytes []byte | string](dst []byte, s Bytes) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscapedASCII(dst, b)
			i++
			start = i
			continue
		}
		c, size := decodeRune(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func decodeRune[Bytes []byte | string](s Bytes) (rune, int) {
	n := min(len(s), utf8.UTFMax)
	return utf8.DecodeRuneInString(string(s[:n]))
}

// appendEscapedASCII appends an ASCII byte that is not safe, escaped.
func appendEscapedASCII(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
}

// The transcoders below read stored JSON in exactly the shape encoding/json
// writes it (keys in field order, no spaces) and append the value it
// decodes to, encoded again. They return ok false at anything else,
// leaving it to the typed fallback.

// transString reads the JSON string at the start of src and appends it
// re-encoded, returning the rest of src.
func transString(dst, src []byte) (out, rest []byte, ok bool) {
	if len(src) == 0 || src[0] != '"' {
		return dst, src, false
	}
	dst = append(dst, '"')
	start := 1
	for i := 1; i < len(src); {
		b := src[i]
		if b < utf8.RuneSelf {
			if safe[b] {
				i++
				continue
			}
			dst = append(dst, src[start:i]...)
			switch b {
			case '"':
				return append(dst, '"'), src[i+1:], true
			case '\\':
			default: // a control byte: not JSON
				return dst, src, false
			}
			if i+1 >= len(src) {
				return dst, src, false
			}
			var c rune
			size := 2
			switch e := src[i+1]; e {
			case '"', '\\', '/':
				c = rune(e)
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'u':
				if i+6 > len(src) {
					return dst, src, false
				}
				v, err := strconv.ParseUint(string(src[i+2:i+6]), 16, 16)
				if err != nil || src[i+2] == '+' {
					return dst, src, false
				}
				c, size = rune(v), 6
				if 0xD800 <= c && c < 0xE000 { // surrogates: leave them to encoding/json
					return dst, src, false
				}
			default:
				return dst, src, false
			}
			if c < utf8.RuneSelf {
				if safe[c] {
					dst = append(dst, byte(c))
				} else {
					dst = appendEscapedASCII(dst, byte(c))
				}
			} else if c == '\u2028' || c == '\u2029' {
				dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			} else {
				dst = utf8.AppendRune(dst, c)
			}
			i += size
			start = i
			continue
		}
		c, size := decodeRune(src[i:])
		switch {
		case c == utf8.RuneError && size == 1: // invalid UTF-8
			return dst, src, false
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, src[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
		default:
			i += size
		}
	}
	return dst, src, false // unterminated
}

// transStrings transcodes a JSON array of strings.
func transStrings(dst, src []byte) ([]byte, bool) {
	if len(src) < 2 || src[0] != '[' {
		return dst, false
	}
	dst = append(dst, '[')
	src = src[1:]
	if len(src) == 1 && src[0] == ']' {
		return append(dst, ']'), true
	}
	for {
		var ok bool
		if dst, src, ok = transString(dst, src); !ok || len(src) == 0 {
			return dst, false
		}
		switch {
		case src[0] == ',':
			dst = append(dst, ',')
			src = src[1:]
		case src[0] == ']' && len(src) == 1:
			return append(dst, ']'), true
		default:
			return dst, false
		}
	}
}

// appendRawStrings appends a stored JSON array of strings as typ, a slice
// of strings.
func appendRawStrings(dst, src []byte, typ reflect.Type) ([]byte, error) {
	if isNull(src) {
		return append(dst, "null"...), nil
	}
	n := len(dst)
	if out, ok := transStrings(dst, src); ok {
		return out, nil
	}
	return appendTyped(dst[:n], src, typ)
}

func isNull(src []byte) bool { return len(src) == 0 || string(src) == "null" }

// appendTyped appends stored JSON as encoding/json writes the value of
// type typ it decodes to: the reference every transcoder falls back to.
// Empty stored JSON is the zero value.
func appendTyped(dst, src []byte, typ reflect.Type) ([]byte, error) {
	v := reflect.New(typ)
	if len(src) > 0 {
		if err := json.Unmarshal(src, v.Interface()); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v.Elem().Interface()); err != nil {
		return nil, err
	}
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}

// cut removes prefix from src, reporting whether it was there.
func cut(src []byte, prefix string) ([]byte, bool) {
	if len(src) < len(prefix) || string(src[:len(prefix)]) != prefix {
		return src, false
	}
	return src[len(prefix):], true
}

// objectCodec transcodes the stored JSON of a struct (an interval, a
// relay) whose members are strings, pointers to float64 and booleans,
// read from the struct's json tags. It reads the object in exactly the
// shape encoding/json writes it: members in field order, no spaces, an
// omitempty member absent or empty.
type objectCodec struct {
	fields []objectField
}

type objectField struct {
	key       string // with the '{' or ',' before it
	kind      reflect.Kind
	omitEmpty bool
}

// newObjectCodec returns the codec of struct t, or nil when t has a
// member of another type or option: such values always take the typed
// fallback.
func newObjectCodec(t reflect.Type) *objectCodec {
	c := &objectCodec{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || f.Anonymous || name == "" || name == "-" || (opts != "" && opts != "omitempty") {
			return nil
		}
		of := objectField{key: "," + strconv.Quote(name) + ":", omitEmpty: opts == "omitempty"}
		if len(c.fields) == 0 {
			if of.omitEmpty {
				return nil
			}
			of.key = "{" + of.key[1:]
		}
		switch {
		case f.Type.Kind() == reflect.String:
			of.kind = reflect.String
		case f.Type.Kind() == reflect.Bool && !of.omitEmpty:
			of.kind = reflect.Bool
		case f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Float64 && !of.omitEmpty:
			of.kind = reflect.Float64
		default:
			return nil
		}
		c.fields = append(c.fields, of)
	}
	if len(c.fields) == 0 {
		return nil
	}
	return c
}

// trans transcodes the object at the start of src, returning the rest.
func (c *objectCodec) trans(dst, src []byte) (out, rest []byte, ok bool) {
	for _, f := range c.fields {
		r, found := cut(src, f.key)
		if !found {
			if f.omitEmpty {
				continue
			}
			return dst, src, false
		}
		switch f.kind {
		case reflect.String:
			if rest, empty := cut(r, `""`); empty && f.omitEmpty {
				src = rest
				continue
			}
			dst = append(dst, f.key...)
			if dst, src, ok = transString(dst, r); !ok {
				return dst, src, false
			}
		case reflect.Bool:
			dst = append(dst, f.key...)
			if rest, ok := cut(r, "true"); ok {
				dst, src = append(dst, "true"...), rest
			} else if rest, ok := cut(r, "false"); ok {
				dst, src = append(dst, "false"...), rest
			} else {
				return dst, src, false
			}
		case reflect.Float64:
			dst = append(dst, f.key...)
			if dst, src, ok = transNumber(dst, r); !ok {
				return dst, src, false
			}
		}
	}
	if src, ok = cut(src, "}"); !ok {
		return dst, src, false
	}
	return append(dst, '}'), src, true
}

// appendRawObject appends the stored JSON of a pointer to a struct as typ.
func appendRawObject(dst, src []byte, c *objectCodec, typ reflect.Type) ([]byte, error) {
	if isNull(src) {
		return append(dst, "null"...), nil
	}
	n := len(dst)
	if c != nil {
		if out, rest, ok := c.trans(dst, src); ok && len(rest) == 0 {
			return out, nil
		}
	}
	return appendTyped(dst[:n], src, typ)
}

// appendRawObjects appends the stored JSON array of structs as typ.
func appendRawObjects(dst, src []byte, c *objectCodec, typ reflect.Type) ([]byte, error) {
	if isNull(src) {
		return append(dst, "null"...), nil
	}
	n := len(dst)
	if c != nil {
		if out, ok := transObjects(dst, src, c); ok {
			return out, nil
		}
	}
	return appendTyped(dst[:n], src, typ)
}

// transObjects transcodes a JSON array of the objects of c.
func transObjects(dst, src []byte, c *objectCodec) ([]byte, bool) {
	if len(src) < 2 || src[0] != '[' {
		return dst, false
	}
	dst = append(dst, '[')
	src = src[1:]
	if len(src) == 1 && src[0] == ']' {
		return append(dst, ']'), true
	}
	for {
		var ok bool
		if dst, src, ok = c.trans(dst, src); !ok || len(src) == 0 {
			return dst, false
		}
		switch {
		case src[0] == ',':
			dst = append(dst, ',')
			src = src[1:]
		case src[0] == ']' && len(src) == 1:
			return append(dst, ']'), true
		default:
			return dst, false
		}
	}
}

// transNumber transcodes a JSON number or null.
func transNumber(dst, src []byte) (out, rest []byte, ok bool) {
	if rest, ok := cut(src, "null"); ok {
		return append(dst, "null"...), rest, true
	}
	// A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
	i := 0
	if i < len(src) && src[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(src) && '0' <= src[i] && src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	d0 := i
	n := digits()
	if n == 0 || (n > 1 && src[d0] == '0') {
		return dst, src, false
	}
	integer := src[0] != '-' && n <= 15 && (i == len(src) || (src[i] != '.' && src[i] != 'e' && src[i] != 'E'))
	if integer {
		// A small non-negative integer is written as it is stored.
		return append(dst, src[:i]...), src[i:], true
	}
	if i < len(src) && src[i] == '.' {
		i++
		if digits() == 0 {
			return dst, src, false
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return dst, src, false
		}
	}
	f, err := strconv.ParseFloat(string(src[:i]), 64)
	if err != nil {
		return dst, src, false
	}
	if dst, err = appendFloat(dst, f); err != nil {
		return dst, src, false
	}
	return dst, src[i:], true
}
