//go:build unix

package gormstore

import "syscall"

// processCPU returns the CPU time the process has used so far, user and
// system, in milliseconds (getrusage), and false if it cannot be read.
func processCPU() (user, sys float64, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0, false
	}
	ms := func(t syscall.Timeval) float64 { return float64(t.Nano()) / 1e6 }
	return ms(ru.Utime), ms(ru.Stime), true
}
