package exchange

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/claimdesk/claimdesk/claims"
)

// Format is an export or import format.
type Format string

// The formats. JSON, NDJSON and CSV can be imported; ClaimReview,
// Wikidata and QuickStatements are export-only interchange dialects.
const (
	JSON        Format = "json"
	NDJSON      Format = "ndjson"
	CSV         Format = "csv"
	ClaimReview Format = "claimreview"
	Wikidata    Format = "wikidata"
	// QuickStatements is QuickStatements V1 text, to paste into the
	// Wikidata tool of that name.
	QuickStatements Format = "quickstatements"
)

// Formats lists every format, the default first.
var Formats = []Format{JSON, NDJSON, CSV, ClaimReview, Wikidata, QuickStatements}

// ImportFormats lists the formats Import reads.
var ImportFormats = []Format{JSON, NDJSON, CSV}

// ParseFormat returns the format named s; "" is JSON. An unknown name is
// CodeInvalid.
func ParseFormat(s string) (Format, error) {
	if s == "" {
		return JSON, nil
	}
	for _, f := range Formats {
		if string(f) == strings.ToLower(s) {
			return f, nil
		}
	}
	return "", claims.Errorf(claims.CodeInvalid, "unknown format %q: use json, ndjson, csv, claimreview, wikidata or quickstatements", s)
}

// Importable reports whether Import reads f.
func (f Format) Importable() bool { return f == JSON || f == NDJSON || f == CSV }

// ContentType returns the media type of a document in format f.
func (f Format) ContentType() string {
	switch f {
	case NDJSON:
		return "application/x-ndjson"
	case CSV:
		return "text/csv; charset=utf-8"
	case ClaimReview:
		return "application/ld+json"
	case QuickStatements:
		return "text/plain; charset=utf-8"
	}
	return "application/json"
}

// Ext returns the file name extension of format f, without the dot.
func (f Format) Ext() string {
	switch f {
	case NDJSON:
		return "ndjson"
	case CSV:
		return "csv"
	case ClaimReview:
		return "jsonld"
	case Wikidata:
		return "wikidata.json"
	case QuickStatements:
		return "qs.txt"
	}
	return "json"
}

// FormatOfName guesses the format of a file from its name: .ndjson and
// .jsonl are NDJSON, .csv is CSV, anything else JSON.
func FormatOfName(name string) Format {
	switch n := strings.ToLower(name); {
	case strings.HasSuffix(n, ".ndjson"), strings.HasSuffix(n, ".jsonl"):
		return NDJSON
	case strings.HasSuffix(n, ".csv"):
		return CSV
	}
	return JSON
}

// SniffNDJSON tells whether a document that starts with head is NDJSON
// rather than a JSON document, for a file whose name does not say (an
// NDJSON export saved as .json). It is NDJSON when its first line is a
// whole JSON object with a "type" member, which every NDJSON line has and
// a JSON document never has; a head that ends before the first line does
// says no.
func SniffNDJSON(head []byte) bool {
	line, _, found := bytes.Cut(bytes.TrimLeft(head, " \t\r\n\ufeff"), []byte("\n"))
	if !found || !json.Valid(line) {
		return false
	}
	var first struct {
		Type *json.RawMessage `json:"type"`
	}
	return bytes.HasPrefix(line, []byte("{")) && json.Unmarshal(line, &first) == nil && first.Type != nil
}

// Kind is a kind of record in an exchange document.
type Kind string

// The kinds of record, in the order a document lists them: every kind
// refers only to kinds before it (and topics to other topics).
const (
	KindTopic    Kind = "topic"
	KindSource   Kind = "source"
	KindClaimant Kind = "claimant"
	KindClaim    Kind = "claim"
	KindLink     Kind = "link"
	KindReview   Kind = "review"
)

// Kinds lists the kinds in document order.
var Kinds = []Kind{KindTopic, KindSource, KindClaimant, KindClaim, KindLink, KindReview}

// KindChange is a line of history (claims.Change): not a record but what
// happened to one. A document holds them, after every record, only when
// exported with ExportOptions.History; in JSON their array is "history".
const KindChange Kind = "change"

// plural is the kind's key in the JSON document.
func (k Kind) plural() string {
	if k == KindChange {
		return "history"
	}
	return string(k) + "s"
}

func kindOfPlural(s string) (Kind, bool) {
	for _, k := range append(Kinds[:len(Kinds):len(Kinds)], KindChange) {
		if k.plural() == s {
			return k, true
		}
	}
	return "", false
}

func kindOf(s string) (Kind, bool) {
	for _, k := range append(Kinds[:len(Kinds):len(Kinds)], KindChange) {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// meta returns the Meta of a record of any kind.
func meta(rec any) *claims.Meta {
	switch r := rec.(type) {
	case *claims.Topic:
		return &r.Meta
	case *claims.Source:
		return &r.Meta
	case *claims.Claimant:
		return &r.Meta
	case *claims.Claim:
		return &r.Meta
	case *claims.Link:
		return &r.Meta
	case *claims.Review:
		return &r.Meta
	}
	panic("exchange: not a record")
}

// newRecord returns a new, empty record of kind k.
func newRecord(k Kind) any {
	switch k {
	case KindTopic:
		return new(claims.Topic)
	case KindSource:
		return new(claims.Source)
	case KindClaimant:
		return new(claims.Claimant)
	case KindClaim:
		return new(claims.Claim)
	case KindLink:
		return new(claims.Link)
	case KindReview:
		return new(claims.Review)
	case KindChange:
		return new(claims.Change)
	}
	panic("exchange: unknown kind " + string(k))
}
