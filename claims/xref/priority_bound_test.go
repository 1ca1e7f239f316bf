package xref

import (
	"testing"

	"github.com/claimdesk/claimdesk/claims"
)

// TestPriorityNeverExceedsSeverity (review of conflictsscreen): the
// store's shortcut for a band of severity by priority adds "priority <
// severity_below", sound only if no stored conflict's priority exceeds its
// severity. Every stored severity comes from relate, rounded by
// roundSeverity; over every pair of grades (and one unknown), for
// severities from 1 to 100 in steps of 0.001, from there to MaxSeverity
// by factors of 1.0007, and at and past MaxSeverity, the priority is at
// most the severity.
func TestPriorityNeverExceedsSeverity(t *testing.T) {
	grades := []claims.Grade{"unknown-grade"}
	for g := range GradeWeight {
		grades = append(grades, g)
	}
	var sev []float64
	for k := 1000; k <= 100_000; k++ {
		sev = append(sev, float64(k)/1000)
	}
	for s := 100.0; s < MaxSeverity; s *= 1.0007 {
		sev = append(sev, s)
	}
	sev = append(sev, MaxSeverity, 2*MaxSeverity)
	checked := 0
	for _, raw := range sev {
		s := roundSeverity(raw)
		for _, a := range grades {
			for _, b := range grades {
				if p := Priority(s, a, b); p > s {
					t.Fatalf("Priority(%v, %s, %s) = %v, above the severity", s, a, b, p)
				}
				checked++
			}
		}
	}
	// The invariant holds because severities are rounded first: an
	// unrounded severity just under a bound is given a priority at it.
	if p := Priority(4.9996, claims.GradeConfirmed, claims.GradeConfirmed); p <= 4.9996 {
		t.Errorf("Priority(4.9996, confirmed, confirmed) = %v: expected the rounding to reach 5", p)
	}
	t.Logf("%d severities and grade pairs checked", checked)
}
