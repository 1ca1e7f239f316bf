package claims

import (
	"errors"

	"github.com/claimdesk/claimdesk/claims/quantity"
)

// Prepare readies c for writing: it normalises the claim, reads its
// QuantityText with p (a nil p uses the built-in lexicon), settles which
// interval is in force and validates the result. Stores call it before
// every write, so every path that writes a claim parses it the same way.
func (c *Claim) Prepare(p *quantity.Parser) error {
	c.Normalize()
	c.Parsed, c.ParserVersion = nil, ""
	var parseErr *quantity.Error
	if c.QuantityText != "" && !c.NoNumber {
		if p == nil {
			p = quantity.New()
		}
		q, err := p.Parse(c.QuantityText)
		switch {
		case err == nil:
			c.Parsed = IntervalOf(q)
			c.ParserVersion = p.Version()
		case errors.As(err, &parseErr):
			// Reported by Validate unless the analyst gave an interval.
		default:
			return err
		}
	}
	c.settleInterval()
	err := c.Validate()
	if parseErr != nil {
		err = withParseReason(err, parseErr.Reason)
	}
	return err
}

// withParseReason replaces the generic complaint about quantity_text in a
// validation error with the parser's reason, so the analyst learns why the
// text could not be read.
func withParseReason(err error, reason string) error {
	fields := ErrorFields(err)
	var p Problems
	for _, f := range fields {
		if f.Field == "quantity_text" {
			f.Detail = reason + ": give analyst_interval, or set no_number"
		}
		p = append(p, f)
	}
	if len(p) == 0 {
		return err
	}
	return p.Err("claim")
}

// IntervalOf converts a parsed quantity to an Interval.
func IntervalOf(q quantity.Quantity) *Interval {
	return &Interval{
		Low: q.Low, High: q.High, Best: q.Best, Approx: q.Approx,
		Kind: q.Kind, Rule: q.Rule, Explanation: q.Explanation,
	}
}
