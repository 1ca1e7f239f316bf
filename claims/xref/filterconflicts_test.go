package xref

import (
	"slices"
	"testing"
)

// TestFilterConflictsSeverityBelow: SeverityBelow keeps the conflicts
// strictly less severe than it, alone and with MinSeverity as a
// half-open band, so that the bands [2, 5) and [5, ...) share none of
// severity 5; zero keeps every severity.
func TestFilterConflictsSeverityBelow(t *testing.T) {
	var cs []Conflict
	for i, sev := range []float64{1.2, 1.999, 2, 3.5, 4.999, 5, 5.001, 40} {
		cs = append(cs, Conflict{TopicID: "t", ClaimA: "a", ClaimB: string(rune('b' + i)), Severity: sev, Priority: sev})
	}
	severities := func(f ConflictFilter) []float64 {
		var out []float64
		for _, c := range FilterConflicts(cs, f) {
			out = append(out, c.Severity)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		f    ConflictFilter
		want []float64
	}{
		{ConflictFilter{SeverityBelow: 2}, []float64{1.2, 1.999}},
		{ConflictFilter{MinSeverity: 2, SeverityBelow: 5}, []float64{2, 3.5, 4.999}},
		{ConflictFilter{MinSeverity: 5}, []float64{5, 5.001, 40}},
		{ConflictFilter{SeverityBelow: 0}, []float64{1.2, 1.999, 2, 3.5, 4.999, 5, 5.001, 40}},
		{ConflictFilter{MinSeverity: 5, SeverityBelow: 5}, nil},
	} {
		if got := severities(tc.f); !slices.Equal(got, tc.want) {
			t.Errorf("FilterConflicts(min %v, below %v): severities %v, want %v", tc.f.MinSeverity, tc.f.SeverityBelow, got, tc.want)
		}
	}
}
