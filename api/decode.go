package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/strictjson"
)

// readJSON reads a request body holding exactly one JSON value and returns
// it decoded with json.Number for numbers. Its errors are problems: an
// empty body, bad syntax (with the byte offset) or trailing data are
// CodeMalformed; a body over the limit is CodeTooLarge.
func readJSON(body io.Reader, limit int64) (any, error) {
	data, err := io.ReadAll(body)
	if mb := (*http.MaxBytesError)(nil); errors.As(err, &mb) {
		return nil, tooLarge(limit)
	}
	if err != nil {
		return nil, claims.Errorf(claims.CodeMalformed, "the request body could not be read")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, claims.Errorf(claims.CodeMalformed, "the request body is empty: send a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, claims.Errorf(claims.CodeMalformed, "the request body is not valid JSON: %v at byte offset %d", se, se.Offset)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, claims.Errorf(claims.CodeMalformed, "the request body is not valid JSON: it ends at byte offset %d in the middle of a value", len(data))
		}
		return nil, claims.Errorf(claims.CodeMalformed, "the request body is not valid JSON: %v", err)
	}
	if off := dec.InputOffset(); dec.Decode(new(json.RawMessage)) != io.EOF {
		return nil, claims.Errorf(claims.CodeMalformed, "the request body has data after the JSON value, at byte offset %d", off)
	}
	// encoding/json stored U+FFFD for invalid UTF-8 and kept the last of
	// two members of the same name: refuse both instead.
	if p := strictjson.Check(data); p != nil {
		return nil, fieldErr(claims.CodeInvalid, fmt.Sprintf("invalid request body at byte offset %d: %s", p.Offset, p.Reason),
			claims.FieldError{Field: p.Path, Detail: p.Reason})
	}
	return v, nil
}

// decodeStrict decodes body, a value from readJSON, into the struct dst
// points to. It reports, as one CodeInvalid error about kind, every member
// that checkShape rejects together with the problems already found.
func decodeStrict(body any, dst any, kind string, found claims.Problems) error {
	obj, ok := body.(map[string]any)
	if !ok {
		return claims.Errorf(claims.CodeMalformed, "the request body must be a JSON object")
	}
	p := slices.Clone(found)
	checkShape(&p, "", obj, reflect.TypeOf(dst).Elem())
	if err := p.Err(kind); err != nil {
		return err
	}
	return decodeInto(obj, dst)
}

// decodeInto decodes v, a value that checkShape accepted for dst's type,
// into dst, rejecting unknown fields.
func decodeInto(v any, dst any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("api: re-encode body: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return fieldErr(claims.CodeInvalid, "invalid request body", claims.FieldError{Field: te.Field, Detail: "must be " + jsonKind(te.Type)})
		}
		return claims.Errorf(claims.CodeInvalid, "invalid request body: %v", err)
	}
	return nil
}

// checkShape reports every member of v (a value from readJSON) that t has
// no field for, named exactly, and every value whose JSON type does not fit
// its field. encoding/json alone would accept "Title" for "title" and name
// only the first bad field, without its path.
func checkShape(p *claims.Problems, path string, v any, t reflect.Type) {
	if v == nil { // null leaves a field at its zero value
		return
	}
	if t == reflect.TypeFor[time.Time]() {
		if s, ok := v.(string); !ok {
			p.Add(path, "must be a string")
		} else if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			p.Add(path, "must be an RFC 3339 time")
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		checkShape(p, path, v, t.Elem())
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			p.Add(path, "must be an object")
			return
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			ft, ok := fields[k]
			if !ok {
				p.Add(join(path, k), "is not a field of this record")
				continue
			}
			checkShape(p, join(path, k), obj[k], ft)
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			p.Add(path, "must be an array")
			return
		}
		for i, e := range arr {
			checkShape(p, path+"["+strconv.Itoa(i)+"]", e, t.Elem())
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			p.Add(path, "must be a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			p.Add(path, "must be true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			p.Add(path, "must be an integer")
		} else if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
			p.Add(path, "must be an integer that fits in %d bits", t.Bits())
		}
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			p.Add(path, "must be a number")
		} else if _, err := strconv.ParseFloat(string(n), t.Bits()); err != nil {
			p.Add(path, "must be a finite number")
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// jsonFields returns the JSON member names of struct type t and their
// types, with embedded structs (claims.Meta) flattened as encoding/json
// does.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := make(map[string]reflect.Type)
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				m[k] = v
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	fieldCache.Store(t, m)
	return m
}

// jsonKind says in words which JSON type a Go type takes.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "an array"
	}
	return "an object"
}

// toDoc returns the JSON document of a record as readJSON would decode it.
func toDoc(rec any) (map[string]any, error) {
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("api: encode record: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("api: decode record: %w", err)
	}
	return doc, nil
}

// mergePatch applies an RFC 7396 JSON merge patch to target.
func mergePatch(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
			continue
		}
		tm[k] = mergePatch(tm[k], v)
	}
	return tm
}
