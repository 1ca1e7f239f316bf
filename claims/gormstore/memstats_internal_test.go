package gormstore

import "testing"

// TestParseVmHWM reads the peak RSS from /proc/self/status texts written
// out here: the kernel's line, and lines missing or malformed, for which
// the import's log leaves the field out rather than log a wrong figure.
func TestParseVmHWM(t *testing.T) {
	for _, c := range []struct {
		name, status string
		want         int64
		ok           bool
	}{
		{"kernel's layout", "Name:\tclaimdesk\nVmPeak:\t  812345 kB\nVmHWM:\t  294744 kB\nVmRSS:\t  201000 kB\n", 294744, true},
		{"last line without newline", "VmRSS:\t 1 kB\nVmHWM:\t 7 kB", 7, true},
		{"missing", "Name:\tclaimdesk\nVmRSS:\t  201000 kB\n", 0, false},
		{"empty file", "", 0, false},
		{"no unit", "VmHWM:\t  294744\n", 0, false},
		{"other unit", "VmHWM:\t  288 MB\n", 0, false},
		{"not a number", "VmHWM:\t  29x744 kB\n", 0, false},
		{"negative", "VmHWM:\t  -5 kB\n", 0, false},
		{"no value", "VmHWM:\n", 0, false},
		{"prefix of another key", "VmHWMx:\t 12 kB\n", 0, false},
	} {
		got, ok := parseVmHWM([]byte(c.status))
		if got != c.want || ok != c.ok {
			t.Errorf("%s: parseVmHWM(%q) = %d, %v; want %d, %v", c.name, c.status, got, ok, c.want, c.ok)
		}
	}
}
