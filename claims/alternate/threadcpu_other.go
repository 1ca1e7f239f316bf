//go:build !linux

package alternate

import "errors"

// threadCPU is not read on this system: Run fails rather than report
// figures the load of other processes would skew.
func threadCPU() (int64, error) {
	return 0, errors.New("not read on this system (Linux's CLOCK_THREAD_CPUTIME_ID only)")
}
