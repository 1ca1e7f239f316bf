package claims

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		wantErr bool
	}{
		{"", false},
		{"2014", false},
		{"2014-09", false},
		{"2014-09-29", false},
		{"2016-02-29", false},
		{"2015-02-29", true},
		{"2014-13", true},
		{"2014-9-29", true},
		{"14", true},
		{"29.09.2014", true},
		{"2014-09-29T10:00:00Z", true},
		{"Sep 2014", true},
		{"0000", true},
		{"0000-01-01", true},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
		}
	}
}

func TestDateSpan(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		in         Date
		start, end string
	}{
		{"2014", "2014-01-01", "2014-12-31"},
		{"2014-09", "2014-09-01", "2014-09-30"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2014-09-29", "2014-09-29", "2014-09-29"},
	}
	for _, tt := range tests {
		if got := tt.in.Start(); !got.Equal(day(tt.start)) {
			t.Errorf("Date(%q).Start() = %v, want %s", tt.in, got, tt.start)
		}
		if got := tt.in.End(); !got.Equal(day(tt.end)) {
			t.Errorf("Date(%q).End() = %v, want %s", tt.in, got, tt.end)
		}
	}
	if !Date("").Start().IsZero() || !Date("").End().IsZero() {
		t.Error("the unknown date has a span")
	}
}

func TestDaysApart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b Date
		want int
	}{
		{"2014-09", "2014-09-29", 0},
		{"2014", "2014-06-01", 0},
		{"2014-09-29", "2014-10-09", 10},
		{"2014-10-09", "2014-09-29", 10},
		{"2013", "2015", 366},
		{"2014-09", "", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		if got := DaysApart(tt.a, tt.b); got != tt.want {
			t.Errorf("DaysApart(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
