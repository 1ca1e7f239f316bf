package exchange

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/quantity"
)

// The fast path of the json and ndjson exports. A store that implements
// RawClaimStore hands Export each claim as it holds it, text columns as
// bytes and the lists and intervals as the JSON it stored; AppendClaimJSON
// writes the claim from those bytes, without building a claims.Claim or
// encoding one through reflection. The output is byte for byte what
// encoding/json (without HTML escaping) writes for the claims.Claim the
// row decodes to: stored JSON is re-encoded string by string, and anything
// that is not in the shape claimdesk stores (a legacy row, a hand edit)
// is decoded with encoding/json and encoded from the typed value.

// RawClaim is one claim as a store holds it. The byte slices are valid only
// during the callback that receives them.
type RawClaim struct {
	ID                   []byte
	CreatedAt, UpdatedAt time.Time
	Version              int

	TopicID, ClaimantID, Quote, QuantityText, Language []byte
	OriginalText, OriginalLanguage                     []byte
	NoNumber                                           bool

	// Parsed and AnalystInterval are a claims.Interval as JSON; empty or
	// null for none. IntervalSource says which is in force.
	Parsed, AnalystInterval             []byte
	IntervalSource, ParserVersion, Unit []byte

	// Places is a JSON array of strings; empty or null for none.
	Places, Population, GroupName, Measure []byte

	// Relays is a JSON array of claims.Relay; empty or null for none.
	SourceID, URL, ArchiveURL, Relays []byte

	Occasion, SaidOn, PublishedOn, AsOf, Since          []byte
	EvidenceType, Grade, Rank, DeprecationReason, Notes []byte
	// Tags is a JSON array of strings; empty or null for none.
	Tags  []byte
	Basis []byte
}

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

// AppendClaimJSON appends the claim r holds to dst as the json and ndjson
// formats write it: exactly what encoding/json, without HTML escaping,
// writes for the claims.Claim r decodes to.
func AppendClaimJSON(dst []byte, r *RawClaim) ([]byte, error) {
	var err error
	dst = append(dst, `{"id":`...)
	dst = appendString(dst, r.ID)
	dst = append(dst, `,"created_at":`...)
	if dst, err = appendTime(dst, r.CreatedAt); err != nil {
		return nil, err
	}
	dst = append(dst, `,"updated_at":`...)
	if dst, err = appendTime(dst, r.UpdatedAt); err != nil {
		return nil, err
	}
	dst = append(dst, `,"version":`...)
	dst = strconv.AppendInt(dst, int64(r.Version), 10)
	dst = appendField(dst, `,"topic_id":`, r.TopicID)
	dst = appendField(dst, `,"claimant_id":`, r.ClaimantID)
	dst = appendField(dst, `,"quote":`, r.Quote)
	dst = appendField(dst, `,"quantity_text":`, r.QuantityText)
	dst = appendField(dst, `,"language":`, r.Language)
	dst = appendField(dst, `,"original_text":`, r.OriginalText)
	dst = appendField(dst, `,"original_language":`, r.OriginalLanguage)
	dst = append(dst, `,"no_number":`...)
	dst = strconv.AppendBool(dst, r.NoNumber)

	// The interval in force is a copy of the parsed or the analyst's.
	dst = append(dst, `,"parsed_interval":`...)
	p0 := len(dst)
	if dst, err = appendRawInterval(dst, r.Parsed); err != nil {
		return nil, rawErr(r, "parsed interval", err)
	}
	p1 := len(dst)
	dst = append(dst, `,"analyst_interval":`...)
	a0 := len(dst)
	if dst, err = appendRawInterval(dst, r.AnalystInterval); err != nil {
		return nil, rawErr(r, "analyst interval", err)
	}
	a1 := len(dst)
	dst = append(dst, `,"interval":`...)
	switch claims.IntervalSource(r.IntervalSource) {
	case claims.FromAnalyst:
		dst = append(dst, dst[a0:a1]...)
	case claims.FromParser:
		dst = append(dst, dst[p0:p1]...)
	default:
		dst = append(dst, "null"...)
	}
	dst = appendField(dst, `,"interval_source":`, r.IntervalSource)
	dst = appendField(dst, `,"parser_version":`, r.ParserVersion)
	dst = appendField(dst, `,"unit":`, r.Unit)

	dst = append(dst, `,"scope":{"places":`...)
	if dst, err = appendRawStrings(dst, r.Places); err != nil {
		return nil, rawErr(r, "places", err)
	}
	dst = appendField(dst, `,"population":`, r.Population)
	dst = appendField(dst, `,"group":`, r.GroupName)
	dst = appendField(dst, `,"measure":`, r.Measure)
	dst = appendField(dst, `},"provenance":{"source_id":`, r.SourceID)
	dst = appendField(dst, `,"url":`, r.URL)
	dst = appendField(dst, `,"archive_url":`, r.ArchiveURL)
	dst = append(dst, `,"relays":`...)
	if dst, err = appendRawRelays(dst, r.Relays); err != nil {
		return nil, rawErr(r, "relays", err)
	}
	dst = appendField(dst, `},"occasion":`, r.Occasion)
	dst = appendField(dst, `,"said_on":`, r.SaidOn)
	dst = appendField(dst, `,"published_on":`, r.PublishedOn)
	dst = appendField(dst, `,"as_of":`, r.AsOf)
	dst = appendField(dst, `,"since":`, r.Since)
	dst = appendField(dst, `,"basis":`, r.Basis)
	dst = appendField(dst, `,"evidence_type":`, r.EvidenceType)
	dst = appendField(dst, `,"grade":`, r.Grade)
	dst = appendField(dst, `,"rank":`, r.Rank)
	dst = appendField(dst, `,"deprecation_reason":`, r.DeprecationReason)
	dst = appendField(dst, `,"notes":`, r.Notes)
	dst = append(dst, `,"tags":`...)
	if dst, err = appendRawStrings(dst, r.Tags); err != nil {
		return nil, rawErr(r, "tags", err)
	}
	return append(dst, '}'), nil
}

func rawErr(r *RawClaim, what string, err error) error {
	return fmt.Errorf("exchange: claim %q: decode %s: %w", r.ID, what, err)
}

func appendField(dst []byte, key string, s []byte) []byte {
	return appendString(append(dst, key...), s)
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

// appendRawStrings appends a stored JSON array of strings as a []string.
func appendRawStrings(dst, src []byte) ([]byte, error) {
	if isNull(src) {
		return append(dst, "null"...), nil
	}
	if out, ok := transStrings(dst, src); ok {
		return out, nil
	}
	var v []string
	if err := json.Unmarshal(src, &v); err != nil {
		return nil, err
	}
	return appendStrings(dst, v), nil
}

func isNull(src []byte) bool { return len(src) == 0 || string(src) == "null" }

func appendStrings(dst []byte, v []string) []byte {
	if v == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range v {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}

// cut removes prefix from src, reporting whether it was there.
func cut(src []byte, prefix string) ([]byte, bool) {
	if len(src) < len(prefix) || string(src[:len(prefix)]) != prefix {
		return src, false
	}
	return src[len(prefix):], true
}

// relayKeys are the keys of a stored relay, in field order.
var relayKeys = [...]string{`{"source_id":`, `,"url":`, `,"archive_url":`, `,"published_on":`, `,"note":`}

// transRelays transcodes a JSON array of relays.
func transRelays(dst, src []byte) ([]byte, bool) {
	if len(src) < 2 || src[0] != '[' {
		return dst, false
	}
	dst = append(dst, '[')
	src = src[1:]
	if len(src) == 1 && src[0] == ']' {
		return append(dst, ']'), true
	}
	for {
		for _, k := range relayKeys {
			var ok bool
			if src, ok = cut(src, k); !ok {
				return dst, false
			}
			dst = append(dst, k...)
			if dst, src, ok = transString(dst, src); !ok {
				return dst, false
			}
		}
		var ok bool
		if src, ok = cut(src, "}"); !ok || len(src) == 0 {
			return dst, false
		}
		dst = append(dst, '}')
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

// appendRawRelays appends a stored JSON array of relays as a []claims.Relay.
func appendRawRelays(dst, src []byte) ([]byte, error) {
	if isNull(src) {
		return append(dst, "null"...), nil
	}
	if out, ok := transRelays(dst, src); ok {
		return out, nil
	}
	var v []claims.Relay
	if err := json.Unmarshal(src, &v); err != nil {
		return nil, err
	}
	if v == nil {
		return append(dst, "null"...), nil
	}
	dst = append(dst, '[')
	for i, r := range v {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendField(dst, relayKeys[0], []byte(r.SourceID))
		dst = appendField(dst, relayKeys[1], []byte(r.URL))
		dst = appendField(dst, relayKeys[2], []byte(r.ArchiveURL))
		dst = appendField(dst, relayKeys[3], []byte(r.PublishedOn))
		dst = appendField(dst, relayKeys[4], []byte(r.Note))
		dst = append(dst, '}')
	}
	return append(dst, ']'), nil
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

// transInterval transcodes a JSON interval.
func transInterval(dst, src []byte) ([]byte, bool) {
	var ok bool
	for _, k := range [...]string{`{"low":`, `,"high":`, `,"best":`} {
		if src, ok = cut(src, k); !ok {
			return dst, false
		}
		dst = append(dst, k...)
		if dst, src, ok = transNumber(dst, src); !ok {
			return dst, false
		}
	}
	if src, ok = cut(src, `,"approx":`); !ok {
		return dst, false
	}
	dst = append(dst, `,"approx":`...)
	if rest, ok := cut(src, "true"); ok {
		dst, src = append(dst, "true"...), rest
	} else if rest, ok := cut(src, "false"); ok {
		dst, src = append(dst, "false"...), rest
	} else {
		return dst, false
	}
	// kind, rule and explanation are omitted when empty.
	for _, k := range [...]string{`,"kind":`, `,"rule":`, `,"explanation":`} {
		rest, ok := cut(src, k)
		if !ok {
			continue
		}
		if rest, ok := cut(rest, `""`); ok {
			src = rest
			continue
		}
		dst = append(dst, k...)
		if dst, src, ok = transString(dst, rest); !ok {
			return dst, false
		}
	}
	if string(src) != "}" {
		return dst, false
	}
	return append(dst, '}'), true
}

// appendRawInterval appends a stored JSON interval as a *claims.Interval.
func appendRawInterval(dst, src []byte) ([]byte, error) {
	if isNull(src) {
		return append(dst, "null"...), nil
	}
	n := len(dst)
	if out, ok := transInterval(dst, src); ok {
		return out, nil
	}
	dst = dst[:n]
	var iv *claims.Interval
	if err := json.Unmarshal(src, &iv); err != nil {
		return nil, err
	}
	if iv == nil {
		return append(dst, "null"...), nil
	}
	var err error
	for _, f := range [...]struct {
		key string
		v   *float64
	}{{`{"low":`, iv.Low}, {`,"high":`, iv.High}, {`,"best":`, iv.Best}} {
		dst = append(dst, f.key...)
		if f.v == nil {
			dst = append(dst, "null"...)
		} else if dst, err = appendFloat(dst, *f.v); err != nil {
			return nil, err
		}
	}
	dst = append(dst, `,"approx":`...)
	dst = strconv.AppendBool(dst, iv.Approx)
	for _, f := range [...]struct{ key, v string }{{`,"kind":`, string(iv.Kind)}, {`,"rule":`, iv.Rule}, {`,"explanation":`, iv.Explanation}} {
		if f.v != "" {
			dst = appendField(dst, f.key, []byte(f.v))
		}
	}
	return append(dst, '}'), nil
}
