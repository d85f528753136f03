//go:build !race

package scheduler_test

// lookupAllocs is 0: goroutines are checked in race-detector builds only (see race_test.go).
const lookupAllocs = 0
