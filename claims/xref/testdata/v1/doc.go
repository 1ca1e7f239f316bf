// Package xref is the cross-referencing engine as it stood before the
// verdict rules of issue 9 (commit d13ba7e, claims/xref without its
// tests), kept only as the baseline of BenchmarkRecomputeV1 in the parent
// package. The one change: the measures stock and flow, which the claims
// package no longer declares, are constants here (see relation.go).
// Nothing but that benchmark imports it.
package xref
