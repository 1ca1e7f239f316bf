package gormstore

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
)

// driverTime is how go-sqlite3 reads the text of a column declared
// TIMESTAMP (its SQLiteRows.Next), written out again from the driver's
// source: the oracle of the hand-written parser.
func driverTime(s string) time.Time {
	s = strings.TrimSuffix(s, "Z")
	for _, f := range sqlite3.SQLiteTimestampFormats {
		if t, err := time.ParseInLocation(f, s, time.UTC); err == nil {
			return t
		}
	}
	return time.Time{}
}

// sameTime reports whether a and b are the same instant in zones of the
// same name and offset.
func sameTime(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo && a.IsZero() == b.IsZero()
}

// timestampInputs returns timestamps in the shapes the driver writes and
// reads, across years, leap days, fractions and offsets, and mutations
// of them, most of them invalid.
func timestampInputs(r *rand.Rand, n int) (valid, mutated []string) {
	for range n {
		year := 1 + r.IntN(9999)
		if r.IntN(4) == 0 {
			year = 1970 + r.IntN(100)
		}
		t := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(31), r.IntN(24), r.IntN(60), r.IntN(60), 0, time.UTC)
		if r.IntN(10) == 0 {
			t = time.Date(year-year%4, time.February, 29, 23, 59, 59, 0, time.UTC) // a leap day, or the 1st of March
		}
		digits := r.IntN(10)
		frac := ""
		if digits > 0 {
			f := fmt.Sprintf("%09d", r.IntN(1e9))[:digits]
			frac = "." + f
		}
		sep := " "
		if r.IntN(3) == 0 {
			sep = "T"
		}
		zone := ""
		switch r.IntN(4) {
		case 0:
			zone = "+00:00"
		case 1:
			zone = fmt.Sprintf("%c%02d:%02d", "+-"[r.IntN(2)], r.IntN(24), r.IntN(60))
		case 2:
			zone = "Z"
		}
		s := t.Format("2006-01-02") + sep + t.Format("15:04:05") + frac + zone
		valid = append(valid, s)
		// What the driver writes for a time.Time in any zone.
		loc := time.FixedZone("", (r.IntN(48)-24)*1800)
		valid = append(valid, t.Add(time.Duration(r.IntN(1e9))).In(loc).Format(sqlite3.SQLiteTimestampFormats[0]))

		b := []byte(s)
		switch r.IntN(4) {
		case 0: // a character replaced
			b[r.IntN(len(b))] = "0123456789-:+ .TZx,9"[r.IntN(20)]
		case 1: // cut short
			b = b[:r.IntN(len(b))]
		case 2: // something added
			b = append(b, "0123456789-:+ .TZ"[r.IntN(17)])
		case 3: // a field out of range
			i := []int{5, 8, 11, 14, 17}[r.IntN(5)]
			b[i], b[i+1] = '0'+byte(r.IntN(10)), '0'+byte(r.IntN(10))
		}
		mutated = append(mutated, string(b))
	}
	return valid, mutated
}

// edgeTimestamps are timestamps at the bounds of each field, and texts
// that only look like timestamps.
var edgeTimestamps = []string{
	"", "Z", "2026", "2026-03-01", "2026-03-01 12:00", "2026-03-01T12:00", "2026-03-01 12:00:00",
	"2026-03-01 12:00:00Z", "2026-03-01 12:00:00ZZ", "2026-03-01 12:00:00+00:00", "2026-03-01 12:00:00-00:00",
	"2026-03-01 12:00:00+00:00Z", "2026-03-01 12:00:00.+00:00", "2026-03-01 12:00:00.5", "2026-03-01 12:00:00,5",
	"2026-03-01 12:00:00.123456789", "2026-03-01 12:00:00.1234567891", "2026-03-01 12:00:00.123456789123+01:00",
	"2026-03-01 12:00:00+24:00", "2026-03-01 12:00:00+23:59", "2026-03-01 12:00:00-23:59", "2026-03-01 12:00:00+01:60",
	"2026-03-01 12:00:00+1:00", "2026-03-01 12:00:00+0100", "2026-03-01 12:00:00 +01:00", "2026-03-01 12:00:00+01:00:00",
	"2026-02-29 00:00:00", "2024-02-29 00:00:00", "2000-02-29 00:00:00", "1900-02-29 00:00:00", "2026-04-31 00:00:00",
	"2026-12-31 23:59:59.999999999", "2026-13-01 00:00:00", "2026-00-01 00:00:00", "2026-01-00 00:00:00",
	"2026-01-32 00:00:00", "2026-01-01 24:00:00", "2026-01-01 23:60:00", "2026-01-01 23:59:60", "0000-01-01 00:00:00",
	"0001-01-01 00:00:00+00:00", "9999-12-31 23:59:59.999999999-23:59", "+026-01-01 00:00:00", "-026-01-01 00:00:00",
	"2026-1-01 00:00:00", "2026-01-1 00:00:00", "2026-01-01 1:00:00", "2026-01-01 01:0:00", "2026-01-01 01:00:0",
	"2026-01-01_00:00:00", "2026/01/01 00:00:00", "2026-01-01 00:00:00\x00", "２026-01-01 00:00:00", "2026-01-01t00:00:00",
	"2026-01-01 00:00:00.000000000+00:00", "2026-01-01 00:00:00.1-00:30", "1970-01-01 00:00:00-00:01",
}

// TestParseTimestampAgreesWithDriver checks the hand-written parser
// against the driver's loop of time.ParseInLocation: every input it
// accepts reads as the driver reads it, every shape the driver writes it
// accepts, and parseStoredTime reads every input, valid or not, as the
// driver does.
func TestParseTimestampAgreesWithDriver(t *testing.T) {
	valid, mutated := timestampInputs(rand.New(rand.NewPCG(1, 14)), 20000)
	accepted := 0
	check := func(s string, mustAccept bool) {
		want := driverTime(s)
		got, ok := parseTimestamp(strings.TrimSuffix(s, "Z"))
		if ok {
			accepted++
			if !sameTime(got, want) {
				t.Errorf("parseTimestamp(%q) = %v, the driver reads %v", s, got, want)
			}
		} else if mustAccept {
			t.Errorf("parseTimestamp(%q) refused a shape the driver writes (it reads %v)", s, want)
		}
		if got := parseStoredTime(s); !sameTime(got, want) {
			t.Errorf("parseStoredTime(%q) = %v, the driver reads %v", s, got, want)
		}
		if got, ok := parseTimestamp([]byte(strings.TrimSuffix(s, "Z"))); ok && !sameTime(got, want) {
			t.Errorf("parseTimestamp([]byte(%q)) = %v, the driver reads %v", s, got, want)
		}
	}
	for _, s := range valid {
		check(s, !driverTime(s).IsZero())
	}
	for _, s := range mutated {
		check(s, false)
	}
	for _, s := range edgeTimestamps {
		check(s, false)
	}
	if accepted < len(valid)*9/10 {
		t.Errorf("the hand-written parser took %d inputs of %d valid ones", accepted, len(valid))
	}
	// The export's reading of a packed row: the same instant, in UTC.
	for _, s := range append(valid, edgeTimestamps...) {
		if got, ok := parseSQLiteTime([]byte(s)); ok && (!got.Equal(driverTime(s)) || got.Location() != time.UTC) {
			t.Errorf("parseSQLiteTime(%q) = %v, the driver reads %v", s, got, driverTime(s))
		}
	}
}

// TestStoredTimeThroughDriver stores timestamp texts in a SQLite column
// declared TIMESTAMP, as go-sqlite3 writes them and as they might be
// written by hand, and reads each back through the driver (a time.Time)
// and as an untyped expression (timeValue) into storedTime: the same times.
func TestStoredTimeThroughDriver(t *testing.T) {
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE TABLE t (i INTEGER PRIMARY KEY, at TIMESTAMP NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	valid, mutated := timestampInputs(rand.New(rand.NewPCG(2, 14)), 500)
	texts := append(append(valid, mutated...), edgeTimestamps...)
	for i, s := range texts {
		if _, err := db.Exec("INSERT INTO t VALUES (?, ?)", i, s); err != nil {
			t.Fatal(err)
		}
	}
	// And times the driver formats itself.
	base := len(texts)
	for i, at := range []time.Time{time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 1, time.FixedZone("X", -5*3600))} {
		if _, err := db.Exec("INSERT INTO t VALUES (?, ?)", base+i, at); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := db.Query("SELECT i, at, " + timeValue("at") + " FROM t ORDER BY i")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var i int
		var viaDriver time.Time
		var viaText storedTime
		if err := rows.Scan(&i, &viaDriver, &viaText); err != nil {
			t.Fatal(err)
		}
		if got := time.Time(viaText); !sameTime(got, viaDriver) {
			t.Errorf("row %d: the text reads %v, the driver %v", i, got, viaDriver)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != base+2 {
		t.Fatalf("%d rows read, want %d", n, base+2)
	}
}

// BenchmarkStoredTime compares reading a timestamp as the driver writes
// it with the driver's loop of time.ParseInLocation (baseline) and by
// hand.
func BenchmarkStoredTime(b *testing.B) {
	s := time.Date(2026, 3, 1, 12, 34, 56, 123456000, time.UTC).Format(sqlite3.SQLiteTimestampFormats[0])
	b.Run("baseline=driver", func(b *testing.B) {
		for b.Loop() {
			if driverTime(s).IsZero() {
				b.Fatal(s)
			}
		}
	})
	b.Run("hand", func(b *testing.B) {
		for b.Loop() {
			if parseStoredTime(s).IsZero() {
				b.Fatal(s)
			}
		}
	})
}
