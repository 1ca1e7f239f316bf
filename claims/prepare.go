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
			c.ParserVersion = quantity.Version
		case errors.As(err, &parseErr):
			// Reported by Validate unless the analyst gave an interval.
		default:
			return err
		}
	}
	c.settleInterval()
	err := c.Validate()
	if parseErr != nil && c.AnalystInterval == nil && err != nil {
		var e *Error
		if errors.As(err, &e) {
			for i, f := range e.Fields {
				if f.Field == "quantity_text" {
					e.Fields[i].Detail = parseErr.Reason + ": give analyst_interval, or set no_number"
				}
			}
		}
	}
	return err
}

// IntervalOf converts a parsed quantity to an Interval.
func IntervalOf(q quantity.Quantity) *Interval {
	return &Interval{
		Low: q.Low, High: q.High, Best: q.Best, Approx: q.Approx,
		Kind: string(q.Kind), Rule: q.Rule, Explanation: q.Explanation,
	}
}
