//go:build !unix

package gormstore_test

// rusageMs is not read here, as the package does not log the CPU here.
func rusageMs() (user, sys float64, ok bool) { return 0, 0, false }
