package gormstore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims"
	"github.com/claimdesk/claimdesk/claims/exchange"
)

// A claim is converted to its row and back by the one declaration of the
// claims table, claimRow, with no list of fields written by hand. Each
// column a record is read from holds one member of the claim's JSON
// (exchange.RawMembers): the member named like the column, or the one its
// claim tag names. The column's field in claimRow and the member's field in
// claims.Claim are found once, at start, and every conversion copies
// between them by the kind of the member:
//
//   - text (a string, a claims.Date, an enum such as claims.Grade), an
//     integer and a boolean are copied as they are;
//   - a time is copied, and read back in UTC;
//   - anything else (a list, the relays, an interval) is stored as its
//     JSON, "" for a nil pointer, as encoding/json writes it.
//
// The derived columns (row:"derived") are computed from the claim by the
// functions of claimDerivations, and the one member of the claim with no
// column, the interval in force, by inForce.
//
// The fields are reached by their offsets, found by reflection at start,
// as the CSV export reads a claim's (exchange's csv.go, where reflection
// per cell doubled the cost of a row): the conversions run on every read
// and write. BenchmarkClaimConversion compares them with the hand-written
// ones they replaced.

// claimField is a column of claimRow and the member of claims.Claim it
// holds.
type claimField struct {
	col    column // in claimRow
	path   string // of the member, as in exchange.RawMembers
	what   string // the member, for errors
	member int    // in exchange.RawMembers
	kind   exchange.RawKind
	row    uintptr       // offset of the column's field in claimRow
	claim  uintptr       // offset of the member's field in claims.Claim
	typ    reflect.Type  // of the member's field, for kind RawJSON
	empty  reflect.Value // an empty slice of typ, what "[]" reads as; invalid unless typ is a slice
}

// claimFields are the columns of claimRow a claim is read from, in the
// declaration's order.
var claimFields = func() []claimField {
	members := exchange.RawMembers()
	used := make([]bool, len(members))
	rowType, claimType := reflect.TypeFor[claimRow](), reflect.TypeFor[claims.Claim]()
	var out []claimField
	for _, c := range claimCols.read {
		f := rowType.FieldByIndex(c.index)
		m := -1
		for i, mb := range members {
			last := mb.Path[strings.LastIndexByte(mb.Path, '.')+1:]
			if tag := f.Tag.Get("claim"); mb.Path == tag || (tag == "" && last == c.name) {
				if m >= 0 {
					panic("gormstore: the claims column " + c.name + " could hold " + members[m].Path + " or " + mb.Path + ": tag its field in claimRow with claim:\"path\"")
				}
				m = i
			}
		}
		if m < 0 {
			panic("gormstore: the claims column " + c.name + " holds no member of claims.Claim: tag its field in claimRow with claim:\"path\", or row:\"derived\"")
		}
		if used[m] {
			panic("gormstore: two claims columns hold " + members[m].Path)
		}
		used[m] = true
		cf := claimField{col: c, path: members[m].Path, what: "claim " + members[m].Path, member: m, kind: members[m].Kind, row: offsetOf(rowType, c.index)}
		want := map[exchange.RawKind]reflect.Kind{exchange.RawText: reflect.String, exchange.RawJSON: reflect.String,
			exchange.RawInt: reflect.Int, exchange.RawBool: reflect.Bool, exchange.RawTime: reflect.Struct}[cf.kind]
		if f.Type.Kind() != want || (cf.kind == exchange.RawTime && f.Type != reflect.TypeFor[time.Time]()) {
			panic(fmt.Sprintf("gormstore: the claims column %s is a %s, it holds a member kept as a %s", c.name, f.Type, want))
		}
		index, mt := members[m].Field, members[m].Type
		if cf.kind != exchange.RawJSON && (mt.Kind() != f.Type.Kind() || (cf.kind == exchange.RawTime && mt != f.Type)) {
			panic(fmt.Sprintf("gormstore: the claims column %s is a %s, the member %s a %s", c.name, f.Type, cf.path, mt))
		}
		cf.claim, cf.typ = offsetOf(claimType, index), mt
		if mt.Kind() == reflect.Slice {
			cf.empty = reflect.MakeSlice(mt, 0, 0)
		}
		out = append(out, cf)
	}
	for i, ok := range used {
		if !ok {
			panic("gormstore: no column of claims holds " + members[i].Path)
		}
	}
	return out
}()

// offsetOf returns the offset of the field at index in struct t, which
// must be reached through struct values only, never a pointer.
func offsetOf(t reflect.Type, index []int) uintptr {
	var off uintptr
	for _, i := range index {
		if t.Kind() != reflect.Struct {
			panic(fmt.Sprintf("gormstore: the field at %v of %s is reached through a %s", index, t, t.Kind()))
		}
		f := t.Field(i)
		off += f.Offset
		t = f.Type
	}
	return off
}

// claimDerivations compute the derived columns of claimRow, each named by
// its column; every derived column has one, which the start-up check below
// makes sure of.
var claimDerivations = []struct {
	cols []string
	fn   func(r *claimRow, c *claims.Claim)
}{
	// The interval in force, for sorting and the summaries.
	{[]string{"low", "high", "best"}, func(r *claimRow, c *claims.Claim) {
		if iv := c.Interval; iv != nil {
			r.Low, r.High, r.Best = iv.Low, iv.High, iv.Best
		}
	}},
	// The days the reference date spans, for the date filters.
	{[]string{"ref_start", "ref_end"}, func(r *claimRow, c *claims.Claim) {
		if ref := c.RefDate(); ref != "" {
			start, end := ref.Start().Format(isoDay), ref.End().Format(isoDay)
			r.RefStart, r.RefEnd = &start, &end
		}
	}},
	// The text a listing's text filter matches.
	{[]string{"search"}, func(r *claimRow, c *claims.Claim) {
		r.Search = search(c.Quote, c.QuantityText, c.OriginalText, c.Notes)
	}},
}

func init() {
	var derived, covered []string
	for _, c := range claimCols.all {
		if !slices.ContainsFunc(claimCols.read, func(r column) bool { return r.name == c.name }) {
			derived = append(derived, c.name)
		}
	}
	for _, d := range claimDerivations {
		covered = append(covered, d.cols...)
	}
	slices.Sort(derived)
	slices.Sort(covered)
	if !slices.Equal(derived, covered) {
		panic(fmt.Sprintf("gormstore: the derived columns of claims are %v, claimDerivations computes %v", derived, covered))
	}
}

// inForce sets the claim's interval in force, the one member no column
// holds, from the interval source read back.
func inForce(c *claims.Claim) {
	switch c.IntervalSource {
	case claims.FromAnalyst:
		c.Interval = c.AnalystInterval
	case claims.FromParser:
		c.Interval = c.Parsed
	}
}

func toClaimRow(c *claims.Claim) (*claimRow, error) {
	r := &claimRow{}
	rp, cp := unsafe.Pointer(r), unsafe.Pointer(c)
	for i := range claimFields {
		f := &claimFields[i]
		dst, src := unsafe.Add(rp, f.row), unsafe.Add(cp, f.claim)
		switch f.kind {
		case exchange.RawText:
			*(*string)(dst) = *(*string)(src)
		case exchange.RawInt:
			*(*int)(dst) = *(*int)(src)
		case exchange.RawBool:
			*(*bool)(dst) = *(*bool)(src)
		case exchange.RawTime:
			*(*time.Time)(dst) = *(*time.Time)(src)
		case exchange.RawJSON:
			if f.typ.Kind() == reflect.Pointer && *(*unsafe.Pointer)(src) == nil {
				continue // "", as for no interval
			}
			b, err := json.Marshal(reflect.NewAt(f.typ, src).Interface())
			if err != nil {
				return nil, fmt.Errorf("gormstore: encode %s: %w", f.what, err)
			}
			*(*string)(dst) = string(b)
		}
	}
	for _, d := range claimDerivations {
		d.fn(r, c)
	}
	return r, nil
}

func (r *claimRow) domain() (*claims.Claim, error) { return r.convert(true) }

// convert is domain, its lists and intervals read by hand (decodeColumn)
// or, without byHand, all by encoding/json, for a benchmark's baseline.
func (r *claimRow) convert(byHand bool) (*claims.Claim, error) {
	c := &claims.Claim{}
	rp, cp := unsafe.Pointer(r), unsafe.Pointer(c)
	for i := range claimFields {
		f := &claimFields[i]
		src, dst := unsafe.Add(rp, f.row), unsafe.Add(cp, f.claim)
		switch f.kind {
		case exchange.RawText:
			*(*string)(dst) = *(*string)(src)
		case exchange.RawInt:
			*(*int)(dst) = *(*int)(src)
		case exchange.RawBool:
			*(*bool)(dst) = *(*bool)(src)
		case exchange.RawTime:
			*(*time.Time)(dst) = (*(*time.Time)(src)).UTC()
		case exchange.RawJSON:
			// The common values are read without the decoder, as it
			// would read them: "" (no interval) and null leave the zero
			// value, [] an empty list.
			switch s := *(*string)(src); {
			case s == "" || s == "null":
			case s == "[]" && f.empty.IsValid():
				reflect.NewAt(f.typ, dst).Elem().Set(f.empty)
			case byHand && decodeColumn(s, f.typ, dst):
				// A list of strings or an interval, read by hand (see
				// jsoncols.go).
			default:
				if err := fromJSON(s, f.what, reflect.NewAt(f.typ, dst).Interface()); err != nil {
					return nil, err
				}
			}
		}
	}
	inForce(c)
	return c, nil
}
