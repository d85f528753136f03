//go:build !unix

package scheduler_test

import "time"

// processCPU is not measured on this system: the benchmarks report wall time only.
func processCPU() (time.Duration, bool) { return 0, false }
