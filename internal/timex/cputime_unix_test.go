//go:build unix

package timex

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, so benchmarks can report
// throughput per CPU second, which shared machines disturb less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
