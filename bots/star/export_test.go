package star

import "time"

// Unguarded makes sb run its scripts as before the guards (metered builtins, checkpoints, the watchdog)
// existed, with the step budget alone: the benchmarks' baseline, measured in the same run.
func Unguarded(sb *Sandbox) *Sandbox {
	sb.unguarded = true
	return sb
}

// TimeTurns has f told how long each turn of every script takes (nil: no timing). Not safe while scripts run.
func TimeTurns(f func(time.Duration)) { turnTimer = f }
