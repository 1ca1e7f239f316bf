package gormstore

import (
	"fmt"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// SQLite keeps a timestamp as the text go-sqlite3 wrote it
// ("2026-03-01 12:00:00.123456+00:00"), and the driver reads a column
// declared TIMESTAMP back by trying time.ParseInLocation with each of
// sqlite3.SQLiteTimestampFormats in turn: a claim's two timestamps cost
// a listing of 50 claims a hundred calls of the general parser. The reads
// of claims select those columns as an expression instead (timeValue),
// which the driver passes through as it is stored, and read it here as
// the driver would: the shapes it writes by hand, any other text by the
// driver's own loop.

// storedTime is where a timestamp column scans (see columns.readDest): a
// time.Time as a driver gives it, or the value SQLite holds, selected
// with timeValue, read as go-sqlite3 reads a TIMESTAMP column without a
// _loc setting: a text with an offset keeps it as a fixed zone, one
// without reads as UTC. (A _loc setting is not applied; the conversion
// to UTC is claimRow.convert's.)
type storedTime time.Time

// Scan implements sql.Scanner.
func (t *storedTime) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*t = storedTime(v)
	case string:
		*t = storedTime(parseStoredTime(v))
	case int64:
		// As the driver reads an integer: seconds since 1970, or
		// milliseconds when too large for seconds.
		if v > 1e12 || v < -1e12 {
			*t = storedTime(time.Unix(0, v*int64(time.Millisecond)).UTC())
		} else {
			*t = storedTime(time.Unix(v, 0).UTC())
		}
	default:
		// database/sql refuses these for a *time.Time too.
		return fmt.Errorf("gormstore: a timestamp column holds %T, not a time", v)
	}
	return nil
}

// timeValue is how the reads of claims select a timestamp column on
// SQLite: as an expression (unary plus changes no value), whose result
// has no declared type for the driver to parse the stored text by.
func timeValue(col string) string { return "+" + col }

// parseStoredTime reads a timestamp's text as go-sqlite3 reads a column
// declared TIMESTAMP: a trailing Z cut, then the first of
// sqlite3.SQLiteTimestampFormats that parses it in UTC, else the zero
// time. The shapes it writes are parsed by hand (parseTimestamp), the
// others by the driver's own loop.
func parseStoredTime(s string) time.Time {
	s = strings.TrimSuffix(s, "Z")
	if t, ok := parseTimestamp(s); ok {
		return t
	}
	for _, f := range sqlite3.SQLiteTimestampFormats {
		if t, err := time.ParseInLocation(f, s, time.UTC); err == nil {
			return t
		}
	}
	return time.Time{}
}

// parseTimestamp parses "YYYY-MM-DD HH:MM:SS" (or with a T for the
// space), with an optional fraction of 1 to 9 digits and an optional
// "+HH:MM" or "-HH:MM" offset, as time.ParseInLocation does with the
// driver's first four layouts in UTC. It reports false on anything else,
// a value out of range included, for the caller to leave to time.Parse.
func parseTimestamp[T string | []byte](s T) (time.Time, bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := num(s[0:4])
	month, ok2 := num(s[5:7])
	day, ok3 := num(s[8:10])
	hour, ok4 := num(s[11:13])
	minute, ok5 := num(s[14:16])
	sec, ok6 := num(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	rest := s[19:]
	nsec := 0
	if len(rest) > 0 && rest[0] == '.' {
		n := 1
		for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return time.Time{}, false
		}
		nsec, _ = num(rest[1:n])
		for range 10 - n {
			nsec *= 10
		}
		rest = rest[n:]
	}
	offset := 0
	if len(rest) > 0 {
		if len(rest) != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' {
			return time.Time{}, false
		}
		hh, ok1 := num(rest[1:3])
		mm, ok2 := num(rest[4:6])
		if !ok1 || !ok2 || hh > 23 || mm > 59 {
			return time.Time{}, false
		}
		offset = (hh*60 + mm) * 60
		if rest[0] == '-' {
			offset = -offset
		}
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if offset != 0 {
		// As time.Parse records a numeric offset other than the
		// location's: a zone with no name.
		t = t.Add(-time.Duration(offset) * time.Second).In(time.FixedZone("", offset))
	}
	return t, true
}

// num reads s, decimal digits only.
func num[T string | []byte](s T) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of the month in the year.
func daysIn(m time.Month, year int) int {
	if m == time.February {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 30 + int((m+m/8)&1)
}
