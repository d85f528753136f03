//go:build !linux

package main

// peakRSS is not read here (ru_maxrss's unit varies by system, and some have none): the runtime's total is
// sampled instead.
func peakRSS() (uint64, bool) { return 0, false }
