//go:build race

package scheduler_test

// checkAllocs is what the race-detector builds' goroutine checks allocate in a Spawn and a Tick of one tasklet:
// a runtime.Stack buffer for the driver at each entry and for the tasklet at its start (owner_race.go).
const checkAllocs = 3
