//go:build !race

package scheduler_test

// checkAllocs is 0: goroutines are checked in race-detector builds only (see race_test.go).
const checkAllocs = 0
