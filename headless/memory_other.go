//go:build !linux

package main

import "time"

// peakRSS is not read here (ru_maxrss's unit varies by system, and some have none): the runtime's total is
// sampled instead.
func peakRSS() (uint64, bool) { return 0, false }

// cpuTime is not read here: the rows report no CPU time.
func cpuTime() (time.Duration, bool) { return 0, false }
