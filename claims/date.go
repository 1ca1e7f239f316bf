package claims

import (
	"fmt"
	"time"
)

// Date is a calendar date that may be known only to the month or the year,
// as sources often give it: "2014", "2014-09" or "2014-09-29", or to the
// minute of a day ("2014-09-29T12:00", by noon; UTC unless the analyst
// converts). The zero value means unknown. Dates of any precision sort correctly as strings
// within their precision; use Start and End to compare across precisions.
type Date string

var dateLayouts = [...]string{"2006-01-02", "2006-01", "2006", "2006-01-02T15:04"}

// ParseDate checks s and returns it as a Date. The empty string is the
// unknown date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	if _, _, err := parseDate(s); err != nil {
		return "", err
	}
	return Date(s), nil
}

func parseDate(s string) (time.Time, int, error) {
	for i, layout := range dateLayouts {
		if len(s) != len(layout) {
			continue
		}
		if t, err := time.Parse(layout, s); err == nil && t.Year() > 0 {
			return t, i, nil
		}
	}
	return time.Time{}, 0, fmt.Errorf("%q is not a date: use YYYY-MM-DD, YYYY-MM or YYYY, or YYYY-MM-DDTHH:MM for a time of day", s)
}

// Valid reports whether d is unknown or a well-formed date.
func (d Date) Valid() bool {
	_, err := ParseDate(string(d))
	return err == nil
}

// HasTime reports whether the date gives a time of day.
func (d Date) HasTime() bool { return len(d) == len("2006-01-02T15:04") && d.Valid() }

// Day returns the calendar day of a date with a time of day, else d.
func (d Date) Day() Date {
	if d.HasTime() {
		return d[:10]
	}
	return d
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d == "" }

// Start returns the first day the date may denote, or the zero time.
func (d Date) Start() time.Time {
	t, _, err := parseDate(string(d))
	if err != nil {
		return time.Time{}
	}
	return t
}

// End returns the last day the date may denote, or the zero time.
func (d Date) End() time.Time {
	t, precision, err := parseDate(string(d))
	if err != nil {
		return time.Time{}
	}
	switch precision {
	case 1:
		return t.AddDate(0, 1, -1)
	case 2:
		return t.AddDate(1, 0, -1)
	}
	return t
}

// Mid returns the middle of the span the date denotes, or the zero time.
func (d Date) Mid() time.Time {
	s, e := d.Start(), d.End()
	return s.Add(e.Sub(s) / 2)
}

// DaysApart returns the number of days between the nearest days that a and b
// may denote: 0 when they overlap (2014-09 and 2014-09-29) or either is unknown.
func DaysApart(a, b Date) int {
	if a.IsZero() || b.IsZero() {
		return 0
	}
	var gap time.Duration
	switch {
	case a.End().Before(b.Start()):
		gap = b.Start().Sub(a.End())
	case b.End().Before(a.Start()):
		gap = a.Start().Sub(b.End())
	}
	return int(gap.Hours() / 24)
}
