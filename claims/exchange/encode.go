package exchange

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/claimdesk/claimdesk/claims"
)

// Header is what a document says about itself.
type Header struct {
	SchemaVersion int       `json:"schema_version"`
	ExportedAt    time.Time `json:"exported_at"`
}

// An encoder writes one format. Export feeds it the kinds it asks for, in
// that order, every record of a kind before the next kind.
type encoder interface {
	kinds() []Kind
	begin(h Header) error
	record(k Kind, rec any) error
	end() error
}

// A rawEncoder also writes records already encoded as JSON, the bytes
// record would have marshalled.
type rawEncoder interface {
	encoder
	raw(k Kind, rec []byte) error
}

// ExportOptions tune Export.
type ExportOptions struct {
	// Now is the clock for exported_at; nil means time.Now.
	Now func() time.Time
	// OnRecord, when set, is called after each record is encoded, for
	// progress reports.
	OnRecord func(k Kind)
	// Excel makes CSV for Microsoft Excel: a UTF-8 byte order mark first,
	// so that Excel reads the file as UTF-8 (Cyrillic and all), and CRLF
	// line ends. Without it CSV is plain RFC 4180 with LF line ends. Other
	// formats refuse it.
	Excel bool
	// Publisher is the organisation that publishes the reviews, and its
	// public base URL: the author and url of each ClaimReview.
	Publisher Publisher
	// History adds the history of the records exported (see
	// HistoryStore), for JSON and NDJSON; other formats refuse it.
	History bool
}

// Export writes the records f selects to w in format. It streams: records
// are read from s and written one by one, so memory stays flat however
// many there are, and the first bytes leave as soon as the header is
// written. A failure midway leaves w with a truncated document; callers
// that must not publish one write to a temporary file first.
//
// When s is a RawClaimStore, the json and ndjson formats write claims
// straight from the stored columns (see AppendClaimJSON): the same bytes,
// without building and reflecting over a claims.Claim per record.
func Export(ctx context.Context, s Reader, w io.Writer, format Format, f Filter, opts ExportOptions) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if opts.Excel && format != CSV {
		return claims.Errorf(claims.CodeInvalid, "the Excel option is for CSV only, not %s", format)
	}
	if opts.History {
		if format != JSON && format != NDJSON && format != "" {
			return claims.Errorf(claims.CodeInvalid, "history is exported in json and ndjson only, not %s", format)
		}
		if _, ok := s.(HistoryStore); !ok {
			return claims.Errorf(claims.CodeInvalid, "this store keeps no history to export")
		}
	}
	enc, err := newEncoder(format, bw, opts)
	if err != nil {
		return err
	}
	if c, ok := enc.(*csvEncoder); ok && opts.Excel {
		c.excel(bw)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	h := Header{SchemaVersion: claims.BundleSchemaVersion, ExportedAt: now().UTC().Truncate(time.Microsecond)}
	if err := enc.begin(h); err != nil {
		return err
	}
	// The header goes out at once: a client sees the download start even
	// when the first rows take a while.
	if err := bw.Flush(); err != nil {
		return err
	}
	raw, _ := s.(RawClaimStore)
	rawEnc, _ := enc.(rawEncoder)
	kinds := enc.kinds()
	for len(kinds) > 0 {
		if kinds[0] == KindClaim && raw != nil && rawEnc != nil {
			err := exportRawClaims(ctx, raw, rawEnc, f, opts)
			if err == nil {
				kinds = kinds[1:]
				continue
			}
			if !errors.Is(err, ErrNoRawClaims) {
				return err
			}
		}
		// Stream the kinds up to the next one the fast path writes.
		n := 1
		for n < len(kinds) && !(kinds[n] == KindClaim && raw != nil && rawEnc != nil) {
			n++
		}
		if err := exportRecords(ctx, s, enc, kinds[:n], f, opts); err != nil {
			return err
		}
		kinds = kinds[n:]
	}
	if opts.History {
		if err := exportHistory(ctx, s, enc, f, opts); err != nil {
			return err
		}
	}
	if err := enc.end(); err != nil {
		return err
	}
	return bw.Flush()
}

// exportRawClaims writes the claims of a RawClaimStore.
func exportRawClaims(ctx context.Context, s RawClaimStore, enc rawEncoder, f Filter, opts ExportOptions) error {
	buf := make([]byte, 0, 4<<10)
	return s.EachRawClaim(ctx, f, func(r *RawClaim) error {
		var err error
		if buf, err = AppendClaimJSON(buf[:0], r); err != nil {
			return err
		}
		if err := enc.raw(KindClaim, buf); err != nil {
			return err
		}
		if opts.OnRecord != nil {
			opts.OnRecord(KindClaim)
		}
		return nil
	})
}

// exportRecords writes the records of kinds, read from s.
func exportRecords(ctx context.Context, s Reader, enc encoder, kinds []Kind, f Filter, opts ExportOptions) error {
	// The store is read in one goroutine and the records encoded in this
	// one, so reading rows and writing JSON run side by side; the channel
	// keeps at most a few batches in memory.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		kind Kind
		recs []any
	}
	const size = 64
	batches := make(chan batch, 8)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		for _, k := range kinds {
			b := batch{kind: k, recs: make([]any, 0, size)}
			err := each(ctx, s, k, f, func(rec any) error {
				b.recs = append(b.recs, rec)
				if len(b.recs) == size {
					select {
					case batches <- b:
					case <-ctx.Done():
						return ctx.Err()
					}
					b = batch{kind: k, recs: make([]any, 0, size)}
				}
				return nil
			})
			if err == nil && len(b.recs) > 0 {
				select {
				case batches <- b:
				case <-ctx.Done():
					err = ctx.Err()
				}
			}
			if err != nil {
				readErr <- err
				return
			}
		}
		readErr <- nil
	}()
	for b := range batches {
		for _, rec := range b.recs {
			if err := enc.record(b.kind, rec); err != nil {
				cancel()
				for range batches {
				}
				return err
			}
			if opts.OnRecord != nil {
				opts.OnRecord(b.kind)
			}
		}
	}
	return <-readErr
}

// each streams the records of kind k.
func each(ctx context.Context, s Reader, k Kind, f Filter, fn func(any) error) error {
	switch k {
	case KindTopic:
		return s.EachTopic(ctx, f, func(r *claims.Topic) error { return fn(r) })
	case KindSource:
		return s.EachSource(ctx, f, func(r *claims.Source) error { return fn(r) })
	case KindClaimant:
		return s.EachClaimant(ctx, f, func(r *claims.Claimant) error { return fn(r) })
	case KindClaim:
		return s.EachClaim(ctx, f, func(r *claims.Claim) error { return fn(r) })
	case KindLink:
		return s.EachLink(ctx, f, func(r *claims.Link) error { return fn(r) })
	}
	return s.EachReview(ctx, f, func(r *claims.Review) error { return fn(r) })
}

func newEncoder(f Format, w *bufio.Writer, opts ExportOptions) (encoder, error) {
	switch f {
	case JSON, "":
		return &jsonEncoder{w: w, js: newJSONWriter()}, nil
	case NDJSON:
		return &ndjsonEncoder{w: w, js: newJSONWriter()}, nil
	case CSV:
		return newCSVEncoder(w), nil
	case ClaimReview:
		return newClaimReviewEncoder(w, opts.Publisher), nil
	case Wikidata:
		return newWikidataEncoder(w), nil
	case QuickStatements:
		return newQuickStatementsEncoder(w, opts.Publisher.Determination), nil
	}
	return nil, claims.Errorf(claims.CodeInvalid, "unknown format %q", f)
}

// jsonWriter marshals values without HTML escaping into a reused buffer.
type jsonWriter struct {
	buf bytes.Buffer
	enc *json.Encoder
}

func newJSONWriter() *jsonWriter {
	j := &jsonWriter{}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	return j
}

// marshal returns v as JSON without the trailing newline; the bytes are
// valid until the next call.
func (j *jsonWriter) marshal(v any) ([]byte, error) {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return nil, fmt.Errorf("exchange: encode: %w", err)
	}
	return bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")), nil
}

// jsonEncoder writes the document of claims.Bundle, one record a line:
//
//	{"schema_version":1,"exported_at":"…",
//	"topics":[
//	{…},
//	{…}],
//	"sources":[],
//	…}
type jsonEncoder struct {
	w       *bufio.Writer
	js      *jsonWriter
	next    int // index in Kinds of the next array to open
	first   bool
	history bool // the history array is open
}

func (e *jsonEncoder) kinds() []Kind { return Kinds }

func (e *jsonEncoder) begin(h Header) error {
	b, err := e.js.marshal(h)
	if err != nil {
		return err
	}
	_, err = e.w.Write(b[:len(b)-1]) // leave the object open
	return err
}

// open closes the arrays before kind k and opens k's.
func (e *jsonEncoder) open(k Kind) {
	for e.next < len(Kinds) && (e.next == 0 || Kinds[e.next-1] != k) {
		if e.next > 0 {
			e.w.WriteString("]")
		}
		e.w.WriteString(",\n\"" + Kinds[e.next].plural() + "\":[")
		e.first = true
		e.next++
	}
}

func (e *jsonEncoder) record(k Kind, rec any) error {
	b, err := e.js.marshal(rec)
	if err != nil {
		return err
	}
	return e.raw(k, b)
}

func (e *jsonEncoder) raw(k Kind, b []byte) error {
	if k == KindChange && !e.history {
		e.openHistory()
	} else if k != KindChange {
		e.open(k)
	}
	if e.first {
		e.w.WriteString("\n")
		e.first = false
	} else {
		e.w.WriteString(",\n")
	}
	_, err := e.w.Write(b)
	return err
}

// openHistory closes the last array of records and opens the history's.
func (e *jsonEncoder) openHistory() {
	e.open("")
	e.w.WriteString("],\n\"history\":[")
	e.first, e.history = true, true
}

func (e *jsonEncoder) end() error {
	if e.history {
		_, err := e.w.WriteString("]}\n")
		return err
	}
	e.open("")
	_, err := e.w.WriteString("]}\n")
	return err
}

// ndjsonEncoder writes a header line, then one typed record a line:
//
//	{"type":"header","schema_version":1,"exported_at":"…"}
//	{"type":"topic","record":{…}}
type ndjsonEncoder struct {
	w  *bufio.Writer
	js *jsonWriter
}

// ndjsonLine is one line of an NDJSON document.
type ndjsonLine struct {
	Type          string          `json:"type"`
	SchemaVersion int             `json:"schema_version,omitempty"`
	ExportedAt    *time.Time      `json:"exported_at,omitempty"`
	Record        json.RawMessage `json:"record,omitempty"`
}

func (e *ndjsonEncoder) kinds() []Kind { return Kinds }

func (e *ndjsonEncoder) begin(h Header) error {
	b, err := e.js.marshal(ndjsonLine{Type: "header", SchemaVersion: h.SchemaVersion, ExportedAt: &h.ExportedAt})
	if err != nil {
		return err
	}
	e.w.Write(b)
	_, err = e.w.WriteString("\n")
	return err
}

func (e *ndjsonEncoder) record(k Kind, rec any) error {
	b, err := e.js.marshal(rec)
	if err != nil {
		return err
	}
	return e.raw(k, b)
}

func (e *ndjsonEncoder) raw(k Kind, b []byte) error {
	e.w.WriteString(`{"type":"` + string(k) + `","record":`)
	e.w.Write(b)
	_, err := e.w.WriteString("}\n")
	return err
}

func (e *ndjsonEncoder) end() error { return nil }
