package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/claimdesk/claimdesk/claims"
)

// csvColumn is one column of the CSV format: how to read it from a claim
// and how to set it on one. A nil set marks a column that is derived on
// import (the parser's reading, the interval in force) and only informs
// the reader. A text column is guarded against spreadsheet formulas.
type csvColumn struct {
	name string
	text bool
	get  func(c *claims.Claim) string
	set  func(c *claims.Claim, v string) error
}

// CSVColumns lists the columns of the CSV format in order. See the package
// documentation for what each holds.
func CSVColumns() []string {
	out := make([]string, len(csvColumns))
	for i, col := range csvColumns {
		out[i] = col.name
	}
	return out
}

// csvColumns are derived once from claims.Claim's members, in their order
// (see csvColumnsOf): nothing here lists the fields of a claim.
var csvColumns = csvColumnsOf(reflect.TypeFor[claims.Claim]())

// csvColumnsOf returns the CSV columns of t, claims.Claim: one per member
// of its JSON, named by the member's own name (nested objects, scope and
// provenance, are walked), with these rules by type:
//
//   - text, a number, a boolean, a time (RFC 3339): the value;
//   - a list of strings: joined with "; ", or a JSON array when an item
//     holds a ';' or starts with '[';
//   - an interval (a pointer to a struct of numbers, a boolean and text):
//     one column per member, prefix_low … prefix_explanation, the prefix
//     being the member's name less "interval" (parsed_, analyst_); the
//     interval in force, a copy of one of them, gives its bounds only
//     (low, high, best);
//   - anything else (the relays): its JSON, empty for none.
//
// The members a claim derives on every write (claims.DerivedMembers) are
// read only: import ignores them.
func csvColumnsOf(t reflect.Type) []csvColumn {
	var cols []csvColumn
	var walk func(t reflect.Type, index []int, base uintptr)
	walk = func(t reflect.Type, index []int, base uintptr) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			idx, off := append(slices.Clone(index), i), base+f.Offset
			switch {
			case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
				walk(f.Type, idx, off)
				continue
			case f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeFor[time.Time]():
				walk(f.Type, idx, off)
				continue
			}
			// field is the member, for import and the rarer types;
			// export reads the common ones at their offset in the claim.
			field := func(c *claims.Claim) reflect.Value { return reflect.ValueOf(c).Elem().FieldByIndex(idx) }
			readOnly := slices.Contains(claims.DerivedMembers, name)
			var add []csvColumn
			if f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Struct {
				prefix := strings.TrimSuffix(name, "interval")
				add = structColumns(prefix, f.Type.Elem(), field, off, name == inForceMember)
			} else {
				add = []csvColumn{valueColumn(name, f.Type, field, off)}
			}
			for _, col := range add {
				if readOnly {
					col.set = nil
				}
				cols = append(cols, col)
			}
		}
	}
	walk(t, nil, 0)
	return cols
}

// at is the member of type T at offset off in c: the export reads members
// so, since reflection per cell doubled the cost of a CSV row. A string
// type (claims.Date, an enum) is read as a string, a list of one as a
// []string.
func at[T any](c *claims.Claim, off uintptr) *T { return (*T)(unsafe.Add(unsafe.Pointer(c), off)) }

// valueColumn is the column of a member of type t that field finds.
func valueColumn(name string, t reflect.Type, field func(c *claims.Claim) reflect.Value, off uintptr) csvColumn {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return csvColumn{name: name,
			get: func(c *claims.Claim) string { return at[time.Time](c, off).UTC().Format(time.RFC3339Nano) },
			set: func(c *claims.Claim, v string) error {
				if v == "" {
					return nil
				}
				tm, err := time.Parse(time.RFC3339Nano, v)
				if err != nil {
					return fmt.Errorf("%q is not an RFC 3339 time", v)
				}
				field(c).Set(reflect.ValueOf(tm.UTC()))
				return nil
			}}
	case t.Kind() == reflect.String:
		return csvColumn{name: name, text: true,
			get: func(c *claims.Claim) string { return *at[string](c, off) },
			set: func(c *claims.Claim, v string) error { field(c).SetString(v); return nil }}
	case t.Kind() == reflect.Bool:
		return csvColumn{name: name,
			get: func(c *claims.Claim) string { return strconv.FormatBool(*at[bool](c, off)) },
			set: func(c *claims.Claim, v string) error {
				b, err := parseBool(v)
				field(c).SetBool(b)
				return err
			}}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		return csvColumn{name: name,
			get: func(c *claims.Claim) string { return strconv.FormatInt(field(c).Int(), 10) },
			set: func(c *claims.Claim, v string) error {
				if v == "" {
					return nil
				}
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil || field(c).OverflowInt(n) {
					return fmt.Errorf("%q is not a whole number", v)
				}
				field(c).SetInt(n)
				return nil
			}}
	case t.Kind() == reflect.Float64:
		return csvColumn{name: name,
			get: func(c *claims.Claim) string { f := field(c).Float(); return formatFloat(&f) },
			set: func(c *claims.Claim, v string) error {
				x, err := parseFloat(v)
				if err == nil && x != nil {
					field(c).SetFloat(*x)
				}
				return err
			}}
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String:
		return listColumn(name, field, off)
	}
	// Anything else is a cell of JSON, empty for none.
	return csvColumn{name: name, text: true,
		get: func(c *claims.Claim) string {
			v := field(c)
			if v.IsZero() || ((v.Kind() == reflect.Slice || v.Kind() == reflect.Map) && v.Len() == 0) {
				return ""
			}
			b, _ := json.Marshal(v.Interface())
			return string(b)
		},
		set: func(c *claims.Claim, v string) error {
			if v == "" {
				return nil
			}
			dec := json.NewDecoder(strings.NewReader(v))
			dec.DisallowUnknownFields()
			if err := dec.Decode(field(c).Addr().Interface()); err != nil {
				return fmt.Errorf("must be JSON (%s): %v", jsonShape(t), err)
			}
			return nil
		}}
}

// jsonShape says in words what a JSON cell holds: "an array of objects".
func jsonShape(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct, reflect.Pointer:
		return "an object"
	}
	return "a value"
}

// listColumn is a column holding a list of short strings, joined with
// "; ", or as a JSON array when an item holds a ';' itself.
func listColumn(name string, field func(c *claims.Claim) reflect.Value, off uintptr) csvColumn {
	return csvColumn{name: name, text: true,
		get: func(c *claims.Claim) string {
			l := *at[[]string](c, off)
			for _, s := range l {
				if strings.Contains(s, ";") || strings.HasPrefix(s, "[") {
					b, _ := json.Marshal(l)
					return string(b)
				}
			}
			return strings.Join(l, "; ")
		},
		set: func(c *claims.Claim, v string) error {
			l := field(c)
			if strings.HasPrefix(v, "[") {
				return json.Unmarshal([]byte(v), l.Addr().Interface())
			}
			out := reflect.MakeSlice(l.Type(), 0, 0)
			for s := range strings.SplitSeq(v, ";") {
				if s = strings.TrimSpace(s); s != "" {
					out = reflect.Append(out, reflect.ValueOf(s).Convert(l.Type().Elem()))
				}
			}
			if out.Len() == 0 {
				out = reflect.Zero(l.Type())
			}
			l.Set(out)
			return nil
		}}
}

// structColumns are the columns of a member holding a pointer to a struct
// (an interval): one per member of the struct, prefixed. An empty cell
// sets nothing; a cell with a value creates the struct. With boundsOnly,
// only the number members.
func structColumns(prefix string, t reflect.Type, field func(c *claims.Claim) reflect.Value, off uintptr, boundsOnly bool) []csvColumn {
	var cols []csvColumn
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		isNum := f.Type.Kind() == reflect.Pointer && f.Type.Elem().Kind() == reflect.Float64
		if boundsOnly && !isNum {
			continue
		}
		member := func(c *claims.Claim, create bool) reflect.Value {
			p := field(c)
			if p.IsNil() {
				if !create {
					return reflect.Value{}
				}
				p.Set(reflect.New(t))
			}
			return p.Elem().Field(i)
		}
		col := csvColumn{name: prefix + name}
		// The member of the struct c points to at off, or nil.
		moff := f.Offset
		read := func(c *claims.Claim) unsafe.Pointer {
			if p := *at[unsafe.Pointer](c, off); p != nil {
				return unsafe.Add(p, moff)
			}
			return nil
		}
		switch {
		case isNum:
			col.get = func(c *claims.Claim) string {
				if m := read(c); m != nil {
					return formatFloat(*(**float64)(m))
				}
				return ""
			}
			col.set = func(c *claims.Claim, v string) error {
				x, err := parseFloat(v)
				if err == nil && x != nil {
					member(c, true).Set(reflect.ValueOf(x))
				}
				return err
			}
		case f.Type.Kind() == reflect.Bool:
			col.get = func(c *claims.Claim) string {
				if m := read(c); m != nil {
					return strconv.FormatBool(*(*bool)(m))
				}
				return ""
			}
			col.set = func(c *claims.Claim, v string) error {
				b, err := parseBool(v)
				if err == nil && b {
					member(c, true).SetBool(true)
				}
				return err
			}
		case f.Type.Kind() == reflect.String:
			col.text = true
			col.get = func(c *claims.Claim) string {
				if m := read(c); m != nil {
					return *(*string)(m)
				}
				return ""
			}
			col.set = func(c *claims.Claim, v string) error {
				if v != "" {
					member(c, true).SetString(v)
				}
				return nil
			}
		default:
			panic(fmt.Sprintf("exchange: no CSV column for %s%s, a %s", prefix, name, f.Type))
		}
		cols = append(cols, col)
	}
	return cols
}

func formatFloat(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}

func parseFloat(s string) (*float64, error) {
	if s == "" {
		return nil, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil, fmt.Errorf("%q is not a finite number", s)
	}
	return &v, nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	}
	return false, fmt.Errorf("%q is not true or false", s)
}

// guard protects a free-text cell from being read as a formula by a
// spreadsheet: a value that starts with = + - @ a tab, a carriage return or
// a quote gets a leading quote, which unguard removes on import.
func guard(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r'", rune(s[0])) {
		return "'" + s
	}
	return s
}

func unguard(s string) string { return strings.TrimPrefix(s, "'") }

// csvEncoder writes a header row and one row per claim.
type csvEncoder struct {
	w   *csv.Writer
	row []string
	bom *bufio.Writer // set for Excel: where the byte order mark goes
}

func newCSVEncoder(w *bufio.Writer) *csvEncoder {
	return &csvEncoder{w: csv.NewWriter(w), row: make([]string, len(csvColumns))}
}

// excel makes the encoder write for Excel: a byte order mark before the
// header and CRLF line ends.
func (e *csvEncoder) excel(w *bufio.Writer) {
	e.bom = w
	e.w.UseCRLF = true
}

func (e *csvEncoder) kinds() []Kind { return []Kind{KindClaim} }

func (e *csvEncoder) begin(Header) error {
	if e.bom != nil {
		e.bom.WriteString("\ufeff")
	}
	return e.w.Write(CSVColumns())
}

func (e *csvEncoder) record(_ Kind, rec any) error {
	c := rec.(*claims.Claim)
	for i, col := range csvColumns {
		v := col.get(c)
		if col.text {
			v = guard(v)
		}
		e.row[i] = v
	}
	return e.w.Write(e.row)
}

func (e *csvEncoder) end() error {
	e.w.Flush()
	return e.w.Error()
}

// MaxCSVHeaderBytes bounds the header line of a CSV import, whose
// separator is told from it alone.
const MaxCSVHeaderBytes = 1 << 20

// csvSeparators are the separators a CSV import may use: Excel saves ","
// or, in a locale whose decimal separator is a comma (Russian, German,
// French...), ";"; "Text (Tab delimited)" and many tools save a tab.
var csvSeparators = []byte{',', ';', '\t'}

// readCSVHeader reads the header line of a CSV from br, through its end
// (the first line feed outside quotes, a quoted column name may hold one)
// or the end of the input, and returns it with the separator it uses. The
// separator is told from the header alone, outside quotes: a line of data
// may hold any of them in a quote or a number ("2,5"). When one of ",",
// ";" and tab appears, it is the one; when several do (a column name that
// holds another, unquoted), the one that splits the line into the most
// column names of the format. A header with none, or where that leaves a
// tie, is an error at line 1, as is one longer than MaxCSVHeaderBytes.
func readCSVHeader(br *bufio.Reader) ([]byte, rune, error) {
	var head, line []byte
	var at string
	// hinted is the separator a first line "sep=;" names.
	var hinted byte
	tooLong := func() error {
		return &DecodeError{Location: at, Reason: "the header line is longer than 1 MiB, or a quote in it is never closed: the first row must name the columns"}
	}
	for n := 1; ; n++ {
		at = fmt.Sprintf("line %d", n)
		// csv.Reader skips blank lines: the header is the first other one.
		start := len(head)
		quoted := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			for _, b := range chunk {
				if b == '"' {
					quoted = !quoted
				}
			}
			head = append(head, chunk...)
			if len(head)-start > MaxCSVHeaderBytes+len("\ufeff\r\n") {
				return nil, 0, tooLong()
			}
			if err == bufio.ErrBufferFull || err == nil && quoted {
				continue
			}
			if err != nil && err != io.EOF {
				return nil, 0, err
			}
			break
		}
		line = head[start:]
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) > MaxCSVHeaderBytes {
			return nil, 0, tooLong()
		}
		if n == 1 && hinted == 0 {
			if sep, ok := separatorHint(line); ok {
				// The line is blanked rather than cut, so that the csv
				// reader, which skips blank lines and counts them, numbers
				// the rows as the file does.
				hinted = sep
				head = append(head[:start], '\n')
				continue
			}
		}
		if len(line) > 0 {
			break
		}
		if err == io.EOF {
			return head, ',', nil // no header at all: the reader says so
		}
	}
	if hinted != 0 {
		return head, rune(hinted), nil
	}
	var seen []byte
	for _, sep := range csvSeparators {
		if outsideQuotes(line, sep) > 0 {
			seen = append(seen, sep)
		}
	}
	switch len(seen) {
	case 0:
		return nil, 0, &DecodeError{Location: at, Reason: fmt.Sprintf("cannot tell the separator: the header %q holds no comma, semicolon or tab outside quotes; the first row must name the columns, separated by one of them", truncate(string(line), 64))}
	case 1:
		return head, rune(seen[0]), nil
	}
	best, bestN, tie := byte(0), -1, false
	for _, sep := range seen {
		switch n := columnNames(line, sep); {
		case n > bestN:
			best, bestN, tie = sep, n, false
		case n == bestN:
			tie = true
		}
	}
	if tie {
		var names []string
		for _, sep := range seen {
			names = append(names, separatorName(sep))
		}
		return nil, 0, &DecodeError{Location: at, Reason: fmt.Sprintf("cannot tell the separator: the header holds %s outside quotes, and none of them splits it into more column names of the format than another does; quote a column name that holds a separator", strings.Join(names, " and "))}
	}
	return head, rune(best), nil
}

// separatorHint reads the first line "sep=;" with which a file tells
// Excel its separator (Excel reads it, and tools that write CSV for Excel
// in another locale add it): it names one of csvSeparators.
func separatorHint(line []byte) (byte, bool) {
	if len(line) != len("sep=;") || !bytes.EqualFold(line[:4], []byte("sep=")) {
		return 0, false
	}
	if sep := line[4]; bytes.IndexByte(csvSeparators, sep) >= 0 {
		return sep, true
	}
	return 0, false
}

// outsideQuotes counts sep in line outside double quotes.
func outsideQuotes(line []byte, sep byte) int {
	n, quoted := 0, false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case b == sep && !quoted:
			n++
		}
	}
	return n
}

// columnNames counts the fields of line, split at sep outside quotes, that
// name a column of the format.
func columnNames(line []byte, sep byte) int {
	r := csv.NewReader(bytes.NewReader(line))
	r.Comma = rune(sep)
	r.LazyQuotes = true
	fields, err := r.Read()
	if err != nil {
		return 0
	}
	n := 0
	for _, f := range fields {
		if csvColumnNamed(strings.TrimSpace(f)) {
			n++
		}
	}
	return n
}

func csvColumnNamed(name string) bool {
	for i := range csvColumns {
		if csvColumns[i].name == name {
			return true
		}
	}
	return false
}

func separatorName(sep byte) string {
	switch sep {
	case ',':
		return "commas"
	case ';':
		return "semicolons"
	}
	return "tabs"
}

// csvDecoder reads claims from the rows of a CSV document whose first row
// names its columns.
type csvDecoder struct {
	r    *csv.Reader
	cols []*csvColumn // by position; nil for a derived column
	lim  Limits
	n    int
}

func newCSVDecoder(r io.Reader, lim Limits) (*csvDecoder, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, sep, err := readCSVHeader(br)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(io.MultiReader(bytes.NewReader(head), br))
	cr.Comma = sep
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, &DecodeError{Location: "line 1", Reason: "the file is empty: the first row must name the columns"}
		}
		return nil, csvError(err)
	}
	// The header's own line: after blank lines or Excel's "sep=" line it
	// is not the first.
	at := "line 1"
	if n, _ := cr.FieldPos(0); n > 1 {
		at = fmt.Sprintf("line %d", n)
	}
	d := &csvDecoder{r: cr, lim: lim}
	byName := map[string]*csvColumn{}
	for i := range csvColumns {
		byName[csvColumns[i].name] = &csvColumns[i]
	}
	seen := map[string]bool{}
	for i, name := range header {
		name = strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))
		c, ok := byName[name]
		if !ok {
			return nil, &DecodeError{Location: at, Reason: fmt.Sprintf("column %d, %q, is not a column of the CSV format", i+1, truncate(name, 64))}
		}
		if seen[name] {
			return nil, &DecodeError{Location: at, Reason: fmt.Sprintf("column %q appears twice", name)}
		}
		seen[name] = true
		if c.set == nil {
			c = nil
		}
		d.cols = append(d.cols, c)
	}
	for _, need := range []string{"id", "topic_id", "claimant_id", "source_id"} {
		if !seen[need] {
			return nil, &DecodeError{Location: at, Reason: fmt.Sprintf("the %q column is required", need)}
		}
	}
	return d, nil
}

func csvError(err error) error {
	if pe, ok := err.(*csv.ParseError); ok {
		return &DecodeError{Location: fmt.Sprintf("line %d", pe.StartLine), Reason: "malformed CSV: " + pe.Err.Error()}
	}
	return err
}

func (d *csvDecoder) next() (item, error) {
	row, err := d.r.Read()
	if err != nil {
		if err == io.EOF {
			return item{}, io.EOF
		}
		if pe, ok := err.(*csv.ParseError); ok && pe.Err == csv.ErrFieldCount {
			line, _ := d.r.FieldPos(0)
			return item{kind: KindClaim, loc: location{line: line},
				errs: []RecordError{{Reason: fmt.Sprintf("has %d fields, the header names %d", len(row), len(d.cols))}}}, nil
		}
		return item{}, csvError(err)
	}
	d.n++
	if d.n > d.lim.MaxRecords {
		return item{}, tooMany(d.lim.MaxRecords)
	}
	line, _ := d.r.FieldPos(0)
	it := item{kind: KindClaim, loc: location{line: line}}
	c := &claims.Claim{}
	for i, v := range row {
		col := d.cols[i]
		if col == nil {
			continue
		}
		if len(v) > d.lim.MaxStringBytes {
			it.errs = append(it.errs, RecordError{Field: col.name, Reason: fmt.Sprintf("is longer than the limit of %d bytes", d.lim.MaxStringBytes)})
			continue
		}
		if !utf8.ValidString(v) {
			it.errs = append(it.errs, RecordError{Field: col.name, Reason: "is not valid UTF-8: save the file as UTF-8"})
			continue
		}
		if col.text {
			v = unguard(v)
		}
		if err := col.set(c, v); err != nil {
			it.errs = append(it.errs, RecordError{Field: col.name, Reason: err.Error()})
		}
	}
	it.rec = c
	return it, nil
}
