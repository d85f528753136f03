package main

import (
	"syscall"
	"time"
)

// peakRSS is the process's peak resident set size: getrusage's ru_maxrss, which Linux gives in KiB.
func peakRSS() (uint64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil || ru.Maxrss <= 0 {
		return 0, false
	}
	return uint64(ru.Maxrss) * 1024, true
}

// cpuTime is the CPU time (user and system) the process has used, and whether the platform gives it.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
