//go:build !unix

package star

import "time"

var started = time.Now()

// processCPU is the wall-clock time since the process started, where the CPU time is not at hand: the
// watchdog then times turns on the wall clock, and a loaded machine may make it stop a slow honest turn.
func processCPU() time.Duration { return time.Since(started) }
