package exchange

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimdesk/claimdesk/claims"
)

// csvColumn is one column of the CSV format: how to read it from a claim
// and how to set it on one. A nil set marks a column that is derived on
// import (the parser's reading, the interval in force) and only informs
// the reader.
type csvColumn struct {
	name string
	text bool // free text: guarded against spreadsheet formulas
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

func str(f func(c *claims.Claim) *string) (func(*claims.Claim) string, func(*claims.Claim, string) error) {
	return func(c *claims.Claim) string { return *f(c) },
		func(c *claims.Claim, v string) error { *f(c) = v; return nil }
}

func date(f func(c *claims.Claim) *claims.Date) (func(*claims.Claim) string, func(*claims.Claim, string) error) {
	return func(c *claims.Claim) string { return string(*f(c)) },
		func(c *claims.Claim, v string) error { *f(c) = claims.Date(v); return nil }
}

func col(name string, text bool, f func(c *claims.Claim) *string) csvColumn {
	g, s := str(f)
	return csvColumn{name: name, text: text, get: g, set: s}
}

func dateCol(name string, f func(c *claims.Claim) *claims.Date) csvColumn {
	g, s := date(f)
	return csvColumn{name: name, get: g, set: s}
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

// intervalCols returns the columns of an interval: the parser's (read
// only) or the analyst's.
func intervalCols(prefix string, f func(c *claims.Claim) **claims.Interval, writable bool) []csvColumn {
	get := func(c *claims.Claim) *claims.Interval { return *f(c) }
	ensure := func(c *claims.Claim) *claims.Interval {
		if *f(c) == nil {
			*f(c) = &claims.Interval{}
		}
		return *f(c)
	}
	num := func(name string, field func(iv *claims.Interval) **float64) csvColumn {
		cl := csvColumn{name: prefix + name, get: func(c *claims.Claim) string {
			if iv := get(c); iv != nil {
				return formatFloat(*field(iv))
			}
			return ""
		}}
		if writable {
			cl.set = func(c *claims.Claim, v string) error {
				x, err := parseFloat(v)
				if err == nil && x != nil {
					*field(ensure(c)) = x
				}
				return err
			}
		}
		return cl
	}
	approx := csvColumn{name: prefix + "approx", get: func(c *claims.Claim) string {
		if iv := get(c); iv != nil {
			return strconv.FormatBool(iv.Approx)
		}
		return ""
	}}
	text := func(name string, field func(iv *claims.Interval) *string) csvColumn {
		cl := csvColumn{name: prefix + name, text: true, get: func(c *claims.Claim) string {
			if iv := get(c); iv != nil {
				return *field(iv)
			}
			return ""
		}}
		if writable {
			cl.set = func(c *claims.Claim, v string) error {
				if v != "" {
					*field(ensure(c)) = v
				}
				return nil
			}
		}
		return cl
	}
	if writable {
		approx.set = func(c *claims.Claim, v string) error {
			b, err := parseBool(v)
			if err == nil && b {
				ensure(c).Approx = true
			}
			return err
		}
	}
	return []csvColumn{
		num("low", func(iv *claims.Interval) **float64 { return &iv.Low }),
		num("high", func(iv *claims.Interval) **float64 { return &iv.High }),
		num("best", func(iv *claims.Interval) **float64 { return &iv.Best }),
		approx,
		text("kind", func(iv *claims.Interval) *string { return (*string)(&iv.Kind) }),
		text("rule", func(iv *claims.Interval) *string { return &iv.Rule }),
		text("explanation", func(iv *claims.Interval) *string { return &iv.Explanation }),
	}
}

// listCol is a column holding a list of short strings, joined with "; ",
// or as a JSON array when an item holds a ';' itself.
func listCol(name string, f func(c *claims.Claim) *[]string) csvColumn {
	return csvColumn{name: name, text: true,
		get: func(c *claims.Claim) string {
			l := *f(c)
			for _, s := range l {
				if strings.Contains(s, ";") || strings.HasPrefix(s, "[") {
					b, _ := json.Marshal(l)
					return string(b)
				}
			}
			return strings.Join(l, "; ")
		},
		set: func(c *claims.Claim, v string) error {
			if strings.HasPrefix(v, "[") {
				return json.Unmarshal([]byte(v), f(c))
			}
			var out []string
			for s := range strings.SplitSeq(v, ";") {
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
			*f(c) = out
			return nil
		}}
}

var csvColumns = func() []csvColumn {
	cols := []csvColumn{
		col("id", false, func(c *claims.Claim) *string { return &c.ID }),
		{name: "version",
			get: func(c *claims.Claim) string { return strconv.Itoa(c.Version) },
			set: func(c *claims.Claim, v string) (err error) {
				if v != "" {
					c.Version, err = strconv.Atoi(v)
				}
				return err
			}},
		timeCol("created_at", func(c *claims.Claim) *time.Time { return &c.CreatedAt }),
		timeCol("updated_at", func(c *claims.Claim) *time.Time { return &c.UpdatedAt }),
		col("topic_id", false, func(c *claims.Claim) *string { return &c.TopicID }),
		col("claimant_id", false, func(c *claims.Claim) *string { return &c.ClaimantID }),
		col("quote", true, func(c *claims.Claim) *string { return &c.Quote }),
		col("quantity_text", true, func(c *claims.Claim) *string { return &c.QuantityText }),
		col("language", false, func(c *claims.Claim) *string { return &c.Language }),
		col("original_text", true, func(c *claims.Claim) *string { return &c.OriginalText }),
		col("original_language", false, func(c *claims.Claim) *string { return &c.OriginalLanguage }),
		{name: "no_number",
			get: func(c *claims.Claim) string { return strconv.FormatBool(c.NoNumber) },
			set: func(c *claims.Claim, v string) (err error) { c.NoNumber, err = parseBool(v); return err }},
		col("unit", true, func(c *claims.Claim) *string { return &c.Unit }),
		{name: "interval_source", get: func(c *claims.Claim) string { return string(c.IntervalSource) }},
		{name: "low", get: func(c *claims.Claim) string {
			if c.Interval != nil {
				return formatFloat(c.Interval.Low)
			}
			return ""
		}},
		{name: "high", get: func(c *claims.Claim) string {
			if c.Interval != nil {
				return formatFloat(c.Interval.High)
			}
			return ""
		}},
		{name: "best", get: func(c *claims.Claim) string {
			if c.Interval != nil {
				return formatFloat(c.Interval.Best)
			}
			return ""
		}},
	}
	cols = append(cols, intervalCols("parsed_", func(c *claims.Claim) **claims.Interval { return &c.Parsed }, false)...)
	cols = append(cols, csvColumn{name: "parser_version", get: func(c *claims.Claim) string { return c.ParserVersion }})
	cols = append(cols, intervalCols("analyst_", func(c *claims.Claim) **claims.Interval { return &c.AnalystInterval }, true)...)
	cols = append(cols,
		listCol("places", func(c *claims.Claim) *[]string { return &c.Scope.Places }),
		col("population", true, func(c *claims.Claim) *string { return &c.Scope.Population }),
		col("group", true, func(c *claims.Claim) *string { return &c.Scope.Group }),
		csvColumn{name: "measure",
			get: func(c *claims.Claim) string { return string(c.Scope.Measure) },
			set: func(c *claims.Claim, v string) error { c.Scope.Measure = claims.Measure(v); return nil }},
		col("source_id", false, func(c *claims.Claim) *string { return &c.Provenance.SourceID }),
		col("url", true, func(c *claims.Claim) *string { return &c.Provenance.URL }),
		col("archive_url", true, func(c *claims.Claim) *string { return &c.Provenance.ArchiveURL }),
		csvColumn{name: "relays", text: true,
			get: func(c *claims.Claim) string {
				if len(c.Provenance.Relays) == 0 {
					return ""
				}
				b, _ := json.Marshal(c.Provenance.Relays)
				return string(b)
			},
			set: func(c *claims.Claim, v string) error {
				if v == "" {
					return nil
				}
				dec := json.NewDecoder(strings.NewReader(v))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&c.Provenance.Relays); err != nil {
					return fmt.Errorf("must be a JSON array of relays: %v", err)
				}
				return nil
			}},
		col("occasion", true, func(c *claims.Claim) *string { return &c.Occasion }),
		dateCol("said_on", func(c *claims.Claim) *claims.Date { return &c.SaidOn }),
		dateCol("published_on", func(c *claims.Claim) *claims.Date { return &c.PublishedOn }),
		dateCol("as_of", func(c *claims.Claim) *claims.Date { return &c.AsOf }),
		dateCol("since", func(c *claims.Claim) *claims.Date { return &c.Since }),
		csvColumn{name: "basis",
			get: func(c *claims.Claim) string { return string(c.Basis) },
			set: func(c *claims.Claim, v string) error { c.Basis = claims.Basis(v); return nil }},
		csvColumn{name: "evidence_type",
			get: func(c *claims.Claim) string { return string(c.EvidenceType) },
			set: func(c *claims.Claim, v string) error { c.EvidenceType = claims.EvidenceType(v); return nil }},
		csvColumn{name: "grade",
			get: func(c *claims.Claim) string { return string(c.Grade) },
			set: func(c *claims.Claim, v string) error { c.Grade = claims.Grade(v); return nil }},
		csvColumn{name: "rank",
			get: func(c *claims.Claim) string { return string(c.Rank) },
			set: func(c *claims.Claim, v string) error { c.Rank = claims.Rank(v); return nil }},
		col("deprecation_reason", true, func(c *claims.Claim) *string { return &c.DeprecationReason }),
		col("notes", true, func(c *claims.Claim) *string { return &c.Notes }),
		listCol("tags", func(c *claims.Claim) *[]string { return &c.Tags }),
	)
	return cols
}()

func timeCol(name string, f func(c *claims.Claim) *time.Time) csvColumn {
	return csvColumn{name: name,
		get: func(c *claims.Claim) string { return f(c).UTC().Format(time.RFC3339Nano) },
		set: func(c *claims.Claim, v string) error {
			if v == "" {
				return nil
			}
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return fmt.Errorf("%q is not an RFC 3339 time", v)
			}
			*f(c) = t.UTC()
			return nil
		}}
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

// csvDecoder reads claims from the rows of a CSV document whose first row
// names its columns.
type csvDecoder struct {
	r    *csv.Reader
	cols []*csvColumn // by position; nil for a derived column
	lim  Limits
	n    int
}

func newCSVDecoder(r io.Reader, lim Limits) (*csvDecoder, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, &DecodeError{Location: "line 1", Reason: "the file is empty: the first row must name the columns"}
		}
		return nil, csvError(err)
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
			return nil, &DecodeError{Location: "line 1", Reason: fmt.Sprintf("column %d, %q, is not a column of the CSV format", i+1, truncate(name, 64))}
		}
		if seen[name] {
			return nil, &DecodeError{Location: "line 1", Reason: fmt.Sprintf("column %q appears twice", name)}
		}
		seen[name] = true
		if c.set == nil {
			c = nil
		}
		d.cols = append(d.cols, c)
	}
	for _, need := range []string{"id", "topic_id", "claimant_id", "source_id"} {
		if !seen[need] {
			return nil, &DecodeError{Location: "line 1", Reason: fmt.Sprintf("the %q column is required", need)}
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
