//go:build race

package scheduler_test

// lookupAllocs is what one goroutine check allocates in race-detector builds (owner_race.go: a runtime.Stack
// buffer); the allocation tests count the checks their loop makes.
const lookupAllocs = 1
