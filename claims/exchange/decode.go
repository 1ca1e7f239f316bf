package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/strictjson"
)

// Limits bound what Import accepts, so that hostile input fails with a
// clear error instead of exhausting memory. Zero fields take the defaults
// of DefaultLimits.
type Limits struct {
	// MaxBytes is the largest file.
	MaxBytes int64
	// MaxRecords is the most records a file may hold.
	MaxRecords int
	// MaxRecordBytes is the largest record (or NDJSON line).
	MaxRecordBytes int
	// MaxDepth is the deepest nesting of arrays and objects in a record.
	MaxDepth int
	// MaxStringBytes is the longest string value.
	MaxStringBytes int
	// MaxErrors is how many bad records a report lists; it counts them all.
	MaxErrors int
}

// DefaultLimits are the limits of a zero Limits.
var DefaultLimits = Limits{
	MaxBytes:       4 << 30,
	MaxRecords:     20_000_000,
	MaxRecordBytes: 4 << 20,
	MaxDepth:       16,
	MaxStringBytes: 1 << 20,
	MaxErrors:      1000,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxBytes > 0 {
		d.MaxBytes = l.MaxBytes
	}
	if l.MaxRecords > 0 {
		d.MaxRecords = l.MaxRecords
	}
	if l.MaxRecordBytes > 0 {
		d.MaxRecordBytes = l.MaxRecordBytes
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxStringBytes > 0 {
		d.MaxStringBytes = l.MaxStringBytes
	}
	if l.MaxErrors > 0 {
		d.MaxErrors = l.MaxErrors
	}
	return d
}

// RecordError says what is wrong with one record, and where it is.
// Location is a JSON path into a JSON document, field included
// ($.claims[12].analyst_interval.low), or the line of an NDJSON or CSV
// document (line 57). Field is the path within the record, if known.
type RecordError struct {
	Location string `json:"location"`
	Kind     Kind   `json:"kind,omitempty"`
	ID       string `json:"id,omitempty"`
	Field    string `json:"field,omitempty"`
	Reason   string `json:"reason"`
}

func (e RecordError) String() string {
	s := e.Location
	if e.Field != "" && !strings.HasPrefix(e.Location, "$") {
		s += ": " + e.Field
	}
	if e.ID != "" {
		s += fmt.Sprintf(" (%s %q)", e.Kind, e.ID)
	}
	return s + ": " + e.Reason
}

// DecodeError is a failure that stops decoding: the document is not
// well-formed, or is over a limit. Code is CodeMalformed or CodeTooLarge.
type DecodeError struct {
	Location string
	Reason   string
	Code     claims.Code
}

func (e *DecodeError) Error() string { return e.Location + ": " + e.Reason }

// ClaimsError converts e into a claims error of its code.
func (e *DecodeError) claimsError() error {
	code := e.Code
	if code == "" {
		code = claims.CodeMalformed
	}
	return &claims.Error{Code: code, Message: e.Error()}
}

func tooMany(n int) error {
	return &DecodeError{Location: "$", Reason: fmt.Sprintf("the file holds more than %d records", n), Code: claims.CodeTooLarge}
}

// location is where a record is: a JSON path or a line.
type location struct {
	path string
	line int
}

func (l location) String() string {
	if l.path != "" {
		return l.path
	}
	return "line " + strconv.Itoa(l.line)
}

// at returns the location of a field within the record.
func (l location) at(field string) string {
	if l.path != "" && field != "" {
		if strings.HasPrefix(field, "[") {
			return l.path + field
		}
		return l.path + "." + field
	}
	return l.String()
}

// item is one decoded record, or the errors that kept it from decoding.
type item struct {
	kind Kind
	loc  location
	rec  any // nil when errs stops the record from decoding
	errs []RecordError
}

// decoder yields the records of a document; io.EOF ends it and a
// *DecodeError or a read error aborts it.
type decoder interface {
	next() (item, error)
}

func newDecoder(f Format, r io.Reader, lim Limits) (decoder, error) {
	r = &limitedReader{r: r, left: lim.MaxBytes}
	switch f {
	case JSON, "":
		return newJSONDecoder(r, lim), nil
	case NDJSON:
		return newNDJSONDecoder(r, lim), nil
	case CSV:
		return newCSVDecoder(r, lim)
	}
	return nil, claims.Errorf(claims.CodeInvalid, "cannot import format %q: use json, ndjson or csv", f)
}

// limitedReader fails with CodeTooLarge once more than left bytes are read.
type limitedReader struct {
	r    io.Reader
	left int64
	max  int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.max == 0 {
		l.max = l.left
	}
	if l.left < 0 {
		return 0, &DecodeError{Location: "$", Reason: fmt.Sprintf("the file is larger than the limit of %d bytes", l.max), Code: claims.CodeTooLarge}
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, &DecodeError{Location: "$", Reason: fmt.Sprintf("the file is larger than the limit of %d bytes", l.max), Code: claims.CodeTooLarge}
	}
	return n, err
}

// checkShape scans a JSON value for nesting deeper than maxDepth and
// strings longer than maxString bytes, before anything is decoded.
func checkShape(b []byte, maxDepth, maxString int) string {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			depth++
			if depth > maxDepth {
				return fmt.Sprintf("is nested deeper than the limit of %d levels", maxDepth)
			}
		case '}', ']':
			depth--
		case '"':
			start := i
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i-start-1 > maxString {
				return fmt.Sprintf("holds a string longer than the limit of %d bytes", maxString)
			}
		}
	}
	return ""
}

// decodeRecord decodes raw strictly into a record of kind k.
func decodeRecord(k Kind, raw []byte, loc location, lim Limits) item {
	it := item{kind: k, loc: loc}
	if len(raw) > lim.MaxRecordBytes {
		it.errs = []RecordError{{Reason: fmt.Sprintf("the record is larger than the limit of %d bytes", lim.MaxRecordBytes)}}
		return it
	}
	if why := checkShape(raw, lim.MaxDepth, lim.MaxStringBytes); why != "" {
		it.errs = []RecordError{{Reason: "the record " + why}}
		return it
	}
	if len(raw) == 0 || raw[0] != '{' {
		it.errs = []RecordError{{Reason: fmt.Sprintf("a %s must be a JSON object", k)}}
		return it
	}
	if rec, ok := decodeFast(k, raw); ok {
		it.rec = rec
		return it
	}
	// The fast decoder refused the record: the strict path decides, and
	// words the error. (It refuses more than that path does, such as two
	// names of one field in different cases, which encoding/json takes;
	// never less, which TestDecodeRecordAgreesWithStrictDecoding checks.)
	it.rec, it.errs = decodeStrict(k, raw)
	return it
}

// recordOptions make go-json-experiment decode a record as encoding/json
// does (its v1 options: case-insensitive names, null, time, numbers),
// and refuse in the same pass what decodeStrict refuses after
// encoding/json: unknown members, invalid UTF-8 and unpaired surrogates,
// duplicate names. Its errors are not encoding/json's, so a record it
// refuses goes through decodeStrict, which says why; and it reports them
// as v2 does, which spares v1's check of the whole value's syntax before
// decoding it (about a fifth of its time on a claim).
var recordOptions = jsonv2.JoinOptions(
	jsonv1.DefaultOptionsV1(),
	jsonv2.RejectUnknownMembers(true),
	jsontext.AllowDuplicateNames(false),
	jsontext.AllowInvalidUTF8(false),
	jsonv1.ReportErrorsWithLegacySemantics(false),
)

// decodeFast decodes raw into a new record of kind k in one pass, or
// reports that it cannot.
func decodeFast(k Kind, raw []byte) (any, bool) {
	rec := newRecord(k)
	if jsonv2.Unmarshal(raw, rec, recordOptions) != nil {
		return nil, false
	}
	return rec, true
}

// decodeStrict decodes raw, a JSON object, into a new record of kind k
// with encoding/json, refusing unknown members, then refuses with
// strictjson what encoding/json accepts silently. It returns the record
// or the error that stops it. It is the reference of decodeRecord's
// result, and words every error it reports.
func decodeStrict(k Kind, raw []byte) (any, []RecordError) {
	rec := newRecord(k)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(rec); err != nil {
		return nil, []RecordError{jsonRecordError(k, raw, rec, err)}
	}
	if len(bytes.TrimSpace(raw[dec.InputOffset():])) != 0 {
		return nil, []RecordError{{Reason: "trailing data after the record"}}
	}
	// encoding/json stored U+FFFD for invalid UTF-8 and kept the last of
	// two members of the same name: refuse both instead.
	if p := strictjson.Check(raw); p != nil {
		return nil, []RecordError{{Field: p.Path, Reason: p.Reason}}
	}
	return rec, nil
}

// jsonRecordError describes err, the error of decoding raw into rec. An
// unknown member, which encoding/json reports by message only, is found
// by unknownField.
func jsonRecordError(k Kind, raw []byte, rec any, err error) RecordError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return RecordError{Field: te.Field, Reason: fmt.Sprintf("must be %s, not %s", jsonType(te.Type), te.Value)}
	}
	var pe *time.ParseError
	if errors.As(err, &pe) {
		return RecordError{Reason: fmt.Sprintf("holds %q where an RFC 3339 time belongs", truncate(pe.Value, 64))}
	}
	if f, ok := unknownField(raw, reflect.TypeOf(rec)); ok {
		return RecordError{Field: f, Reason: fmt.Sprintf("is not a field of a %s", k)}
	}
	return RecordError{Reason: strings.TrimPrefix(err.Error(), "json: ")}
}

// unknownField returns the path of a member of raw that t has no field
// for, as encoding/json matches names (case-insensitively), the first in
// key order at the shallowest depth where there is one.
func unknownField(raw []byte, t reflect.Type) (string, bool) {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	return findUnknown(v, t, "")
}

func findUnknown(v any, t reflect.Type, path string) (string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok || t == reflect.TypeFor[time.Time]() {
			return "", false
		}
		fields := jsonFieldTypes(t, nil)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		types := make([]reflect.Type, len(keys))
		for i, k := range keys {
			ft, ok := fields[k]
			for name, t := range fields {
				if !ok && strings.EqualFold(name, k) {
					ft, ok = t, true
				}
			}
			if !ok {
				return joinPath(path, k), true
			}
			types[i] = ft
		}
		for i, k := range keys {
			if f, ok := findUnknown(obj[k], types[i], joinPath(path, k)); ok {
				return f, true
			}
		}
	case reflect.Slice:
		arr, _ := v.([]any)
		for i, e := range arr {
			if f, ok := findUnknown(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); ok {
				return f, true
			}
		}
	}
	return "", false
}

// jsonFieldTypes adds the JSON members of struct type t, with their types,
// to fields, embedded structs included.
func jsonFieldTypes(t reflect.Type, fields map[string]reflect.Type) map[string]reflect.Type {
	if fields == nil {
		fields = map[string]reflect.Type{}
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-" || (!f.IsExported() && !f.Anonymous):
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			jsonFieldTypes(f.Type, fields)
		case name == "":
			fields[f.Name] = f.Type
		default:
			fields[name] = f.Type
		}
	}
	return fields
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	}
	return t.String()
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// jsonDecoder walks the claims.Bundle document token by token and decodes
// one record at a time.
type jsonDecoder struct {
	dec     *json.Decoder
	lim     Limits
	started bool
	kind    Kind // of the array being read, "" between arrays
	index   int
	n       int
	version int
	done    bool
	members map[string]bool // of the document, read so far
}

func newJSONDecoder(r io.Reader, lim Limits) *jsonDecoder {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return &jsonDecoder{dec: dec, lim: lim}
}

func (d *jsonDecoder) syntax(where string, err error) error {
	var de *DecodeError
	if errors.As(err, &de) {
		return de
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &DecodeError{Location: where, Reason: fmt.Sprintf("malformed JSON: the document ends early (at byte %d)", d.dec.InputOffset())}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &DecodeError{Location: where, Reason: fmt.Sprintf("malformed JSON at byte %d: %s", se.Offset, se.Error())}
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &DecodeError{Location: where, Reason: fmt.Sprintf("malformed JSON near byte %d: %s", d.dec.InputOffset(), strings.TrimPrefix(err.Error(), "json: "))}
	}
	return err // the reader's
}

func (d *jsonDecoder) next() (item, error) {
	if !d.started {
		d.started = true
		tok, err := d.dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return item{}, &DecodeError{Location: "$", Reason: "the file is empty", Code: claims.CodeMalformed}
			}
			return item{}, d.syntax("$", err)
		}
		if tok != json.Delim('{') {
			return item{}, &DecodeError{Location: "$", Reason: "the document must be a JSON object"}
		}
	}
	for {
		if d.done {
			return item{}, io.EOF
		}
		if d.kind != "" {
			path := fmt.Sprintf("$.%s[%d]", d.kind.plural(), d.index)
			if d.dec.More() {
				var raw json.RawMessage
				if err := d.dec.Decode(&raw); err != nil {
					return item{}, d.syntax(path, err)
				}
				d.n++
				if d.n > d.lim.MaxRecords {
					return item{}, tooMany(d.lim.MaxRecords)
				}
				d.index++
				return decodeRecord(d.kind, raw, location{path: path}, d.lim), nil
			}
			if _, err := d.dec.Token(); err != nil { // ]
				return item{}, d.syntax(path, err)
			}
			d.kind = ""
			continue
		}
		if !d.dec.More() {
			if _, err := d.dec.Token(); err != nil { // }
				return item{}, d.syntax("$", err)
			}
			if _, err := d.dec.Token(); !errors.Is(err, io.EOF) {
				return item{}, &DecodeError{Location: "$", Reason: "trailing data after the document"}
			}
			if d.version == 0 {
				return item{}, &DecodeError{Location: "$.schema_version", Reason: "is missing"}
			}
			d.done = true
			return item{}, io.EOF
		}
		tok, err := d.dec.Token()
		if err != nil {
			return item{}, d.syntax("$", err)
		}
		key, _ := tok.(string)
		path := "$." + key
		if d.members[key] {
			return item{}, &DecodeError{Location: path, Reason: "appears more than once in the document", Code: claims.CodeInvalid}
		}
		if d.members == nil {
			d.members = map[string]bool{}
		}
		d.members[key] = true
		switch key {
		case "schema_version":
			var v json.Number
			if err := d.dec.Decode(&v); err != nil {
				return item{}, &DecodeError{Location: path, Reason: "must be an integer"}
			}
			n, ok := readableVersion(v.String())
			if !ok {
				return item{}, &DecodeError{Location: path, Reason: fmt.Sprintf("is %s: this claimdesk reads versions %d to %d", truncate(v.String(), 20), claims.OldestBundleSchemaVersion, claims.BundleSchemaVersion)}
			}
			d.version = n
		case "exported_at":
			var t time.Time
			if err := d.dec.Decode(&t); err != nil {
				return item{}, &DecodeError{Location: path, Reason: "must be an RFC 3339 time"}
			}
		default:
			k, ok := kindOfPlural(key)
			if !ok && key == "type" {
				return item{}, &DecodeError{Location: "$", Reason: `"type" is not a member of a JSON document: this looks like NDJSON (one record a line, as export --format ndjson writes); import it as ndjson`}
			}
			if !ok {
				return item{}, &DecodeError{Location: "$", Reason: fmt.Sprintf("%q is not a member of the document", truncate(key, 64))}
			}
			tok, err := d.dec.Token()
			if err != nil {
				return item{}, d.syntax(path, err)
			}
			if tok == nil { // null: no records
				continue
			}
			if tok != json.Delim('[') {
				return item{}, &DecodeError{Location: path, Reason: "must be an array"}
			}
			d.kind, d.index = k, 0
		}
	}
}

// ndjsonDecoder reads a header line, then one typed record a line.
type ndjsonDecoder struct {
	r      *bufio.Reader
	lim    Limits
	line   int
	n      int
	header bool
}

func newNDJSONDecoder(r io.Reader, lim Limits) *ndjsonDecoder {
	return &ndjsonDecoder{r: bufio.NewReaderSize(r, 64<<10), lim: lim}
}

// readLine returns the next line without its newline; long reports a line
// over the record limit, whose bytes are dropped.
func (d *ndjsonDecoder) readLine() (line []byte, long bool, err error) {
	var buf []byte
	for {
		chunk, err := d.r.ReadSlice('\n')
		if !long {
			if len(buf)+len(chunk) > d.lim.MaxRecordBytes+2 {
				long, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, false, err
		}
		if err == io.EOF && len(buf) == 0 && !long {
			return nil, false, io.EOF
		}
		if long {
			return nil, true, nil
		}
		return bytes.TrimRight(buf, "\r\n"), false, nil
	}
}

// fastRecord recognises the lines Export writes,
// {"type":"KIND","record":{…}}, and returns their kind and record without
// decoding the envelope.
func fastRecord(line []byte) (Kind, []byte, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"type":"`))
	if !ok {
		return "", nil, false
	}
	name, rest, ok := bytes.Cut(rest, []byte(`","record":`))
	if !ok || len(name) > 10 || !bytes.HasSuffix(rest, []byte("}")) {
		return "", nil, false
	}
	k, ok := kindOf(string(name))
	return k, rest[:len(rest)-1], ok
}

func (d *ndjsonDecoder) next() (item, error) {
	for {
		line, long, err := d.readLine()
		if err != nil {
			if err == io.EOF && !d.header {
				return item{}, &DecodeError{Location: "line 1", Reason: "the file is empty: the first line must be the header"}
			}
			return item{}, err
		}
		d.line++
		loc := location{line: d.line}
		if long {
			return item{loc: loc, errs: []RecordError{{Reason: fmt.Sprintf("the line is longer than the limit of %d bytes", d.lim.MaxRecordBytes)}}}, nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if d.header {
			if k, rec, ok := fastRecord(line); ok {
				if d.n++; d.n > d.lim.MaxRecords {
					return item{}, tooMany(d.lim.MaxRecords)
				}
				return decodeRecord(k, rec, loc, d.lim), nil
			}
		}
		if why := checkShape(line, d.lim.MaxDepth+1, d.lim.MaxStringBytes); why != "" {
			return item{loc: loc, errs: []RecordError{{Reason: "the line " + why}}}, nil
		}
		var l struct {
			Type          string          `json:"type"`
			SchemaVersion json.Number     `json:"schema_version"`
			ExportedAt    *time.Time      `json:"exported_at"`
			Record        json.RawMessage `json:"record"`
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			if !d.header {
				return item{}, &DecodeError{Location: loc.String(), Reason: "the first line must be the header, {\"type\":\"header\",\"schema_version\":1}: " + strings.TrimPrefix(err.Error(), "json: ")}
			}
			return item{loc: loc, errs: []RecordError{{Reason: "malformed line: " + strings.TrimPrefix(err.Error(), "json: ")}}}, nil
		}
		if !d.header {
			if l.Type != "header" {
				return item{}, &DecodeError{Location: loc.String(), Reason: "the first line must be the header, {\"type\":\"header\",\"schema_version\":1}"}
			}
			if _, ok := readableVersion(l.SchemaVersion.String()); !ok {
				return item{}, &DecodeError{Location: loc.String(), Reason: fmt.Sprintf("schema_version is %q: this claimdesk reads versions %d to %d", truncate(l.SchemaVersion.String(), 20), claims.OldestBundleSchemaVersion, claims.BundleSchemaVersion)}
			}
			d.header = true
			continue
		}
		k, ok := kindOf(l.Type)
		if !ok {
			return item{loc: loc, errs: []RecordError{{Field: "type", Reason: fmt.Sprintf("%q is not a kind of record", truncate(l.Type, 64))}}}, nil
		}
		if l.Record == nil {
			return item{kind: k, loc: loc, errs: []RecordError{{Field: "record", Reason: "is missing"}}}, nil
		}
		d.n++
		if d.n > d.lim.MaxRecords {
			return item{}, tooMany(d.lim.MaxRecords)
		}
		return decodeRecord(k, l.Record, loc, d.lim), nil
	}
}

// readableVersion parses a schema_version and reports whether import
// reads it.
func readableVersion(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= claims.OldestBundleSchemaVersion && n <= claims.BundleSchemaVersion
}
