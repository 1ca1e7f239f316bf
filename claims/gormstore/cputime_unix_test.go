//go:build unix

package gormstore_test

import "syscall"

// rusageMs returns the CPU the process has used so far, user and system,
// in milliseconds, read from getrusage here rather than by the package.
func rusageMs() (user, sys float64, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, false
	}
	return float64(ru.Utime.Nano()) / 1e6, float64(ru.Stime.Nano()) / 1e6, true
}
